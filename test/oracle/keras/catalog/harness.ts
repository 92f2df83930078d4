// Table-driven oracle for the catalog's Keras dialect: every case is a tiny Python program that
// builds one layer and calls it on `keras.Input`s. Real Keras 3 runs it (batch.py: all cases of
// a table in one oracle request, then each layer once more on zeros); our analyzer reads the
// same text (analyzeText → the node of that layer). The two must agree:
// - Keras raises (constructor, symbolic call, or running on zeros, or its symbolic shape is
//   contradicted by the run) ⇒ we report an error finding;
// - Keras accepts ⇒ no error finding, the same output shape (and every output of a layer with
//   several), the same count_params() with the same trainable / non-trainable split, and our
//   formula evaluates to the count; the JSON report says the same.
// Plus unknown soundness: replacing one config value by Unknown, or one input dim (or the whole
// input) by null, never adds an error and never changes a dim or count we still claim.
import { strict as assert } from 'node:assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../../src/core/analyze';
import { inferLayer } from '../../../../src/core/infer';
import { toFileReport } from '../../../../src/core/reportJson';
import { UNKNOWN, type AnalyzedNode, type ConfigValue, type Dim, type FileAnalysis, type LayerDecl, type LayerInference, type MaybeShape } from '../../../../src/core/types';
import { kerasOracle } from '../support/kerasOracle';

export interface KInput {
  /** Batch-inclusive, as `keras.Input(batch_shape=...)` takes it. */
  readonly shape: readonly Dim[];
  readonly dtype?: string;
}

export interface KCase {
  /** Shown in the test title; defaults to the layer expression and the input shapes. */
  readonly name?: string;
  /** The constructor call as written in Python, e.g. "layers.Conv2D(8, 3, padding='same')". */
  readonly layer: string;
  /** One entry per input tensor, named x (one input) or x0, x1, ... */
  readonly inputs: readonly (readonly Dim[] | KInput)[];
  /** The call; default `layer(x)`, or `layer([x0, x1, ...])` for several inputs. */
  readonly call?: string;
  /**
   * Also run the layer on zeros (default true). False where the run costs a jax compile (convs,
   * pooling), needs what the oracle lacks (TensorFlow), or differs by backend.
   */
  readonly run?: boolean;
  /**
   * Our answer may be less precise than Keras's (a null dim or shape, unknown params) but
   * never different: for layers whose output depends on code we do not run (Lambda).
   */
  readonly weaker?: boolean;
  /** Why a case Keras accepts makes us report something else on purpose (documented in the test). */
  readonly note?: string;
  /**
   * Keras's symbolic shape contradicts what the layer computes (a Keras bug), yet the model
   * builds: we must report Keras's symbolic shape, with a warning and no error.
   */
  readonly symbolicBug?: boolean;
  /**
   * The call returns several outputs because of a call argument (return_attention_scores=True),
   * which the catalog does not see: only the first output is compared.
   */
  readonly firstOutputOnly?: boolean;
  /**
   * For layers that need real TensorFlow (TextVectorization, the lookups, Hashing): without it
   * Keras raises ImportError in the constructor, so our answer is compared with this, derived
   * from Keras's compute_output_shape. Where TensorFlow is installed, Keras is the oracle.
   */
  readonly withoutTensorFlow?: { readonly shape: readonly Dim[] | null; readonly params: number | null };
}

export interface KerasOutcome {
  readonly raised: { readonly type: string; readonly detail: string; readonly line: number | null; readonly when: 'build' | 'run' } | null;
  readonly shape?: KShapeTree;
  readonly params?: number | null;
  readonly trainable?: number;
  readonly nonTrainable?: number;
  readonly name?: string;
}

type KShapeTree = Dim[] | KShapeTree[] | null;

const BATCH_DRIVER = fs.readFileSync(path.join(__dirname, 'batch.py'), 'utf8');

function normalInput(i: readonly Dim[] | KInput): KInput {
  return Array.isArray(i) ? { shape: i as readonly Dim[] } : (i as KInput);
}

