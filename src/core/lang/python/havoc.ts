// "Havoc": the conservative treatment of code we decide not to run (a branch we cannot join,
// a loop we give up on) and of values handed to code we cannot see. Names it may bind become
// Unknown, lists and dicts it may change become tainted, Sequential models it may add to
// become incomplete with an unknown output. Nothing here guesses a value.
import { unknown } from '../../types';
import type * as ast from './ast';
import { pushChildren } from './astWalk';
import { boundNames, childBlocks } from './codeScan';
import type { PyInterpreter } from './interpreter';
import type { PyScope } from './scope';
import { isObject, type FunctionNode, type PyVal } from './values';

const MAX_VALUE_DEPTH = 3;
/** Model methods that change the layer stack; the others (summary, fit, compile) only read. */
const MUTATING_METHODS = new Set(['add', 'pop', 'build', 'append', 'extend', 'insert', 'update', 'setdefault', 'clear', 'remove', 'sort', 'reverse']);

export function havocValues(ip: PyInterpreter, values: readonly PyVal[], reason: string, depth = 0, seen = new Set<FunctionNode>()): void {
  if (depth > MAX_VALUE_DEPTH) return;
  for (const v of values) {
    if (!isObject(v)) continue;
    switch (v.tag) {
      case 'model':
        if (v.model.kind === 'sequential') {
          v.model.havoc();
          ip.ctx.touch(v.model);
        }
        break;
      case 'list':
        v.tainted ??= reason;
        havocValues(ip, v.items, reason, depth + 1, seen);
        break;
      case 'dict':
        v.tainted ??= reason;
        havocValues(
          ip,
          [...v.entries.values()].map((e) => e.value),
          reason,
          depth + 1,
          seen,
        );
        break;
      case 'instance':
        for (const k of v.attrs.keys()) v.attrs.set(k, unknown(reason));
        if (v.subclass?.model) v.subclass.model.havoc();
        break;
      case 'function':
        if (!seen.has(v.node) && v.node.kind === 'FunctionDef') {
          seen.add(v.node);
          havocStatements(ip, v.node.body, v.closure, reason, seen);
        }
        break;
      case 'bound':
        havocValues(ip, [v.self, v.fn], reason, depth + 1, seen);
        break;
    }
  }
}

/** The variable at the root of `a.b[c].d`, if any. */
function rootName(e: ast.Expr): string | null {
  let n: ast.Expr = e;
  for (;;) {
    if (n.kind === 'Name') return n.id;
    if (n.kind === 'Attribute' || n.kind === 'Subscript') n = n.value;
    else return null;
  }
}

/** Expressions directly inside statements (not nested function bodies), iteratively. */
function* expressionsOf(list: readonly ast.Stmt[]): Generator<ast.Expr> {
  const stack: ast.Stmt[] = [...list];
  while (stack.length > 0) {
    const s = stack.pop() as ast.Stmt;
    switch (s.kind) {
      case 'ExprStmt':
        yield s.value;
        break;
      case 'Assign':
      case 'AugAssign':
        yield s.value;
        break;
      case 'AnnAssign':
        if (s.value) yield s.value;
        break;
      case 'If':
      case 'While':
        yield s.test;
        break;
      case 'For':
        yield s.iter;
        break;
      case 'Return':
        if (s.value) yield s.value;
        break;
      case 'With':
        for (const i of s.items) yield i.context;
        break;
    }
    for (const b of childBlocks(s)) stack.push(...b);
  }
}

/** Calls and attribute writes inside an expression tree. */
function* subExpressions(e: ast.Expr): Generator<ast.Expr> {
  const stack: unknown[] = [e];
  let guard = 0;
  while (stack.length > 0 && guard++ < 100_000) {
    const n = stack.pop();
    if (typeof n !== 'object' || n === null) continue;
    if (Array.isArray(n)) {
      for (const x of n) stack.push(x);
      continue;
    }
    const kind = (n as { kind?: string }).kind;
    if (kind === 'Lambda') continue;
    if (kind === 'Call' || kind === 'Attribute' || kind === 'Subscript') yield n as ast.Expr;
    pushChildren(n, stack);
  }
}

/**
 * Code we do not run: every name it binds becomes Unknown; every value it calls a mutating
 * method on, passes to a call, or writes an attribute or item of is havocked.
 */
export function havocStatements(ip: PyInterpreter, code: readonly ast.Stmt[], scope: PyScope, reason: string, seen = new Set<FunctionNode>()): void {
  if (code.length === 0) return;
  const names = new Set<string>();
  boundNames(code, names);
  for (const n of names) {
    const b = scope.lookup(n);
    if (b) b.value = unknown(reason);
    else scope.assign(n, unknown(reason));
  }
  const touched: PyVal[] = [];
  const lookupRoot = (e: ast.Expr): void => {
    const root = rootName(e);
    const b = root ? scope.lookup(root) : undefined;
    if (b) touched.push(b.value);
  };
  for (const e of expressionsOf(code)) {
    for (const sub of subExpressions(e)) {
      if (sub.kind === 'Call') {
        if (sub.func.kind === 'Attribute' && MUTATING_METHODS.has(sub.func.attr)) lookupRoot(sub.func.value);
        for (const a of sub.args) lookupRoot(a.value);
        if (sub.func.kind === 'Name') lookupRoot(sub.func);
      }
    }
  }
  const stack: ast.Stmt[] = [...code];
  while (stack.length > 0) {
    const s = stack.pop() as ast.Stmt;
    if (s.kind === 'Assign') for (const t of s.targets) if (t.kind === 'Attribute' || t.kind === 'Subscript') lookupRoot(t.value);
    if ((s.kind === 'AugAssign' || s.kind === 'AnnAssign') && s.target.kind !== 'Name') lookupRoot(s.target);
    for (const b of childBlocks(s)) stack.push(...b);
  }
  havocValues(ip, touched, reason, 0, seen);
}
