// Statements: lezer's Script/Body children into ast.ts statements. A statement with anything
// unreadable inside (an error node, a problem CPython reports) becomes an ErrorStmt over its
// span, so the interpreter never sees a guess; for a compound statement that is decided by its
// header, and the statements of its blocks stand on their own.
import type { Tree } from '@lezer/common';
import type { Span } from '../../../types';
import type * as A from '../ast';
import { SimpleStmtWalk } from './convertSimple';
import { NodeKinds, type NodeKind } from './nodeTypes';

// Local references: run file by file (tsx), an import is read through a module getter on
// every use, which cost a fifth of the conversion time.
const N = NodeKinds;

/** Deeper block nesting than this is unreadable (CPython allows 100 indentation levels). */
const MAX_BLOCK_DEPTH = 120;

interface Clause {
  readonly start: number;
  readonly test: A.Expr | null;
  readonly body: A.Stmt[];
  readonly end: number;
}

export class StmtWalk extends SimpleStmtWalk {
  private blocks = 0;

  constructor(
    tree: Tree,
    text: string,
    /** Where recovery put a `0` for a statement it blanked: the `0` reads as an ErrorStmt. */
    private readonly fillers: ReadonlyMap<number, Span>,
    originals: ReadonlyMap<number, string>,
  ) {
    super(tree, text, originals);
  }

  /** The Script at the cursor (a fresh cursor starts there). */
  module(): A.Stmt[] {
    return this.statementsOfChildren();
  }

  /** Statements among the children of the current node (Script, or a Body after its ':'). */
  private statementsOfChildren(): A.Stmt[] {
    const out: A.Stmt[] = [];
    if (!this.enter()) return out;
    do this.statementInto(out);
    while (this.next());
    this.leave();
    return out;
  }

  private statementInto(out: A.Stmt[]): void {
    const k = this.kind();
    if (k === N.Colon) return; // a Body's ':'
    if (k === N.Error) {
      // Outside any statement: nothing becomes an ErrorStmt, but recovery has work to do.
      this.unreadableCount++;
      return;
    }
    if (k === N.StatementGroup) {
      if (!this.enter()) return;
      do if (this.kind() !== N.Semicolon) this.statementInto(out);
      while (this.next());
      this.leave();
      return;
    }
    const filler = this.fillers.size > 0 ? this.fillers.get(this.from) : undefined;
    if (filler) {
      out.push({ kind: 'ErrorStmt', span: filler });
      return;
    }
    const span = this.span();
    const before = this.errors;
    const s = this.statement(k);
    out.push(this.errors === before || s.kind === 'ErrorStmt' ? s : { kind: 'ErrorStmt', span: s.span ?? span });
  }

  private statement(k: NodeKind): A.Stmt {
    switch (k) {
      case N.AssignStatement:
        return this.assign();
      case N.UpdateStatement:
        return this.augAssign();
      case N.ExpressionStatement: {
        const span = this.span();
        return { kind: 'ExprStmt', span, value: this.childList() };
      }
      case N.YieldStatement:
        return { kind: 'ExprStmt', span: this.span(), value: this.yieldExpr() };
      case N.DeleteStatement:
        return this.del();
      case N.PassStatement:
        return { kind: 'Pass', span: this.span() };
      case N.BreakStatement:
        return { kind: 'Break', span: this.span() };
      case N.ContinueStatement:
        return { kind: 'Continue', span: this.span() };
      case N.ReturnStatement:
        return this.returnStmt();
      case N.RaiseStatement:
        return this.raise();
      case N.ImportStatement:
        return this.importStmt();
      case N.ScopeStatement:
        return this.scope();
      case N.AssertStatement:
        return this.assert();
      case N.PrintStatement:
        // lezer reads `print x` as Python 2's statement; it is an error in Python 3.
        if (this.subtreeHasError()) this.unreadable();
        else this.problem("Missing parentheses in call to 'print'. Did you mean print(...)?", this.span());
        return { kind: 'ErrorStmt', span: this.span() };
      case N.IfStatement:
        return this.compound(() => this.ifStmt());
      case N.WhileStatement:
        return this.compound(() => this.whileStmt());
      case N.ForStatement:
        return this.compound(() => this.forStmt());
      case N.TryStatement:
        return this.compound(() => this.tryStmt());
      case N.WithStatement:
        return this.compound(() => this.withStmt());
      case N.FunctionDefinition:
        return this.compound(() => this.functionDef([]));
      case N.ClassDefinition:
        return this.compound(() => this.classDef([]));
      case N.DecoratedStatement:
        return this.compound(() => this.decorated());
      case N.MatchStatement:
        return this.compound(() => this.match());
      default:
        // TypeDefinition (`type X = int`) and anything we do not model: skipped, not an error.
        if (k !== N.TypeDefinition || this.subtreeHasError()) this.unreadable();
        return { kind: 'ErrorStmt', span: this.span() };
    }
  }