function pyTuple(dims: readonly Dim[]): string {
  const items = dims.map((d) => (d === null ? 'None' : String(d)));
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

function inputNames(c: KCase): string[] {
  return c.inputs.length === 1 ? ['x'] : c.inputs.map((_, i) => `x${i}`);
}

function callOf(c: KCase): string {
  const names = inputNames(c);
  return c.call ?? (names.length === 1 ? 'layer(x)' : `layer([${names.join(', ')}])`);
}

/** The Python program of a case: imports, inputs, `layer = ...`, `y = layer(...)`. */
export function programOf(c: KCase): string {
  const lines = ['import keras', 'from keras import layers'];
  inputNames(c).forEach((name, i) => {
    const input = normalInput(c.inputs[i]);
    const dtype = input.dtype ? `, dtype='${input.dtype}'` : '';
    lines.push(`${name} = keras.Input(batch_shape=${pyTuple(input.shape)}${dtype})`);
  });
  lines.push(`layer = ${c.layer}`, `y = ${callOf(c)}`, '');
  return lines.join('\n');
}

export function titleOf(c: KCase): string {
  return c.name ?? `${c.layer} on ${c.inputs.map((i) => pyTuple(normalInput(i).shape)).join(' + ')}`;
}

/** The Keras class names a case exercises (every `layers.X(` in its constructor call). */
export function kerasNamesOf(c: KCase): string[] {
  return [...c.layer.matchAll(/\blayers\.([A-Za-z0-9_]+)\s*\(/g)].map((m) => m[1]);
}

/** Runs every case in real Keras: one oracle request for the whole table. */
export async function runKeras(cases: readonly KCase[]): Promise<KerasOutcome[]> {
  const payload = cases.map((c) => ({
    source: programOf(c),
    call: callOf(c),
    run: c.run !== false,
    inputs: Object.fromEntries(inputNames(c).map((n, i) => [n, normalInput(c.inputs[i])])),
  }));
  // A JSON string literal is a valid Python string literal.
  const source = `${BATCH_DRIVER}\nimport json as _json\nrun_cases(_json.loads(${JSON.stringify(JSON.stringify(payload))}))\n`;
  const result = await kerasOracle().runProgram(source, { filename: 'catalog_batch.py', timeoutSeconds: 300 });
  if (result.raised) throw new Error(`the batch driver raised: ${result.raised.traceback}`);
  const line = result.stdout.trim().split('\n').pop() ?? '';
  const outcomes = JSON.parse(line) as KerasOutcome[];
  assert.equal(outcomes.length, cases.length, 'one outcome per case');
  return outcomes;
}

// ---------------------------------------------------------------------------------------------
// Our side

export interface Ours {
  readonly analysis: FileAnalysis;
  readonly node: AnalyzedNode | null;
  readonly errors: string[];
}

/** Analyses a case's program and finds the node of `layer` (its constructor call's span). */
export function analyseCase(c: KCase): Ours {
  const source = programOf(c);
  const analysis = analyzeText(source, 'case.py');
  const at = source.indexOf(`layer = ${c.layer}`) + 'layer = '.length;
  let node: AnalyzedNode | null = null;
  for (const m of analysis.models) {
    for (const n of m.nodes) if (n.node.op.kind === 'layer' && n.node.op.layer.span.start === at) node = n;
  }
  const errors = analysis.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}: ${f.message}`);
  return { analysis, node, errors };
}

/** Evaluates a formula such as "(3·3·3 + 1)·32" with · as ×. */
export function evalFormula(formula: string): number {
  assert.match(formula, /^[0-9+\-·() ]+$/, `formula "${formula}" holds only numbers, +, -, · and parentheses`);
  return Function(`"use strict"; return (${formula.replace(/·/g, '*')});`)() as number;
}

function firstShape(tree: KShapeTree | undefined): Dim[] | null {
  if (!Array.isArray(tree)) return null;
  if (tree.length > 0 && Array.isArray(tree[0])) return firstShape(tree[0] as KShapeTree);
  return tree as Dim[];
}

const inferenceErrors = (inf: LayerInference): string[] => (inf.problems ?? []).filter((p) => p.severity === 'error').map((p) => `${p.code}: ${p.message}`);

/** `weak` must be at most as precise as `known`: each dim equal or null, the same counts. */
function assertSoundWeakening(weak: LayerInference, known: LayerInference, what: string): void {
  assert.deepEqual(inferenceErrors(weak), [], `${what}: no error from an unknown`);
  if (weak.outputShape !== null && known.outputShape !== null) {
    assert.equal(weak.outputShape.length, known.outputShape.length, `${what}: rank`);
    weak.outputShape.forEach((d, i) => assert.ok(d === null || d === known.outputShape?.[i], `${what}: dim ${i} is ${d}, known ${known.outputShape?.[i]}`));
  }
  if (weak.params !== null && known.params !== null) {
    assert.equal(weak.params.trainable + weak.params.nonTrainable, known.params.trainable + known.params.nonTrainable, `${what}: params`);
  }
}

/** Config keys that are no part of the layer's arithmetic. */
const NOT_SHAPE_KEYS = new Set(['name', 'layer', 'backwardLayer']);

function checkUnknowns(decl: LayerDecl, inputs: readonly MaybeShape[]): void {
  const known = inferLayer(decl, inputs);
  for (const key of Object.keys(decl.config)) {
    if (NOT_SHAPE_KEYS.has(key)) continue;
    const config: Record<string, ConfigValue> = { ...decl.config, [key]: UNKNOWN };
    assertSoundWeakening(inferLayer({ ...decl, config }, inputs), known, `${key}: Unknown`);
  }
  inputs.forEach((s, i) => {
    if (s === null) return;
    for (let d = 0; d < s.length; d++) {
      const weaker = inputs.map((t, j) => (j === i ? s.map((v, k) => (k === d ? null : v)) : t));
      assertSoundWeakening(inferLayer(decl, weaker), known, `input ${i} dim ${d} null`);
    }
    assertSoundWeakening(inferLayer(decl, inputs.map((t, j) => (j === i ? null : t))), known, `input ${i} rank unknown`);
  });
}

function checkAccepted(c: KCase, k: KerasOutcome, ours: Ours): void {
  assert.deepEqual(ours.errors, [], `Keras accepts, so no error${c.note ? ` (${c.note})` : ''}`);
  const node = ours.node;
  assert.ok(node, 'our analysis has a node for the layer');
  const expected = firstShape(k.shape);
  if (c.weaker) {
    if (node.outputShape !== null && expected !== null) {
      assert.equal(node.outputShape.length, expected.length, 'rank');
      node.outputShape.forEach((d, i) => assert.ok(d === null || d === expected[i], `dim ${i} is ${d}, Keras ${expected[i]}`));
    }
  } else {
    assert.deepEqual(node.outputShape, expected, 'output shape');
    // A layer with several outputs (return_state, merge_mode=None): every one of them.
    if (c.firstOutputOnly) assert.ok(Array.isArray(k.shape) && Array.isArray(k.shape[0]), 'Keras returns several outputs');
    else if (Array.isArray(k.shape) && Array.isArray(k.shape[0])) assert.deepEqual(node.outputShapes, k.shape, 'every output shape');
    else assert.equal(node.outputShapes, undefined, 'one output');
  }
  if (!c.weaker || node.params !== null) {
    assert.ok(node.params, 'params known');
    assert.equal(node.params.trainable, k.trainable, 'trainable params');
    assert.equal(node.params.nonTrainable, k.nonTrainable, 'non-trainable params');
    assert.equal(node.params.trainable + node.params.nonTrainable, k.params, 'count_params()');
    assert.equal(evalFormula(node.params.formula), k.params, `formula ${node.params.formula}`);
  }
  assert.ok(node.macs === null || (Number.isInteger(node.macs) && node.macs >= 0), 'macs');
  // The JSON report says the same about the layer.
  const report = toFileReport(ours.analysis, 'case.py');
  const entry = report.models.flatMap((m) => m.layers).find((l) => l.name === node.displayName && l.className === node.className);
  assert.ok(entry, `the report lists ${node.displayName}`);
  assert.deepEqual(entry.outputShape, node.outputShapes ?? node.outputShape, 'report: output shape');
  assert.equal(entry.params, node.params ? node.params.trainable + node.params.nonTrainable : null, 'report: params');
  // Keras's own generated name, where it names the layer itself.
  if (k.name !== undefined && !/name\s*=/.test(c.layer)) assert.equal(node.displayName, k.name, 'generated name');
  if (node.node.op.kind === 'layer') checkUnknowns(node.node.op.layer, node.inputShapes);
}

/**
 * One mocha `describe` for a table: Keras runs every case once (in `before`), then one `it` per
 * case compares. Returns nothing; the cases stay importable for the coverage test.
 */
export function kerasOracleTable(title: string, cases: readonly KCase[]): void {
  describe(`Keras oracle: ${title}`, function () {
    let outcomes: KerasOutcome[] = [];
    before(async function () {
      this.timeout(300_000);
      outcomes = await runKeras(cases);
    });
    cases.forEach((c, i) => {
      it(titleOf(c), () => {
        const k = outcomes[i];
        assert.ok(k, 'Keras ran the case');
        const ours = analyseCase(c);
        const tf = c.withoutTensorFlow;
        if (tf && k.raised?.type === 'ImportError' && /TensorFlow/.test(k.raised.detail)) {
          assert.deepEqual(ours.errors, [], 'no error');
          assert.ok(ours.node, 'our analysis has a node for the layer');
          assert.deepEqual(ours.node.outputShape, tf.shape, 'output shape (from Keras\'s compute_output_shape)');
          assert.equal(ours.node.params === null ? null : ours.node.params.trainable + ours.node.params.nonTrainable, tf.params, 'params');
          if (ours.node.node.op.kind === 'layer') checkUnknowns(ours.node.node.op.layer, ours.node.inputShapes);
          return;
        }
        if (c.symbolicBug) {
          assert.equal(k.raised?.type, 'ShapeMismatch', 'Keras runs to another shape than its symbolic one');
          assert.ok(ours.analysis.findings.some((f) => f.severity === 'warning'), 'we warn about it');
          checkAccepted(c, { ...k, raised: null }, ours);
          return;
        }
        if (k.raised) {
          assert.ok(ours.errors.length > 0, `Keras raises (${k.raised.when}: ${k.raised.type}: ${k.raised.detail}) so we must report an error`);
          return;
        }
        checkAccepted(c, k, ours);
      });
    });
  });
}
