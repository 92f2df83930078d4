// Python (Keras) documents over a real LSP connection: diagnostics, hints, hovers, lenses,
// quick fixes in Python spelling, and the shapelens.languages switch. Real Keras 3 (the
// oracle venv) says what every shape, count and error must be.
import * as assert from 'assert';
import type { CodeAction, InlayHint, MarkupContent } from 'vscode-languageserver-protocol';
import { formatShapeHint } from '../../src/core/format';
import type { FileReport } from '../../src/core/report';
import { kerasOracle, type KModelsResult, type KShape } from '../oracle/keras/support/kerasOracle';
import { applyTextEdits, LspTestClient, offsetAt, positionAt } from './support/lspClient';
import { freshUri } from './support/helpers';
import { KERAS_CNN, KERAS_KERNEL_TOO_BIG, PLAIN_PYTHON } from './support/pythonFixtures';

function label(h: InlayHint): string {
  return typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
}

/** End offsets of each `model.add(...)` call: where the shape hints must sit. */
function addCallEnds(text: string): number[] {
  const ends: number[] = [];
  for (const m of text.matchAll(/model\.add\(/g)) {
    let depth = 0;
    for (let i = (m.index ?? 0) + 'model.add'.length; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) {
        ends.push(i + 1);
        break;
      }
    }
  }
  return ends;
}

