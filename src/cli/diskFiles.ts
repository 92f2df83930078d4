// The workspace's files as the CLI (and the language server, for files not open in the editor)
// read them from disk, for following imports (core/workspace/). Reading is bounded as for
// the files analysed (readSource.ts: regular files only, size capped), and a path whose real
// place (links followed) lies outside the workspace root is refused: a link in the project
// must not lead the resolver out of it.
import * as fs from 'fs';
import * as path from 'path';
import type { WorkspaceFiles } from '../core/workspace/files';
import { normalizePath } from '../core/workspace/paths';
import { readSourceFile } from './readSource';

/** A core path ('/'-separated) as this platform spells it. */
export function nativePath(p: string): string {
  return path.sep === '/' ? p : p.replace(/\//g, path.sep);
}

/** A native path as the core spells it: absolute, '/'-separated. */
export function corePath(p: string): string {
  return normalizePath(path.resolve(p));
}

function realPath(p: string): string | null {
  try {
    return corePath(fs.realpathSync(nativePath(p)));
  } catch {
    return null;
  }
}

function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith('/') ? root : `${root}/`);
}

export class DiskFiles implements WorkspaceFiles {
  private readonly texts = new Map<string, string | null>();
  private readonly realRoots = new Map<string, string | null>();

  /** `cache`: keep what was read (a CLI run reads a snapshot in time); off, every read goes to disk. */
  constructor(private readonly cache = true) {}

  read(p: string, root: string): string | null {
    if (this.cache && this.texts.has(p)) return this.texts.get(p) ?? null;
    const text = this.readNow(p, root);
    if (this.cache) this.texts.set(p, text);
    return text;
  }

  /** Forgets one file (it changed on disk), or everything. */
  invalidate(p?: string): void {
    if (p === undefined) this.texts.clear();
    else this.texts.delete(p);
  }

  private readNow(p: string, root: string): string | null {
    let realRoot = this.realRoots.get(root);
    if (realRoot === undefined) {
      realRoot = realPath(root);
      this.realRoots.set(root, realRoot);
    }
    const real = realPath(p);
    if (!realRoot || !real || !inside(realRoot, real)) return null;
    try {
      const read = readSourceFile(nativePath(p));
      return read.kind === 'text' ? read.text : null;
    } catch {
      return null; // unreadable (permissions, gone meanwhile): its exports are Unknown
    }
  }
}

/** Files that mark a project's root folder. */
const ROOT_MARKERS = ['package.json', '.git', 'pyproject.toml'];

/**
 * The workspace root of a file for the CLI: the nearest folder upward holding package.json,
 * .git or pyproject.toml; else the file's own folder. Imports are never followed above it.
 */
export function projectRootOf(file: string): string {
  const start = path.dirname(path.resolve(file));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (ROOT_MARKERS.some((m) => fs.existsSync(path.join(dir, m)))) return corePath(dir);
    if (path.dirname(dir) === dir) return corePath(start);
  }
}
