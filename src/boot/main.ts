// Entry of dist/boot.js: starts one of our big bundles through V8's code cache (codeCache.ts).
// The extension starts the language server as `boot.js --shapelens-bundle=server.js
// --shapelens-code-cache=<dir>` and the panel's local analysis as a worker thread on this file
// with the same two values in workerData. Kept tiny (no parser here), so what it saves is not
// spent loading itself.
import * as path from 'path';
import { isMainThread, workerData } from 'worker_threads';
import { loadBundle, type LoadedBundle } from './codeCache';

/** What to run: a bundle next to this file, where its cache data lives (none: no cache), and when to write it. */
export interface BootRequest {
  readonly bundle: string;
  readonly cacheDir?: string;
  /** Ms after loading (tests shorten it); by default late enough that the first analysis has compiled the hot functions too. */
  readonly writeAfterMs?: number;
}

const WRITE_AFTER_MS = { server: 20_000, worker: 3_000 };

function argValue(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

function request(): BootRequest | null {
  if (!isMainThread) {
    const data = workerData as Partial<BootRequest> | undefined;
    if (typeof data?.bundle !== 'string') return null;
    return {
      bundle: data.bundle,
      cacheDir: typeof data.cacheDir === 'string' ? data.cacheDir : undefined,
      writeAfterMs: typeof data.writeAfterMs === 'number' ? data.writeAfterMs : undefined,
    };
  }
  const bundle = argValue('shapelens-bundle');
  const after = Number(argValue('shapelens-code-cache-after-ms'));
  return bundle === undefined ? null : { bundle, cacheDir: argValue('shapelens-code-cache'), writeAfterMs: Number.isFinite(after) ? after : undefined };
}

const req = request();
if (!req) throw new Error('dist/boot.js: no bundle to start (--shapelens-bundle=<file> or workerData.bundle)');
// Only our own bundles, beside this one: a name, not a path someone could point elsewhere.
// Each bundle's cache data (a shared one's too, required later: TypeScript at the first TS/JS
// parse) is written a while after it loaded, unless its start used some.
const writeLater = (bundle: LoadedBundle): void => {
  if (bundle.cache === 'used' || bundle.cache === 'off') return;
  const timer = setTimeout(() => bundle.writeCache(), req.writeAfterMs ?? (isMainThread ? WRITE_AFTER_MS.server : WRITE_AFTER_MS.worker));
  timer.unref();
};
writeLater(loadBundle(path.join(__dirname, path.basename(req.bundle)), req.cacheDir, { sharedLoaded: writeLater }));
