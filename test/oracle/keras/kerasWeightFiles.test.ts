// The panel's Keras weight reader against files real Keras 3 writes: the classic CNN of
// examples/classic_cnn.py with seeded weights, saved as .keras, .weights.h5 and legacy .h5,
// read and matched to our analysis of that same example. Then what a broken or hostile file
// does: every answer is a result or a sentence, never a throw, and never a long wait.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { unzipSync } from 'fflate';
import { analyzeText } from '../../../src/core/analyze';
import { toFileReport } from '../../../src/core/reportJson';
import type { ModelReport } from '../../../src/core/report';
import { expectedWeights } from '../../../webview/panel/expectedWeights';
import { matchTrainedWeights } from '../../../webview/panel/weightSources';
import { DEFAULT_KERAS_LIMITS, parseKerasWeights, type KerasParse } from '../../../webview/weights/kerasWeights';
import type { StoredWeights } from '../../../webview/weights/storedWeights';
import { seededRandom } from '../../support/seededRandom';
import { CLASSIC_CNN_EXAMPLE, makeKerasWeightFiles, type KerasFileKind, type KerasWeightFiles } from './support/kerasWeightFiles';

function parsed(files: KerasWeightFiles, kind: KerasFileKind): StoredWeights {
  const r = parseKerasWeights(new Uint8Array(readFileSync(files.files[kind])), kind);
  if (!r.ok) throw new Error(r.error);
  return r.weights;
}

function bytesOf(files: KerasWeightFiles, kind: KerasFileKind): Uint8Array {
  return new Uint8Array(readFileSync(files.files[kind]));
}

/** A parse result is well formed: ok with layers, or a non-empty sentence naming the file. */
function assertAnswer(r: KerasParse, label: string, what: string): void {
  if (r.ok) assert.ok(Array.isArray(r.weights.layers), what);
  else {
    assert.ok(r.error.length > 10, `${what}: ${r.error}`);
    assert.ok(r.error.includes(label), `${what}: the message names the file: ${r.error}`);
  }
}

