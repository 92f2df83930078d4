// Text pieces shared by inlay hint tooltips, hovers and code lenses.
import { formatBytes, formatCount, formatParamsExpr, formatParamsTotal, formatShapeHint, formatSymbolicShape } from '../core/format';
import type { AnalyzedModel, AnalyzedNode, ParamCount, SourceLanguage } from '../core/types';

const BYTES_PER_FLOAT32 = 4;

/** "(3·3·3 + 1)·32 = 896", or just the count when the formula is the count itself. */
export function paramsWithFormula(params: ParamCount): string {
  const total = formatCount(params.trainable + params.nonTrainable);
  const formula = params.formula.trim();
  return formula === '' || formula.replace(/,/g, '') === String(params.trainable + params.nonTrainable)
    ? total
    : `${formula} = ${total}`;
}

export function nodeParams(node: AnalyzedNode): string {
  if (node.sharedRepeat) return '0 (weights shared with an earlier call)';
  if (node.paramsExpr) return formatParamsExpr(node.paramsExpr);
  return node.params ? paramsWithFormula(node.params) : 'unknown';
}

export function receptiveFieldText(node: AnalyzedNode): string | null {
  const rf = node.receptiveField;
  if (!rf || rf.size.length === 0) return null;
  return `${rf.size.join('×')} (jump ${rf.jump.join('×')})`;
}

/** float32 weight size, e.g. "6.2 MB". */
export function weightSize(model: AnalyzedModel): string | null {
  return model.totalParams === null ? null : formatBytes(model.totalParams * BYTES_PER_FLOAT32);
}

/** "1,625,281 params · 6.2 MB" (the code lens title and status line). */
export function modelHeadline(model: AnalyzedModel): string {
  if (model.totalParams === null) {
    if (model.totalParamsExpr) return `${formatParamsExpr(model.totalParamsExpr)} params`;
    const range = formatParamsTotal(null, model.paramsRange);
    return range ? `${range} params (depends on the code's flags)` : 'params unknown';
  }
  return `${formatCount(model.totalParams)} params · ${weightSize(model)}`;
}

/** A layer's output as its library prints it, with symbolic dims in place of nulls where there are some. */
export function outputTuple(node: AnalyzedNode, language: SourceLanguage): string {
  return node.symbolicShape ? formatSymbolicShape(node.symbolicShape, 'tuple', language) : shapeTuple(node.outputShape, language);
}

/** A model's total: the count, its range, or the expression when it depends on symbols. */
export function modelTotal(model: AnalyzedModel): string | null {
  const total = formatParamsTotal(model.totalParams, model.paramsRange);
  return total ?? (model.totalParamsExpr ? formatParamsExpr(model.totalParamsExpr) : null);
}

/** The whole shape as the file's library prints it: `[null,62,62,32]`, or `(None, 62, 62, 32)` for Keras. */
export function shapeTuple(shape: AnalyzedNode['outputShape'], language: SourceLanguage): string {
  return formatShapeHint(shape, 'tuple', language);
}
