// Simple statements (assignments, del, return, raise, imports, ...) and decorators: the
// pieces of statements that hold no block. A target CPython would refuse (`f() = 1`) is a
// problem with its message, and makes the statement an ErrorStmt (convertStmt.ts).
import type * as A from '../ast';
import { ExprWalk } from './convertExpr';
import { NodeKinds } from './nodeTypes';
import { targetProblem as targetProblemImport, type TargetContext } from './targets';

// Local references: run file by file (tsx), an import is read through a module getter on
// every use, which cost a fifth of the conversion time.
const N = NodeKinds;
const targetProblem = targetProblemImport;

export abstract class SimpleStmtWalk extends ExprWalk {
  /** The children of the current node after its first (keyword) child, as one expression. */
  protected childList(skipFirst = false): A.Expr {
    const span = this.span();
    if (!this.enter()) return this.errorExpr(span);
    if (skipFirst && !this.next()) {
      this.leave();
      return this.errorExpr({ start: span.end, end: span.end });
    }
    const list = this.exprList(() => false);
    this.leave();
    return this.tupleOf(list);
  }

  protected checkTarget(e: A.Expr, context: TargetContext): void {
    const p = targetProblem(e, context);
    if (p) this.problem(p.message, p.at.span);
  }

  protected assign(): A.Stmt {
    const span = this.span();
    const groups: A.Expr[] = [];
    let annotation: A.Expr | null = null;
    if (this.enter()) {
      let list = this.exprList((k) => k === N.AssignOp || k === N.TypeDef);
      groups.push(this.tupleOf(list));
      let more = list.more;
      while (more) {
        const k = this.kind();
        if (k === N.TypeDef && annotation === null && groups.length === 1) {
          annotation = this.typeDef();
          more = this.next();
        } else if (k === N.AssignOp) {
          this.operator();
          const at = this.to;
          more = this.next();
          if (more && this.kind() === N.YieldExpression) {
            groups.push(this.yieldExpr());
            more = this.next();
          } else if (more) {
            list = this.exprList((x) => x === N.AssignOp);
            groups.push(this.tupleOf(list));
            more = list.more;
          } else {
            groups.push(this.errorExpr({ start: at, end: at }));
          }
        } else {
          this.unreadable();
          more = this.next();
        }
      }
      this.leave();
    }
    if (annotation !== null) {
      if (groups.length > 2) this.problem('invalid syntax', span);
      this.checkTarget(groups[0], 'annotated');
      return { kind: 'AnnAssign', span, target: groups[0], annotation, value: groups[1] ?? null };
    }
    if (groups.length < 2) return { kind: 'ErrorStmt', span: this.span() };
    const targets = groups.slice(0, -1);
    for (const t of targets) this.checkTarget(t, 'assign');
    return { kind: 'Assign', span, targets, value: groups[groups.length - 1] };
  }

  protected augAssign(): A.Stmt {
    const span = this.span();
    let target: A.Expr | null = null;
    let op = '';
    let value: A.Expr | null = null;
    if (this.enter()) {
      const list = this.exprList((k) => k === N.UpdateOp);
      target = this.tupleOf(list);
      let more = list.more;
      if (more && this.kind() === N.UpdateOp) {
        op = this.operator().slice(0, -1);
        more = this.next();
        if (more && this.kind() === N.YieldExpression) {
          value = this.yieldExpr();
          more = this.next();
        } else if (more) {
          const rhs = this.exprList(() => false);
          value = this.tupleOf(rhs);
          more = rhs.more;
        }
      }
      while (more) {
        this.unreadable();
        more = this.next();
      }
      this.leave();
    }
    if (!target || !value || op === '') return { kind: 'ErrorStmt', span };
    this.checkTarget(target, 'augmented');
    return { kind: 'AugAssign', span, target, op: op as A.BinaryOperator, value };
  }

  protected del(): A.Stmt {
    const span = this.span();
    const targets: A.Expr[] = [];
    if (this.enter()) {
      if (this.next()) {
        const list = this.exprList(() => false);
        targets.push(...list.elts);
      }
      this.leave();
    }
    if (targets.length === 0) this.problem('invalid syntax', span);
    for (const t of targets) this.checkTarget(t, 'delete');
    return { kind: 'Delete', span, targets };
  }

  protected returnStmt(): A.Stmt {
    const span = this.span();
    let value: A.Expr | null = null;
    if (this.enter()) {
      if (this.next()) value = this.tupleOf(this.exprList(() => false));
      this.leave();
    }
    return { kind: 'Return', span, value };
  }

  protected raise(): A.Stmt {
    const span = this.span();
    let exc: A.Expr | null = null;
    if (this.enter()) {
      let more = this.next();
      if (more) {
        exc = this.expr();
        more = this.next();
      }
      if (more && this.kind() === N.KwFrom) {
        // `raise X from Y`: the cause does not change what is raised.
        const r = this.nextExpr();
        more = r.more && this.next();
      } else if (more && this.kind() === N.Comma) {
        this.problem('invalid syntax', { start: this.from, end: this.to });
        more = false;
      }
      while (more) {
        this.unreadable();
        more = this.next();
      }
      this.leave();
    }
    return { kind: 'Raise', span, exc };
  }

