// Real Keras 3 is the oracle for the Python scenarios, as real TF.js is for the TS ones
// (harness/oracle.ts): the tests run the workspace's .py files and notebooks in the pinned venv
// (scripts/ensure-keras-venv.sh; KERAS_BACKEND=numpy) through the shared Keras oracle and
// compare the workbench with what Keras builds. The test runs the fixture; the extension
// under test never does. Without the venv every call fails with the command that creates it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { kerasOracle, type KLayer, type KModel, type KModelsResult, type KRaised, type KShape, type KShapeTree } from '../../oracle/keras/support/kerasOracle';

export interface KerasLayer {
  readonly className: string;
  readonly name: string;
  /** Output shape with the batch dimension, as Keras reports it. */
  readonly outputShape: readonly (number | null)[];
  readonly params: number;
}

export interface KerasModel {
  readonly layers: readonly KerasLayer[];
  readonly totalParams: number;
}

function singleShape(tree: KShapeTree, layer: string): KShape {
  const flat = Array.isArray(tree) && tree.every((d) => d === null || typeof d === 'number');
  assert.ok(flat, `Keras gives ${layer} no single output shape: ${JSON.stringify(tree)}`);
  return tree as KShape;
}

function describeLayer(layer: KLayer): KerasLayer {
  assert.ok(layer.params !== null, `Keras cannot count ${layer.name}'s params: ${layer.paramsError ?? ''}`);
  return { className: layer.className, name: layer.name, outputShape: singleShape(layer.outputShape, layer.name), params: layer.params };
}

function onlyModel(result: KModelsResult, what: string): KModel {
  assert.strictEqual(result.raised, null, `Keras raised on ${what}: ${result.raised?.type}: ${result.raised?.detail}`);
  assert.strictEqual(result.models.length, 1, `${what} should build exactly one model; Keras built ${result.models.length}`);
  return result.models[0];
}

function describeModel(model: KModel): KerasModel {
  assert.ok(model.params !== null, `Keras cannot count the model's params: ${model.paramsError ?? ''}`);
  return { layers: model.layers.map(describeLayer), totalParams: model.params };
}

/** Runs a Python program (its file name for tracebacks) and describes the one model it builds. */
export async function kerasModel(source: string, filename: string): Promise<KerasModel> {
  return describeModel(onlyModel(await kerasOracle().models(source, { filename }), filename));
}

/** Runs a Python program and returns what Keras raised on it (fails when it raises nothing). */
export async function kerasRaises(source: string, filename: string): Promise<KRaised> {
  const result = await kerasOracle().models(source, { filename });
  assert.ok(result.raised, `Keras should raise on ${filename}, but built ${result.models.length} model(s)`);
  return result.raised;
}

/** Runs a notebook's code cells in order (the .ipynb JSON) and describes the one model it builds. */
export async function kerasNotebookModel(notebookJson: string, filename: string): Promise<KerasModel> {
  return describeModel(onlyModel(await kerasOracle().notebookModels({ source: notebookJson, filename }), filename));
}

interface NotebookJson {
  readonly cells: readonly { readonly cell_type: string; readonly source: string | readonly string[] }[];
}

/** A notebook's code cells' sources, in order. */
export function notebookCodeCells(notebookJson: string): string[] {
  const notebook = JSON.parse(notebookJson) as NotebookJson;
  return notebook.cells.filter((c) => c.cell_type === 'code').map((c) => (typeof c.source === 'string' ? c.source : c.source.join('')));
}

/**
 * Builds the notebook's model with every random initializer seeded and saves it, weights
 * included, as a Keras 3 `.keras` file at `target` (what `model.save('cnn.keras')` after
 * training writes). IPython magics and shell lines are left out, as Jupyter would run them apart.
 */
export async function saveNotebookModel(notebookJson: string, target: string, seed: number): Promise<void> {
  const cells = notebookCodeCells(notebookJson).map((cell) =>
    cell
      .split('\n')
      .filter((line) => !/^\s*[%!]/.test(line))
      .join('\n'),
  );
  const program = [
    'import keras',
    `keras.utils.set_random_seed(${seed})`,
    ...cells,
    `model.save(${JSON.stringify(path.resolve(target))})`,
  ].join('\n');
  const result = await kerasOracle().runProgram(program, { filename: 'save_model.py' });
  assert.strictEqual(result.raised, null, `Keras could not save the model: ${result.raised?.type}: ${result.raised?.detail}`);
  assert.ok(fs.existsSync(target) && fs.statSync(target).size > 0, `model.save wrote nothing at ${target}`);
}
