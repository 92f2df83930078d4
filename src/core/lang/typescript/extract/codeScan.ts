// Questions the join of uncertain control flow (branches.ts) asks of code without running it:
// which variables a piece of code assigns, whether a loop body may end an iteration early,
// whether an expression may have effects at all; and conditions as the user wrote them.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { pushChildren } from './ast';
import { patternIdentifiers } from './havoc';
import type { Interpreter } from './interpreter';

const MAX_CONDITION_CHARS = 60;

/** Variables a branch assigns itself (not through functions it calls: havoc covers those). */
export function directlyAssignedNames(root: TSESTree.Node, out: Set<string>): void {
  const ids: TSESTree.Identifier[] = [];
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as TSESTree.Node;
    switch (n.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        continue; // runs only when called
      case 'AssignmentExpression':
        patternIdentifiers(n.left, ids);
        break;
      case 'UpdateExpression':
        patternIdentifiers(n.argument, ids);
        break;
      case 'VariableDeclaration':
        if (n.kind === 'var') for (const d of n.declarations) patternIdentifiers(d.id, ids);
        break;
      case 'ForOfStatement':
      case 'ForInStatement':
        if (n.left.type !== 'VariableDeclaration') patternIdentifiers(n.left, ids);
        break;
    }
    pushChildren(n, stack);
  }
  for (const id of ids) out.add(id.name);
}

/**
 * Whether `body` holds a `break` or `continue` that may end an iteration of this loop early:
 * unlabelled ones outside nested loops (and, for `break`, outside a `switch`), and any
 * labelled one (we do not resolve labels).
 */
export function mayEndIterationEarly(body: TSESTree.Node): boolean {
  const stack: { node: TSESTree.Node; inLoop: boolean; inSwitch: boolean }[] = [{ node: body, inLoop: false, inSwitch: false }];
  while (stack.length > 0) {
    const { node, inLoop, inSwitch } = stack.pop() as (typeof stack)[number];
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        continue;
      case 'BreakStatement':
        if (node.label || (!inLoop && !inSwitch)) return true;
        continue;
      case 'ContinueStatement':
        if (node.label || !inLoop) return true;
        continue;
    }
    const nested = node.type === 'ForStatement' || node.type === 'ForInStatement' || node.type === 'ForOfStatement' || node.type === 'WhileStatement' || node.type === 'DoWhileStatement';
    const children: TSESTree.Node[] = [];
    pushChildren(node, children);
    for (const child of children) stack.push({ node: child, inLoop: inLoop || nested, inSwitch: inSwitch || node.type === 'SwitchStatement' });
  }
  return false;
}

/** Code as the user wrote it, on one line and cut short: how conditions are shown. */
export function sourceText(ip: Interpreter, node: TSESTree.Node): string {
  const text = ip.ctx.sliceText(node.range[0], node.range[1]).replace(/\s+/g, ' ').trim();
  return text.length > MAX_CONDITION_CHARS ? `${text.slice(0, MAX_CONDITION_CHARS - 1)}…` : text;
}

export function negated(condition: string): string {
  return /^[\w$.]+$/.test(condition) ? `!${condition}` : `!(${condition})`;
}

const effectsCache = new WeakMap<TSESTree.Node, boolean>();

/**
 * Whether evaluating `node` may change anything (a call, `new`, an assignment): only then is it
 * worth following both sides of an unknown test. `cfg.units ?? 64` is not. Remembered per node:
 * an editor's incremental parse hands back the same nodes.
 */
export function mayHaveEffects(node: TSESTree.Node): boolean {
  const known = effectsCache.get(node);
  if (known !== undefined) return known;
  let found = false;
  const stack: TSESTree.Node[] = [node];
  while (stack.length > 0 && !found) {
    const n = stack.pop() as TSESTree.Node;
    switch (n.type) {
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        continue; // creating a function changes nothing
      case 'CallExpression':
      case 'NewExpression':
      case 'AssignmentExpression':
      case 'UpdateExpression':
      case 'TaggedTemplateExpression':
        found = true;
        continue;
    }
    pushChildren(n, stack);
  }
  effectsCache.set(node, found);
  return found;
}
