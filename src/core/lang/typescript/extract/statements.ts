// Statement execution: control flow over constant conditions. An `if` whose condition is
// unknown runs both branches and joins them (branches.ts); other code whose path we cannot
// decide (loops, switches) is not run but "havocked" (see havoc.ts).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isUnknown, unknown, type Unknown } from '../../../types';
import { DATA_SIZE_TEXT, DATA_WHY } from '../../../symbolic/symbols';
import type { Interpreter } from './interpreter';
import { Scope } from './scope';
import { execUnknownIf, execUnknownLoop, execUnknownSwitch } from './branches';
import { sourceText } from './codeScan';
import { makeFunction, nameModel } from './expressions';
import { spanOf, strictEquals, truthy, type Val } from './values';
import { giveUpStatement, runUnread } from './tooDeep';
import { DEFAULT_EXPORT, EXPORT_ASSIGNMENT } from './exportNames';

export type Completion =
  | { readonly kind: 'normal' }
  | { readonly kind: 'return'; readonly value: Val }
  | { readonly kind: 'break' | 'continue'; readonly label: string | null }
  | { readonly kind: 'throw' };

export const NORMAL: Completion = { kind: 'normal' };
const BREAK: Completion = { kind: 'break', label: null };
const CONTINUE: Completion = { kind: 'continue', label: null };
const THROW: Completion = { kind: 'throw' };

/** Declares the function declarations of a statement list before running it (JS hoisting). */
function hoistFunctions(ip: Interpreter, list: readonly TSESTree.Node[], scope: Scope): void {
  for (const s of list) {
    const decl = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? s.declaration : s;
    if (decl && decl.type === 'FunctionDeclaration') {
      const fn = makeFunction(ip, decl, scope, unknown('`this` of a function'));
      if (decl.id) scope.declare(decl.id.name, fn, 'function');
      // An importing file asks for the default export by this name (moduleImports.ts).
      else if (s.type === 'ExportDefaultDeclaration') scope.declare(DEFAULT_EXPORT, fn, 'function');
    }
  }
}

/** Names declared with `var` anywhere in a function body (not inside nested functions). */
export function hoistVars(list: readonly TSESTree.Node[], scope: Scope): void {
  const stack: TSESTree.Node[] = [...list];
  let guard = 0;
  while (stack.length > 0 && guard++ < 100_000) {
    const s = stack.pop() as TSESTree.Node;
    switch (s.type) {
      case 'VariableDeclaration':
        if (s.kind === 'var') for (const d of s.declarations) declareVarNames(d.id, scope);
        break;
      case 'BlockStatement':
        stack.push(...s.body);
        break;
      case 'IfStatement':
        stack.push(s.consequent);
        if (s.alternate) stack.push(s.alternate);
        break;
      case 'ForStatement':
        if (s.init) stack.push(s.init);
        stack.push(s.body);
        break;
      case 'ForInStatement':
      case 'ForOfStatement':
        stack.push(s.left, s.body);
        break;
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'LabeledStatement':
        stack.push(s.body);
        break;
      case 'TryStatement':
        stack.push(s.block);
        if (s.handler) stack.push(s.handler.body);
        if (s.finalizer) stack.push(s.finalizer);
        break;
      case 'SwitchStatement':
        for (const c of s.cases) stack.push(...c.consequent);
        break;
      case 'ExportNamedDeclaration':
        if (s.declaration) stack.push(s.declaration);
        break;
    }
  }
}

function declareVarNames(pattern: TSESTree.Node, scope: Scope): void {
  switch (pattern.type) {
    case 'Identifier':
      if (!scope.lookup(pattern.name)) scope.declare(pattern.name, undefined, 'var');
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements) if (e) declareVarNames(e, scope);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) declareVarNames(p.type === 'Property' ? p.value : p, scope);
      break;
    case 'AssignmentPattern':
      declareVarNames(pattern.left, scope);
      break;
    case 'RestElement':
      declareVarNames(pattern.argument, scope);
      break;
  }
}

/**
 * A program's statements. Each is run on its own: one that exhausts the stack (the
 * interpreter recurses along the AST) is given up alone (tooDeep.ts), the others still run.
 */
export function execTopLevel(ip: Interpreter, list: readonly TSESTree.Node[], scope: Scope): void {
  hoistFunctions(ip, list, scope);
  for (const s of list) {
    const startedAt = ip.ctx.steps;
    try {
      if (ip.exec(s, scope).kind !== 'normal') return;
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      giveUpStatement(ip, s, scope, startedAt);
    }
  }
}

