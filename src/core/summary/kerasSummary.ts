// A Python model's summary, as Keras 3's `model.summary()` prints it (kerasTable.ts draws the
// table byte for byte): the rows Keras lists — a shared layer once, with every inbound node in
// "Connected to" — its generated names, and its totals with sizes. Where we do not know a
// value Keras would print, we print `?` rather than guess; a Sequential that Keras has not
// built prints as Keras prints it (`?` and `0 (unbuilt)`).
import { formatParamsTotal } from '../format';
import { displayExpr, formatReportShape } from '../symbolic/reportText';
import type { LayerReport, ModelReport, ReportShape } from '../report';
import { formatKerasCount, formatKerasOutputShapes, formatKerasShape, readableMemorySize, renderKerasSummary, type KerasSummaryRow } from './kerasTable';

const FLOAT32_BYTES = 4;

/**
 * Keras's `sequential_like`: a Sequential or subclassed model always; a Functional one when it
 * is a single chain (one node per depth, one input tensor per node) without shared layers.
 */
function sequentialLike(model: ModelReport): boolean {
  if (model.kind === 'sequential' || (model.className !== undefined && model.className !== 'Functional')) return true;
  const consumers = new Map<number, number>();
  for (const l of model.layers) {
    if ((l.calls?.length ?? 1) > 1 || l.inputs.length > 1) return false;
    for (const i of l.inputs) consumers.set(i, (consumers.get(i) ?? 0) + 1);
  }
  const inputs = model.layers.filter((l) => l.className === 'InputLayer').length;
  return inputs <= 1 && model.outputs.length <= 1 && [...consumers.values()].every((n) => n <= 1);
}

/** "conv2d_2[0][0], conv2d_3[0][0]": every application's inputs, by producer, node and output index. */
function connections(model: ModelReport, row: LayerReport): string {
  const parts: string[] = [];
  for (const call of row.calls ?? [row]) {
    call.inputs.forEach((i, k) => {
      const producer = model.layers[i];
      if (producer) parts.push(`${producer.name}[${call.inputNodes?.[k] ?? 0}][${call.inputOutputs?.[k] ?? 0}]`);
    });
  }
  return parts.length > 0 ? parts.join(', ') : '-';
}

/** One shape, or Keras's list form for several outputs: "[(None, 16, 256), (None, 256)]". */
function outputCell(shape: LayerReport['outputShape']): string {
  if (shape !== null && shape.length > 0 && Array.isArray(shape[0])) {
    return formatKerasOutputShapes({ list: (shape as ReportShape[]).map((s) => ({ shape: s })) });
  }
  return formatKerasShape(shape as ReportShape | null);
}

/**
 * Layers Keras builds in their constructor (they call `_build_at_init()`): in a model Keras has
 * not built they still read "0", not "0 (unbuilt)". Read off Keras 3.15.1 (`layer.built`).
 */
const BUILT_AT_INIT = new Set([
  'MaxPooling1D', 'MaxPooling2D', 'MaxPooling3D', 'AveragePooling1D', 'AveragePooling2D', 'AveragePooling3D',
  'GlobalMaxPooling1D', 'GlobalMaxPooling2D', 'GlobalMaxPooling3D', 'GlobalAveragePooling1D', 'GlobalAveragePooling2D',
  'GlobalAveragePooling3D', 'Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'SpatialDropout3D', 'Activation', 'ReLU',
  'LeakyReLU', 'ELU', 'Softmax', 'UnitNormalization', 'Reshape', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout',
  'Masking', 'Identity', 'ActivityRegularization',
]);

function paramsCell(model: ModelReport, layer: LayerReport): string {
  if (model.deferred) return layer.className !== null && BUILT_AT_INIT.has(layer.className) ? '0' : '0 (unbuilt)';
  if (layer.params === null && layer.paramsExpr !== undefined) return displayExpr(layer.paramsExpr, true);
  return layer.params === null ? '?' : formatKerasCount(layer.params);
}

function rows(model: ModelReport): KerasSummaryRow[] {
  const like = sequentialLike(model);
  return model.layers.map((l) => ({
    name: l.name,
    className: l.className ?? '?',
    outputShape: model.deferred ? '?' : l.symbolicShape ? formatReportShape(l.symbolicShape) : outputCell(l.outputShape),
    params: paramsCell(model, l),
    ...(like ? {} : { connectedTo: connections(model, l) }),
  }));
}

/** " Total params: ..." lines for totals we do not know: our own wording, after Keras's layout. */
function unknownTotals(model: ModelReport): string[] {
  const range = formatParamsTotal(null, model.paramsRange) ?? (model.totalParamsExpr !== undefined ? displayExpr(model.totalParamsExpr, true) : null);
  const note = model.totalParamsExpr !== undefined && !model.paramsRange ? ` (depends on ${(model.symbols ?? []).map((x) => x.name).join(', ')})` : model.paramsRange ? (model.paramsRange.max === null ? ' (a loop repeats layers with weights)' : ' (depends on the branches taken)') : ' (not statically known)';
  const count = (n: number | null): string => (n === null ? '?' : `${formatKerasCount(n)} (${readableMemorySize(n * FLOAT32_BYTES)})`);
  return [` Total params: ${range ?? '?'}${note}`, ` Trainable params: ${count(model.trainableParams)}`, ` Non-trainable params: ${count(model.nonTrainableParams)}`];
}

export interface KerasSummaryOptions {
  /** The terminal width (Keras reads COLUMNS, else 80 when stdout is not a terminal). */
  readonly terminalColumns?: number;
}

/** The summary text of one Keras model, ending with a newline. */
export function kerasModelSummary(model: ModelReport, options: KerasSummaryOptions = {}): string {
  const name = model.displayName ?? model.name ?? '(unnamed)';
  const deferred = model.deferred === true;
  const known = deferred || (model.totalParams !== null && model.trainableParams !== null && model.nonTrainableParams !== null);
  const total = deferred ? 0 : (model.totalParams ?? 0);
  const trainable = deferred ? 0 : (model.trainableParams ?? 0);
  const nonTrainable = deferred ? 0 : (model.nonTrainableParams ?? 0);
  const text = renderKerasSummary({
    modelName: name,
    sequentialLike: sequentialLike(model),
    rows: rows(model),
    totals: {
      total,
      trainable,
      nonTrainable,
      totalBytes: total * FLOAT32_BYTES,
      trainableBytes: trainable * FLOAT32_BYTES,
      nonTrainableBytes: nonTrainable * FLOAT32_BYTES,
    },
    ...(options.terminalColumns !== undefined ? { terminalColumns: options.terminalColumns } : {}),
  });
  if (known) return text;
  // Replace Keras's three totals lines by ours (the table above them is Keras's layout).
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(' Total params:'));
  return [...lines.slice(0, at), ...unknownTotals(model), ''].join('\n');
}
