// Language server round trips for Python over a real connection (the built dist/server.js over
// stdio), debounce 0: a 2,000-line Keras file with 50 models, and a 40-cell notebook, each
// edited 100 times, didChange → publishDiagnostics of the edited document. Printed as medians
// and p95, beside the same server's TS figures from lsp.bench.ts. Each is measured twice: as
// incremental changes (a range and its new text, what VS Code sends), then as full-text
// changes (the whole document or cell, what simpler clients send) on a fresh server, so both
// pay the same JIT warm-up. As in lsp.bench.ts, edits are paced EDIT_PACE_MS apart (start to
// start): slower than the server's burst detector (burst.ts), which would otherwise add its own
// deliberate 100 ms pause to every fifth edit once an edit takes less than 20 ms.
import { performance } from 'perf_hooks';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { BURST_EDITS, BURST_WINDOW_MS } from '../src/server/burst';
import { generatePythonModelFile } from './generatePythonModels';
import { LspTestClient, positionAt } from '../test/lsp/support/lspClient';

const EDITS = 100;
const CELLS = 40;
/** Start-to-start spacing of measured edits: a little over the burst detector's threshold. */
const EDIT_PACE_MS = Math.ceil((BURST_WINDOW_MS / (BURST_EDITS - 1)) * 1.2);

type ChangeMode = 'incremental' | 'full-text';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until EDIT_PACE_MS have passed since the last edit started; returns the new start. */
async function paced(lastStart: number): Promise<number> {
  const wait = lastStart + EDIT_PACE_MS - performance.now();
  if (wait > 0) await sleep(wait);
  return performance.now();
}

/** `text[at, end)` replaced by `value`, as a change of the given kind to a document holding `text`. */
function changeOf(mode: ChangeMode, text: string, at: number, end: number, value: string): TextDocumentContentChangeEvent {
  return mode === 'incremental' ? { range: { start: positionAt(text, at), end: positionAt(text, end) }, text: value } : { text: text.slice(0, at) + value + text.slice(end) };
}

/** What a figure's label adds for the mode: nothing for incremental changes, whose lines stay as they always were. */
function modeNote(mode: ChangeMode): string {
  return mode === 'incremental' ? '' : ', full-text';
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(label: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `${label}: median ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`;
}

/** The generated script cut into `count` cells at top-level statements: a notebook's shape. */
export function notebookCells(count: number): string[] {
  const text = generatePythonModelFile(count - 1);
  const blocks = text.split(/\n(?=# Model \d+:)/);
  return blocks.map((b) => (b.endsWith('\n') ? b : b + '\n'));
}

async function pythonFile(client: LspTestClient, mode: ChangeMode): Promise<void> {
  const text = generatePythonModelFile(50);
  const uri = 'file:///bench/models.py';
  const t0 = performance.now();
  const first = await client.open(uri, text, 'python');
  const openMs = performance.now() - t0;
  const report = await client.request<{ models: unknown[] }>('shapelens/models', { uri });
  if (mode === 'incremental') console.log(`python file: ${text.split('\n').length - 1} lines, ${report.models.length} models, ${first.length} diagnostics; open → diagnostics ${openMs.toFixed(1)} ms`);
  const rounds: number[] = [];
  let lastStart = 0;
  for (let e = 0; e < EDITS; e++) {
    const current = client.text(uri);
    const model = (e * 2) % 50; // the CNNs: their SIZE constants
    const marker = `SIZE_${model} = `;
    const at = current.indexOf(marker) + marker.length;
    const end = current.indexOf('\n', at);
    const change = changeOf(mode, current, at, end, String(32 + (e % 9) * 4));
    const start = await paced(lastStart);
    lastStart = start;
    const version = await client.change(uri, [change]);
    await client.diagnosticsFor(uri, version);
    rounds.push(performance.now() - start);
  }
  console.log(summary(`lsp python didChange->diagnostics (2,000-line file${modeNote(mode)})`, rounds));
}

async function notebook(client: LspTestClient, mode: ChangeMode): Promise<void> {
  const cells = notebookCells(CELLS);
  const nb = await client.openNotebook('file:///bench/train.ipynb', cells.map((text) => ({ text })));
  for (const c of nb.cells) await client.diagnosticsFor(c.uri, 1);
  const report = await client.request<{ models: unknown[] }>('shapelens/models', { uri: nb.uri });
  const lines = cells.reduce((n, c) => n + c.split('\n').length - 1, 0);
  if (mode === 'incremental') console.log(`notebook: ${cells.length} cells, ${lines} lines, ${report.models.length} models`);
  // Edits go to the cells that define a size constant (every CNN's), spread over the notebook.
  const sized = nb.cells.filter((c) => /SIZE_\d+ = /.test(client.text(c.uri)));
  if (sized.length === 0) throw new Error('no cell defines a SIZE constant');
  const rounds: number[] = [];
  let lastStart = 0;
  for (let e = 0; e < EDITS; e++) {
    const cell = sized[(e * 7) % sized.length].uri;
    const current = client.text(cell);
    const marker = /SIZE_\d+ = /.exec(current) as RegExpExecArray;
    const at = marker.index + marker[0].length;
    const end = current.indexOf('\n', at);
    const change = changeOf(mode, current, at, end, String(32 + (e % 9) * 4));
    const start = await paced(lastStart);
    lastStart = start;
    const version = await client.changeCell(nb, cell, [change]);
    await client.diagnosticsFor(cell, version);
    rounds.push(performance.now() - start);
  }
  console.log(summary(`lsp notebook didChange->diagnostics (${cells.length} cells${modeNote(mode)})`, rounds));
}

/** Both documents edited with `mode` changes, on a server of their own. */
async function round(mode: ChangeMode): Promise<void> {
  const client = await LspTestClient.start({ debounceMs: 0 });
  try {
    await pythonFile(client, mode);
    await notebook(client, mode);
  } finally {
    await client.stop();
  }
}

async function main(): Promise<void> {
  await round('incremental');
  console.log(`python edits paced ${EDIT_PACE_MS} ms apart (start to start), debounce 0; ${EDITS} edits per document and mode, the full-text ones on a fresh server`);
  await round('full-text');
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
