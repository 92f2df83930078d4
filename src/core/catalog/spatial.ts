// Sliding-window arithmetic shared by the convolutional and pooling families, following
// tfjs-layers/src/utils/conv_utils.ts (convOutputLength, deconvLength).
import type { Dim, LayerProblem, WindowGeometry } from '../types';
import { problem, type DataFormat } from './config';

/** Indices of the spatial axes of a rank-(n+2) tensor in the given layout. */
export function spatialAxes(n: number, dataFormat: DataFormat): number[] {
  const first = dataFormat === 'channelsFirst' ? 2 : 1;
  return Array.from({ length: n }, (_, i) => first + i);
}

export function channelAxis(n: number, dataFormat: DataFormat): number {
  return dataFormat === 'channelsFirst' ? 1 : n + 1;
}

/** The extent a dilated kernel covers: k + (k - 1)(d - 1). */
export function dilatedExtent(kernel: Dim, dilation: Dim): Dim {
  if (kernel === null || dilation === null) return null;
  return kernel + (kernel - 1) * (dilation - 1);
}

/**
 * TF.js's convOutputLength: 'same' → ceil(in / stride); anything else (including 'causal',
 * which TF.js shapes like 'valid') → ceil((in - dilatedKernel + 1) / stride).
 */
export function convLength(input: Dim, extent: Dim, padding: string | null, stride: Dim): Dim {
  if (input === null || padding === null || stride === null) return null;
  if (padding === 'same') return Math.floor((input + stride - 1) / stride);
  if (extent === null) return null;
  return Math.floor((input - extent + 1 + stride - 1) / stride);
}

/** TF.js's deconvLength (transposed convolutions; no outputPadding in TF.js 4.x). */
export function deconvLength(input: Dim, stride: Dim, kernel: Dim, padding: string | null): Dim {
  if (input === null || stride === null || padding === null) return null;
  if (padding === 'same') return input * stride;
  if (kernel === null) return null;
  return input * stride + Math.max(kernel - stride, 0);
}

/**
 * Keras's transposed-convolution length (`_get_output_shape_given_tf_padding`), with the
 * dilated kernel extent k' and output_padding p (undefined: Keras's None):
 * 'valid' → (L - 1)·s + max(k', s), or (L - 1)·s + k' + p; 'same' → L·s, or (L - 1)·s + k' % 2 + p.
 */
export function kerasDeconvLength(input: Dim, stride: Dim, extent: Dim, padding: string | null, outputPadding: Dim | undefined): Dim {
  if (input === null || stride === null || padding === null || outputPadding === null) return null;
  if (padding === 'same' && outputPadding === undefined) return input * stride;
  if (extent === null) return null;
  if (padding === 'same') return (input - 1) * stride + (extent % 2) + (outputPadding as number);
  return (input - 1) * stride + (outputPadding === undefined ? Math.max(extent, stride) : extent + outputPadding);
}

const AXIS_NAMES: Readonly<Record<number, readonly string[]>> = {
  1: ['steps'],
  2: ['rows', 'columns'],
  3: ['planes', 'rows', 'columns'],
};

function joinDims(dims: readonly Dim[]): string {
  return dims.map((d) => (d === null ? '?' : String(d))).join('×');
}

/**
 * The window-does-not-fit problems: for each spatial axis where the input and the (dilated)
 * window are known and the window is larger ('valid'/'causal' padding). One problem for the
 * first such axis; the message names the arithmetic.
 */
export function windowFitProblem(opts: {
  className: string;
  what: 'kernel' | 'pool window';
  property: string;
  kernel: readonly Dim[];
  extent: readonly Dim[];
  input: readonly Dim[];
  padding: string | null;
  /** Keras: also say what Keras does (it raises when the layer is called). */
  keras?: boolean;
}): LayerProblem | null {
  const { className, what, property, kernel, extent, input, padding } = opts;
  // Keras pads 'causal' like 'same' (left only); TF.js shapes it like 'valid'.
  if (padding === null || padding === 'same' || (opts.keras && padding === 'causal')) return null;
  for (let i = 0; i < input.length; i++) {
    const inp = input[i];
    const ext = extent[i];
    if (inp === null || ext === null || ext <= inp) continue;
    const axis = (AXIS_NAMES[input.length] ?? [])[i] ?? `axis-${i + 1} positions`;
    const dilated = extent.some((e, j) => e !== kernel[j]) ? ` (dilated to ${joinDims(extent)})` : '';
    const message =
      `${className}'s ${joinDims(kernel)} ${what}${dilated} does not fit its ${joinDims(input)} input: ` +
      `the output would have ${inp} - ${ext} + 1 = ${inp - ext + 1} ${axis} (padding '${padding}').` +
      (opts.keras ? ' Keras raises "Computed output size would be zero or negative" when the layer is called.' : '');
    return problem('shape/non-positive-dim', message, property);
  }
  return null;
}

/** The window geometry for receptive fields, when every axis is known. */
export function windowOf(extent: readonly Dim[], stride: readonly Dim[], mode: 'window' | 'upsample'): WindowGeometry | undefined {
  if (extent.some((d) => d === null) || stride.some((d) => d === null)) return undefined;
  return { kernel: extent as number[], stride: stride as number[], mode };
}