  /**
   * Runs a compound statement's converter, which reports `headerErrors` after its header
   * parts; the statement becomes an ErrorStmt when those had errors, not its blocks.
   */
  private compound(convert: () => { stmt: A.Stmt; headerOk: boolean }): A.Stmt {
    const before = this.errors;
    if (this.blocks >= MAX_BLOCK_DEPTH) {
      this.problem('too many levels of indentation', this.span());
      return { kind: 'ErrorStmt', span: this.span() };
    }
    this.blocks++;
    const r = convert();
    this.blocks--;
    if (!r.headerOk) return { kind: 'ErrorStmt', span: r.stmt.span };
    // Errors inside the blocks were already turned into ErrorStmts there.
    this.errors = before;
    return r.stmt;
  }

  /** A compound statement's header is unreadable: counts as lezer's doing (recovery looks). */
  private broken(): number {
    this.unreadableCount++;
    return 1;
  }

  /** A Body at the cursor; ends on it. */
  private block(): A.Stmt[] {
    const before = this.errors;
    const body = this.statementsOfChildren();
    this.errors = before;
    return body;
  }

  private endOf(stmts: readonly A.Stmt[], fallback: number): number {
    return stmts.length > 0 ? stmts[stmts.length - 1].span.end : fallback;
  }

  // -------------------------------------------------------------------------------------
  // Compound statements. Each returns the statement and whether its header was readable.

  /** The test after a keyword (`if`, `elif`, `while`): cursor on the keyword, ends on the test. */
  private testAfterKeyword(): { test: A.Expr | null; more: boolean } {
    const at = this.to;
    if (!this.next()) return { test: null, more: false };
    if (this.kind() === N.Body) {
      this.errorExpr({ start: at, end: at });
      return { test: null, more: true };
    }
    const test = this.expr();
    return { test, more: this.next() };
  }

  private ifStmt(): { stmt: A.Stmt; headerOk: boolean } {
    const span = this.span();
    const clauses: Clause[] = [];
    let orelse: A.Stmt[] = [];
    let headerErrors = 0;
    if (this.enter()) {
      let more = true;
      while (more) {
        const k = this.kind();
        if (k === N.KwIf || k === N.KwElif) {
          const start = this.from;
          const before = this.errors;
          const r = this.testAfterKeyword();
          more = r.more;
          headerErrors += this.errors - before;
          let body: A.Stmt[] = [];
          if (more && this.kind() === N.Body) {
            body = this.block();
            more = this.next();
          } else {
            headerErrors += this.broken();
          }
          clauses.push({ start, test: r.test, body, end: this.endOf(body, start) });
        } else if (k === N.KwElse) {
          more = this.next();
          if (more && this.kind() === N.Body) {
            orelse = this.block();
            more = this.next();
          } else {
            headerErrors += this.broken();
          }
        } else {
          headerErrors += this.broken();
          more = this.next();
        }
      }
      this.leave();
    }
    // lezer lets `elif:` go without a test; Python does not.
    const missing = clauses.find((c) => c.test === null);
    if (missing) this.problem('invalid syntax', this.tokenAfter(missing.start + 4));
    if (clauses.length === 0 || missing) headerErrors += this.broken();
    this.errors += headerErrors;
    let end = this.endOf(orelse, clauses.length > 0 ? clauses[clauses.length - 1].end : span.end);
    for (let i = clauses.length - 1; i >= 1; i--) {
      const c = clauses[i];
      const elif: A.If = { kind: 'If', span: { start: c.start, end }, test: c.test ?? this.errorExpr(span), body: c.body, orelse, isElif: true };
      orelse = [elif];
      end = Math.max(end, elif.span.end);
    }
    const first = clauses[0];
    if (!first) return { stmt: { kind: 'ErrorStmt', span }, headerOk: false };
    const stmt: A.If = { kind: 'If', span: { start: span.start, end }, test: first.test ?? this.errorExpr(span), body: first.body, orelse };
    return { stmt, headerOk: headerErrors === 0 };
  }

