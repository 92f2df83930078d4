// Keras-style `model.summary()` tables for every model of a file, followed by that model's
// findings. Used by the CLI and the "Show Model Summary" document (coloured by
// syntaxes/shapelens-summary.tmLanguage.json, so keep the line shapes stable).
import { displayExpr, formatReportShape } from './symbolic/reportText';
import { formatBytes, formatCompact, formatCount, formatParamsTotal, formatShapeHint, formatShapeKeras } from './format';
import { primaryShape, type DiagnosticReport, type FileReport, type ModelReport } from './report';
import { toFileReport } from './reportJson';
import { kerasModelSummary } from './summary/kerasSummary';
import type { FileAnalysis } from './types';

export { formatCount, formatShapeHint };

const SEVERITY_MARK: Record<DiagnosticReport['severity'], string> = { error: 'error', warning: 'warning', info: 'info' };

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text + ' '.repeat(width - text.length);
}

function modelTitle(model: ModelReport): string {
  if (model.unbound) return `Layers applied from line ${model.line}, not yet collected by tf.model()`;
  const name = model.name ?? '(unnamed)';
  return `Model: "${name}" (${model.kind}, line ${model.line})${model.incomplete ? ' — partly unknown' : ''}`;
}

/** Producers of every application; a shared producer with the node that made the tensor, as `dense[1][0]`. */
function connectedTo(model: ModelReport, layer: ModelReport['layers'][number]): string {
  return (layer.calls ?? [layer])
    .flatMap((call) =>
      call.inputs.map((j, k) => {
        const producer = model.layers[j];
        if (!producer) return '?';
        return producer.calls ? `${producer.name}[${call.inputNodes?.[k] ?? 0}][0]` : producer.name;
      }),
    )
    .join(', ');
}

function modelTable(model: ModelReport): string[] {
  const functional = model.kind === 'functional';
  const heads = ['Layer (type)', 'Output Shape', 'Param #', 'MACs', 'Connected to'].slice(0, functional ? 5 : 4);
  const rows = model.layers.map((layer) => {
    const cells = [
      `${layer.name} (${layer.className ?? 'unknown'})`,
      layer.symbolicShape ? formatReportShape(layer.symbolicShape) : formatShapeKeras(primaryShape(layer.outputShape)),
      layer.params === null ? (layer.paramsExpr ? displayExpr(layer.paramsExpr, true) : '?') : formatCount(layer.params),
      layer.macs === null ? '?' : formatCompact(layer.macs),
    ];
    // A shared layer: the inputs of every application.
    if (functional) cells.push(connectedTo(model, layer));
    return cells;
  });
  // Keras' minimum widths, widened to fit the longest cell of each column.
  const minimum = [30, 24, 14, 10, 24];
  const cols = heads.map((h, i) => Math.max(minimum[i], h.length + 2, ...rows.map((r) => r[i].length + 2)));
  const width = cols.reduce((a, b) => a + b, 0) + 1;
  const row = (cells: string[]) => ' ' + cells.map((c, i) => pad(c, cols[i])).join('').trimEnd();
  const out = [modelTitle(model), '_'.repeat(width), row(heads), '='.repeat(width)];
  rows.forEach((cells, i) => {
    out.push(row(cells));
    const { condition, repeat } = model.layers[i];
    if (condition) out.push(`   only if ${condition}`);
    if (repeat) out.push(`   repeated ${repeat} (any number of times)`);
    if (i < rows.length - 1) out.push('');
  });
  out.push('='.repeat(width));
  const total = model.totalParams;
  const range = model.paramsRange;
  const rangeNote = range ? (range.max === null ? ' (a loop repeats layers with weights)' : ' (depends on the branches taken)') : '';
  const symbolic = model.totalParamsExpr ? displayExpr(model.totalParamsExpr, true) : null;
  out.push(`Total params: ${total !== null ? `${formatCount(total)} (${formatBytes(total * 4)})` : `${formatParamsTotal(null, range) ?? symbolic ?? '?'}${rangeNote}`}`);
  out.push(`Trainable params: ${model.trainableParams === null ? '?' : formatCount(model.trainableParams)}`);
  out.push(`Non-trainable params: ${model.nonTrainableParams === null ? '?' : formatCount(model.nonTrainableParams)}`);
  if (model.totalMacs !== null) out.push(`Multiply-accumulates: ${formatCompact(model.totalMacs)}`);
  out.push('_'.repeat(width));
  return out;
}

function findingLine(d: DiagnosticReport): string {
  const cell = d.cell !== undefined ? `cell ${d.cell} ` : '';
  return `  ${SEVERITY_MARK[d.severity]} ${cell}line ${d.line}:${d.column}  ${d.message}  [${d.code}]`;
}

/** Layers that exist only on some paths, after a Keras table (which has no room for them). */
function pathNotes(model: ModelReport): string[] {
  const notes: string[] = [];
  for (const l of model.layers) {
    if (l.condition) notes.push(`   ${l.name}: only if ${l.condition}`);
    if (l.repeat) notes.push(`   ${l.name}: repeated ${l.repeat} (any number of times)`);
  }
  return notes;
}

/** A Keras model: Keras's own table, then where it is in the file. */
function kerasModelBlock(model: ModelReport, options: SummaryOptions): string[] {
  const where = model.cell !== undefined ? `cell ${model.cell}, line ${model.line}` : `line ${model.line}`;
  const head = model.unbound ? `Layers applied from ${where}, not yet collected by keras.Model()` : `${model.className ?? 'Model'} at ${where}${model.incomplete ? ' — partly unknown' : ''}`;
  return [head, ...kerasModelSummary(model, options).trimEnd().split('\n'), ...pathNotes(model)];
}

export interface SummaryOptions {
  /** Keras tables: the terminal width Keras would see (its summary adapts to it). */
  readonly terminalColumns?: number;
}

/** Summary tables for every model in a report; findings grouped under their model. */
export function formatSummaryReport(report: FileReport, options: SummaryOptions = {}): string {
  if (report.models.length === 0) return `${report.file}: no ${/\.(py|pyw|ipynb)$/i.test(report.file) ? 'Keras' : 'TensorFlow.js'} models found.\n`;
  const blocks = report.models.map((model, i) => {
    const lines = model.className !== undefined || (model.unbound && /\.(py|pyw|ipynb)$/i.test(report.file)) ? kerasModelBlock(model, options) : modelTable(model);
    const findings = report.diagnostics.filter((d) => d.model === i);
    if (findings.length > 0) lines.push('Findings:', ...findings.map(findingLine));
    return lines.join('\n');
  });
  const loose = report.diagnostics.filter((d) => d.model === undefined);
  if (loose.length > 0) blocks.push(['Findings:', ...loose.map(findingLine)].join('\n'));
  return blocks.join('\n\n') + '\n';
}

export function formatSummary(analysis: FileAnalysis): string {
  return formatSummaryReport(toFileReport(analysis, analysis.fileName));
}
