// Statement execution with Python's control flow over values we can decide. An `if` or a loop
// whose condition or bound is unknown runs its paths and joins them (branches.ts); code whose
// path we cannot decide at all is not run but havocked (havoc.ts).
import { isUnknown } from '../../types';
import { nameAssignedSize } from './symbolNames';
import type * as ast from './ast';
import { execUnknownIf, execUnknownLoop } from './branches';
import { defineClass } from './classes';
import { applyDecorators } from './decorators';
import { makeFunction } from './expressions';
import { bindImport, bindImportFrom } from './imports';
import type { PyInterpreter } from './interpreter';
import { binaryOp } from './operators';
import type { PyScope } from './scope';
import { classOfScope } from './classes';
import { getItem } from './subscript';
import { tensorBinaryOp } from './keras/ops';
import { isObject, isTensorObj, truthy, type PyVal } from './values';

export type Completion =
  | { readonly kind: 'normal' }
  | { readonly kind: 'return'; readonly value: PyVal }
  | { readonly kind: 'break' | 'continue' }
  | { readonly kind: 'raise' };

export const NORMAL: Completion = { kind: 'normal' };
const BREAK: Completion = { kind: 'break' };
const CONTINUE: Completion = { kind: 'continue' };
const RAISE: Completion = { kind: 'raise' };

export function execStatements(ip: PyInterpreter, list: readonly ast.Stmt[], scope: PyScope): Completion {
  for (const s of list) {
    const c = ip.exec(s, scope);
    if (c.kind !== 'normal') return c;
  }
  return NORMAL;
}

function execAugAssign(ip: PyInterpreter, s: ast.AugAssign, scope: PyScope): void {
  const current = s.target.kind === 'Subscript' ? getItem(ip.eval(s.target.value, scope), ip.eval(s.target.index, scope)) : ip.eval(s.target, scope);
  const operand = ip.eval(s.value, scope);
  // `xs += ys` extends a list in place (everyone holding the list sees it).
  if (s.op === '+' && isObject(current) && current.tag === 'list' && !current.tainted) {
    const items = ip.iterate(operand);
    if (isUnknown(items)) current.tainted = items.reason;
    else current.items.push(...items);
    return;
  }
  const result = isTensorObj(current) || isTensorObj(operand) ? tensorBinaryOp(ip, s.op, current, operand, s.span) : binaryOp(s.op, current, operand);
  ip.assign(s.target, result, scope);
}

function execIf(ip: PyInterpreter, s: ast.If, scope: PyScope): Completion {
  const t = truthy(ip.eval(s.test, scope));
  if (isUnknown(t)) return execUnknownIf(ip, s, scope, t.reason);
  return ip.execBlock(t ? s.body : s.orelse, scope);
}

function execFor(ip: PyInterpreter, s: ast.For, scope: PyScope): Completion {
  const items = ip.iterate(ip.eval(s.iter, scope));
  if (isUnknown(items) || items.length > ip.ctx.limits.maxLoopIterations) {
    const reason = isUnknown(items) ? items.reason : 'a loop with too many iterations';
    const phrase = `for each ${ip.text(s.target.span)} in ${ip.text(s.iter.span)}`;
    return execUnknownLoop(ip, s, scope, reason, phrase, () => {
      ip.assign(s.target, ip.unknown(reason), scope);
      return ip.execBlock(s.body, scope);
    });
  }
  for (const item of items) {
    ip.assign(s.target, item, scope);
    const c = ip.execBlock(s.body, scope);
    if (c.kind === 'break') return NORMAL;
    if (c.kind === 'return' || c.kind === 'raise') return c;
  }
  return ip.execBlock(s.orelse, scope);
}

function execWhile(ip: PyInterpreter, s: ast.While, scope: PyScope): Completion {
  for (let i = 0; ; i++) {
    const t = truthy(ip.eval(s.test, scope));
    if (isUnknown(t) || i >= ip.ctx.limits.maxLoopIterations) {
      const reason = isUnknown(t) ? t.reason : 'a loop with too many iterations';
      return execUnknownLoop(ip, s, scope, reason, `while ${ip.text(s.test.span)}`, () => ip.execBlock(s.body, scope));
    }
    if (!t) return ip.execBlock(s.orelse, scope);
    const c = ip.execBlock(s.body, scope);
    if (c.kind === 'break') return NORMAL;
    if (c.kind === 'return' || c.kind === 'raise') return c;
  }
}

