// Unknown handling beyond the per-case soundness checks in the harness: an Unknown config
// value must actually become null (not a guess), and a null input dim must silence exactly
// the checks on its own axis.
import { strict as assert } from 'node:assert';
import { allLayerSpecs, specForClassName } from '../../../src/core/catalog';
import { UNKNOWN, type LayerConfig, type LayerInference, type MaybeShape } from '../../../src/core/types';

function infer(className: string, config: LayerConfig, inputs: MaybeShape[]): LayerInference {
  const spec = specForClassName(className);
  assert.ok(spec);
  return spec.infer({ config, inputs });
}

describe('catalog unknown handling', () => {
  it('Conv2D with unknown filters: channel dim and params unknown, spatial dims known', () => {
    const inf = infer('Conv2D', { filters: UNKNOWN, kernelSize: 3 }, [[null, 8, 8, 3]]);
    assert.deepEqual(inf.outputShape, [null, 6, 6, null]);
    assert.equal(inf.params, null);
    assert.equal(inf.macs, null);
    assert.equal(inf.problems, undefined);
  });
  it('Conv2D with an unknown kernelSize: spatial dims and params unknown', () => {
    const inf = infer('Conv2D', { filters: 4, kernelSize: UNKNOWN }, [[null, 8, 8, 3]]);
    assert.deepEqual(inf.outputShape, [null, null, null, 4]);
    assert.equal(inf.params, null);
    assert.equal(inf.window, undefined);
  });
  it("Conv2D with 'same' padding needs only the stride", () => {
    const inf = infer('Conv2D', { filters: 4, kernelSize: UNKNOWN, padding: 'same', strides: 2 }, [[null, 8, 7, 3]]);
    assert.deepEqual(inf.outputShape, [null, 4, 4, 4]);
  });
  it('a null input dim silences the fit check on that axis only', () => {
    const quiet = infer('Conv2D', { filters: 2, kernelSize: 5 }, [[null, null, 8, 1]]);
    assert.equal(quiet.problems, undefined);
    assert.deepEqual(quiet.outputShape, [null, null, 4, 2]);
    const loud = infer('Conv2D', { filters: 2, kernelSize: 5 }, [[null, null, 3, 1]]);
    assert.equal(loud.problems?.[0]?.code, 'shape/non-positive-dim');
    assert.equal(loud.problems?.[0]?.property, 'kernelSize');
    assert.match(loud.problems?.[0]?.message ?? '', /3 - 5 \+ 1 = -1 columns/);
  });
  it('names the arithmetic of a kernel that does not fit', () => {
    const inf = infer('Conv2D', { filters: 2, kernelSize: 5 }, [[null, 3, 3, 1]]);
    assert.equal(
      inf.problems?.[0]?.message,
      "Conv2D's 5×5 kernel does not fit its 3×3 input: the output would have 3 - 5 + 1 = -1 rows (padding 'valid').",
    );
  });
  it('a rank mismatch names the expected layout', () => {
    const inf = infer('Conv2D', { filters: 2, kernelSize: 3 }, [[null, 784]]);
    assert.equal(inf.problems?.[0]?.code, 'shape/rank-mismatch');
    assert.equal(inf.problems?.[0]?.message, 'Conv2D expects a 4D input [batch, height, width, channels] but gets 2D [null, 784]. Reshape first, or use Dense.');
  });
  it('Dense with unknown units keeps the rank', () => {
    const inf = infer('Dense', { units: UNKNOWN }, [[null, 5, 7]]);
    assert.deepEqual(inf.outputShape, [null, 5, null]);
    assert.equal(inf.params, null);
  });
  it('an unknown useBias makes params unknown but not the shape', () => {
    const inf = infer('Dense', { units: 3, useBias: UNKNOWN }, [[null, 5]]);
    assert.deepEqual(inf.outputShape, [null, 3]);
    assert.equal(inf.params, null);
  });
  it('Flatten of an input with a null dim is an unknown size, not an error', () => {
    const inf = infer('Flatten', {}, [[null, null, 4]]);
    assert.deepEqual(inf.outputShape, [null, null]);
    assert.equal(inf.problems, undefined);
  });
  it('every layer survives an unknown-rank input and an all-Unknown config without errors', () => {
    for (const spec of allLayerSpecs) {
      if (spec.className === 'InputLayer') continue;
      const inputs: MaybeShape[] = spec.multiInput ? [null, null] : [null];
      const inf = spec.infer({ config: {}, inputs });
      const keys = ['filters', 'kernelSize', 'units', 'targetShape', 'dims', 'inputDim', 'outputDim', 'cropping', 'axes', 'n'];
      const unknownConfig: LayerConfig = Object.fromEntries(keys.map((k) => [k, UNKNOWN]));
      const inf2 = spec.infer({ config: unknownConfig, inputs: spec.multiInput ? [[null, 4], [null, 4]] : [[null, 4, 4, 4]] });
      assert.equal(inf.outputShape, null, `${spec.className}: unknown rank in, unknown shape out`);
      // Problems about keys left at their defaults (Softmax's axis on a 4D input) are not ours to judge here.
      const errors = [...(inf2.problems ?? [])].filter(
        (p) => p.severity === 'error' && p.code !== 'shape/rank-mismatch' && (p.property === undefined || keys.includes(p.property)),
      );
      assert.deepEqual(errors, [], `${spec.className}: no errors from Unknown config values`);
    }
  });
});

describe('catalog registry', () => {
  it('has one entry per class and no factory claimed twice', () => {
    const names = allLayerSpecs.map((s) => s.className);
    assert.equal(new Set(names).size, names.length);
    const factories = allLayerSpecs.flatMap((s) => s.factories);
    assert.equal(new Set(factories).size, factories.length);
  });
});
