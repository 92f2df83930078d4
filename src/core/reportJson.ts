// FileAnalysis → FileReport (src/core/report.ts): the JSON the CLI prints with --json, the
// language server answers `shapelens/models` with, and the panel draws. Positions become
// 1-based lines/columns here and nowhere else.
import { formatCount } from './format';
import type { DiagnosticReport, FileReport, JsonValue, LayerReport, ModelReport, ReportRange } from './report';
import { isUnknown, type AnalyzedModel, type CellMap, type ConfigValue, type FileAnalysis, type LineIndex, type MaybeShape, type Span } from './types';

/**
 * 1-based positions. In a notebook (`cells` given) lines and columns are relative to the code
 * cell the span starts in, and `cell` says which (1-based, counting code cells only).
 */
export function toRange(lines: LineIndex, span: Span, cells?: CellMap): ReportRange {
  if (cells) {
    const start = cells.locate(span.start);
    const end = cells.locate(span.end);
    // A span never crosses cells (each cell parses alone); clamp to the start cell's end if it did.
    const sameCell = end.cell === start.cell;
    return {
      line: start.line + 1,
      column: start.character + 1,
      endLine: sameCell ? end.line + 1 : start.line + 1,
      endColumn: sameCell ? end.character + 1 : start.character + 1,
      cell: start.cell,
    };
  }
  const start = lines.positionAt(span.start);
  const end = lines.positionAt(span.end);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/**
 * Which nodes a model lists. TF.js: a Sequential hides its implied InputLayer but lists an
 * explicit `tf.layers.inputLayer`; Keras 3's `Sequential.layers` hides its InputLayer always,
 * and a subclassed model lists only the layers it tracks. Functional models list their inputs.
 */
function isListed(model: AnalyzedModel, n: AnalyzedModel['nodes'][number]): boolean {
  if (n.node.op.kind !== 'input') return true;
  const g = model.graph;
  if (g.dialect === 'keras') return g.kind === 'functional' && (g.className === undefined || g.className === 'Functional');
  return g.kind === 'functional' || n.node.op.input.fromInputLayer === true;
}

export function toJsonValue(value: ConfigValue): JsonValue {
  if (value === undefined || value === null) return null;
  if (isUnknown(value)) return { unknown: value.reason };
  if (Array.isArray(value)) return (value as readonly ConfigValue[]).map(toJsonValue);
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value as Record<string, ConfigValue>)) if (v !== undefined) out[k] = toJsonValue(v);
    return out;
  }
  return value;
}

function shapeJson(shape: MaybeShape): (number | null)[] | null {
  return shape ? [...shape] : null;
}

/**
 * Sequential models list the layers the user added (TF.js's `model.layers` and Keras' summary
 * leave the implied InputLayer out, but list an explicit `tf.layers.inputLayer`); functional
 * models list their inputs too.
 */
