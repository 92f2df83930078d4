// model.json parsing against artifacts TF.js itself writes (model.save with a save handler),
// and the layer matcher's messages.

import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { matchWeightsToLayers, parseTfjsWeights, type NamedWeight } from '../../../webview/weights/tfjsWeights';

interface Saved { modelJson: Record<string, unknown>; bytes: ArrayBuffer; model: tf.Sequential }

function toBuffer(data: tf.io.WeightData | undefined): ArrayBuffer {
  if (!data) throw new Error('TF.js saved no weight data');
  const parts = Array.isArray(data) ? data : [data];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out.buffer;
}

async function savedModel(): Promise<Saved> {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ name: 'conv1', inputShape: [8, 8, 3], filters: 4, kernelSize: 3, activation: 'relu' }),
      tf.layers.batchNormalization({ name: 'bn1' }),
      tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2 }),
      tf.layers.flatten({ name: 'flat' }),
      tf.layers.dense({ name: 'out', units: 2 }),
    ],
  });
  let artifacts: tf.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const a = artifacts as tf.io.ModelArtifacts | null;
  if (!a) throw new Error('save handler not called');
  const modelJson = { modelTopology: a.modelTopology, format: 'layers-model', weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: a.weightSpecs }] };
  return { modelJson: JSON.parse(JSON.stringify(modelJson)) as Record<string, unknown>, bytes: toBuffer(a.weightData), model };
}

