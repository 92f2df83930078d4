// Previewing a model whose input size is a symbol (`IMG`, `inputShape[0]`): kernels need
// numbers, so the panel asks for one per symbol of the input, defaulting to the size the
// sample image gets in an input of free size (so the preview works as it opens), and
// substitutes the values into the report's symbolic shapes. The expressions are read with the
// core's own grammar (symbolic/parse.ts), the one the report is written in.
import type { ModelReport, LayerReport } from '../../src/core/report';
import { evaluate, symbolsOf } from '../../src/core/symbolic/expr';
import { parseExpr } from '../../src/core/symbolic/parse';
import { primaryShape } from './shape';

type Dim = number | null | string;

/** Largest size the panel takes for a symbol: bigger inputs only make a preview slow. */
export const MAX_SYMBOL_SIZE = 1024;

export interface InputSymbol {
  readonly name: string;
  /** What the image gives it: its (free) height or width, 3 channels, else a plain 32. */
  readonly fallback: number;
}

const MAX_DIMS = 64;
const MAX_EXPR = 200;

function dimsOf(v: unknown): readonly Dim[] | null {
  if (!Array.isArray(v) || v.length > MAX_DIMS) return null;
  return v.every((d) => d === null || typeof d === 'number' || (typeof d === 'string' && d.length <= MAX_EXPR)) ? (v as Dim[]) : null;
}

/** The symbolic shape an input layer of the report takes in, if it has one. */
function fedShape(layer: LayerReport): readonly Dim[] | null {
  return dimsOf(layer.className === 'InputLayer' ? layer.symbolicShape : layer.symbolicInputShape);
}

type Role = 'height' | 'width' | 'channels' | 'other';

function roles(rank: number, channelsFirst: boolean): Role[] {
  if (rank === 4) return channelsFirst ? ['other', 'channels', 'height', 'width'] : ['other', 'height', 'width', 'channels'];
  if (rank === 3) return ['other', 'width', 'channels']; // a sequence previews as one row of pixels
  return Array<Role>(rank).fill('other');
}

/** The symbols the model's inputs are sized by, each once, with the value the image suggests. */
export function inputSymbols(model: ModelReport, channelsFirst: boolean, free: { height: number; width: number }): InputSymbol[] {
  const out = new Map<string, number>();
  for (const layer of model.layers) {
    if (layer.inputs.length > 0) continue;
    const dims = fedShape(layer);
    if (!dims) continue;
    const r = roles(dims.length, channelsFirst);
    dims.forEach((d, i) => {
      if (typeof d !== 'string') return;
      const e = parseExpr(d);
      if (!e) return;
      for (const name of symbolsOf(e)) {
        // A dim that is the symbol itself takes the image's size there; IMG×IMG takes the shorter side.
        const role = d === name ? r[i] : 'other';
        const v = role === 'height' ? free.height : role === 'width' ? free.width : role === 'channels' ? 3 : 32;
        const old = out.get(name);
        out.set(name, old === undefined ? v : role === 'other' ? old : Math.min(old, v));
      }
    });
  }
  return [...out].map(([name, fallback]) => ({ name, fallback: Math.min(fallback, MAX_SYMBOL_SIZE) }));
}

function evaluated(dims: readonly Dim[], values: ReadonlyMap<string, number>): (number | null)[] {
  return dims.map((d) => {
    if (typeof d !== 'string') return d;
    const e = parseExpr(d);
    return e ? evaluate(e, values) : null;
  });
}

/**
 * The model with every symbolic shape evaluated at `values`: what the pipeline computes with.
 * Dims that stay unknown stay null; layers with several outputs keep their shapes.
 */
export function substituted(model: ModelReport, values: ReadonlyMap<string, number>): ModelReport {
  const layers = model.layers.map((l): LayerReport => {
    const out = dimsOf(l.symbolicShape);
    const fed = l.inputs.length === 0 && l.className !== 'InputLayer' ? dimsOf(l.symbolicInputShape) : null;
    const several = Array.isArray(l.outputShape) && Array.isArray(l.outputShape[0]);
    if (!fed && (!out || several)) return l;
    return {
      ...l,
      ...(out && !several ? { outputShape: evaluated(out, values) } : {}),
      ...(fed ? { inputShapes: [evaluated(fed, values), ...l.inputShapes.slice(1)] } : {}),
    };
  });
  return { ...model, layers };
}

/**
 * Why the chosen sizes cannot be previewed: a layer in `chain` whose output would be empty
 * (a 3×3 kernel on IMG = 2). The substituted model is checked, so the message names the layer.
 */
export function tooSmall(model: ModelReport, chain: readonly number[], values: ReadonlyMap<string, number>): string | null {
  for (const i of chain) {
    const l = model.layers[i];
    const fed = l.inputs.length === 0 ? l.inputShapes[0] : null;
    for (const [what, shape] of [['input', fed], ['output', primaryShape(l.outputShape)]] as const) {
      if (!shape || !shape.some((d) => d !== null && d <= 0)) continue;
      const at = [...values].map(([n, v]) => `${n} = ${v}`).join(', ');
      return `At ${at}, ${l.name}'s ${what} would be ${shape.slice(1).map((d) => d ?? '?').join('×')}: too small to preview. Enter a larger size.`;
    }
  }
  return null;
}
