// Table-driven oracle for the layer catalog: every case is built in real TF.js (CPU backend)
// and inferred by our catalog; the two must agree.
//
// What "TF.js rejects" means here: the layer throws when constructed or applied to symbolic
// inputs, its symbolic output has a negative dim (Sequential.add throws on it), or running it
// on zeros (null dims made concrete) throws. Those cases must give an error-severity problem;
// every other case must give none and the same parameter counts. An output dim of 0 is no
// rejection (TF.js builds and runs empty tensors): it must match. A degenerate dim (the
// symbolic one is NaN, a fraction or infinite, or running gives another size) must be unknown
// to us, with a warning that says so; every other dim must match.
import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs';
import { specForClassName, specForFactory } from '../../../src/core/catalog';
import { UNKNOWN, type ConfigValue, type Dim, type LayerConfig, type LayerInference, type MaybeShape } from '../../../src/core/types';

void tf.setBackend('cpu');

type Json = Record<string, unknown>;

export interface OracleCase {
  /** Shown in the test title; defaults to the config and input shapes. */
  readonly name?: string;
  readonly config?: Json;
  /** Batch-inclusive input shapes, one per input tensor. */
  readonly inputs: readonly (readonly Dim[])[];
  /** For wrappers: the wrapped layer. */
  readonly inner?: { readonly factory: string; readonly config: Json };
}

const INITIALIZERS: Readonly<Record<string, Json>> = {
  dense: { kernelInitializer: 'zeros' },
  conv1d: { kernelInitializer: 'zeros' },
  conv2d: { kernelInitializer: 'zeros' },
  conv3d: { kernelInitializer: 'zeros' },
  conv2dTranspose: { kernelInitializer: 'zeros' },
  conv3dTranspose: { kernelInitializer: 'zeros' },
  separableConv2d: { depthwiseInitializer: 'zeros', pointwiseInitializer: 'zeros' },
  depthwiseConv2d: { depthwiseInitializer: 'zeros' },
  embedding: { embeddingsInitializer: 'zeros' },
  simpleRNN: { kernelInitializer: 'zeros', recurrentInitializer: 'zeros' },
  lstm: { kernelInitializer: 'zeros', recurrentInitializer: 'zeros' },
  gru: { kernelInitializer: 'zeros', recurrentInitializer: 'zeros' },
};

type LayerFactory = (config?: unknown) => tf.layers.Layer;

function tfFactory(name: string): LayerFactory {
  const f = (tf.layers as unknown as Record<string, LayerFactory | undefined>)[name];
  assert.ok(typeof f === 'function', `tf.layers.${name} exists`);
  return f;
}

function build(factory: string, config: Json, inner?: OracleCase['inner']): tf.layers.Layer {
  const full: Json = { ...(INITIALIZERS[factory] ?? {}), ...config };
  if (inner) full.layer = build(inner.factory, inner.config);
  return tfFactory(factory)(full);
}

