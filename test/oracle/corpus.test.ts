// The oracle: every fixture is built with real TF.js (CPU backend) and our static analysis
// must agree with it, layer by layer, without running anything itself.
import { strict as assert } from 'assert';
import * as tf from '@tensorflow/tfjs';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import type { FileReport, LayerReport, ModelReport } from '../../src/core/report';
import { listFixtures } from './support/fixtures';
import { describeModel, removeTranspiledFixtures, runFixture, type OracleLayer, type OracleModel } from './support/runFixture';
import { statementLinesAt } from './support/statementAt';

/** Layer classes issue 2 lists that exist in TF.js 4.22 (it has no Subtract layer). */
const REQUIRED_CLASSES = [
  'Conv1D', 'Conv2D', 'Conv3D', 'Conv2DTranspose', 'Conv3DTranspose', 'SeparableConv2D', 'DepthwiseConv2D',
  'MaxPooling1D', 'MaxPooling2D', 'MaxPooling3D', 'AveragePooling1D', 'AveragePooling2D', 'AveragePooling3D',
  'GlobalMaxPooling1D', 'GlobalMaxPooling2D', 'GlobalAveragePooling1D', 'GlobalAveragePooling2D',
  'Dense', 'Flatten', 'Dropout', 'SpatialDropout1D', 'Activation', 'ReLU', 'LeakyReLU', 'PReLU', 'ELU',
  'ThresholdedReLU', 'Softmax', 'BatchNormalization', 'LayerNormalization', 'ZeroPadding2D', 'Cropping2D',
  'UpSampling2D', 'Reshape', 'Permute', 'RepeatVector', 'Concatenate', 'Add', 'Multiply', 'Average',
  'Maximum', 'Minimum', 'Dot', 'Embedding', 'SimpleRNN', 'LSTM', 'GRU', 'Bidirectional', 'TimeDistributed',
  'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'Masking', 'InputLayer',
];

const MIN_FIXTURES = 45;

/**
 * Published parameter counts of well-known fixtures. They check the corpus and the harness
 * (the injected zero initializers must not change counts), not our analysis, which is held
 * to TF.js's own numbers below.
 */
const PUBLISHED_TOTALS: Readonly<Record<string, number>> = {
  'test/fixtures/valid/vgg16.ts': 138_357_544,
  'test/fixtures/valid/classicCnn.ts': 1_625_281,
  'examples/classicCnn.ts': 1_625_281,
};

function analyse(text: string, label: string): FileReport {
  return toFileReport(analyzeText(text, label), label);
}

function layerKey(layer: OracleLayer): string {
  return `${layer.className} ${JSON.stringify(layer.outputShape)} ${layer.params}`;
}

/**
 * Our layers in TF.js's terms. A shared layer is one TF.js layer, listed once (we list it once
 * too, with its applications in `calls`). TF.js lists a Sequential model's implicit InputLayer
 * nowhere, but an explicitly added `tf.layers.inputLayer` it does list; functional models list
 * every input.
 */
function ourLayers(model: ModelReport, oracle: OracleModel): OracleLayer[] {
  const oracleHasInput = oracle.layers.some((l) => l.className === 'InputLayer');
  const keep = (layer: LayerReport): boolean => !(model.kind === 'sequential' && !oracleHasInput && layer.className === 'InputLayer');
  return model.layers.filter(keep).map((layer) => ({
    className: layer.className ?? '(unknown factory)',
    outputShape: layer.outputShape,
    params: layer.params ?? Number.NaN,
  }));
}

/** Applications of the layers applied more than once, sorted: TF.js's inbound nodes, our `calls`. */
function sharedApplications(layers: readonly { applications?: number; calls?: unknown[] }[]): number[] {
  return layers
    .map((l) => l.calls?.length ?? l.applications ?? 1)
    .filter((n) => n > 1)
    .sort((a, b) => a - b);
}

function sortedKeys(layers: readonly OracleLayer[]): string[] {
  return layers.map(layerKey).sort();
}

function disposeAll(models: readonly tf.LayersModel[]): void {
  for (const model of models) {
    try {
      model.dispose();
    } catch {
      // An empty Sequential (its first `add` threw) has nothing to dispose and says so loudly.
    }
  }
}

