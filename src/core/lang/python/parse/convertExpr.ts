// Expressions: lezer's concrete nodes (operators, commas and brackets as children) into ast.ts.
// Left-nested chains (`a + b + c`, `x.f().g[0]`) are walked with a loop, not recursion, so a
// long chain costs no stack; other nesting is bounded by MAX_DEPTH.
import type { Span } from '../../../types';
import type * as A from '../ast';
import { MAX_DEPTH } from './cursor';
import { StringWalk } from './convertStrings';
import { NodeKinds, type NodeKind } from './nodeTypes';

const N = NodeKinds;
import { decodeNumber } from './numbers';

const CHAIN = new Set<NodeKind>([N.BinaryExpression, N.CallExpression, N.MemberExpression]);
const BINARY_OPS = new Set(['+', '-', '*', '/', '//', '%', '**', '@', '<<', '>>', '&', '|', '^']);
const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** NFKC, as CPython compares identifiers; only non-ASCII names can change. */
function normalizeName(raw: string): string {
  for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) >= 0x80) return raw.normalize('NFKC');
  return raw;
}

// Local references: across files, tsx reads an import through a getter on every call.
const numberValue = decodeNumber;

export interface ExprList {
  elts: A.Expr[];
  /** A comma was seen (so one element is still a tuple). */
  comma: boolean;
  /** False when the list ran to the end of its parent. */
  more: boolean;
  start: number;
  end: number;
}

export abstract class ExprWalk extends StringWalk {
  /** Expressions written in parentheses (`(a and b) and c` is two BoolOps, `a and b and c` one). */
  protected readonly inParens = new WeakMap<A.Expr, number>();
  /** BoolOps made by moving a `not` onto its first operand (see notBindsTighter). */
  private readonly rotated = new WeakSet<A.Expr>();

  expr(): A.Expr {
    if (this.depth >= MAX_DEPTH) {
      this.problem('expression too deeply nested', this.span());
      return { kind: 'ErrorExpr', span: this.span() };
    }
    this.depth++;
    const e = this.exprAt();
    this.depth--;
    return e;
  }

  protected errorExpr(span: Span = this.span()): A.ErrorExpr {
    this.errors++;
    return { kind: 'ErrorExpr', span };
  }

  protected name(): A.Name {
    const raw = this.source();
    // CPython compares identifiers after NFKC normalization.
    return { kind: 'Name', span: this.span(), id: normalizeName(raw) };
  }

  private exprAt(): A.Expr {
    const k = this.kind();
    switch (k) {
      case N.VariableName:
        return this.name();
      case N.Number: {
        const written = this.numbers.get(this.from);
        const literal = written ?? this.source();
        const span = written === undefined ? this.span() : { start: this.from, end: this.from + written.length };
        const d = numberValue(literal);
        if (d.problem) this.problem(d.problem, span);
        return d.isComplex ? { kind: 'Num', span, value: d.value, isFloat: d.isFloat, isComplex: true } : { kind: 'Num', span, value: d.value, isFloat: d.isFloat };
      }
      case N.String:
      case N.FormatString:
      case N.ContinuedString:
        return this.stringLiteral();
      case N.Ellipsis:
        return { kind: 'Constant', span: this.span(), value: 'Ellipsis' };
      case N.None:
        return { kind: 'Constant', span: this.span(), value: null };
      case N.Boolean:
        return { kind: 'Constant', span: this.span(), value: this.source() === 'True' };
      case N.BinaryExpression:
      case N.CallExpression:
      case N.MemberExpression:
        return this.chain();
      case N.UnaryExpression:
        return this.unary();
      case N.AwaitExpression:
        return this.opaque('Await');
      case N.YieldExpression:
        return this.yieldExpr();
      case N.ParenthesizedExpression:
        return this.parenthesized();
      case N.TupleExpression:
      case N.ArrayExpression:
      case N.SetExpression:
      case N.ComprehensionExpression:
      case N.ArrayComprehensionExpression:
      case N.SetComprehensionExpression:
        return this.display(k);
      case N.DictionaryExpression:
      case N.DictionaryComprehensionExpression:
        return this.dict();
      case N.ConditionalExpression:
        return this.conditional();
      case N.LambdaExpression:
        return this.lambda();
      case N.NamedExpression:
        return this.named();
      default:
        return this.errorExpr();
    }
  }

