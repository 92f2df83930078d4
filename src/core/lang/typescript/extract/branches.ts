// Control flow the interpreter cannot decide: an `if` (or `switch`, `?:`, `&&`) on an unknown
// condition, a loop whose bound is unknown. Giving up on everything such code touches (havoc) would lose the rest of
// the model after the most common builder idioms, `if (useDropout) model.add(dropout)` and
// `for (let i = 0; i < blocks; i++) x = residualBlock(x)`. So each way control may go runs,
// from the same starting state, and the results are joined where the join is certain:
// - a Sequential model, or a symbolic tensor bound to a variable (`x = bn.apply(x)`), whose
//   shape is the same, fully known and error-free at the end of every path that falls
//   through continues with that shape; the layers of one path stay in the model, marked with
//   the condition (or, for a loop body, as repeated), and the totals become unknown when the
//   paths' params differ;
// - a variable every path leaves with the same value keeps it;
// - an `if` branch that returns, throws, breaks or continues does not reach the code after
//   it, so only the others are joined.
// A loop is "zero iterations" joined with "one more iteration", run after everything the loop
// changes except those tensors and models has been made unknown: when one iteration maps a
// shape to itself with no other input known to change, every number of iterations does.
// Everything else the paths may change becomes unknown, as havoc made it before (havoc.ts),
// and whatever they built that the join does not keep is taken out again. The join itself is
// language-neutral (src/core/branchJoin.ts); this file says how TS code forms the paths.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { joinPaths as joinAll, type JoinHost, type PathSpec } from '../../../branchJoin';
import type { NodeMark } from '../../../modelBuilder';
import type { Interpreter } from './interpreter';
import { directlyAssignedNames, mayEndIterationEarly, negated, sourceText } from './codeScan';
import type { Binding, Scope } from './scope';
import type { Completion } from './statements';
import { isTensor, type Val } from './values';

const NORMAL: Completion = { kind: 'normal' };

/** One way control may go, as the TS interpreter runs it. */
interface TsPath {
  readonly code: TSESTree.Node | null;
  readonly run: () => Completion;
  readonly mark: NodeMark;
  readonly mustFallThrough?: boolean;
}

function sameValue(a: Val, b: Val): boolean {
  return a === b || (typeof a !== 'object' && typeof b !== 'object' && Object.is(a, b)) || (a === null && b === null) || sameTfPath(a, b);
}

/** Two TF.js references to the same path (`require('@tensorflow/tfjs')` on one path, `-node-gpu` on the other): the same API. */
function sameTfPath(a: Val, b: Val): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null || !('tag' in a) || !('tag' in b)) return false;
  return a.tag === 'tf' && b.tag === 'tf' && a.path.length === b.path.length && a.path.every((p, i) => p === b.path[i]);
}

/** The TS interpreter's side of a join (src/core/branchJoin.ts). */
function host(ip: Interpreter, scope: Scope): JoinHost<Val, TSESTree.Node> {
  return {
    ctx: ip.ctx,
    assignedBindings: (codes) => {
      const names = new Set<string>();
      for (const c of codes) directlyAssignedNames(c, names);
      return [...names].map((n) => scope.lookup(n)).filter((b): b is Binding => b !== undefined);
    },
    havoc: (code, reason) => ip.havoc(code, scope, reason),
    tensorOf: (v) => (isTensor(v) ? v.node : null),
    same: sameValue,
    unknown: (reason) => ip.unknown(reason),
  };
}

function joinPaths(ip: Interpreter, scope: Scope, reason: string, paths: readonly TsPath[], scratch: readonly Binding[] = []): Completion {
  const specs: PathSpec<TSESTree.Node>[] = paths.map((p) => ({ code: p.code, run: () => p.run().kind === 'normal', mark: p.mark, mustFallThrough: p.mustFallThrough }));
  // Code on these paths may not run at all: recursion.ts proves nothing across them.
  ip.ctx.uncertainty++;
  try {
    joinAll(host(ip, scope), reason, specs, scratch);
  } finally {
    ip.ctx.uncertainty--;
  }
  return NORMAL;
}