function modelReport(model: AnalyzedModel, lines: LineIndex, cells: CellMap | undefined): ModelReport {
  const visible = model.nodes.filter((n) => isListed(model, n));
  const indexOf = new Map(visible.map((n, i) => [n.node.id, i]));
  const firstUse = new Map<object, number>();
  const layers: LayerReport[] = visible.map((n, index) => {
    const range = toRange(lines, n.node.span, cells);
    const decl = n.node.op.kind === 'layer' ? n.node.op.layer : null;
    const config: { [key: string]: JsonValue } = {};
    if (decl) for (const [k, v] of Object.entries(decl.config)) if (v !== undefined) config[k] = toJsonValue(v);
    const params = n.params;
    if (decl && !firstUse.has(decl)) firstUse.set(decl, index);
    const sharedWith = n.sharedRepeat && decl ? firstUse.get(decl) : undefined;
    return {
      index,
      className: n.className,
      name: n.displayName,
      line: range.line,
      ...(range.cell !== undefined ? { cell: range.cell } : {}),
      range,
      // Several outputs (a known first one): the list Keras reports.
      outputShape: n.outputShapes && n.outputShape ? n.outputShapes.map((s) => shapeJson(s) ?? []) : shapeJson(n.outputShape),
      inputShapes: n.inputShapes.map(shapeJson),
      params: params ? params.trainable + params.nonTrainable : null,
      trainableParams: params ? params.trainable : null,
      nonTrainableParams: params ? params.nonTrainable : null,
      paramsFormula: params ? paramsFormula(params.formula, params.trainable + params.nonTrainable) : null,
      macs: n.macs,
      receptiveField: n.receptiveField ? { size: [...n.receptiveField.size], jump: [...n.receptiveField.jump] } : null,
      inputs: n.node.inputs.flatMap((id) => (indexOf.has(id) ? [indexOf.get(id) as number] : [])),
      ...(n.node.inputOutputs ? { inputOutputs: n.node.inputs.flatMap((id, i) => (indexOf.has(id) ? [n.node.inputOutputs?.[i] ?? 0] : [])) } : {}),
      sharedRepeat: n.sharedRepeat,
      ...(sharedWith !== undefined ? { sharedWith } : {}),
      ...(decl?.operation ? { operation: true } : {}),
      ...(n.node.condition ? { condition: n.node.condition } : {}),
      ...(n.node.repeat ? { repeat: n.node.repeat } : {}),
      config,
    };
  });
  const range = toRange(lines, model.graph.span, cells);
  return {
    name: model.graph.name,
    line: range.line,
    ...(range.cell !== undefined ? { cell: range.cell } : {}),
    range,
    kind: model.graph.kind,
    ...(model.graph.className !== undefined ? { className: model.graph.className } : {}),
    ...(model.graph.dialect === 'keras' ? { displayName: model.graph.configName ?? model.graph.autoName ?? null } : {}),
    layers,
    totalParams: model.totalParams,
    ...(model.paramsRange ? { paramsRange: { min: model.paramsRange.min, max: model.paramsRange.max } } : {}),
    trainableParams: model.trainableParams,
    nonTrainableParams: model.nonTrainableParams,
    weightBytes: model.totalParams === null ? null : model.totalParams * 4,
    totalMacs: model.totalMacs,
    outputs: model.graph.outputs.flatMap((id) => (indexOf.has(id) ? [indexOf.get(id) as number] : [])),
    incomplete: model.graph.incomplete,
    ...(model.graph.unbound ? { unbound: true } : {}),
    ...(isDeferred(model) ? { deferred: true } : {}),
  };
}

/** A Keras Sequential with layers and no input: Keras defers its build. */
function isDeferred(model: AnalyzedModel): boolean {
  const g = model.graph;
  return g.dialect === 'keras' && g.kind === 'sequential' && !g.incomplete && g.nodes.length > 0 && g.nodes[0].op.kind !== 'input';
}

/** "(3·3·3 + 1)·32 = 896"; a bare number formula is not repeated ("0", not "0 = 0"). */
export function paramsFormula(formula: string, total: number): string {
  return formula.trim() === String(total) ? formula : `${formula} = ${formatCount(total)}`;
}

export function toFileReport(analysis: FileAnalysis, fileLabel: string): FileReport {
  const { lines, cells } = analysis;
  const diagnostics: DiagnosticReport[] = analysis.findings.map((f) => ({
    ...toRange(lines, f.span, cells),
    severity: f.severity,
    code: f.code,
    message: f.message,
    ...(f.modelIndex !== undefined ? { model: f.modelIndex } : {}),
    ...(f.related?.length ? { related: f.related.map((r) => ({ ...toRange(lines, r.span, cells), message: r.message })) } : {}),
    ...(f.fixes?.length
      ? { fixes: f.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((e) => ({ ...toRange(lines, e.span, cells), newText: e.newText })) })) }
      : {}),
  }));
  return {
    file: fileLabel,
    models: analysis.models.map((m) => modelReport(m, lines, cells)),
    diagnostics,
    syntaxErrors: analysis.syntaxErrors.length > 0,
  };
}
