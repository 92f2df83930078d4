// Runs source files in real TF.js inside a worker thread, one at a time, with a time limit: a
// file that makes TF.js loop (some degenerate configs do) is reported as hanging, and the
// worker is replaced, so a randomized test stays bounded in time.
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { TfOutcome } from './runVariant';
import type { WorkerRequest } from './tfWorker';

const WORKER = path.join(__dirname, 'tfWorker.ts');

export class TfRunner {
  private worker: Worker | null = null;
  private nextId = 0;

  constructor(private readonly limitMs: number) {}

  private start(): Worker {
    // The worker loads the TypeScript sources through tsx, as mocha does here.
    const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(WORKER)});`;
    this.worker = new Worker(code, { eval: true });
    this.worker.unref();
    return this.worker;
  }

  run(text: string, absolutePath: string, label: string): Promise<TfOutcome> {
    const worker = this.worker ?? this.start();
    const request: WorkerRequest = { id: this.nextId++, text, absolutePath, label };
    // The first run also waits for TF.js to load in the worker.
    const limit = this.nextId === 1 ? this.limitMs * 4 : this.limitMs;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        void this.stop();
        resolve({ kind: 'hangs', seconds: limit / 1000 });
      }, limit);
      const onMessage = (reply: { id: number; outcome: TfOutcome }): void => {
        if (reply.id !== request.id) return;
        cleanup();
        resolve(reply.outcome);
      };
      const onError = (error: Error): void => {
        cleanup();
        this.worker = null;
        reject(error);
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(request);
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.nextId = 0;
    if (worker) await worker.terminate();
  }
}
