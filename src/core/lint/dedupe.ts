// One finding per mistake, however often the analysis met it. A builder called twice meets
// the same finding twice (dropped, as it is the same); a loop that builds a layer 2,000 times
// meets it once per iteration, often with a value that changes each time ("units ... is 0.5",
// "... is 0.25"): those are one finding at that place, with a count, not a thousand lines.
// Shared by every front end: it sees only codes, spans and messages.
import type { Finding } from '../types';
import { formatCount } from '../format';

/** Numbers as written in messages (not the digits inside words such as Conv2D). */
const NUMBER = /(?<![\w.])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w])|\b(?:Infinity|NaN)\b/g;

/** The same mistake at the same place: code, severity, span, and the message but its numbers. */
function groupKey(f: Finding): string {
  return `${f.code}|${f.severity}|${f.span.start}|${f.span.end}|${f.message.replace(NUMBER, '#')}`;
}

/**
 * Drops exact duplicates, then merges findings that differ only in the numbers of their
 * messages into the first of them, which gets `occurrences` and says how many there were.
 */
export function mergeRepeatedFindings(findings: readonly Finding[]): Finding[] {
  const exact = new Set<string>();
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.code}|${f.span.start}|${f.span.end}|${f.message}`;
    if (exact.has(key)) continue;
    exact.add(key);
    const group = groupKey(f);
    const members = groups.get(group);
    if (members) members.push(f);
    else groups.set(group, [f]);
  }
  const out: Finding[] = [];
  for (const members of groups.values()) {
    const first = members[0];
    if (members.length === 1) {
      out.push(first);
      continue;
    }
    const more = members.length - 1;
    const note = `(and ${formatCount(more)} more time${more === 1 ? '' : 's'} here, with other values)`;
    const message = first.message.endsWith('.') ? `${first.message.slice(0, -1)} ${note}.` : `${first.message} ${note}`;
    out.push({ ...first, message, occurrences: members.length });
  }
  return out;
}
