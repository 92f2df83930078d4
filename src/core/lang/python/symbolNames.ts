// Which unknown values keep the name the code gives them (src/core/symbolic/): a symbol is
// one value, so it survives only where an expression is that value (a name, an attribute or
// item path of one) and is dropped by everything that computes (`n + 1`, `max(n, 4)`).
// Names come from a parameter no call gives (calls.ts), a path into one (`shape[0]`,
// `cfg.units`), a size read from data (`x_train.shape[1]`), and an assignment of such a size
// (`vocab_size = len(tokenizer.word_index) + 1`).
import { isUnknown, type Span, type Unknown } from '../../types';
import { DATA_SIZE_TEXT, DATA_WHY, namedUnknown, opaque } from '../../symbolic/symbols';
import type * as ast from './ast';
import type { PyInterpreter } from './interpreter';
import type { PyVal } from './values';

const MAX_SYMBOL_NAME = 40;
const SHAPE_ENTRY = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*\.shape\[\d+\]$/;

/** The value of an expression, its name dropped unless the expression is the named value itself. */
export function keepSymbol(node: ast.Expr, v: PyVal): PyVal {
  if (!isUnknown(v) || !v.symbol) return v;
  return node.kind === 'Name' || node.kind === 'NamedExpr' || node.kind === 'Attribute' || node.kind === 'Subscript' ? v : opaque(v);
}

/** `cfg.units` of a named unknown `cfg`: named after the path. */
export function attributeSymbol(obj: PyVal, attr: string, v: PyVal): PyVal {
  if (!isUnknown(obj) || !obj.symbol || !isUnknown(v)) return v;
  return namedUnknown(v.reason, `${obj.symbol.name}.${attr}`, obj.symbol.span, obj.symbol.why);
}

/**
 * `shape[0]` of a named unknown `shape`: named after the path; `x_train.shape[1]` of data we
 * do not follow: named after the code that reads it. Anything else keeps no name.
 */
export function itemSymbol(ip: PyInterpreter, node: ast.Subscript, container: PyVal, index: PyVal, v: PyVal): PyVal {
  if (!isUnknown(v)) return v;
  if (!isUnknown(container)) return v; // an element of a tuple or list we follow: itself
  // `config["img"]` of a named unknown: a key as plain as a name keeps the path.
  if (typeof index === 'string' && container.symbol && /^\w+$/.test(index)) {
    return namedUnknown(v.reason, `${container.symbol.name}["${index}"]`, container.symbol.span, container.symbol.why);
  }
  if (typeof index !== 'number' || !Number.isInteger(index)) return opaque(v);
  if (container.symbol) return namedUnknown(v.reason, `${container.symbol.name}[${index}]`, container.symbol.span, container.symbol.why);
  const text = ip.text(node.span).replace(/\s+/g, '');
  if (text.length > MAX_SYMBOL_NAME || !SHAPE_ENTRY.test(text)) return opaque(v);
  return namedUnknown(v.reason, text, node.span, DATA_WHY);
}

/**
 * `num_features = x_train.shape[1]`, `vocab_size = len(tokenizer.word_index) + 1`: a size
 * read from data takes the name it is assigned to (once per name: see SymbolNames).
 */
export function nameAssignedSize(ip: PyInterpreter, s: ast.Assign, v: PyVal): PyVal {
  if (!isUnknown(v) || s.targets.length !== 1 || s.targets[0].kind !== 'Name') return v;
  const target = s.targets[0];
  const fromData = v.symbol ? v.symbol.why === DATA_WHY : DATA_SIZE_TEXT.test(ip.text(s.value.span));
  return fromData ? ip.ctx.symbolNames.name(v as Unknown, target.id, target.span as Span, DATA_WHY) : v;
}
