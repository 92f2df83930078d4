// Inlay hints, hovers, code lenses and the `shapelens/models` request, with real TF.js as the
// oracle for every shape and count the server shows.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { InlayHint, MarkupContent } from 'vscode-languageserver-protocol';
import { formatCount, formatShapeHint } from '../../src/core/format';
import type { FileReport } from '../../src/core/report';
import { LspTestClient, offsetAt, positionAt } from './support/lspClient';
import { CNN, FUNCTIONAL } from './support/fixtures';
import { freshUri } from './support/helpers';
import { FLAGGED_BUILDER, flaggedModelWith } from '../support/flaggedModel';
import { buildModels, layerInputShape, layerOutputShape, tf, tfReady } from './support/oracle';

function label(h: InlayHint): string {
  return typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
}

function tooltipText(h: InlayHint): string {
  const t = h.tooltip;
  return t === undefined ? '' : typeof t === 'string' ? t : t.value;
}

/** `model.add(...)` call ends, in order: where the shape hints must sit. */
function addCallEnds(text: string): number[] {
  const ends: number[] = [];
  for (const m of text.matchAll(/model\.add\(/g)) {
    let depth = 0;
    for (let i = m.index! + 'model.add'.length; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) {
        ends.push(i + 1);
        break;
      }
    }
  }
  return ends;
}

