// The language server's project index: the core's Workspace (every imported file parsed and
// evaluated once per version of its text, see core/workspace/workspace.ts) over the editor's
// files (open documents first, then the disk), plus which open document read which files. When
// a file changes — edited in an editor, opened or closed over a different disk text, or changed
// on disk — `dependentsOf` names the open documents whose analysis may change with it.
import { fileURLToPath, pathToFileURL } from 'url';
import { corePath, projectRootOf } from '../cli/diskFiles';
import { inPackageFolder, isInside } from '../core/workspace/paths';
import { Workspace, type ProjectContext } from '../core/workspace/workspace';
import { EditorFiles } from './editorFiles';

/** The core's path ('/'-separated, absolute) of a file: URI; null for any other scheme (untitled...). */
export function pathOfUri(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return corePath(fileURLToPath(uri));
  } catch {
    return null;
  }
}

export function uriOfPath(path: string): string {
  return pathToFileURL(path).toString();
}

interface Reads {
  /** The document version these reads are of: a second analysis of it (its last good text) adds to them. */
  readonly version: number | string;
  readonly paths: Set<string>;
}

export class ProjectIndex {
  private files: EditorFiles;
  private roots: string[] = [];
  private readonly reads = new Map<string, Reads>();
  workspace: Workspace;

  /** `openText`: the open document's text at a path (undefined: none open there). */
  constructor(private readonly openText: (path: string) => string | undefined) {
    this.files = new EditorFiles(openText, false);
    this.workspace = new Workspace(this.files);
  }

  /**
   * Starts over for a session: the workspace folders (file URIs) bound what imports may read;
   * `cacheDisk` when the client reports changes on disk, so a file is read once per change.
   */
  reset(folderUris: readonly string[], cacheDisk: boolean): void {
    this.setFolders(folderUris);
    this.files = new EditorFiles(this.openText, cacheDisk);
    this.workspace = new Workspace(this.files);
    this.reads.clear();
  }

  /** The workspace folders changed: later analyses read below the new ones (the index stays). */
  setFolders(folderUris: readonly string[]): void {
    this.roots = folderUris.map(pathOfUri).filter((p): p is string => p !== null).sort((a, b) => b.length - a.length);
  }

  /**
   * How the document at `uri` follows its imports: below the innermost workspace folder holding
   * it; outside every folder (or with none open), below its project's root as the CLI finds it.
   */
  projectFor(uri: string): ProjectContext | undefined {
    const path = pathOfUri(uri);
    if (!path) return undefined;
    const root = this.roots.find((r) => isInside(r, path)) ?? projectRootOf(path);
    return { workspace: this.workspace, root, path };
  }

  /** A file's text as imports would read it: inside the root, never in a package folder. */
  read(path: string, root: string): string | null {
    if (!isInside(root, path) || inPackageFolder(path.slice(root.length))) return null;
    return this.workspace.readText(path, root);
  }

  /** The client will not report changes on disk after all: the disk is read at every analysis. */
  unwatch(): void {
    this.files.unwatch();
  }

  /** An analysis starts: without a file watcher, what the disk gave the last one is not trusted. */
  beginAnalysis(): void {
    this.files.beginAnalysis();
  }

  /** What an analysis of `uri` at `version` read (FileAnalysis.dependencies). */
  record(uri: string, version: number | string, dependencies: readonly string[] | undefined): void {
    const known = this.reads.get(uri);
    if (known && known.version === version) for (const p of dependencies ?? []) known.paths.add(p);
    else this.reads.set(uri, { version, paths: new Set(dependencies) });
  }

  forget(uri: string): void {
    this.reads.delete(uri);
  }

  /** The documents (URIs) whose last analysis read or looked for any of these paths, `except` left out. */
  dependentsOf(paths: readonly string[], except?: string): string[] {
    const out: string[] = [];
    for (const [uri, r] of this.reads) if (uri !== except && paths.some((p) => r.paths.has(p))) out.push(uri);
    return out;
  }

  /** A file changed on disk (created, changed, deleted): its disk text is read again when next needed. */
  diskChanged(path: string, deleted: boolean): void {
    this.files.invalidate(path);
    if (deleted && this.openText(path) === undefined) this.workspace.forget(path);
  }
}
