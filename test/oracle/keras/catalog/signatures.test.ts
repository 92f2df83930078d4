// The catalog's Keras signatures against Keras 3 itself (inspect.signature): every name and
// alias exists in keras.layers and names one class; the positional parameters are the
// constructor's, in order (the front end maps positional arguments by them, and validate.ts
// flags any keyword outside them as unknown, so one missing parameter would be a false error);
// `closed` exactly where the constructor takes no **kwargs; each extra keyword (one a base
// class pops) really is accepted. Plus the activation names validate.ts accepts, against
// keras.activations.
import { strict as assert } from 'node:assert';
import { allLayerSpecs } from '../../../../src/core/catalog';
import { KERAS_ACTIVATIONS } from '../../../../src/core/catalog/kerasActivations';
import { kerasOracle } from '../support/kerasOracle';

interface KerasClass {
  readonly exists: boolean;
  readonly cls?: string;
  readonly params?: string[];
  readonly kwargs?: boolean;
}

const PROGRAM = `
import inspect, json, keras
from keras.src import activations

def describe(name):
    cls = getattr(keras.layers, name, None)
    if not isinstance(cls, type):
        return {"exists": False}
    ps = [p for p in inspect.signature(cls.__init__).parameters.values() if p.name != "self"]
    return {
        "exists": True,
        "cls": f"{cls.__module__}.{cls.__qualname__}",
        "params": [p.name for p in ps if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)],
        "kwargs": any(p.kind == p.VAR_KEYWORD for p in ps),
    }

# The fewest arguments each class with extra keywords needs, and a harmless value per keyword.
REQUIRED = {"Embedding": (3, 2), "InputLayer": ((3,),), "DepthwiseConv1D": (3,), "DepthwiseConv2D": (3,)}
VALUES = {"input_length": 3, "alpha": 0.2, "implementation": 1, "input_shape": (3,), "batch_input_shape": (None, 3), "rms_scaling": False}

def extra_rejected(name, keywords):
    cls = getattr(keras.layers, name)
    args = REQUIRED.get(name) or ((2, 3) if "Conv" in name else (2,) if name in ("SimpleRNN", "LSTM", "GRU") else ())
    rejected = {}
    for kw in keywords:
        options = {kw: VALUES.get(kw)}
        if name == "InputLayer":
            args = ()
        try:
            cls(*args, **options)
        except Exception as e:
            rejected[kw] = f"{type(e).__name__}: {e}"[:200]
    return rejected

print(json.dumps({
    "classes": {n: describe(n) for n in NAMES},
    "activations": sorted(activations.ALL_OBJECTS_DICT),
    "extras": {n: extra_rejected(n, kws) for n, kws in EXTRAS.items()},
}))
`;

const specs = allLayerSpecs.filter((s) => s.keras);

describe('Keras oracle: catalog signatures', function () {
  let classes: Record<string, KerasClass> = {};
  let activations: string[] = [];
  let rejectedExtras: Record<string, Record<string, string>> = {};
  before(async function () {
    this.timeout(120_000);
    const names = specs.flatMap((s) => s.keras?.names ?? []);
    const extras = Object.fromEntries(specs.flatMap((s) => (s.keras?.extraKeywords ? [[s.keras.names[0], s.keras.extraKeywords]] : [])));
    const r = await kerasOracle().runProgram(`NAMES = ${JSON.stringify(names)}\nEXTRAS = ${JSON.stringify(extras)}\n${PROGRAM}`);
    assert.equal(r.raised, null, r.raised?.traceback);
    const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { classes: Record<string, KerasClass>; activations: string[]; extras: Record<string, Record<string, string>> };
    classes = out.classes;
    activations = out.activations;
    rejectedExtras = out.extras;
  });

  for (const spec of specs) {
    const sig = spec.keras;
    if (!sig) continue;
    it(`${sig.names.join(' / ')}: names one Keras class, with Keras's parameters in order`, () => {
      const found = sig.names.map((n) => classes[n]);
      found.forEach((c, i) => assert.ok(c?.exists, `keras.layers.${sig.names[i]} exists`));
      assert.equal(new Set(found.map((c) => c.cls)).size, 1, 'the aliases name the same class');
      assert.deepEqual(sig.params, found[0].params, 'positional parameters');
      assert.equal(sig.closed === true, found[0].kwargs === false, 'closed exactly when there is no **kwargs');
      if (sig.extraKeywords) assert.deepEqual(rejectedExtras[sig.names[0]], {}, 'Keras accepts each extra keyword');
    });
  }

  it('MultiHeadAttention takes the names it declares when it is built (namesAtBuild)', async () => {
    const spec = specs.find((x) => x.className === 'MultiHeadAttention');
    const taken = spec?.keras?.namesAtBuild ?? [];
    const classes: Readonly<Record<string, string>> = { softmax: 'Softmax', dropout: 'Dropout' };
    const r = await kerasOracle().runProgram(
      [
        'import keras',
        'x = keras.Input((5, 8))',
        'keras.layers.MultiHeadAttention(2, 4)(x, x)',
        ...Object.entries(classes).map(([prefix, cls]) => `${prefix} = keras.layers.${cls}(${cls === 'Dropout' ? '0.1' : ''}).name`),
      ].join('\n'),
      { inspect: Object.keys(classes) },
    );
    for (const prefix of Object.keys(classes)) {
      const after = r.inspected[prefix];
      const expected = taken.includes(prefix) ? `'${prefix}_1'` : `'${prefix}'`;
      assert.deepEqual(after, { kind: 'value', type: 'str', repr: expected }, `the next ${classes[prefix]} is named ${expected}`);
    }
  });

  it("validate.ts accepts exactly keras.activations.get's names", () => {
    assert.deepEqual([...KERAS_ACTIVATIONS].sort(), activations);
  });
});
