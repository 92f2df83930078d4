// Deterministic stand-ins for a layer's untrained weights, drawn from the same family as its
// kernelInitializer (TF.js's definitions: tfjs-layers initializers.ts) with a seed fixed per
// layer name and weight role, so a preview looks the same every time it is opened.

import { hashSeed, seededRandom, type Random } from './random';

/** A TF.js initializer as written in a layer config: identifier string or serialized object. */
export type InitializerSpec = string | { readonly className: string; readonly config?: Readonly<Record<string, unknown>> } | null | undefined;

export interface InitializedWeights {
  readonly data: Float32Array;
  /** The family actually used, in TF.js's camelCase identifier form. */
  readonly initializer: string;
  /** Set when the requested family could not be honoured and another was used. */
  readonly note?: string;
}

/** TF.js computeFans for channelsLast shapes. */
export function computeFans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 2) return { fanIn: shape[0], fanOut: shape[1] };
  if (shape.length >= 3 && shape.length <= 5) {
    const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
    return { fanIn: shape[shape.length - 2] * receptive, fanOut: shape[shape.length - 1] * receptive };
  }
  const root = Math.sqrt(shape.reduce((a, b) => a * b, 1));
  return { fanIn: root, fanOut: root };
}

type Mode = 'fanIn' | 'fanOut' | 'fanAvg';
interface Scaling { readonly scale: number; readonly mode: Mode; readonly distribution: 'normal' | 'uniform' }

/** The VarianceScaling presets, as tfjs-layers defines them. */
const PRESETS: Readonly<Record<string, Scaling>> = {
  glorotUniform: { scale: 1, mode: 'fanAvg', distribution: 'uniform' },
  glorotNormal: { scale: 1, mode: 'fanAvg', distribution: 'normal' },
  heUniform: { scale: 2, mode: 'fanIn', distribution: 'uniform' },
  heNormal: { scale: 2, mode: 'fanIn', distribution: 'normal' },
  leCunUniform: { scale: 1, mode: 'fanIn', distribution: 'uniform' },
  leCunNormal: { scale: 1, mode: 'fanIn', distribution: 'normal' },
};

/** 'glorot_uniform', 'GlorotUniform' and 'glorotUniform' all name the same family. */
export function normalizeIdentifier(name: string): string {
  const camel = name.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
  const lowered = camel.charAt(0).toLowerCase() + camel.slice(1);
  return lowered === 'lecunNormal' || lowered === 'lecunUniform' ? lowered.replace('lecun', 'leCun') : lowered;
}

function numberOr(config: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const v = config[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** Limit / stddev of a variance-scaling family for this shape (what a test can check). */
export function varianceScalingBound(s: Scaling, shape: readonly number[]): number {
  const { fanIn, fanOut } = computeFans(shape);
  const denom = s.mode === 'fanIn' ? fanIn : s.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
  const scale = s.scale / Math.max(1, denom);
  return s.distribution === 'normal' ? Math.sqrt(scale) : Math.sqrt(3 * scale);
}

function fill(n: number, draw: () => number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = draw();
  return out;
}

function draw(rnd: Random, n: number, shape: readonly number[], id: string, config: Readonly<Record<string, unknown>>): Float32Array | null {
  const preset = PRESETS[id];
  if (preset || id === 'varianceScaling') {
    const s: Scaling = preset ?? {
      scale: numberOr(config, 'scale', 1),
      mode: config.mode === 'fanOut' || config.mode === 'fanAvg' ? config.mode : 'fanIn',
      distribution: config.distribution === 'uniform' ? 'uniform' : 'normal',
    };
    const bound = varianceScalingBound(s, shape);
    // TF.js draws 'normal' variance scaling from a truncated normal with this stddev.
    return s.distribution === 'normal' ? fill(n, () => rnd.truncatedNormal(0, bound)) : fill(n, () => rnd.uniform(-bound, bound));
  }
  switch (id) {
    case 'zeros': return new Float32Array(n);
    case 'ones': return new Float32Array(n).fill(1);
    case 'constant': return new Float32Array(n).fill(numberOr(config, 'value', 0));
    case 'randomUniform': return fill(n, () => rnd.uniform(numberOr(config, 'minval', -0.05), numberOr(config, 'maxval', 0.05)));
    case 'randomNormal': return fill(n, () => rnd.normal(numberOr(config, 'mean', 0), numberOr(config, 'stddev', 0.05)));
    case 'truncatedNormal': return fill(n, () => rnd.truncatedNormal(numberOr(config, 'mean', 0), numberOr(config, 'stddev', 0.05)));
    case 'identity': {
      if (shape.length !== 2 || shape[0] !== shape[1]) return null;
      const gain = numberOr(config, 'gain', 1);
      return fill(n, (() => { let i = 0; return () => { const v = Math.floor(i / shape[1]) === i % shape[1] ? gain : 0; i++; return v; }; })());
    }
    default: return null;
  }
}

/**
 * Weights for `role` ('kernel', 'bias', ...) of layer `layerName` with the given shape. The
 * default family is glorotUniform (TF.js's kernelInitializer default); unsupported families
 * (e.g. orthogonal) fall back to it with a note rather than failing the preview.
 */
export function initializeWeights(layerName: string, role: string, shape: readonly number[], spec: InitializerSpec): InitializedWeights {
  const n = shape.reduce((a, b) => a * b, 1);
  const requested = spec == null ? 'glorotUniform' : normalizeIdentifier(typeof spec === 'string' ? spec : spec.className);
  const config = spec != null && typeof spec === 'object' ? spec.config ?? {} : {};
  const seed = hashSeed(`${layerName}/${role}`);
  const data = draw(seededRandom(seed), n, shape, requested, config);
  if (data) return { data, initializer: requested };
  return {
    data: draw(seededRandom(seed), n, shape, 'glorotUniform', {}) ?? new Float32Array(n),
    initializer: 'glorotUniform',
    note: `initializer '${requested}' is not simulated for shape [${shape.join(', ')}]; previewing with glorotUniform`,
  };
}