  /** The value after a node we are on (`=` then the value, ...): ErrorExpr when it is missing. */
  protected nextExpr(): { value: A.Expr; more: boolean; end: number } {
    const end = this.to;
    if (!this.next()) return { value: this.errorExpr({ start: end, end }), more: false, end };
    // `end` is where the value's text ends, a closing parenthesis included (its span has none).
    return { value: this.expr(), more: true, end: this.to };
  }

  // -------------------------------------------------------------------------------------
  // Chains: binary operators, calls, attributes and subscripts

  private chain(): A.Expr {
    const spine: NodeKind[] = [];
    for (let k = this.kind(); CHAIN.has(k); k = this.kind()) {
      spine.push(k);
      if (!this.enter()) {
        // A chain node without children cannot be; read it as unreadable and climb back.
        spine.pop();
        for (let i = spine.length - 1; i >= 0; i--) this.leave();
        return this.errorExpr();
      }
    }
    let parenthesized = this.kind() === N.ParenthesizedExpression;
    let acc = this.expr();
    for (let i = spine.length - 1; i >= 0; i--) {
      const k = spine[i];
      if (k === N.BinaryExpression) acc = this.binary(acc, parenthesized);
      else if (k === N.CallExpression) acc = this.call(acc);
      else acc = this.member(acc);
      parenthesized = false;
    }
    return acc;
  }

  /** Cursor on the left operand of a BinaryExpression; ends on the BinaryExpression. */
  private binary(left: A.Expr, leftParenthesized: boolean): A.Expr {
    let op = '';
    let opKind: NodeKind = N.Other;
    let right: A.Expr | null = null;
    while (this.next()) {
      const k = this.kind();
      if (right === null && (k === N.ArithOp || k === N.BitOp || k === N.CompareOp)) {
        op = this.source();
        opKind = k;
      } else if (right === null && (k === N.KwAnd || k === N.KwOr || k === N.KwIn || k === N.KwIs)) {
        op = op === '' ? this.source() : `${op} ${this.source()}`;
        opKind = k;
      } else if (right === null && k === N.KwNot) {
        // `not in` and `is not`.
        op = op === '' ? 'not' : `${op} not`;
        opKind = N.KwNot;
      } else if (right === null && k !== N.Error) {
        right = this.expr();
      } else {
        this.errors++;
      }
    }
    this.leave();
    const span = this.span();
    const r = right ?? this.errorExpr({ start: span.end, end: span.end });
    if (opKind === N.KwAnd || opKind === N.KwOr) return this.boolOp(op as 'and' | 'or', left, leftParenthesized, r, span);
    if (opKind === N.CompareOp || opKind === N.KwIn || opKind === N.KwNot || opKind === N.KwIs) {
      const cmp = (op === '<>' ? '!=' : op) as A.CompareOperator;
      if (op === '<>') this.problem('invalid syntax', span);
      else if (!COMPARE_OPS.has(op) && op !== 'in' && op !== 'not in' && op !== 'is' && op !== 'is not') this.problem('invalid syntax', span);
      if (left.kind === 'Compare' && !leftParenthesized) {
        return { kind: 'Compare', span, left: left.left, ops: [...left.ops, cmp], comparators: [...left.comparators, r] };
      }
      return { kind: 'Compare', span, left, ops: [cmp], comparators: [r] };
    }
    if (!BINARY_OPS.has(op)) this.errors++;
    return { kind: 'BinOp', span, op: op as A.BinaryOperator, left, right: r };
  }

  /** Where the text of `e` ends, its closing parenthesis included. */
  private textEnd(e: A.Expr): number {
    return this.inParens.get(e) ?? e.span.end;
  }

