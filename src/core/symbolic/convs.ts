// Windowed convolutions over symbolic sizes: regular, depthwise and separable, 1D to 3D, as the
// catalog computes them with numbers (catalog/convolutional.ts). Spatial sizes go through
// windowLength; channels and parameters are products of the kernel size and the channels.
// Transposed convolutions are affine in their input size and go through affineProbe.ts.
import { readConvConfig, type ConvKind } from '../catalog/convConfig';
import type { LayerContext, SymbolicDim, SymbolicShape } from '../types';
import { add, constant, mul, scale, type Expr } from './expr';
import { symbolicDimOf } from './symbols';
import { simplifyDim, spatial, toExpr, windowLength, windowNeeds, windowText } from './dims';
import type { SymbolicInference } from './layers';

const NONE: SymbolicInference = { shape: null, params: null };

/** The windowed convolutions: spatial rank and kind. */
export const WINDOWED_CONVS: Readonly<Record<string, { readonly n: number; readonly kind: Exclude<ConvKind, 'transpose'> }>> = {
  Conv1D: { n: 1, kind: 'conv' },
  Conv2D: { n: 2, kind: 'conv' },
  Conv3D: { n: 3, kind: 'conv' },
  DepthwiseConv1D: { n: 1, kind: 'depthwise' },
  DepthwiseConv2D: { n: 2, kind: 'depthwise' },
  SeparableConv1D: { n: 1, kind: 'separable' },
  SeparableConv2D: { n: 2, kind: 'separable' },
};

/** Parameters of one conv: the catalog's convParams over expressions. */
function paramsOf(kind: Exclude<ConvKind, 'transpose'>, k: number, inC: Expr, filters: Expr | null, dm: number, bias: boolean): Expr | null {
  if (kind === 'depthwise') return scale(inC, (k + (bias ? 1 : 0)) * dm);
  if (filters === null) return null;
  if (kind === 'separable') return add(add(scale(inC, k * dm), mul(scale(inC, dm), filters)), bias ? filters : constant(0));
  return mul(add(scale(inC, k), constant(bias ? 1 : 0)), filters);
}

export function windowedConv(className: string, ctx: LayerContext, input: SymbolicShape | null): SymbolicInference {
  const spec = WINDOWED_CONVS[className];
  if (!spec || input === null || input.length !== spec.n + 2 || ctx.config.loraRank !== undefined) return NONE;
  const { n, kind } = spec;
  const keras = ctx.dialect === 'keras';
  const c = readConvConfig(className, n, kind, ctx, []);
  if (c.dataFormat === null || c.groups !== 1 || c.useBias === null || c.depthMultiplier === null || c.degenerate) return NONE;
  // TF.js's Conv1D runs channelsLast whatever it declares, and shapes 'causal' as 'valid'
  // (catalog/convolutional.ts): left to the catalog.
  if (!keras && (c.padding === 'causal' || (n === 1 && c.dataFormat === 'channelsFirst'))) return NONE;
  const { axes, channel } = spatial(n, c.dataFormat === 'channelsFirst');
  // TF.js's depthwise conv ignores dilation in its shape; Keras's honours it.
  const dilates = keras || kind !== 'depthwise';
  const extents = axes.map((_, i) => {
    const k = c.kernel[i];
    const dil = dilates ? c.dilation[i] : 1;
    return k === null || dil === null ? null : dil * (k - 1) + 1;
  });
  const space = axes.map((a, i) => windowLength(input[a], extents[i], c.strides[i], c.padding));
  const dilated = dilates && c.dilation.some((x) => x !== 1) ? ` at dilation ${c.dilation.map((x) => x ?? '?').join('×')}` : '';
  const needs = windowNeeds(input, axes, extents, c.padding, `${windowText(c.kernel)} kernel${dilated}`, 'kernelSize');
  const inC = toExpr(input[channel]);
  const filters: SymbolicDim = kind === 'depthwise' ? simplifyDim(inC && scale(inC, c.depthMultiplier)) : typeof c.filters === 'number' ? c.filters : symbolicDimOf(ctx.config.filters);
  const out: SymbolicDim[] = c.dataFormat === 'channelsFirst' ? [input[0], filters, ...space] : [input[0], ...space, filters];
  const k = c.kernel.every((x) => x !== null) ? (c.kernel as number[]).reduce((a, b) => a * b, 1) : null;
  const params = k !== null && inC ? paramsOf(kind, k, inC, toExpr(filters), c.depthMultiplier, c.useBias) : null;
  return { shape: out, params, needs };
}
