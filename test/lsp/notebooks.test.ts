// Jupyter notebooks over a real LSP connection (LSP 3.17 notebook sync, as vscode-languageclient
// sends it: Python code cells only, markdown cells left out): diagnostics, hints, hovers, code
// actions and lenses addressed to the right cell at cell-local positions; edits in one cell
// re-analysing the notebook; cells added, moved and deleted; magics silent; and the report's
// cell numbers equal to the CLI's for the same .ipynb.
import * as assert from 'assert';
import type { CodeAction, Diagnostic, InlayHint, MarkupContent } from 'vscode-languageserver-protocol';
import { analyzeText } from '../../src/core/analyze';
import type { FileReport } from '../../src/core/report';
import { toFileReport } from '../../src/core/reportJson';
import { LspTestClient, positionAt, type TestNotebook } from './support/lspClient';
import { freshUri } from './support/helpers';

function label(h: InlayHint): string {
  return typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
}

const IMPORTS = `%matplotlib inline
!pip install -q keras
import keras
from keras import layers
`;
const CONSTANTS = `SIZE = 64
FILTERS = 32
`;
const MODEL = `model = keras.Sequential([
    keras.Input(shape=(SIZE, SIZE, 3)),
    layers.Conv2D(FILTERS, 3, activation='relu'),
    layers.MaxPooling2D(2),
])
`;
const HEAD = `model.add(layers.Conv2D(64, 3, activation='relu'))
model.add(layers.GlobalAveragePooling2D())
model.add(layers.Dense(10, activation='softmax'))
`;
/** The same head with a kernel Keras rejects once SIZE is small: 7×7 on the pooled map. */
const BAD_HEAD = `model.add(layers.Conv2D(64, 7))
model.add(layers.Flatten())
model.add(layers.Dense(10))
`;

/** Cells of a notebook as an editor holds them: markdown between code cells. */
function cells(head = HEAD): { text: string; kind?: 'code' | 'markdown' }[] {
  return [
    { text: IMPORTS },
    { text: '# A small CNN\nSizes first.', kind: 'markdown' },
    { text: CONSTANTS },
    { text: MODEL },
    { text: 'Then the head.', kind: 'markdown' },
    { text: head },
  ];
}

/** What the CLI reads for the same notebook saved as .ipynb. */
function ipynbOf(list: readonly { text: string; kind?: 'code' | 'markdown' }[]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { language: 'python', name: 'python3', display_name: 'Python 3' } },
    cells: list.map((c) => ({ cell_type: c.kind === 'markdown' ? 'markdown' : 'code', metadata: {}, source: c.text, ...(c.kind === 'markdown' ? {} : { outputs: [], execution_count: null }) })),
  });
}