function execTry(ip: PyInterpreter, s: ast.Try, scope: PyScope): Completion {
  // We follow the path where nothing raises; the handlers' effects are unknown.
  let c = ip.execBlock(s.body, scope);
  if (c.kind === 'raise') {
    ip.havoc(
      s.handlers.flatMap((h) => h.body),
      scope,
      'an exception handler',
    );
    c = NORMAL;
  } else if (c.kind === 'normal') c = ip.execBlock(s.orelse, scope);
  const f = ip.execBlock(s.finalbody, scope);
  return f.kind !== 'normal' ? f : c;
}

function execWith(ip: PyInterpreter, s: ast.With, scope: PyScope): Completion {
  for (const item of s.items) {
    const ctxValue = ip.eval(item.context, scope);
    if (item.target) ip.assign(item.target, ip.unknown(`the value of \`with ${ip.text(item.context.span)}\``), scope);
    void ctxValue;
  }
  return ip.execBlock(s.body, scope);
}

export function execStatement(ip: PyInterpreter, s: ast.Stmt, scope: PyScope): Completion {
  switch (s.kind) {
    case 'ExprStmt':
      ip.eval(s.value, scope);
      return NORMAL;
    case 'Assign': {
      const v = nameAssignedSize(ip, s, ip.eval(s.value, scope));
      for (const t of s.targets) ip.assign(t, v, scope);
      return NORMAL;
    }
    case 'AnnAssign':
      if (s.value) ip.assign(s.target, ip.eval(s.value, scope), scope);
      return NORMAL;
    case 'AugAssign':
      execAugAssign(ip, s, scope);
      return NORMAL;
    case 'If':
      return execIf(ip, s, scope);
    case 'For':
      return execFor(ip, s, scope);
    case 'While':
      return execWhile(ip, s, scope);
    case 'FunctionDef': {
      const fn = makeFunction(ip, s, s.name, scope, classOfScope(scope));
      scope.assign(s.name, applyDecorators(ip, s.decorators, fn, scope));
      return NORMAL;
    }
    case 'ClassDef':
      scope.assign(s.name, applyDecorators(ip, s.decorators, defineClass(ip, s, scope), scope));
      return NORMAL;
    case 'Return':
      return { kind: 'return', value: s.value ? ip.eval(s.value, scope) : null };
    case 'Pass':
      return NORMAL;
    case 'Break':
      return BREAK;
    case 'Continue':
      return CONTINUE;
    case 'Raise':
      if (s.exc) ip.eval(s.exc, scope);
      return RAISE;
    case 'Import':
      bindImport(ip, s, scope);
      return NORMAL;
    case 'ImportFrom':
      bindImportFrom(ip, s, scope);
      return NORMAL;
    case 'Global':
      for (const n of s.names) scope.declareGlobal(n);
      return NORMAL;
    case 'Nonlocal':
      for (const n of s.names) scope.declareNonlocal(n);
      return NORMAL;
    case 'Delete':
      for (const t of s.targets) {
        if (t.kind === 'Name') scope.delete(t.id);
        else if (t.kind === 'Subscript' || t.kind === 'Attribute') ip.havocValues([ip.eval(t.value, scope)], 'a `del` we could not follow');
      }
      return NORMAL;
    case 'Assert':
      return NORMAL; // assertions do not change what a model is; an AssertionError is not ours to predict
    case 'Try':
      return execTry(ip, s, scope);
    case 'With':
      return execWith(ip, s, scope);
    case 'Match':
      ip.eval(s.subject, scope);
      ip.havoc(s.cases.flat(), scope, 'a match statement');
      return NORMAL;
    case 'ErrorStmt':
      havocUnreadable(ip, ip.text(s.span), scope);
      return NORMAL;
  }
}

/**
 * Code the parser could not read may still be what the user means to run: `x = layers.Conv2D(`
 * half-typed. Whatever it seems to assign becomes unknown, and models it seems to add to are
 * havocked, so the code after it is not analysed as if it were not there (no false errors).
 */
function havocUnreadable(ip: PyInterpreter, text: string, scope: PyScope): void {
  const reason = 'code the parser could not read';
  for (const m of text.matchAll(/^[ \t]*([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)\s*(?:[-+*/@%&|^]|\*\*|\/\/)?=(?!=)/gm)) {
    for (const target of m[1].split(',')) {
      const name = target.trim().split('.')[0];
      const b = scope.lookup(name);
      if (target.includes('.')) {
        if (b) ip.havocValues([b.value], reason);
      } else if (b) b.value = ip.unknown(reason);
      else scope.assign(name, ip.unknown(reason));
    }
  }
  for (const m of text.matchAll(/\b([A-Za-z_]\w*)\s*\.\s*(?:add|pop|build|append|extend|insert|update)\s*\(/g)) {
    const b = scope.lookup(m[1]);
    if (b) ip.havocValues([b.value], reason);
  }
}
