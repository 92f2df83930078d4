// The panel's HTML shell (src/client/panel/html.ts): panel.js inline when the host gives its text,
// by URI when it does not or when the text could end the script element.
import * as assert from 'assert';
import { panelHtml, type PanelHtmlInput } from '../../src/client/panel/html';

const base: PanelHtmlInput = { cspSource: 'https://w.example', scriptUri: 'https://w.example/panel.js', elkScriptUri: 'https://w.example/elk.js', styleUri: 'https://w.example/panel.css', nonce: 'n0nce' };

describe('panel HTML shell', () => {
  it('writes panel.js inline, with its nonce and the elk.js address, when given its text', () => {
    const html = panelHtml({ ...base, scriptText: 'console.log("panel");' });
    assert.ok(html.includes('<script nonce="n0nce" data-elk-script="https://w.example/elk.js">console.log("panel");</script>'));
    assert.ok(!html.includes('src="https://w.example/panel.js"'));
  });

  it('loads panel.js by URI without its text, or when the text could end or confuse the element', () => {
    for (const scriptText of [undefined, 'const s = "</script>";', 'const s = "</SCRIPT";', 'x = "<!--";']) {
      const html = panelHtml({ ...base, ...(scriptText === undefined ? {} : { scriptText }) });
      assert.ok(html.includes('<script nonce="n0nce" data-elk-script="https://w.example/elk.js" src="https://w.example/panel.js"></script>'), String(scriptText));
      if (scriptText) assert.ok(!html.includes(scriptText), 'the text itself is not written');
    }
  });

  it('writes the default sample as base64 in its own nonce\'d script, and nothing for an odd name', () => {
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47]);
    assert.ok(panelHtml({ ...base, sample: { name: 'chelsea.png', bytes } }).includes(`<script nonce="n0nce">window.__shapelensSample = ${JSON.stringify({ name: 'chelsea.png', base64: Buffer.from(bytes).toString('base64') })};</script>`));
    assert.ok(!panelHtml({ ...base, sample: { name: 'x"></script>.png', bytes } }).includes('__shapelensSample'));
  });
});
