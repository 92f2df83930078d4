// Real TF.js as the oracle: the test fixtures are ordinary TF.js programs, so the tests build
// them with @tensorflow/tfjs (symbolically, nothing is trained) and compare the server's
// shapes and counts with what TF.js itself reports.
import * as tf from '@tensorflow/tfjs';
import * as ts from 'typescript';

let backendReady: Promise<boolean> | null = null;

export async function tfReady(): Promise<void> {
  backendReady ??= tf.setBackend('cpu');
  await backendReady;
}

/**
 * Runs a fixture (its `import ... from '@tensorflow/tfjs'` line removed) with the real `tf`
 * and returns the models named in `names`.
 */
export function buildModels(source: string, names: readonly string[]): tf.LayersModel[] {
  const withoutImports = source.replace(/^import .*$/gm, '').replace(/^export /gm, '');
  // Fixtures are TypeScript (`as tf.SymbolicTensor`); strip the types, keep the program.
  const body = ts.transpileModule(withoutImports, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
  const run = new Function('tf', `${body}\nreturn [${names.join(', ')}];`) as (t: typeof tf) => tf.LayersModel[];
  return run(tf);
}

export function layerOutputShape(layer: tf.layers.Layer): (number | null)[] {
  return layer.outputShape as (number | null)[];
}

/** The shape of a layer's (first) input tensor; `layer.inputShape` is unset inside Sequential. */
export function layerInputShape(layer: tf.layers.Layer): (number | null)[] {
  const input = layer.input;
  return (Array.isArray(input) ? input[0] : input).shape;
}

export { tf };
