// Which files an import may mean, in the order the runtimes look (the first that exists
// wins). Only imports of the user's own code are resolved: relative specifiers for TS/JS
// (a bare name is an installed package), and for Python relative imports, modules beside the
// importing file and, failing those, at the workspace root (the two places a script's
// imports are found, run as a script or as a module).
import { dirname, joinPath } from './paths';

/** Extensions tried for `./data`, as Node and TypeScript's bundler resolution try them. */
export const TS_EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'];

/** Whether a module specifier names the user's own file (`./data`, `../common/constants`). */
export function isRelativeSpecifier(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

/** TypeScript lets `./data.js` name `data.ts` (ESM output naming): the sources it may stand for. */
const SOURCE_FOR_OUTPUT: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/** Files a relative TS/JS specifier may resolve to, from the importing file; [] for a package. */
export function tsCandidates(importer: string, specifier: string): string[] {
  if (!isRelativeSpecifier(specifier)) return [];
  const target = joinPath(dirname(importer), specifier);
  const out: string[] = [];
  const ext = /\.[cm]?[jt]sx?$/i.exec(target)?.[0].toLowerCase();
  if (ext) {
    out.push(target);
    for (const src of SOURCE_FOR_OUTPUT[ext] ?? []) out.push(target.slice(0, -ext.length) + src);
  }
  for (const e of TS_EXTENSIONS) out.push(target + e);
  for (const e of TS_EXTENSIONS) out.push(`${target}/index${e}`);
  return out;
}

/** The folder `from .x import` (level 1), `from ..x import` (level 2)... starts from. */
function packageFolder(importer: string, level: number): string {
  let dir = dirname(importer);
  for (let i = 1; i < level; i++) dir = dirname(dir);
  return dir;
}

/** A Python module as a path below a folder: its .py file, else its package's __init__.py. */
function moduleFiles(folder: string, dotted: string): string[] {
  const rel = dotted === '' ? '' : dotted.split('.').join('/');
  const base = rel === '' ? folder : joinPath(folder, rel);
  return rel === '' ? [`${base}/__init__.py`] : [`${base}.py`, `${base}/__init__.py`];
}

/**
 * Files a Python import may resolve to: `level` dots (0: absolute), then the dotted module
 * (possibly empty: `from . import config`). Absolute imports look beside the importing file
 * first, then at the root.
 */
export function pythonCandidates(importer: string, level: number, dotted: string, root: string): string[] {
  if (level > 0) return moduleFiles(packageFolder(importer, level), dotted);
  if (dotted === '') return [];
  const beside = moduleFiles(dirname(importer), dotted);
  const atRoot = dirname(importer) === root ? [] : moduleFiles(root, dotted);
  return [...beside, ...atRoot];
}
