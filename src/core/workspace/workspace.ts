// The project index of the core: every workspace file an analysis imported, parsed once per
// version of its text and evaluated once per version of its text and of the files it imports
// in turn. The front ends (lang/typescript/extract/moduleImports.ts, lang/python/
// workspaceImports.ts) say how to parse and evaluate a module; this file says when, and keeps
// every analysis bounded: inside the workspace root only, never a package folder, cycles and
// chains too deep or too wide end in Unknown.
import { allocateBase, baseOf, isForeignOffset, SLOT_SIZE, type ForeignSource, type ForeignTexts } from './foreignSpans';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, type WorkspaceFiles } from './files';
import { inPackageFolder, isInside, normalizePath } from './paths';

/** A typed slot of a ModuleFile: one per front end and purpose (its parse, its evaluation). */
export class MemoKey<T> {
  /** Only for the type: a key says what its slot holds. */
  declare readonly holds: T;
  constructor(readonly name: string) {}
}

/** One version of one file: its text, its slot of offsets, and what the front ends made of it. */
export class ModuleFile implements ForeignSource {
  private readonly memo = new Map<MemoKey<unknown>, unknown>();
  readonly base = allocateBase();

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  get<T>(key: MemoKey<T>): T | undefined {
    return this.memo.get(key) as T | undefined;
  }

  set<T>(key: MemoKey<T>, value: T): void {
    this.memo.set(key, value);
  }
}

/** An evaluated module, valid while every file it read still reads the same. */
export interface CachedEvaluation<T> {
  readonly value: T;
  /** Every file the evaluation read or looked for (imports of imports too): path → text or null. */
  readonly reads: ReadonlyMap<string, string | null>;
}

export class Workspace implements ForeignTexts {
  /** The current version of each file read: a new text replaces it (and its slot). */
  private readonly files = new Map<string, ModuleFile>();
  private readonly bySlot = new Map<number, ModuleFile>();
  readonly limits: ImportLimits;

  constructor(
    readonly source: WorkspaceFiles,
    limits: Partial<ImportLimits> = {},
  ) {
    this.limits = { ...DEFAULT_IMPORT_LIMITS, ...limits };
  }

  /** The file's text through the host, or null (missing, unreadable, too large). */
  readText(path: string, root: string): string | null {
    let text: string | null;
    try {
      text = this.source.read(path, root);
    } catch {
      text = null; // a host that throws is a file we cannot read
    }
    return text !== null && text.length <= this.limits.maxFileChars ? text : null;
  }

  /** The ModuleFile for this text of the file: the same object as long as the text is the same. */
  fileFor(path: string, text: string): ModuleFile {
    const known = this.files.get(path);
    if (known && known.text === text) return known;
    if (known) this.bySlot.delete(known.base);
    const file = new ModuleFile(path, text);
    this.files.set(path, file);
    this.bySlot.set(file.base, file);
    return file;
  }

  sourceAt(offset: number): ForeignSource | null {
    if (!isForeignOffset(offset)) return null;
    const file = this.bySlot.get(baseOf(offset));
    return file && offset - file.base <= file.text.length && offset - file.base < SLOT_SIZE ? file : null;
  }

  /** Forgets a file (closed, deleted): the next analysis reads it again. */
  forget(path: string): void {
    const known = this.files.get(path);
    if (!known) return;
    this.files.delete(path);
    this.bySlot.delete(known.base);
  }

  /** How many file versions the index holds (for tests and the benchmark). */
  get size(): number {
    return this.files.size;
  }

  /** A session: one analysis of `importer` (an absolute path) whose imports may read below `root`. */
  session(importer: string, root: string): ImportSession {
    return new ImportSession(this, normalizePath(root), normalizePath(importer));
  }
}

/** Why an import gives no value (for the Unknown's reason). */
export type Refusal = 'cycle' | 'too-deep' | 'too-many-files' | 'budget';

interface Frame {
  readonly path: string;
  readonly reads: Map<string, string | null>;
  /** Set when something inside was refused (a cycle...): the result is not cached. */
  partial: boolean;
}

/** A module's evaluation within one session, reusable there even when partial. */
interface SessionResult {
  readonly value: unknown;
  readonly reads: ReadonlyMap<string, string | null>;
  readonly partial: boolean;
}

/**
 * One analysis's use of the workspace: the files it read (the server re-analyses when one
 * changes), the chain of modules being evaluated (a module already on it is a cycle), and
 * the budgets left.
 */
