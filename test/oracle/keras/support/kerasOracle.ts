// The TypeScript side of the Keras oracle: real Keras 3 (Python, numpy backend) as the ground
// truth for Python programs, the way real TF.js is for TypeScript (test/oracle/catalog).
//
// One Python process (test/oracle/keras/support/oracle.py, in the pinned venv that
// scripts/ensure-keras-venv.sh creates) serves every request of a mocha run over JSON lines:
// spawned on the first request, restarted after a crash or a timeout, and stopped when the
// Node process exits. Without the venv every request FAILS, naming the command that creates
// it: a test that needs Keras must never pass or skip silently because Keras is absent.
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const VENV_DIR = path.join(REPO_ROOT, '.cache', 'keras-venv');
export const VENV_PYTHON = path.join(VENV_DIR, 'bin', 'python');
/** Written by scripts/ensure-keras-venv.sh once the pinned install is complete and verified. */
export const VENV_MARKER = path.join(VENV_DIR, '.shapelens-keras-venv');
export const ORACLE_SCRIPT = path.join(__dirname, 'oracle.py');
export const ENSURE_VENV_COMMAND = 'bash scripts/ensure-keras-venv.sh';

// ---------------------------------------------------------------------------------------------
// The response schema. oracle.py owns it; these types mirror what it writes.

export type KDim = number | null;
export type KShape = KDim[];
/** One output's shape, or (several outputs) a list / dict of them. */
export type KShapeTree = KShape | null | KShapeTree[] | { readonly [key: string]: KShapeTree };

/** A 1-based position in the program (columns in characters; endColumn is exclusive). */
export interface KSite {
  readonly line: number | null;
  readonly column: number | null;
  readonly endLine: number | null;
  readonly endColumn: number | null;
  /** 1-based code-cell index (notebooks only). */
  readonly cell?: number;
}

export interface KRaised {
  /** The exception class, e.g. "ValueError"; "TimeoutError" when the time limit stopped it. */
  readonly type: string;
  /** str(exception), ANSI codes removed. */
  readonly message: string;
  /** The gist: for errors Keras wraps ("Exception encountered when calling X.call() ..."), the
   * wrapped message; otherwise the message's first line. */
  readonly detail: string;
  /** Line of the innermost frame of the program itself (not of Keras) that was executing. */
  readonly line: number | null;
  readonly column: number | null;
  readonly cell?: number;
  readonly traceback: string;
}

export interface KWarning {
  readonly category: string;
  readonly message: string;
  /** The innermost program line executing when the warning was raised. */
  readonly line: number | null;
  readonly cell?: number;
}

/** `[{layer, nodeIndex, tensorIndex}]` per inbound node: summary's "Connected to". */
export interface KInboundRef {
  readonly layer: string;
  readonly nodeIndex: number;
  readonly tensorIndex: number;
}

export interface KLayer {
  readonly className: string;
  readonly name: string;
  readonly built: boolean;
  /** count_params(); null when Keras refuses (an unbuilt layer), with paramsError saying why. */
  readonly params: number | null;
  readonly paramsError?: string;
  /** Sums of the sizes of trainable_weights / non_trainable_weights. */
  readonly trainable: number;
  readonly nonTrainable: number;
  /** Output at the first inbound node (layer.output for a layer used once); null when never called. */
  readonly outputShape: KShapeTree;
  /** Output per inbound node, in node order (a shared layer has several). */
  readonly nodeOutputShapes: KShapeTree[];
  /**
   * The shapes build() received, by argument name ({input_shape: [...]}), null when never built:
   * the only shape record of a layer called inside a subclassed model's call(). (numpy backend:
   * batch 83 where the input had None; see KerasOracleOptions.backend.)
   */
  readonly buildShapes: { readonly [argument: string]: KShapeTree } | null;
  /** Functional models only: inbound tensors per inbound node inside this model. */
  readonly inbound?: KInboundRef[][];
}

export interface KModel extends KSite {
  readonly className: string;
  readonly kind: 'sequential' | 'functional' | 'subclass';
  readonly name: string;
  readonly built: boolean;
  readonly params: number | null;
  readonly paramsError?: string;
  readonly trainable: number;
  readonly nonTrainable: number;
  /** Exactly as model.layers lists them. */
  readonly layers: KLayer[];
  readonly inputShapes: KShapeTree;
  readonly outputShapes: KShapeTree;
  /** model.summary() verbatim (as in a terminal at least 112 columns wide unless summary.columns says otherwise). */
  readonly summary: string | null;
  readonly summaryError?: string;
}

