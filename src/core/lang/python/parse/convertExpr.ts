// Expressions: lezer's concrete nodes (operators, commas and brackets as children) into ast.ts.
// Left-nested chains (`a + b + c`, `x.f().g[0]`) are walked with a loop, not recursion, so a
// long chain costs no stack; other nesting is bounded by MAX_DEPTH.
import type { Span } from '../../../types';
import type * as A from '../ast';
import { MAX_DEPTH } from './cursor';
import { StringWalk } from './convertStrings';
import { normalizeName as normalizeNameImport } from './chars';
import { NodeKinds, type NodeKind } from './nodeTypes';
import { decodeNumber } from './numbers';

// Local references: run file by file (tsx), an import is read through a module getter on
// every use, which cost a fifth of the conversion time.
const N = NodeKinds;
const numberValue = decodeNumber;
const normalizeName = normalizeNameImport;

const CHAIN = new Set<NodeKind>([N.BinaryExpression, N.CallExpression, N.MemberExpression]);
const BINARY_OPS = new Set(['+', '-', '*', '/', '//', '%', '**', '@', '<<', '>>', '&', '|', '^']);
const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);

export abstract class ExprWalk extends StringWalk {
  /** Expressions written in parentheses (`(a and b) and c` is two BoolOps, `a and b and c` one). */
  protected readonly inParens = new WeakMap<A.Expr, number>();
  /** BoolOps made by moving a `not` onto its first operand (see notBindsTighter). */
  private readonly rotated = new WeakSet<A.Expr>();

  override expr(): A.Expr {
    if (this.depth >= MAX_DEPTH) {
      this.problem('expression too deeply nested', this.span());
      return { kind: 'ErrorExpr', span: this.span() };
    }
    this.depth++;
    const e = this.exprAt();
    this.depth--;
    return e;
  }


  private exprAt(): A.Expr {
    const k = this.kind();
    switch (k) {
      case N.VariableName:
        return this.name();
      case N.Number: {
        const written = this.originals.get(this.from);
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
        op = this.operator();
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
        this.unreadable();
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
    if (!BINARY_OPS.has(op)) this.unreadable();
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
        this.unreadable();
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
      this.unreadable();
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
        if (itemStart < 0) this.unreadable();
        finish();
        comma = true;
        // A trailing comma belongs to the tuple (`x[a, b,]`), as in CPython's spans.
        if (tupleStart >= 0) tupleEnd = this.to;
      } else if (k === N.Colon) {
        if (itemStart < 0) itemStart = this.from;
        itemEnd = this.to;
        if (++colons > 2) this.unreadable();
      } else if (k === N.Star) {
        const start = this.from;
        const r = this.nextExpr();
        if (itemStart < 0) itemStart = start;
        itemEnd = r.end;
        if (slots[colons] !== null) this.unreadable();
        slots[Math.min(colons, 2)] = { kind: 'Starred', span: { start, end: r.end }, value: r.value };
        more = r.more;
        if (!more) break;
      } else {
        if (itemStart < 0) itemStart = this.from;
        itemEnd = this.to;
        if (slots[Math.min(colons, 2)] !== null) this.unreadable();
        slots[Math.min(colons, 2)] = this.expr();
      }
      more = this.next();
    }
    if (!closed) {
      finish();
      this.unreadable();
    }
    if (items.length === 0) return { index: null, more };
    if (items.length === 1 && !comma) return { index: items[0], more };
    const span = { start: tupleStart, end: tupleEnd };
    return { index: { kind: 'Tuple', span, elts: items, parenthesized: false }, more };
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
        this.unreadable();
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
      while (this.next()) this.unreadable();
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
        this.unreadable();
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
      else this.unreadable();
      while (more) {
        this.unreadable();
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
        if (k === N.Error) this.unreadable();
        else parts.push(this.expr());
      } while (this.next());
      this.leave();
    }
    if (parts.length !== 3) {
      this.unreadable();
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
        else this.unreadable();
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
        if (k === N.AssignOp) {
          this.operator();
          continue;
        }
        if (target === null) target = this.expr();
        else if (value === null) value = this.expr();
        else this.unreadable();
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
          if (k === N.DoubleStar) this.unreadable();
          continue;
        }
      }
      if (this.kind() !== N.VariableName) {
        this.unreadable();
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
        this.operator();
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
        else this.unreadable();
      } while (this.next());
      this.leave();
    }
    return e ?? this.errorExpr({ start: this.to, end: this.to });
  }
}