  /** `left op right`, flattened as CPython does (`a and b and c` is one BoolOp). */
  private boolOp(op: 'and' | 'or', left: A.Expr, leftParenthesized: boolean, right: A.Expr, span: Span): A.Expr {
    const lefts = left.kind === 'BoolOp' && left.op === op && !leftParenthesized ? left.values : [left];
    if (right.kind === 'BoolOp' && this.rotated.has(right) && !this.inParens.has(right)) {
      // `x and not c or d`: lezer nests `not (c or d)` on the right; it is `(x and not c) or d`.
      if (right.op === op) return { kind: 'BoolOp', span, op, values: [...lefts, ...right.values] };
      if (op === 'and') {
        const [first, ...rest] = right.values;
        const inner = this.boolOp('and', left, leftParenthesized, first, { start: span.start, end: this.textEnd(first) });
        return { kind: 'BoolOp', span, op: 'or', values: [inner, ...rest] };
      }
    }
    return { kind: 'BoolOp', span, op, values: [...lefts, right] };
  }

  /** Cursor on the callee; ends on the CallExpression. */
  private call(func: A.Expr): A.Expr {
    let args: A.Arg[] = [];
    let argsSpan: Span = { start: this.to, end: this.to };
    while (this.next()) {
      if (this.kind() === N.ArgList) {
        argsSpan = this.span();
        args = this.argList();
      } else {
        this.errors++;
      }
    }
    this.leave();
    return { kind: 'Call', span: this.span(), func, args, argsSpan };
  }

  /** Cursor on the object; ends on the MemberExpression. */
  private member(value: A.Expr): A.Expr {
    let attr: { name: string; span: Span } | null = null;
    let index: A.Expr | null = null;
    let more = this.next();
    if (more && this.kind() === N.Dot) {
      more = this.next();
      if (more && this.kind() === N.PropertyName) {
        const raw = this.source();
        attr = { name: normalizeName(raw), span: this.span() };
        more = this.next();
      }
    } else if (more && this.kind() === N.OpenBracket) {
      const r = this.subscript();
      index = r.index;
      more = r.more;
    }
    while (more) {
      this.errors++;
      more = this.next();
    }
    this.leave();
    const span = this.span();
    if (attr) return { kind: 'Attribute', span, value, attr: attr.name, attrSpan: attr.span };
    if (index) return { kind: 'Subscript', span, value, index };
    // `layers.` with nothing after the dot: no attribute was written, so nothing is known.
    return this.errorExpr(span);
  }

  /** Cursor on `[` among the MemberExpression's children; returns the index. */
  private subscript(): { index: A.Expr | null; more: boolean } {
    const items: A.Expr[] = [];
    let comma = false;
    let slots: (A.Expr | null)[] = [null, null, null];
    let colons = 0;
    let itemStart = -1;
    let itemEnd = -1;
    let closed = false;
    let tupleStart = -1;
    let tupleEnd = -1;
    const finish = (): void => {
      if (itemStart < 0) return;
      const span = { start: itemStart, end: itemEnd };
      if (tupleStart < 0) tupleStart = itemStart;
      tupleEnd = itemEnd;
      if (colons === 0) items.push(slots[0] ?? this.errorExpr(span));
      else items.push({ kind: 'Slice', span, lower: slots[0], upper: slots[1], step: slots[2] });
      slots = [null, null, null];
      colons = 0;
      itemStart = -1;
    };
    let more = this.next();
    while (more) {
      const k = this.kind();
      if (k === N.CloseBracket) {
        finish();
        closed = true;
        more = this.next();
        break;
      }
      if (k === N.Comma) {
        if (itemStart < 0) this.errors++;
        finish();
        comma = true;
        // A trailing comma belongs to the tuple (`x[a, b,]`), as in CPython's spans.
        if (tupleStart >= 0) tupleEnd = this.to;
      } else if (k === N.Colon) {
        if (itemStart < 0) itemStart = this.from;
        itemEnd = this.to;
        if (++colons > 2) this.errors++;
      } else if (k === N.Star) {
        const start = this.from;
        const r = this.nextExpr();
        if (itemStart < 0) itemStart = start;
        itemEnd = r.end;
        if (slots[colons] !== null) this.errors++;
        slots[Math.min(colons, 2)] = { kind: 'Starred', span: { start, end: r.end }, value: r.value };
        more = r.more;
        if (!more) break;
      } else {
        if (itemStart < 0) itemStart = this.from;
        itemEnd = this.to;
        if (slots[Math.min(colons, 2)] !== null) this.errors++;
        slots[Math.min(colons, 2)] = this.expr();
      }
      more = this.next();
    }
    if (!closed) {
      finish();
      this.errors++;
    }
    if (items.length === 0) return { index: null, more };
    if (items.length === 1 && !comma) return { index: items[0], more };
    const span = { start: tupleStart, end: tupleEnd };
    return { index: { kind: 'Tuple', span, elts: items, parenthesized: false }, more };
  }