export type KInspected =
  | { readonly kind: 'tensor'; readonly shape: KShape }
  | { readonly kind: 'tensors'; readonly shapes: KShape[] }
  | ({ readonly kind: 'layer' | 'model' } & KLayer)
  | { readonly kind: 'value'; readonly type: string; readonly repr: string }
  | { readonly kind: 'missing' };

export interface KProgramResult {
  readonly raised: KRaised | null;
  /** What the program printed (captured; never on the protocol channel). */
  readonly stdout: string;
  readonly warnings: KWarning[];
  readonly inspected: Readonly<Record<string, KInspected>>;
}

export interface KModelsResult extends KProgramResult {
  /** Every model the program built, in construction order (see Recorder in oracle.py). */
  readonly models: KModel[];
}

export interface KVersions {
  readonly python: string;
  readonly keras: string;
  readonly backend: string;
  readonly numpy: string;
}

export interface SummaryOptions {
  /** The terminal width Keras believes it has (default 200: its 88/108 default widths). */
  readonly columns?: number;
  readonly lineLength?: number;
  readonly expandNested?: boolean;
  readonly showTrainable?: boolean;
}

export interface RunOptions {
  /** The program's file name in tracebacks (default "program.py"). */
  readonly filename?: string;
  /** Names in the program's namespace to describe after it ran. */
  readonly inspect?: readonly string[];
  /** Python-side limit: the program is interrupted with TimeoutError (default 60 s). */
  readonly timeoutSeconds?: number;
  readonly summary?: SummaryOptions;
  /** Folders put first on sys.path while the program runs (a project's own modules); forgotten after. */
  readonly sysPath?: readonly string[];
  /** The package the program runs in (`python -m pkg.entry`): what its relative imports start from. */
  readonly package?: string;
}

// ---------------------------------------------------------------------------------------------

export class KerasOracleError extends Error {
  override readonly name = 'KerasOracleError';
}

interface Pending {
  readonly kind: string;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

interface Envelope {
  readonly id?: unknown;
  readonly ready?: unknown;
  readonly versions?: unknown;
  readonly ok?: unknown;
  readonly result?: unknown;
  readonly error?: unknown;
}

export interface KerasOracleOptions {
  /** The Python interpreter (default: the venv's). */
  readonly python?: string;
  /** The marker proving the pinned install is complete (default: the venv's); null: no check. */
  readonly marker?: string | null;
  /** How long Python may take to import Keras and greet (default 120 s). */
  readonly startupTimeoutMs?: number;
  /**
   * How long past a request's Python-side limit (timeoutSeconds) the client waits before it
   * stops the process itself, for programs that a Python signal cannot interrupt (default 20 s).
   */
  readonly timeoutGraceMs?: number;
  /**
   * Keras backend (default numpy: imports fastest). jax is installed too; prefer it for the
   * summary of a subclassed model, where numpy's symbolic call writes batch 83 instead of
   * None into the sub-layers' shapes (see the survey).
   */
  readonly backend?: KerasBackend;
}

export type KerasBackend = 'numpy' | 'jax';

const STDERR_TAIL = 8000;

export class KerasOracle {
  private child: ChildProcessWithoutNullStreams | null = null;
  private ready: Promise<KVersions> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = '';
  private readonly python: string;
  private readonly marker: string | null;
  private readonly startupTimeoutMs: number;
  private readonly backend: KerasBackend;
  private readonly graceMs: number;

  constructor(options: KerasOracleOptions = {}) {
    this.python = options.python ?? VENV_PYTHON;
    this.marker = options.marker === undefined ? VENV_MARKER : options.marker;
    this.startupTimeoutMs = options.startupTimeoutMs ?? 120_000;
    this.backend = options.backend ?? 'numpy';
    this.graceMs = options.timeoutGraceMs ?? 20_000;
  }

  /** Keras, Python, numpy and backend versions of the running oracle. */
  versions(): Promise<KVersions> {
    return this.request<KVersions>('versions', {}, 30_000);
  }

