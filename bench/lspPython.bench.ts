// Language server round trips for Python over a real connection (the built dist/server.js over
// stdio), debounce 0: a 2,000-line Keras file with 50 models, and a 40-cell notebook, each
// edited 100 times, didChange → publishDiagnostics of the edited document. Printed as medians
// and p95, beside the same server's TS figures from lsp.bench.ts.
import { performance } from 'perf_hooks';
import { generatePythonModelFile } from './generatePythonModels';
import { LspTestClient, positionAt } from '../test/lsp/support/lspClient';

const EDITS = 100;
const CELLS = 40;

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

async function pythonFile(client: LspTestClient): Promise<void> {
  const text = generatePythonModelFile(50);
  const uri = 'file:///bench/models.py';
  const t0 = performance.now();
  const first = await client.open(uri, text, 'python');
  const openMs = performance.now() - t0;
  const report = await client.request<{ models: unknown[] }>('shapelens/models', { uri });
  console.log(`python file: ${text.split('\n').length - 1} lines, ${report.models.length} models, ${first.length} diagnostics; open → diagnostics ${openMs.toFixed(1)} ms`);
  const rounds: number[] = [];
  for (let e = 0; e < EDITS; e++) {
    const current = client.text(uri);
    const model = (e * 2) % 50; // the CNNs: their SIZE constants
    const marker = `SIZE_${model} = `;
    const at = current.indexOf(marker) + marker.length;
    const end = current.indexOf('\n', at);
    const start = performance.now();
    const version = await client.change(uri, [{ range: { start: positionAt(current, at), end: positionAt(current, end) }, text: String(32 + (e % 9) * 4) }]);
    await client.diagnosticsFor(uri, version);
    rounds.push(performance.now() - start);
  }
  console.log(summary('lsp python didChange->diagnostics (2,000-line file)', rounds));
}

async function notebook(client: LspTestClient): Promise<void> {
  const cells = notebookCells(CELLS);
  const nb = await client.openNotebook('file:///bench/train.ipynb', cells.map((text) => ({ text })));
  for (const c of nb.cells) await client.diagnosticsFor(c.uri, 1);
  const report = await client.request<{ models: unknown[] }>('shapelens/models', { uri: nb.uri });
  const lines = cells.reduce((n, c) => n + c.split('\n').length - 1, 0);
  console.log(`notebook: ${cells.length} cells, ${lines} lines, ${report.models.length} models`);
  // Edits go to the cells that define a size constant (every CNN's), spread over the notebook.
  const sized = nb.cells.filter((c) => /SIZE_\d+ = /.test(client.text(c.uri)));
  if (sized.length === 0) throw new Error('no cell defines a SIZE constant');
  const rounds: number[] = [];
  for (let e = 0; e < EDITS; e++) {
    const cell = sized[(e * 7) % sized.length].uri;
    const current = client.text(cell);
    const marker = /SIZE_\d+ = /.exec(current) as RegExpExecArray;
    const at = marker.index + marker[0].length;
    const end = current.indexOf('\n', at);
    const start = performance.now();
    const version = await client.changeCell(nb, cell, [{ range: { start: positionAt(current, at), end: positionAt(current, end) }, text: String(32 + (e % 9) * 4) }]);
    await client.diagnosticsFor(cell, version);
    rounds.push(performance.now() - start);
  }
  console.log(summary(`lsp notebook didChange->diagnostics (${cells.length} cells)`, rounds));
}

async function main(): Promise<void> {
  const client = await LspTestClient.start({ debounceMs: 0 });
  try {
    await pythonFile(client);
    await notebook(client);
  } finally {
    await client.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
