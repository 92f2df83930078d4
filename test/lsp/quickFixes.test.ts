// Code actions: every fix the engine offers arrives as a quick fix tied to its diagnostic,
// and applying it yields code the engine then finds free of that finding.
import * as assert from 'assert';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { analyzeText } from '../../src/core/analyze';
import { applyTextEdits, LspTestClient } from './support/lspClient';
import { DENSE_ON_MAP, DENSE_ON_MAP_ARRAY, KERNEL_TOO_BIG } from './support/fixtures';
import { freshUri } from './support/helpers';

const CASES = [
  { name: "kernel too big → padding: 'same'", text: KERNEL_TOO_BIG, code: 'shape/non-positive-dim', fixes: 1 },
  { name: 'Dense on a feature map (model.add)', text: DENSE_ON_MAP, code: 'shape/dense-on-feature-map', fixes: 2 },
  { name: 'Dense on a feature map (layers array)', text: DENSE_ON_MAP_ARRAY, code: 'shape/dense-on-feature-map', fixes: 2 },
];

describe('LSP quick fixes', () => {
  let client: LspTestClient;
  beforeEach(async () => {
    client = await LspTestClient.start({ debounceMs: 0 });
  });
  afterEach(async () => {
    await client.stop();
  });

  for (const c of CASES) {
    it(`${c.name}: each fix removes the finding`, async () => {
      const uri = freshUri();
      const diagnostics = await client.open(uri, c.text);
      const diagnostic = diagnostics.find((d) => d.code === c.code);
      assert.ok(diagnostic, `expected ${c.code} in ${JSON.stringify(diagnostics)}`);
      const actions = ((await client.codeActions(uri, diagnostic.range, [diagnostic])) ?? []) as CodeAction[];
      assert.strictEqual(actions.length, c.fixes, JSON.stringify(actions.map((a) => a.title)));
      for (const action of actions) {
        assert.strictEqual(action.kind, 'quickfix');
        assert.deepStrictEqual(action.diagnostics, [diagnostic]);
        const edits = action.edit?.changes?.[uri];
        assert.ok(edits && edits.length > 0, action.title);
        const fixed = applyTextEdits(c.text, edits);
        assert.notStrictEqual(fixed, c.text);
        // The engine on the fixed text, directly and through the server.
        const findings = analyzeText(fixed, '/workspace/model.ts').findings;
        assert.ok(!findings.some((f) => f.code === c.code), `${action.title}: ${JSON.stringify(findings)}`);
        assert.ok(!findings.some((f) => f.severity === 'error'), `${action.title} left errors: ${JSON.stringify(findings)}`);
        const version = await client.replaceAll(uri, fixed);
        const after = await client.diagnosticsFor(uri, version);
        assert.ok(!after.diagnostics.some((d) => d.code === c.code), `${action.title}: ${JSON.stringify(after.diagnostics)}`);
        await client.replaceAll(uri, c.text); // back, for the next fix
        await client.diagnosticsFor(uri);
      }
    });
  }

  it('offers nothing for a range without findings', async () => {
    const uri = freshUri();
    await client.open(uri, DENSE_ON_MAP);
    const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, []);
    assert.deepStrictEqual(actions, []);
  });
});
