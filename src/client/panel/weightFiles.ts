// The host's rules for trained-weights files, without vscode so they are unit-tested on real
// files: which files are weights and of what kind, which come first (nearest to the followed
// document), and how one is read — stat first, refused when too large or when its real path
// (symlinks resolved) leaves the workspace, and checked again after reading in case it grew.
import { promises as fsp } from 'fs';
import * as path from 'path';

/** Largest sum of weight files sent to the webview (one Keras file, or a model.json and its shards). */
export const MAX_WEIGHT_BYTES = 256 * 1024 * 1024;

/** The workspace search for weight files: TF.js model.json and Keras .keras / .weights.h5 / .h5. */
export const WEIGHT_FILE_GLOB = '**/{model.json,*.keras,*.h5}';
/** Dependencies and environments hold other people's weights (test data of installed packages). */
export const WEIGHT_SEARCH_EXCLUDE = '**/{node_modules,.git,.venv,venv,site-packages,__pycache__,.cache}/**';
export const MAX_WEIGHT_FILES_LISTED = 100;

export type WeightFileKind = 'tfjs' | 'keras' | 'keras-weights' | 'keras-h5';

export function weightFileKind(file: string): WeightFileKind | null {
  const base = path.basename(file).toLowerCase();
  if (base === 'model.json') return 'tfjs';
  if (base.endsWith('.keras')) return 'keras';
  if (base.endsWith('.weights.h5')) return 'keras-weights';
  if (base.endsWith('.h5')) return 'keras-h5';
  return null;
}

/** Directory steps from `fromDir` to the directory holding `file` (up and down both count). */
export function distance(fromDir: string, file: string): number {
  return path.relative(fromDir, path.dirname(file)).split(path.sep).filter(Boolean).length;
}

/**
 * Weight files nearest to the followed document first; at equal distance the followed
 * language's own format first (Keras files for Python and notebooks, model.json for TS/JS),
 * then by path.
 */
export function rankWeightFiles<T extends { readonly fsPath: string }>(files: readonly T[], nearFile: string | undefined): T[] {
  const dir = nearFile ? path.dirname(nearFile) : '';
  const preferKeras = nearFile !== undefined && /\.(py|pyi|ipynb)$/i.test(nearFile);
  const kindOrder = (f: T) => ((weightFileKind(f.fsPath) === 'tfjs') === preferKeras ? 1 : 0);
  return files
    .filter((f) => weightFileKind(f.fsPath) !== null)
    .map((f) => ({ f, d: dir ? distance(dir, f.fsPath) : 0 }))
    .sort((a, b) => a.d - b.d || kindOrder(a.f) - kindOrder(b.f) || a.f.fsPath.localeCompare(b.f.fsPath))
    .map(({ f }) => f);
}

/** Whether `file` is `root` or lies below it (both absolute, already resolved). */
export function isInside(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export class WeightFileProblem extends Error {}

/** What reading needs from the file system (real files in the extension and in tests). */
export interface FileAccess {
  stat(file: string): Promise<{ size: number; isFile: boolean }>;
  realpath(file: string): Promise<string>;
  read(file: string): Promise<Uint8Array>;
}

export const nodeFileAccess: FileAccess = {
  async stat(file) {
    const s = await fsp.stat(file);
    return { size: s.size, isFile: s.isFile() };
  },
  realpath: (file) => fsp.realpath(file),
  read: async (file) => new Uint8Array(await fsp.readFile(file)),
};

/** '256 MB', '12 KB', '5 bytes' (binary units, as file managers mostly show them). */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

/** Bytes left for this request; each file read takes its share. */
export interface ByteBudget {
  left: number;
}

/**
 * Reads one weight file: real path inside one of `roots` (symlinks resolved on both sides),
 * a regular file, its size within the budget before any byte is read, and after.
 * `shown` names the file in messages (workspace-relative).
 */
export async function readWeightFile(file: string, shown: string, roots: readonly string[], budget: ByteBudget, access: FileAccess = nodeFileAccess): Promise<Uint8Array> {
  let real: string;
  try {
    real = await access.realpath(file);
  } catch {
    throw new WeightFileProblem(`${shown} is missing or unreadable.`);
  }
  const realRoots = await Promise.all(roots.map((r) => access.realpath(r).catch(() => r)));
  if (!realRoots.some((r) => isInside(real, r))) {
    throw new WeightFileProblem(`${shown} resolves to ${real}, outside the workspace; the panel reads weights only from inside it.`);
  }
  const stat = await access.stat(real);
  if (!stat.isFile) throw new WeightFileProblem(`${shown} is not a regular file.`);
  const cap = formatSize(MAX_WEIGHT_BYTES);
  if (stat.size > budget.left) {
    const left = budget.left < MAX_WEIGHT_BYTES ? ` (${formatSize(budget.left)} left for this model)` : '';
    throw new WeightFileProblem(`${shown} is ${formatSize(stat.size)}; the preview reads at most ${cap} of weights${left}.`);
  }
  const bytes = await access.read(real);
  if (bytes.length > budget.left) throw new WeightFileProblem(`${shown} grew to ${formatSize(bytes.length)} while it was read; the preview reads at most ${cap} of weights.`);
  budget.left -= bytes.length;
  return bytes;
}

/** The shard paths a model.json's weightsManifest names, checked to stay beside it. */
export function manifestPaths(modelJson: string, shown: string): string[] {
  let manifest: unknown;
  try {
    manifest = (JSON.parse(modelJson) as { weightsManifest?: unknown }).weightsManifest;
  } catch (e) {
    throw new WeightFileProblem(`${shown} is not valid JSON: ${(e as Error).message}`);
  }
  const paths = Array.isArray(manifest)
    ? manifest.flatMap((g) => (typeof g === 'object' && g !== null && Array.isArray((g as { paths?: unknown }).paths) ? (g as { paths: unknown[] }).paths : []))
    : [];
  return paths.map((p) => {
    if (typeof p !== 'string' || p.split(/[\\/]/).includes('..') || path.isAbsolute(p) || /^[a-zA-Z]:/.test(p)) {
      throw new WeightFileProblem(`weight file path '${String(p)}' in ${shown} is not a plain relative path.`);
    }
    return p;
  });
}
