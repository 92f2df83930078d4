import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { computeFans, initializeWeights } from '../../../webview/weights/initializers';

function stats(a: Float32Array): { mean: number; std: number; maxAbs: number } {
  const mean = a.reduce((s, v) => s + v, 0) / a.length;
  const std = Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length);
  return { mean, std, maxAbs: a.reduce((m, v) => Math.max(m, Math.abs(v)), 0) };
}

describe('seeded weight initializers', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('is deterministic per layer name and role, and differs across names', () => {
    const a = initializeWeights('conv1', 'kernel', [3, 3, 3, 8], 'glorotUniform').data;
    const b = initializeWeights('conv1', 'kernel', [3, 3, 3, 8], 'glorotUniform').data;
    const c = initializeWeights('conv2', 'kernel', [3, 3, 3, 8], 'glorotUniform').data;
    assert.deepStrictEqual(a, b);
    assert.notDeepStrictEqual(a, c);
  });

  it('uses the fans of TF.js computeFans for conv kernels', () => {
    assert.deepStrictEqual(computeFans([3, 5, 4, 16]), { fanIn: 60, fanOut: 240 });
    assert.deepStrictEqual(computeFans([10, 20]), { fanIn: 10, fanOut: 20 });
  });

  it('glorotUniform (the default) stays within ±sqrt(6 / (fanIn + fanOut)) and fills it uniformly', () => {
    const shape = [5, 5, 16, 32];
    const limit = Math.sqrt(6 / (5 * 5 * 16 + 5 * 5 * 32));
    const w = initializeWeights('c', 'kernel', shape, undefined);
    assert.strictEqual(w.initializer, 'glorotUniform');
    const s = stats(w.data);
    assert.ok(s.maxAbs <= limit && s.maxAbs > limit * 0.99, `max ${s.maxAbs} vs limit ${limit}`);
    assert.ok(Math.abs(s.mean) < limit * 0.02);
    assert.ok(Math.abs(s.std - limit / Math.sqrt(3)) < limit * 0.02, `std ${s.std}`);
  });

  for (const name of ['heNormal', 'glorotNormal', 'leCunNormal', 'heUniform', 'leCunUniform'] as const) {
    it(`${name} has the spread of TF.js's own ${name}`, () => {
      const shape = [3, 3, 32, 64];
      const ours = stats(initializeWeights('layer', 'kernel', shape, name).data);
      const theirs = stats(tf.initializers[name]({ seed: 7 }).apply(shape).dataSync() as Float32Array);
      assert.ok(Math.abs(ours.std - theirs.std) / theirs.std < 0.03, `std ours ${ours.std} vs TF.js ${theirs.std}`);
      assert.ok(ours.maxAbs <= theirs.maxAbs * 1.05 + 1e-6 && ours.maxAbs >= theirs.maxAbs * 0.9, `max ours ${ours.maxAbs} vs TF.js ${theirs.maxAbs}`);
    });
  }

  it('accepts snake_case and serialized forms, and honours varianceScaling config', () => {
    const snake = initializeWeights('l', 'kernel', [4, 4], 'he_normal');
    const camel = initializeWeights('l', 'kernel', [4, 4], 'heNormal');
    assert.deepStrictEqual(snake.data, camel.data);
    const obj = initializeWeights('l', 'kernel', [100, 100], { className: 'VarianceScaling', config: { scale: 9, mode: 'fanIn', distribution: 'uniform' } });
    const limit = Math.sqrt((3 * 9) / 100);
    assert.ok(stats(obj.data).maxAbs <= limit && stats(obj.data).maxAbs > limit * 0.99);
  });

  it('fills zeros / ones / constant exactly', () => {
    assert.ok(initializeWeights('l', 'bias', [7], 'zeros').data.every((v) => v === 0));
    assert.ok(initializeWeights('l', 'gamma', [7], 'ones').data.every((v) => v === 1));
    assert.ok(initializeWeights('l', 'b', [7], { className: 'Constant', config: { value: 0.25 } }).data.every((v) => v === 0.25));
  });

  it('falls back to glorotUniform with a note for a family it does not simulate', () => {
    const w = initializeWeights('l', 'kernel', [3, 3, 3, 4], 'orthogonal');
    assert.strictEqual(w.initializer, 'glorotUniform');
    assert.match(w.note ?? '', /orthogonal/);
    assert.deepStrictEqual(w.data, initializeWeights('l', 'kernel', [3, 3, 3, 4], 'glorotUniform').data);
  });
});