  /** ArgList at the cursor (also a class's bases); ends on it. */
  protected argList(): A.Arg[] {
    const args: A.Arg[] = [];
    if (!this.enter()) return args;
    let closed = false;
    let more = this.next(); // past `(`
    let sawKeyword = false;
    let sawDoubleStar = false;
    let generator = -1;
    let names: Set<string> | null = null;
    while (more) {
      const k = this.kind();
      const start = this.from;
      if (k === N.CloseParen) {
        closed = true;
        more = this.next();
        break;
      }
      if (k === N.Comma) {
        more = this.next();
        continue;
      }
      if (k === N.Star || k === N.DoubleStar) {
        const r = this.nextExpr();
        const span = { start, end: r.end };
        if (k === N.Star) {
          if (sawDoubleStar) this.problem('iterable argument unpacking follows keyword argument unpacking', span);
          args.push({ kind: 'star', span, value: r.value });
        } else {
          sawDoubleStar = true;
          args.push({ kind: 'doubleStar', span, value: r.value });
        }
        more = r.more && this.next();
        continue;
      }
      if (k === N.KwFor || k === N.KwAsync) {
        // `f(x for x in xs)`: the generator takes the argument before it.
        const last = args.pop();
        const comp = this.comprehension();
        if (last && last.kind === 'positional') {
          const value: A.ListComp = { kind: 'GeneratorExp', span: { start: last.span.start, end: comp.end }, elt: last.value, generators: comp.generators };
          args.push({ kind: 'positional', span: value.span, value });
          generator = args.length - 1;
        } else {
          this.errors++;
        }
        more = comp.more;
        continue;
      }
      if (k === N.VariableName) {
        const name = this.name();
        more = this.next();
        if (more && this.kind() === N.AssignOp) {
          const walrus = this.source() === ':=';
          const r = this.nextExpr();
          more = r.more && this.next();
          if (walrus) {
            const value: A.NamedExpr = { kind: 'NamedExpr', span: { start, end: r.end }, target: name, value: r.value };
            this.positional(args, value, sawKeyword, sawDoubleStar);
          } else {
            const span = { start, end: r.end };
            names ??= new Set<string>();
            if (names.has(name.id)) this.problem(`keyword argument repeated: ${name.id}`, span);
            names.add(name.id);
            sawKeyword = true;
            args.push({ kind: 'keyword', span, name: name.id, nameSpan: name.span, value: r.value });
          }
        } else {
          this.positional(args, name, sawKeyword, sawDoubleStar);
        }
        continue;
      }
      if (k === N.Error) {
        this.errors++;
      } else {
        this.positional(args, this.expr(), sawKeyword, sawDoubleStar);
      }
      more = this.next();
    }
    if (!closed) this.errors++;
    if (more) this.errors++;
    this.leave();
    if (generator >= 0 && args.length > 1) this.problem('Generator expression must be parenthesized', args[generator].span);
    return args;
  }

