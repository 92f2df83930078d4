// Waiting for the language server before asking it anything. The panel can be opened (or
// restored after a reload) while the client is still starting: in a fresh workbench the
// extension host activates us, the server starts, and only then does the client send didOpen
// for the editors already open. A request sent in that window is answered with null ("not
// open"), so the panel must know the difference between "no analysis yet" and "no model".
import type { LanguageClient } from 'vscode-languageclient/node';
import { State } from 'vscode-languageclient/node';

/** Resolves once the client is running; rejects when it stops or fails to start instead. */
export function whenServerRunning(client: LanguageClient): Promise<void> {
  if (client.state === State.Running) return Promise.resolve();
  if (client.state === State.Stopped) return Promise.reject(new Error('the ShapeLens language server is not running (see the ShapeLens output channel).'));
  return new Promise((resolve, reject) => {
    const listener = client.onDidChangeState((e) => {
      if (e.newState === State.Starting) return;
      listener.dispose();
      if (e.newState === State.Running) resolve();
      else reject(new Error('the ShapeLens language server stopped while starting (see the ShapeLens output channel).'));
    });
  });
}

/**
 * Delays between retries while the server has no analysis of the followed document yet:
 * quick at first (the usual gap is a few hundred milliseconds), then every two seconds.
 */
export function retryDelayMs(attempt: number): number {
  return Math.min(2000, 250 * 2 ** attempt);
}

/** How long the panel keeps retrying on its own before it says why nothing came. */
export const ANALYSIS_PATIENCE_MS = 30_000;
