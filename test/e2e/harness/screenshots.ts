// Screenshots: one per failed test (with the code-server log next to it), and the pictures
// for the README, taken during a run and copied to docs/ only when the whole run is green.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { DOCS_DIR, RESULTS_DIR } from './paths';
import { currentWorkbench } from './session';

const DOC_SHOTS_DIR = path.join(RESULTS_DIR, 'docs');

function slug(text: string): string {
  return text.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 100).toLowerCase();
}

/** Saves what the workbench shows now; returns the file written, or null without a page. */
export async function saveFailureScreenshot(testTitle: string): Promise<string | null> {
  const workbench = currentWorkbench();
  if (!workbench) return null;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${slug(testTitle)}.png`);
  await workbench.page.screenshot({ path: file, timeout: 10_000 });
  if (fs.existsSync(workbench.server.logFile)) fs.copyFileSync(workbench.server.logFile, path.join(RESULTS_DIR, `${slug(testTitle)}.code-server.log`));
  return file;
}

/** A picture for the README, e.g. `e2e-inlay-hints` → test-results/docs/e2e-inlay-hints.png. */
export async function docScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(DOC_SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(DOC_SHOTS_DIR, `${name}.png`) });
}

/** After a green run with SHAPELENS_E2E_UPDATE_DOCS=1: test-results/docs/*.png → docs/. */
export function publishDocScreenshots(): string[] {
  if (!fs.existsSync(DOC_SHOTS_DIR)) return [];
  const files = fs.readdirSync(DOC_SHOTS_DIR).filter((f) => f.endsWith('.png'));
  for (const f of files) fs.copyFileSync(path.join(DOC_SHOTS_DIR, f), path.join(DOCS_DIR, f));
  return files;
}