  private positional(args: A.Arg[], value: A.Expr, sawKeyword: boolean, sawDoubleStar: boolean): void {
    if (sawDoubleStar) this.problem('positional argument follows keyword argument unpacking', value.span);
    else if (sawKeyword) this.problem('positional argument follows keyword argument', value.span);
    args.push({ kind: 'positional', span: value.span, value });
  }

  // -------------------------------------------------------------------------------------
  // Comprehensions, displays, dicts

  /**
   * `async? for targets in iter (if cond)* ...` among the siblings, from the cursor (on `for` or
   * `async`). Ends on the first sibling after it (more) or at the end of the parent.
   */
  protected comprehension(): { generators: A.Comprehension[]; more: boolean; end: number } {
    const generators: A.Comprehension[] = [];
    let more = true;
    let end = this.to;
    while (more && (this.kind() === N.KwFor || this.kind() === N.KwAsync)) {
      const start = this.from;
      let isAsync = false;
      if (this.kind() === N.KwAsync) {
        isAsync = true;
        more = this.next();
        if (!more || this.kind() !== N.KwFor) {
          this.errors++;
          break;
        }
      }
      end = this.to;
      more = this.next();
      const targets = more ? this.exprList((k) => k === N.KwIn) : { elts: [], comma: false, more: false, start: end, end };
      more = targets.more;
      const target = this.tupleOf(targets);
      let iter: A.Expr;
      if (more && this.kind() === N.KwIn) {
        const r = this.nextExpr();
        iter = r.value;
        end = r.end;
        more = r.more && this.next();
      } else {
        iter = this.errorExpr({ start: end, end });
      }
      const ifs: A.Expr[] = [];
      while (more && this.kind() === N.KwIf) {
        const r = this.nextExpr();
        ifs.push(r.value);
        end = r.end;
        more = r.more && this.next();
      }
      generators.push({ span: { start, end }, target, iter, ifs, isAsync });
    }
    return { generators, more, end };
  }

  /** Elements as one expression: the element itself, or a Tuple without parentheses. */
  protected tupleOf(list: ExprList): A.Expr {
    if (list.elts.length === 1 && !list.comma) return list.elts[0];
    if (list.elts.length === 0) return this.errorExpr({ start: list.start, end: list.end });
    return { kind: 'Tuple', span: { start: list.start, end: list.end }, elts: list.elts, parenthesized: false };
  }

  /**
   * Comma-separated expressions (`*x` as Starred) from the cursor up to a sibling for which
   * `stopAt` holds, where the cursor ends (more: true), or the end of the parent (more: false).
   */
  protected exprList(stopAt: (k: NodeKind) => boolean): ExprList {
    const elts: A.Expr[] = [];
    let comma = false;
    const start = this.from;
    let end = start;
    let more = true;
    let expectElement = true;
    while (more) {
      const k = this.kind();
      if (stopAt(k)) break;
      if (k === N.Comma) {
        if (expectElement) this.errors++;
        comma = true;
        expectElement = true;
        end = this.to;
      } else if (k === N.Star) {
        const s = this.from;
        const r = this.nextExpr();
        elts.push({ kind: 'Starred', span: { start: s, end: r.end }, value: r.value });
        end = r.end;
        expectElement = false;
        if (!r.more) {
          more = false;
          break;
        }
      } else {
        if (!expectElement) this.errors++;
        elts.push(this.expr());
        end = this.to;
        expectElement = false;
      }
      more = this.next();
    }
    return { elts, comma, more, start, end };
  }