  private whileStmt(): { stmt: A.Stmt; headerOk: boolean } {
    const span = this.span();
    let test: A.Expr | null = null;
    let body: A.Stmt[] = [];
    let orelse: A.Stmt[] = [];
    let headerErrors = 0;
    if (this.enter()) {
      const before = this.errors;
      const r = this.testAfterKeyword();
      test = r.test;
      headerErrors += this.errors - before;
      let more = r.more;
      ({ body, orelse, more } = this.bodyAndElse(more));
      if (more) headerErrors += this.broken();
      this.leave();
    }
    if (test === null) headerErrors += this.broken();
    this.errors += headerErrors;
    const end = this.endOf(orelse, this.endOf(body, span.end));
    return { stmt: { kind: 'While', span: { start: span.start, end }, test: test ?? this.errorExpr(span), body, orelse }, headerOk: headerErrors === 0 };
  }

  /** `Body (else Body)?` from the cursor. */
  private bodyAndElse(more: boolean): { body: A.Stmt[]; orelse: A.Stmt[]; more: boolean } {
    let body: A.Stmt[] = [];
    let orelse: A.Stmt[] = [];
    if (more && this.kind() === N.Body) {
      body = this.block();
      more = this.next();
    } else {
      this.unreadable();
    }
    if (more && this.kind() === N.KwElse) {
      more = this.next();
      if (more && this.kind() === N.Body) {
        orelse = this.block();
        more = this.next();
      } else {
        this.unreadable();
      }
    }
    return { body, orelse, more };
  }

  private forStmt(): { stmt: A.Stmt; headerOk: boolean } {
    const span = this.span();
    let isAsync = false;
    let target: A.Expr | null = null;
    let iter: A.Expr | null = null;
    let body: A.Stmt[] = [];
    let orelse: A.Stmt[] = [];
    let headerErrors = 0;
    if (this.enter()) {
      const before = this.errors;
      let more = true;
      if (this.kind() === N.KwAsync) {
        isAsync = true;
        more = this.next();
      }
      if (more) more = this.next(); // past `for`
      if (more) {
        const list = this.exprList((k) => k === N.KwIn || k === N.Body);
        target = this.tupleOf(list);
        more = list.more;
        this.checkTarget(target, 'for');
      }
      if (more && this.kind() === N.KwIn) {
        more = this.next();
        if (more) {
          const list = this.exprList((k) => k === N.Body);
          iter = this.tupleOf(list);
          more = list.more;
        }
      }
      headerErrors += this.errors - before;
      ({ body, orelse, more } = this.bodyAndElse(more));
      if (more) headerErrors += this.broken();
      this.leave();
    }
    if (target === null || iter === null) headerErrors += this.broken();
    this.errors += headerErrors;
    const end = this.endOf(orelse, this.endOf(body, span.end));
    const stmt: A.For = { kind: 'For', span: { start: span.start, end }, target: target ?? this.errorExpr(span), iter: iter ?? this.errorExpr(span), body, orelse, isAsync };
    return { stmt, headerOk: headerErrors === 0 };
  }

  private tryStmt(): { stmt: A.Stmt; headerOk: boolean } {
    const span = this.span();
    let body: A.Stmt[] = [];
    const handlers: A.ExceptHandler[] = [];
    let orelse: A.Stmt[] = [];
    let finalbody: A.Stmt[] = [];
    let headerErrors = 0;
    let end = span.start;
    let afterBody = span.end;
    if (this.enter()) {
      let more = this.next(); // past `try`
      if (more && this.kind() === N.Body) {
        body = this.block();
        end = this.endOf(body, end);
        afterBody = this.to;
        more = this.next();
      } else {
        headerErrors += this.broken();
      }
      while (more) {
        const k = this.kind();
        const start = this.from;
        if (k === N.KwExcept) {
          const before = this.errors;
          more = this.next();
          if (more && this.kind() === N.Star) more = this.next();
          let type: A.Expr | null = null;
          let name: string | null = null;
          if (more && this.kind() !== N.Body) {
            type = this.expr();
            more = this.next();
            if (more && (this.kind() === N.KwAs || this.kind() === N.Comma)) {
              if (this.kind() === N.Comma) this.problem('multiple exception types must be parenthesized', { start: type.span.start, end: this.to });
              more = this.next();
              if (more && this.kind() === N.VariableName) {
                name = this.name().id;
                more = this.next();
              } else {
                this.unreadable();
              }
            }
          }
          headerErrors += this.errors - before;
          let hbody: A.Stmt[] = [];
          if (more && this.kind() === N.Body) {
            hbody = this.block();
            more = this.next();
          } else {
            headerErrors += this.broken();
          }
          const hend = this.endOf(hbody, start);
          handlers.push({ span: { start, end: hend }, type, name, body: hbody });
          end = hend;
        } else if (k === N.KwElse || k === N.KwFinally) {
          more = this.next();
          if (more && this.kind() === N.Body) {
            const b = this.block();
            if (k === N.KwElse) orelse = b;
            else finalbody = b;
            end = this.endOf(b, end);
            more = this.next();
          } else {
            headerErrors += this.broken();
          }
        } else {
          headerErrors += this.broken();
          more = this.next();
        }
      }
      this.leave();
    }
    // `try:` alone, or `else` without `except`, is not Python; CPython points after the block.
    if ((handlers.length === 0 && finalbody.length === 0) || (orelse.length > 0 && handlers.length === 0)) {
      this.problem("expected 'except' or 'finally' block", this.tokenAfter(afterBody));
    }
    this.errors += headerErrors;
    return { stmt: { kind: 'Try', span: { start: span.start, end }, body, handlers, orelse, finalbody }, headerOk: headerErrors === 0 };
  }

