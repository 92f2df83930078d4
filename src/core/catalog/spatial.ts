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

/** What axis `i` of `n` spatial axes is called in messages ('rows'). */
export function axisName(n: number, i: number): string {
  return (AXIS_NAMES[n] ?? [])[i] ?? `axis-${i + 1} positions`;
}

export function joinDims(dims: readonly Dim[]): string {
  return dims.map((d) => (d === null ? '?' : String(d))).join('×');
}

/**
 * TF.js's convOutputLength in its own float arithmetic, for settings TF.js accepts without
 * checking (a fractional, zero, negative or infinite stride or dilation): the result may be a
 * fraction, negative, infinite or NaN, as TF.js's declared shape then is.
 */
export function tfjsConvLength(input: number, extent: number, padding: string, stride: number): number {
  const length = padding === 'same' ? input : input - extent + 1;
  return Math.floor((length + stride - 1) / stride);
}

interface WindowFit {
  className: string;
  what: 'kernel' | 'pool window';
  property: string;
  kernel: readonly Dim[];
  extent: readonly Dim[];
  /** Per axis; a null stride leaves that axis unjudged in TF.js (it decides between 0 and negative). */
  strides: readonly Dim[];
  input: readonly Dim[];
  padding: string | null;
  /** Keras's rule (it raises on any window larger than its input); otherwise TF.js's. */
  keras?: boolean;
}

function dilatedNote(kernel: readonly Dim[], extent: readonly Dim[]): string {
  return extent.some((e, j) => e !== kernel[j]) ? ` (dilated to ${joinDims(extent)})` : '';
}

/**
 * The window-does-not-fit problems: for each spatial axis where the input and the (dilated)
 * window are known and the window is larger ('valid'/'causal' padding). One problem for the
 * first such axis; the message names the arithmetic.
 *
 * Keras raises for any such window. TF.js shapes the axis as ⌊(input - window) / stride⌋ + 1:
 * a negative size is an error (Sequential.add throws on it), but a window that overshoots by
 * at most the stride leaves exactly 0, and TF.js builds, runs and trains such a model on an
 * empty tensor: a warning.
 */
export function windowFitProblem(opts: WindowFit): LayerProblem | null {
  const { padding } = opts;
  // Keras pads 'causal' like 'same' (left only); TF.js shapes it like 'valid'.
  if (padding === null || padding === 'same' || (opts.keras && padding === 'causal')) return null;
  return opts.keras ? kerasWindowFit(opts, padding) : tfjsWindowFit(opts, padding);
}

function kerasWindowFit(opts: WindowFit, padding: string): LayerProblem | null {
  const { className, what, property, kernel, extent, input } = opts;
  for (let i = 0; i < input.length; i++) {
    const inp = input[i];
    const ext = extent[i];
    if (inp === null || ext === null || ext <= inp) continue;
    const message =
      `${className}'s ${joinDims(kernel)} ${what}${dilatedNote(kernel, extent)} does not fit its ${joinDims(input)} input: ` +
      `the output would have ${inp} - ${ext} + 1 = ${inp - ext + 1} ${axisName(input.length, i)} (padding '${padding}').` +
      ' Keras raises "Computed output size would be zero or negative" when the layer is called.';
    return problem('shape/non-positive-dim', message, property);
  }
  return null;
}

function tfjsWindowFit(opts: WindowFit, padding: string): LayerProblem | null {
  const { className, what, property, kernel, extent, strides, input } = opts;
  let empty: LayerProblem | null = null;
  for (let i = 0; i < input.length; i++) {
    const inp = input[i];
    const ext = extent[i];
    const stride = strides[i];
    if (inp === null || ext === null || stride === null || ext <= inp) continue;
    const length = tfjsConvLength(inp, ext, padding, stride);
    const arithmetic = stride === 1 ? `${inp} - ${ext} + 1` : `⌊(${inp} - ${ext}) / ${stride}⌋ + 1`;
    const head = `${className}'s ${joinDims(kernel)} ${what}${dilatedNote(kernel, extent)} does not fit its ${joinDims(input)} input: `;
    const axis = axisName(input.length, i);
    if (length < 0) return problem('shape/non-positive-dim', `${head}the output would have ${arithmetic} = ${length} ${axis} (padding '${padding}').`, property);
    if (length === 0 && inp > 0 && empty === null) {
      const message =
        `${head}the output has ${arithmetic} = 0 ${axis} (padding '${padding}'). TF.js builds and runs this, ` +
        'but the tensor is empty, so nothing after this layer sees any data.';
      empty = { code: 'shape/empty-output', severity: 'warning', message, property };
    }
  }
  return empty;
}

/** The window geometry for receptive fields, when every axis is known. */
export function windowOf(extent: readonly Dim[], stride: readonly Dim[], mode: 'window' | 'upsample'): WindowGeometry | undefined {
  if (extent.some((d) => d === null) || stride.some((d) => d === null)) return undefined;
  return { kernel: extent as number[], stride: stride as number[], mode };
}