  /** Tuple, list and set displays and the comprehensions written with their brackets. */
  private display(k: NodeKind): A.Expr {
    const span = this.span();
    let list: ExprList = { elts: [], comma: false, more: false, start: span.start, end: span.start };
    let comp: { generators: A.Comprehension[]; end: number } | null = null;
    if (this.enter()) {
      let more = this.next(); // past the opening bracket
      if (more) {
        list = this.exprList((x) => x === N.KwFor || x === N.KwAsync || x === N.CloseParen || x === N.CloseBracket || x === N.CloseBrace);
        more = list.more;
      }
      if (more && (this.kind() === N.KwFor || this.kind() === N.KwAsync)) {
        const c = this.comprehension();
        comp = c;
        more = c.more;
      }
      if (more && (this.kind() === N.CloseParen || this.kind() === N.CloseBracket || this.kind() === N.CloseBrace)) more = this.next();
      else this.errors++;
      while (more) {
        this.errors++;
        more = this.next();
      }
      this.leave();
    }
    if (comp !== null) {
      if (list.elts.length !== 1 || list.comma) this.errors++;
      const elt = list.elts[0] ?? this.errorExpr(span);
      const kind = k === N.ArrayComprehensionExpression ? 'ListComp' : k === N.SetComprehensionExpression ? 'SetComp' : 'GeneratorExp';
      return { kind, span, elt, generators: comp.generators };
    }
    if (k === N.ArrayExpression) return { kind: 'List', span, elts: list.elts };
    if (k === N.SetExpression) return { kind: 'Set', span, elts: list.elts };
    return { kind: 'Tuple', span, elts: list.elts, parenthesized: true };
  }

  private dict(): A.Expr {
    const span = this.span();
    const items: A.DictItem[] = [];
    let comp: { generators: A.Comprehension[] } | null = null;
    if (this.enter()) {
      let more = this.next(); // past `{`
      let key: A.Expr | null = null;
      while (more) {
        const k = this.kind();
        if (k === N.CloseBrace) break;
        if (k === N.Comma) {
          if (key) this.errors++;
          key = null;
        } else if (k === N.DoubleStar) {
          const start = this.from;
          const r = this.nextExpr();
          items.push({ unpack: r.value, span: { start, end: r.end } });
          if (!r.more) {
            more = false;
            break;
          }
        } else if (k === N.Colon) {
          const r = this.nextExpr();
          const k0 = key ?? this.errorExpr({ start: this.from, end: this.from });
          items.push({ key: k0, value: r.value, span: { start: k0.span.start, end: r.end } });
          key = null;
          if (!r.more) {
            more = false;
            break;
          }
        } else if (k === N.KwFor || k === N.KwAsync) {
          const c = this.comprehension();
          comp = c;
          more = c.more;
          continue;
        } else {
          if (key) this.errors++;
          key = this.expr();
        }
        more = this.next();
      }
      if (key) this.errors++;
      if (!more || this.kind() !== N.CloseBrace) this.errors++;
      this.leave();
    }
    if (comp !== null) {
      const first = items[0];
      if (items.length !== 1 || !first || !('key' in first)) {
        this.errors++;
        return { kind: 'DictComp', span, key: this.errorExpr(span), value: this.errorExpr(span), generators: comp.generators };
      }
      return { kind: 'DictComp', span, key: first.key, value: first.value, generators: comp.generators };
    }
    return { kind: 'Dict', span, items };
  }

  // -------------------------------------------------------------------------------------
  // The rest

  private unary(): A.Expr {
    const span = this.span();
    let op = '';
    let operand: A.Expr | null = null;
    if (this.enter()) {
      op = this.source();
      const r = this.nextExpr();
      operand = r.value;
      let more = r.more;
      while (more && this.next()) {
        this.errors++;
        more = true;
      }
      this.leave();
    }
    if (op !== '-' && op !== '+' && op !== '~' && op !== 'not') return this.errorExpr(span);
    const result: A.UnaryOp = { kind: 'UnaryOp', span, op, operand: operand ?? this.errorExpr(span) };
    return op === 'not' ? this.notBindsTighter(result) : result;
  }

  /**
   * lezer reads `not a and b` as `not (a and b)`; in Python `not` binds tighter than `and` and
   * `or` (but looser than comparisons), so it moves onto the first operand: `(not a) and b`.
   */
  private notBindsTighter(e: A.UnaryOp): A.Expr {
    const operand = e.operand;
    if (operand.kind !== 'BoolOp' || this.inParens.has(operand)) return e;
    const [first, ...rest] = operand.values;
    const inner = this.notBindsTighter({ kind: 'UnaryOp', span: { start: e.span.start, end: this.textEnd(first) }, op: 'not', operand: first });
    // `a and not b and c` comes as `and(a, not(b and c))`: the flattened values are a, not b, c.
    const values = inner.kind === 'BoolOp' && inner.op === operand.op && this.rotated.has(inner) ? [...inner.values, ...rest] : [inner, ...rest];
    const result: A.BoolOp = { kind: 'BoolOp', span: e.span, op: operand.op, values };
    this.rotated.add(result);
    return result;
  }

