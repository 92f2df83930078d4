// Where symbols enter: an Unknown the front end named (types.ts, Unknown.symbol) becomes a
// symbolic dim when a config or an input shape uses it as a size. Front ends create them with
// `namedUnknown` and must drop the name (`opaque`) wherever they compute a new value from one,
// since the same name must always mean the same value.
import { isUnknown, type ConfigValue, type Span, type SymbolRef, type SymbolicDim, type Unknown } from '../types';
import { symbol } from './expr';

export function namedUnknown(reason: string, name: string, span: Span, why: string): Unknown {
  return { kind: 'unknown', reason, symbol: { name, span, why } };
}

/** The same unknown without its name: for a value computed from it (`n + 1`, `Math.max(n, 4)`). */
export function opaque<T>(v: T): T {
  return isUnknown(v) && v.symbol ? ({ kind: 'unknown', reason: v.reason } as T) : v;
}

/** A config value as a size: a number, a symbol, or null (not known, not named). */
export function symbolicDimOf(v: ConfigValue): SymbolicDim {
  if (typeof v === 'number') return v;
  if (isUnknown(v) && v.symbol) return symbol(v.symbol.name);
  return null;
}

/** The symbol a config value is, if any. */
export function symbolRefOf(v: ConfigValue): SymbolRef | null {
  return isUnknown(v) && v.symbol ? v.symbol : null;
}

/** Per element of a shape value (`[numFeatures]`, `(IMG, IMG, 3)`): its symbol; null when none is. */
export function shapeSymbols(v: ConfigValue, withBatch: boolean): (SymbolRef | null)[] | undefined {
  if (!Array.isArray(v)) {
    const single = symbolRefOf(v as ConfigValue);
    return single ? (withBatch ? [null, single] : [single]) : undefined;
  }
  const refs = (v as readonly ConfigValue[]).map(symbolRefOf);
  if (!refs.some((r) => r !== null)) return undefined;
  return withBatch ? [null, ...refs] : refs;
}

/** True when a layer config uses a symbol at its top level or one array deep (`inputShape: [n]`). */
export function configHasSymbol(config: Readonly<Record<string, ConfigValue>>): boolean {
  for (const k in config) {
    const v = config[k];
    if (symbolRefOf(v)) return true;
    if (Array.isArray(v) && (v as readonly ConfigValue[]).some((x) => symbolRefOf(x) !== null)) return true;
  }
  return false;
}

/**
 * Names a front end gave to values assigned in the code (`numFeatures = xs.shape[1]`): one
 * name, one place. A second assignment of the same name elsewhere may hold another value, so
 * it gets no symbol (it stays unknown) rather than a name that would claim the two equal.
 */
export class SymbolNames {
  private readonly at = new Map<string, number>();

  /** The value named `name` where `span` assigns it; the value itself when the name is taken. */
  name(value: Unknown, name: string, span: Span, why: string): Unknown {
    const start = this.at.get(name);
    if (start !== undefined && start !== span.start) return opaque(value);
    this.at.set(name, span.start);
    return namedUnknown(value.reason, name, span, why);
  }
}

/** Code that reads a size from data: `.shape[...]`, `.length`, Python's `len(...)`. */
export const DATA_SIZE_TEXT = /\.shape\s*\[|\.length\b|\blen\s*\(|\.shape\b/;

/**
 * Per dim of the model input a layer config declares (batch first), the symbols it names, as
 * impliedBatchInputShape reads the config; undefined when it names none.
 */
export function impliedInputSymbols(className: string | null, config: Readonly<Record<string, ConfigValue>>): (SymbolRef | null)[] | undefined {
  if (config.batchInputShape !== undefined) return shapeSymbols(config.batchInputShape, false);
  if (config.inputShape !== undefined) return shapeSymbols(config.inputShape, true);
  if (className === 'Embedding' && config.inputLength !== undefined) return shapeSymbols(config.inputLength, true);
  if (className === 'Dense' && config.inputDim !== undefined) return shapeSymbols(config.inputDim, true);
  return undefined;
}

/** Why a size read from data (`xs.shape[1]`, `len(words) + 1`) is not a constant. */
export const DATA_WHY = 'a size of the data, known only when the code runs';
