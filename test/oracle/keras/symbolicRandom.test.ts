// Randomized symbolic programs against real Keras 3: builders of random conv/pool/normalization
// stacks on an (IMG, IMG, C) input, IMG and C parameters no call gives. Keras builds each for
// several values (IMG large enough that every window fits), and our symbolic shapes and params
// with those values put in must equal Keras's, for every layer. A failure prints the builder.
import { strict as assert } from 'node:assert';
import { analyzeText } from '../../../src/core/analyze';
import { toFileReport } from '../../../src/core/reportJson';
import { seededRandom } from '../../support/seededRandom';
import { concrete, substitute } from '../../support/symbolic';
import { kerasOracle } from './support/kerasOracle';

function randomBuilder(rand: () => number, name: string): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const lines: string[] = [];
  const depth = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < depth; i++) {
    const padding = pick(['valid', 'same']);
    switch (pick(['conv', 'conv', 'conv1', 'pool', 'avg', 'bn', 'act', 'pad', 'crop', 'up', 'transpose', 'depthwise', 'separable'])) {
      case 'conv': {
        const strided = rand() < 0.5;
        const step = strided ? `strides=${pick([1, 2, 3])}` : `dilation_rate=${pick([1, 2])}`;
        lines.push(`layers.Conv2D(${pick([2, 4, 8])}, ${pick([1, 2, 3, 5])}, ${step}, padding="${padding}")`);
        break;
      }
      case 'conv1':
        lines.push(`layers.Conv2D(${pick([2, 4])}, (${pick([1, 3])}, ${pick([2, 3])}), padding="${padding}")`);
        break;
      case 'pool':
        lines.push(`layers.MaxPooling2D(${pick([2, 3])}, strides=${pick([1, 2, 3])}, padding="${padding}")`);
        break;
      case 'avg':
        lines.push(`layers.AveragePooling2D(${pick([2, 3])}, padding="${padding}")`);
        break;
      case 'pad':
        lines.push(`layers.ZeroPadding2D(${pick(['1', '(2, 0)', '((0, 1), (2, 3))'])})`);
        break;
      case 'crop':
        lines.push(`layers.Cropping2D(${pick(['1', '(2, 0)', '((0, 1), (2, 3))'])})`);
        break;
      case 'up':
        lines.push(`layers.UpSampling2D(${pick(['2', '(1, 3)'])})`);
        break;
      case 'transpose': {
        const s = pick([1, 2, 3]);
        const k = pick([1, 2, 3]);
        const extra = rand() < 0.4 && s > 1 ? `, output_padding=${Math.floor(rand() * s)}` : rand() < 0.3 && s === 1 ? `, dilation_rate=2` : '';
        lines.push(`layers.Conv2DTranspose(${pick([2, 4])}, ${k}, strides=${s}, padding="${padding}"${extra})`);
        break;
      }
      case 'depthwise':
        lines.push(`layers.DepthwiseConv2D(${pick([1, 3])}, strides=${pick([1, 2])}, depth_multiplier=${pick([1, 2])}, padding="${padding}")`);
        break;
      case 'separable':
        lines.push(`layers.SeparableConv2D(${pick([2, 4])}, ${pick([2, 3])}, ${pick(['strides=2', 'dilation_rate=2', 'strides=1'])}, padding="${padding}")`);
        break;
      case 'bn':
        lines.push('layers.BatchNormalization()');
        break;
      default:
        lines.push('layers.Activation("relu")');
    }
  }
  lines.push(pick(['layers.GlobalAveragePooling2D()', 'layers.GlobalMaxPooling2D()']));
  lines.push(`layers.Dense(${pick([1, 3, 10])})`);
  return `def ${name}(IMG, C):\n    return keras.Sequential([\n        keras.Input(shape=(IMG, IMG, C)),\n${lines.map((l) => `        ${l},`).join('\n')}\n    ])\n`;
}

const BUILDERS = 40;
const TRIALS = 3;

describe('symbolic dimensions vs real Keras 3: randomized builders', function () {
  this.timeout(180_000);
  after(() => kerasOracle().close());

  it(`${BUILDERS} random builders on ${TRIALS} values each: every layer equal`, async () => {
    const rand = seededRandom(2222);
    const builders = Array.from({ length: BUILDERS }, (_, i) => randomBuilder(rand, `build_${i}`));
    const source = `import keras\nfrom keras import layers\n\n${builders.join('\n')}`;
    const models = toFileReport(analyzeText(source, 'random.py'), 'random.py').models;
    assert.equal(models.length, BUILDERS);
    // Past 400 every window of these stacks fits, so Keras builds every one.
    const calls = builders.flatMap((_, i) => Array.from({ length: TRIALS }, () => ({ i, img: 400 + Math.floor(rand() * 100), c: 1 + Math.floor(rand() * 5) })));
    const program = `${source}\n${calls.map((t, k) => `m${k} = build_${t.i}(${t.img}, ${t.c})`).join('\n')}\n`;
    const keras = await kerasOracle().models(program, { filename: 'random.py' });
    assert.equal(keras.raised, null, JSON.stringify(keras.raised));
    assert.equal(keras.models.length, calls.length);
    calls.forEach((t, k) => {
      const ours = models[t.i];
      const real = keras.models[k];
      const values = new Map([['IMG', t.img], ['C', t.c]]);
      assert.equal(ours.layers.length, real.layers.length, builders[t.i]);
      ours.layers.forEach((layer, j) => {
        const got = concrete(layer, values);
        const label = `${builders[t.i]}IMG=${t.img} C=${t.c}, layer ${j} (${layer.className})`;
        assert.deepEqual(got.shape, real.layers[j].outputShape, `${label}: ${JSON.stringify(layer.symbolicShape ?? layer.outputShape)}`);
        assert.equal(got.params, real.layers[j].params, `${label}: ${layer.paramsExpr ?? layer.params}`);
      });
      const total = ours.totalParams ?? (ours.totalParamsExpr !== undefined ? substitute(ours.totalParamsExpr, values) : null);
      assert.equal(total, real.params, `${builders[t.i]}total`);
    });
  });
});
