// Which model and layer the editor cursor is in, from the report alone. Pure, so it is
// unit-testable without VS Code. Shared by the panel and the status bar.
import type { FileReport, ModelReport, ReportRange } from '../../core/report';

/** A cursor: 1-based line; in a notebook, the 1-based code cell it is in and a cell-relative line. */
export interface CursorPlace {
  readonly line: number;
  readonly cell?: number;
}

/** Orders places: by cell first (files have none), then by line. */
function compare(a: CursorPlace, b: CursorPlace): number {
  return (a.cell ?? 0) - (b.cell ?? 0) || a.line - b.line;
}

function startOf(r: ReportRange): CursorPlace {
  return { line: r.line, cell: r.cell };
}

function endOf(r: ReportRange): CursorPlace {
  return { line: r.endLine, cell: r.cell };
}

function contains(r: ReportRange, at: CursorPlace): boolean {
  return compare(startOf(r), at) <= 0 && compare(at, endOf(r)) <= 0;
}

/** From the model's constructor or first layer to its last layer: the code that builds it. */
function extentContains(m: ModelReport, at: CursorPlace): boolean {
  let first = startOf(m.range);
  let last = endOf(m.range);
  for (const layer of m.layers) {
    if (compare(startOf(layer.range), first) < 0) first = startOf(layer.range);
    if (compare(endOf(layer.range), last) > 0) last = endOf(layer.range);
  }
  return compare(first, at) <= 0 && compare(at, last) <= 0;
}

/**
 * The model whose layers, call or building code enclose the cursor, and the layer under it.
 * Elsewhere: in a notebook the last model defined at or above the cursor (cells run in order,
 * so that is the model the cell works with), in a file the first model.
 */
export function modelAt(report: FileReport, at: CursorPlace): { model: number; layer: number | null } {
  let best: { model: number; layer: number | null } | null = null;
  report.models.forEach((m, mi) => {
    const layer = m.layers.findIndex((l) => contains(l.range, at));
    if (layer >= 0) best ??= { model: mi, layer };
    else if (contains(m.range, at)) best ??= { model: mi, layer: null };
  });
  if (best) return best;
  const building = report.models.findIndex((m) => extentContains(m, at));
  if (building >= 0) return { model: building, layer: null };
  if (at.cell !== undefined) {
    let above = -1;
    report.models.forEach((m, mi) => {
      if (compare(startOf(m.range), at) <= 0) above = mi;
    });
    if (above >= 0) return { model: above, layer: null };
  }
  return { model: 0, layer: null };
}

/** 1-based cursor line of a file → modelAt. */
export function modelAtLine(report: FileReport, line: number): { model: number; layer: number | null } {
  return modelAt(report, { line });
}