export class ImportSession {
  /** Every file read or looked for, in the order first asked. */
  readonly dependencies = new Set<string>();
  private readonly stack: Frame[] = [];
  private loaded = new Set<string>();
  /**
   * What each module evaluated to in this session, by file version and key, partial results
   * too: a module is evaluated at most once a session. Without this, a result that saw a
   * cycle (not cacheable across sessions) was evaluated again on every path that reached it,
   * and files that all import one another took time exponential in their number (8 such
   * files: 18 s for the CLI; 11: minutes). A partial result reused here is as sound as a
   * fresh one: what it could not see is Unknown either way, only the chain that cut it differs.
   */
  private readonly evaluated = new Map<ModuleFile, Map<MemoKey<unknown>, SessionResult>>();
  private stepsLeft: number;

  constructor(
    readonly workspace: Workspace,
    readonly root: string,
    readonly importer: string,
  ) {
    this.stepsLeft = workspace.limits.maxSessionSteps;
  }

  /** Whether the resolver may read this path at all: inside the root, not an installed package. */
  mayRead(path: string): boolean {
    return isInside(this.root, path) && !inPackageFolder(path.slice(this.root.length));
  }

  /** Reads a file for this analysis (recorded as a dependency, found or not). */
  read(path: string): ModuleFile | null {
    const p = normalizePath(path);
    if (!this.mayRead(p) || p === this.importer) return null;
    const text = this.workspace.readText(p, this.root);
    this.note(p, text);
    return text === null ? null : this.workspace.fileFor(p, text);
  }

  private note(path: string, text: string | null): void {
    this.dependencies.add(path);
    for (const f of this.stack) if (!f.reads.has(path)) f.reads.set(path, text);
  }

  /** Whether `path` is the analysed file or a module being evaluated now (importing it is a cycle). */
  private active(path: string): boolean {
    return path === this.importer || this.stack.some((f) => f.path === path);
  }

  /** Marks the modules being evaluated as incomplete: an import inside gave Unknown for want of room. */
  private refuse(why: Refusal): Refusal {
    for (const f of this.stack) f.partial = true;
    return why;
  }

  /**
   * The evaluation of a module under `key`: cached when every file it read reads the same,
   * else `evaluate(steps)` with the steps it may take (it returns the steps it took). A refusal
   * (cycle, depth, file count, budget) instead of a value: the import is Unknown.
   */
  evaluate<T>(file: ModuleFile, key: MemoKey<CachedEvaluation<T>>, evaluate: (maxSteps: number) => { value: T; steps: number }): T | Refusal {
    if (this.active(file.path)) return this.refuse('cycle');
    const seen = this.evaluated.get(file)?.get(key);
    if (seen) {
      for (const [p, t] of seen.reads) this.note(p, t);
      if (seen.partial) for (const f of this.stack) f.partial = true;
      return seen.value as T;
    }
    if (this.stack.length >= this.workspace.limits.maxDepth) return this.refuse('too-deep');
    if (!this.loaded.has(file.path)) {
      if (this.loaded.size >= this.workspace.limits.maxFiles) return this.refuse('too-many-files');
      this.loaded.add(file.path);
    }
    const cached = file.get(key);
    if (cached && this.stillValid(cached.reads)) {
      for (const [p, t] of cached.reads) this.note(p, t);
      return cached.value;
    }
    const steps = Math.min(this.workspace.limits.maxModuleSteps, this.stepsLeft);
    if (steps <= 0) return this.refuse('budget');
    const frame: Frame = { path: file.path, reads: new Map(), partial: false };
    this.stack.push(frame);
    let result: { value: T; steps: number };
    try {
      result = evaluate(steps);
    } finally {
      this.stack.pop();
    }
    this.stepsLeft -= result.steps;
    const results = this.evaluated.get(file) ?? new Map<MemoKey<unknown>, SessionResult>();
    results.set(key, { value: result.value, reads: frame.reads, partial: frame.partial });
    this.evaluated.set(file, results);
    if (frame.partial) {
      // What this module saw depends on the chain it was imported through: not reusable.
      for (const f of this.stack) f.partial = true;
    } else file.set(key, { value: result.value, reads: frame.reads });
    return result.value;
  }

  private stillValid(reads: ReadonlyMap<string, string | null>): boolean {
    for (const [p, text] of reads) if (this.workspace.readText(p, this.root) !== text) return false;
    return true;
  }
}

/** How an adapter asks the core to follow a file's imports: the project and where the file is in it. */
export interface ProjectContext {
  readonly workspace: Workspace;
  /** The workspace root: nothing outside it is read. */
  readonly root: string;
  /** The analysed file's absolute path. */
  readonly path: string;
}
