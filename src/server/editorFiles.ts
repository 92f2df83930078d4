// The workspace's files as the language server reads them to follow imports: an open
// document's text wins over the disk (the user sees, and is typing, that text); any other file
// is read from disk with the CLI's bounded reading (regular files only, size capped, links
// leading out of the workspace refused). Reading a file is not running it, so this serves
// untrusted workspaces too.
import { DiskFiles } from '../cli/diskFiles';
import type { WorkspaceFiles } from '../core/workspace/files';

export class EditorFiles implements WorkspaceFiles {
  private readonly disk = new DiskFiles(true);

  /**
   * `openText`: the text of the open document at a path, or undefined when none is open there.
   * `watched`: the client reports changes on disk (a file watcher), so what the disk gave is
   * kept until `invalidate` says it changed; else it is kept for one analysis only (one
   * analysis checks each imported file many times: once per module whose cached evaluation
   * read it).
   */
  constructor(
    private readonly openText: (path: string) => string | undefined,
    private watched: boolean,
  ) {}

  /** No more reports of changes on disk (the watcher could not be registered): stop trusting copies. */
  unwatch(): void {
    this.watched = false;
    this.disk.invalidate();
  }

  /** An analysis starts: without a watcher, the disk is read afresh. */
  beginAnalysis(): void {
    if (!this.watched) this.disk.invalidate();
  }

  read(path: string, root: string): string | null {
    return this.openText(path) ?? this.disk.read(path, root);
  }

  /** The file changed on disk (or was created, deleted, saved, closed): read it again. */
  invalidate(path: string): void {
    this.disk.invalidate(path);
  }
}
