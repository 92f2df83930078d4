// Python control flow the interpreter cannot decide — `if` on an unknown condition (`if
// use_dropout:` in a builder run with unknown arguments), `a if c else b`, `c and f()`, a
// `for`/`while` whose bound is unknown — joined with the language-neutral join of
// src/core/branchJoin.ts: each path runs from the same state, and shapes the paths agree on
// carry on. A loop is "zero iterations" joined with "one more iteration" run after everything
// the loop changes, except the tensors and models it threads, has been made unknown.
import { joinPaths, type JoinHost, type PathSpec } from '../../branchJoin';
import type { NodeMark } from '../../modelBuilder';
import type * as ast from './ast';
import { boundNames, mayEndIterationEarly } from './codeScan';
import type { PyInterpreter } from './interpreter';
import type { PyBinding, PyScope } from './scope';
import type { Completion } from './statements';
import { isTensorObj, pyEquals, type PyVal } from './values';

const NORMAL: Completion = { kind: 'normal' };

type Code = readonly ast.Stmt[];

function host(ip: PyInterpreter, scope: PyScope, names: Map<string, number>[]): JoinHost<PyVal, Code> {
  const start = ip.ctx.saveNames();
  return {
    ctx: ip.ctx,
    assignedBindings: (codes) => {
      const assigned = new Set<string>();
      for (const c of codes) boundNames(c, assigned);
      return [...assigned].map((n) => scope.lookup(n)).filter((b): b is PyBinding => b !== undefined);
    },
    havoc: (code, reason) => ip.havoc(code, scope, reason),
    // A second output of a node (an LSTM state) is not the node's own output: never joined.
    tensorOf: (v) => (isTensorObj(v) && !v.outputIndex ? v.node : null),
    same: (a, b) => a === b || pyEquals(a, b) === true,
    unknown: (reason) => ip.unknown(reason),
    afterPath: () => {
      // Keras names layers from counters; each path starts from the same counters.
      names.push(ip.ctx.saveNames());
      ip.ctx.restoreNames(start);
    },
  };
}

/** After a join: the counters as far as the furthest path took them (only one path's layers stay). */
function restoreFurthestNames(ip: PyInterpreter, names: readonly Map<string, number>[]): void {
  const merged = new Map<string, number>();
  for (const m of names) for (const [k, v] of m) merged.set(k, Math.max(merged.get(k) ?? 0, v));
  ip.ctx.restoreNames(merged);
}

function join(ip: PyInterpreter, scope: PyScope, reason: string, paths: readonly PathSpec<Code>[], scratch: readonly PyBinding[] = []): void {
  const names: Map<string, number>[] = [];
  const rejected = ip.ctx.rejectedLayers.length;
  // Code on these paths may not run at all: recursion.ts proves nothing across them.
  ip.ctx.uncertainty++;
  try {
    joinPaths(host(ip, scope, names), reason, paths, scratch);
  } finally {
    ip.ctx.uncertainty--;
  }
  restoreFurthestNames(ip, names);
  // A constructor error on one path only is not certain; layers the join keeps report theirs.
  ip.ctx.rejectedLayers.length = rejected;
}

function condition(text: string): NodeMark {
  return { kind: 'condition', text };
}

function negate(test: string): string {
  return /^not \(.*\)$/.test(test) ? test.slice(5, -1) : `not (${test})`;
}

export function execUnknownIf(ip: PyInterpreter, s: ast.If, scope: PyScope, reason: string): Completion {
  const test = ip.text(s.test.span);
  const path = (code: Code, text: string): PathSpec<Code> => ({
    code,
    run: () => ip.execBlock(code, scope).kind === 'normal',
    mark: condition(text),
  });
  join(ip, scope, reason, [path(s.body, test), path(s.orelse, negate(test))]);
  return NORMAL;
}

/**
 * A loop whose bound is unknown. `oneMore` runs one more iteration (the target assigned
 * Unknown, then the body) once everything the loop changes, except symbolic tensors and
 * models, is unknown. `phrase` says how it repeats, e.g. "for each units in hidden".
 */
export function execUnknownLoop(ip: PyInterpreter, loop: ast.For | ast.While, scope: PyScope, reason: string, phrase: string, oneMore: () => Completion): Completion {
  const body: Code = loop.body;
  if (mayEndIterationEarly(body)) {
    // A break or continue may leave part of an iteration undone: "some number of whole
    // iterations" proves nothing then.
    ip.havoc([loop], scope, reason);
    return NORMAL;
  }
  const assigned = new Set<string>();
  boundNames([loop], assigned);
  const carried = [...assigned].map((n) => scope.lookup(n)).filter((b): b is PyBinding => b !== undefined && isTensorObj(b.value));
  const tensorsBefore = carried.map((b) => b.value);
  const models = ip.ctx.models.slice();
  const statesBefore = models.map((m) => m.state());
  ip.havoc([loop], scope, reason);
  carried.forEach((b, i) => (b.value = tensorsBefore[i]));
  models.forEach((m, i) => m.restoreFlags(statesBefore[i]));
  const mark: NodeMark = { kind: 'repeat', text: phrase };
  join(ip, scope, reason, [
    { code: [loop], run: () => oneMore().kind === 'normal', mark, mustFallThrough: true },
    { code: null, run: () => true, mark },
  ]);
  return ip.execBlock(loop.orelse, scope);
}

/**
 * An expression whose unknown test picks which side runs (`a if c else b`, `c and f()`): each
 * arm's value goes into a scratch binding, joined like a variable (the same value, or tensors
 * of the same shape), and the arms' effects are joined as for `if`.
 */
export function evalUnknownArms(ip: PyInterpreter, scope: PyScope, reason: string, arms: readonly { code: ast.Expr | null; value: () => PyVal; text: string }[]): PyVal {
  const result: PyBinding = { value: null };
  join(
    ip,
    scope,
    reason,
    arms.map((arm) => ({
      code: arm.code ? [{ kind: 'ExprStmt', value: arm.code, span: arm.code.span }] : null,
      run: () => {
        result.value = arm.value();
        return true;
      },
      mark: condition(arm.text),
    })),
    [result],
  );
  return result.value;
}
