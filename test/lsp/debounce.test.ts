// Debounced analysis: a burst of keystrokes costs one analysis of the last version; nothing is
// published for versions that were already outdated.
import * as assert from 'assert';
import { LspTestClient, positionAt } from './support/lspClient';
import { CNN } from './support/fixtures';
import { freshUri } from './support/helpers';

describe('LSP debounce', () => {
  let client: LspTestClient;
  afterEach(async () => {
    await client.stop();
  });

  it('publishes once, for the final version, after a burst of edits', async () => {
    client = await LspTestClient.start({ debounceMs: 300 });
    const uri = freshUri();
    await client.open(uri, CNN); // opening is analysed at once, without the delay
    const before = client.publishes.filter((p) => p.uri === uri).length;
    const at = CNN.indexOf('filters: 32') + 'filters: '.length;
    // Ten quick edits of the filter count (each a complete, valid text).
    let version = 1;
    for (let i = 0; i < 10; i++) {
      const text = client.text(uri);
      const end = text.indexOf(',', at);
      version = await client.change(uri, [{ range: { start: positionAt(text, at), end: positionAt(text, end) }, text: String(20 + i) }]);
    }
    const final = await client.diagnosticsFor(uri, version);
    assert.strictEqual(final.version, version);
    const after = client.publishes.filter((p) => p.uri === uri).slice(before);
    assert.deepStrictEqual(after.map((p) => p.version), [version]);
    // And the analysis is of that final text: the first conv now has 29 filters.
    const hints = (await client.inlayHints(uri)) ?? [];
    const first = hints.find((h) => typeof h.label === 'string' && h.label.startsWith('→'));
    assert.strictEqual(first?.label, '→ 62×62×29');
  });
});