  private withStmt(): { stmt: A.Stmt; headerOk: boolean } {
    const span = this.span();
    let isAsync = false;
    const items: A.WithItem[] = [];
    let body: A.Stmt[] = [];
    let headerErrors = 0;
    if (this.enter()) {
      const before = this.errors;
      let more = true;
      if (this.kind() === N.KwAsync) {
        isAsync = true;
        more = this.next();
      }
      if (more) more = this.next(); // past `with`
      while (more && this.kind() !== N.Body) {
        const k = this.kind();
        if (k === N.Comma) {
          more = this.next();
          continue;
        }
        const context = this.expr();
        let target: A.Expr | null = null;
        more = this.next();
        if (more && this.kind() === N.KwAs) {
          more = this.next();
          if (more && this.kind() !== N.Body && this.kind() !== N.Comma) {
            target = this.expr();
            this.checkTarget(target, 'with');
            more = this.next();
          } else {
            this.unreadable();
          }
        }
        items.push({ span: { start: context.span.start, end: target ? target.span.end : context.span.end }, context, target });
      }
      headerErrors += this.errors - before;
      if (more && this.kind() === N.Body) {
        body = this.block();
        more = this.next();
      } else {
        headerErrors += this.broken();
      }
      if (more) headerErrors += this.broken();
      this.leave();
    }
    if (items.length === 0) headerErrors += this.broken();
    this.errors += headerErrors;
    return { stmt: { kind: 'With', span: { start: span.start, end: this.endOf(body, span.end) }, items, body, isAsync }, headerOk: headerErrors === 0 };
  }

  /**
   * FunctionDefinition at the cursor. Its span is the `def` statement itself, from `def` (or
   * `async`) to the end of its body, as CPython's ast has it; decorators keep their own spans.
   */
  private functionDef(decorators: A.Expr[]): { stmt: A.Stmt; headerOk: boolean } {
    const span = this.span();
    let isAsync = false;
    let name: A.Name | null = null;
    let params: A.Parameters | null = null;
    let returns: A.Expr | null = null;
    let body: A.Stmt[] = [];
    let headerErrors = 0;
    if (this.enter()) {
      const before = this.errors;
      let more = true;
      let sawBody = false;
      while (more) {
        const k = this.kind();
        if (k === N.KwAsync) isAsync = true;
        else if (k === N.KwDef || k === N.TypeParamList) {
          // Type parameters (`def f[T]()`) are not modelled.
          if (k === N.TypeParamList && this.subtreeHasError()) this.unreadable();
        } else if (k === N.VariableName && name === null) name = this.name();
        else if (k === N.ParamList && params === null) params = this.parameters(true);
        else if (k === N.TypeDef && returns === null) returns = this.typeDef();
        else if (k === N.Body && !sawBody) {
          headerErrors += this.errors - before;
          body = this.block();
          sawBody = true;
        } else this.unreadable();
        more = this.next();
      }
      if (!sawBody) headerErrors += this.errors - before + 1;
      this.leave();
    }
    if (name === null || params === null) headerErrors += this.broken();
    this.errors += headerErrors;
    const stmt: A.FunctionDef = {
      kind: 'FunctionDef',
      span: { start: span.start, end: this.endOf(body, span.end) },
      name: name?.id ?? '',
      nameSpan: name?.span ?? span,
      params: params ?? { span, params: [] },
      body,
      decorators,
      returns,
      isAsync,
    };
    return { stmt, headerOk: headerErrors === 0 };
  }