async function waitFor(predicate: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('LSP: Jupyter notebooks', function () {
  this.timeout(60_000);
  let client: LspTestClient;
  beforeEach(async () => {
    client = await LspTestClient.start({ debounceMs: 0 });
  });
  afterEach(async () => {
    await client.stop();
  });

  async function open(list = cells()): Promise<TestNotebook> {
    const notebook = await client.openNotebook(freshUri('train.ipynb'), list);
    // Every Python code cell gets its own publish (possibly empty).
    for (const c of notebook.cells.filter((x) => x.kind === 'code')) await client.diagnosticsFor(c.uri, 1);
    return notebook;
  }

  const codeCell = (nb: TestNotebook, n: number): string => nb.cells.filter((c) => c.kind === 'code')[n - 1].uri;

  it('hints each layer in the cell that adds it, at cell-local positions, from one analysis of all cells', async () => {
    const nb = await open();
    const modelHints = ((await client.inlayHints(codeCell(nb, 3))) ?? []).filter((h) => label(h).startsWith('→')).map((h) => [label(h), h.position.line]);
    assert.deepStrictEqual(modelHints, [
      ['→ 62×62×32', 2],
      ['→ 31×31×32', 3],
    ]);
    const headHints = ((await client.inlayHints(codeCell(nb, 4))) ?? []).filter((h) => label(h).startsWith('→'));
    assert.deepStrictEqual(
      headHints.map((h) => [label(h), h.position]),
      [
        ['→ 29×29×64', positionAt(HEAD, HEAD.indexOf('\n'))],
        ['→ 64', { line: 1, character: 'model.add(layers.GlobalAveragePooling2D())'.length }],
        ['→ 10', { line: 2, character: "model.add(layers.Dense(10, activation='softmax'))".length }],
      ],
    );
    assert.deepStrictEqual(await client.inlayHints(codeCell(nb, 2)), [], 'the constants cell adds no layer');
    // Magics and shell lines are skipped: no finding anywhere.
    for (const c of nb.cells.filter((x) => x.kind === 'code')) {
      assert.ok(client.latestDiagnostics(c.uri).every((d) => d.severity !== 1), JSON.stringify(client.latestDiagnostics(c.uri)));
    }
    assert.deepStrictEqual(client.latestDiagnostics(codeCell(nb, 1)), []);
  });

  it('hovers a layer in a cell with its formula, and the model lens sits in the cell that builds it', async () => {
    const nb = await open();
    const cell = codeCell(nb, 3);
    const hover = await client.hover(cell, positionAt(MODEL, MODEL.indexOf('Conv2D') + 1));
    assert.match((hover?.contents as MarkupContent).value, /\(3·3·3 \+ 1\)·32 = 896/);
    assert.deepStrictEqual(hover?.range?.start, positionAt(MODEL, MODEL.indexOf('layers.Conv2D')));
    assert.strictEqual(await client.hover(codeCell(nb, 2), { line: 0, character: 2 }), null);
    const lenses = (await client.codeLens(cell)) ?? [];
    assert.ok(lenses.length > 0 && lenses.every((l) => l.range.start.line === 0), JSON.stringify(lenses));
    assert.deepStrictEqual(await client.codeLens(codeCell(nb, 4)), []);
  });

  it('puts a diagnostic on the cell that causes it, with a Python quick fix addressed to that cell', async () => {
    const nb = await open(cells(BAD_HEAD));
    await client.replaceCell(nb, codeCell(nb, 2), 'SIZE = 14\nFILTERS = 32\n'); // 14 → 12 → 6: a 7×7 kernel no longer fits
    const head = codeCell(nb, 4);
    let diagnostics: Diagnostic[] = [];
    await waitFor(() => {
      diagnostics = client.latestDiagnostics(head).filter((d) => d.severity === 1);
      return diagnostics.length > 0;
    }, 'the error in the head cell');
    assert.strictEqual(diagnostics.length, 1);
    const error = diagnostics[0];
    assert.strictEqual(error.code, 'shape/non-positive-dim');
    assert.strictEqual(error.range.start.line, 0, 'line 1 of its cell');
    assert.match(error.message, /7×7 kernel does not fit its 6×6 input/);
    // The related span ("produces the input") lies in the model cell: addressed to that cell.
    const related = error.relatedInformation ?? [];
    assert.ok(related.length > 0 && related.every((r) => r.location.uri === codeCell(nb, 3)), JSON.stringify(related));
    for (const n of [1, 2, 3]) assert.ok(client.latestDiagnostics(codeCell(nb, n)).every((d) => d.severity !== 1));
    const actions = ((await client.codeActions(head, error.range, [error])) ?? []) as CodeAction[];
    const fix = actions.find((a) => /padding='same'/.test(a.title));
    assert.ok(fix?.edit?.changes, JSON.stringify(actions));
    assert.deepStrictEqual(Object.keys(fix.edit.changes), [head]);
    assert.deepStrictEqual(fix.edit.changes[head].map((e) => e.newText), [", padding='same'"]);
  });

  it('re-analyses on an edit in an earlier cell: a constant changed in cell 2 updates the hints of cell 4', async () => {
    const nb = await open();
    const head = codeCell(nb, 4);
    assert.strictEqual(label(((await client.inlayHints(head)) ?? [])[0]), '→ 29×29×64');
    await client.replaceCell(nb, codeCell(nb, 2), 'SIZE = 128\nFILTERS = 32\n');
    await waitFor(async () => label(((await client.inlayHints(head)) ?? [])[0] ?? { label: '' } as InlayHint) === '→ 61×61×64', 'the new head hint');
    assert.strictEqual(label(((await client.inlayHints(codeCell(nb, 3))) ?? []).filter((h) => label(h).startsWith('→'))[0]), '→ 126×126×32');
  });

  it('keeps every cell right when cells are added, moved and deleted', async () => {
    const nb = await open();
    // Insert a code cell with a Dropout before the head (after the second markdown cell).
    const [inserted] = await client.spliceCells(nb, 5, 0, [{ text: 'model.add(layers.Dropout(0.5))\n' }]);
    await waitFor(async () => ((await client.inlayHints(inserted)) ?? []).length === 1, 'a hint in the new cell');
    assert.strictEqual(label(((await client.inlayHints(inserted)) ?? [])[0]), '→ 31×31×32');
    const report = await client.request<FileReport>('shapelens/models', { uri: inserted });
    assert.deepStrictEqual(report.models[0].layers.map((l) => [l.className, l.cell]), [
      ['Conv2D', 3],
      ['MaxPooling2D', 3],
      ['Dropout', 4],
      ['Conv2D', 5],
      ['GlobalAveragePooling2D', 5],
      ['Dense', 5],
    ]);
    // Move the head above the model: its layers now come first, on a model not yet built.
    const headIndex = nb.cells.findIndex((c) => c.uri === codeCell(nb, 5));
    await client.moveCell(nb, headIndex, 0);
    await waitFor(async () => (await client.request<FileReport>('shapelens/models', { uri: inserted })).models[0]?.layers.length === 3, 'the head gone from the model');
    // Delete the moved head: back to the model and the Dropout, and its diagnostics cleared.
    const head = nb.cells[0].uri;
    await client.spliceCells(nb, 0, 1);
    await waitFor(() => client.publishes.some((p) => p.uri === head && p.version === undefined && p.diagnostics.length === 0), 'the deleted cell cleared');
    await waitFor(async () => (await client.request<FileReport>('shapelens/models', { uri: inserted })).models[0]?.layers.length === 3, 'the model after the delete');
    const after = await client.request<FileReport>('shapelens/models', { uri: inserted });
    assert.deepStrictEqual(after.models[0].layers.map((l) => [l.className, l.cell]), [
      ['Conv2D', 3],
      ['MaxPooling2D', 3],
      ['Dropout', 4],
    ]);
  });

  it('reports the same cells, lines and shapes as the CLI reading the saved .ipynb', async () => {
    const list = cells(BAD_HEAD);
    const nb = await open(list);
    const lsp = await client.request<FileReport>('shapelens/models', { uri: nb.uri });
    const cli = toFileReport(analyzeText(ipynbOf(list), 'train.ipynb'), 'train.ipynb');
    assert.deepStrictEqual(
      lsp.models.map((m) => ({ cell: m.cell, line: m.line, layers: m.layers.map((l) => [l.cell, l.line, l.outputShape, l.params]) })),
      cli.models.map((m) => ({ cell: m.cell, line: m.line, layers: m.layers.map((l) => [l.cell, l.line, l.outputShape, l.params]) })),
    );
    assert.deepStrictEqual(
      lsp.diagnostics.map((d) => [d.code, d.cell, d.line]),
      cli.diagnostics.map((d) => [d.code, d.cell, d.line]),
    );
  });

  it('clears every cell when the notebook closes, and says nothing when Python is turned off', async () => {
    const nb = await open(cells(BAD_HEAD));
    await client.replaceCell(nb, codeCell(nb, 2), 'SIZE = 14\nFILTERS = 32\n');
    await waitFor(() => client.latestDiagnostics(codeCell(nb, 4)).length > 0, 'the error');
    await client.changeSettings({ debounceMs: 0, languages: ['typescript'] });
    await waitFor(() => client.latestDiagnostics(codeCell(nb, 4)).length === 0, 'python off');
    assert.deepStrictEqual(await client.inlayHints(codeCell(nb, 3)), []);
    await client.changeSettings({ debounceMs: 0 });
    await waitFor(() => client.latestDiagnostics(codeCell(nb, 4)).length > 0, 'python on again');
    await client.closeNotebook(nb);
    await waitFor(() => nb.cells.filter((c) => c.kind === 'code').every((c) => client.latestDiagnostics(c.uri).length === 0), 'all cells cleared');
  });
});