describe('LSP: Python files (Keras)', function () {
  this.timeout(120_000);
  const oracle = kerasOracle();
  let keras: KModelsResult;
  let client: LspTestClient;
  before(async () => {
    keras = await oracle.models(KERAS_CNN, { filename: 'model.py' });
    assert.strictEqual(keras.raised, null);
  });
  after(() => oracle.close());
  beforeEach(async () => {
    client = await LspTestClient.start({ debounceMs: 0 });
  });
  afterEach(async () => {
    await client.stop();
  });

  it('hints each layer with the output shape Keras computes, right after its model.add call', async () => {
    const uri = freshUri('model.py');
    const diagnostics = await client.open(uri, KERAS_CNN, 'python');
    assert.ok(diagnostics.every((d) => d.severity !== 1), `no errors on a model Keras builds: ${JSON.stringify(diagnostics)}`);
    const hints = ((await client.inlayHints(uri)) ?? []).filter((h) => label(h).startsWith('→'));
    const layers = keras.models[0].layers;
    const ends = addCallEnds(KERAS_CNN);
    assert.strictEqual(hints.length, layers.length);
    layers.forEach((layer, i) => {
      assert.strictEqual(label(hints[i]), `→ ${formatShapeHint(layer.outputShape as KShape, 'compact')}`, layer.name);
      assert.deepStrictEqual(hints[i].position, positionAt(KERAS_CNN, ends[i]));
    });
    const total = ((await client.inlayHints(uri)) ?? []).find((h) => label(h).endsWith('params'));
    assert.ok(total, 'a total params hint after the model');
    assert.strictEqual(label(total), `${keras.models[0].params?.toLocaleString('en-US')} params`);
  });

  it('hovers a Conv2D with its parameter formula, as Keras counts it', async () => {
    const uri = freshUri('model.py');
    await client.open(uri, KERAS_CNN, 'python');
    const at = KERAS_CNN.indexOf('Conv2D(32') + 2;
    const hover = await client.hover(uri, positionAt(KERAS_CNN, at));
    const value = (hover?.contents as MarkupContent).value;
    assert.strictEqual(keras.models[0].layers[0].params, 896);
    assert.match(value, /\(3·3·3 \+ 1\)·32 = 896/);
    assert.match(value, /\| Output shape \| `\(None, 62, 62, 32\)` \|/, 'the shape as Keras prints it');
  });

  it('serves shapelens/models for a .py with Keras class names and counts', async () => {
    const uri = freshUri('model.py');
    await client.open(uri, KERAS_CNN, 'python');
    const report = await client.request<FileReport>('shapelens/models', { uri });
    const model = report.models[0];
    assert.strictEqual(model.className, 'Sequential');
    assert.strictEqual(model.totalParams, keras.models[0].params);
    assert.deepStrictEqual(
      model.layers.map((l) => [l.className, l.name, l.params]),
      keras.models[0].layers.map((l) => [l.className, l.name, l.params]),
    );
    const summary = await client.request<{ text: string }>('shapelens/summary', { uri });
    assert.match(summary.text, /Total params: 1,625,281/);
    assert.match(summary.text, /┃ Layer \(type\)/, 'the Keras 3 table layout');
    const lenses = (await client.codeLens(uri)) ?? [];
    assert.ok(lenses.some((l) => /1,625,281 params|1\.6M params/.test(l.command?.title ?? '')), JSON.stringify(lenses.map((l) => l.command?.title)));
    assert.deepStrictEqual(lenses[0].range.start, positionAt(KERAS_CNN, KERAS_CNN.indexOf('Sequential()')));
  });

  it('squiggles the kernel Keras rejects and fixes it in Python spelling; Keras builds the fixed file', async () => {
    const raised = await oracle.models(KERAS_KERNEL_TOO_BIG, { filename: 'bad.py' });
    assert.ok(raised.raised, 'Keras raises on the original');
    const uri = freshUri('bad.py');
    const diagnostics = await client.open(uri, KERAS_KERNEL_TOO_BIG, 'python');
    const errors = diagnostics.filter((d) => d.severity === 1);
    assert.strictEqual(errors.length, 1, JSON.stringify(diagnostics));
    const error = errors[0];
    assert.strictEqual(error.code, 'shape/non-positive-dim');
    // Keras raises in the statement that builds the model (lines 4–10); we point at the culprit inside it.
    const statementEnd = KERAS_KERNEL_TOO_BIG.split('\n').indexOf('])') + 1;
    assert.ok(raised.raised.line !== null && error.range.start.line + 1 >= raised.raised.line && error.range.start.line + 1 <= statementEnd, `line ${error.range.start.line + 1} in the statement Keras raises in (from line ${raised.raised.line})`);
    assert.strictEqual(KERAS_KERNEL_TOO_BIG.split('\n')[error.range.start.line].trim(), 'layers.Conv2D(8, 7),');
    const actions = ((await client.codeActions(uri, error.range, [error])) ?? []) as CodeAction[];
    const fix = actions.find((a) => /padding='same'/.test(a.title));
    assert.ok(fix, `a padding='same' fix: ${JSON.stringify(actions.map((a) => a.title))}`);
    const edits = fix.edit?.changes?.[uri] ?? [];
    assert.ok(edits.every((e) => !/padding: 'same'/.test(e.newText)), 'Python spelling, not TS');
    const fixed = applyTextEdits(KERAS_KERNEL_TOO_BIG, edits);
    assert.match(fixed, /layers\.Conv2D\(8, 7, padding='same'\)/);
    const after = await oracle.models(fixed, { filename: 'fixed.py' });
    assert.strictEqual(after.raised, null, 'Keras builds the fixed model');
    await client.replaceAll(uri, fixed);
    const fresh = await client.diagnosticsFor(uri, client.version(uri));
    assert.ok(fresh.diagnostics.every((d) => d.severity !== 1), JSON.stringify(fresh.diagnostics));
  });

  it('stays silent and light on Python that imports no Keras or TensorFlow', async () => {
    const uri = freshUri('util.py');
    assert.deepStrictEqual(await client.open(uri, PLAIN_PYTHON, 'python'), []);
    assert.deepStrictEqual(await client.inlayHints(uri), []);
    const report = await client.request<FileReport>('shapelens/models', { uri });
    assert.deepStrictEqual(report.models, []);
  });

  it('is off for Python when shapelens.languages leaves python out, and on again when it is back', async () => {
    await client.stop();
    client = await LspTestClient.start({ debounceMs: 0, languages: ['typescript', 'javascript'] });
    const uri = freshUri('model.py');
    await client.open(uri, KERAS_KERNEL_TOO_BIG, 'python');
    assert.deepStrictEqual(client.latestDiagnostics(uri), []);
    assert.deepStrictEqual(await client.inlayHints(uri), []);
    assert.strictEqual(await client.hover(uri, positionAt(KERAS_KERNEL_TOO_BIG, offsetAt(KERAS_KERNEL_TOO_BIG, { line: 6, character: 12 }))), null);
    await client.changeSettings({ debounceMs: 0 });
    const back = await client.waitForDiagnostics(uri, (ds) => ds.some((d) => d.severity === 1));
    assert.strictEqual(back[0].code, 'shape/non-positive-dim');
  });
});
