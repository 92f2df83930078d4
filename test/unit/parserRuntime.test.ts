// TypeScript's compiler and typescript-estree load at the first TS/JS parse (parserRuntime.ts):
// a Python-only analysis must not load them, a TS one must, and both must still analyse. Each
// case runs in a fresh Node process, since this one has loaded TypeScript long ago.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

/** Analyses `text` as `fileName` in a fresh process; says which parser modules it loaded and how many models it found. */
function analyseFresh(text: string, fileName: string): { loaded: string[]; models: number } {
  const script = `
    const { analyzeText } = require(${JSON.stringify(path.join(ROOT, 'src/core/analyze.ts'))});
    const analysis = analyzeText(${JSON.stringify(text)}, ${JSON.stringify(fileName)});
    const loaded = Object.keys(require.cache)
      .map((k) => k.replace(/\\\\/g, '/'))
      .filter((k) => /node_modules\\/(typescript|@typescript-eslint\\/typescript-estree)\\//.test(k))
      .map((k) => k.includes('/typescript-estree/') ? 'typescript-estree' : 'typescript');
    process.stdout.write(JSON.stringify({ loaded: [...new Set(loaded)].sort(), models: analysis.models.length }));
  `;
  const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { loaded: string[]; models: number };
}

describe('parser runtime: TypeScript loads at the first TS/JS parse', function () {
  this.timeout(60_000);

  it('a Python analysis finds its model without loading TypeScript or typescript-estree', () => {
    const text = 'from tensorflow import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(8, 3), layers.Flatten(), layers.Dense(10)])\n';
    assert.deepEqual(analyseFresh(text, 'model.py'), { loaded: [], models: 1 });
  });

  it('a TS analysis loads both and finds its model', () => {
    const text = "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential();\nm.add(tf.layers.dense({ units: 4, inputShape: [8] }));\n";
    assert.deepEqual(analyseFresh(text, 'model.ts'), { loaded: ['typescript', 'typescript-estree'], models: 1 });
  });
});
