// FileAnalysis → FileReport (src/core/report.ts): the JSON the CLI prints with --json, the
// language server answers `shapelens/models` with, and the panel draws. Positions become
// 1-based lines/columns here and nowhere else.
import { formatCount } from './format';
import { print as printExpr } from './symbolic/print';
import type { DiagnosticReport, FileReport, JsonValue, LayerCall, LayerReport, ModelReport, ReportRange } from './report';
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

/** Where a graph node stands in the report: its layer's index, and which application of it. */
interface Placement {
  readonly layer: number;
  readonly call: number;
}

/** Zeros left out: the field is present only when some entry is not 0. */
function unlessAllZero(values: readonly number[]): number[] | undefined {
  return values.some((v) => v !== 0) ? [...values] : undefined;
}

/**
 * Sequential models list the layers the user added (TF.js's `model.layers` and Keras' summary
 * leave the implied InputLayer out, but list an explicit `tf.layers.inputLayer`); functional
 * models list their inputs too. A layer object applied several times is listed once, at its
 * first application, with every application in `calls`.
 */
function modelReport(model: AnalyzedModel, lines: LineIndex, cells: CellMap | undefined): ModelReport {
  const visible = model.nodes.filter((n) => isListed(model, n));
  // Each application's place: the first application of a layer object opens a listed layer.
  const place = new Map<number, Placement>();
  const firstOf = new Map<object, number>();
  const applications: AnalyzedModel['nodes'][number][][] = [];
  for (const n of visible) {
    const decl = n.node.op.kind === 'layer' ? n.node.op.layer : null;
    const layer = decl ? firstOf.get(decl) : undefined;
    if (decl && layer !== undefined && n.sharedRepeat) {
      place.set(n.node.id, { layer, call: applications[layer].length });
      applications[layer].push(n);
      continue;
    }
    if (decl) firstOf.set(decl, applications.length);
    place.set(n.node.id, { layer: applications.length, call: 0 });
    applications.push([n]);
  }
  const producers = (n: AnalyzedModel['nodes'][number]) => {
    const known = n.node.inputs.flatMap((id, i) => {
      const p = place.get(id);
      return p ? [{ ...p, output: n.node.inputOutputs?.[i] ?? 0 }] : [];
    });
    return {
      inputs: known.map((p) => p.layer),
      inputNodes: unlessAllZero(known.map((p) => p.call)),
      inputOutputs: n.node.inputOutputs ? unlessAllZero(known.map((p) => p.output)) : undefined,
    };
  };
  const outputShapeOf = (n: AnalyzedModel['nodes'][number]): LayerReport['outputShape'] =>
    // Several outputs (a known first one): the list Keras reports.
    n.outputShapes && n.outputShape ? n.outputShapes.map((s) => shapeJson(s) ?? []) : shapeJson(n.outputShape);
  const layers: LayerReport[] = applications.map((calls, index) => {
    const n = calls[0];
    const range = toRange(lines, n.node.span, cells);
    const decl = n.node.op.kind === 'layer' ? n.node.op.layer : null;
    const config: { [key: string]: JsonValue } = {};
    if (decl) for (const [k, v] of Object.entries(decl.config)) if (v !== undefined) config[k] = toJsonValue(v);
    const params = n.params;
    const wired = producers(n);
    return {
      index,
      className: n.className,
      name: n.displayName,
      line: range.line,
      ...(range.cell !== undefined ? { cell: range.cell } : {}),
      range,
      outputShape: outputShapeOf(n),
      inputShapes: n.inputShapes.map(shapeJson),
      ...(n.symbolicShape ? { symbolicShape: n.symbolicShape.map((d) => (d === null || typeof d === 'number' ? d : printExpr(d, 'plain'))) } : {}),
      ...(n.symbolicInput ? { symbolicInputShape: n.symbolicInput.map((d) => (d === null || typeof d === 'number' ? d : printExpr(d, 'plain'))) } : {}),
      params: params ? params.trainable + params.nonTrainable : null,
      ...(n.paramsExpr ? { paramsExpr: printExpr(n.paramsExpr, 'plain') } : {}),
      trainableParams: params ? params.trainable : null,
      nonTrainableParams: params ? params.nonTrainable : null,
      paramsFormula: params ? paramsFormula(params.formula, params.trainable + params.nonTrainable) : null,
      // A shared layer computes once per application: its MACs are theirs together.
      macs: calls.reduce<number | null>((sum, c) => (sum === null || c.macs === null ? null : sum + c.macs), 0),
      receptiveField: n.receptiveField ? { size: [...n.receptiveField.size], jump: [...n.receptiveField.jump] } : null,
      inputs: wired.inputs,
      ...(wired.inputNodes ? { inputNodes: wired.inputNodes } : {}),
      ...(wired.inputOutputs ? { inputOutputs: wired.inputOutputs } : {}),
      sharedRepeat: false,
      ...(calls.length > 1 ? { calls: calls.map((c) => callReport(c, producers(c), outputShapeOf(c), lines, cells)) } : {}),
      ...(decl?.operation ? { operation: true } : {}),
      ...(n.node.condition ? { condition: n.node.condition } : {}),
      ...(n.node.repeat ? { repeat: n.node.repeat } : {}),
      config,
    };
  });
  const outputs = model.graph.outputs.flatMap((id) => {
    const p = place.get(id);
    return p ? [p] : [];
  });
  const outputNodes = unlessAllZero(outputs.map((p) => p.call));
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
    ...(model.symbols ? { symbols: model.symbols.map((s) => ({ name: s.name, range: toRange(lines, s.span, cells), why: s.why })) } : {}),
    totalParams: model.totalParams,
    ...(model.totalParamsExpr ? { totalParamsExpr: printExpr(model.totalParamsExpr, 'plain') } : {}),
    ...(model.paramsRange ? { paramsRange: { min: model.paramsRange.min, max: model.paramsRange.max } } : {}),
    trainableParams: model.trainableParams,
    nonTrainableParams: model.nonTrainableParams,
    weightBytes: model.totalParams === null ? null : model.totalParams * 4,
    totalMacs: model.totalMacs,
    outputs: outputs.map((p) => p.layer),
    ...(outputNodes ? { outputNodes } : {}),
    incomplete: model.graph.incomplete,
    ...(model.graph.unbound ? { unbound: true } : {}),
    ...(isDeferred(model) ? { deferred: true } : {}),
  };
}

function callReport(
  n: AnalyzedModel['nodes'][number],
  wired: { inputs: number[]; inputNodes?: number[]; inputOutputs?: number[] },
  outputShape: LayerReport['outputShape'],
  lines: LineIndex,
  cells: CellMap | undefined,
): LayerCall {
  const range = toRange(lines, n.node.span, cells);
  return {
    line: range.line,
    ...(range.cell !== undefined ? { cell: range.cell } : {}),
    range,
    inputs: wired.inputs,
    ...(wired.inputNodes ? { inputNodes: wired.inputNodes } : {}),
    ...(wired.inputOutputs ? { inputOutputs: wired.inputOutputs } : {}),
    inputShapes: n.inputShapes.map(shapeJson),
    outputShape,
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
    ...(f.occurrences !== undefined ? { occurrences: f.occurrences } : {}),
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