export function execStatements(ip: Interpreter, list: readonly TSESTree.Node[], scope: Scope): Completion {
  hoistFunctions(ip, list, scope);
  for (const s of list) {
    const c = ip.exec(s, scope);
    if (c.kind !== 'normal') return c;
  }
  return NORMAL;
}

/** Class methods are never called by name here; they run standalone later (`this` unknown). */
export function registerClass(ip: Interpreter, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, scope: Scope): void {
  for (const m of node.body.body) {
    if ((m.type === 'MethodDefinition' || m.type === 'PropertyDefinition') && m.value && (m.value.type === 'FunctionExpression' || m.value.type === 'ArrowFunctionExpression')) {
      makeFunction(ip, m.value, scope, unknown('`this` of a class instance'), m.key.type === 'Identifier' ? m.key.name : undefined);
    }
  }
}

/**
 * `const numFeatures = xs.shape[1]` (or `= data[0].length`): a size read from data takes the
 * name of the constant that holds it, as the user calls it. Other unknowns stay as they are.
 */
function nameConstSize(ip: Interpreter, id: TSESTree.Identifier, init: TSESTree.Expression, value: Unknown): Val {
  const fromData = value.symbol ? value.symbol.why === DATA_WHY : DATA_SIZE_TEXT.test(sourceText(ip, init));
  return fromData ? ip.ctx.symbolNames.name(value, id.name, spanOf(id), DATA_WHY) : value;
}

function execDeclaration(ip: Interpreter, node: TSESTree.VariableDeclaration, scope: Scope): void {
  const kind = node.kind === 'var' ? 'var' : node.kind === 'const' ? 'const' : 'let';
  const target = kind === 'var' ? scope.functionScope() : scope;
  for (const d of node.declarations) {
    if (node.declare) {
      // `declare const x: T`: exists at run time, defined elsewhere.
      ip.bind(d.id, unknown(`\`${d.id.type === 'Identifier' ? d.id.name : 'a pattern'}\` is declared here but defined elsewhere`), target, kind);
      continue;
    }
    if (!d.init && kind === 'var') continue; // `var x;` keeps the hoisted value
    let value = d.init ? ip.eval(d.init, scope) : undefined;
    if (kind === 'const' && d.init && d.id.type === 'Identifier' && isUnknown(value)) value = nameConstSize(ip, d.id, d.init, value);
    if (d.id.type === 'Identifier' && typeof value === 'object' && value !== null && 'tag' in value && value.tag === 'function' && value.name === undefined) {
      value.name = d.id.name;
    }
    ip.bind(d.id, value, kind === 'var' ? target : scope, kind);
    nameModel(d.id, value);
    if (d.init && d.id.type === 'Identifier' && ip.ctx.nodeOrigins.size > 0) {
      // `const H = IMAGE_H`: H still comes from the other file.
      const origin = ip.ctx.nodeOrigins.get(d.init);
      const b = origin ? (kind === 'var' ? target : scope).lookup(d.id.name) : undefined;
      if (b) b.origin = origin;
    }
  }
}

/** A loop's own completion handling: true = leave the loop, or an abrupt completion to pass up. */
function loopStep(c: Completion, label: string | null): 'next' | 'exit' | Completion {
  if (c.kind === 'normal') return 'next';
  if (c.kind === 'break') return c.label === null || c.label === label ? 'exit' : c;
  if (c.kind === 'continue') return c.label === null || c.label === label ? 'next' : c;
  return c;
}

function tooManyIterations(ip: Interpreter, node: TSESTree.Node, scope: Scope, n: number): boolean {
  if (n <= ip.ctx.limits.maxLoopIterations) return false;
  ip.havoc(node, scope, `a loop ran more than ${ip.ctx.limits.maxLoopIterations} iterations`);
  return true;
}

function execFor(ip: Interpreter, node: TSESTree.ForStatement, scope: Scope, label: string | null): Completion {
  const loopScope = new Scope(scope, false);
  if (node.init) {
    if (node.init.type === 'VariableDeclaration') execDeclaration(ip, node.init, loopScope);
    else ip.eval(node.init, loopScope);
  }
  for (let n = 1; ; n++) {
    if (node.test) {
      const test = node.test;
      const t = truthy(ip.eval(test, loopScope));
      if (isUnknown(t)) {
        return execUnknownLoop(ip, node, loopScope, `loop condition is unknown (${t.reason})`, `while ${sourceText(ip, test)}`, () => {
          const r = iterationEnd(ip.exec(node.body, loopScope), label);
          if (r.kind === 'normal' && node.update) ip.eval(node.update, loopScope);
          return r;
        });
      }
      if (!t) return NORMAL;
    }
    if (tooManyIterations(ip, node, loopScope, n)) return NORMAL;
    const r = loopStep(ip.exec(node.body, loopScope), label);
    if (r === 'exit') return NORMAL;
    if (r !== 'next') return r;
    if (node.update) ip.eval(node.update, loopScope);
  }
}

