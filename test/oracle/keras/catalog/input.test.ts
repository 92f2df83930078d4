// InputLayer in the Keras dialect, against real Keras: `layers.InputLayer(...)` alone (its
// `output`), compared with the catalog entry on the canonical config the front end builds
// (snake_case keywords → camelCase). The Python front end turns an InputLayer in a model into
// the model's input itself; this holds the catalog entry to Keras too.
import { strict as assert } from 'node:assert';
import { specForKerasName } from '../../../../src/core/catalog';
import { INPUT_CASES, INPUT_LAYER_CASES } from './cases/input';
import { runKeras, type KerasOutcome } from './harness';

describe('Keras oracle: InputLayer', function () {
  let outcomes: KerasOutcome[] = [];
  before(async function () {
    this.timeout(120_000);
    outcomes = await runKeras(INPUT_LAYER_CASES);
  });
  const spec = specForKerasName('InputLayer');
  INPUT_CASES.forEach((c, i) => {
    it(`InputLayer(${c.args})`, () => {
      assert.ok(spec);
      const k = outcomes[i];
      const ours = spec.infer({ config: c.config, inputs: [], dialect: 'keras' });
      const errors = (ours.problems ?? []).filter((p) => p.severity === 'error');
      if (k.raised) {
        assert.ok(errors.length > 0, `Keras raises (${k.raised.type}: ${k.raised.detail}) so we must report an error`);
        return;
      }
      assert.deepEqual(errors, []);
      assert.deepEqual(ours.outputShape, k.shape, 'output shape');
      assert.equal(k.params, 0);
    });
  });
});
