// Comma-separated things: call arguments (and class bases), element lists, tuple/list/set/dict
// displays and comprehensions. lezer gives them flat (elements, commas and `for`/`if` keywords
// as siblings), so each is read left to right with the cursor.
import type * as A from '../ast';
import { Walk } from './cursor';
import { NodeKinds, type NodeKind } from './nodeTypes';

// Local references: run file by file (tsx), an import is read through a module getter on
// every use, which cost a fifth of the conversion time.
const N = NodeKinds;

export interface ExprList {
  elts: A.Expr[];
  /** A comma was seen (so one element is still a tuple). */
  comma: boolean;
  /** False when the list ran to the end of its parent. */
  more: boolean;
  start: number;
  end: number;
}

export abstract class CollectionWalk extends Walk {
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
          this.unreadable();
        }
        more = comp.more;
        continue;
      }
      if (k === N.VariableName) {
        const name = this.name();
        more = this.next();
        if (more && this.kind() === N.AssignOp) {
          const walrus = this.operator() === ':=';
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
        this.unreadable();
      } else {
        this.positional(args, this.expr(), sawKeyword, sawDoubleStar);
      }
      more = this.next();
    }
    if (!closed) this.unreadable();
    if (more) this.unreadable();
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
          this.unreadable();
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
        if (expectElement) this.unreadable();
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
        if (!expectElement) this.unreadable();
        elts.push(this.expr());
        end = this.to;
        expectElement = false;
      }
      more = this.next();
    }
    return { elts, comma, more, start, end };
  }

  /** Tuple, list and set displays and the comprehensions written with their brackets. */
  protected display(k: NodeKind): A.Expr {
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
      else this.unreadable();
      while (more) {
        this.unreadable();
        more = this.next();
      }
      this.leave();
    }
    if (comp !== null) {
      if (list.elts.length !== 1 || list.comma) this.unreadable();
      const elt = list.elts[0] ?? this.errorExpr(span);
      const kind = k === N.ArrayComprehensionExpression ? 'ListComp' : k === N.SetComprehensionExpression ? 'SetComp' : 'GeneratorExp';
      return { kind, span, elt, generators: comp.generators };
    }
    if (k === N.ArrayExpression) return { kind: 'List', span, elts: list.elts };
    if (k === N.SetExpression) return { kind: 'Set', span, elts: list.elts };
    return { kind: 'Tuple', span, elts: list.elts, parenthesized: true };
  }

  protected dict(): A.Expr {
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
          if (key) this.unreadable();
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
          if (key) this.unreadable();
          key = this.expr();
        }
        more = this.next();
      }
      if (key) this.unreadable();
      if (!more || this.kind() !== N.CloseBrace) this.unreadable();
      this.leave();
    }
    if (comp !== null) {
      const first = items[0];
      if (items.length !== 1 || !first || !('key' in first)) {
        this.unreadable();
        return { kind: 'DictComp', span, key: this.errorExpr(span), value: this.errorExpr(span), generators: comp.generators };
      }
      return { kind: 'DictComp', span, key: first.key, value: first.value, generators: comp.generators };
    }
    return { kind: 'Dict', span, items };
  }
}