  private classDef(decorators: A.Expr[]): { stmt: A.Stmt; headerOk: boolean } {
    const span = this.span();
    let name: A.Name | null = null;
    let bases: A.Arg[] = [];
    let body: A.Stmt[] = [];
    let headerErrors = 0;
    if (this.enter()) {
      const before = this.errors;
      let more = true;
      let sawBody = false;
      while (more) {
        const k = this.kind();
        if (k === N.KwClass || k === N.TypeParamList) {
          // Type parameters are not modelled.
          if (k === N.TypeParamList && this.subtreeHasError()) this.unreadable();
        } else if (k === N.VariableName && name === null) name = this.name();
        else if (k === N.ArgList) bases = this.argList();
        else if (k === N.Body && !sawBody) {
          headerErrors += this.errors - before;
          body = this.block();
          sawBody = true;
        } else this.unreadable();
        more = this.next();
      }
      if (!sawBody) headerErrors += this.errors - before + 1;
      this.leave();
    }
    if (name === null) headerErrors += this.broken();
    this.errors += headerErrors;
    const stmt: A.ClassDef = {
      kind: 'ClassDef',
      span: { start: span.start, end: this.endOf(body, span.end) },
      name: name?.id ?? '',
      nameSpan: name?.span ?? span,
      bases,
      body,
      decorators,
    };
    return { stmt, headerOk: headerErrors === 0 };
  }

  private decorated(): { stmt: A.Stmt; headerOk: boolean } {
    const span = this.span();
    const decorators: A.Expr[] = [];
    let result: { stmt: A.Stmt; headerOk: boolean } | null = null;
    let headerErrors = 0;
    if (this.enter()) {
      do {
        const k = this.kind();
        if (k === N.Decorator) {
          const before = this.errors;
          decorators.push(this.decorator());
          headerErrors += this.errors - before;
        } else if ((k === N.FunctionDefinition || k === N.ClassDefinition) && result === null) {
          result = k === N.FunctionDefinition ? this.functionDef(decorators) : this.classDef(decorators);
        } else {
          headerErrors += this.broken();
        }
      } while (this.next());
      this.leave();
    }
    this.errors += headerErrors;
    if (result === null) return { stmt: { kind: 'ErrorStmt', span }, headerOk: false };
    return { stmt: result.stmt, headerOk: result.headerOk && headerErrors === 0 };
  }
  /** `match` with each case's body; patterns and guards are not modelled. */
  private match(): { stmt: A.Stmt; headerOk: boolean } {
    const span = this.span();
    let subject: A.Expr | null = null;
    const cases: A.Stmt[][] = [];
    let headerErrors = 0;
    let end = span.end;
    if (this.enter()) {
      const before = this.errors;
      let more = this.next(); // past `match`
      if (more && this.kind() === N.Star) more = this.next();
      if (more && this.kind() !== N.MatchBody) {
        const list = this.exprList((k) => k === N.MatchBody);
        subject = this.tupleOf(list);
        more = list.more;
      }
      headerErrors += this.errors - before;
      if (more && this.kind() === N.MatchBody) {
        if (this.enter()) {
          do {
            const k = this.kind();
            if (k === N.MatchClause) {
              const body = this.caseBody();
              if (body === null) headerErrors += this.broken();
              else {
                cases.push(body);
                end = this.endOf(body, end);
              }
            } else if (k !== N.Colon) {
              headerErrors += this.broken();
            }
          } while (this.next());
          this.leave();
        }
      } else {
        headerErrors += this.broken();
      }
      this.leave();
    }
    if (subject === null || cases.length === 0) headerErrors += this.broken();
    this.errors += headerErrors;
    const last = cases[cases.length - 1];
    if (last && last.length > 0) end = last[last.length - 1].span.end;
    return { stmt: { kind: 'Match', span: { start: span.start, end }, subject: subject ?? this.errorExpr(span), cases }, headerOk: headerErrors === 0 };
  }

  /**
   * A MatchClause's body, or null without one. Its pattern is not read: lezer's pattern grammar
   * is narrower than Python's (`case Point():`), and patterns are not interpreted.
   */
  private caseBody(): A.Stmt[] | null {
    let body: A.Stmt[] | null = null;
    if (this.enter()) {
      do if (this.kind() === N.Body) body = this.block();
      while (this.next());
      this.leave();
    }
    return body;
  }
}