describe('Keras weight files (real Keras 3.15.1)', function () {
  this.timeout(240_000);
  let files: KerasWeightFiles;
  let model: ModelReport;

  before(() => {
    const report = toFileReport(analyzeText(readFileSync(CLASSIC_CNN_EXAMPLE, 'utf8'), CLASSIC_CNN_EXAMPLE), 'classic_cnn.py');
    model = report.models[0];
    // Any input: these tests compare weights, not outputs (test/browser/kerasWeights.test.ts does those).
    const data = new Float32Array(64 * 64 * 3).map((_, i) => (i % 97) / 97);
    files = makeKerasWeightFiles({ height: 64, width: 64, channels: 3, data }, ['conv2d']);
  });

  it('reads the same weights from .keras, .weights.h5 and legacy .h5, and all match the analysed code', () => {
    assert.strictEqual(files.versions.keras, '3.15.1');
    const expected = expectedWeights(model).filter((l) => l.weights.length > 0);
    assert.deepStrictEqual(expected.map((l) => l.layerName), ['conv2d', 'conv2d_1', 'dense', 'dense_1']);
    const byKind = (['keras', 'weights.h5', 'legacy-h5'] as const).map((k) => ({ k, m: matchTrainedWeights(model, parsed(files, k)) }));
    for (const { k, m } of byKind) {
      assert.deepStrictEqual(m.messages.filter((x) => x.severity !== 'info'), [], `${k}: ${JSON.stringify(m.messages)}`);
      assert.deepStrictEqual([...m.matched.keys()], expected.map((l) => l.layerName), k);
      for (const l of expected) for (const w of l.weights) assert.deepStrictEqual(m.matched.get(l.layerName)?.get(w.role)?.shape, w.shape, `${k} ${l.layerName} ${w.role}`);
    }
    const [a, b, c] = byKind.map(({ m }) => m.matched);
    for (const l of expected) {
      for (const w of l.weights) {
        const x = a.get(l.layerName)?.get(w.role)?.data;
        assert.ok(x && x.length > 0);
        assert.deepStrictEqual(b.get(l.layerName)?.get(w.role)?.data, x, `weights.h5 ${l.layerName} ${w.role}`);
        assert.deepStrictEqual(c.get(l.layerName)?.get(w.role)?.data, x, `legacy .h5 ${l.layerName} ${w.role}`);
      }
    }
    // Seeded, not zeros or a constant: the kernel spreads like N(0, 0.25).
    const k = a.get('conv2d')?.get('kernel')?.data as Float32Array;
    const mean = k.reduce((s, v) => s + v, 0) / k.length;
    const sd = Math.sqrt(k.reduce((s, v) => s + (v - mean) ** 2, 0) / k.length);
    assert.ok(Math.abs(sd - 0.25) < 0.03, `kernel sd ${sd}`);
  });

  it('a .keras whose layers have other names matches by order and shape, and says so for each layer', () => {
    const renamed = matchTrainedWeights(model, parsed(files, 'renamed'));
    const original = matchTrainedWeights(model, parsed(files, 'keras'));
    assert.deepStrictEqual([...renamed.matched.keys()], [...original.matched.keys()]);
    assert.deepStrictEqual(renamed.matched.get('conv2d_1')?.get('kernel')?.data, original.matched.get('conv2d_1')?.get('kernel')?.data);
    assert.ok(renamed.messages.some((m) => m.severity === 'info' && /by position and shape/.test(m.message)), JSON.stringify(renamed.messages));
    assert.deepStrictEqual(renamed.messages.filter((m) => m.severity !== 'info'), []);
  });

  it('a bare .weights.h5 lists layers by name, not model order, and still matches a renamed model by shape', () => {
    const stored = parsed(files, 'weights.h5');
    assert.strictEqual(stored.inModelOrder, false);
    const other: ModelReport = { ...model, layers: model.layers.map((l) => ({ ...l, name: `mine_${l.index}` })) };
    const m = matchTrainedWeights(other, stored);
    assert.deepStrictEqual([...m.matched.keys()], ['mine_0', 'mine_2', 'mine_5', 'mine_6']);
    assert.deepStrictEqual(m.matched.get('mine_2')?.get('bias')?.data, matchTrainedWeights(model, stored).matched.get('conv2d_1')?.get('bias')?.data);
  });

  it('a nested model\'s layers come out the same from all three formats, under their own names', () => {
    const summary = (kind: KerasFileKind) =>
      parsed(files, kind)
        .layers.filter((l) => l.weights.length > 0)
        .map((l) => ({ name: l.name, shapes: l.weights.map((w) => w.shape), data: l.weights.map((w) => Array.from(w.data)) }))
        .sort((a, b) => a.name.localeCompare(b.name));
    const keras = summary('nested-keras');
    assert.deepStrictEqual(keras.map((l) => [l.name, l.shapes.length]), [['head_conv', 2], ['inner_bn', 4], ['inner_conv', 2]]);
    assert.deepStrictEqual(summary('nested-weights.h5'), keras);
    assert.deepStrictEqual(summary('nested-legacy-h5'), keras);
    // .keras and legacy .h5 know the model order: the nested layers first, where they run.
    assert.deepStrictEqual(parsed(files, 'nested-keras').layers.filter((l) => l.weights.length).map((l) => l.name), ['inner_conv', 'inner_bn', 'head_conv']);
    assert.deepStrictEqual(parsed(files, 'nested-legacy-h5').layers.filter((l) => l.weights.length).map((l) => l.name), ['inner_conv', 'inner_bn', 'head_conv']);
  });

  it('a Lambda in config.json is data: the archive holds its code, the reader only lists the layer', () => {
    const archive = unzipSync(bytesOf(files, 'lambda'));
    const config = new TextDecoder().decode(archive['config.json']);
    assert.match(config, /"class_name": "Lambda"/);
    assert.match(config, /"function"/); // the serialized Python function
    const stored = parsed(files, 'lambda');
    assert.deepStrictEqual(stored.layers.map((l) => [l.name, l.weights.length]), [['conv2d', 2], ['doubled', 0]]);
    const m = matchTrainedWeights(model, stored);
    assert.ok(m.matched.has('conv2d'));
    assert.ok(m.messages.some((x) => x.severity === 'error' && x.layerName === 'conv2d_1' && /no weights for layer 'conv2d_1' in lambda/.test(x.message)), JSON.stringify(m.messages));
  });

  it('refuses compressed datasets and HDF5 files that are not Keras weights, with a sentence', () => {
    const compressed = parseKerasWeights(bytesOf(files, 'compressed'), 'c.weights.h5');
    assert.ok(!compressed.ok);
    assert.match(compressed.error, /c\.weights\.h5: '\/?layers\/conv2d\/vars\/0' is stored compressed/);
    const other = parseKerasWeights(bytesOf(files, 'not-keras'), 'data.h5');
    assert.ok(!other.ok);
    assert.match(other.error, /data\.h5 is an HDF5 file but not Keras weights/);
    const text = parseKerasWeights(new TextEncoder().encode('{"not": "weights"}'), 'w.keras');
    assert.ok(!text.ok);
    assert.match(text.error, /w\.keras is neither a \.keras archive \(zip\) nor an HDF5 file/);
  });

  it('holds a file to its limits before reading: too large, too many values, too many objects', () => {
    const bytes = bytesOf(files, 'weights.h5');
    const big = parseKerasWeights(bytes, 'm.weights.h5', { ...DEFAULT_KERAS_LIMITS, maxBytes: bytes.length - 1 });
    assert.ok(!big.ok);
    assert.match(big.error, /m\.weights\.h5 is \d+ MB; the panel reads weight files up to \d+ MB/);
    // The Dense kernel alone is 1,605,632 values.
    const many = parseKerasWeights(bytes, 'm.weights.h5', { ...DEFAULT_KERAS_LIMITS, maxElements: 1_000_000 });
    assert.ok(!many.ok);
    assert.match(many.error, /'\/?layers\/dense\/vars\/0' declares 1,605,632 values, more than the panel reads from one file/);
    const objects = parseKerasWeights(bytes, 'm.weights.h5', { ...DEFAULT_KERAS_LIMITS, maxObjects: 5 });
    assert.ok(!objects.ok);
    assert.match(objects.error, /holds more groups and datasets than the panel reads/);
    const inner = parseKerasWeights(bytesOf(files, 'keras'), 'm.keras', { ...DEFAULT_KERAS_LIMITS, maxBytes: 1_000_000 });
    assert.ok(!inner.ok);
    assert.match(inner.error, /m\.keras is \d+ MB/);
  });

  it('every truncation of each format gives a sentence, never a throw', () => {
    const rnd = seededRandom(9);
    for (const kind of ['keras', 'weights.h5', 'legacy-h5', 'lambda'] as const) {
      const bytes = bytesOf(files, kind);
      const cuts = [0, 1, 3, 7, 8, 100, 512, 2048, ...Array.from({ length: 12 }, () => Math.floor(rnd() * bytes.length)), bytes.length - 1];
      for (const cut of cuts) {
        const r = parseKerasWeights(bytes.slice(0, cut), `cut.${kind}`);
        assertAnswer(r, `cut.${kind}`, `${kind} cut at ${cut}`);
        assert.ok(!r.ok, `${kind} cut at ${cut} of ${bytes.length} must not read as complete`);
      }
    }
  });

  it('random corruption of small files gives a result or a sentence, quickly', () => {
    const rnd = seededRandom(2024);
    // The lambda archive is small (17 KB) and complete: a conv layer, config, metadata.
    const original = bytesOf(files, 'lambda');
    const inner = unzipSync(original)['model.weights.h5'];
    let failures = 0;
    for (let i = 0; i < 150; i++) {
      for (const [label, base] of [['z.keras', original], ['v.weights.h5', inner]] as const) {
        const b = base.slice();
        const flips = 1 + Math.floor(rnd() * 16);
        // Half the time aim at the structure near the start (superblock, object headers, zip headers).
        const span = rnd() < 0.5 ? Math.min(4096, b.length) : b.length;
        for (let f = 0; f < flips; f++) b[Math.floor(rnd() * span)] = Math.floor(rnd() * 256);
        const started = Date.now();
        const r = parseKerasWeights(b, label);
        assert.ok(Date.now() - started < 5000, `corruption ${i} of ${label} took ${Date.now() - started} ms`);
        assertAnswer(r, label, `corruption ${i} of ${label}`);
        if (!r.ok) failures++;
      }
    }
    assert.ok(failures > 20, `most corruptions are noticed (${failures} of 300)`);
  });
});
