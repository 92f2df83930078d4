// The one matcher behind every trained-weights format: numbered (Keras) and named (TF.js)
// weights, name first then order and shape, NaN/Infinity reported per layer and weight, and
// files far larger than any model still matched in linear time.
import * as assert from 'assert';
import { matchWeights, type LayerWeightSpec } from '../../../webview/weights/matchWeights';
import type { StoredLayer, StoredWeights } from '../../../webview/weights/storedWeights';
import { parseTfjsWeights, tfjsStoredWeights } from '../../../webview/weights/tfjsWeights';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const filled = (shape: readonly number[], v: number) => new Float32Array(size(shape)).fill(v);

function keras(name: string, shapes: number[][], v = 1): StoredLayer {
  return { name, weights: shapes.map((shape, i) => ({ name: `layers/${name}/vars/${i}`, role: null, shape, data: filled(shape, v + i) })) };
}
function file(layers: StoredLayer[], inModelOrder = true, label = 'm.keras'): StoredWeights {
  return { label, layers, inModelOrder };
}
const conv = (name: string, cin: number, cout: number): LayerWeightSpec => ({ layerName: name, weights: [{ role: 'kernel', shape: [3, 3, cin, cout] }, { role: 'bias', shape: [cout] }] });

describe('matching trained weights to the code', () => {
  it('numbered Keras variables take roles by position: kernel then bias', () => {
    const m = matchWeights([conv('conv2d', 3, 4)], file([keras('conv2d', [[3, 3, 3, 4], [4]], 7)]));
    assert.deepStrictEqual(m.messages, []);
    assert.strictEqual(m.matched.get('conv2d')?.get('kernel')?.data[0], 7);
    assert.strictEqual(m.matched.get('conv2d')?.get('bias')?.data[0], 8);
  });

  it('says how many variables a same-named layer stores when the count differs', () => {
    const m = matchWeights([conv('conv2d', 3, 4)], file([keras('conv2d', [[3, 3, 3, 4]])]));
    assert.strictEqual(m.matched.size, 0);
    assert.ok(
      m.messages.some((x) => x.severity === 'error' && x.layerName === 'conv2d' && x.message === "layer 'conv2d': m.keras stores 1 weight for 'conv2d' ([3, 3, 3, 4]), the code declares 2 (kernel [3, 3, 3, 4], bias [4])"),
      JSON.stringify(m.messages),
    );
  });

  it('after names, the code\'s other layers take the next unused layer of the file with their shapes, in model order', () => {
    const m = matchWeights(
      [conv('conv2d', 3, 4), conv('mine_a', 4, 4), conv('mine_b', 4, 4), conv('mine_c', 4, 8)],
      file([keras('conv2d', [[3, 3, 3, 4], [4]]), keras('x', [[3, 3, 4, 4], [4]], 10), keras('y', [[3, 3, 4, 8], [8]], 20), keras('z', [[3, 3, 4, 4], [4]], 30)]),
    );
    assert.deepStrictEqual([...m.matched.keys()], ['conv2d', 'mine_a', 'mine_b']);
    assert.strictEqual(m.matched.get('mine_a')?.get('kernel')?.data[0], 10);
    // In model order: mine_b follows mine_a, so it takes z (after y).
    assert.strictEqual(m.matched.get('mine_b')?.get('kernel')?.data[0], 30);
    // mine_c needs y's shapes, but y lies before z in the file: the orders disagree, so no guess.
    assert.ok(m.messages.some((x) => x.severity === 'error' && x.layerName === 'mine_c'));
    assert.ok(m.messages.some((x) => x.severity === 'warning' && /'layers\/y\/vars\/0'/.test(x.message)));
    assert.ok(m.messages.some((x) => x.severity === 'info' && x.layerName === 'mine_a' && /takes 'x', the next layer there with the same weight shapes/.test(x.message)));
  });

  it('without a model order (a bare .weights.h5), the first unused layer of the right shapes, wherever it is', () => {
    const m = matchWeights([conv('a', 3, 4), conv('b', 4, 8)], file([keras('conv2d_1', [[3, 3, 4, 8], [8]], 5), keras('conv2d', [[3, 3, 3, 4], [4]], 9)], false));
    assert.strictEqual(m.matched.get('a')?.get('kernel')?.data[0], 9);
    assert.strictEqual(m.matched.get('b')?.get('kernel')?.data[0], 5);
    assert.ok(m.messages.some((x) => /no layer names in m\.keras match the code; matching layers to weights by position and shape/.test(x.message)));
  });

  it('a layer nothing fits gets an error naming it; stray weights get a warning each', () => {
    const m = matchWeights([conv('conv2d', 3, 4), conv('lonely', 9, 9)], file([keras('conv2d', [[3, 3, 3, 4], [4]]), keras('dense', [[10, 2], [2]])]));
    const errors = m.messages.filter((x) => x.severity === 'error');
    assert.deepStrictEqual(errors.map((x) => x.layerName), ['lonely']);
    assert.match(errors[0].message, /^no weights for layer 'lonely' in m\.keras \(no layer of that name, and no unused one with weights kernel \[3, 3, 9, 9\], bias \[9\]\)$/);
    assert.deepStrictEqual(
      m.messages.filter((x) => x.severity === 'warning').map((x) => x.message),
      ["weight 'layers/dense/vars/0' [10, 2] in m.keras matches no layer in the code", "weight 'layers/dense/vars/1' [2] in m.keras matches no layer in the code"],
    );
  });

  it('names the layer and weight that hold NaN or Infinity', () => {
    const layer = keras('conv2d', [[3, 3, 3, 4], [4]]);
    const kernel = layer.weights[0].data;
    kernel[0] = NaN;
    kernel[5] = NaN;
    kernel[7] = -Infinity;
    const m = matchWeights([conv('conv2d', 3, 4)], file([layer]));
    assert.ok(m.matched.has('conv2d'), 'still matched: the preview runs and the message explains the maps');
    assert.deepStrictEqual(
      m.messages.map((x) => [x.severity, x.layerName, x.message]),
      [['warning', 'conv2d', "layer 'conv2d' kernel ('layers/conv2d/vars/0' in m.keras) holds 2 NaN and 1 infinite values of 108; feature maps computed from it are not meaningful"]],
    );
  });

  it('200,000 stray weights are matched in linear time, each reported', () => {
    const stray: StoredLayer[] = Array.from({ length: 200_000 }, (_, i) => ({ name: `extra_${i}`, weights: [{ name: `extra_${i}/kernel`, role: 'kernel', shape: [1], data: new Float32Array(1) }] }));
    const started = Date.now();
    const m = matchWeights([conv('conv2d', 3, 4), conv('other', 4, 4)], file([{ name: 'conv2d', weights: [{ name: 'conv2d/kernel', role: 'kernel', shape: [3, 3, 3, 4], data: filled([3, 3, 3, 4], 1) }, { name: 'conv2d/bias', role: 'bias', shape: [4], data: filled([4], 0) }] }, ...stray], true, 'model.json'));
    assert.ok(Date.now() - started < 15_000, `${Date.now() - started} ms`);
    assert.ok(m.matched.has('conv2d'));
    assert.strictEqual(m.messages.filter((x) => x.severity === 'warning').length, 200_000);
    assert.strictEqual(m.messages.filter((x) => x.severity === 'error' && x.layerName === 'other').length, 1);
  });

  it('a model.json grouping 200,000 weights under one name parses and groups in linear time', () => {
    const n = 200_000;
    const manifest = [{ paths: ['w.bin'], weights: Array.from({ length: n }, (_, i) => ({ name: `w${i}`, shape: [1], dtype: 'float32' })) }];
    const started = Date.now();
    const r = parseTfjsWeights({ weightsManifest: manifest }, { 'w.bin': new Float32Array(n).buffer });
    assert.ok(r.ok);
    // Names without a '/' all fall in one group, the case that once copied the group per weight.
    const stored = tfjsStoredWeights(r.weights);
    assert.deepStrictEqual(stored.layers.map((l) => [l.name, l.weights.length]), [['', n]]);
    const m = matchWeights([conv('conv2d', 3, 4)], stored);
    // Linear takes about a second; the quadratic grouping took minutes.
    assert.ok(Date.now() - started < 15_000, `${Date.now() - started} ms`);
    assert.strictEqual(m.messages.filter((x) => x.severity === 'warning').length, n);
  });
});

describe('model.json quantization without its metadata', () => {
  it('uint8 / uint16 without scale and min is refused, naming the weight (TF.js refuses it too)', () => {
    for (const dtype of ['uint8', 'uint16']) {
      const manifest = [{ paths: ['q.bin'], weights: [{ name: 'conv1/kernel', shape: [2], dtype: 'float32', quantization: { dtype } }] }];
      const r = parseTfjsWeights({ weightsManifest: manifest }, { 'q.bin': new ArrayBuffer(dtype === 'uint8' ? 2 : 4) });
      assert.ok(!r.ok, dtype);
      assert.strictEqual(r.error, `weight 'conv1/kernel' is quantized to ${dtype} but its quantization has no finite 'scale' and 'min' (TF.js refuses it too)`);
    }
  });

  it('float16 needs neither', () => {
    const manifest = [{ paths: ['h.bin'], weights: [{ name: 'conv1/bias', shape: [1], dtype: 'float32', quantization: { dtype: 'float16' } }] }];
    const r = parseTfjsWeights({ weightsManifest: manifest }, { 'h.bin': new Uint16Array([0x3c00]).buffer });
    assert.ok(r.ok);
    assert.strictEqual(r.weights[0].data[0], 1);
  });
});
