// "Havoc": the conservative treatment of code we decide not to run (a branch under an unknown
// condition, a loop we cut short) and of values handed to code we cannot see. Variables it may
// assign become Unknown, arrays/objects it may mutate become tainted, Sequential models it may
// add to become incomplete with an unknown current output. Nothing here guesses a value.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unknown } from '../../../types';
import type { Interpreter } from './interpreter';
import { pushChildren } from './ast';
import type { Scope } from './scope';
import type { FunctionNode, Val } from './values';
import { isTfModuleExpression } from './imports';

function isTfRoot(v: Val): boolean {
  return typeof v === 'object' && v !== null && 'tag' in v && v.tag === 'tf' && v.path.length === 0;
}

/** Model methods that change the layer stack; others (summary, fit, predict...) only read. */
const MUTATING_MODEL_METHODS = new Set(['add', 'pop']);
const MAX_VALUE_DEPTH = 3;

export function havocModelValue(ip: Interpreter, v: Val): void {
  if (typeof v === 'object' && v !== null && 'tag' in v && v.tag === 'model' && v.model.kind === 'sequential') {
    v.model.havoc();
    ip.ctx.touch(v.model);
  }
}

/**
 * Values reach code we cannot follow: any of them (or what they hold) may be changed there.
 * An array or object is walked again only when reached at a smaller depth (`seen`: the least
 * depth so far): one array held a hundred thousand times by another costs one walk, not one each.
 */
export function havocValues(ip: Interpreter, values: Iterable<Val>, reason: string, depth = 0, seenFns = new Set<FunctionNode>(), seen = new Map<object, number>()): void {
  if (depth > MAX_VALUE_DEPTH) return;
  for (const v of values) {
    if (typeof v !== 'object' || v === null || !('tag' in v)) continue;
    switch (v.tag) {
      case 'model':
        havocModelValue(ip, v);
        break;
      case 'array':
        if ((seen.get(v) ?? Infinity) <= depth) break;
        seen.set(v, depth);
        if (!v.tainted) v.tainted = reason;
        ip.ctx.work(v.items.length);
        havocValues(ip, v.items, reason, depth + 1, seenFns, seen);
        break;
      case 'object':
        if ((seen.get(v) ?? Infinity) <= depth) break;
        seen.set(v, depth);
        if (!v.tainted) v.tainted = reason;
        ip.ctx.work(v.props.size);
        havocValues(ip, v.props.values(), reason, depth + 1, seenFns, seen);
        break;
      case 'function':
        // It may be called any number of times: what its body changes is unknown.
        if (!seenFns.has(v.node)) {
          seenFns.add(v.node);
          havocNode(ip, v.node.body, v.scope, reason, seenFns);
        }
        break;
    }
  }
}

/** The variable at the root of `a.b[c].d`, if any. */
function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | null {
  let n: TSESTree.Node = node;
  for (;;) {
    if (n.type === 'Identifier') return n;
    if (n.type === 'MemberExpression') n = n.object;
    else if (n.type === 'TSNonNullExpression' || n.type === 'TSAsExpression' || n.type === 'ChainExpression') n = n.expression;
    else return null;
  }
}

export function patternIdentifiers(node: TSESTree.Node, out: TSESTree.Identifier[]): void {
  switch (node.type) {
    case 'Identifier':
      out.push(node);
      break;
    case 'ArrayPattern':
      for (const e of node.elements) if (e) patternIdentifiers(e, out);
      break;
    case 'ObjectPattern':
      for (const p of node.properties) patternIdentifiers(p.type === 'Property' ? p.value : p, out);
      break;
    case 'AssignmentPattern':
      patternIdentifiers(node.left, out);
      break;
    case 'RestElement':
      patternIdentifiers(node.argument, out);
      break;
  }
}

export function havocNode(ip: Interpreter, root: TSESTree.Node, scope: Scope, reason: string, seenFns = new Set<FunctionNode>()): void {
  const lookup = (id: TSESTree.Identifier): Val => scope.lookup(id.name)?.value;
  const mutate = (target: TSESTree.Node): void => {
    if (target.type === 'MemberExpression') {
      const id = rootIdentifier(target);
      if (id) havocValues(ip, [lookup(id)], reason, 0, seenFns);
      return;
    }
    const ids: TSESTree.Identifier[] = [];
    patternIdentifiers(target, ids);
    for (const id of ids) {
      const b = scope.lookup(id.name);
      if (b) b.value = unknown(reason);
    }
  };

  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    ip.ctx.step();
    const n = stack.pop() as TSESTree.Node;
    switch (n.type) {
      case 'AssignmentExpression':
        // `tf = require('@tensorflow/tfjs-node-gpu')` in code we do not run (the CPU/GPU switch
        // of Node scripts): whichever runs, `tf` is a TF.js module, so the TF.js root it holds stays.
        if (n.operator === '=' && n.left.type === 'Identifier' && isTfRoot(lookup(n.left)) && isTfModuleExpression(n.right)) break;
        mutate(n.left);
        break;
      case 'UpdateExpression':
        mutate(n.argument);
        break;
      case 'ForOfStatement':
      case 'ForInStatement':
        if (n.left.type !== 'VariableDeclaration') mutate(n.left);
        break;
      case 'CallExpression':
      case 'NewExpression': {
        const callee = n.callee;
        if (callee.type === 'MemberExpression') {
          const id = rootIdentifier(callee.object);
          const method = !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : null;
          const recv = id ? lookup(id) : undefined;
          const isModel = typeof recv === 'object' && recv !== null && 'tag' in recv && recv.tag === 'model';
          if (id && (!isModel || method === null || MUTATING_MODEL_METHODS.has(method))) havocValues(ip, [recv], reason, 0, seenFns);
        } else if (callee.type === 'Identifier') havocValues(ip, [lookup(callee)], reason, 0, seenFns);
        for (const a of n.arguments) {
          const id = a.type === 'SpreadElement' ? rootIdentifier(a.argument) : rootIdentifier(a);
          if (id) havocValues(ip, [lookup(id)], reason, 0, seenFns);
        }
        break;
      }
    }
    pushChildren(n, stack);
  }
}
