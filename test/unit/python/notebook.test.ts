import { strict as assert } from 'assert';
import type * as A from '../../../src/core/lang/python/ast';
import { cellPosition, parseNotebookProgram, programFromCells, programOffset, readNotebook, type NotebookProgram } from '../../../src/core/lang/python/notebook';

type Cell = { cell_type: 'code' | 'markdown' | 'raw'; source: string | string[] };

function notebook(cells: Cell[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'python3', language: 'python' } }, cells, ...extra });
}

const code = (source: string | string[]): Cell => ({ cell_type: 'code', source });
const markdown = (source: string): Cell => ({ cell_type: 'markdown', source });

/** The text of a statement of a parsed program. */
function textOf(program: NotebookProgram, s: { span: { start: number; end: number } }): string {
  return program.text.slice(s.span.start, s.span.end);
}

const CLASSIC = [
  markdown('# MNIST\nA small dense network.'),
  code(['import keras\n', 'from keras import layers\n']),
  markdown('## The model'),
  code('model = keras.Sequential([\n    layers.Input(shape=(784,)),\n    layers.Dense(10),\n])'),
  { cell_type: 'raw' as const, source: 'not code' },
  code('model.compile(optimizer="adam", loss="mse")\nmodel.summary()\n'),
];

describe('notebooks: reading .ipynb', () => {
  it('joins the code cells in order, each followed by a line break, with a map of cells', () => {
    const p = readNotebook(notebook(CLASSIC));
    assert.deepEqual(p.problems, []);
    assert.equal(
      p.text,
      'import keras\nfrom keras import layers\n\n' +
        'model = keras.Sequential([\n    layers.Input(shape=(784,)),\n    layers.Dense(10),\n])\n' +
        'model.compile(optimizer="adam", loss="mse")\nmodel.summary()\n\n',
    );
    assert.deepEqual(
      p.cells.map((c) => [c.index, c.firstLine, p.text.slice(c.start, c.end).split('\n')[0]]),
      [
        [1, 0, 'import keras'],
        [2, 3, 'model = keras.Sequential(['],
        [3, 7, 'model.compile(optimizer="adam", loss="mse")'],
      ],
    );
    for (const c of p.cells) assert.equal(p.text[c.end], '\n');
  });

  it('parses each cell into one module whose spans are offsets into the program text', () => {
    const p = readNotebook(notebook(CLASSIC));
    const m = parseNotebookProgram(p);
    assert.deepEqual(m.syntaxErrors, []);
    assert.deepEqual(m.body.map((s) => s.kind), ['Import', 'ImportFrom', 'Assign', 'ExprStmt', 'ExprStmt']);
    assert.equal(textOf(p, m.body[3]), 'model.compile(optimizer="adam", loss="mse")');
    const call = (m.body[2] as A.Assign).value as A.Call;
    assert.equal(textOf(p, { span: call.argsSpan }).startsWith('([\n    layers.Input'), true);
  });

  it('a syntax error in one cell never swallows the next: its statements survive', () => {
    const p = readNotebook(notebook([code('import keras\n'), code('model = keras.Sequential([\n    keras.layers.Dense(10)\n'), code('x = 1\nprint(x)\n')]));
    const m = parseNotebookProgram(p);
    assert.deepEqual(m.body.map((s) => s.kind), ['Import', 'ErrorStmt', 'Assign', 'ExprStmt']);
    assert.equal(textOf(p, m.body[2]), 'x = 1');
    assert.deepEqual(m.syntaxErrors.map((e) => [e.message, cellPosition(p, e.span.start)]), [["'[' was never closed", { cell: 2, line: 0, character: 25 }]]);
  });

  it('source as a list of lines and as one string give the same program', () => {
    const lines = readNotebook(notebook([code(['x = 1\n', 'y = 2'])]));
    const joined = readNotebook(notebook([code('x = 1\ny = 2')]));
    assert.equal(lines.text, 'x = 1\ny = 2\n');
    assert.deepEqual(lines, joined);
  });

  it('CRLF inside a cell: a line break counts once, in both directions', () => {
    const p = readNotebook(notebook([code('a = 1\r\nb = 2\r\n'), code('c = 3')]));
    const m = parseNotebookProgram(p);
    assert.deepEqual(m.body.map((s) => textOf(p, s)), ['a = 1', 'b = 2', 'c = 3']);
    const b = m.body[1].span.start;
    assert.deepEqual(cellPosition(p, b), { cell: 1, line: 1, character: 0 });
    assert.equal(programOffset(p, 1, 1, 4), b + 4);
    assert.deepEqual(cellPosition(p, m.body[2].span.start + 2), { cell: 2, line: 0, character: 2 });
    assert.equal(p.cells[1].firstLine, 3);
  });

  it('cellPosition and programOffset are inverse on every offset of every cell', () => {
    const p = readNotebook(notebook(CLASSIC));
    for (const c of p.cells) {
      for (let offset = c.start; offset <= c.end; offset++) {
        const pos = cellPosition(p, offset);
        assert.equal(pos.cell, c.index);
        assert.equal(programOffset(p, pos.cell, pos.line, pos.character), offset);
      }
    }
    assert.equal(programOffset(p, 4, 0, 0), null, 'no fourth code cell');
    assert.equal(programOffset(p, 1, 9, 0), null, 'no tenth line in cell 1');
    assert.equal(programOffset(p, 1, 0, 999), p.cells[0].start + 'import keras'.length, 'character clamped to the line');
  });

  it('an empty notebook is an empty program without problems', () => {
    const p = readNotebook(notebook([]));
    assert.deepEqual(p, { text: '', cells: [], problems: [] });
    assert.deepEqual(parseNotebookProgram(p), { body: [], syntaxErrors: [] });
    assert.deepEqual(cellPosition(p, 0), { cell: 1, line: 0, character: 0 });
  });

  it('invalid JSON, nbformat 3, another language, a cell without source: clear problems', () => {
    const broken = readNotebook('{"cells": [');
    assert.equal(broken.cells.length, 0);
    assert.match(broken.problems[0].message, /^The notebook is not valid JSON: /);
    const v3 = readNotebook(JSON.stringify({ nbformat: 3, worksheets: [{ cells: [{ cell_type: 'code', input: 'x = 1' }] }] }));
    assert.equal(v3.cells.length, 0);
    assert.match(v3.problems[0].message, /nbformat 3 notebooks are not supported/);
    const r = readNotebook(notebook([code('x <- 1')], { metadata: { kernelspec: { name: 'ir', language: 'R' }, language_info: { name: 'R' } } }));
    assert.deepEqual([r.cells.length, r.problems[0].message], [0, "The notebook's language is R, not Python: its cells are not analysed."]);
    const noSource = readNotebook(JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'code' }, { cell_type: 'code', source: 'x = 1' }] }));
    assert.deepEqual(noSource.problems, [{ message: 'Code cell 1 has no readable source (a string or a list of strings).', cell: 1 }]);
    assert.equal(noSource.cells.length, 2);
    assert.equal(readNotebook('[1, 2]').problems[0].message, 'The notebook is not a JSON object with a list of cells.');
  });
});

