// Keras pooling layers (local and global): the survey's cases (§2.5) and seeded random configs.
import type { Dim } from '../../../../../src/core/types';
import type { KCase } from '../harness';
import { ctor, draws, type Draw, type Py } from './random';

const x = (...dims: Dim[]): Dim[] => [null, ...dims];

const HAND: readonly KCase[] = [
  { layer: 'layers.MaxPooling1D()', inputs: [x(10, 4)], run: true },
  { layer: "layers.MaxPooling1D(data_format='channels_first')", inputs: [x(4, 10)] },
  { layer: "layers.MaxPool1D(3, 2, 'same')", inputs: [x(10, 4)] },
  { layer: 'layers.MaxPooling1D(2, 0)', inputs: [x(10, 4)] },
  { layer: "layers.MaxPooling1D(padding='causal')", inputs: [x(10, 4)] },
  { layer: 'layers.MaxPooling1D(12)', inputs: [x(10, 4)] },
  { layer: 'layers.MaxPooling1D(0)', inputs: [x(10, 4)] },
  { layer: 'layers.MaxPooling1D()', inputs: [x(10, 4, 2)] },
  { layer: 'layers.MaxPooling2D()', inputs: [x(8, 8, 3)], run: true },
  { layer: 'layers.MaxPooling2D(2.0)', inputs: [x(8, 8, 3)] },
  { layer: "layers.MaxPooling2D(padding='SAME')", inputs: [x(8, 8, 3)] },
  { layer: "layers.MaxPool2D((3, 2), strides=(1, 2), padding='same', data_format='channels_first')", inputs: [x(3, 7, 7)] },
  { layer: 'layers.MaxPooling2D((2, 2), strides=-1)', inputs: [x(8, 8, 3)] },
  { layer: 'layers.MaxPooling2D(3)', inputs: [x(null, 2, 3)] },
  { layer: 'layers.MaxPooling3D()', inputs: [x(4, 4, 4, 2)] },
  { layer: 'layers.MaxPool3D(2, 1)', inputs: [x(3, 3, 3, 1)] },
  { layer: 'layers.AveragePooling1D()', inputs: [x(10, 4)] },
  { layer: 'layers.AveragePooling1D(3)', inputs: [x(10, 4)] },
  { layer: 'layers.AvgPool1D(pool_size=2, data_format="channels_first")', inputs: [x(4, 10)] },
  { layer: 'layers.AveragePooling2D()', inputs: [x(8, 8, 3)] },
  { layer: 'layers.AveragePooling2D(2)', inputs: [x(8, 8, 3)], run: true },
  { layer: "layers.AvgPool2D(2, padding='Same')", inputs: [x(8, 8, 3)] },
  { layer: 'layers.AveragePooling3D()', inputs: [x(4, 4, 4, 2)] },
  { layer: 'layers.AveragePooling3D(2)', inputs: [x(4, 4, 4, 2)] },
  { layer: "layers.AvgPool3D((1, 2, 2), data_format='channels_first')", inputs: [x(2, 4, 4, 4)] },
  // Global pooling
  { layer: 'layers.GlobalMaxPooling1D()', inputs: [x(5, 4)], run: true },
  { layer: "layers.GlobalMaxPool1D(data_format='channels_first')", inputs: [x(4, 5)] },
  { layer: 'layers.GlobalMaxPooling1D(keepdims=True)', inputs: [x(5, 4)], run: true },
  { layer: 'layers.GlobalMaxPooling1D()', inputs: [x(5, 4, 3)] },
  { layer: 'layers.GlobalAveragePooling1D(keepdims=True)', inputs: [x(null, 4)], run: true },
  { layer: "layers.GlobalAvgPool1D(data_format='channels_first')", inputs: [x(4, 5)] },
  { layer: 'layers.GlobalMaxPooling2D(keepdims=True)', inputs: [x(3, 3, 4)] },
  { layer: "layers.GlobalMaxPool2D(data_format='channels_first', keepdims=True)", inputs: [x(4, 3, 3)] },
  { layer: 'layers.GlobalAveragePooling2D()', inputs: [x(6, 6, 8)], run: true },
  { layer: "layers.GlobalAvgPool2D(data_format='channelsLast')", inputs: [x(6, 6, 8)] },
  { layer: 'layers.GlobalAveragePooling2D()', inputs: [x(6, 8)] },
  { layer: 'layers.GlobalMaxPooling3D()', inputs: [x(4, 4, 4, 2)] },
  { layer: 'layers.GlobalMaxPool3D(keepdims=True)', inputs: [x(4, 4, 4, 2)] },
  { layer: 'layers.GlobalAveragePooling3D(keepdims=True)', inputs: [x(4, 4, 4, 2)] },
  { layer: "layers.GlobalAvgPool3D(data_format='channels_first')", inputs: [x(2, 4, 4, 4)] },
];

