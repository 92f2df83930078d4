// Page helpers for the VS Code workbench served by code-server. They drive the UI the way a
// person does (command palette, keyboard, mouse) and wait on what the person would see.
// Selectors are the workbench's own DOM classes; where VS Code has no stable class (inlay
// hints) we find things by their text.
import type { Locator, Page } from 'playwright-core';

const UI_TIMEOUT = 30_000;

export async function waitForWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  // The explorer shows the folder once the remote file system answered.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
}

export const quickInput = (page: Page): Locator => page.locator('.quick-input-widget');

/** Opens the quick input (F1) and types `prefix + text`: `>` runs commands, `:` goes to a line, nothing opens files. */
export async function openQuickInput(page: Page, prefix: string, text: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('.quick-input-box input');
  await input.waitFor({ timeout: UI_TIMEOUT });
  await input.fill(prefix + text);
}

/** Runs a command by its palette title, e.g. "ShapeLens: Show Model Summary". */
export async function runCommand(page: Page, title: string): Promise<void> {
  await openQuickInput(page, '>', title);
  // The exact title: "Close All Editors" must not pick "Close All Editors in Group".
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = quickInput(page)
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact }) })
    .first();
  await row.waitFor({ timeout: UI_TIMEOUT });
  await row.click();
  await quickInput(page).waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

/** Opens a workspace file through Quick Open and waits until its editor is the active one. */
export async function openFile(page: Page, fileName: string): Promise<Locator> {
  await openQuickInput(page, '', fileName);
  const row = quickInput(page).locator('.monaco-list-row', { hasText: fileName }).first();
  await row.waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: UI_TIMEOUT });
  const editor = activeEditor(page);
  await editor.locator('.view-lines').waitFor({ timeout: UI_TIMEOUT });
  return editor;
}

/** The text editor in the active editor group. */
export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** The rendered text lines (with inlay hints, which are rendered inline as text). */
export function viewLines(editor: Locator): Locator {
  return editor.locator('.view-lines');
}

/** The rendered line whose text contains `text` (first match). */
export function lineContaining(editor: Locator, text: string): Locator {
  return editor.locator('.view-lines .view-line', { hasText: text }).first();
}

/** Every rendered line's text, top to bottom (lines are absolutely positioned, not in order). */
export async function renderedLines(editor: Locator): Promise<string[]> {
  const lines = await editor.locator('.view-lines .view-line').evaluateAll((nodes) =>
    nodes.map((n) => ({ top: parseFloat((n as HTMLElement).style.top || '0'), text: (n.textContent ?? '').replace(/\u00a0/g, ' ') })),
  );
  return lines.sort((a, b) => a.top - b.top).map((l) => l.text);
}

export type SquiggleSeverity = 'error' | 'warning' | 'info';

export function squiggles(editor: Locator, severity: SquiggleSeverity): Locator {
  return editor.locator(`.cdr.squiggly-${severity}`);
}

/** True when the two elements' vertical extents overlap (same rendered line). */
export async function onSameLine(a: Locator, b: Locator): Promise<boolean> {
  const [boxA, boxB] = [await a.boundingBox(), await b.boundingBox()];
  if (!boxA || !boxB) return false;
  return boxA.y < boxB.y + boxB.height && boxB.y < boxA.y + boxA.height;
}

/**
 * Moves the mouse over a token on the first line containing `lineText` and returns the hover
 * widget. Case matters (`conv2d` the call, not `Conv2D` in a comment).
 */
export async function hoverText(page: Page, editor: Locator, lineText: string, token: string): Promise<Locator> {
  const span = lineContaining(editor, lineText).locator('span span', { hasText: new RegExp(token) }).first();
  await span.waitFor({ timeout: UI_TIMEOUT });
  const box = await span.boundingBox();
  if (!box) throw new Error(`"${token}" is not visible in the editor`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  await hover.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  return hover;
}

/** Moves the cursor to a 1-based line and column (Go to Line `:line:column`). */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await runCommand(page, 'View: Focus Active Editor Group');
  await openQuickInput(page, ':', `${line}:${column}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

/** Moves the cursor to the end of a 1-based line. */
export async function goToLineEnd(page: Page, line: number): Promise<void> {
  await goTo(page, line, 1);
  await page.keyboard.press('End');
}

/** The 1-based line number of the cursor, read from the status bar ("Ln 12, Col 5"). */
export async function cursorLine(page: Page): Promise<number> {
  const label = await page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText();
  const match = /Ln (\d+)/.exec(label);
  if (!match) throw new Error(`no cursor position in the status bar: "${label}"`);
  return Number(match[1]);
}

export async function focusProblems(page: Page): Promise<Locator> {
  await runCommand(page, 'Problems: Focus on Problems View');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ timeout: UI_TIMEOUT });
  return panel;
}

export function problemRows(page: Page): Locator {
  return page.locator('.markers-panel .monaco-list-row');
}

/** Saves the active editor (the tests then read the file from disk: the real end result). */
export async function saveActiveEditor(page: Page): Promise<void> {
  await runCommand(page, 'File: Save');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
}

/** Reverts unsaved changes and closes every editor, so the next scenario starts clean. */
export async function resetEditors(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  const dirty = page.locator('.tabs-container .tab.dirty');
  for (let i = 0; i < 10 && (await dirty.count()) > 0; i++) {
    // Right after a revert the tab can still read dirty for a moment and then lose the class:
    // a click waiting the full UI timeout for it failed a scenario once; look again instead.
    const clicked = await dirty.first().click({ timeout: 5_000 }).then(() => true, () => false);
    if (clicked) await runCommand(page, 'File: Revert File');
  }
  await runCommand(page, 'View: Close All Editor Groups');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  if (await page.locator('.part.panel').isVisible()) await runCommand(page, 'View: Hide Panel');
}
