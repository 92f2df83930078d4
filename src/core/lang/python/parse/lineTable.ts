// The logical lines of long Python texts as parse/pieceCuts.ts needs them, kept for the last
// few texts: scanning 2,000 lines cost ~1.5 ms per edit, more than parsing the one piece the
// edit touched. For a text that is a kept one edited, only the lines around the edit are
// scanned again, from a line before it to the first line after it where the old scan is met
// again; the table is exactly a full scan's (see `LineTables.of` for why, and
// test/unit/python/pieceCuts.test.ts, which checks random edit chains, broken code included,
// against full scans).
import { scanLines, scanLinesFrom, type LogicalLine } from './lines';

/** What the cuts need of the logical lines, as flat arrays (an edit near the top moves them all). */
export interface LineTable {
  /** Offset of each logical line's first token. */
  readonly starts: Int32Array;
  /** Its indentation characters: the physical line starts at start - indentChars. */
  readonly indentChars: Int32Array;
  /** TOP, CONTINUATION, DECORATOR bits. */
  readonly flags: Uint8Array;
}

/** Indentation 0. */
export const TOP = 1;
/** `else`, `except`, ...: the rest of a statement, not one of its own. */
export const CONTINUATION = 2;
export const DECORATOR = 4;

const CONTINUATIONS = new Set(['elif', 'else', 'except', 'finally', 'case']);

/** Texts whose tables are kept: the documents being edited. */
const KEPT_TEXTS = 4;

interface Kept {
  readonly text: string;
  readonly table: LineTable;
  /** The scan reported no problem, so no line was read past its own end (see `LineTables.of`). */
  readonly clean: boolean;
}

/** Characters past a line's end its scan may read (looking for a triple quote, or `\n` after `\r`): a resumed scan starts this far before an edit. */
const LOOKAHEAD = 4;

/** A text that differs from a kept one in more than this share of it is no edit of it (another file): scanned whole. */
const MAX_CHANGED_SHARE = 0.5;

export class LineTables {
  /** Most recently used last. */
  private readonly kept: Kept[] = [];
  /** How tables were found, for tests: re-scanned around an edit, or scanned whole. */
  readonly stats = { rescanned: 0, full: 0 };

  /**
   * The text's logical lines, from a kept text it is an edit of where that is exact, else from
   * a full scan. Why a partial scan is exact: the scanner reads each logical line afresh from
   * its start, and a line that ends normally reads nothing past its end but a few characters
   * (LOOKAHEAD); only a line whose bracket or string is never closed reads on to the end of the
   * text (and then cuts back), and every such line reports a problem. So when the old scan
   * reported none, its lines before the edit are the new text's too, the scan resumed at one of
   * them finds the new lines, and once it meets, past the edit, a line start of the old scan,
   * the old lines from there on are the new ones, moved by the change in length. The resumed
   * part must report no problem either, or the whole text is scanned.
   */
  of(text: string): LineTable {
    for (let i = this.kept.length - 1; i >= 0; i--) {
      const kept = this.kept[i];
      if (kept.text === text) {
        this.keep(kept, i);
        return kept.table;
      }
      const table = kept.clean ? rescan(kept, text) : null;
      if (table) {
        this.stats.rescanned++;
        this.keep({ text, table, clean: true }, i);
        return table;
      }
    }
    this.stats.full++;
    const scan = scanLines(text);
    const table = tableOf(scan.lines);
    this.keep({ text, table, clean: scan.problems.length === 0 }, -1);
    return table;
  }

  private keep(entry: Kept, replacing: number): void {
    if (replacing >= 0) this.kept.splice(replacing, 1);
    this.kept.push(entry);
    if (this.kept.length > KEPT_TEXTS) this.kept.shift();
  }
}

function tableOf(lines: readonly LogicalLine[]): LineTable {
  const n = lines.length;
  const table = { starts: new Int32Array(n), indentChars: new Int32Array(n), flags: new Uint8Array(n) };
  for (let k = 0; k < n; k++) {
    const line = lines[k];
    table.starts[k] = line.start;
    table.indentChars[k] = line.altIndent;
    table.flags[k] = (line.indent === 0 ? TOP : 0) | (CONTINUATIONS.has(line.keyword) ? CONTINUATION : 0) | (line.keyword === '@' ? DECORATOR : 0);
  }
  return table;
}

/** Where line k's physical line starts: where the scanner began it. */
function lineStart(table: LineTable, k: number): number {
  return table.starts[k] - table.indentChars[k];
}

/** The first line index whose physical line starts at or after `offset` (the line count if none). */
function firstLineFrom(table: LineTable, offset: number): number {
  let lo = 0;
  let hi = table.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lineStart(table, mid) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The lines of `text`, an edit of the cleanly scanned `kept.text`, or null when a full scan must decide. */
function rescan(kept: Kept, text: string): LineTable | null {
  const old = kept.text;
  const prefix = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - prefix);
  if (prefix + suffix < text.length * (1 - MAX_CHANGED_SHARE)) return null;
  const table = kept.table;
  const delta = text.length - old.length;
  // Old lines kept as they are: those before the last line start at least LOOKAHEAD before the edit.
  const resume = Math.max(0, firstLineFrom(table, prefix - LOOKAHEAD + 1) - 1);
  const from = resume < table.starts.length && lineStart(table, resume) + LOOKAHEAD <= prefix ? lineStart(table, resume) : 0;
  const keptBefore = from === 0 ? 0 : resume;
  // Old lines past the edit: a new line start there that is one of theirs (moved) meets them.
  const changedEnd = text.length - suffix;
  const firstAfter = firstLineFrom(table, old.length - suffix);
  let met = -1;
  const part = scanLinesFrom(text, from, (at) => {
    if (at < changedEnd) return false;
    const k = firstLineFrom(table, at - delta);
    if (k < firstAfter || k >= table.starts.length || lineStart(table, k) !== at - delta) return false;
    met = k;
    return true;
  });
  if (part.problems.length > 0) return null;
  const after = met >= 0 ? table.starts.length - met : 0;
  const n = keptBefore + part.lines.length + after;
  const out = { starts: new Int32Array(n), indentChars: new Int32Array(n), flags: new Uint8Array(n) };
  out.starts.set(table.starts.subarray(0, keptBefore));
  out.indentChars.set(table.indentChars.subarray(0, keptBefore));
  out.flags.set(table.flags.subarray(0, keptBefore));
  const middle = tableOf(part.lines);
  out.starts.set(middle.starts, keptBefore);
  out.indentChars.set(middle.indentChars, keptBefore);
  out.flags.set(middle.flags, keptBefore);
  if (met >= 0) {
    const at = keptBefore + part.lines.length;
    for (let k = 0; k < after; k++) out.starts[at + k] = table.starts[met + k] + delta;
    out.indentChars.set(table.indentChars.subarray(met), at);
    out.flags.set(table.flags.subarray(met), at);
  }
  return out;
}

/** Characters compared at once (native string comparison) before the last ones one by one. */
const CHUNK = 512;

/** The length of the longest common prefix of a and b. */
function commonPrefix(a: string, b: string): number {
  const min = Math.min(a.length, b.length);
  let i = 0;
  while (i + CHUNK <= min && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < min && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The length of the longest common suffix of a and b, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  while (i + CHUNK <= max && a.slice(a.length - i - CHUNK, a.length - i) === b.slice(b.length - i - CHUNK, b.length - i)) i += CHUNK;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}
