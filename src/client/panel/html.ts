// The panel's HTML shell with its Content Security Policy. Free of vscode imports so the
// browser tests load exactly this page (with file: URIs standing in for webview URIs).
import { randomBytes } from 'crypto';

export interface PanelHtmlInput {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  readonly cspSource: string;
  /** URI of dist/webview/panel.js as the webview sees it. */
  readonly scriptUri: string;
  /** panel.js's own text, written into the page instead of loaded from `scriptUri` (no fetch). */
  readonly scriptText?: string;
  /** URI of dist/webview/elk.js (the diagram layout's worker source) as the webview sees it; panel.js loads it. */
  readonly elkScriptUri: string;
  /** The default sample image, written into the page (webview/panel/sampleScript.ts); absent: the page asks the host for it. */
  readonly sample?: { readonly name: string; readonly bytes: Uint8Array };
  /** URI of dist/webview/panel.css as the webview sees it. */
  readonly styleUri: string;
  /** Fresh per render; only scripts carrying it run. */
  readonly nonce: string;
  /** `shapelens.preview.backend` ('auto', 'webgl', 'cpu'); absent: the webview uses WebGL2 when it works. */
  readonly previewBackend?: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

/**
 * The CSP: nothing by default; only our nonce'd scripts (panel.js, elk.js it adds, and the inline
 * one carrying the default sample); styles from our files; images from
 * our files and from blobs/data URIs the webview makes itself (feature-map canvases, exports);
 * workers only from blobs the webview makes from the bundled source (the Keras weights reader;
 * a webview cannot load a worker from the extension's files). 'wasm-unsafe-eval' lets the
 * nonce'd bundle compile the WebAssembly it carries (the CPU preview's SIMD conv,
 * webview/wasm/); it allows no JavaScript eval and loads nothing. No 'unsafe-eval', no
 * 'unsafe-inline', no connect-src: the webview talks only by postMessage.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} blob: data:`,
    `font-src ${cspSource}`,
    'worker-src blob:',
  ].join('; ') + ';';
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * The inline script carrying the default sample, before panel.js. Base64 and a name of word
 * characters cannot close the script element; the name is checked all the same.
 */
function sampleScript(input: PanelHtmlInput): string {
  const s = input.sample;
  if (!s || !/^[\w.-]+$/.test(s.name)) return '';
  const value = JSON.stringify({ name: s.name, base64: Buffer.from(s.bytes).toString('base64') });
  return `<script nonce="${escapeAttr(input.nonce)}">window.__shapelensSample = ${value};</script>\n`;
}

/**
 * panel.js's tag: inline when the host gave its text (a cold workbench then fetches nothing
 * before the panel starts), else by URI. A text holding `</script` or `<!--` (which would end
 * or confuse the element) is loaded by URI instead: rewriting it could change what it means.
 */
function panelScript(input: PanelHtmlInput): string {
  const attrs = `nonce="${escapeAttr(input.nonce)}" data-elk-script="${escapeAttr(input.elkScriptUri)}"`;
  const text = input.scriptText;
  if (text === undefined || /<\/script|<!--/i.test(text)) return `<script ${attrs} src="${escapeAttr(input.scriptUri)}"></script>`;
  return `<script ${attrs}>${text}</script>`;
}

export function panelHtml(input: PanelHtmlInput): string {
  const csp = contentSecurityPolicy(input.cspSource, input.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(input.styleUri)}" nonce="${escapeAttr(input.nonce)}">
<title>ShapeLens</title>
</head>
<body${input.previewBackend ? ` data-preview-backend="${escapeAttr(input.previewBackend)}"` : ''}>
<main id="app" aria-live="polite"><p class="empty">Waiting for a model…</p></main>
${sampleScript(input)}${panelScript(input)}
</body>
</html>`;
}
