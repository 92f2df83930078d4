// Number and shape formatting shared by the CLI, the summary view, hints and hovers.
import type { MaybeShape, ParamRange, SourceLanguage, SymbolicDim, SymbolicShape } from './types';
import type { Expr } from './symbolic/expr';
import { isSum, print as printExpr } from './symbolic/print';

/**
 * `62×62×32` (batch left out, unknown as `?`), or the whole shape as the file's library writes
 * it: `[null,62,62,32]` (TF.js), `(None, 62, 62, 32)` (Keras, for Python).
 */
export function formatShapeHint(shape: MaybeShape, style: 'compact' | 'tuple' = 'compact', language: SourceLanguage = 'typescript'): string {
  if (!shape) return '?';
  if (style === 'tuple') return language === 'python' ? formatShapeKeras(shape) : `[${shape.map((d) => (d === null ? 'null' : String(d))).join(',')}]`;
  const dims = shape.slice(1);
  if (dims.length === 0) return 'scalar';
  return dims.map((d) => (d === null ? '?' : String(d))).join('×');
}

/** Keras' summary style: `(None, 62, 62, 32)`. */
export function formatShapeKeras(shape: MaybeShape): string {
  if (!shape) return '?';
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')}${shape.length === 1 ? ',' : ''})`;
}

/** 1625281 → "1,625,281". */
export function formatCount(n: number): string {
  // Not toLocaleString: ICU formatting is ~50× slower and this runs for every hover and hint.
  const digits = String(Math.abs(Math.round(n)));
  return (n < 0 ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A model's parameter total: "54,410", or where branches or loops give paths with other
 * counts, "4,225–4,481" or "≥ 170" (a loop may repeat layers any number of times); null when
 * not known at all.
 */
export function formatParamsTotal(total: number | null, range: ParamRange | null | undefined): string | null {
  if (total !== null) return formatCount(total);
  if (!range) return null;
  return range.max === null ? `≥ ${formatCount(range.min)}` : `${formatCount(range.min)}–${formatCount(range.max)}`;
}

/**
 * Bytes as Keras' `model.summary()` writes them: 1024-based, labelled KB/MB/GB, so 1,625,281
 * float32 params read "6.2 MB" in both tools.
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** 1.2M, 3.4G: for MACs. */
export function formatCompact(n: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, suffix] of units) if (n >= size) return `${(n / size).toFixed(n / size >= 100 ? 0 : 1)}${suffix}`;
  return String(n);
}

export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** One dim as hints write it: `28`, `?`, `IMG−2` (a sum in parentheses between × signs). */
export function formatSymbolicDim(d: SymbolicDim, inProduct: boolean): string {
  if (d === null) return '?';
  if (typeof d === 'number') return String(d);
  const text = printExpr(d);
  return inProduct && isSum(d) ? `(${text})` : text;
}

/**
 * A shape with symbolic dims: `(IMG−2)×(IMG−2)×32` compact, or the library's tuple with the
 * expressions in place of its nulls: `[null,IMG−2,IMG−2,32]`, `(None, IMG−2, IMG−2, 32)`.
 */
export function formatSymbolicShape(shape: SymbolicShape, style: 'compact' | 'tuple' = 'compact', language: SourceLanguage = 'typescript'): string {
  if (style === 'compact') {
    const dims = shape.slice(1);
    if (dims.length === 0) return 'scalar';
    return dims.map((d) => formatSymbolicDim(d, dims.length > 1)).join('×');
  }
  const none = language === 'python' ? 'None' : 'null';
  const dims = shape.map((d) => (d === null ? none : formatSymbolicDim(d, false)));
  return language === 'python' ? `(${dims.join(', ')}${shape.length === 1 ? ',' : ''})` : `[${dims.join(',')}]`;
}

/** A parameter count that depends on symbols: `50·numFeatures + 50`. */
export function formatParamsExpr(e: Expr): string {
  return printExpr(e, 'display', true);
}
