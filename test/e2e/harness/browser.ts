// Debian's Chromium, driven by playwright-core (Playwright's own browser download needs a CDN
// these machines cannot reach). A fresh profile per launch, so no state leaks between runs.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from './paths';

/**
 * Headless on a machine without a GPU: --disable-gpu plus --enable-unsafe-swiftshader keeps
 * WebGL2 available through SwiftShader (the panel's preview needs it); the rest stops
 * Chromium from reaching for the network or showing first-run UI.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
];

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}; run: node scripts/ensure-chromium.js`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 900 },
    // The workbench reads and writes the clipboard for some commands; grant it up front.
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