  private opaque(kind: 'Await' | 'Yield'): A.OpaqueExpr {
    const span = this.span();
    let value: A.Expr | null = null;
    if (this.enter()) {
      if (this.next()) value = this.expr();
      while (this.next()) this.errors++;
      this.leave();
    }
    return { kind, span, value };
  }

  /** `yield`, `yield x`, `yield a, b`, `yield from x` (the children of a YieldExpression or YieldStatement). */
  protected yieldExpr(): A.OpaqueExpr {
    const span = this.span();
    let value: A.Expr | null = null;
    if (this.enter()) {
      let more = this.next(); // past `yield`
      if (more && this.kind() === N.KwFrom) {
        const r = this.nextExpr();
        value = r.value;
        more = r.more && this.next();
      } else if (more && this.kind() === N.Error && this.from === this.to) {
        // lezer's grammar wants a value after `yield`; Python does not (recovery knows too).
        more = this.next();
      } else if (more) {
        const list = this.exprList(() => false);
        value = this.tupleOf(list);
        more = list.more;
      }
      while (more) {
        this.errors++;
        more = this.next();
      }
      this.leave();
    }
    return { kind: 'Yield', span, value };
  }

  private parenthesized(): A.Expr {
    const span = this.span();
    let inner: A.Expr | null = null;
    if (this.enter()) {
      let more = this.next();
      if (more && this.kind() === N.Star) {
        const start = this.from;
        const r = this.nextExpr();
        inner = { kind: 'Starred', span: { start, end: r.end }, value: r.value };
        this.problem('cannot use starred expression here', inner.span);
        more = r.more && this.next();
      } else if (more && this.kind() !== N.CloseParen) {
        inner = this.expr();
        more = this.next();
      }
      if (more && this.kind() === N.CloseParen) more = this.next();
      else this.errors++;
      while (more) {
        this.errors++;
        more = this.next();
      }
      this.leave();
    }
    if (inner === null) return this.errorExpr(span);
    this.inParens.set(inner, span.end);
    return inner;
  }

  private conditional(): A.Expr {
    const span = this.span();
    const parts: A.Expr[] = [];
    if (this.enter()) {
      do {
        const k = this.kind();
        if (k === N.KwIf || k === N.KwElse) continue;
        if (k === N.Error) this.errors++;
        else parts.push(this.expr());
      } while (this.next());
      this.leave();
    }
    if (parts.length !== 3) {
      this.errors++;
      return { kind: 'ErrorExpr', span };
    }
    return { kind: 'IfExp', span, body: parts[0], test: parts[1], orelse: parts[2] };
  }

  private lambda(): A.Expr {
    const span = this.span();
    let params: A.Parameters = { span: { start: span.start, end: span.start }, params: [] };
    let body: A.Expr | null = null;
    if (this.enter()) {
      while (this.next()) {
        const k = this.kind();
        if (k === N.ParamList) params = this.parameters(false);
        else if (k === N.Colon) continue;
        else if (body === null && k !== N.Error) body = this.expr();
        else this.errors++;
      }
      this.leave();
    }
    return { kind: 'Lambda', span, params, body: body ?? this.errorExpr({ start: span.end, end: span.end }) };
  }

