// Runs one of our CommonJS bundles (dist/server.js, dist/localAnalysis.js) through V8's code
// cache, and TypeScript's compiler (dist/typescript.js) when they require it: megabytes of
// JavaScript that V8 compiles on every start; with the cache data of a previous start it skips
// most of that (on this 2-core machine the local analysis of a TS file answered in ~300 ms
// instead of ~700). The cache lives in a directory the extension owns (its global storage), one
// file per bundle, named by everything that makes cache data invalid: a hash of the bundle's text
// (V8's own check compares only the source's length) and V8's version. V8 rejects data that does
// not fit its build or is damaged (then we compile as without it and write it anew), so a stale
// or damaged file costs a normal start, never a wrong one.
import { createHash } from 'crypto';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import * as vm from 'vm';

export type CacheUse =
  /** No cache directory was given: compiled as plain `require` would. */
  | 'off'
  /** No data for this bundle yet (first start, or the bundle or V8 changed). */
  | 'missing'
  /** V8 took the data: the compile was skipped. */
  | 'used'
  /** There was a file, but V8 refused it (damaged, or made by another V8 build). */
  | 'rejected';

export interface LoadedBundle {
  readonly exports: unknown;
  readonly cache: CacheUse;
  /**
   * Writes V8's cache data for the bundle when the start did not use any. Called once the
   * bundle has done its first work: the data then also holds the functions that work compiled,
   * not only the top level. Returns whether a file was written; never throws.
   */
  writeCache(): boolean;
}

/** The file the cache data of a bundle with this text is kept in: its name changes whenever the data would be invalid. */
export function cacheFileFor(bundlePath: string, source: string, cacheDir: string): string {
  // ~10 ms for our 4.6 MB bundles, against the ~500 ms of compile the cache saves.
  const hash = createHash('sha1').update(source).digest('hex').slice(0, 16);
  const v8 = process.versions.v8.replace(/[^\w.-]/g, '_');
  return path.join(cacheDir, `${path.basename(bundlePath)}.${hash}.v8-${v8}.cache`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Bundles of ours that others require by a relative name: `require('./typescript.js')` from
 * server.js and localAnalysis.js (scripts/sharedTypeScriptPlugin.js). They go through this cache
 * too, each with its own file, loaded when first required (by then the bundle that requires it
 * may have written its own data: `sharedLoaded` lets the caller schedule theirs).
 */
const SHARED_BUNDLES: ReadonlySet<string> = new Set(['./typescript.js']);

export interface LoadOptions {
  /** Called when the bundle first requires one of SHARED_BUNDLES, with that bundle as loaded. */
  readonly sharedLoaded?: (bundle: LoadedBundle) => void;
}

/** Loads `bundlePath` as a CommonJS module, with the code cache kept in `cacheDir` when given. */
export function loadBundle(bundlePath: string, cacheDir: string | undefined, options: LoadOptions = {}): LoadedBundle {
  const source = fs.readFileSync(bundlePath, 'utf8');
  const cacheFile = cacheDir === undefined ? undefined : cacheFileFor(bundlePath, source, cacheDir);
  const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile);
  // The same wrapper Node puts around a CommonJS file, so the bundle sees what `require` gives it.
  // Its parentheses also make V8 compile the wrapper at once instead of pre-parsing it first.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: bundlePath, cachedData });
  const cache: CacheUse = cacheFile === undefined ? 'off' : cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as unknown };
  const shared = new Map<string, LoadedBundle>();
  const plainRequire = createRequire(bundlePath);
  const bundleRequire = Object.assign((id: string): unknown => {
    if (!SHARED_BUNDLES.has(id)) return plainRequire(id);
    let loaded = shared.get(id);
    if (!loaded) {
      loaded = loadBundle(path.join(path.dirname(bundlePath), id), cacheDir);
      shared.set(id, loaded);
      options.sharedLoaded?.(loaded);
    }
    return loaded.exports;
  }, plainRequire);
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, bundleRequire, module, bundlePath, path.dirname(bundlePath));
  let written = false;
  return {
    exports: module.exports,
    cache,
    writeCache() {
      if (written || cacheFile === undefined || cacheDir === undefined || cache === 'used') return false;
      written = true;
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        removeStale(cacheDir, bundlePath, cacheFile);
        // Another window may write the same file at the same moment: each writes its own and
        // renames it into place, so a reader never sees half a file.
        const temp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
        fs.writeFileSync(temp, script.createCachedData());
        fs.renameSync(temp, cacheFile);
        return true;
      } catch {
        // A read-only or full disk: the next start compiles as this one did.
        return false;
      }
    },
  };
}

/** Deletes this bundle's cache files made for other versions of it or of V8 (megabytes each). */
function removeStale(cacheDir: string, bundlePath: string, keep: string): void {
  const prefix = `${path.basename(bundlePath)}.`;
  for (const name of fs.readdirSync(cacheDir)) {
    const file = path.join(cacheDir, name);
    if (name.startsWith(prefix) && name.endsWith('.cache') && file !== keep) fs.rmSync(file, { force: true });
  }
}
