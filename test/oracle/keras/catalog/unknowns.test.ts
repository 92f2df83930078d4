// Unknown handling in the Keras dialect for every entry with a Keras signature, beyond the
// per-case checks of the harness: an unknown-rank input gives an unknown shape, a config whose
// every argument is Unknown raises nothing that depends on those arguments, and a multi-input
// layer given one unknown input (perhaps a list we could not follow) claims no wrong count.
import { strict as assert } from 'node:assert';
import { allLayerSpecs } from '../../../../src/core/catalog';
import { UNKNOWN, type LayerConfig, type MaybeShape } from '../../../../src/core/types';

describe('Keras dialect: unknown handling of every Keras entry', () => {
  for (const spec of allLayerSpecs) {
    const sig = spec.keras;
    if (!sig || spec.className === 'InputLayer') continue;
    it(`${spec.className}: no claim from an unknown rank, no error from Unknown arguments`, () => {
      const unknownConfig: LayerConfig = Object.fromEntries(sig.positional.map((k) => [k, UNKNOWN]));
      const inputs: MaybeShape[] = spec.multiInput ? [null, null] : [null];
      const blind = spec.infer({ config: unknownConfig, inputs, dialect: 'keras' });
      assert.equal(blind.outputShape, null, 'unknown rank in, unknown shape out');
      assert.deepEqual((blind.problems ?? []).filter((p) => p.severity === 'error'), [], 'no error');
      if (spec.multiInput) {
        // One unknown input may be a list the front end could not follow (`layer(pairs)`).
        const lone = spec.infer({ config: unknownConfig, inputs: [null], dialect: 'keras' });
        assert.deepEqual((lone.problems ?? []).filter((p) => p.severity === 'error'), [], 'no error from one unknown input');
      }
      const known: MaybeShape[] = spec.multiInput ? [[null, 4, 4], [null, 4, 4]] : [[null, 4, 4, 4]];
      const errors = (spec.infer({ config: unknownConfig, inputs: known, dialect: 'keras' }).problems ?? []).filter(
        (p) => p.severity === 'error' && p.code !== 'shape/rank-mismatch',
      );
      assert.deepEqual(errors, [], 'no error from Unknown arguments');
    });
  }
});
