// Debian's Chromium, driven by playwright-core (Playwright's own browser download needs a CDN
// these machines cannot reach). A fresh profile per launch, so no state leaks between runs.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../browser/chromium';
import { CHROMIUM } from './paths';

/** The same flags as the browser tests (WebGL2 through SwiftShader, no network, no first-run UI). */
export const CHROMIUM_FLAGS = CHROMIUM_ARGS;

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
    args: [...CHROMIUM_FLAGS],
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
