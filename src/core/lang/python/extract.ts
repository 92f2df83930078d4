// The Python front end's extraction: program text → ModelGraph[]. Parses tolerantly, runs the
// abstract interpreter over the module, then runs each function nobody called (parameters
// unknown, defaults applied) so that `def build_model(input_shape=(28, 28, 1)):` still shows.
// Never executes or imports anything.
import type { ExtractProblem, ExtractResult, LayerDecl, Span } from '../../types';
import { unboundGraphs, type ModelBuilder } from '../../modelBuilder';
import type * as ast from './ast';
import { emptyArgs } from './callArgs';
import { applyKerasOrder } from './keras/order';
import { referencedNames } from './codeScan';
import { callFunction } from './calls';
import { DEFAULT_PY_LIMITS, PyBudgetExceeded, PyCtx, type PyLimits } from './context';
import { PyInterpreter } from './interpreter';
import { PyScope } from './scope';
import type { PyFunction } from './values';
import { PyModuleImports } from './workspaceImports';
import { isForeignOffset } from '../../workspace/foreignSpans';
import { localize } from '../../workspace/localize';
import type { ImportSession } from '../../workspace/workspace';

/** Rounds of "run the functions nobody called"; each round may create new closures. */
const MAX_STANDALONE_ROUNDS = 20;

/** A cheap test before parsing: a file that never mentions Keras or TensorFlow has no models. */
export function mayImportKeras(text: string): boolean {
  return /\b(keras|tensorflow)\b/.test(text);
}

export const DEFERRED_BUILD_MESSAGE =
  "Keras builds this Sequential model only when it first sees data, so its shapes and parameters are unknown here. Give it an input: add keras.Input(shape=(...)) as its first layer, or call model.build((None, ...)).";

function firstLineSpan(text: string): Span {
  const nl = text.indexOf('\n');
  return { start: 0, end: nl < 0 ? text.length : nl };
}

/** Runs one evaluation entry; a spent budget or a blown stack marks the models it touched. */
function runEntry(ctx: PyCtx, body: () => void): void {
  ctx.touchedThisEntry.clear();
  try {
    body();
  } catch (e) {
    if (!(e instanceof PyBudgetExceeded) && !(e instanceof RangeError)) throw e;
    if (e instanceof RangeError) ctx.budgetBlown = true; // stack exhausted: stop evaluating
    for (const m of ctx.touchedThisEntry) m.havoc();
  }
}

/**
 * Functions nobody called (methods run through their instances), callers first: a helper
 * another pending function calls by name will run from there, with real arguments.
 */
function pendingFunctions(ctx: PyCtx): PyFunction[] {
  const seen = new Set<PyFunction['node']>();
  const pending: PyFunction[] = [];
  for (const f of ctx.createdFunctions) {
    // A function of another file is that file's to run standalone, not this program's.
    if (f.node.kind !== 'FunctionDef' || f.definingClass || ctx.calledFunctions.has(f.node) || seen.has(f.node) || isForeignOffset(f.node.span.start)) continue;
    seen.add(f.node);
    pending.push(f);
  }
  if (pending.length < 2) return pending;
  const referencedByOthers = new Set<string>();
  for (const f of pending) if (f.node.kind === 'FunctionDef') for (const n of referencedNames(f.node.body)) if (n !== f.name) referencedByOthers.add(n);
  const roots = pending.filter((f) => !referencedByOthers.has(f.name));
  return roots.length > 0 ? roots : pending;
}

/** A Sequential model with layers that never got an input: Keras defers its build. */
function deferredProblems(text: string, models: readonly ModelBuilder[]): ExtractProblem[] {
  const out: ExtractProblem[] = [];
  for (const m of models) {
    if (m.kind !== 'sequential' || m.uncertain || m.nodes.length === 0 || m.nodes[0].op.kind === 'input') continue;
    const paren = text.indexOf('(', m.span.start);
    const head = paren > m.span.start && paren < m.span.end ? { start: m.span.start, end: paren } : m.span;
    out.push({ code: 'model/deferred-build', severity: 'info', message: DEFERRED_BUILD_MESSAGE, span: head });
  }
  return out;
}

/** Where a layer's constructor error is reported: its argument, or the call of the builder of another file that made it. */
function layerProblemSpan(ctx: PyCtx, d: LayerDecl, property: string | undefined): Span {
  const at = (property && d.configSpans[property]) || d.span;
  return isForeignOffset(at.start) ? (ctx.declSites.get(d) ?? at) : at;
}

/** The interpreter's state after a run: the module's globals, and what was built. */
export interface PythonRun {
  readonly ctx: PyCtx;
  readonly scope: PyScope;
}

/**
 * Runs a module the way extraction does; exported for the tests that compare values with
 * CPython. With a `session`, imports of the project's own modules are followed (workspace/).
 */
export function interpretPython(module: ast.Module, text: string, limits: PyLimits = DEFAULT_PY_LIMITS, session: ImportSession | null = null): PythonRun {
  const ctx = new PyCtx(limits, text);
  if (session) {
    ctx.imports = new PyModuleImports(session, session.importer, ctx);
    ctx.foreign = session.workspace;
  }
  const ip = new PyInterpreter(ctx);
  const scope = new PyScope(null, 'module');
  scope.assign('__name__', '__main__');
  try {
    runEntry(ctx, () => void ip.execBlock(module.body, scope));
    for (let round = 0; round < MAX_STANDALONE_ROUNDS && !ctx.budgetBlown; round++) {
      const batch = pendingFunctions(ctx);
      if (batch.length === 0) break;
      for (const f of batch) {
        if (ctx.budgetBlown) break;
        if (ctx.calledFunctions.has(f.node)) continue;
        ctx.entry++;
        runEntry(ctx, () => void callFunction(ip, f, emptyArgs(), undefined, true));
      }
    }
  } catch (e) {
    // A bug of ours must not take the editor down: report it, keep what we have.
    ctx.problems.push({
      code: 'extract/internal-error',
      severity: 'info',
      message: `ShapeLens could not finish analysing this file: ${e instanceof Error ? e.message : String(e)}`,
      span: firstLineSpan(text),
    });
  }
  return { ctx, scope };
}

export function extractPythonModule(module: ast.Module, text: string, limits: PyLimits = DEFAULT_PY_LIMITS, session: ImportSession | null = null): ExtractResult {
  const { ctx } = interpretPython(module, text, limits, session);
  if (!ctx.importsKeras) return { models: [], problems: [], syntaxErrors: module.syntaxErrors, importsTf: false };
  const unbound = ctx.budgetBlown ? [] : unboundGraphs(ctx.tensors, ctx.collectedTensors, ctx.entry);
  // Keras raises in the constructor: a rejected layer that no model uses is still an error.
  const unused: ExtractProblem[] = ctx.rejectedLayers
    .filter((d) => !ctx.connectedLayers.has(d))
    .flatMap((d) => (d.problems ?? []).map((p) => ({ code: p.code, severity: p.severity, message: p.message, span: layerProblemSpan(ctx, d, p.property) })));
  for (const u of unbound) u.dialect = 'keras';
  const models = [...ctx.models, ...unbound];
  for (const m of models) applyKerasOrder(m);
  const graphs = models.map((m) => m.finish());
  const problems = [...ctx.problems, ...unused, ...deferredProblems(text, ctx.models)];
  // Code of other files ran here: nothing of theirs may point into this program's text.
  const local = ctx.usedForeign ? localize(graphs, problems, ctx.declSites) : { models: graphs, problems };
  return {
    models: local.models,
    problems: local.problems,
    syntaxErrors: module.syntaxErrors,
    importsTf: true,
  };
}