  protected scope(): A.Stmt {
    const span = this.span();
    const names: string[] = [];
    let kind: 'Global' | 'Nonlocal' = 'Global';
    if (this.enter()) {
      do {
        const k = this.kind();
        if (k === N.KwNonlocal) kind = 'Nonlocal';
        else if (k === N.VariableName) names.push(this.name().id);
        else if (k !== N.KwGlobal && k !== N.Comma) this.unreadable();
      } while (this.next());
      this.leave();
    }
    return { kind, span, names };
  }

  protected assert(): A.Stmt {
    const span = this.span();
    let test: A.Expr | null = null;
    let msg: A.Expr | null = null;
    if (this.enter()) {
      while (this.next()) {
        const k = this.kind();
        if (k === N.Comma) continue;
        if (test === null) test = this.expr();
        else if (msg === null) msg = this.expr();
        else this.unreadable();
      }
      this.leave();
    }
    return { kind: 'Assert', span, test: test ?? this.errorExpr({ start: span.end, end: span.end }), msg };
  }

  protected importStmt(): A.Stmt {
    const span = this.span();
    if (!this.enter()) return { kind: 'ErrorStmt', span };
    const isFrom = this.kind() === N.KwFrom;
    let level = 0;
    let module: string | null = null;
    let more = this.next();
    if (isFrom) {
      const parts: string[] = [];
      while (more && this.kind() !== N.KwImport) {
        const k = this.kind();
        if (k === N.Dot && parts.length === 0) level++;
        else if (k === N.Ellipsis && parts.length === 0) level += 3;
        else if (k === N.VariableName) parts.push(this.name().id);
        else if (k !== N.Dot) this.unreadable();
        more = this.next();
      }
      module = parts.length > 0 ? parts.join('.') : null;
      if (more) more = this.next(); // past `import`
      else this.unreadable();
      if (more && this.kind() === N.Star) {
        more = this.next();
        while (more) {
          this.unreadable();
          more = this.next();
        }
        this.leave();
        return { kind: 'ImportFrom', span, module, level, names: '*' };
      }
    }
    const names = this.importNames(more, isFrom);
    this.leave();
    if (names.length === 0) this.problem('invalid syntax', span);
    return isFrom ? { kind: 'ImportFrom', span, module, level, names } : { kind: 'Import', span, names };
  }

  /** `a.b as c, d` from the cursor to the end of the ImportStatement's children. */
  protected importNames(more: boolean, isFrom: boolean): A.ImportAlias[] {
    const names: A.ImportAlias[] = [];
    let parts: string[] = [];
    let asname: string | null = null;
    let start = -1;
    let end = -1;
    let afterAs = false;
    const finish = (): void => {
      if (parts.length > 0) names.push({ span: { start, end }, name: parts.join('.'), asname });
      else if (start >= 0) this.unreadable();
      parts = [];
      asname = null;
      start = -1;
      afterAs = false;
    };
    while (more) {
      const k = this.kind();
      if (k === N.VariableName) {
        if (start < 0) start = this.from;
        end = this.to;
        if (afterAs) {
          if (asname !== null) this.unreadable();
          asname = this.name().id;
        } else {
          parts.push(this.name().id);
        }
      } else if (k === N.Dot) {
        if (afterAs || parts.length === 0) this.unreadable();
        else if (isFrom) this.unreadable(); // `from m import a.b` is not Python
      } else if (k === N.KwAs) {
        if (afterAs || parts.length === 0) this.unreadable();
        afterAs = true;
      } else if (k === N.Comma) {
        finish();
      } else if (!(isFrom && (k === N.OpenParen || k === N.CloseParen))) {
        this.unreadable();
      }
      more = this.next();
    }
    finish();
    return names;
  }

  /** `@a.b(args)`: Decorator at the cursor; ends on it. */
  protected decorator(): A.Expr {
    let e: A.Expr | null = null;
    let afterDot = false;
    if (this.enter()) {
      do {
        const k = this.kind();
        if (k === N.At) continue;
        if (k === N.VariableName && e === null) e = this.name();
        else if (k === N.VariableName && afterDot && e !== null) {
          const n = this.name();
          e = { kind: 'Attribute', span: { start: e.span.start, end: n.span.end }, value: e, attr: n.id, attrSpan: n.span };
          afterDot = false;
        } else if (k === N.Dot && e !== null && !afterDot) afterDot = true;
        else if (k === N.ArgList && e !== null && !afterDot && e.kind !== 'Call') {
          const argsSpan = this.span();
          e = { kind: 'Call', span: { start: e.span.start, end: argsSpan.end }, func: e, args: this.argList(), argsSpan };
        } else this.unreadable();
      } while (this.next());
      this.leave();
    }
    if (afterDot) this.unreadable();
    return e ?? this.errorExpr();
  }
}