describe('LSP inlay hints, hovers, code lenses', () => {
  let client: LspTestClient;
  let cnn: tf.LayersModel;
  before(async () => {
    await tfReady();
    [cnn] = buildModels(CNN, ['model']);
  });
  beforeEach(async () => {
    client = await LspTestClient.start({ debounceMs: 0 });
  });
  afterEach(async () => {
    await client.stop();
  });

  it('shows each layer output shape (as TF.js computes it) right after its call', async () => {
    const uri = freshUri();
    await client.open(uri, CNN);
    const hints = (await client.inlayHints(uri)) ?? [];
    const shapeHints = hints.filter((h) => label(h).startsWith('→'));
    const ends = addCallEnds(CNN);
    assert.strictEqual(shapeHints.length, cnn.layers.length);
    cnn.layers.forEach((layer, i) => {
      const h = shapeHints[i];
      assert.strictEqual(label(h), `→ ${formatShapeHint(layerOutputShape(layer), 'compact')}`);
      assert.deepStrictEqual(h.position, positionAt(CNN, ends[i]));
      assert.ok(tooltipText(h).includes(formatShapeHint(layerOutputShape(layer), 'tuple')), tooltipText(h));
      assert.ok(tooltipText(h).includes(formatCount(layer.countParams())), tooltipText(h));
    });
    // The first conv: 62×62×32, the number people check by hand.
    assert.strictEqual(label(shapeHints[0]), '→ 62×62×32');
    const total = hints.find((h) => label(h).endsWith('params'));
    assert.ok(total, 'model total hint');
    assert.strictEqual(label(total), `${formatCount(cnn.countParams())} params`);
    assert.strictEqual(offsetAt(CNN, total.position), CNN.indexOf('tf.sequential()') + 'tf.sequential()'.length);
  });

  it('only returns hints inside the requested range', async () => {
    const uri = freshUri();
    await client.open(uri, CNN);
    const line = positionAt(CNN, CNN.indexOf('maxPooling2d')).line;
    const hints = (await client.inlayHints(uri, { start: { line, character: 0 }, end: { line, character: 200 } })) ?? [];
    assert.deepStrictEqual(hints.map(label), [`→ ${formatShapeHint(layerOutputShape(cnn.layers[1]))}`]);
  });

  it('follows the format setting and can be turned off', async () => {
    const uri = freshUri();
    await client.open(uri, CNN);
    await client.changeSettings({ debounceMs: 0, inlayHints: { format: 'tuple' } });
    await client.waitForDiagnostics(uri, () => true);
    const expected = `→ ${formatShapeHint(layerOutputShape(cnn.layers[0]), 'tuple')}`;
    const deadline = Date.now() + 5000;
    let first = '';
    while (Date.now() < deadline) {
      first = label(((await client.inlayHints(uri)) ?? []).filter((h) => label(h).startsWith('→'))[0]);
      if (first === expected) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.strictEqual(first, expected);
    await client.changeSettings({ debounceMs: 0, inlayHints: { enabled: false } });
    const off = Date.now() + 5000;
    let count = -1;
    while (Date.now() < off && count !== 0) {
      count = ((await client.inlayHints(uri)) ?? []).length;
      if (count !== 0) await new Promise((r) => setTimeout(r, 20));
    }
    assert.strictEqual(count, 0);
  });

  it('hover on a layer call: output and input shape, params with formula, MACs, receptive field', async () => {
    const uri = freshUri();
    await client.open(uri, CNN);
    const hover = await client.hover(uri, positionAt(CNN, CNN.indexOf('conv2d(') + 2));
    assert.ok(hover, 'hover expected');
    const value = (hover.contents as MarkupContent).value;
    const conv = cnn.layers[0];
    assert.ok(value.includes(formatShapeHint(layerOutputShape(conv), 'tuple')), value);
    assert.ok(value.includes(formatShapeHint(layerInputShape(conv), 'tuple')), value);
    assert.ok(value.includes(`(3·3·3 + 1)·32 = ${formatCount(conv.countParams())}`), value);
    // MACs of a conv: output positions × kernel volume × filters.
    assert.ok(value.includes(formatCount(62 * 62 * 32 * 3 * 3 * 3)), value);
    assert.match(value, /Receptive field \| 3×3/);
    assert.ok(hover.range, 'hover range');
  });

  it('layers under a flag or in a loop the server cannot bound: hinted like the rest, their hovers say so', async () => {
    const uri = freshUri();
    const text = FLAGGED_BUILDER;
    const [withDropout, without] = [true, false].map((flag) => buildModels(flaggedModelWith(flag, 1), ['model'])[0]);
    await client.open(uri, text);
    const hints = ((await client.inlayHints(uri)) ?? []).map(label).filter((l) => l.startsWith('→'));
    assert.deepStrictEqual(hints, withDropout.layers.map((l) => `→ ${formatShapeHint(layerOutputShape(l), 'compact')}`));
    // Flatten sees the same input on both paths, so its hint holds either way.
    assert.strictEqual(hints.at(-1), `→ ${formatShapeHint(layerOutputShape(without.layers.at(-1) as tf.layers.Layer), 'compact')}`);
    const hover = await client.hover(uri, positionAt(text, text.indexOf('dropout(') + 2));
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /Only if \| `useDropout`/);
    const loopHover = await client.hover(uri, positionAt(text, text.lastIndexOf('conv2d(') + 2));
    assert.match((loopHover?.contents as MarkupContent).value, /Repeated \| `while i < blocks`, any number of times/);
    // The total depends on the loop count: at least what TF.js counts with no iteration.
    const [noBlocks] = buildModels(flaggedModelWith(false, 0), ['model']);
    const lens = ((await client.codeLens(uri)) ?? []).find((l) => l.command?.title.includes('params'));
    assert.strictEqual(lens?.command?.title, `≥ ${formatCount(noBlocks.countParams())} params (depends on the code's flags)`);
  });

  it('hover on the model call: its summary table, totals and float32 size', async () => {
    const uri = freshUri();
    await client.open(uri, CNN);
    const hover = await client.hover(uri, positionAt(CNN, CNN.indexOf('sequential') + 3));
    const value = (hover?.contents as MarkupContent).value;
    assert.ok(value.includes('Layer (type)'), value);
    for (const layer of cnn.layers) assert.ok(value.includes(`(${layer.getClassName()})`), `${layer.getClassName()} in ${value}`);
    assert.ok(value.includes(`**Total params:** ${formatCount(cnn.countParams())}`), value);
    assert.ok(value.includes('Weights (float32)'), value);
  });

  it('hover elsewhere is empty', async () => {
    const uri = freshUri();
    await client.open(uri, CNN);
    assert.strictEqual(await client.hover(uri, { line: 0, character: 3 }), null);
  });

  it('a code lens above each model: size, Show summary, Open panel', async () => {
    const uri = freshUri();
    const text = CNN + FUNCTIONAL.replace(/^import .*$/m, '').replace(/\bmodel\b(?!\()/g, 'model2').replace(/\binput\b(?!\()/g, 'input2');
    await client.open(uri, text);
    const [m1, m2] = buildModels(text, ['model', 'model2']);
    const lenses = (await client.codeLens(uri)) ?? [];
    assert.strictEqual(lenses.length, 6);
    const titles = lenses.map((l) => l.command?.title);
    assert.ok(titles[0]?.startsWith(`${formatCount(m1.countParams())} params · `), titles[0]);
    assert.ok(titles[3]?.startsWith(`${formatCount(m2.countParams())} params · `), titles[3]);
    assert.deepStrictEqual(titles.slice(1, 3), ['Show summary', 'Open panel']);
    assert.strictEqual(lenses[1].command?.command, 'shapelens.showSummary');
    assert.strictEqual(lenses[2].command?.command, 'shapelens.openPanel');
    assert.deepStrictEqual(lenses[4].command?.arguments, [uri, 1]);
    assert.strictEqual(lenses[3].range.start.line, positionAt(text, text.indexOf('tf.model(')).line);
  });

  it('shapelens/models answers the JSON report and shapelens/summary the summary text', async () => {
    const uri = freshUri();
    await client.open(uri, FUNCTIONAL);
    const [model] = buildModels(FUNCTIONAL, ['model']);
    const report = await client.request<FileReport>('shapelens/models', { uri });
    assert.strictEqual(report.models.length, 1);
    assert.strictEqual(report.models[0].kind, 'functional');
    assert.strictEqual(report.models[0].totalParams, model.countParams());
    assert.strictEqual(report.models[0].weightBytes, model.countParams() * 4);
    const summary = await client.request<{ text: string }>('shapelens/summary', { uri });
    assert.ok(summary.text.includes(`Total params: ${formatCount(model.countParams())}`), summary.text);
    const none = await client.request<FileReport | null>('shapelens/models', { uri: 'file:///not/open.ts' });
    assert.strictEqual(none, null);
  });

  it('reads a file that uses the page-global tf (no import) as TF.js, and says so in the hover', async () => {
    const uri = freshUri('page.js');
    const text = fs.readFileSync(path.join(__dirname, '../fixtures/valid/globalTf.js'), 'utf8');
    await client.open(uri, text, 'javascript');
    const hints = ((await client.inlayHints(uri)) ?? []).map(label).filter((l) => l.startsWith('→'));
    assert.deepStrictEqual(hints, ['→ 1', '→ 50', '→ 1']);
    const hover = await client.hover(uri, positionAt(text, text.indexOf('tf.layers.dense') + 12));
    assert.match((hover?.contents as MarkupContent).value, /`tf` is not imported in this file: it is read as the global/);
    // A file that imports TF.js says nothing of the kind.
    const other = freshUri();
    await client.open(other, CNN);
    const plain = await client.hover(other, positionAt(CNN, CNN.indexOf('tf.layers.conv2d') + 12));
    assert.doesNotMatch((plain?.contents as MarkupContent).value, /not imported/);
  });
});