export interface TfOutcome {
  readonly rejected: string | null;
  readonly shape?: Dim[];
  /** Indices of output dims TF.js declares as one size and computes as another (or as NaN...). */
  readonly degenerate?: number[];
  readonly trainable?: number;
  readonly nonTrainable?: number;
  readonly total?: number;
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** A declared size that is no size: NaN, a fraction, infinite (not negative: see runTf). */
function degenerateDim(d: number | null): boolean {
  return d !== null && !(Number.isInteger(d) && d >= 0);
}

/** Build, apply symbolically, then run on zeros. */
export function runTf(factory: string, c: OracleCase, multiInput: boolean): TfOutcome {
  let layer: tf.layers.Layer;
  let symbolic: tf.SymbolicTensor;
  try {
    layer = build(factory, c.config ?? {}, c.inner);
    const inputs = c.inputs.map((s) => tf.input({ batchShape: [...s] }));
    const out = layer.apply(multiInput ? inputs : inputs[0]) as tf.SymbolicTensor | tf.SymbolicTensor[];
    symbolic = Array.isArray(out) ? out[0] : out;
  } catch (e) {
    return { rejected: `throws on apply: ${(e as Error).message}` };
  }
  const shape = symbolic.shape.map((d) => (d === null || d === undefined ? null : d));
  if (shape.some((d) => d !== null && d < 0)) return { rejected: `symbolic shape ${JSON.stringify(symbolic.shape)}` };
  const degenerate = shape.flatMap((d, i) => (degenerateDim(d) ? [i] : []));
  try {
    const concrete = tf.tidy(() => {
      const xs = c.inputs.map((s) => tf.zeros(s.map((d, i) => (d === null ? (i === 0 ? 2 : 3) : d))));
      const y = layer.apply(multiInput ? xs : xs[0]) as tf.Tensor | tf.Tensor[];
      const out = Array.isArray(y) ? y[0] : y;
      out.dataSync();
      return out.shape.slice();
    });
    if (concrete.length !== shape.length) return { rejected: `runs to rank ${concrete.length}, symbolic ${JSON.stringify(shape)}` };
    shape.forEach((d, i) => {
      if (d !== null && d !== concrete[i] && !degenerate.includes(i)) degenerate.push(i);
    });
  } catch (e) {
    return { rejected: `throws when run: ${(e as Error).message}` };
  }
  const trainable = layer.trainableWeights.reduce((a, w) => a + size(w.shape as number[]), 0);
  const nonTrainable = layer.nonTrainableWeights.reduce((a, w) => a + size(w.shape as number[]), 0);
  return { rejected: null, shape, degenerate, trainable, nonTrainable, total: layer.countParams() };
}

/** Our inference for a case, wiring inferInner to the inner layer's spec. */
export function ours(className: string, c: OracleCase, config: LayerConfig = (c.config ?? {}) as LayerConfig, inputs: MaybeShape[] = c.inputs.map((s) => [...s])): LayerInference {
  const spec = specForClassName(className);
  assert.ok(spec, `catalog has ${className}`);
  const inner = c.inner;
  const innerSpec = inner ? specForFactory(inner.factory) : undefined;
  return spec.infer({
    config,
    inputs,
    inferInner: inner && innerSpec ? (input) => innerSpec.infer({ config: inner.config as LayerConfig, inputs: [input] }) : undefined,
  });
}

/** Evaluates a formula such as "(3·3·3 + 1)·32" with · as ×. */
export function evalFormula(formula: string): number {
  assert.match(formula, /^[0-9+\-·() ]+$/, `formula "${formula}" holds only numbers, +, -, · and parentheses`);
  return Function(`"use strict"; return (${formula.replace(/·/g, '*')});`)() as number;
}

const errors = (inf: LayerInference): string[] => (inf.problems ?? []).filter((p) => p.severity === 'error').map((p) => `${p.code}: ${p.message}`);
const warnings = (inf: LayerInference): string[] => (inf.problems ?? []).filter((p) => p.severity === 'warning').map((p) => `${p.code}: ${p.message}`);

function title(c: OracleCase): string {
  return c.name ?? `${JSON.stringify(c.config ?? {})} on ${c.inputs.map((s) => JSON.stringify(s)).join(' + ')}`;
}

/** Our answer must be at most as precise as `known`: each dim equal or null. */
function assertSoundWeakening(weak: LayerInference, known: LayerInference, what: string): void {
  assert.deepEqual(errors(weak), [], `${what}: no error from an unknown`);
  if (weak.outputShape !== null && known.outputShape !== null) {
    assert.equal(weak.outputShape.length, known.outputShape.length, `${what}: rank`);
    weak.outputShape.forEach((d, i) => assert.ok(d === null || d === known.outputShape?.[i], `${what}: dim ${i} is ${d}, known ${known.outputShape?.[i]}`));
  }
  if (weak.params !== null && known.params !== null) {
    assert.equal(weak.params.trainable + weak.params.nonTrainable, known.params.trainable + known.params.nonTrainable, `${what}: params`);
  }
}

/** One mocha `describe` per class: each case against TF.js, plus unknown-soundness checks. */
export function oracleTable(className: string, factory: string, cases: readonly OracleCase[]): void {
  const spec = specForClassName(className);
  describe(`${className} (tf.layers.${factory})`, () => {
    it('is registered under this factory', () => {
      assert.ok(spec, `catalog has ${className}`);
      assert.ok(spec.factories.includes(factory), `${className} lists ${factory}`);
    });
    for (const c of cases) {
      it(title(c), () => {
        const tfOut = runTf(factory, c, spec?.multiInput === true);
        const mine = ours(className, c);
        if (tfOut.rejected !== null) {
          assert.ok(errors(mine).length > 0, `TF.js rejects (${tfOut.rejected}) so we must report an error`);
          return;
        }
        assert.deepEqual(errors(mine), [], 'TF.js accepts, so no error');
        const degenerate = tfOut.degenerate ?? [];
        const warned = warnings(mine).length > 0;
        if (degenerate.length > 0) assert.ok(warned, `TF.js declares ${JSON.stringify(tfOut.shape)} but computes another shape: we must warn`);
        if (degenerate.length > 0 || warned) {
          // After a warning about the config a size may be unknown to us, never wrong.
          assert.ok(mine.outputShape !== null && tfOut.shape, 'rank known');
          assert.equal(mine.outputShape.length, tfOut.shape.length, 'rank');
          mine.outputShape.forEach((d, i) => {
            if (degenerate.includes(i)) assert.equal(d, null, `dim ${i} (TF.js declares ${tfOut.shape?.[i]}, computes another) is unknown to us`);
            else if (d !== null || !warned) assert.equal(d, tfOut.shape?.[i], `dim ${i}`);
          });
        } else {
          assert.deepEqual(mine.outputShape, tfOut.shape, 'output shape');
        }
        assert.ok(mine.params, 'params known');
        assert.equal(mine.params.trainable, tfOut.trainable, 'trainable params');
        assert.equal(mine.params.nonTrainable, tfOut.nonTrainable, 'non-trainable params');
        assert.equal(mine.params.trainable + mine.params.nonTrainable, tfOut.total, 'countParams()');
        assert.equal(evalFormula(mine.params.formula), tfOut.total, `formula ${mine.params.formula}`);
        assert.ok(mine.macs === null || (Number.isInteger(mine.macs) && mine.macs >= 0), 'macs');

        // Unknown soundness: an Unknown config value or a null input dim never adds an
        // error and never changes a dim or count we still claim to know.
        for (const key of Object.keys(c.config ?? {})) {
          const config: Record<string, ConfigValue> = { ...(c.config as Record<string, ConfigValue>), [key]: UNKNOWN };
          assertSoundWeakening(ours(className, c, config), mine, `${key}: Unknown`);
        }
        c.inputs.forEach((s, i) => {
          for (let d = 1; d < s.length; d++) {
            const inputs: MaybeShape[] = c.inputs.map((t) => [...t]);
            inputs[i] = s.map((v, j) => (j === d ? null : v));
            assertSoundWeakening(ours(className, c, undefined, inputs), mine, `input ${i} dim ${d} null`);
          }
          const inputs: MaybeShape[] = c.inputs.map((t) => [...t]);
          inputs[i] = null;
          assertSoundWeakening(ours(className, c, undefined, inputs), mine, `input ${i} rank unknown`);
        });
      });
    }
  });
}
