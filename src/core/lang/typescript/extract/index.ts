// extract: source text → ModelGraph[]. Parses tolerantly, binds TF.js imports, runs the
// abstract interpreter over the top level, then runs each function that was never called
// (parameters unknown, defaults applied) so that `export function createModel()` still shows.
import type { ExtractProblem, ExtractResult, Span } from '../../../types';
import { parseSource, type SourceParser } from '../parse';
import { BudgetExceeded, Ctx, DEFAULT_LIMITS, type Limits } from './context';
import { Interpreter } from './interpreter';
import { Scope } from './scope';
import { bindImports, mayImportTf } from './imports';
import { hoistVars } from './statements';
import { cachedReferencedNames } from './ast';
import { unboundGraphs } from '../../../modelBuilder';
import type { FunctionNode, FunctionVal } from './values';

/** Files larger than this (in UTF-16 code units) are not analysed. */
export const MAX_FILE_CHARS = 2 * 1024 * 1024;
/** Rounds of "run the functions nobody called"; each round may create new closures. */
const MAX_STANDALONE_ROUNDS = 20;

function firstLineSpan(text: string): Span {
  const nl = text.indexOf('\n');
  let end = nl < 0 ? text.length : nl;
  if (end > 0 && text[end - 1] === '\r') end--;
  return { start: 0, end };
}

function emptyResult(importsTf: boolean, problems: ExtractProblem[] = [], syntaxErrors: ExtractResult['syntaxErrors'] = []): ExtractResult {
  return { models: [], problems, syntaxErrors, importsTf };
}

/** Runs one evaluation entry; a spent budget or a blown stack marks the models it touched. */
function runEntry(ctx: Ctx, body: () => void): void {
  ctx.touchedThisEntry.clear();
  try {
    body();
  } catch (e) {
    if (!(e instanceof BudgetExceeded) && !(e instanceof RangeError)) throw e;
    if (e instanceof RangeError) ctx.budgetBlown = true; // stack exhausted: stop evaluating
    for (const m of ctx.touchedThisEntry) m.havoc();
  }
}

/** Functions never called by the code we ran, callers first (so callees run with real arguments). */
function pendingFunctions(ctx: Ctx): FunctionVal[] {
  const seen = new Set<FunctionNode>();
  const pending: FunctionVal[] = [];
  for (const f of ctx.createdFunctions) {
    if (ctx.calledFunctions.has(f.node) || seen.has(f.node)) continue;
    seen.add(f.node);
    pending.push(f);
  }
  if (pending.length < 2) return pending;
  // A function referenced by name from another pending one will likely run from there.
  const referencedByOthers = new Set<string>();
  for (const f of pending) {
    for (const n of cachedReferencedNames(f.node.body)) if (n !== f.name) referencedByOthers.add(n);
  }
  const roots = pending.filter((f) => !f.name || !referencedByOthers.has(f.name));
  return roots.length > 0 ? roots : pending;
}

/** `parse` is `parseSource` unless an incremental parser (src/core/incremental.ts) stands in. */
export function extractWithLimits(text: string, fileName: string, limits: Limits, parse: SourceParser = parseSource): ExtractResult {
  if (text.length > MAX_FILE_CHARS) {
    const mb = (text.length / (1024 * 1024)).toFixed(1);
    return emptyResult(mayImportTf(text.slice(0, 100_000)), [
      {
        code: 'file/too-large',
        severity: 'info',
        message: `ShapeLens skipped this file: it is ${mb} MB, above the ${MAX_FILE_CHARS / (1024 * 1024)} MB limit for analysis.`,
        span: firstLineSpan(text),
      },
    ]);
  }
  if (!mayImportTf(text)) return emptyResult(false);

  const parsed = parse(text, fileName);
  if (!parsed.program) return emptyResult(false, [], parsed.syntaxErrors);
  const program = parsed.program;

  const ctx = new Ctx(limits, text);
  const ip = new Interpreter(ctx);
  const moduleScope = new Scope(null, true);
  let importsTf = false;
  try {
    importsTf = bindImports(program, moduleScope);
    hoistVars(program.body, moduleScope);
    runEntry(ctx, () => void ip.execList(program.body, moduleScope));
    for (let round = 0; round < MAX_STANDALONE_ROUNDS && !ctx.budgetBlown; round++) {
      const batch = pendingFunctions(ctx);
      if (batch.length === 0) break;
      for (const f of batch) {
        if (ctx.budgetBlown) break;
        if (ctx.calledFunctions.has(f.node)) continue;
        ctx.entry++;
        runEntry(ctx, () => ip.runStandalone(f));
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
  importsTf ||= ctx.sawTfRequire;
  if (!importsTf) return emptyResult(false, [], parsed.syntaxErrors);
  const unbound = ctx.budgetBlown ? [] : unboundGraphs(ctx.tensors, ctx.collectedTensors, ctx.entry);
  return {
    models: [...ctx.models, ...unbound].map((m) => m.finish()),
    problems: ctx.problems,
    syntaxErrors: parsed.syntaxErrors,
    importsTf,
  };
}

export function extract(text: string, fileName: string): ExtractResult {
  return extractWithLimits(text, fileName, DEFAULT_LIMITS);
}

export { DEFAULT_LIMITS, type Limits } from './context';
export { MISSING_INPUT_SHAPE_MESSAGE } from './tfCalls';