  /** Runs a program and describes the `inspect` names. */
  runProgram(source: string, options: RunOptions = {}): Promise<KProgramResult> {
    return this.request<KProgramResult>('program', { source, ...runFields(options) }, this.timeoutMs(options));
  }

  /** Runs a program and reports every model it built. */
  models(source: string, options: RunOptions = {}): Promise<KModelsResult> {
    return this.request<KModelsResult>('models', { source, ...runFields(options) }, this.timeoutMs(options));
  }

  /** Reads a .py file and reports every model it builds (tracebacks name the real path). */
  modelsOfFile(file: string, options: Omit<RunOptions, 'filename'> = {}): Promise<KModelsResult> {
    const absolute = path.resolve(file);
    return this.models(fs.readFileSync(absolute, 'utf8'), { ...options, filename: absolute });
  }

  /** Runs a notebook's code cells in order; positions are per cell (`cell` is 1-based). */
  notebookModels(notebook: { readonly path: string } | { readonly source: string; readonly filename?: string }, options: Omit<RunOptions, 'filename'> = {}): Promise<KModelsResult> {
    const where = 'path' in notebook ? { path: path.resolve(notebook.path) } : { source: notebook.source, filename: notebook.filename ?? 'notebook.ipynb' };
    return this.request<KModelsResult>('notebook-models', { ...where, ...runFields(options) }, this.timeoutMs(options));
  }

  /** Stops the Python process (a later request starts a new one). */
  close(): void {
    const child = this.child;
    this.child = null;
    this.ready = null;
    this.failAll(new KerasOracleError('Keras oracle: closed while a request was pending.'));
    if (child && child.exitCode === null) {
      child.stdin.end();
      child.kill('SIGKILL');
    }
  }

  // -------------------------------------------------------------------------------------------

  private timeoutMs(options: RunOptions): number {
    return (options.timeoutSeconds ?? 60) * 1000 + this.graceMs;
  }

