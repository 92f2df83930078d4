// A burst of edits (a tool rewriting the file as fast as the connection goes) with requests in
// between: the work stays bounded (analyses counted by the server, not timed here; the latency
// figures are in `npm run bench:lsp`), every request is answered, and once the burst ends the
// diagnostics and hints are those of a fresh analysis of the final text.
import * as assert from 'assert';
import { analyzeText } from '../../src/core/analyze';
import { BURST_MAX_WAIT_MS } from '../../src/server/burst';
import type { StatsResult } from '../../src/server/protocol';
import { generateFile } from '../../bench/lsp.bench';
import { seededRandom } from '../support/seededRandom';
import { LspTestClient, positionAt } from './support/lspClient';
import { freshUri } from './support/helpers';

const EDITS = 1500;
const REQUEST_EVERY = 15;

describe('LSP under a burst of edits', function () {
  this.timeout(180_000);
  let client: LspTestClient;
  afterEach(async () => {
    await client.stop();
  });

  it(`${EDITS} edits as fast as they can be sent, a request every ${REQUEST_EVERY}: bounded analyses, every request answered, final results fresh`, async () => {
    client = await LspTestClient.start({ debounceMs: 0 });
    const uri = freshUri('models.ts');
    const text = generateFile();
    await client.open(uri, text);
    const stats = await client.request<StatsResult>('shapelens/stats', {});
    const before = stats.analyses;
    const pausesBefore = stats.editPauses;
    const random = seededRandom(4242);
    const requests: Promise<unknown>[] = [];
    const started = Date.now();
    let version = 1;
    for (let e = 0; e < EDITS; e++) {
      // Retype one filter count somewhere in the file: every version is valid code.
      const current = client.text(uri);
      const model = Math.floor(random() * 50);
      const at = current.indexOf('filters: ', current.indexOf(`const model${model} = tf.sequential`)) + 'filters: '.length;
      const end = current.indexOf(',', at);
      version = await client.change(uri, [{ range: { start: positionAt(current, at), end: positionAt(current, end) }, text: String(8 + Math.floor(random() * 40)) }]);
      await new Promise((r) => setImmediate(r)); // read answers as they come, as an editor does
      if (e % REQUEST_EVERY === 0) {
        const line = Math.floor(random() * 1900);
        requests.push(client.hover(uri, { line, character: 10 }), client.inlayHints(uri, { start: { line, character: 0 }, end: { line: line + 60, character: 0 } }));
      }
    }
    const answers = await Promise.all(requests);
    const elapsed = Date.now() - started;
    assert.strictEqual(answers.length, 2 * Math.ceil(EDITS / REQUEST_EVERY));
    const final = await client.diagnosticsFor(uri, version, 30_000);
    assert.strictEqual(final.version, version);
    const after = await client.request<StatsResult>('shapelens/stats', {});
    const analyses = after.analyses - before;
    const pauses = after.editPauses - pausesBefore;
    // At most one per BURST_MAX_WAIT_MS of burst, plus the last version; without burst handling
    // it was one per edit or per request (over 1,500). A pause as the server saw it (on a loaded
    // machine, an edit it read late) ends the burst: that pause's analysis and one request read
    // right after it (before the next edit) may each analyse. Normally there are none or two.
    // The slack of 25 is measured, not derived: on 2026-12-02 this machine gave 19–24 analyses
    // with 0–3 pauses, on this commit and on the one before it alike (the old slack of 10 failed
    // both); it is still under 2% of the edits.
    const bound = Math.ceil(elapsed / BURST_MAX_WAIT_MS) + 2 * pauses + 25;
    assert.ok(pauses < EDITS / 20, `not a burst: the server saw ${pauses} pauses in ${EDITS} edits`);
    assert.ok(analyses <= bound, `${analyses} analyses for ${EDITS} edits over ${elapsed} ms, ${pauses} pauses (bound ${bound})`);
    // The final word is a fresh analysis of the final text.
    const fresh = analyzeText(client.text(uri), 'models.ts');
    assert.deepStrictEqual(
      final.diagnostics.map((d) => [d.code, d.range.start.line, d.message]),
      fresh.findings.map((f) => [f.code, fresh.lines.positionAt(f.span.start).line, f.message]),
    );
    const hints = (await client.inlayHints(uri)) ?? [];
    const shapeHints = hints.filter((h) => typeof h.label === 'string' && h.label.startsWith('→')).length;
    const layers = fresh.models.reduce((n, m) => n + m.nodes.filter((x) => x.node.op.kind === 'layer' && x.outputShape !== null).length, 0);
    assert.strictEqual(shapeHints, layers, 'every layer hinted after the burst');
  });

  it('typing at human speed is not a burst: each keystroke pause gets its own fresh diagnostics', async () => {
    client = await LspTestClient.start({ debounceMs: 0 });
    const uri = freshUri('model.ts');
    const text = generateFile();
    await client.open(uri, text);
    const at = text.indexOf('filters: ') + 'filters: '.length;
    for (const digit of ['2', '4', '8']) {
      const current = client.text(uri);
      const version = await client.change(uri, [{ range: { start: positionAt(current, at), end: positionAt(current, at + 2) }, text: `1${digit}` }]);
      const published = await client.diagnosticsFor(uri, version);
      assert.strictEqual(published.version, version);
      const hint = ((await client.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 12, character: 0 } })) ?? []).find((h) => typeof h.label === 'string' && h.label.startsWith('→'));
      assert.strictEqual(hint?.label, `→ 62×62×1${digit}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  });
});