describe('oracle corpus vs real TF.js', function () {
  this.timeout(60_000);
  // The bundled examples must hold to the same bar as valid fixtures: `npm run demo` fails
  // on any error finding.
  const valid = [...listFixtures('valid'), ...listFixtures('examples')];
  const invalid = listFixtures('invalid');
  const classesSeen = new Set<string>();

  before(async () => {
    // IS_TEST only silences TF.js's "install tfjs-node" banner in the test output.
    tf.env().set('IS_TEST', true);
    await tf.setBackend('cpu');
  });
  after(removeTranspiledFixtures);

  it(`has at least ${MIN_FIXTURES} fixtures`, () => {
    const corpus = valid.filter((f) => f.label.startsWith('test/fixtures/')).length + invalid.length;
    assert.ok(corpus >= MIN_FIXTURES, `${corpus} fixtures`);
  });

  describe('valid fixtures: every layer matches TF.js', () => {
    for (const fixture of valid) {
      it(fixture.label, () => {
        const run = runFixture(fixture.absolutePath);
        try {
          assert.equal(run.error, null, `TF.js failed to build ${fixture.label}: ${String(run.error)}`);
          const oracle = run.models.map(describeModel);
          const published = PUBLISHED_TOTALS[fixture.label];
          if (published !== undefined) assert.equal(oracle[0]?.totalParams, published, 'TF.js disagrees with the published count');
          for (const model of oracle) for (const layer of model.layers) classesSeen.add(layer.className);

          const report = analyse(fixture.text, fixture.label);
          const errors = report.diagnostics.filter((d) => d.severity === 'error');
          assert.deepEqual(errors, [], `no error findings expected on a model TF.js builds`);
          assert.equal(
            report.models.length,
            oracle.length,
            `model count: ours ${report.models.length}, TF.js ${oracle.length} (in creation order)`,
          );
          oracle.forEach((expected, index) => {
            const ours = report.models[index];
            const where = `${fixture.label} model #${index} (ours: ${ours.name ?? 'unnamed'}, line ${ours.line})`;
            assert.equal(ours.kind, expected.kind, `${where}: kind`);
            assert.deepEqual(sortedKeys(ourLayers(ours, expected)), sortedKeys(expected.layers), `${where}: layers (class, outputShape, params)`);
            if (expected.kind === 'functional') {
              assert.deepEqual(sharedApplications(ours.layers), sharedApplications(expected.layers), `${where}: layers applied more than once, and how often`);
            }
            assert.equal(ours.totalParams, expected.totalParams, `${where}: totalParams`);
            assert.equal(ours.trainableParams, expected.trainableParams, `${where}: trainableParams`);
          });
        } finally {
          disposeAll(run.models);
        }
      });
    }

    it('cover every layer class issue 2 lists (as TF.js reports them)', () => {
      const missing = REQUIRED_CLASSES.filter((c) => !classesSeen.has(c));
      assert.deepEqual(missing, []);
    });
  });

  describe('invalid fixtures: an error finding on the statement TF.js throws in', () => {
    for (const fixture of invalid) {
      it(fixture.label, () => {
        const run = runFixture(fixture.absolutePath);
        disposeAll(run.models);
        assert.notEqual(run.error, null, `TF.js built ${fixture.label} without throwing; it belongs in valid/`);
        assert.ok(run.throwSite, `no stack frame inside ${fixture.label}: ${String(run.error)}`);
        const statement = statementLinesAt(fixture.text, fixture.label, run.throwSite.line, run.throwSite.column);
        assert.ok(statement, `no statement at ${run.throwSite.line}:${run.throwSite.column}`);

        const report = analyse(fixture.text, fixture.label);
        const errors = report.diagnostics.filter((d) => d.severity === 'error');
        const onStatement = errors.filter((d) => d.line <= statement.endLine && d.endLine >= statement.startLine);
        assert.ok(
          onStatement.length > 0,
          `TF.js threw "${String(run.error).slice(0, 160)}" at line ${run.throwSite.line} ` +
            `(statement lines ${statement.startLine}-${statement.endLine}); our errors: ` +
            JSON.stringify(errors.map((d) => `${d.line}-${d.endLine} ${d.code}`)),
        );
      });
    }
  });
});
