// Half-typed code, keystroke by keystroke: models the user is not touching keep their last good
// results (at the right positions), and nothing is reported from the text being typed.
import * as assert from 'assert';
import type { Diagnostic, InlayHint } from 'vscode-languageserver-protocol';
import { analyzeText } from '../../src/core/analyze';
import { LspTestClient, offsetAt } from './support/lspClient';
import { DENSE_ON_MAP } from './support/fixtures';
import { freshUri, rangeText } from './support/helpers';

/** Model 1 has a warning; model 2 is being extended by the user. */
const TWO_MODELS = `${DENSE_ON_MAP}
const second = tf.sequential();
second.add(tf.layers.dense({ inputShape: [20], units: 8, activation: 'relu' }));
// <cursor>
`;

const TYPED = "second.add(tf.layers.dense({ units: 3, activation: 'softmax' }));";

function label(h: InlayHint): string {
  return typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
}

function hintsWithContext(text: string, hints: InlayHint[]): string[] {
  // What each hint follows: the 12 characters before its position, plus its label.
  return hints.map((h) => `${text.slice(Math.max(0, offsetAt(text, h.position) - 12), offsetAt(text, h.position))}|${label(h)}`);
}

describe('LSP half-typed code', () => {
  let client: LspTestClient;
  beforeEach(async () => {
    client = await LspTestClient.start({ debounceMs: 0 });
  });
  afterEach(async () => {
    assert.deepStrictEqual(client.logErrors, [], 'the server logged a failure');
    await client.stop();
  });

  it('typing a new layer keeps model 1 intact and reports nothing from the typed text', async () => {
    const uri = freshUri();
    const start = TWO_MODELS.replace('// <cursor>', '');
    const at = TWO_MODELS.indexOf('// <cursor>');
    const initial = await client.open(uri, start);
    const warning = initial.find((d) => d.code === 'shape/dense-on-feature-map');
    assert.ok(warning);
    const warnedText = rangeText(start, warning.range);
    const model2Start = start.indexOf('const second');
    const model1Hints = hintsWithContext(
      start,
      ((await client.inlayHints(uri)) ?? []).filter((h) => offsetAt(start, h.position) < model2Start),
    );
    assert.ok(model1Hints.length >= 3, JSON.stringify(model1Hints));

    let sawBrokenState = false;
    for (let i = 0; i < TYPED.length; i++) {
      const version = await client.type(uri, at + i, TYPED[i]);
      const text = client.text(uri);
      const published = await client.diagnosticsFor(uri, version);
      const broken = analyzeText(text, '/w/model.ts').syntaxErrors.length > 0;
      sawBrokenState ||= broken;
      const typedRegion = { start: at, end: at + i + 1 };
      for (const d of published.diagnostics) {
        const s = offsetAt(text, d.range.start);
        assert.ok(s < typedRegion.start || s > typedRegion.end, `diagnostic from the typed text at step ${i}: ${d.message}`);
      }
      // Model 1's warning stays, on the same text.
      const kept = published.diagnostics.find((d: Diagnostic) => d.code === 'shape/dense-on-feature-map');
      assert.ok(kept, `model 1's warning vanished at step ${i} (${JSON.stringify(text.slice(at, at + i + 1))})`);
      assert.strictEqual(rangeText(text, kept.range), warnedText);
      // And its hints, after the same calls.
      const hints = hintsWithContext(text, (await client.inlayHints(uri)) ?? []);
      for (const h of model1Hints) assert.ok(hints.includes(h), `step ${i}: lost ${h} in ${JSON.stringify(hints)}`);
    }
    assert.ok(sawBrokenState, 'the sequence must pass through broken states');

    // Finished: the fresh results describe the new layer.
    const hints = (await client.inlayHints(uri)) ?? [];
    const last = hints.find((h) => offsetAt(client.text(uri), h.position) === at + TYPED.length - 1);
    assert.ok(last, 'a hint right after the typed call');
    assert.strictEqual(label(last), '→ 3');
  });

  it('a broken edit above a model shifts its carried-over results with the text', async () => {
    const uri = freshUri();
    await client.open(uri, DENSE_ON_MAP);
    const hintsBefore = hintsWithContext(DENSE_ON_MAP, (await client.inlayHints(uri)) ?? []);
    const at = DENSE_ON_MAP.indexOf('const model');
    // An unfinished statement (with a newline) above the model.
    const version = await client.type(uri, at, 'const oops = foo(\n');
    const text = client.text(uri);
    assert.ok(analyzeText(text, '/w/model.ts').syntaxErrors.length > 0, 'fixture must be broken');
    const published = await client.diagnosticsFor(uri, version);
    const kept = published.diagnostics.find((d) => d.code === 'shape/dense-on-feature-map');
    assert.ok(kept, JSON.stringify(published.diagnostics));
    assert.match(rangeText(text, kept.range), /^model\.add\(tf\.layers\.dense/);
    const hints = hintsWithContext(text, (await client.inlayHints(uri)) ?? []);
    assert.deepStrictEqual(hints, hintsBefore);
  });

  it('a file opened broken reports no findings from inside the broken model', async () => {
    const uri = freshUri();
    const broken = DENSE_ON_MAP.replace("activation: 'softmax' }));", "activation: 'softmax' }");
    assert.ok(analyzeText(broken, '/w/model.ts').syntaxErrors.length > 0);
    const diagnostics = await client.open(uri, broken);
    assert.deepStrictEqual(diagnostics, []);
  });
});
