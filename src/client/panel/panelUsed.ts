// When activation starts the panel's local-analysis worker at once (LocalAnalysisWorker.warm):
// in a cold workbench loading its bundle is most of what the panel's first report waits for.
// Where the panel was opened before on this machine (an empty file in the extension's global
// storage, beside V8's code cache, src/boot/), or the file the window opens with builds a model
// (the panel's audience), the worker starts; anyone else pays for no worker they do not use
// (an unused one ends after a minute). No `vscode`: the caller passes the directory and text.
import { existsSync, mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';

const MARKER = 'panel-used';

/** How much of the active file the model check reads: the imports and the model come early. */
export const MODEL_SCAN_CHARS = 200_000;

/**
 * A quick look, not the analysis: TF.js or Keras model building somewhere near the top
 * (`tf.sequential(`, `tf.model(`, `tf.layers.`, `keras`, `Sequential(`).
 */
export function looksLikeModelSource(text: string): boolean {
  return /\btf\.(?:sequential|model|layers)\b|\bkeras\b|\bSequential\s*\(/.test(text.slice(0, MODEL_SCAN_CHARS));
}

/** Whether activation should start the local-analysis worker now. */
export function warmLocalAnalysisNow(globalStorageDir: string | undefined, activeText: string | undefined): boolean {
  return (globalStorageDir !== undefined && panelWasUsed(globalStorageDir)) || (activeText !== undefined && looksLikeModelSource(activeText));
}

export function panelWasUsed(globalStorageDir: string): boolean {
  return existsSync(path.join(globalStorageDir, MARKER));
}

/** Leaves the marker (once); a read-only or missing storage only costs the warm start. */
export function markPanelUsed(globalStorageDir: string): void {
  const file = path.join(globalStorageDir, MARKER);
  try {
    if (existsSync(file)) return;
    mkdirSync(globalStorageDir, { recursive: true });
    writeFileSync(file, '');
  } catch {
    // Not worth a message: the next window starts its worker on demand, as before.
  }
}
