// extract: source text → ModelGraph[]. Parses tolerantly, binds TF.js imports, runs the
// abstract interpreter over the top level, then runs each function that was never called
// (parameters unknown, defaults applied) so that `export function createModel()` still shows.
import type { ExtractProblem, ExtractResult, Span } from '../../../types';
import { parseSource, type SourceParser } from '../parse';
import { BudgetExceeded, Ctx, DEFAULT_LIMITS, type Limits } from './context';
import { Interpreter } from './interpreter';
import { Scope } from './scope';
import { bindImports, declaresTfAtTopLevel, mayImportTf, mayImportWorkspaceModule } from './imports';
import { TsModuleImports } from './moduleImports';
import { isForeignOffset } from '../../../workspace/foreignSpans';
import { localize } from '../../../workspace/localize';
import type { ImportSession } from '../../../workspace/workspace';
import { hoistVars } from './statements';
import { cachedReferencedNames } from './ast';
import { unboundGraphs } from '../../../modelBuilder';
import { unreadStatements } from './tooDeep';
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

/**
 * Runs one evaluation entry; a spent budget or a blown stack marks the models it touched.
 * A blown stack (code nested too deeply for our recursion) ends only this entry; top-level
 * statements are contained one by one before it gets here (execTopLevel).
 */
function runEntry(ctx: Ctx, body: () => void): void {
  ctx.touchedThisEntry.clear();
  try {
    body();
  } catch (e) {
    if (!(e instanceof BudgetExceeded) && !(e instanceof RangeError)) throw e;
    for (const m of ctx.touchedThisEntry) m.havoc();
  }
}

/** Functions never called by the code we ran, callers first (so callees run with real arguments). */
function pendingFunctions(ctx: Ctx): FunctionVal[] {
  const seen = new Set<FunctionNode>();
  const pending: FunctionVal[] = [];
  for (const f of ctx.createdFunctions) {
    // A function of another file is that file's to run standalone, not this one's.
    if (ctx.calledFunctions.has(f.node) || seen.has(f.node) || isForeignOffset(f.node.range[0])) continue;
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

/**
 * `parse` is `parseSource` unless an incremental parser (src/core/incremental.ts) stands in.
 * With a `session`, imports of the project's own files are followed (workspace/).
 */
export function extractWithLimits(text: string, fileName: string, limits: Limits, parse: SourceParser = parseSource, session: ImportSession | null = null): ExtractResult {
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
  // A file that imports its project's files may build models with a builder from there.
  if (!mayImportTf(text) && !(session && mayImportWorkspaceModule(text))) return emptyResult(false);

  const parsed = parse(text, fileName);
  if (!parsed.program) return emptyResult(false, [], parsed.syntaxErrors);
  const program = parsed.program;

  const ctx = new Ctx(limits, text);
  if (session) {
    ctx.imports = new TsModuleImports(session, session.importer, ctx);
    ctx.foreign = session.workspace;
  }
  ctx.problems.push(...unreadStatements(program, text));
  const ip = new Interpreter(ctx);
  // A `tf` the file never declares is TF.js's browser global (a <script> tag loads it).
  const globalTf = !declaresTfAtTopLevel(program);
  const globals = new Scope(null, true);
  if (globalTf) globals.declare('tf', { tag: 'tf', path: [] }, 'import');
  const moduleScope = new Scope(globals, true);
  let importsTf = false;
  try {
    importsTf = bindImports(program, moduleScope, ctx.imports);
    hoistVars(program.body, moduleScope);
    runEntry(ctx, () => ip.execProgram(program.body, moduleScope));
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
  importsTf ||= ctx.sawTfRequire || ctx.imports?.sawTfModule === true;
  const readGlobalTf = !importsTf && globalTf && ctx.models.length + ctx.tensors.length > 0;
  if (!importsTf && !readGlobalTf) return emptyResult(false, [], parsed.syntaxErrors);
  const unbound = ctx.budgetBlown ? [] : unboundGraphs(ctx.tensors, ctx.collectedTensors, ctx.entry);
  const graphs = [...ctx.models, ...unbound].map((m) => m.finish());
  // Code of other files ran here: nothing of theirs may point into this file's text.
  const local = ctx.usedForeign ? localize(graphs, ctx.problems, ctx.declSites) : { models: graphs, problems: ctx.problems };
  return {
    models: local.models,
    problems: local.problems,
    syntaxErrors: parsed.syntaxErrors,
    importsTf: true,
    ...(readGlobalTf ? { globalTf: true } : {}),
  };
}

export function extract(text: string, fileName: string): ExtractResult {
  return extractWithLimits(text, fileName, DEFAULT_LIMITS);
}

export { DEFAULT_LIMITS, type Limits } from './context';
export { MISSING_INPUT_SHAPE_MESSAGE } from './tfCalls';
