// The panel's message validators, CSP shell and cursor→model mapping, in plain Node (they are
// shared by the host and the webview and import neither vscode nor the DOM).
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import { contentSecurityPolicy, panelHtml } from '../../src/client/panel/html';
import { modelAtLine } from '../../src/client/panel/cursor';
import { parseHostMessage, parseWebviewMessage } from '../../webview/panel/messages';

const ROOT = path.resolve(__dirname, '../..');
const fixture = 'test/fixtures/valid/classicCnn.ts';
const report = toFileReport(analyzeText(readFileSync(path.join(ROOT, fixture), 'utf8'), fixture), fixture);
const modelMsg = { type: 'model', report, documentUri: 'file:///x.ts', selectedModel: 0, cursorLayer: null, samples: [{ name: 'a.png', uri: 'https://x/a.png' }], weights: [], origin: 'local' };

describe('panel protocol', () => {
  describe('host → webview', () => {
    it('accepts Keras weight bytes as a Uint8Array', () => {
      const r = parseHostMessage({ type: 'kerasWeights', path: 'models/cnn.keras', bytes: Uint8Array.from([0x50, 0x4b, 3, 4]) });
      assert.ok(r.ok && r.message.type === 'kerasWeights');
      assert.deepStrictEqual(Array.from(r.message.type === 'kerasWeights' ? r.message.bytes : []), [0x50, 0x4b, 3, 4]);
    });

    it('accepts a model message carrying a real FileReport', () => {
      const r = parseHostMessage(JSON.parse(JSON.stringify(modelMsg)));
      assert.ok(r.ok, r.ok ? '' : r.problem);
    });

    it('rejects malformed messages with the reason', () => {
      const cases: [unknown, RegExp][] = [
        [null, /without a type/],
        [{ type: 'launchMissiles' }, /unknown message type/],
        [{ ...modelMsg, selectedModel: 5 }, /selectedModel out of range/],
        [{ ...modelMsg, origin: 'guess' }, /bad origin/],
        [{ ...modelMsg, repeat: 'yes' }, /bad repeat/],
        [{ ...modelMsg, report: { ...report, models: [{ ...report.models[0], layers: [{ ...report.models[0].layers[0], inputs: [3] }] }] } }, /inputs must be earlier layer indices/],
        [{ ...modelMsg, report: { ...report, diagnostics: [{ severity: 'fatal' }] } }, /diagnostic 0/],
        [{ type: 'image', name: 'a.png', bytes: [1, 2, 3] }, /bytes/],
        [{ type: 'weights', path: 'model.json', modelJson: '{}', files: [{ path: 'w.bin', bytes: 'AAAA' }] }, /files malformed/],
        [{ type: 'kerasWeights', path: 'cnn.keras', bytes: 'UEsDBA==' }, /kerasWeights need a path and bytes \(got a string of 8 characters\)/],
        [{ type: 'kerasWeights', bytes: new Uint8Array(4) }, /kerasWeights need a path and bytes/],
      ];
      for (const [msg, why] of cases) {
        const r = parseHostMessage(msg);
        assert.ok(!r.ok, `accepted ${JSON.stringify(msg).slice(0, 80)}`);
        assert.match(r.problem, why);
      }
    });
  });

  describe('webview → host', () => {
    it('accepts well-formed requests', () => {
      assert.deepStrictEqual(parseWebviewMessage({ type: 'reveal', line: 7, column: 5, extra: 1 }), { type: 'reveal', line: 7, column: 5 });
      assert.deepStrictEqual(parseWebviewMessage({ type: 'loadSample', name: 'chelsea.png' }), { type: 'loadSample', name: 'chelsea.png' });
      assert.deepStrictEqual(parseWebviewMessage({ type: 'exportSvg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' })?.type, 'exportSvg');
      const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
      assert.strictEqual(parseWebviewMessage({ type: 'exportPng', data: png })?.type, 'exportPng');
    });

    it('drops anything else', () => {
      for (const bad of [
        { type: 'reveal', line: 0, column: 1 },
        { type: 'reveal', line: '7', column: 1 },
        { type: 'loadSample', name: '../../../etc/passwd' },
        { type: 'exportSvg', data: '<script>alert(1)</script>' },
        { type: 'exportPng', data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]) },
        { type: 'runCommand', command: 'rm -rf /' },
        'ready',
      ]) {
        assert.strictEqual(parseWebviewMessage(bad), null, JSON.stringify(bad));
      }
    });
  });

  describe('HTML shell', () => {
    it('has a strict CSP: no default sources, nonce-only scripts, no eval or inline code', () => {
      const csp = contentSecurityPolicy('https://webview.example', 'abc123');
      assert.match(csp, /^default-src 'none';/);
      // Scripts: only ours; WebAssembly compilation (the CPU preview's SIMD conv), no JS eval.
      assert.match(csp, /script-src 'nonce-abc123' 'wasm-unsafe-eval';/);
      assert.match(csp, /img-src https:\/\/webview\.example blob: data:;/);
      assert.doesNotMatch(csp.replace(/'wasm-unsafe-eval'/g, ''), /unsafe-(eval|inline)|\*/);
      // Workers only from blobs the page makes (the Keras weights reader), never from a URL.
      assert.match(csp, /worker-src blob:;/);
      const html = panelHtml({ cspSource: 'https://webview.example', scriptUri: 'https://webview.example/panel.js', elkScriptUri: 'https://webview.example/elk.js', styleUri: 'https://webview.example/panel.css', nonce: 'abc123' });
      const scripts = html.match(/<script[^>]*>/g) ?? [];
      // panel.js alone; it adds the diagram layout's worker source itself, with its nonce.
      assert.strictEqual(scripts.length, 1);
      assert.match(scripts[0], /nonce="abc123"/);
      assert.match(scripts[0], /data-elk-script="https:\/\/webview\.example\/elk\.js" src="https:\/\/webview\.example\/panel\.js"/);
      // As the host writes it: panel.js and the default sample inline, each carrying the nonce.
      const inline = panelHtml({ cspSource: 'https://webview.example', scriptUri: 'https://webview.example/panel.js', elkScriptUri: 'https://webview.example/elk.js', styleUri: 'https://webview.example/panel.css', nonce: 'abc123', scriptText: 'void 0;', sample: { name: 'chelsea.png', bytes: Uint8Array.from([1, 2, 3]) } });
      const inlineScripts = inline.match(/<script[^>]*>/g) ?? [];
      assert.strictEqual(inlineScripts.length, 2);
      for (const tag of inlineScripts) assert.match(tag, /^<script nonce="abc123"/);
      assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    });
  });

  describe('cursor → model and layer', () => {
    it('finds the layer under the cursor, and the model when between layers', () => {
      const model = report.models[0];
      for (const layer of model.layers) assert.deepStrictEqual(modelAtLine(report, layer.line), { model: 0, layer: layer.index });
      assert.deepStrictEqual(modelAtLine(report, model.line), { model: 0, layer: null });
      assert.deepStrictEqual(modelAtLine(report, 1), { model: 0, layer: null });
    });
  });
});
