// What the matcher said about a trained-weights file, as panel messages: errors first (they say
// why a layer cannot be previewed), then warnings, then notes, at most MAX_SHOWN of them and one
// line counting the rest. A file with 200,000 stray weights gives 200,000 messages; nobody reads
// those, and drawing them would stall the panel.
import type { WeightMessage } from '../weights/matchWeights';
import { previewMessage } from './previewView';

export const MAX_SHOWN = 30;

const ORDER: Readonly<Record<WeightMessage['severity'], number>> = { error: 0, warning: 1, info: 2 };

export function weightMessageList(messages: readonly WeightMessage[], max = MAX_SHOWN): HTMLElement[] {
  const sorted = messages.map((m, i) => ({ m, i })).sort((a, b) => ORDER[a.m.severity] - ORDER[b.m.severity] || a.i - b.i);
  const out = sorted.slice(0, max).map(({ m }) => previewMessage(m.severity, `Trained weights: ${m.message}`));
  const rest = sorted.slice(max);
  if (rest.length) {
    const count = (s: WeightMessage['severity']) => rest.filter((r) => r.m.severity === s).length;
    const parts = [
      [count('error'), 'error'],
      [count('warning'), 'warning'],
      [count('info'), 'note'],
    ]
      .filter(([n]) => (n as number) > 0)
      .map(([n, what]) => `${(n as number).toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`);
    out.push(previewMessage(count('error') ? 'error' : 'warning', `Trained weights: … and ${rest.length.toLocaleString('en-US')} more messages (${parts.join(', ')}) not shown.`));
  }
  return out;
}
