// Whether the panel was ever opened on this machine, kept as an empty file in the extension's
// global storage (beside V8's code cache, src/boot/). Where it was, activation starts the local
// analysis worker at once (LocalAnalysisWorker.warm): in a cold workbench loading its bundle is
// most of what the panel's first report waits for. Where it never was, nobody pays for a worker
// they do not use. No `vscode`: the caller passes the directory.
import { existsSync, mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';

const MARKER = 'panel-used';

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
