// Page helpers for Jupyter notebooks in the workbench. code-server opens `.ipynb` with VS Code's
// built-in notebook support (no Jupyter extension): the notebook is drawn in an overlay over the
// editor group (`.notebookOverlay`), as a virtualised list with one row per cell
// (`.code-cell-row` / `.markdown-cell-row`, `data-index` = the cell's index in the notebook);
// each code cell has its own Monaco editor, where our squiggles, hints and lenses appear.
// Markdown cells are rendered in the notebook's own webview (an `iframe.webview` too).
import type { Locator, Page } from 'playwright-core';
import { openQuickInput, quickInput } from './workbench';

const UI_TIMEOUT = 30_000;

/** The notebook editor that is showing (one notebook open at a time in these scenarios). */
export function notebookEditor(page: Page): Locator {
  return page.locator('.notebookOverlay.notebook-editor:visible').first();
}

/** Opens a notebook through Quick Open and waits until its first code cell is drawn. */
export async function openNotebook(page: Page, fileName: string): Promise<Locator> {
  await openQuickInput(page, '', fileName);
  await quickInput(page).locator('.monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: UI_TIMEOUT });
  const notebook = notebookEditor(page);
  await notebook.locator('.code-cell-row .cell-editor-container .monaco-editor .view-lines').first().waitFor({ timeout: UI_TIMEOUT });
  return notebook;
}

/** The row of the cell at `index` (its position among all cells, markdown included). */
export function cellRow(page: Page, index: number): Locator {
  return notebookEditor(page).locator(`.monaco-list-row[data-index="${index}"]`);
}

/** The Monaco editor of the code cell at `index`. */
export function cellEditor(page: Page, index: number): Locator {
  return cellRow(page, index).locator('.cell-editor-container .monaco-editor').first();
}

/** Indices of the cell rows the list has drawn now. */
async function drawnCells(page: Page): Promise<number[]> {
  return notebookEditor(page)
    .locator('.monaco-list-row[data-index]')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-index'))));
}

/**
 * Scrolls the notebook (mouse wheel, as a person would) until the whole cell at `index` is in
 * view, and returns its editor. Rows outside the view are not drawn at all.
 */
export async function revealCell(page: Page, index: number): Promise<Locator> {
  const notebook = notebookEditor(page);
  const list = notebook.locator('.cell-list-container').first();
  const row = cellRow(page, index);
  for (let step = 0; step < 40; step++) {
    const [view, box] = [await list.boundingBox(), (await row.count()) > 0 ? await row.boundingBox() : null];
    if (!view) throw new Error('the notebook list is not visible');
    if (box && box.y >= view.y && box.y + box.height <= view.y + view.height) return cellEditor(page, index);
    const drawn = await drawnCells(page);
    // Below the view (or not drawn and after the drawn ones): scroll down; otherwise up.
    const down = box ? box.y + box.height > view.y + view.height : drawn.length === 0 || index > Math.max(...drawn);
    await page.mouse.move(view.x + view.width / 2, view.y + view.height / 2);
    await page.mouse.wheel(0, down ? 150 : -150);
    await page.waitForTimeout(150);
  }
  throw new Error(`could not scroll cell ${index} into view`);
}

/** Moves the pointer off the cells (to the notebook's left margin), so no hover covers them in a screenshot. */
export async function parkMouse(page: Page): Promise<void> {
  const box = await notebookEditor(page).boundingBox();
  if (box) await page.mouse.move(box.x + 2, box.y + box.height - 2);
}
