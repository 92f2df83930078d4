// Shared launcher for every real-Chromium test and benchmark (kernel tests, panel tests, the
// browser bench). Debian's /usr/bin/chromium (see scripts/ensure-chromium.js) runs headless with
// WebGL2 through SwiftShader, so GPU code is exercised on machines without a GPU.

import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync } from 'fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];

/** Launches headless Chromium with a fresh temporary profile; `extraArgs` are appended. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: run \`node scripts/ensure-chromium.js\` first`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * Opens a blank page whose console errors and uncaught exceptions are collected, so a test can
 * report what went wrong inside the page rather than a bare timeout.
 */
export async function openPage(browser: Browser): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  return { page, pageErrors };
}
