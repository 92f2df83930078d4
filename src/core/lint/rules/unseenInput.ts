// 'valid' padding with a stride that does not divide (input - window) leaves the last rows or
// columns of the input unseen. TF.js accepts it silently; we tell the user (info).
import type { Finding } from '../../types';
import { layerOf, stringConfig, type Rule } from '../context';

const AXIS_NAMES: Record<number, readonly string[]> = {
  1: ['step'],
  2: ['row', 'column'],
  3: ['frame', 'row', 'column'],
};

export const unseenInput: Rule = (ctx) => {
  const findings: Finding[] = [];
  for (const node of ctx.model.nodes) {
    const decl = layerOf(node);
    const window = node.sharedRepeat ? undefined : node.window;
    if (!decl || !window || window.mode === 'upsample' || decl.configIncomplete) continue;
    const padding = decl.config.padding;
    if (padding !== undefined && padding !== 'valid') continue;
    const input = node.inputShapes[0];
    if (!input) continue;
    const axes = window.kernel.length;
    const channelsFirst = stringConfig(node, 'dataFormat') === 'channelsFirst';
    const spatial = channelsFirst ? input.slice(2, 2 + axes) : input.slice(1, 1 + axes);
    const parts: string[] = [];
    spatial.forEach((size, i) => {
      const k = window.kernel[i];
      const s = window.stride[i];
      if (typeof size !== 'number' || s <= 1 || size < k) return;
      const unseen = (size - k) % s;
      if (unseen === 0) return;
      const name = (AXIS_NAMES[axes] ?? [])[i] ?? `axis ${i + 1}`;
      parts.push(`the last ${unseen} ${name}${unseen > 1 ? 's' : ''} of ${size} (window ${k}, stride ${s})`);
    });
    if (parts.length === 0) continue;
    const same = ctx.spelling.str('same');
    const usePadding = ctx.spelling.setting('padding', same);
    const edit = ctx.spelling.setConfig(ctx.text, decl, 'padding', same);
    findings.push({
      code: 'shape/unseen-input',
      severity: 'info',
      span: decl.configSpans.strides ?? decl.configSpans.poolSize ?? node.node.span,
      message: `With padding 'valid', ${node.className ?? 'this layer'} never looks at ${parts.join(' and ')}. Use ${usePadding}, or sizes where the stride divides (input - window).`,
      fixes: edit ? [{ title: `Use ${usePadding}`, edits: [edit] }] : undefined,
      modelIndex: ctx.modelIndex,
    });
  }
  return findings;
};