  private named(): A.Expr {
    const span = this.span();
    let target: A.Expr | null = null;
    let value: A.Expr | null = null;
    if (this.enter()) {
      do {
        const k = this.kind();
        if (k === N.AssignOp) continue;
        if (target === null) target = this.expr();
        else if (value === null) value = this.expr();
        else this.errors++;
      } while (this.next());
      this.leave();
    }
    if (target === null || target.kind !== 'Name') {
      this.problem(`cannot use assignment expressions with ${target ? 'this expression' : 'nothing'}`, target?.span ?? span);
      return { kind: 'ErrorExpr', span };
    }
    return { kind: 'NamedExpr', span, target, value: value ?? this.errorExpr({ start: span.end, end: span.end }) };
  }

  // -------------------------------------------------------------------------------------
  // Parameters (def and lambda)

  /** ParamList at the cursor; `parens`: a def's list (with parentheses). Ends on it. */
  protected parameters(parens: boolean): A.Parameters {
    const span = this.span();
    const params: A.Param[] = [];
    if (!this.enter()) return { span, params };
    let kind: A.Param['kind'] = 'positional';
    let sawDefault = false;
    let sawStar = false;
    let prevEnd = this.from;
    let more = true;
    if (parens) {
      prevEnd = this.to;
      more = this.next(); // past `(`
    }
    while (more) {
      const k = this.kind();
      // `/` is not a node in lezer's tree: it shows as text between two commas.
      if (kind === 'positional' && !sawStar && this.slashBetween(prevEnd, this.from)) {
        for (let i = 0; i < params.length; i++) params[i] = { ...params[i], kind: 'posonly' };
      }
      if (k === N.CloseParen || k === N.Comma) {
        prevEnd = this.to;
        more = this.next();
        continue;
      }
      const start = this.from;
      let pkind: A.Param['kind'] = kind === 'kwonly' ? 'kwonly' : 'positional';
      if (k === N.Star || k === N.DoubleStar) {
        pkind = k === N.Star ? 'varargs' : 'varkw';
        if (k === N.Star && sawStar) this.problem('* argument may appear only once', this.span());
        sawStar = sawStar || k === N.Star;
        kind = 'kwonly';
        prevEnd = this.to;
        more = this.next();
        if (!more || this.kind() !== N.VariableName) {
          // A bare `*`: what follows is keyword-only.
          if (k === N.DoubleStar) this.errors++;
          continue;
        }
      }
      if (this.kind() !== N.VariableName) {
        this.errors++;
        prevEnd = this.to;
        more = this.next();
        continue;
      }
      const name = this.name();
      let end = name.span.end;
      let annotation: A.Expr | null = null;
      let dflt: A.Expr | null = null;
      more = this.next();
      if (more && this.kind() === N.TypeDef) {
        annotation = this.typeDef();
        end = this.to;
        more = this.next();
      }
      if (more && this.kind() === N.AssignOp) {
        const r = this.nextExpr();
        dflt = r.value;
        end = r.end;
        more = r.more && this.next();
      }
      if ((pkind === 'varargs' || pkind === 'varkw') && dflt) this.problem(`var-${pkind === 'varargs' ? 'positional' : 'keyword'} argument cannot have default value`, dflt.span);
      if (pkind === 'positional') {
        if (dflt) sawDefault = true;
        else if (sawDefault) this.problem('parameter without a default follows parameter with a default', name.span);
      }
      params.push({ span: { start, end }, name: name.id, kind: pkind, default: dflt, annotation });
      prevEnd = end;
    }
    this.leave();
    return { span, params };
  }

  /** Is there a `/` (outside comments) in text[from, to)? */
  private slashBetween(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 0x2f) return true;
      if (c === 0x23) while (i < to && this.text.charCodeAt(i) !== 0x0a && this.text.charCodeAt(i) !== 0x0d) i++;
    }
    return false;
  }

  /** TypeDef (`: annotation` or `-> returns`) at the cursor: the expression. Ends on it. */
  protected typeDef(): A.Expr {
    let e: A.Expr | null = null;
    if (this.enter()) {
      do {
        const k = this.kind();
        if (k === N.Colon) continue;
        if (e === null && k !== N.Error) e = this.expr();
        else this.errors++;
      } while (this.next());
      this.leave();
    }
    return e ?? this.errorExpr({ start: this.to, end: this.to });
  }
}
