// The panel must still preview (on the CPU) and say why when WebGL2 is missing: once with a
// context factory that yields nothing, once in a Chromium started with WebGL disabled.

import * as assert from 'assert';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from './chromium';
import { bundleForBrowser } from './bundle';

type Choice = { backend: string; fallbackReason: string | null };

async function choiceIn(browser: Browser, fn: 'fallbackWithoutContext' | 'defaultChoice'): Promise<Choice> {
  const script = await bundleForBrowser('test/browser/pages/kernels.page.ts');
  const { page } = await openPage(browser);
  await page.addScriptTag({ content: script });
  return page.evaluate((name) => (globalThis as unknown as Record<string, () => Choice>)[name](), fn);
}

describe('backend fallback when WebGL2 is unavailable', function () {
  this.timeout(60000);

  it('falls back to the CPU with a reason when the context factory returns null', async () => {
    const browser = await launchChromium();
    try {
      const choice = await choiceIn(browser, 'fallbackWithoutContext');
      assert.strictEqual(choice.backend, 'cpu');
      assert.match(choice.fallbackReason ?? '', /WebGL2 is not available/);
    } finally {
      await browser.close();
    }
  });

  it('falls back to the CPU with a reason in a browser started with --disable-webgl', async () => {
    const browser = await launchChromium(['--disable-webgl']);
    try {
      const choice = await choiceIn(browser, 'defaultChoice');
      assert.strictEqual(choice.backend, 'cpu');
      assert.match(choice.fallbackReason ?? '', /WebGL2/);
    } finally {
      await browser.close();
    }
  });
});
