// A page that stands in for the VS Code webview: the real HTML shell (with its CSP) from
// src/client/panel/html.ts, the real bundle dist/webview/panel.js, and a MockVsCodeHost in
// place of the extension host (VS Code itself cannot run here). The mock records every
// message the webview posts and answers image requests from media/samples, as the host does.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Browser, Page } from 'playwright-core';
import { panelHtml } from '../../src/client/panel/html';
import type { HostMessage } from '../../webview/panel/messages';

const ROOT = path.resolve(__dirname, '../..');
export const PANEL_JS = path.join(ROOT, 'dist/webview/panel.js');
export const ELK_JS = path.join(ROOT, 'dist/webview/elk.js');
const PANEL_CSS = path.join(ROOT, 'dist/webview/panel.css');
export const SAMPLES_DIR = path.join(ROOT, 'media/samples');

/** A message with bytes, in a form page.evaluate can carry (Uint8Array → base64). */
type Wire = { message: Record<string, unknown>; bytes?: { field: string; base64: string }; files?: { path: string; base64: string }[] };

export class MockVsCodeHost {
  /** Every message the webview posted, in order (Uint8Array payloads as {byteLength, head}). */
  readonly received: Record<string, unknown>[] = [];
  readonly pageErrors: string[] = [];
  readonly cspViolations: string[] = [];
  /** When false, loadSample requests are recorded but not answered (a test answers itself). */
  answerSamples = true;

  private constructor(readonly page: Page) {}

