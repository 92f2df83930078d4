// The CLI's analysis on a thread with a large stack (started by launcher.ts). The parser (typescript-estree converts
// TypeScript's AST recursively) and our interpreter follow code as deep as it is nested;
// Node's main thread gives them about 1 MB of stack, a few hundred levels of nesting. A worker
// thread can be given more for the price of its start (tens of milliseconds), so a file read
// in pieces in an editor (deepParse.ts) is read whole from the command line. Output goes
// through Node's own forwarding of a worker's stdout and stderr; the exit code comes back
// with the worker's exit.
import { isMainThread, Worker, workerData } from 'worker_threads';

/** Stack of the analysis thread: about 60 times the main thread's. */
const STACK_MB = 64;

/** What the worker cannot see of the terminal (its stdout is a pipe to the main thread). */
export interface TerminalInfo {
  readonly isTty: boolean;
  readonly columns?: number;
}

interface CliWorkerData {
  readonly shapelensCli: TerminalInfo;
}

/** On the analysis thread: the terminal as the main thread saw it; elsewhere null. */
export function workerIo(): TerminalInfo | null {
  if (isMainThread) return null;
  const data = workerData as Partial<CliWorkerData> | null;
  return data?.shapelensCli ?? null;
}

/**
 * Runs `script` (the CLI's bundle, dist/cli.js) with `argv` on a worker thread with a large stack.
 * False when no worker can be started: the caller then runs on the main thread.
 * SHAPELENS_MAIN_THREAD=1 keeps everything on the main thread.
 */
export function runWithLargeStack(script: string, argv: readonly string[], terminal: TerminalInfo): boolean {
  if (process.env.SHAPELENS_MAIN_THREAD === '1') return false;
  let worker: Worker;
  try {
    const data: CliWorkerData = { shapelensCli: terminal };
    worker = new Worker(script, { argv: [...argv], workerData: data, resourceLimits: { stackSizeMb: STACK_MB } });
  } catch {
    return false;
  }
  // A reader that goes away (`shapelens ... | head`) closes the pipe: stop quietly, as a
  // command line tool does, instead of dying on an unhandled EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      void worker.terminate();
      process.exit(process.exitCode ?? 0);
    });
  }
  worker.on('error', (e) => {
    process.stderr.write(`shapelens: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
  worker.on('exit', (code) => {
    if (process.exitCode === undefined) process.exitCode = code;
  });
  return true;
}
