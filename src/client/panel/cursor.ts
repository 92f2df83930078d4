// Which model and layer the editor cursor is in, from the report alone. Pure, so it is
// unit-testable without VS Code.
import type { FileReport, ReportRange } from '../../core/report';

function contains(r: ReportRange, line: number): boolean {
  return line >= r.line && line <= r.endLine;
}

/** 1-based cursor line → the model whose call or layers enclose it (else the first), and the layer under it. */
export function modelAtLine(report: FileReport, line: number): { model: number; layer: number | null } {
  let best: { model: number; layer: number | null } | null = null;
  report.models.forEach((m, mi) => {
    const layer = m.layers.findIndex((l) => contains(l.range, line));
    if (layer >= 0) best ??= { model: mi, layer };
    else if (contains(m.range, line)) best ??= { model: mi, layer: null };
  });
  return best ?? { model: 0, layer: null };
}