  /** `previewBackend`: the `shapelens.preview.backend` value the host writes on the page (absent by default, as WebGL2 tests want). */
  /** `elkScriptUri` stands in for dist/webview/elk.js (a test gives one that does not load). */
  /** `sample`: the default sample written into the page, as the host does; absent (most tests), the page asks for every image with loadSample. */
  /** `inlineScript`: panel.js written into the page, as the host does; false (most tests), loaded by URI. */
  /** How many times the page called createImageBitmap so far. */
  decodes(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { __shapelensDecodes: number }).__shapelensDecodes);
  }

  static async open(browser: Browser, viewport = { width: 900, height: 1200 }, previewBackend?: string, elkScriptUri = pathToFileURL(ELK_JS).href, sample?: { name: string; bytes: Uint8Array }, inlineScript = false, decodeDelayMs = 0): Promise<MockVsCodeHost> {
    if (!existsSync(PANEL_JS) || !existsSync(ELK_JS) || !existsSync(PANEL_CSS)) throw new Error(`${PANEL_JS} is missing: run \`node esbuild.js\` first`);
    const page = await browser.newPage({ viewport });
    const host = new MockVsCodeHost(page);
    page.on('pageerror', (e) => host.pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') host.pageErrors.push(m.text());
    });
    await page.exposeFunction('__shapelensHostReceive', (msg: Record<string, unknown>) => host.receive(msg));
    // tsx compiles this file with esbuild's keepNames, which wraps named functions in the
    // callbacks below in a `__name(...)` helper that the page lacks; give it an identity one.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.addInitScript((delayMs: number) => {
      const w = window as unknown as Record<string, unknown>;
      const receive = w.__shapelensHostReceive as (m: unknown) => void;
      let state: unknown;
      // What VS Code would hand the serializer on restore (tests read it through state()).
      w.__shapelensState = () => state;
      w.acquireVsCodeApi = () => ({
        postMessage(msg: Record<string, unknown>) {
          // Bytes do not cross exposeFunction; summarise them.
          const data = msg.data;
          receive(data instanceof Uint8Array ? { ...msg, data: { byteLength: data.length, head: Array.from(data.subarray(0, 8)) } } : msg);
        },
        getState: () => state,
        setState: (s: unknown) => {
          state = s;
        },
      });
      // Counts the page's image decodes (the real createImageBitmap, called through), each
      // finishing `delayMs` late when a test needs messages to arrive while one runs.
      const decode = window.createImageBitmap.bind(window);
      w.__shapelensDecodes = 0;
      w.createImageBitmap = (...args: Parameters<typeof createImageBitmap>) => {
        w.__shapelensDecodes = (w.__shapelensDecodes as number) + 1;
        return delayMs > 0 ? new Promise((resolve) => setTimeout(resolve, delayMs)).then(() => decode(...args)) : decode(...args);
      };
      document.addEventListener('securitypolicyviolation', (e) => {
        receive({ type: '__cspViolation', directive: e.violatedDirective, blocked: e.blockedURI });
      });
    }, decodeDelayMs);
    // The real shell, with file: URIs standing in for webview URIs and `file:` as cspSource.
    const dir = mkdtempSync(path.join(tmpdir(), 'shapelens-panel-'));
    const html = panelHtml({ cspSource: 'file:', scriptUri: pathToFileURL(PANEL_JS).href, elkScriptUri, ...(sample ? { sample } : {}), ...(inlineScript ? { scriptText: readFileSync(PANEL_JS, 'utf8') } : {}), styleUri: pathToFileURL(PANEL_CSS).href, nonce: 'testnonce0123456789', ...(previewBackend ? { previewBackend } : {}) });
    const file = path.join(dir, 'panel.html');
    writeFileSync(file, html);
    await page.goto(pathToFileURL(file).href);
    await host.waitFor((m) => m.type === 'ready', 'the webview to post ready');
    return host;
  }

  private receive(msg: Record<string, unknown>): void {
    if (msg.type === '__cspViolation') {
      this.cspViolations.push(`${String(msg.directive)} blocked ${String(msg.blocked)}`);
      return;
    }
    this.received.push(msg);
    if (msg.type === 'loadSample' && this.answerSamples && typeof msg.name === 'string') {
      void this.sendImage(msg.name, readFileSync(path.join(SAMPLES_DIR, msg.name))).catch(() => undefined);
    }
  }

  /** Posts a host→webview message exactly as VS Code delivers it (a window message event). */
  async send(message: HostMessage): Promise<void> {
    const wire: Wire = { message: { ...message } };
    if (message.type === 'image') {
      wire.bytes = { field: 'bytes', base64: Buffer.from(message.bytes).toString('base64') };
      delete wire.message.bytes;
    }
    if (message.type === 'kerasWeights') {
      wire.bytes = { field: 'bytes', base64: Buffer.from(message.bytes).toString('base64') };
      delete wire.message.bytes;
    }
    if (message.type === 'weights') {
      wire.files = message.files.map((f) => ({ path: f.path, base64: Buffer.from(f.bytes).toString('base64') }));
      delete wire.message.files;
    }
    await this.page.evaluate((w: Wire) => {
      const decode = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const msg: Record<string, unknown> = { ...w.message };
      if (w.bytes) msg[w.bytes.field] = decode(w.bytes.base64);
      if (w.files) msg.files = w.files.map((f) => ({ path: f.path, bytes: decode(f.base64) }));
      window.postMessage(msg, '*');
    }, wire);
  }

  /** The state the webview last saved with setState: what VS Code gives the host's serializer on restore. */
  async state(): Promise<unknown> {
    return this.page.evaluate(() => (window as unknown as { __shapelensState(): unknown }).__shapelensState());
  }

  async sendImage(name: string, bytes: Uint8Array): Promise<void> {
    await this.send({ type: 'image', name, bytes });
  }

  /** Resolves with the first recorded message matching `pred`, waiting up to `ms`. */
  async waitFor(pred: (m: Record<string, unknown>) => boolean, what: string, ms = 20000): Promise<Record<string, unknown>> {
    const start = Date.now();
    for (;;) {
      const found = this.received.find(pred);
      if (found) return found;
      if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}; received: ${JSON.stringify(this.received).slice(0, 500)}; page errors: ${this.pageErrors.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
