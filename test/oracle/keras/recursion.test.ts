// Recursion in Python builders, held to real Keras: a builder that calls itself with the same
// state never returns (Python raises RecursionError) and must not flood the editor with phantom
// models: we say so once and show none of them; a recursion that ends builds what Keras builds.
import { strict as assert } from 'node:assert';
import { analyzeText } from '../../../src/core/analyze';
import { toFileReport } from '../../../src/core/reportJson';
import { kerasOracle } from './support/kerasOracle';

const FLOOD = `import keras
from keras import layers

def make(hidden):
    net = keras.Sequential()
    for i, units in enumerate(hidden):
        make([128, 64, 32])  # pasted one block too high
        if i == 0:
            net.add(keras.Input(shape=(30,)))
        net.add(layers.Dense(units))
    return net

m = make([128, 64, 32])
after = keras.Sequential([keras.Input(shape=(5,)), layers.Dense(2)])
`;

const ENDS = `import keras
from keras import layers

def tower(x, depth):
    if depth == 0:
        return x
    return tower(layers.Dense(8 * depth, activation="relu")(x), depth - 1)

class Counter:
    def __init__(self):
        self.left = 3

    def grow(self, model):
        if self.left == 0:
            return model
        self.left -= 1
        model.add(layers.Dense(4))
        return self.grow(model)

inputs = keras.Input(shape=(16,))
deep = keras.Model(inputs, tower(inputs, 4))
seq = Counter().grow(keras.Sequential([keras.Input(shape=(3,))]))
`;

describe('Python recursion vs real Keras', function () {
  this.timeout(120_000);
  after(() => kerasOracle().close());

  it('a builder that calls itself with the same state: Keras raises RecursionError; we warn once and show no phantom models', async () => {
    const keras = await kerasOracle().models(FLOOD, { filename: 'flood.py' });
    assert.equal(keras.raised?.type, 'RecursionError');
    const report = toFileReport(analyzeText(FLOOD, 'flood.py'), 'flood.py');
    // None of make's phantom models; the code after it is still read (its model Keras would
    // build once the recursion is fixed), so one mistake does not blank the rest of the file.
    assert.deepEqual(report.models.map((m) => [m.line, m.totalParams]), [[14, 12]]);
    const findings = report.diagnostics.map((d) => [d.code, d.severity, d.line]);
    assert.deepEqual(findings, [['extract/unbounded-recursion', 'warning', 7]]);
    assert.match(report.diagnostics[0].message, /RecursionError/);
  });

  it('recursions that end (an argument counting down, a counter on self) build exactly what Keras builds, silently', async () => {
    const keras = await kerasOracle().models(ENDS, { filename: 'ends.py' });
    assert.equal(keras.raised, null);
    const report = toFileReport(analyzeText(ENDS, 'ends.py'), 'ends.py');
    assert.deepEqual(report.diagnostics.filter((d) => d.severity !== 'info'), []);
    assert.deepEqual(
      report.models.map((m) => [m.className, m.totalParams]),
      keras.models.map((m) => [m.className, m.params]),
    );
  });
});
