// What the core needs from its host to follow imports across files: a way to read a file's
// text (the CLI reads the disk; the language server reads open documents first, then the
// disk), the workspace root nothing outside of which is read, and the limits that keep one
// analysis bounded however the files import each other.

/** Reads files for the resolver. The core never touches a file system itself. */
export interface WorkspaceFiles {
  /**
   * The text of the file at this absolute '/'-separated path, or null when there is no such
   * regular file or it may not be read. Asked only for paths inside `root` (the analysis's
   * workspace root): a host that follows links must still refuse a file whose real place is
   * outside it.
   */
  read(path: string, root: string): string | null;
}

export interface ImportLimits {
  /** Longest chain of imports followed below the analysed file. */
  readonly maxDepth: number;
  /** Modules one analysis may load (evaluated or taken from the cache). */
  readonly maxFiles: number;
  /** Modules larger than this (UTF-16 units) are not read: what they export is unknown. */
  readonly maxFileChars: number;
  /** Interpreter steps for the top level of one imported module. */
  readonly maxModuleSteps: number;
  /** Interpreter steps for all the modules one analysis evaluates. */
  readonly maxSessionSteps: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxDepth: 8,
  maxFiles: 64,
  maxFileChars: 1024 * 1024,
  maxModuleSteps: 200_000,
  maxSessionSteps: 2_000_000,
};
