// Questions about code that is not run: which names a block binds (Python decides a
// function's locals statically from them), and whether a loop body may end an iteration
// early. Walks are iterative over explicit stacks: deeply nested code must not cost stack.
import type * as ast from './ast';
import { walkNodes } from './astWalk';

/** Names an assignment target binds: `a`, `a, (b, *c)`. Attribute/subscript targets bind none. */
export function assignedNames(target: ast.Expr, out: Set<string>): void {
  const stack: ast.Expr[] = [target];
  while (stack.length > 0) {
    const t = stack.pop() as ast.Expr;
    if (t.kind === 'Name') out.add(t.id);
    else if (t.kind === 'Tuple' || t.kind === 'List') stack.push(...t.elts);
    else if (t.kind === 'Starred') stack.push(t.value);
  }
}

/** Walrus targets anywhere in an expression (they bind in the enclosing function). */
function walrusNames(expr: ast.Expr, out: Set<string>): void {
  walkNodes(
    [expr],
    (node) => {
      if (node.kind === 'Lambda') return 'skip'; // its own scope
      if (node.kind === 'NamedExpr') out.add((node as ast.NamedExpr).target.id);
      return undefined;
    },
    200_000,
  );
}

/** The child statement lists of a compound statement. */
export function childBlocks(s: ast.Stmt): (readonly ast.Stmt[])[] {
  switch (s.kind) {
    case 'If':
      return [s.body, s.orelse];
    case 'For':
    case 'While':
      return [s.body, s.orelse];
    case 'With':
      return [s.body];
    case 'Try':
      return [s.body, ...s.handlers.map((h) => h.body), s.orelse, s.finalbody];
    case 'Match':
      return [...s.cases];
    default:
      return [];
  }
}

/** Expressions of a statement that are evaluated where it stands (not nested blocks). */
function ownExpressions(s: ast.Stmt): ast.Expr[] {
  switch (s.kind) {
    case 'ExprStmt':
      return [s.value];
    case 'Assign':
      return [s.value];
    case 'AugAssign':
      return [s.value];
    case 'AnnAssign':
      return s.value ? [s.value] : [];
    case 'If':
    case 'While':
      return [s.test];
    case 'For':
      return [s.iter];
    case 'Return':
      return s.value ? [s.value] : [];
    case 'With':
      return s.items.map((i) => i.context);
    default:
      return [];
  }
}

/**
 * Names a statement list binds in its own scope: assignments, `for`/`with`/`except as`
 * targets, imports, `def`/`class` names, walrus targets; not those of nested functions.
 * `global`/`nonlocal` names are collected into `scoped` when given.
 */
export function boundNames(list: readonly ast.Stmt[], out: Set<string>, scoped?: Set<string>): void {
  // Joins and havoc ask about the same blocks again and again: scan each list once.
  let cached = boundCache.get(list);
  if (!cached) {
    const names = new Set<string>();
    const declared = new Set<string>();
    scanBound(list, names, declared);
    cached = { names, declared };
    boundCache.set(list, cached);
  }
  for (const n of cached.names) out.add(n);
  if (scoped) for (const n of cached.declared) scoped.add(n);
}

const boundCache = new WeakMap<readonly ast.Stmt[], { readonly names: ReadonlySet<string>; readonly declared: ReadonlySet<string> }>();

function scanBound(list: readonly ast.Stmt[], out: Set<string>, scoped: Set<string>): void {
  const stack: ast.Stmt[] = [...list];
  let guard = 0;
  while (stack.length > 0 && guard++ < 200_000) {
    const s = stack.pop() as ast.Stmt;
    for (const e of ownExpressions(s)) walrusNames(e, out);
    switch (s.kind) {
      case 'Assign':
        for (const t of s.targets) assignedNames(t, out);
        break;
      case 'AugAssign':
      case 'AnnAssign':
        assignedNames(s.target, out);
        break;
      case 'For':
        assignedNames(s.target, out);
        break;
      case 'With':
        for (const i of s.items) if (i.target) assignedNames(i.target, out);
        break;
      case 'Try':
        for (const h of s.handlers) if (h.name) out.add(h.name);
        break;
      case 'FunctionDef':
      case 'ClassDef':
        out.add(s.name);
        break;
      case 'Import':
        for (const a of s.names) out.add(a.asname ?? a.name.split('.')[0]);
        break;
      case 'ImportFrom':
        if (s.names !== '*') for (const a of s.names) out.add(a.asname ?? a.name);
        break;
      case 'Delete':
        for (const t of s.targets) assignedNames(t, out);
        break;
      case 'Global':
      case 'Nonlocal':
        for (const n of s.names) scoped.add(n);
        break;
    }
    for (const block of childBlocks(s)) stack.push(...block);
  }
}

/** A function's local names: parameters and every name its body binds, minus global/nonlocal. */
export function functionLocals(node: ast.FunctionDef | ast.Lambda): Set<string> {
  const out = new Set<string>(node.params.params.map((p) => p.name));
  if (node.kind === 'FunctionDef') {
    const scoped = new Set<string>();
    boundNames(node.body, out, scoped);
    for (const n of scoped) out.delete(n);
  }
  return out;
}

/** True when a `break` or `continue` of this loop may end an iteration early. */
export function mayEndIterationEarly(body: readonly ast.Stmt[]): boolean {
  const stack: ast.Stmt[] = [...body];
  while (stack.length > 0) {
    const s = stack.pop() as ast.Stmt;
    if (s.kind === 'Break' || s.kind === 'Continue') return true;
    // A nested loop's break/continue is its own; functions and classes are other code.
    if (s.kind === 'For' || s.kind === 'While') {
      stack.push(...s.orelse);
      continue;
    }
    if (s.kind === 'FunctionDef' || s.kind === 'ClassDef') continue;
    for (const block of childBlocks(s)) stack.push(...block);
  }
  return false;
}

/** True when a statement list contains a `return` (outside nested functions). */
export function containsReturn(body: readonly ast.Stmt[]): boolean {
  const stack: ast.Stmt[] = [...body];
  while (stack.length > 0) {
    const s = stack.pop() as ast.Stmt;
    if (s.kind === 'Return') return true;
    if (s.kind === 'FunctionDef' || s.kind === 'ClassDef') continue;
    for (const block of childBlocks(s)) stack.push(...block);
  }
  return false;
}

/** True when a function body yields (outside nested functions and classes). */
export function containsYield(body: readonly ast.Stmt[]): boolean {
  const finished = walkNodes(
    body,
    (node) => {
      if (node.kind === 'Yield') return 'stop';
      if (node.kind === 'FunctionDef' || node.kind === 'Lambda' || node.kind === 'ClassDef') return 'skip';
      return undefined;
    },
    200_000,
  );
  return !finished;
}

const referencedCache = new WeakMap<object, Set<string>>();

/** Every name read anywhere in a function body (nested functions included), memoised. */
export function referencedNames(body: readonly ast.Stmt[]): Set<string> {
  const known = referencedCache.get(body);
  if (known) return known;
  const names = new Set<string>();
  walkNodes(
    body,
    (node) => {
      if (node.kind === 'Name') names.add((node as ast.Name).id);
      return undefined;
    },
    500_000,
  );
  referencedCache.set(body, names);
  return names;
}