/**
 * How one iteration of a loop with an unknown bound ended: normal when the next test comes
 * (also after `continue`); anything else (a `break`, a `return`) leaves early, and an early exit
 * is not a state of "some number of iterations" (branches.ts then joins nothing).
 */
function iterationEnd(c: Completion, label: string | null): Completion {
  const r = loopStep(c, label);
  return r === 'next' ? NORMAL : r === 'exit' ? BREAK : r;
}

function execWhile(ip: Interpreter, node: TSESTree.WhileStatement | TSESTree.DoWhileStatement, scope: Scope, label: string | null): Completion {
  for (let n = 1; ; n++) {
    if (node.type === 'WhileStatement' || n > 1) {
      const t = truthy(ip.eval(node.test, scope));
      if (isUnknown(t)) {
        return execUnknownLoop(ip, node, scope, `loop condition is unknown (${t.reason})`, `while ${sourceText(ip, node.test)}`, () =>
          iterationEnd(ip.exec(node.body, scope), label),
        );
      }
      if (!t) return NORMAL;
    }
    if (tooManyIterations(ip, node, scope, n)) return NORMAL;
    const r = loopStep(ip.exec(node.body, scope), label);
    if (r === 'exit') return NORMAL;
    if (r !== 'next') return r;
  }
}

/** The items a for-of / for-in walks over (a copy, within the size budget), or null when they are not known. */
function iterationItems(ip: Interpreter, node: TSESTree.ForOfStatement | TSESTree.ForInStatement, v: Val): Val[] | null {
  if (typeof v === 'string') {
    if (ip.ctx.reserve(v.length)) return null;
    return node.type === 'ForOfStatement' ? [...v] : [...v].map((_, i) => String(i));
  }
  if (typeof v !== 'object' || v === null || !('tag' in v)) return null;
  if (v.tag === 'array' && !v.tainted) {
    if (ip.ctx.reserve(v.items.length)) return null;
    return node.type === 'ForOfStatement' ? [...v.items] : v.items.map((_, i) => String(i));
  }
  if (v.tag === 'object' && !v.tainted && !v.open && node.type === 'ForInStatement') return ip.ctx.reserve(v.props.size) ? null : [...v.props.keys()];
  return null;
}

function bindLoopItem(ip: Interpreter, node: TSESTree.ForOfStatement | TSESTree.ForInStatement, item: Val, scope: Scope, iterScope: Scope): void {
  if (node.left.type === 'VariableDeclaration') {
    const kind = node.left.kind === 'var' ? 'var' : node.left.kind === 'const' ? 'const' : 'let';
    ip.bind(node.left.declarations[0].id, item, kind === 'var' ? scope.functionScope() : iterScope, kind);
  } else ip.bind(node.left, item, scope, null);
}

function execForOf(ip: Interpreter, node: TSESTree.ForOfStatement | TSESTree.ForInStatement, scope: Scope, label: string | null): Completion {
  const items = iterationItems(ip, node, ip.eval(node.right, scope));
  if (items === null) {
    const reason = 'loop over a value that is not known';
    const left = node.left.type === 'VariableDeclaration' ? node.left.declarations[0].id : node.left;
    return execUnknownLoop(ip, node, scope, reason, `for each ${sourceText(ip, left)} in ${sourceText(ip, node.right)}`, () => {
      const iterScope = new Scope(scope, false);
      bindLoopItem(ip, node, unknown(`an item of ${sourceText(ip, node.right)}`), scope, iterScope);
      return iterationEnd(ip.exec(node.body, iterScope), label);
    });
  }
  let n = 0;
  for (const item of items) {
    if (tooManyIterations(ip, node, scope, ++n)) return NORMAL;
    const iterScope = new Scope(scope, false);
    bindLoopItem(ip, node, item, scope, iterScope);
    const r = loopStep(ip.exec(node.body, iterScope), label);
    if (r === 'exit') return NORMAL;
    if (r !== 'next') return r;
  }
  return NORMAL;
}

function execSwitch(ip: Interpreter, node: TSESTree.SwitchStatement, scope: Scope, label: string | null): Completion {
  const d = ip.eval(node.discriminant, scope);
  const runFrom = (start: number): Completion => {
    if (start < 0) return NORMAL;
    const body = node.cases.slice(start).flatMap((c) => c.consequent);
    const c = execStatements(ip, body, new Scope(scope, false));
    return c.kind === 'break' && (c.label === null || c.label === label) ? NORMAL : c;
  };
  if (isUnknown(d)) return execUnknownSwitch(ip, node, scope, 'switch on an unknown value', runFrom);
  let start = -1;
  for (let i = 0; i < node.cases.length && start < 0; i++) {
    const test = node.cases[i].test;
    if (!test) continue;
    const eq = strictEquals(d, ip.eval(test, scope));
    if (isUnknown(eq)) return execUnknownSwitch(ip, node, scope, 'switch case with an unknown value', runFrom);
    if (eq) start = i;
  }
  if (start < 0) start = node.cases.findIndex((c) => c.test === null);
  return runFrom(start);
}

