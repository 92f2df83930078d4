// How the extension starts its two big bundles, the language server (dist/server.js) and the
// panel's local analysis (dist/localAnalysis.js): through dist/boot.js, which compiles them with
// V8's code cache kept in the extension's global storage (src/boot/codeCache.ts). The first
// start of a version writes the cache; every later window starts the parser without compiling it.
import * as path from 'path';
import type * as vscode from 'vscode';
import type { WorkerStart } from './panel/localReport';

/** Where the cache data lives; none when global storage is not a local folder (a virtual or remote file system). */
export function codeCacheDir(context: vscode.ExtensionContext): string | undefined {
  const storage = context.globalStorageUri;
  return storage.scheme === 'file' ? path.join(storage.fsPath, 'code-cache') : undefined;
}

/** The language server's module and the arguments that make boot.js run it with the cache. */
export function serverStart(context: vscode.ExtensionContext): { module: string; args: string[] } {
  const cacheDir = codeCacheDir(context);
  return {
    module: context.asAbsolutePath('dist/boot.js'),
    args: ['--shapelens-bundle=server.js', ...(cacheDir ? [`--shapelens-code-cache=${cacheDir}`] : [])],
  };
}

/** The panel's local-analysis worker thread, started through boot.js with the cache. */
export function localAnalysisStart(context: vscode.ExtensionContext): WorkerStart {
  return { script: context.asAbsolutePath('dist/boot.js'), workerData: { bundle: 'localAnalysis.js', cacheDir: codeCacheDir(context) } };
}
