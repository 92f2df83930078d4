// The Python abstract interpreter: executes statements in order over Python's scopes,
// computing values where Python's semantics make them certain and Unknown elsewhere. It never
// runs user code and never imports anything: `import keras` binds a description of the Keras
// API (keras/api.ts), not the library. The pieces live in their own files; this class is the
// hub they call back into, so that no module imports another's implementation in a cycle.
import { unknown, type Span, type Unknown } from '../../types';
import type * as ast from './ast';
import type { CallArgs } from './callArgs';
import type { PyCtx } from './context';
import { evalExpr } from './expressions';
import { keepSymbol } from './symbolNames';
import { execStatement, execStatements, type Completion } from './statements';
import { assignTarget } from './assignment';
import { callValue } from './calls';
import { getAttribute } from './attributes';
import { iterateValue } from './iteration';
import { havocStatements, havocValues } from './havoc';
import type { PyScope } from './scope';
import type { PyVal } from './values';

import type { Frame } from './recursion';

export type { Frame };

export class PyInterpreter {
  readonly frames: Frame[] = [];

  constructor(readonly ctx: PyCtx) {}

  eval(node: ast.Expr, scope: PyScope): PyVal {
    this.ctx.step();
    return keepSymbol(node, evalExpr(this, node, scope));
  }

  exec(node: ast.Stmt, scope: PyScope): Completion {
    this.ctx.step();
    return execStatement(this, node, scope);
  }

  execBlock(list: readonly ast.Stmt[], scope: PyScope): Completion {
    return execStatements(this, list, scope);
  }

  assign(target: ast.Expr, value: PyVal, scope: PyScope): void {
    assignTarget(this, target, value, scope);
  }

  /** Calls any callable value; `span` is the whole call expression. */
  call(fn: PyVal, args: CallArgs, span: Span, site: ast.Call | null = null): PyVal {
    return callValue(this, fn, args, span, site);
  }

  getAttr(obj: PyVal, name: string, span: Span): PyVal {
    return getAttribute(this, obj, name, span);
  }

  /** The items a `for` loop would see, or Unknown when they are not statically known. */
  iterate(v: PyVal): PyVal[] | Unknown {
    return iterateValue(this, v);
  }

  /** Code we will not run (an unknown condition, a loop we give up on): what it may change becomes unknown. */
  havoc(code: readonly ast.Stmt[], scope: PyScope, reason: string): void {
    havocStatements(this, code, scope, reason);
  }

  /** Values handed to code we cannot follow. */
  havocValues(values: readonly PyVal[], reason: string): void {
    havocValues(this, values, reason);
  }

  unknown(reason: string): Unknown {
    return unknown(reason);
  }

  /** The source text of a span, as the user wrote it (for conditions shown in hints). */
  text(span: Span): string {
    return this.ctx.sliceText(span.start, span.end);
  }
}
