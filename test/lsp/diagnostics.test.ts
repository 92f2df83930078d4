// publishDiagnostics over a real connection: the server's diagnostics are the core's findings,
// translated faithfully (code, link, severity, exact range, related information).
import * as assert from 'assert';
import { DiagnosticRelatedInformation, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { analyzeText } from '../../src/core/analyze';
import { codeDescriptionHref } from '../../src/server/diagnostics';
import { LspTestClient, positionAt } from './support/lspClient';
import { CNN, DENSE_ON_MAP, KERNEL_TOO_BIG, NO_TF } from './support/fixtures';
import { freshUri, rangeText } from './support/helpers';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

describe('LSP diagnostics', () => {
  let client: LspTestClient;
  beforeEach(async () => {
    client = await LspTestClient.start({ debounceMs: 0 });
  });
  afterEach(async () => {
    await client.stop();
  });

  for (const [name, text] of [
    ['kernel larger than its input', KERNEL_TOO_BIG],
    ['dense on a feature map', DENSE_ON_MAP],
  ] as const) {
    it(`publishes exactly the engine's findings: ${name}`, async () => {
      const uri = freshUri();
      const diagnostics = await client.open(uri, text);
      const expected = analyzeText(text, '/workspace/model.ts').findings;
      assert.ok(expected.length > 0, 'fixture must produce findings');
      assert.strictEqual(diagnostics.length, expected.length);
      for (const f of expected) {
        const d = diagnostics.find((x) => x.code === f.code);
        assert.ok(d, `missing ${f.code}`);
        assert.strictEqual(d.source, 'shapelens');
        assert.strictEqual(d.severity, SEVERITY[f.severity]);
        assert.strictEqual(d.message, f.message);
        assert.deepStrictEqual(d.range, { start: positionAt(text, f.span.start), end: positionAt(text, f.span.end) });
        assert.strictEqual(d.codeDescription?.href, codeDescriptionHref(f.code));
        assert.strictEqual(d.relatedInformation?.length ?? 0, f.related?.length ?? 0);
        for (const [i, r] of (f.related ?? []).entries()) {
          const info: DiagnosticRelatedInformation = d.relatedInformation![i];
          assert.strictEqual(info.location.uri, uri);
          assert.strictEqual(info.message, r.message);
          assert.strictEqual(rangeText(text, info.location.range), text.slice(r.span.start, r.span.end));
        }
      }
    });
  }

  it('puts the kernel error on the kernelSize property and relates the layer that shrank the input', async () => {
    const uri = freshUri();
    const diagnostics = await client.open(uri, KERNEL_TOO_BIG);
    const d = diagnostics.find((x) => x.code === 'shape/non-positive-dim');
    assert.ok(d, JSON.stringify(diagnostics));
    assert.strictEqual(d.severity, DiagnosticSeverity.Error);
    assert.match(rangeText(KERNEL_TOO_BIG, d.range), /kernelSize/);
    assert.ok(d.relatedInformation && d.relatedInformation.length > 0);
    assert.match(rangeText(KERNEL_TOO_BIG, d.relatedInformation[0].location.range), /strides: 2/);
  });

  it('links each code to its README section', () => {
    assert.strictEqual(codeDescriptionHref('shape/non-positive-dim'), 'https://github.com/shapelens/shapelens#shapenon-positive-dim');
    assert.strictEqual(codeDescriptionHref('Params/Layer-Ceiling'), 'https://github.com/shapelens/shapelens#paramslayer-ceiling');
  });

  it('a clean model has no diagnostics; a file without TF.js has none either', async () => {
    assert.deepStrictEqual(analyzeText(CNN, '/w/cnn.ts').findings, []);
    assert.deepStrictEqual(await client.open(freshUri(), CNN), []);
    assert.deepStrictEqual(await client.open(freshUri('plain.ts'), NO_TF), []);
  });

  it('applies severity overrides and "off" from settings, live', async () => {
    const uri = freshUri();
    await client.open(uri, DENSE_ON_MAP);
    await client.changeSettings({ debounceMs: 0, severityOverrides: { 'shape/dense-on-feature-map': 'info' } });
    let params = await client.waitForDiagnostics(uri, (ds) => ds.some((d) => d.severity === DiagnosticSeverity.Information));
    assert.ok(params.find((d) => d.code === 'shape/dense-on-feature-map')?.severity === DiagnosticSeverity.Information);
    await client.changeSettings({ debounceMs: 0, severityOverrides: { 'shape/dense-on-feature-map': 'off' } });
    params = await client.waitForDiagnostics(uri, (ds) => !ds.some((d) => d.code === 'shape/dense-on-feature-map'));
    assert.ok(!params.some((d) => d.code === 'shape/dense-on-feature-map'));
  });

  it('disabling the extension clears diagnostics; closing a document clears its diagnostics', async () => {
    const a = freshUri();
    const b = freshUri();
    assert.ok((await client.open(a, KERNEL_TOO_BIG)).length > 0);
    assert.ok((await client.open(b, KERNEL_TOO_BIG)).length > 0);
    await client.changeSettings({ debounceMs: 0, enable: false });
    await client.waitForDiagnostics(a, (ds) => ds.length === 0);
    await client.close(b);
    await client.waitForDiagnostics(b, (ds) => ds.length === 0);
  });
});
