// Expands the file arguments: plain paths, directories (searched for source files: TS/JS,
// Python and notebooks, skipping node_modules, dot-folders and Python's caches and virtual
// environments) and globs with *, ** and ?. Node 20 has no fs.glob.
//
// A tree may hold anything: a folder we may not read is reported and the walk goes on;
// symbolic links are followed, to files and to folders, and a folder reached again (a link
// back up the tree) is not walked twice; a link that leads nowhere is reported when its name
// is a source file's. What a path holds (a FIFO, a device) is checked when it is read
// (readSource.ts).
import * as fs from 'fs';
import * as path from 'path';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.py', '.ipynb'];

export interface ExpandedFiles {
  readonly files: string[];
  /** Arguments that matched nothing, and paths that could not be read, with the reason. */
  readonly problems: { readonly arg: string; readonly message: string }[];
}

/** Folders never searched: dependencies, caches and virtual environments. */
const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__', 'site-packages', 'venv', 'env', '.venv']);

function isSource(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.extname(file)) && !file.endsWith('.d.ts');
}

/** "EACCES: permission denied" from a Node fs error, or its message. */
export function describeError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EACCES' || err.code === 'EPERM') return `permission denied (${err.code})`;
  if (err.code === 'ELOOP') return 'too many levels of symbolic links (ELOOP)';
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'ENOTDIR') return 'not a directory (ENOTDIR)';
  return err.code ? `${err.code}: ${err.message}` : String(err.message ?? e);
}

/** One argument's walk: folders walked (by device and inode) and what went wrong. */
interface Walk {
  readonly visited: Set<string>;
  readonly problems: { arg: string; message: string }[];
}

function identity(stat: fs.Stats): string {
  return `${stat.dev}:${stat.ino}`;
}

function walkDir(dir: string, stat: fs.Stats, out: string[], state: Walk): void {
  if (state.visited.has(identity(stat))) return; // walked already: a link back up, or a second way in
  state.visited.add(identity(stat));
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    state.problems.push({ arg: dir, message: `cannot read this folder: ${describeError(e)}; skipped` });
    return;
  }
  for (const entry of entries) {
    if (SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() || entry.isSymbolicLink()) walkPath(full, out, state, entry.isSymbolicLink());
    else if (isSource(full)) out.push(full); // a FIFO or device under a source name is refused when read
  }
}

/** A folder, a link, or a file found in a walk. */
function walkPath(full: string, out: string[], state: Walk, isLink: boolean): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full); // follows links
  } catch (e) {
    // A link to nowhere matters only where a source file was meant to be.
    if (!isLink || isSource(full)) state.problems.push({ arg: full, message: `${isLink ? 'broken symbolic link: ' : ''}${describeError(e)}; skipped` });
    return;
  }
  if (stat.isDirectory()) walkDir(full, stat, out, state);
  else if (isSource(full)) out.push(full);
}

function walk(dir: string, out: string[], state: Walk): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch (e) {
    state.problems.push({ arg: dir, message: `cannot read this folder: ${describeError(e)}` });
    return;
  }
  walkDir(dir, stat, out, state);
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

function expandGlob(pattern: string, state: Walk): string[] {
  const normalized = pattern.split(path.sep).join('/');
  const firstMagic = normalized.search(/[*?]/);
  const base = normalized.slice(0, normalized.lastIndexOf('/', firstMagic) + 1) || './';
  const candidates: string[] = [];
  let isDir = false;
  try {
    isDir = fs.statSync(base).isDirectory();
  } catch {
    // no such folder: the pattern matches nothing
  }
  if (isDir) walk(base, candidates, state);
  const matcher = globToRegExp(normalized.replace(/^\.\//, ''));
  return candidates
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => matcher.test(f.replace(/^\.\//, '')))
    .sort();
}

/** The file's own path on disk, so that one reached through a link and directly is read once. */
function realPathOf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

export function expandFileArgs(args: readonly string[]): ExpandedFiles {
  const files: string[] = [];
  const problems: { arg: string; message: string }[] = [];
  for (const arg of args) {
    const state: Walk = { visited: new Set(), problems };
    if (/[*?]/.test(arg) && !fs.existsSync(arg)) {
      const before = state.problems.length;
      const matched = expandGlob(arg, state);
      if (matched.length === 0 && state.problems.length === before) state.problems.push({ arg, message: 'no files match this pattern' });
      files.push(...matched);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch (e) {
      const broken = (e as NodeJS.ErrnoException).code === 'ENOENT' && fs.existsSync(path.dirname(arg)) && isLink(arg);
      problems.push({ arg, message: broken ? 'broken symbolic link' : describeError(e) });
      continue;
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      walkDir(arg, stat, found, state);
      files.push(...found.sort());
    } else files.push(arg);
  }
  // One path per file on disk, at its first place in the order: the link-free one if listed.
  const chosen = new Map<string, string>();
  for (const f of files) {
    const real = realPathOf(f);
    const current = chosen.get(real);
    if (current === undefined || (path.resolve(current) !== real && path.resolve(f) === real)) chosen.set(real, f);
  }
  const keep = new Set(chosen.values());
  const unique = files.filter((f) => keep.delete(f));
  return { files: unique, problems };
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