export function execUnknownIf(ip: Interpreter, node: TSESTree.IfStatement, scope: Scope, reason: string): Completion {
  const condition = sourceText(ip, node.test);
  const branch = (code: TSESTree.Statement | null, text: string): TsPath => ({
    code,
    run: () => (code ? ip.exec(code, scope) : NORMAL),
    mark: { kind: 'condition', text },
  });
  return joinPaths(ip, scope, reason, [branch(node.consequent, condition), branch(node.alternate ?? null, negated(condition))]);
}

/**
 * A loop whose bound is unknown. `oneMore` runs one more iteration (body and update, in the
 * loop's own scope) once everything the loop changes, except symbolic tensors and models, is
 * unknown. `phrase` says how it repeats, e.g. "while i < depth".
 */
export function execUnknownLoop(
  ip: Interpreter,
  loop: TSESTree.ForStatement | TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForOfStatement | TSESTree.ForInStatement,
  scope: Scope,
  reason: string,
  phrase: string,
  oneMore: () => Completion,
): Completion {
  if (mayEndIterationEarly(loop.body)) {
    // A `break` or `continue` may leave part of an iteration undone: the state it leaves is
    // not "some number of whole iterations", so the invariant proves nothing.
    ip.havoc(loop, scope, reason);
    return NORMAL;
  }
  const names = new Set<string>();
  directlyAssignedNames(loop, names);
  const carried = [...names].map((n) => scope.lookup(n)).filter((b): b is Binding => b !== undefined && isTensor(b.value));
  const tensorsBefore = carried.map((b) => b.value);
  const models = ip.ctx.models.slice();
  const statesBefore = models.map((m) => m.state());
  ip.havoc(loop, scope, reason);
  carried.forEach((b, i) => (b.value = tensorsBefore[i]));
  models.forEach((m, i) => m.restoreFlags(statesBefore[i]));
  const mark: NodeMark = { kind: 'repeat', text: phrase };
  return joinPaths(ip, scope, reason, [
    { code: loop, run: oneMore, mark, mustFallThrough: true },
    { code: null, run: () => NORMAL, mark },
  ]);
}

/**
 * A `switch` whose case cannot be chosen: one path per place control may enter (each case,
 * and the default, or past the switch when there is none), each running on as the switch
 * does until a `break`. `runFrom(i)` runs from case i (-1: nothing).
 */
export function execUnknownSwitch(ip: Interpreter, node: TSESTree.SwitchStatement, scope: Scope, reason: string, runFrom: (start: number) => Completion): Completion {
  const on = sourceText(ip, node.discriminant);
  const paths: TsPath[] = node.cases.map((c, i) => ({
    code: node,
    run: () => runFrom(i),
    mark: { kind: 'condition', text: c.test ? `${on} === ${sourceText(ip, c.test)}` : `${on} matches no case` },
  }));
  if (!node.cases.some((c) => c.test === null)) paths.push({ code: node, run: () => runFrom(-1), mark: { kind: 'condition', text: `${on} matches no case` } });
  return joinPaths(ip, scope, reason, paths);
}

/**
 * An expression whose unknown test picks which side runs (`c ? a : b`, `c && model.add(x)`):
 * each side is a path whose result goes into a scratch binding, joined like a variable (the
 * same value, or tensors of the same shape), and the sides' effects are joined as for `if`.
 */
export function evalUnknownArms(ip: Interpreter, scope: Scope, reason: string, arms: readonly { code: TSESTree.Node | null; value: () => Val; text: string }[]): Val {
  const result: Binding = { value: undefined, kind: 'let' };
  joinPaths(
    ip,
    scope,
    reason,
    arms.map((arm) => ({
      code: arm.code,
      run: () => {
        result.value = arm.value();
        return NORMAL;
      },
      mark: { kind: 'condition', text: arm.text },
    })),
    [result],
  );
  return result.value;
}
