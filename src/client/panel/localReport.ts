// Runs dist/localAnalysis.js (the core, bundled apart from the client) in a worker thread, started
// the first time a panel needs a report before the language server gives one. Loading that
// bundle takes ~0.4 s on an idle 2-core machine and 1.7 s in a cold workbench; on the extension
// host's own thread it held up the panel's webview, which that thread creates and serves.
// A missing or broken bundle, or a worker that dies or does not answer, costs the early report
// only: the panel then waits for the server as before.
import { Worker } from 'worker_threads';
import type { LocalAnalysisAnswer, LocalAnalysisInput, LocalAnalysisRequest } from './localAnalysis';
import type { FileReport } from '../../core/report';

/** Longest wait for one answer (a cold load included) before the worker is given up. */
export const LOCAL_ANALYSIS_TIMEOUT_MS = 30_000;
/** A worker with nothing to do for this long is ended (it holds the parser's memory); the next request starts another. */
export const LOCAL_ANALYSIS_IDLE_MS = 60_000;

interface Pending {
  resolve(report: FileReport | null): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/** What a worker thread runs: a script, and the workerData it gets (dist/boot.js takes the bundle and its code cache there). */
export interface WorkerStart {
  readonly script: string;
  readonly workerData?: unknown;
}

export class LocalAnalysisWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Why the bundle cannot run (it threw outside a request): later requests fail at once instead of loading it again. */
  private broken: Error | null = null;

  private readonly start: WorkerStart;

  constructor(
    start: string | WorkerStart,
    private readonly timeoutMs = LOCAL_ANALYSIS_TIMEOUT_MS,
    private readonly idleMs = LOCAL_ANALYSIS_IDLE_MS,
  ) {
    this.start = typeof start === 'string' ? { script: start } : start;
  }

  /** The report the server would give `input` before following imports; null where it gives none. Rejects when the worker fails. */
  report(input: LocalAnalysisInput): Promise<FileReport | null> {
    if (this.broken) return Promise.reject(this.broken);
    const worker = this.started();
    const id = this.nextId++;
    clearTimeout(this.idleTimer);
    return new Promise<FileReport | null>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error(`the local analysis did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      const request: LocalAnalysisRequest = { id, input };
      worker.postMessage(request);
    });
  }

  /**
   * Starts the worker now, before any request, so that the first one does not wait for the
   * bundle to load, and analyses `ahead` (the active file) so that a panel opened on it gets
   * the report the worker kept; it ends after the idle time if nothing asks. Does nothing
   * where a worker runs already or the bundle is known to fail.
   */
  warm(ahead?: LocalAnalysisInput): void {
    if (this.broken || this.worker) return;
    this.started();
    if (ahead) this.report(ahead).catch(() => undefined); // answered into the worker's keep; a failure shows on the real request
    else this.armIdleTimer();
  }

  /** A worker thread is started now (it ends when idle, fails or is disposed). */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Ends the worker; pending requests reject. */
  dispose(): void {
    this.fail(new Error('the local analysis was stopped'));
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.start.script, { workerData: this.start.workerData });
    // The extension host may exit while the worker loads or idles.
    worker.unref();
    worker.on('message', (answer: LocalAnalysisAnswer) => this.answered(answer));
    // Requests are answered inside a try, so an error event is the bundle itself failing.
    worker.on('error', (e: Error) => {
      this.broken = e;
      this.fail(e);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.fail(new Error(`the local analysis stopped (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private answered(answer: LocalAnalysisAnswer): void {
    const p = this.pending.get(answer.id);
    if (!p) return;
    this.pending.delete(answer.id);
    clearTimeout(p.timer);
    if (answer.ok) p.resolve(answer.report);
    else p.reject(new Error(answer.message));
    if (this.pending.size === 0) this.armIdleTimer();
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.fail(new Error('idle')), this.idleMs);
    this.idleTimer.unref();
  }

  /** Ends the worker and rejects everything it still owes. */
  private fail(error: Error): void {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    if (worker) void worker.terminate();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.pending.clear();
  }
}
