// Tests of the Keras oracle itself (test/oracle/keras/support): that it runs real Keras 3,
// reports what was built and where, and keeps its protocol intact. The figures asserted
// here check the harness, not our analyzer: the tutorial CNN's 1,625,281 parameters are a
// published number, and the positions are those of the programs below.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ENSURE_VENV_COMMAND, KerasOracle, ORACLE_SCRIPT, VENV_PYTHON, kerasOracle, type KModel, type KModelsResult } from './support/kerasOracle';

/** Program text from lines (so line numbers in the tests are easy to read: index + 1). */
const program = (...lines: string[]): string => `${lines.join('\n')}\n`;

function onlyModel(result: KModelsResult): KModel {
  assert.equal(result.raised, null, `the program raised: ${result.raised?.traceback}`);
  assert.equal(result.models.length, 1, `one model, got ${result.models.map((m) => m.name).join(', ')}`);
  return result.models[0];
}

const TUTORIAL_CNN = program(
  'import keras',
  'from keras import layers',
  '',
  'model = keras.Sequential([',
  '    layers.Conv2D(32, (3, 3), activation="relu", input_shape=(64, 64, 3)),',
  '    layers.MaxPooling2D((2, 2)),',
  '    layers.Conv2D(64, (3, 3), activation="relu"),',
  '    layers.MaxPooling2D((2, 2)),',
  '    layers.Flatten(),',
  '    layers.Dense(128, activation="relu"),',
  '    layers.Dense(1, activation="sigmoid"),',
  '])',
);

