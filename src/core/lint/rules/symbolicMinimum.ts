// A window that needs a minimum input size, on a size the code leaves open: not an error (the
// code may always be called with enough), but worth knowing. One finding per symbol, naming the
// tightest condition and the layer that sets it: "needs IMG ≥ 10: conv2d_3's 3×3 kernel".
import type { Finding } from '../../types';
import { propertySpan, type Rule } from '../context';

export const symbolicMinimum: Rule = (ctx) => {
  const findings: Finding[] = [];
  for (const m of ctx.model.symbolMinimums ?? []) {
    const node = ctx.model.nodes[m.node];
    if (!node) continue;
    const ref = ctx.model.symbols?.find((s) => s.name === m.symbol);
    const name = node.displayName;
    findings.push({
      code: 'shape/symbolic-minimum',
      severity: 'info',
      span: propertySpan(node, m.property),
      message: `This model needs ${m.symbol} ≥ ${m.min}: ${name}'s ${m.what} leaves no output below that.`,
      related: ref ? [{ span: ref.span, message: `${m.symbol}: ${ref.why}` }] : undefined,
      modelIndex: ctx.modelIndex,
    });
  }
  return findings;
};
