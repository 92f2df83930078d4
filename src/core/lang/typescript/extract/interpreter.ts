// The abstract interpreter: executes statements in order over lexical scopes, computing
// constant values where JS semantics make them certain and Unknown elsewhere. The pieces live
// in their own files (expressions, statements, patterns, calls, TF.js calls, built-ins,
// havoc); this class is the hub they call back into, so that no module imports another's
// implementation in a cycle.
import { opaque } from '../../../symbolic/symbols';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isUnknown, unknown, type Unknown } from '../../../types';
import type { Ctx } from './context';
import { evalExpression } from './expressions';
import { execStatement, execStatements, execTopLevel, type Completion } from './statements';
import { bindPattern } from './patterns';
import { callValue, callMethod, callFunction } from './calls';
import { havocNode, havocValues } from './havoc';
import type { Scope, Binding } from './scope';
import type { FunctionVal, Val } from './values';

const KEEPS_SYMBOL = new Set<string>(['Identifier', 'MemberExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSSatisfiesExpression', 'ChainExpression', 'AssignmentExpression']);

export class Interpreter {
  constructor(readonly ctx: Ctx) {}

  eval(node: TSESTree.Node, scope: Scope): Val {
    this.ctx.step();
    const v = evalExpression(this, node, scope);
    // A named size is one value: only an expression that is that value keeps the name
    // (`n`, `opts.n`, `n as number`); anything that computes (`n + 1`, `f(n)`) drops it.
    return isUnknown(v) && v.symbol && !KEEPS_SYMBOL.has(node.type) ? opaque(v) : v;
  }

  exec(node: TSESTree.Node, scope: Scope): Completion {
    this.ctx.step();
    return execStatement(this, node, scope);
  }

  execList(list: readonly TSESTree.Node[], scope: Scope): Completion {
    return execStatements(this, list, scope);
  }

  /** A program's statements, each given up alone if it exhausts the stack. */
  execProgram(list: readonly TSESTree.Node[], scope: Scope): void {
    execTopLevel(this, list, scope);
  }

  /** Binds `pattern` to `value`: a declaration when `kind` is given, else an assignment. */
  bind(pattern: TSESTree.Node, value: Val, scope: Scope, kind: Binding['kind'] | null): void {
    bindPattern(this, pattern, value, scope, kind);
  }

  call(fn: Val, args: Val[], callNode: TSESTree.Node, thisVal?: Val): Val {
    return callValue(this, fn, args, callNode, thisVal);
  }

  callMethod(recv: Val, name: string, args: Val[], callNode: TSESTree.CallExpression | TSESTree.NewExpression): Val {
    return callMethod(this, recv, name, args, callNode);
  }

  /** Runs a never-called function with unknown parameters (defaults apply). */
  runStandalone(fn: FunctionVal): void {
    callFunction(this, fn, [], fn.thisVal, true);
  }

  /** Code we will not execute (unknown condition, loop cut short): make what it may change unknown. */
  havoc(node: TSESTree.Node | null | undefined, scope: Scope, reason: string): void {
    if (node) havocNode(this, node, scope, reason);
  }

  /** Values handed to code we cannot follow. */
  havocValues(values: readonly Val[], reason: string): void {
    havocValues(this, values, reason);
  }

  unknown(reason: string): Unknown {
    return unknown(reason);
  }
}
