// Randomized symbolic programs against real TF.js: builders of random conv/pool/normalization
// stacks on an IMG×IMG×C input, IMG and C parameters no call gives. For several values that
// TF.js builds with every size positive, our symbolic shapes and params, with the values put
// in, must equal TF.js's for every layer. A failure prints the program.
import { strict as assert } from 'assert';
import * as tf from '@tensorflow/tfjs';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import { seededRandom } from '../support/seededRandom';
import { concrete, substitute } from '../support/symbolic';

interface Spec {
  readonly factory: string;
  readonly config: Record<string, number | string>;
}

function randomSpecs(rand: () => number): Spec[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const specs: Spec[] = [];
  const depth = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < depth; i++) {
    const padding = pick(['valid', 'same']);
    switch (pick(['conv', 'conv', 'pool', 'avg', 'bn', 'act', 'pad', 'crop', 'up', 'transpose', 'depthwise', 'separable'])) {
      case 'conv': {
        const strided = rand() < 0.5;
        specs.push({
          factory: 'conv2d',
          config: { filters: pick([2, 4, 8]), kernelSize: pick([1, 2, 3, 5]), strides: strided ? pick([1, 2, 3]) : 1, dilationRate: strided ? 1 : pick([1, 2]), padding },
        });
        break;
      }
      case 'pool':
        specs.push({ factory: 'maxPooling2d', config: { poolSize: pick([2, 3]), strides: pick([1, 2, 3]), padding } });
        break;
      case 'avg':
        specs.push({ factory: 'averagePooling2d', config: { poolSize: pick([2, 3]), padding } });
        break;
      case 'pad':
        specs.push({ factory: 'zeroPadding2d', config: { padding: pick([1, 2]) } });
        break;
      case 'crop':
        specs.push({ factory: 'cropping2D', config: { cropping: pick([1, 2]) } });
        break;
      case 'up':
        specs.push({ factory: 'upSampling2d', config: {} });
        break;
      case 'transpose':
        specs.push({ factory: 'conv2dTranspose', config: { filters: pick([2, 4]), kernelSize: pick([1, 2, 3, 5]), strides: pick([1, 2, 3]), padding } });
        break;
      case 'depthwise':
        specs.push({ factory: 'depthwiseConv2d', config: { kernelSize: pick([1, 3]), strides: pick([1, 2]), depthMultiplier: pick([1, 2]), padding } });
        break;
      case 'separable':
        specs.push({ factory: 'separableConv2d', config: { filters: pick([2, 4]), kernelSize: pick([2, 3]), strides: pick([1, 2]), padding } });
        break;
      case 'bn':
        specs.push({ factory: 'batchNormalization', config: {} });
        break;
      default:
        specs.push({ factory: 'activation', config: { activation: 'relu' } });
    }
  }
  specs.push({ factory: pick(['flatten', 'globalAveragePooling2d']), config: {} });
  specs.push({ factory: 'dense', config: { units: pick([1, 3, 10]) } });
  return specs;
}

function programOf(specs: readonly Spec[]): string {
  const lines = specs.map((s, i) => {
    const entries = Object.entries(s.config).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
    if (i === 0) entries.push('inputShape: [IMG, IMG, C]');
    return `  m.add(tf.layers.${s.factory}({ ${entries.join(', ')} }));`;
  });
  return `import * as tf from '@tensorflow/tfjs';\nexport function build(IMG: number, C: number) {\n  const m = tf.sequential();\n${lines.join('\n')}\n  return m;\n}\n`;
}

type Factory = (config: Record<string, unknown>) => tf.layers.Layer;

function buildWith(specs: readonly Spec[], img: number, c: number): tf.Sequential {
  const m = tf.sequential();
  specs.forEach((s, i) => {
    const make = (tf.layers as unknown as Record<string, Factory>)[s.factory];
    m.add(make(i === 0 ? { ...s.config, inputShape: [img, img, c] } : s.config));
  });
  return m;
}

describe('symbolic dimensions vs real TF.js: randomized builders', function () {
  this.timeout(120_000);
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('60 random builders, each on the values of IMG and C TF.js builds: every layer equal', () => {
    const rand = seededRandom(1111);
    let checked = 0;
    for (let p = 0; p < 60; p++) {
      const specs = randomSpecs(rand);
      const program = programOf(specs);
      const model = toFileReport(analyzeText(program, 'random.ts'), 'random.ts').models[0];
      assert.ok(model, program);
      const layers = model.layers.filter((l) => l.className !== 'InputLayer');
      for (let trial = 0; trial < 4; trial++) {
        const img = 8 + Math.floor(rand() * 60);
        const c = 1 + Math.floor(rand() * 5);
        let real: tf.Sequential;
        try {
          real = buildWith(specs, img, c);
        } catch {
          continue; // a window larger than this IMG: TF.js refuses, no shape to compare
        }
        if (real.layers.some((l) => (l.outputShape as (number | null)[]).some((d) => d !== null && d <= 0))) continue;
        const values = new Map([['IMG', img], ['C', c]]);
        layers.forEach((layer, i) => {
          const got = concrete(layer, values);
          const label = `${program}\nIMG=${img} C=${c}, layer ${i} (${layer.className})`;
          assert.deepEqual(got.shape, real.layers[i].outputShape, `${label}: ${JSON.stringify(layer.symbolicShape ?? layer.outputShape)}`);
          assert.equal(got.params, real.layers[i].countParams(), `${label}: ${layer.paramsExpr ?? layer.params}`);
        });
        const total = model.totalParams ?? (model.totalParamsExpr !== undefined ? substitute(model.totalParamsExpr, values) : null);
        assert.equal(total, real.countParams(), `${program}\ntotal at IMG=${img} C=${c}`);
        checked++;
      }
    }
    assert.ok(checked >= 100, `only ${checked} builds to compare`);
  });
});