describe('TF.js model.json weights', () => {
  let saved: Saved;
  before(async () => {
    await tf.setBackend('cpu');
    saved = await savedModel();
  });

  it('reads every weight with the values and shapes the model holds', () => {
    const r = parseTfjsWeights(saved.modelJson, { 'group1-shard1of1.bin': saved.bytes });
    assert.ok(r.ok, r.ok ? '' : r.error);
    const expected = saved.model.weights.map((w) => ({ name: w.name, shape: w.shape, data: w.read().dataSync() as Float32Array }));
    assert.deepStrictEqual(r.weights.map((w) => w.name), expected.map((w) => w.name));
    r.weights.forEach((w, i) => {
      assert.deepStrictEqual(w.shape, expected[i].shape);
      assert.deepStrictEqual(Array.from(w.data), Array.from(expected[i].data));
    });
  });

  it('concatenates shards in manifest order (Map input)', () => {
    const cut = 100;
    const json = { ...saved.modelJson, weightsManifest: [{ ...(saved.modelJson.weightsManifest as Array<Record<string, unknown>>)[0], paths: ['a.bin', 'b.bin'] }] };
    const whole = parseTfjsWeights(saved.modelJson, { 'group1-shard1of1.bin': saved.bytes });
    const split = parseTfjsWeights(json, new Map([['a.bin', saved.bytes.slice(0, cut)], ['b.bin', saved.bytes.slice(cut)]]));
    assert.ok(whole.ok && split.ok);
    assert.deepStrictEqual(split.weights, whole.weights);
  });

  it('decodes uint8 / uint16 / float16 quantized weights as TF.js decodeWeights does', () => {
    const specs: tf.io.WeightsManifestEntry[] = [
      { name: 'q/kernel', shape: [2, 3], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.02, min: -1.5 } },
      { name: 'q/bias', shape: [3], dtype: 'float32', quantization: { dtype: 'uint16', scale: 0.001, min: -2 } },
      { name: 'h/kernel', shape: [4], dtype: 'float32', quantization: { dtype: 'float16' } },
    ];
    const bytes = new Uint8Array([0, 7, 50, 128, 200, 255, /* uint16 */ 1, 0, 0, 1, 255, 255, /* f16: 1, -2, 0.5, 65504 */ 0x00, 0x3c, 0x00, 0xc0, 0x00, 0x38, 0xff, 0x7b]);
    const r = parseTfjsWeights({ weightsManifest: [{ paths: ['q.bin'], weights: specs }] }, { 'q.bin': bytes.buffer });
    assert.ok(r.ok, r.ok ? '' : r.error);
    const oracle = tf.io.decodeWeights(bytes.buffer, specs);
    for (const w of r.weights) {
      const expected = oracle[w.name].dataSync();
      w.data.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-6, `${w.name}[${i}]: ${v} vs ${expected[i]}`));
    }
  });

  it('reports a missing weight file by name', () => {
    const r = parseTfjsWeights(saved.modelJson, {});
    assert.ok(!r.ok);
    assert.match(r.error, /'group1-shard1of1\.bin'.*not provided/);
  });

  it('reports a truncated weight file with byte counts', () => {
    const r = parseTfjsWeights(saved.modelJson, { 'group1-shard1of1.bin': saved.bytes.slice(0, 40) });
    assert.ok(!r.ok);
    assert.match(r.error, /hold 40 bytes/);
  });

  it('rejects a model.json without weightsManifest', () => {
    const r = parseTfjsWeights({ modelTopology: {} }, {});
    assert.ok(!r.ok);
    assert.match(r.error, /weightsManifest/);
  });

  describe('matching to layers', () => {
    let weights: readonly NamedWeight[];
    before(() => {
      const r = parseTfjsWeights(saved.modelJson, { 'group1-shard1of1.bin': saved.bytes });
      if (!r.ok) throw new Error(r.error);
      weights = r.weights;
    });

    it('matches by layer name and role when shapes agree', () => {
      const m = matchWeightsToLayers([
        { layerName: 'conv1', weights: [{ role: 'kernel', shape: [3, 3, 3, 4] }, { role: 'bias', shape: [4] }] },
        { layerName: 'bn1', weights: ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((role) => ({ role, shape: [4] })) },
        { layerName: 'out', weights: [{ role: 'kernel', shape: [36, 2] }, { role: 'bias', shape: [2] }] },
      ], weights);
      assert.deepStrictEqual(m.messages, []);
      assert.deepStrictEqual([...m.matched.keys()], ['conv1', 'bn1', 'out']);
      assert.strictEqual(m.matched.get('conv1')?.get('kernel')?.data.length, 108);
    });

    it('explains a shape mismatch, a missing layer and unused weights', () => {
      const m = matchWeightsToLayers([
        { layerName: 'conv1', weights: [{ role: 'kernel', shape: [3, 3, 3, 8] }, { role: 'bias', shape: [8] }] },
        { layerName: 'conv2', weights: [{ role: 'kernel', shape: [3, 3, 8, 8] }] },
      ], weights);
      const text = m.messages.map((x) => `${x.severity}: ${x.message}`);
      assert.ok(text.includes("error: layer 'conv1' kernel: model.json has shape [3, 3, 3, 4], the code declares [3, 3, 3, 8]"), text.join('\n'));
      assert.ok(text.some((t) => t.startsWith("error: no weights for layer 'conv2'")), text.join('\n'));
      assert.ok(text.some((t) => /^warning: weight 'out\/kernel' \[36, 2\]/.test(t)), text.join('\n'));
      assert.strictEqual(m.matched.size, 0);
    });

    it('names the roles present when one is missing', () => {
      const m = matchWeightsToLayers([{ layerName: 'conv1', weights: [{ role: 'depthwise_kernel', shape: [3, 3, 3, 1] }] }], weights);
      assert.ok(m.messages.some((x) => x.message === "layer 'conv1': model.json has no 'depthwise_kernel' (it has: kernel, bias)"));
    });

    it('falls back to position when no names match, and says so', () => {
      const m = matchWeightsToLayers([
        { layerName: 'conv2d_Conv2D1', weights: [{ role: 'kernel', shape: [3, 3, 3, 4] }, { role: 'bias', shape: [4] }] },
      ], weights);
      assert.ok(m.messages.some((x) => x.severity === 'info' && /by position/.test(x.message)));
      assert.ok(m.matched.has('conv2d_Conv2D1'));
    });
  });
});
