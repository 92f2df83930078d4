// Expands the file arguments: plain paths, directories (searched for source files: TS/JS,
// Python and notebooks, skipping node_modules, dot-folders and Python's caches and virtual
// environments) and globs with *, ** and ?. Node 20 has no fs.glob.
import * as fs from 'fs';
import * as path from 'path';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.py', '.ipynb'];

export interface ExpandedFiles {
  readonly files: string[];
  /** Arguments that matched nothing or could not be read, with the reason. */
  readonly problems: { readonly arg: string; readonly message: string }[];
}

/** Folders never searched: dependencies, caches and virtual environments. */
const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__', 'site-packages', 'venv', 'env', '.venv']);

function isSource(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.extname(file)) && !file.endsWith('.d.ts');
}

function walk(dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && isSource(full)) out.push(full);
  }
}

/** `src/**\/*.ts` → a RegExp over '/'-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function expandGlob(pattern: string): string[] {
  const normalized = pattern.split(path.sep).join('/');
  const firstMagic = normalized.search(/[*?]/);
  const base = normalized.slice(0, normalized.lastIndexOf('/', firstMagic) + 1) || './';
  const candidates: string[] = [];
  if (fs.existsSync(base) && fs.statSync(base).isDirectory()) walk(base, candidates);
  const matcher = globToRegExp(normalized.replace(/^\.\//, ''));
  return candidates
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => matcher.test(f.replace(/^\.\//, '')))
    .sort();
}

export function expandFileArgs(args: readonly string[]): ExpandedFiles {
  const files: string[] = [];
  const problems: { arg: string; message: string }[] = [];
  for (const arg of args) {
    if (/[*?]/.test(arg) && !fs.existsSync(arg)) {
      const matched = expandGlob(arg);
      if (matched.length === 0) problems.push({ arg, message: 'no files match this pattern' });
      files.push(...matched);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch {
      problems.push({ arg, message: 'no such file or directory' });
      continue;
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(arg, found);
      files.push(...found.sort());
    } else files.push(arg);
  }
  return { files: [...new Set(files)], problems };
}