const LOCAL = ['MaxPooling1D', 'MaxPooling2D', 'MaxPooling3D', 'AveragePooling1D', 'AveragePooling2D', 'AveragePooling3D'];
const GLOBAL = ['GlobalMaxPooling1D', 'GlobalMaxPooling2D', 'GlobalMaxPooling3D', 'GlobalAveragePooling1D', 'GlobalAveragePooling2D', 'GlobalAveragePooling3D'];

function tupleOr(d: Draw, n: number, lo: number, hi: number): Py {
  return d.chance(0.5) ? d.int(lo, hi) : Array.from({ length: n }, () => d.int(lo, hi));
}

function input(d: Draw, n: number, channelsFirst: boolean): Dim[] {
  const channels = d.int(1, 5);
  const space = Array.from({ length: n }, () => (d.chance(0.1) ? null : d.int(1, n === 3 ? 6 : 12)));
  return channelsFirst ? [null, channels, ...space] : [null, ...space, channels];
}

function localCase(d: Draw, className: string): KCase {
  const n = Number(className.slice(-2, -1));
  const channelsFirst = d.chance(0.25);
  const pool = d.chance(className.startsWith('Max') ? 0.8 : 1) ? tupleOr(d, n, 1, 4) : undefined;
  const keywords: Record<string, Py | undefined> = {
    strides: d.chance(0.5) ? tupleOr(d, n, 1, 3) : undefined,
    padding: d.chance(0.6) ? d.pick(['valid', 'same', 'valid', 'same', 'Same', 'causal']) : undefined,
    data_format: channelsFirst ? 'channels_first' : d.chance(0.1) ? 'channels_last' : undefined,
  };
  return { layer: ctor(className, pool === undefined ? [] : [pool], keywords), inputs: [input(d, n, channelsFirst)] };
}

function globalCase(d: Draw, className: string): KCase {
  const n = Number(className.slice(-2, -1));
  const channelsFirst = d.chance(0.3);
  const keywords = { data_format: channelsFirst ? 'channels_first' : undefined, keepdims: d.chance(0.5) ? d.chance(0.5) : undefined };
  const rank = d.chance(0.1) ? n + (d.chance(0.5) ? 1 : -1) : n;
  return { layer: ctor(className, [], keywords), inputs: [input(d, Math.max(rank, 0), channelsFirst)] };
}

const d = draws(20250602);
export const LOCAL_RANDOM = 20;
export const GLOBAL_RANDOM = 8;
// The numpy backend pools through jax (a compile per new shape): only `run: true` cases run.
export const POOLING_CASES: readonly KCase[] = [
  ...HAND,
  ...LOCAL.flatMap((c) => Array.from({ length: LOCAL_RANDOM }, () => localCase(d, c))),
  ...GLOBAL.flatMap((c) => Array.from({ length: GLOBAL_RANDOM }, () => globalCase(d, c))),
].map((c) => ({ run: false, ...c }));