describe('Keras oracle harness (real Keras 3, numpy backend)', function () {
  // The first request starts Python and imports Keras (a second or two; more on a busy machine).
  this.timeout(120_000);
  const oracle = kerasOracle();

  it('runs the pinned Keras 3.15.1 on the numpy backend', async () => {
    const v = await oracle.versions();
    assert.equal(v.keras, '3.15.1');
    assert.equal(v.backend, 'numpy');
    assert.match(v.python, /^3\.11\./);
  });

  it('counts the tutorial CNN: 1,625,281 parameters, its layers, shapes and construction line', async () => {
    const m = onlyModel(await oracle.models(TUTORIAL_CNN, { filename: 'cnn.py' }));
    assert.equal(m.className, 'Sequential');
    assert.equal(m.kind, 'sequential');
    assert.equal(m.name, 'sequential');
    assert.equal(m.params, 1_625_281);
    assert.equal(m.trainable, 1_625_281);
    assert.equal(m.nonTrainable, 0);
    assert.deepEqual([m.line, m.column, m.endLine], [4, 9, 12], 'the call keras.Sequential([...]) spans lines 4-12 from column 9');
    assert.deepEqual(
      m.layers.map((l) => [l.name, l.className, l.outputShape, l.params]),
      [
        ['conv2d', 'Conv2D', [null, 62, 62, 32], 896],
        ['max_pooling2d', 'MaxPooling2D', [null, 31, 31, 32], 0],
        ['conv2d_1', 'Conv2D', [null, 29, 29, 64], 18_496],
        ['max_pooling2d_1', 'MaxPooling2D', [null, 14, 14, 64], 0],
        ['flatten', 'Flatten', [null, 12_544], 0],
        ['dense', 'Dense', [null, 128], 1_605_760],
        ['dense_1', 'Dense', [null, 1], 129],
      ],
    );
    assert.deepEqual(m.inputShapes, [[null, 64, 64, 3]]);
    assert.ok(m.summary?.includes(' Total params: 1,625,281 (6.20 MB)\n'), m.summary ?? m.summaryError);
    assert.ok(m.summary?.startsWith('Model: "sequential"\n┏'), 'summary verbatim, box drawing included');
    // Keras's default width (88) regardless of the pipe the oracle runs on.
    assert.equal(m.summary?.split('\n')[1].length, 88);
    // Keras warns about input_shape on a layer; the warning is reported at the program line.
    assert.ok(hasWarning(await oracle.models(TUTORIAL_CNN), 'input_shape', 5));
  });

  it('restarts auto-names per request, like a fresh process (clear_session resets the counters)', async () => {
    const src = program('import keras', 'a = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])', 'i = keras.Input((3,))', 'b = keras.Model(i, keras.layers.Dense(2)(i))');
    const first = await oracle.models(src);
    const second = await oracle.models(src);
    const names = (r: KModelsResult): string[][] => r.models.map((m) => [m.name, ...m.layers.map((l) => l.name)]);
    assert.deepEqual(names(second), names(first));
    // The Sequential's own internal Functional took "functional" (see the survey), and is not reported.
    assert.deepEqual(names(first), [
      ['sequential', 'dense'],
      ['functional_1', 'input_layer_1', 'dense_1'],
    ]);
  });

  it('reports each model once, at the line of its constructor call, in construction order', async () => {
    const result = await oracle.models(
      program(
        'import keras', // 1
        'from keras import layers', // 2
        'from keras.src.models import Functional', // 3
        '', // 4
        'class Tower(keras.Model):', // 5
        '    def __init__(self, **kwargs):', // 6
        '        super().__init__(**kwargs)', // 7
        '        self.hidden = layers.Dense(8)', // 8
        '        self.out = layers.Dense(2)', // 9
        '    def call(self, x):', // 10
        '        return self.out(self.hidden(x))', // 11
        '', // 12
        'class NamedTower(Tower):', // 13
        '    def __init__(self):', // 14
        '        super().__init__(name="named")', // 15
        '', // 16
        'def make():', // 17
        '    return keras.Sequential([layers.Dense(3)])', // 18
        '', // 19
        't = Tower()', // 20
        't(keras.Input((5,)))', // 21
        'n = NamedTower()', // 22
        'a, b = make(), make()', // 23
        'x = keras.Input((4,))', // 24
        'f = Functional(x, layers.Dense(2)(x))', // 25
        'g = keras.Model(inputs=x, outputs=layers.Dense(2)(x))', // 26
      ),
    );
    assert.equal(result.raised, null, result.raised?.traceback);
    assert.deepEqual(
      result.models.map((m) => [m.className, m.kind, m.line, m.column]),
      [
        ['Tower', 'subclass', 20, 5],
        ['NamedTower', 'subclass', 22, 5],
        ['Sequential', 'sequential', 18, 12],
        ['Sequential', 'sequential', 18, 12],
        ['Functional', 'functional', 25, 5],
        ['Functional', 'functional', 26, 5],
      ],
    );
    const [tower, named] = result.models;
    assert.equal(tower.params, 66, 'built by calling it on keras.Input: (5 + 1)·8 + (8 + 1)·2');
    assert.equal(named.built, false);
    assert.equal(named.params, null, 'count_params() on an unbuilt model raises');
    assert.match(named.paramsError ?? '', /isn't built/);
    assert.equal(named.name, 'named');
  });

  it('reports the line and column of the innermost program frame when the program raises', async () => {
    const r = await oracle.models(
      program(
        'import keras', // 1
        'from keras import layers', // 2
        'def head(x):', // 3
        '    return layers.Dense(4)(x)', // 4
        'ok = keras.Sequential([keras.Input((8,)), layers.Dense(2)])', // 5
        'x = keras.Input((10, 10, 3))', // 6
        'y = layers.Conv2D(8, 3)(x)', // 7
        'z = layers.Concatenate()([y, head(x)])', // 8
      ),
    );
    assert.ok(r.raised, 'Concatenate of [None, 8, 8, 8] and [None, 10, 10, 4] raises');
    assert.equal(r.raised.type, 'ValueError');
    assert.equal(r.raised.line, 8);
    assert.equal(r.raised.column, 5, 'the failing call expression starts at `layers.Concatenate()`');
    assert.match(r.raised.message, /Concatenate/);
    assert.deepEqual(
      r.models.map((m) => m.line),
      [5],
      'models built before the error are still reported',
    );

    const inHelper = await oracle.runProgram(program('import keras', 'def bad():', '    return keras.layers.Dense(-1)', 'bad()'));
    assert.equal(inHelper.raised?.line, 3, 'the innermost frame in the program is inside bad()');

    const syntax = await oracle.runProgram(program('import keras', 'x = (1,'));
    assert.equal(syntax.raised?.type, 'SyntaxError');
    assert.equal(syntax.raised?.line, 2);
  });

  it('does not report a model whose constructor raised; gives the gist of a wrapped Keras error', async () => {
    const r = await oracle.models(program('import keras', 'm = keras.Sequential([keras.Input((4,)), keras.layers.Reshape((3,))])'));
    assert.equal(r.raised?.type, 'ValueError');
    assert.equal(r.raised?.line, 2);
    assert.deepEqual(r.models, []);
    // Keras wraps errors raised in call(): "Exception encountered when calling Reshape.call()..."
    assert.match(r.raised?.message ?? '', /^Exception encountered when calling Reshape\.call\(\)/);
    assert.ok(!(r.raised?.message ?? '').includes('\u001b['), 'ANSI codes removed');
    assert.match(r.raised?.detail ?? '', /^The total size of the tensor must be unchanged/);
  });

  it('records build shapes of layers inside a subclassed model (batch None on jax, 83 on numpy)', async () => {
    const src = program(
      'import keras',
      'class Tower(keras.Model):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.conv = keras.layers.Conv2D(4, 3)',
      '    def call(self, x):',
      '        return self.conv(x)',
      't = Tower()',
      't(keras.Input((8, 8, 1)))',
    );
    const numpy = onlyModel(await oracle.models(src));
    assert.equal(numpy.layers[0].outputShape, null, 'no inbound nodes inside call()');
    assert.deepEqual(numpy.layers[0].buildShapes, { input_shape: [83, 8, 8, 1] });
    assert.ok(numpy.summary?.includes('(83, 6, 6, 4)'));
    const jax = onlyModel(await kerasOracle('jax').models(src));
    assert.equal((await kerasOracle('jax').versions()).backend, 'jax');
    assert.deepEqual(jax.layers[0].buildShapes, { input_shape: [null, 8, 8, 1] });
    assert.ok(jax.summary?.includes('(None, 6, 6, 4)'));
    assert.equal(jax.params, numpy.params);
  });

  it('accepts tf.keras through the tensorflow shim (TF >= 2.16: tf.keras is Keras 3)', async () => {
    const r = await oracle.models(
      program(
        'import tensorflow as tf',
        'from tensorflow import keras',
        'from tensorflow.keras import layers',
        'from tensorflow.keras.layers import Conv2D, Dense',
        'from tensorflow.keras.models import Sequential',
        'import tensorflow.keras.backend as K',
        'm = Sequential([tf.keras.Input((28, 28, 1)), Conv2D(4, 3), layers.Flatten(), Dense(10)])',
        'same = tf.keras.layers.Dense is Dense and keras.layers.Dense is Dense',
        'legacy = tf.keras.layers.ThresholdedReLU',
      ),
      { inspect: ['same', 'legacy'] },
    );
    const m = onlyModel(r);
    assert.equal(m.params, (9 + 1) * 4 + (26 * 26 * 4 + 1) * 10);
    assert.deepEqual(r.inspected.same, { kind: 'value', type: 'bool', repr: 'True' });
    assert.equal(r.inspected.legacy.kind, 'value', 'tf.keras keeps legacy names plain keras 3 dropped');

    const noNn = await oracle.runProgram(program('import tensorflow as tf', 'tf.nn.relu'));
    assert.equal(noNn.raised?.type, 'AttributeError');
    assert.match(noNn.raised?.message ?? '', /only tf\.keras/);
  });

  it('describes inspected names: tensors, lists of tensors, layers (built or not)', async () => {
    const r = await oracle.runProgram(
      program(
        'import keras',
        'x = keras.Input((None, 16))',
        'seq, h, c = keras.layers.LSTM(8, return_sequences=True, return_state=True)(x)',
        'outs = [seq, h]',
        'unbuilt = keras.layers.Dense(3)',
        'built = keras.layers.BatchNormalization()',
        'built.build((None, 5))',
      ),
      { inspect: ['seq', 'outs', 'unbuilt', 'built', 'nope'] },
    );
    assert.equal(r.raised, null, r.raised?.traceback);
    assert.deepEqual(r.inspected.seq, { kind: 'tensor', shape: [null, null, 8] });
    assert.deepEqual(r.inspected.outs, { kind: 'tensors', shapes: [[null, null, 8], [null, 8]] });
    const unbuilt = r.inspected.unbuilt;
    assert.ok(unbuilt.kind === 'layer');
    assert.equal(unbuilt.params, null);
    assert.equal(unbuilt.built, false);
    const built = r.inspected.built;
    assert.ok(built.kind === 'layer');
    assert.deepEqual([built.params, built.trainable, built.nonTrainable], [20, 10, 10]);
    assert.deepEqual(r.inspected.nope, { kind: 'missing' });
  });

  it('keeps the protocol intact whatever the program prints, and returns its stdout', async () => {
    const r = await oracle.models(
      program(
        'import os, sys, warnings, keras',
        'print("not JSON {")',
        'os.write(1, b"raw bytes on fd 1\\n")',
        'sys.__stdout__.write("via sys.__stdout__\\n")',
        'warnings.warn("careful")',
        'm = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])',
        'm.summary()',
      ),
    );
    assert.equal(r.raised, null, r.raised?.traceback);
    assert.ok(r.stdout.startsWith('not JSON {\n'), r.stdout);
    assert.ok(r.stdout.includes('Total params: 3'), 'model.summary() without print_fn is captured as stdout');
    assert.ok(r.warnings.some((w) => w.message === 'careful' && w.line === 5));
    // The next request still works: nothing stray reached the protocol channel.
    assert.equal((await oracle.versions()).keras, '3.15.1');
  });

  it('runs notebooks: code cells in order, magics skipped, positions per cell', async () => {
    const cell = (source: string[], cellType = 'code'): object => ({ cell_type: cellType, metadata: {}, source, outputs: [], execution_count: null });
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        cell(['%matplotlib inline\n', '!pip install keras\n', 'import keras\n', 'from keras import layers']),
        cell(['# Model\n'], 'markdown'),
        cell(['%%bash\n', 'echo this is not python\n']),
        cell(['%%time\n', 'model = keras.Sequential([\n', '    keras.Input((4,)),\n', '    layers.Dense(2),\n', '])\n', 'model?']),
        cell(['model.summary()\n', 'layers.Dense(2)(keras.Input((3, 3)))[0, 0, 0, 0]']),
      ],
    };
    const r = await oracle.notebookModels({ source: JSON.stringify(notebook) });
    assert.equal(r.models.length, 1);
    assert.deepEqual([r.models[0].cell, r.models[0].line, r.models[0].column], [3, 2, 9], 'third code cell, line 2 (under %%time)');
    assert.equal(r.models[0].params, 10);
    assert.ok(r.raised, 'the last cell indexes a KerasTensor too deep');
    assert.deepEqual([r.raised.cell, r.raised.line], [4, 2]);
  });

  it('interrupts a program that runs too long and stays usable', async () => {
    const r = await oracle.runProgram(program('while True:', '    pass'), { timeoutSeconds: 1 });
    assert.equal(r.raised?.type, 'TimeoutError');
    assert.ok(r.raised?.line === 1 || r.raised?.line === 2, `interrupted inside the loop, not at line ${r.raised?.line}`);
    assert.equal((await oracle.versions()).keras, '3.15.1');
  });

  it('stops a program Python cannot interrupt, with a clear error, and starts afresh', async () => {
    const impatient = new KerasOracle({ timeoutGraceMs: 500 });
    try {
      // SIGALRM blocked: the Python-side limit cannot fire, so the client's must.
      const stuck = program('import signal', 'signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})', 'while True:', '    pass');
      await assert.rejects(impatient.runProgram(stuck, { timeoutSeconds: 1 }), /the program request timed out after 1500 ms; the Python process was stopped/);
      assert.equal((await impatient.versions()).keras, '3.15.1', 'a new process serves the next request');
    } finally {
      impatient.close();
    }
  });

  it('fails loudly, naming the command that creates the venv, when the venv is missing', async () => {
    const missing = new KerasOracle({ python: path.join(os.tmpdir(), 'no-such-venv', 'bin', 'python') });
    await assert.rejects(missing.versions(), (e: Error) => e.message.includes(ENSURE_VENV_COMMAND) && e.message.includes('missing'));
    const unmarked = new KerasOracle({ python: VENV_PYTHON, marker: path.join(os.tmpdir(), 'no-such-marker') });
    await assert.rejects(unmarked.versions(), (e: Error) => e.message.includes(ENSURE_VENV_COMMAND) && e.message.includes('incomplete'));
  });

  it('prints one file’s models as JSON from the command line (--models)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-keras-'));
    try {
      const file = path.join(dir, 'cnn.py');
      fs.writeFileSync(file, TUTORIAL_CNN);
      const run = spawnSync(VENV_PYTHON, [ORACLE_SCRIPT, '--models', file], { encoding: 'utf8', env: { ...process.env, KERAS_BACKEND: 'numpy' } });
      assert.equal(run.status, 0, run.stderr);
      const out = JSON.parse(run.stdout) as { ok: boolean; result: KModelsResult };
      assert.equal(out.ok, true);
      assert.equal(out.result.models[0].params, 1_625_281);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function hasWarning(r: KModelsResult, text: string, line: number): boolean {
  return r.warnings.some((w) => w.message.includes(text) && w.line === line);
}
