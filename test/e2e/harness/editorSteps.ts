// Steps the editor scenarios share, whatever the language: waiting for the shape hints of
// every `model.add(...)` line, reading a params formula from a hover, opening the light-bulb
// menu on a position and accepting a fix, and waiting for a save to land on disk.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { cursorLine, goTo, onSameLine, renderedLines } from './workbench';

export const HINT_TIMEOUT = 60_000;

/** Evaluates a params formula as the hover writes it, e.g. "(3·3·3 + 1)·32" → 896. */
export function evaluateFormula(formula: string): number {
  const arithmetic = formula.replace(/·|×/g, '*');
  if (!/^[\d\s+*()-]+$/.test(arithmetic)) throw new Error(`not a plain arithmetic formula: "${formula}"`);
  return Function(`"use strict"; return (${arithmetic});`)() as number;
}

/** The first "formula = count" of a hover's text, e.g. `(3·3·3 + 1)·32 = 896`. */
export function hoverFormula(text: string): { formula: string; count: number } {
  const match = /([()\d\s+·×]+?)\s*=\s*([\d,]+)/.exec(text);
  assert.ok(match, `no "formula = count" in the hover:\n${text}`);
  return { formula: match[1].trim(), count: Number(match[2].replace(/,/g, '')) };
}

/** The rendered lines that add a layer (`model.add(...)`), in source order. */
export async function addLines(editor: Locator): Promise<string[]> {
  return (await renderedLines(editor)).filter((l) => l.includes('model.add('));
}

/**
 * Waits until the editor's `model.add(` lines carry exactly the hints `→ expected[i]`, in order
 * (one line per layer), and returns those lines.
 */
export async function waitForHints(page: Page, editor: Locator, expected: readonly string[]): Promise<string[]> {
  const deadline = Date.now() + HINT_TIMEOUT;
  let lines: string[] = [];
  while (Date.now() < deadline) {
    lines = await addLines(editor);
    if (lines.length === expected.length && lines.every((l, i) => l.includes(`→ ${expected[i]}`))) return lines;
    await page.waitForTimeout(250);
  }
  assert.fail(`inlay hints never showed ${JSON.stringify(expected)}; the layer lines read:\n${lines.join('\n')}`);
}

/**
 * The file's text once the editor's save has landed on disk: the dirty marker can clear
 * while the write is still under way (an empty or old file), so wait for a new, stable text.
 */
export async function savedText(file: string, previous: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  let last = '';
  while (Date.now() < deadline) {
    const text = fs.readFileSync(file, 'utf8');
    if (text !== previous && text.length > 0 && text === last) return text;
    last = text;
    await new Promise((r) => setTimeout(r, 150));
  }
  assert.fail(`${path.basename(file)} on disk never changed after the save; it reads:\n${last}`);
}

/** Waits (bounded) until the two elements are on the same rendered line; code lenses and hints move lines as they arrive. */
export async function settlesOnSameLine(page: Page, a: Locator, b: Locator, timeoutMs = 15_000): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; ) {
    if (await onSameLine(a, b)) return true;
    await page.waitForTimeout(250);
  }
  return false;
}

/**
 * Opens the light-bulb menu at a position and returns the action whose title contains `text`.
 * VS Code 1.100 draws the bulb in the glyph margin (older builds: a content widget) once its
 * debounced code-action request for the cursor returns; only a bulb on the cursor's own line
 * is ours to click. Where it misses its paint on a loaded machine, a user (and this test)
 * presses Ctrl+. instead. A menu without the action is closed and the whole step retried.
 * The cursor is placed with Go to Line, not a mouse click: the layout shifts as code lenses
 * and hints arrive, and a click that lands elsewhere leaves the cursor where another
 * language service's light bulb may offer unrelated actions.
 */
export async function openQuickFixMenu(page: Page, editor: Locator, line: number, column: number, text: string): Promise<Locator> {
  const attempts: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.keyboard.press('Escape');
    await goTo(page, line, column);
    const atLine = await cursorLine(page);
    const cursorRow = editor.locator('.view-overlays .current-line').first();
    const bulb = editor.locator('[class*="gutter-lightbulb"]:visible, .lightBulbWidget .codicon:visible').first();
    let bulbOnLine = false;
    for (const started = Date.now(); !bulbOnLine && Date.now() - started < 10_000; ) {
      bulbOnLine = (await bulb.isVisible()) && (await onSameLine(bulb, cursorRow));
      if (!bulbOnLine) await page.waitForTimeout(250);
    }
    if (bulbOnLine) await bulb.click();
    else await page.keyboard.press('Control+.');
    const rows = page.locator('.action-widget .monaco-list-row.action');
    const action = rows.filter({ hasText: text }).first();
    const shown = await action
      .waitFor({ timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) return action;
    const offered = (await rows.allInnerTexts()).map((t) => t.trim());
    attempts.push(`attempt ${attempt}: cursor on line ${atLine}, ${bulbOnLine ? 'clicked the bulb' : 'pressed Ctrl+.'}; menu offered ${JSON.stringify(offered)}`);
  }
  assert.fail(`no quick fix containing "${text}" at ${line}:${column}:\n${attempts.join('\n')}`);
}

/**
 * Accepts an action of the open quick-fix menu. The menu takes the keyboard (a pointer block
 * covers it until the mouse moves): walk to the action, then Enter.
 */
export async function acceptQuickFix(page: Page, action: Locator): Promise<void> {
  for (let i = 0; i < 10 && !(await action.evaluate((e) => e.classList.contains('focused'))); i++) await page.keyboard.press('ArrowDown');
  assert.ok(await action.evaluate((e) => e.classList.contains('focused')), `could not focus the quick fix "${(await action.innerText()).trim()}"`);
  await page.keyboard.press('Enter');
}
