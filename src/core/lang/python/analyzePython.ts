// Python analysis end to end: a script, or a notebook whose code cells form one program (read
// from the .ipynb JSON, or given cell by cell by an editor). Positions inside a notebook are
// reported per cell (CellMap); everything after extraction is the shared core.
import { inferModel } from '../../infer';
import { isNotebookFile } from '../../language';
import { createLineIndex } from '../../lineIndex';
import { lint } from '../../lint';
import { pythonSpelling } from '../../lint/pythonSpelling';
import type { CellMap, FileAnalysis, LintOptions } from '../../types';
import type { Module } from './ast';
import { extractPythonModule, mayImportKeras } from './extract';
import { cellPosition, parseNotebookProgram, programFromCells, programOffset, readNotebook, type NotebookProgram } from './notebook';
import { parsePython } from './parse';
import { DEFAULT_PY_LIMITS } from './context';
import type { ImportSession } from '../../workspace/workspace';

/** A notebook as an editor holds it: the text of each code cell, in order. */
export interface PythonSource {
  readonly cells: readonly string[];
}

/** Python files above this size (UTF-16 code units) are not analysed. */
export const MAX_PYTHON_CHARS = 2 * 1024 * 1024;

function cellMapOf(program: NotebookProgram): CellMap {
  return {
    count: program.cells.length,
    locate: (offset) => cellPosition(program, offset),
    cellSpan: (cell) => {
      const c = program.cells[cell - 1];
      return c ? { start: c.start, end: c.end } : null;
    },
    offsetOf: (cell, line, character) => programOffset(program, cell, line, character),
  };
}

function programOf(src: string | PythonSource, fileName: string): { text: string; notebook: NotebookProgram | null; unreadable?: string } {
  if (typeof src !== 'string') {
    const program = programFromCells(src.cells);
    return { text: program.text, notebook: program };
  }
  if (!isNotebookFile(fileName)) return { text: src, notebook: null };
  const program = readNotebook(src);
  const fatal = program.cells.length === 0 ? program.problems[0]?.message : undefined;
  return { text: program.text, notebook: program, ...(fatal ? { unreadable: fatal } : {}) };
}

/** A cheap text test: an import statement, which may name a module of the project. */
const IMPORT_STATEMENT = /^[ \t]*(?:from|import)[ \t]/m;

/** With a `session`, imports of the project's own modules are followed (workspace/). */
export function analyzePython(src: string | PythonSource, fileName: string, options: LintOptions, session: ImportSession | null = null): FileAnalysis {
  const { text, notebook, unreadable } = programOf(src, fileName);
  const base = {
    fileName,
    lines: createLineIndex(text),
    language: 'python' as const,
    ...(notebook ? { cells: cellMapOf(notebook) } : {}),
    ...(unreadable ? { unreadable } : {}),
  };
  if (text.length > MAX_PYTHON_CHARS) {
    const mb = (text.length / (1024 * 1024)).toFixed(1);
    const message = `ShapeLens skipped this file: it is ${mb} MB, above the ${MAX_PYTHON_CHARS / (1024 * 1024)} MB limit for analysis.`;
    const nl = text.indexOf('\n');
    return { ...base, models: [], findings: [{ code: 'file/too-large', severity: 'info', span: { start: 0, end: nl < 0 ? text.length : nl }, message }], syntaxErrors: [], importsTf: false };
  }
  // A program that imports the project's modules may build models with a builder from there.
  if (!mayImportKeras(text) && !(session && IMPORT_STATEMENT.test(text))) return { ...base, models: [], findings: [], syntaxErrors: [], importsTf: false };
  const module: Module = notebook ? parseNotebookProgram(notebook) : parsePython(text);
  const extracted = extractPythonModule(module, text, DEFAULT_PY_LIMITS, session);
  const models = extracted.models.map((graph) => inferModel(graph));
  return {
    ...base,
    models,
    findings: lint(text, models, extracted.problems, options, pythonSpelling),
    syntaxErrors: extracted.syntaxErrors,
    importsTf: extracted.importsTf,
  };
}