function execTry(ip: Interpreter, node: TSESTree.TryStatement, scope: Scope): Completion {
  let c = ip.exec(node.block, scope);
  if (c.kind === 'throw' && node.handler) {
    const handlerScope = new Scope(scope, false);
    if (node.handler.param) ip.bind(node.handler.param, unknown('a caught exception'), handlerScope, 'let');
    c = ip.exec(node.handler.body, handlerScope);
  }
  if (node.finalizer) {
    const f = ip.exec(node.finalizer, scope);
    if (f.kind !== 'normal') return f;
  }
  return c;
}

function execLoop(ip: Interpreter, node: TSESTree.Node, scope: Scope, label: string | null): Completion | null {
  switch (node.type) {
    case 'ForStatement':
      return execFor(ip, node, scope, label);
    case 'ForOfStatement':
    case 'ForInStatement':
      return execForOf(ip, node, scope, label);
    case 'WhileStatement':
    case 'DoWhileStatement':
      return execWhile(ip, node, scope, label);
    case 'SwitchStatement':
      return execSwitch(ip, node, scope, label);
    default:
      return null;
  }
}

export function execStatement(ip: Interpreter, node: TSESTree.Node, scope: Scope): Completion {
  const loop = execLoop(ip, node, scope, null);
  if (loop) return loop;
  switch (node.type) {
    case 'ExpressionStatement':
      ip.eval(node.expression, scope);
      return NORMAL;
    case 'VariableDeclaration':
      execDeclaration(ip, node, scope);
      return NORMAL;
    case 'BlockStatement':
      return execStatements(ip, node.body, new Scope(scope, false));
    case 'IfStatement': {
      const t = truthy(ip.eval(node.test, scope));
      if (t === true) return ip.exec(node.consequent, scope);
      if (t === false) return node.alternate ? ip.exec(node.alternate, scope) : NORMAL;
      return execUnknownIf(ip, node, scope, `branch under an unknown condition (${t.reason})`);
    }
    case 'ReturnStatement':
      return { kind: 'return', value: node.argument ? ip.eval(node.argument, scope) : undefined };
    case 'BreakStatement':
      return node.label ? { kind: 'break', label: node.label.name } : BREAK;
    case 'ContinueStatement':
      return node.label ? { kind: 'continue', label: node.label.name } : CONTINUE;
    case 'ThrowStatement':
      ip.eval(node.argument, scope);
      return THROW;
    case 'TryStatement':
      return execTry(ip, node, scope);
    case 'LabeledStatement': {
      const label = node.label.name;
      const c = execLoop(ip, node.body, scope, label) ?? ip.exec(node.body, scope);
      return c.kind === 'break' && c.label === label ? NORMAL : c;
    }
    case 'FunctionDeclaration':
      return NORMAL; // hoisted
    case 'ClassDeclaration':
      if (node.id) scope.declare(node.id.name, unknown(`an instance of class ${node.id.name}`), 'class');
      registerClass(ip, node, scope);
      return NORMAL;
    case 'ExportNamedDeclaration':
      return node.declaration ? ip.exec(node.declaration, scope) : NORMAL;
    case 'ExportDefaultDeclaration':
      if (node.declaration.type === 'FunctionDeclaration') return NORMAL; // hoisted
      if (node.declaration.type === 'ClassDeclaration' || node.declaration.type === 'VariableDeclaration') return ip.exec(node.declaration, scope);
      if (node.declaration.type.startsWith('TS')) return NORMAL;
      scope.declare(DEFAULT_EXPORT, ip.eval(node.declaration, scope), 'const');
      return NORMAL;
    case 'TSExportAssignment':
      scope.declare(EXPORT_ASSIGNMENT, ip.eval(node.expression, scope), 'const');
      return NORMAL;
    case 'TSEnumDeclaration':
      scope.declare(node.id.name, unknown(`enum ${node.id.name}`), 'const');
      return NORMAL;
    case 'EmptyStatement':
      runUnread(ip, node, scope); // a statement too deep to parse, if it is one
      return NORMAL;
    default:
      // Imports (bound up front), types, interfaces, declarations, empty statements.
      return NORMAL;
  }
}
