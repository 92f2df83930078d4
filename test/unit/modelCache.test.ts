// Whole models' analyses are kept by what their graphs are made of (src/core/modelCache.ts):
// every Python fixture (scripts, notebooks, symbolic ones, ones Keras raises on) analysed with
// the caches warmed by all the others gives exactly what it gives cold, and every change to a
// model that changes its analysis (a config value, an input shape, a name, a shared layer, a
// constructor error, the outputs) changes it, while the file's other models come from the cache.
import { strict as assert } from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { analyzeText } from '../../src/core/analyze';
import { clearInferenceCache } from '../../src/core/infer';
import { keptStats } from '../../src/core/modelCache';
import { toFileReport } from '../../src/core/reportJson';
import type { FileAnalysis } from '../../src/core/types';
import { generatePythonModelFile } from '../../bench/generatePythonModels';

const FIXTURES = path.resolve(__dirname, '../fixtures/python');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.(py|ipynb)$/.test(name) ? [p] : [];
  });
}

function analysed(text: string, fileName: string): string {
  const a = analyzeText(text, fileName);
  return JSON.stringify({ report: toFileReport(a, fileName), models: a.models, findings: a.findings });
}

/** The analysis of a text, and how many of its models came from the cache. */
function withHits(text: string): { analysis: FileAnalysis; hits: number } {
  const before = keptStats.hits;
  const analysis = analyzeText(text, 'models.py');
  return { analysis, hits: keptStats.hits - before };
}

const summaryOf = (a: FileAnalysis, model: number): unknown => {
  const m = a.models[model];
  return { params: m.totalParams, output: m.outputShapes, nodes: m.nodes.map((n) => [n.displayName, n.outputShape, n.params?.trainable, n.sharedRepeat, n.problems.map((p) => p.message)]) };
};

describe('model cache: kept analyses change no result', function () {
  this.timeout(120_000);

  it('gives every Python fixture the analysis it has with cold caches', () => {
    const files = filesUnder(FIXTURES);
    assert.ok(files.length > 20, `${files.length} fixtures`);
    const texts = files.map((f) => ({ file: f, text: readFileSync(f, 'utf8') }));
    const cold = texts.map(({ file, text }) => {
      clearInferenceCache();
      return analysed(text, file);
    });
    clearInferenceCache();
    for (const { file, text } of texts) analysed(text, file);
    const hits = keptStats.hits;
    texts.forEach(({ file, text }, i) => assert.equal(analysed(text, file), cold[i], `${path.relative(FIXTURES, file)} differs with warm caches`));
    assert.ok(keptStats.hits > hits, 'the warm analyses took models from the cache');
  });

  const base = [
    'import keras',
    'from keras import layers',
    '',
    'inputs = keras.Input(shape=(32, 32, 3), name="image")',
    'x = layers.Conv2D(16, 3, padding="same", name="conv")(inputs)',
    'shared = layers.Dense(8)',
    'y = shared(layers.Flatten()(x))',
    'z = layers.Dense(8)(y)',
    'first = keras.Model(inputs, z)',
    '',
    'second = keras.Sequential([keras.Input(shape=(10,)), layers.Dense(4), layers.Dense(2)])',
    '',
  ].join('\n');

  /**
   * Analyses `base`, then it edited: the first model must change as `changed` says, the second
   * come from the cache unchanged (unless `secondChanges`: then it must not come from it).
   */
  function edit(from: string, to: string, changed: (before: unknown, after: unknown) => void, secondChanges = false): void {
    clearInferenceCache();
    const before = withHits(base).analysis;
    const edited = base.replace(from, to);
    assert.notEqual(edited, base, `${from} is in the base text`);
    const after = withHits(edited);
    if (secondChanges) {
      assert.equal(after.hits, 0, 'the second model is analysed again');
      assert.notDeepEqual(summaryOf(after.analysis, 1), summaryOf(before, 1));
    } else {
      assert.equal(after.hits, 1, 'the untouched model comes from the cache');
      assert.deepEqual(summaryOf(after.analysis, 1), summaryOf(before, 1));
    }
    changed(summaryOf(before, 0), summaryOf(after.analysis, 0));
    // And the edited analysis is what it is with cold caches.
    clearInferenceCache();
    assert.deepEqual(summaryOf(analyzeText(edited, 'models.py'), 0), summaryOf(after.analysis, 0));
  }

  const differs = (before: unknown, after: unknown): void => assert.notDeepEqual(after, before);

  it('a config value changes the model', () => edit('Conv2D(16, 3', 'Conv2D(8, 3', differs));
  it('an input shape changes the model', () => edit('shape=(32, 32, 3)', 'shape=(28, 28, 3)', differs));
  it('a layer name changes the model', () => edit('name="conv"', 'name="stem"', differs));
  it('an input name changes the model', () => edit('name="image"', 'name="picture"', differs));
  // One Dense fewer is built, so the Sequential's are named dense_1 and dense_2, not dense_2 and
  // dense_3 (Keras counts every Dense of the process): its key changes with them.
  it('a shared layer applied twice counts its weights once', () =>
    edit(
      'z = layers.Dense(8)(y)',
      'z = shared(y)',
      (before, after) => {
        differs(before, after);
        const nodes = (after as { nodes: unknown[][] }).nodes;
        assert.equal(nodes[nodes.length - 1][3], true, 'the second application is a shared repeat');
      },
      true,
    ));
  it('an error the constructor finds changes the model', () =>
    edit('z = layers.Dense(8)(y)', 'z = layers.Dense(8.0)(y)', (before, after) => {
      differs(before, after);
      assert.ok(JSON.stringify(after).includes('float'), JSON.stringify(after));
    }));
  it('other outputs change the model', () => edit('first = keras.Model(inputs, z)', 'first = keras.Model(inputs, y)', differs));

  it('an edit of one model of fifty re-infers that one only', () => {
    clearInferenceCache();
    const text = generatePythonModelFile(50);
    const edited = text.replace('SIZE_10 = 32', 'SIZE_10 = 40');
    const first = withHits(text);
    assert.equal(first.hits, 0);
    const second = withHits(edited);
    assert.equal(second.hits, first.analysis.models.length - 1);
    const shapes = (a: FileAnalysis): string[] => a.models.map((m) => JSON.stringify(m.nodes.map((n) => n.outputShape)));
    assert.equal(shapes(second.analysis).filter((s, i) => s !== shapes(first.analysis)[i]).length, 1, 'the edited model changed, no other');
    const warm = analysed(edited, 'models.py');
    clearInferenceCache();
    assert.equal(analysed(edited, 'models.py'), warm);
  });
});
