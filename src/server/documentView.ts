// What one editor document sees of an analysis. A file sees all of its own analysis; a notebook
// cell is one document of many over one analysis (the notebook's code cells as one program):
// it sees the part of the program text it holds, at cell-local positions, and spans in other
// cells are addressed to those cells' URIs. Every LSP feature goes through this, so no feature
// needs to know whether it answers a file or a cell.
import type { Range } from 'vscode-languageserver';
import type { FileAnalysis, LineIndex, Span } from '../core/types';

export interface DocumentView {
  readonly uri: string;
  readonly analysis: FileAnalysis;
  /** This document's positions ↔ offsets into the analysed text. */
  readonly lines: LineIndex;
  /** Whether an offset of the analysed text lies in this document. */
  contains(offset: number): boolean;
  /** The document and range holding a span of the analysed text (another cell's, for spans outside this one). */
  locate(span: Span): { uri: string; range: Range };
}

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

/** A file's view: its whole analysis. */
export function fileView(analysis: FileAnalysis, uri: string): DocumentView {
  return {
    uri,
    analysis,
    lines: analysis.lines,
    contains: () => true,
    locate: (span) => ({ uri, range: toRange(analysis.lines, span) }),
  };
}

/**
 * The view of code cell `cell` (1-based, code cells only) of a notebook analysis. `cellUris`
 * are the URIs of the code cells in order; `analysis.cells` must be set (a notebook analysis).
 */
export function cellView(analysis: FileAnalysis, cellUris: readonly string[], cell: number): DocumentView {
  const cells = analysis.cells;
  const own = cells?.cellSpan(cell) ?? null;
  const uri = cellUris[cell - 1] ?? '';
  if (!cells || !own) return fileView({ ...analysis, models: [], findings: [] }, uri);
  const positionIn = (c: number, offset: number): { line: number; character: number } => {
    const span = cells.cellSpan(c) as Span;
    const at = cells.locate(Math.max(span.start, Math.min(offset, span.end)));
    return { line: at.line, character: at.character };
  };
  const lines: LineIndex = {
    positionAt: (offset) => positionIn(cell, offset),
    offsetAt: (position) => cells.offsetOf(cell, position.line, position.character) ?? own.end,
  };
  return {
    uri,
    analysis,
    lines,
    contains: (offset) => offset >= own.start && offset <= own.end,
    locate: (span) => {
      const home = cells.locate(span.start).cell;
      // A span that runs on into a later cell ends, for this cell's editor, where the cell does.
      return { uri: cellUris[home - 1] ?? uri, range: { start: positionIn(home, span.start), end: positionIn(home, span.end) } };
    },
  };
}