  private async request<T>(kind: string, fields: Record<string, unknown>, timeout: number): Promise<T> {
    await this.start();
    const child = this.child;
    if (!child) throw new KerasOracleError('Keras oracle: the Python process is not running.');
    const id = this.nextId++;
    const result = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        const error = new KerasOracleError(
          `Keras oracle: the ${kind} request timed out after ${timeout} ms; the Python process was stopped and the next request starts a new one.${this.stderrHint()}`,
        );
        this.close();
        reject(error);
      }, timeout);
      this.pending.set(id, { kind, resolve, reject, timer });
    });
    this.holdEventLoop();
    child.stdin.write(`${JSON.stringify({ id, kind, ...fields })}\n`);
    return (await result) as T;
  }

  private start(): Promise<KVersions> {
    if (this.ready) return this.ready;
    this.ready = new Promise<KVersions>((resolve, reject) => {
      const missing = this.missingVenv();
      if (missing) {
        reject(new KerasOracleError(missing));
        return;
      }
      const child = spawn(this.python, ['-u', ORACLE_SCRIPT, '--serve'], {
        cwd: REPO_ROOT,
        env: { ...process.env, KERAS_BACKEND: this.backend, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      this.child = child;
      this.stderrTail = '';
      const startup = setTimeout(() => {
        reject(new KerasOracleError(`Keras oracle: Python did not start within ${this.startupTimeoutMs} ms.${this.stderrHint()}`));
        this.close();
      }, this.startupTimeoutMs);
      // A write to a process that just died fails with EPIPE; 'exit' reports that death.
      child.stdin.on('error', () => undefined);
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL);
        if (process.env.SHAPELENS_KERAS_ORACLE_DEBUG) process.stderr.write(chunk);
      });
      child.on('error', (e) => {
        clearTimeout(startup);
        reject(new KerasOracleError(`Keras oracle: could not start ${this.python}: ${e.message}. Create the venv with: ${ENSURE_VENV_COMMAND}`));
        this.onExit(child, `could not start: ${e.message}`);
      });
      child.on('exit', (code, signal) => {
        clearTimeout(startup);
        reject(new KerasOracleError(`Keras oracle: Python exited (code ${code}, signal ${signal}) before it was ready.${this.stderrHint()}`));
        this.onExit(child, `exited (code ${code}, signal ${signal})`);
      });
      const lines = readline.createInterface({ input: child.stdout, crlfDelay: Infinity });
      lines.on('line', (line) => {
        let envelope: Envelope;
        try {
          envelope = JSON.parse(line) as Envelope;
        } catch {
          // The protocol channel is private to oracle.py; a stray line means it is broken.
          this.failAll(new KerasOracleError(`Keras oracle: a line on the protocol channel is not JSON: ${JSON.stringify(line.slice(0, 300))}`));
          this.close();
          return;
        }
        if (envelope.ready === true) {
          clearTimeout(startup);
          this.releaseEventLoop();
          resolve(envelope.versions as KVersions);
          return;
        }
        this.onResponse(envelope);
      });
      // Hold the event loop during start-up; released once Python greets.
      this.holdEventLoop();
    });
    // A failed start is retried on the next request (it reports the same reason again).
    this.ready.catch(() => {
      this.ready = null;
    });
    return this.ready;
  }

  private onResponse(envelope: Envelope): void {
    const id = typeof envelope.id === 'number' ? envelope.id : null;
    const pending = id === null ? undefined : this.pending.get(id);
    if (!pending || id === null) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (this.pending.size === 0) this.releaseEventLoop();
    if (envelope.ok === true) pending.resolve(envelope.result);
    else pending.reject(new KerasOracleError(`Keras oracle: the ${pending.kind} request failed in oracle.py:\n${String(envelope.error)}`));
  }

  private onExit(child: ChildProcessWithoutNullStreams, how: string): void {
    if (this.child !== child) return;
    this.child = null;
    this.ready = null;
    this.failAll(new KerasOracleError(`Keras oracle: Python ${how} while a request was pending.${this.stderrHint()}`));
  }

  private failAll(error: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(error);
    }
  }

  private missingVenv(): string | null {
    const create = `Create it (about 30 s, from the local package mirror) with:\n  ${ENSURE_VENV_COMMAND}`;
    if (!fs.existsSync(this.python)) return `Keras oracle: the Keras venv is missing (no ${this.python}). ${create}`;
    if (this.marker !== null && !fs.existsSync(this.marker)) {
      return `Keras oracle: the Keras venv at ${path.dirname(path.dirname(this.python))} is incomplete or unpinned (no ${path.basename(this.marker)} marker). ${create}`;
    }
    return null;
  }

  private stderrHint(): string {
    const tail = this.stderrTail.trim();
    return tail ? `\nPython's stderr ended with:\n${tail.slice(-3000)}` : '';
  }

  // The child must not keep Node alive once nothing waits on it (mocha exits without --exit),
  // but must while a request is pending (a bare script awaiting a response has no other timer).
  private holdEventLoop(): void {
    this.child?.ref();
    refStream(this.child?.stdout, true);
  }

  private releaseEventLoop(): void {
    this.child?.unref();
    refStream(this.child?.stdout, false);
    refStream(this.child?.stderr, false);
    refStream(this.child?.stdin, false);
  }
}

/** Child pipes are net.Sockets, which have ref()/unref(); the stream types do not say so. */
function refStream(stream: NodeJS.ReadableStream | NodeJS.WritableStream | undefined, on: boolean): void {
  const socket = stream as unknown as { ref?: () => void; unref?: () => void } | undefined;
  if (on) socket?.ref?.();
  else socket?.unref?.();
}

function runFields(options: RunOptions): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (options.filename !== undefined) fields.filename = options.filename;
  if (options.inspect !== undefined) fields.inspect = options.inspect;
  if (options.timeoutSeconds !== undefined) fields.timeoutSeconds = options.timeoutSeconds;
  if (options.sysPath !== undefined) fields.sysPath = options.sysPath;
  if (options.package !== undefined) fields.package = options.package;
  if (options.summary !== undefined) fields.summary = options.summary;
  return fields;
}

const shared = new Map<KerasBackend, KerasOracle>();

/** The one oracle of this process per backend (started lazily, stopped when the process exits). */
export function kerasOracle(backend: KerasBackend = 'numpy'): KerasOracle {
  let oracle = shared.get(backend);
  if (!oracle) {
    const created = new KerasOracle({ backend });
    oracle = created;
    shared.set(backend, created);
    process.once('exit', () => created.close());
  }
  return oracle;
}
