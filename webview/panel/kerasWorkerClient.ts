// Runs the Keras weights reader in a worker with a time limit. One worker per file, terminated
// when it answers, fails or runs out of time: jsfive cannot be interrupted, so a crafted file
// that keeps it busy costs only that worker, and the panel says why nothing came.
import WORKER_SOURCE from 'inline-worker:../weights/kerasWorker.ts';
import type { KerasLimits, KerasParse } from '../weights/kerasWeights';
import { fromWire, type KerasWorkerRequest } from '../weights/kerasWire';

/** Reading the largest file the host sends (256 MB) takes a few seconds; this is far past that. */
export const KERAS_PARSE_TIMEOUT_MS = 60_000;

export interface KerasParseOptions {
  readonly timeoutMs?: number;
  readonly limits?: KerasLimits;
  /** The worker script (tests pass one that never answers). */
  readonly workerSource?: string;
}

let sourceUrl: { source: string; url: string } | null = null;

function workerUrl(source: string): string {
  if (sourceUrl?.source !== source) {
    if (sourceUrl) URL.revokeObjectURL(sourceUrl.url);
    sourceUrl = { source, url: URL.createObjectURL(new Blob([source], { type: 'text/javascript' })) };
  }
  return sourceUrl.url;
}

/** Parses `bytes` (which it takes over: their buffer moves to the worker). Never rejects. */
export function parseKerasInWorker(bytes: Uint8Array, label: string, options: KerasParseOptions = {}): Promise<{ parse: KerasParse }> {
  const timeoutMs = options.timeoutMs ?? KERAS_PARSE_TIMEOUT_MS;
  let worker: Worker;
  try {
    worker = new Worker(workerUrl(options.workerSource ?? WORKER_SOURCE));
  } catch (e) {
    // Not read on this thread instead: that would bring the reader into panel.js a second time
    // and lose the time limit. Our CSP allows blob: workers; only a changed host would not.
    return Promise.resolve({ parse: { ok: false, error: `${label}: the weights reader could not start (${(e as Error).message}); this webview does not allow workers` } });
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (parse: KerasParse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.terminate();
      resolve({ parse });
    };
    const timer = setTimeout(
      () => finish({ ok: false, error: `${label} took longer than ${(timeoutMs / 1000).toFixed(0)} s to read and was abandoned; the file may be corrupt or crafted` }),
      timeoutMs,
    );
    worker.addEventListener('message', (e: MessageEvent<unknown>) => finish(fromWire(e.data)));
    worker.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      finish({ ok: false, error: `${label}: the weights reader stopped (${e.message || 'no reason given'}); the file may be corrupt or too large` });
    });
    worker.addEventListener('messageerror', () => finish({ ok: false, error: `${label}: the weights reader's answer could not be received` }));
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes.buffer : bytes.slice().buffer;
    const request: KerasWorkerRequest = { bytes: own, label, limits: options.limits };
    worker.postMessage(request, [own]);
  });
}
