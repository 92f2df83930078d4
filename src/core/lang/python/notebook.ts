// Jupyter notebooks (.ipynb, nbformat 4): the code cells become one program text, each cell's
// text followed by a '\n', with a map from program offsets to (cell, line, character) and back.
// IPython syntax that is not Python (magics, shell and help lines) is blanked on the way in
// (parse/ipython.ts). Each cell is parsed on its own, as Jupyter runs it: an unclosed bracket in
// one cell never swallows the next. Never throws.
import type { Module, Stmt, SyntaxProblem } from './ast';
import { parsePython } from './parse';
import { blankIPython } from './parse/ipython';

export interface NotebookCell {
  /** 1-based, counting code cells only (markdown and raw cells are skipped). */
  readonly index: number;
  /** The cell's text is program.text[start, end); a '\n' separator follows it. */
  readonly start: number;
  readonly end: number;
  /** 0-based line of the program where the cell starts. */
  readonly firstLine: number;
}

export interface NotebookProblem {
  readonly message: string;
  /** The code cell (1-based) it is about, if any. */
  readonly cell?: number;
}

export interface NotebookProgram {
  readonly text: string;
  readonly cells: readonly NotebookCell[];
  readonly problems: readonly NotebookProblem[];
}

export interface CellPosition {
  /** 1-based code cell index. */
  readonly cell: number;
  /** 0-based line within the cell. */
  readonly line: number;
  /** 0-based UTF-16 column. */
  readonly character: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The notebook's language when its metadata names one that is not Python, else null. */
function otherLanguage(metadata: unknown): string | null {
  if (!isRecord(metadata)) return null;
  const names: unknown[] = [];
  if (isRecord(metadata.language_info)) names.push(metadata.language_info.name);
  if (isRecord(metadata.kernelspec)) names.push(metadata.kernelspec.language);
  for (const n of names) {
    if (typeof n === 'string' && n.trim() !== '' && !/^python\d*$/i.test(n.trim())) return n;
  }
  return null;
}

/** A cell's `source`: a string, or lines as an array of strings (nbformat 4). */
function sourceText(source: unknown): string | null {
  if (typeof source === 'string') return source;
  if (Array.isArray(source) && source.every((s) => typeof s === 'string')) return source.join('');
  return null;
}

const EMPTY: NotebookProgram = { text: '', cells: [], problems: [] };

/** Reads an .ipynb file's text into a program of its code cells. */
export function readNotebook(jsonText: string): NotebookProgram {
  let doc: unknown;
  try {
    doc = JSON.parse(jsonText.charCodeAt(0) === 0xfeff ? jsonText.slice(1) : jsonText);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ...EMPTY, problems: [{ message: `The notebook is not valid JSON: ${why}` }] };
  }
  if (!isRecord(doc)) return { ...EMPTY, problems: [{ message: 'The notebook is not a JSON object with a list of cells.' }] };
  const format = doc.nbformat;
  if (typeof format === 'number' && format < 4) {
    return { ...EMPTY, problems: [{ message: `nbformat ${format} notebooks are not supported; save it with Jupyter to convert it to nbformat 4.` }] };
  }
  const language = otherLanguage(doc.metadata);
  if (language !== null) return { ...EMPTY, problems: [{ message: `The notebook's language is ${language}, not Python: its cells are not analysed.` }] };
  if (!Array.isArray(doc.cells)) return { ...EMPTY, problems: [{ message: 'The notebook has no list of cells (nbformat 4 keeps them in "cells").' }] };

  const problems: NotebookProblem[] = [];
  const sources: string[] = [];
  for (const raw of doc.cells) {
    if (!isRecord(raw) || raw.cell_type !== 'code') continue;
    const source = sourceText(raw.source);
    if (source === null) {
      const index = sources.length + 1;
      problems.push({ message: `Code cell ${index} has no readable source (a string or a list of strings).`, cell: index });
    }
    sources.push(source ?? '');
  }
  return { ...programFromCells(sources), problems };
}

/** The program of code cells given as texts (an editor's notebook cells, in order). */
export function programFromCells(sources: readonly string[]): NotebookProgram {
  const cells: NotebookCell[] = [];
  const parts: string[] = [];
  let offset = 0;
  let line = 0;
  for (const source of sources) {
    const text = blankIPython(source);
    cells.push({ index: cells.length + 1, start: offset, end: offset + text.length, firstLine: line });
    parts.push(text, '\n');
    offset += text.length + 1;
    line += lineBreaks(text, 0, text.length) + 1;
  }
  return { text: parts.join(''), cells, problems: [] };
}

/** Line breaks in text[from, to): `\r\n`, `\n` and `\r` each count once. */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) n++;
    else if (c === 0x0d) {
      n++;
      if (text.charCodeAt(i + 1) === 0x0a && i + 1 < to) i++;
    }
  }
  return n;
}

/**
 * Parses each code cell on its own (as Jupyter runs them, so a syntax error stays in its cell)
 * and joins them into one Module whose spans are offsets into program.text.
 */
export function parseNotebookProgram(program: NotebookProgram): Module {
  const body: Stmt[] = [];
  const syntaxErrors: SyntaxProblem[] = [];
  for (const cell of program.cells) {
    const parsed = parsePython(program.text.slice(cell.start, cell.end), cell.start);
    body.push(...parsed.body);
    syntaxErrors.push(...parsed.syntaxErrors);
  }
  return { body, syntaxErrors };
}

/**
 * The code cell holding a program offset: cells cover [start, end] (their end, where the
 * separator stands, counts as the end of their last line); offsets before the first cell or
 * after the last go to it.
 */
function cellAt(program: NotebookProgram, offset: number): NotebookCell | null {
  const cells = program.cells;
  if (cells.length === 0) return null;
  let lo = 0;
  let hi = cells.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (cells[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return cells[lo];
}

/** Cell, line and character of a program offset (clamped into the cells; cell 1, 0, 0 without any). */
export function cellPosition(program: NotebookProgram, offset: number): CellPosition {
  const cell = cellAt(program, offset);
  if (cell === null) return { cell: 1, line: 0, character: 0 };
  offset = Math.max(cell.start, Math.min(offset, cell.end));
  const text = program.text;
  let line = 0;
  let lineStart = cell.start;
  for (let i = cell.start; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) {
        // An offset between \r and \n still lies on the line the \r ends.
        if (i + 1 === offset) break;
        i++;
      }
      line++;
      lineStart = i + 1;
    }
  }
  return { cell: cell.index, line, character: offset - lineStart };
}

/**
 * The program offset of (cell, line, character); the character is clamped to the line's
 * length. Null for a cell or line that does not exist.
 */
export function programOffset(program: NotebookProgram, cell: number, line: number, character: number): number | null {
  const c = program.cells[cell - 1];
  if (!c || c.index !== cell || line < 0 || !Number.isInteger(line)) return null;
  const text = program.text;
  let i = c.start;
  for (let l = 0; l < line; l++) {
    while (i < c.end && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
    if (i >= c.end) return null;
    i += text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
  }
  let lineEnd = i;
  while (lineEnd < c.end && text.charCodeAt(lineEnd) !== 0x0a && text.charCodeAt(lineEnd) !== 0x0d) lineEnd++;
  return i + Math.max(0, Math.min(Math.floor(character), lineEnd - i));
}