describe('notebooks: IPython syntax is blanked, never a finding', () => {
  function program(...sources: string[]): { p: NotebookProgram; m: A.Module } {
    const p = programFromCells(sources);
    return { p, m: parseNotebookProgram(p) };
  }

  it('a cell of only line magics and shell lines has no statements and no errors, and keeps its length', () => {
    const src = '%matplotlib inline\n!pip install keras\n%time x = 1\n';
    const { p, m } = program(src);
    assert.deepEqual(m, { body: [], syntaxErrors: [] });
    assert.equal(p.text, src.replace(/[^\n]/g, ' ') + '\n');
  });

  it('shell assignments, help lines and magics between statements; the statements stay where they were', () => {
    const { p, m } = program('files = !ls\nimport keras\nmodel?\n??keras.layers\nkeras.layers.Dense??\nx = 1 % 3\n');
    assert.deepEqual(m.syntaxErrors, []);
    assert.deepEqual(m.body.map((s) => textOf(p, s)), ['import keras', 'x = 1 % 3']);
  });

  it('cell magics: %%bash blanks the whole cell, %%time only its first line (the rest is Python)', () => {
    const { m: bash } = program('%%bash\nls -la | grep "("\n');
    assert.deepEqual(bash, { body: [], syntaxErrors: [] });
    const { p, m } = program('%%time\nmodel.fit(x, y)\n', '%%capture out\ny = 2\n');
    assert.deepEqual(m.syntaxErrors, []);
    assert.deepEqual(m.body.map((s) => textOf(p, s)), ['model.fit(x, y)', 'y = 2']);
  });

  it('a magic that was the only statement of a block becomes `pass`, so the block stays valid', () => {
    const { p, m } = program('if gpu:\n    %time train()\nelse:\n    !nvidia-smi\nz = 3\n');
    assert.deepEqual(m.syntaxErrors, []);
    const s = m.body[0] as A.If;
    assert.deepEqual([s.body.map((b) => b.kind), s.orelse.map((b) => b.kind)], [['Pass'], ['Pass']]);
    assert.equal(p.text.length, 'if gpu:\n    %time train()\nelse:\n    !nvidia-smi\nz = 3\n'.length + 1);
  });

  it('lines inside strings and brackets are Python, whatever they start with', () => {
    const src = 'doc = """\n%not a magic\n!nor a shell line\n"""\nxs = [1,\n  !True if False else 2]\n';
    const { p, m } = program(src);
    assert.equal(((m.body[0] as A.Assign).value as A.Str).value, '\n%not a magic\n!nor a shell line\n');
    assert.equal(p.text.slice(0, src.length), src);
  });
});
