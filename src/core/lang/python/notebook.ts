// TEMPORARY minimal notebook reader (the full one is being written in parallel and replaces
// this file): code cells joined into one program, each cell parsed on its own.
import type { Module } from './ast';
import { parsePython, shiftSpans } from './parse';

export interface NotebookCell {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly firstLine: number;
}

export interface NotebookProgram {
  readonly text: string;
  readonly cells: readonly NotebookCell[];
  readonly problems: readonly { readonly message: string; readonly cell?: number }[];
}

function blankMagics(source: string): string {
  return source
    .split('\n')
    .map((line) => (/^\s*(%|!)/.test(line) ? ' '.repeat(line.length) : line))
    .join('\n');
}

export function programFromCells(sources: readonly string[]): NotebookProgram {
  let text = '';
  let line = 0;
  const cells: NotebookCell[] = [];
  sources.forEach((src, i) => {
    const body = blankMagics(src);
    cells.push({ index: i + 1, start: text.length, end: text.length + body.length, firstLine: line });
    text += body + '\n';
    line += body.split('\n').length;
  });
  return { text, cells, problems: [] };
}

export function readNotebook(json: string): NotebookProgram {
  let nb: unknown;
  try {
    nb = JSON.parse(json);
  } catch (e) {
    return { text: '', cells: [], problems: [{ message: `not a notebook: ${(e as Error).message}` }] };
  }
  const cells = (nb as { cells?: unknown }).cells;
  if (!Array.isArray(cells)) return { text: '', cells: [], problems: [{ message: 'not a notebook: no cells' }] };
  const sources: string[] = [];
  for (const c of cells as { cell_type?: unknown; source?: unknown }[]) {
    if (c.cell_type !== 'code') continue;
    sources.push(Array.isArray(c.source) ? (c.source as string[]).join('') : typeof c.source === 'string' ? c.source : '');
  }
  return programFromCells(sources);
}

export function parseNotebookProgram(program: NotebookProgram): Module {
  const body: Module['body'][number][] = [];
  const syntaxErrors: Module['syntaxErrors'][number][] = [];
  for (const cell of program.cells) {
    const m = shiftSpans(parsePython(program.text.slice(cell.start, cell.end)), cell.start);
    body.push(...m.body);
    syntaxErrors.push(...m.syntaxErrors);
  }
  return { body, syntaxErrors };
}

export function cellPosition(program: NotebookProgram, offset: number): { cell: number; line: number; character: number } {
  let cell = program.cells[0];
  for (const c of program.cells) if (c.start <= offset) cell = c;
  if (!cell) return { cell: 1, line: 0, character: offset };
  const before = program.text.slice(cell.start, Math.min(offset, cell.end + 1));
  const lines = before.split('\n');
  return { cell: cell.index, line: lines.length - 1, character: lines[lines.length - 1].length };
}
