// Imports of the user's own Python modules: `from .config import IMG_SIZE`, `from ..pkg import
// blocks`, `from config import *`, `import config as C`, `import pkg.sub`, and packages whose
// `__init__.py` re-exports. The module is read through the workspace (workspace/workspace.ts,
// which bounds the walk), run by this same interpreter in a run of its own with `__name__`
// its module name (so `if __name__ == '__main__':` stays out), and its globals are frozen
// (freeze.ts) and thawed into the importing run. Nothing is imported or run for real. A
// missing module, a syntax error there, a name it lacks, a cycle: Unknown.
import { isUnknown, unknown, type Span, type Unknown } from '../../types';
import type { RawOrigin } from '../../workspace/origins';
import { pythonCandidates } from '../../workspace/resolve';
import { relativePath } from '../../workspace/paths';
import { MemoKey, type CachedEvaluation, type ImportSession, type ModuleFile, type Refusal } from '../../workspace/workspace';
import type * as ast from './ast';
import { DEFAULT_PY_LIMITS, PyBudgetExceeded, PyCtx } from './context';
import { moduleGlobals, moduleValue, PyFreezer, thawedModuleOf, type PyModuleSnapshot } from './freeze';
import { PyInterpreter } from './interpreter';
import { parsePython } from './parse';
import { PyScope } from './scope';
import { isObject, type PyVal } from './values';

interface ParsedPyModule {
  readonly module: ast.Module | null;
  readonly unreadable?: string;
}

const PY_PARSE = new MemoKey<ParsedPyModule>('py-parse');
const PY_EVAL = new MemoKey<CachedEvaluation<PyModuleSnapshot>>('py-eval');

function parsedModule(file: ModuleFile): ParsedPyModule {
  const known = file.get(PY_PARSE);
  if (known) return known;
  const module = parsePython(file.text, file.base);
  const result: ParsedPyModule =
    module.syntaxErrors.length > 0 ? { module: null, unreadable: `it has a syntax error (${module.syntaxErrors[0].message})` } : { module };
  file.set(PY_PARSE, result);
  return result;
}

const REFUSALS: Readonly<Record<Refusal, string>> = {
  cycle: 'imports form a cycle',
  'too-deep': 'the chain of imports is too long to follow',
  'too-many-files': 'the analysis already reads as many files as it may',
  budget: 'the imported modules take more work to follow than an analysis may spend',
};

/** `pkg/sub.py` below the root → `pkg.sub` (`pkg/__init__.py` → `pkg`). */
function dottedName(root: string, path: string): string {
  const rel = relativePath(root, path).replace(/(\/__init__)?\.py$/, '');
  return rel.split('/').filter((s) => s !== '' && s !== '..').join('.') || '__init__';
}

/** Where each global is bound at the module's top level: the origin a hover names. */
function bindingSpans(body: readonly ast.Stmt[]): Map<string, Span> {
  const spans = new Map<string, Span>();
  const add = (name: string, span: Span): void => {
    if (!spans.has(name)) spans.set(name, span);
  };
  for (const s of body) {
    if (s.kind === 'Assign') {
      for (const t of s.targets) if (t.kind === 'Name') add(t.id, t.span);
    } else if (s.kind === 'AnnAssign' && s.target.kind === 'Name') add(s.target.id, s.target.span);
    else if (s.kind === 'FunctionDef' || s.kind === 'ClassDef') add(s.name, s.nameSpan);
  }
  return spans;
}

/** `__all__ = ['a', 'b']`: the names `from m import *` binds; null when absent or not plain strings. */
function allNames(v: PyVal | undefined): string[] | null {
  if (v === undefined || !isObject(v) || (v.tag !== 'list' && v.tag !== 'tuple')) return null;
  const names: string[] = [];
  for (const x of v.items) {
    if (typeof x !== 'string') return null;
    names.push(x);
  }
  return names;
}

/** One run's imports of workspace modules (the analysed program's, or an imported module's). */
export class PyModuleImports {
  private readonly modules = new Map<string, PyModuleSnapshot | Unknown | null>();

  constructor(
    readonly session: ImportSession,
    readonly importer: string,
    private readonly ctx: PyCtx,
  ) {}

  /** The module `level` dots and `dotted` name, or null when the workspace has no such file. */
  module(level: number, dotted: string): PyModuleSnapshot | Unknown | null {
    const key = `${level}:${dotted}`;
    if (this.modules.has(key)) return this.modules.get(key) ?? null;
    const m = this.resolve(level, dotted);
    this.modules.set(key, m);
    if (m && !isUnknown(m)) {
      this.ctx.usedForeign = true;
      if (m.importsKeras) this.ctx.importsKeras = true;
    }
    return m;
  }

  private resolve(level: number, dotted: string): PyModuleSnapshot | Unknown | null {
    for (const path of pythonCandidates(this.importer, level, dotted, this.session.root)) {
      const file = this.session.read(path);
      if (!file) continue;
      const name = dottedName(this.session.root, path);
      const r = this.session.evaluate(file, PY_EVAL, (steps) => evaluateModule(this.session, file, name, steps));
      return typeof r === 'string' ? unknown(`the module ${'.'.repeat(level)}${dotted} is not followed: ${REFUSALS[r]}`) : r;
    }
    return null;
  }

  /** `import a.b as c` / `import a.b`: what the name is bound to, or null (not a workspace module). */
  importValue(dotted: string, asName: boolean): PyVal | null {
    const m = this.module(0, dotted);
    if (m === null) return null;
    if (asName || !dotted.includes('.')) return isUnknown(m) ? m : moduleValue(this.ctx, m);
    // `import pkg.sub` binds `pkg`, with `sub` reachable through it.
    const parts = dotted.split('.');
    const top = this.module(0, parts[0]);
    const root: PyVal = top && !isUnknown(top) ? moduleValue(this.ctx, top) : { tag: 'module', name: parts[0], attrs: new Map(), open: true };
    let at = root;
    for (let i = 1; i < parts.length && isObject(at) && at.tag === 'module'; i++) {
      const sub = this.module(0, parts.slice(0, i + 1).join('.'));
      const value: PyVal = sub === null ? unknown(`the module ${parts.slice(0, i + 1).join('.')}`) : isUnknown(sub) ? sub : moduleValue(this.ctx, sub);
      if (!at.attrs.has(parts[i])) at.attrs.set(parts[i], value);
      at = at.attrs.get(parts[i]) as PyVal;
    }
    return root;
  }

  /**
   * Binds `from <level dots><module> import names` in `scope`. False when no workspace file is
   * that module (nor, for `from . import x`, the package of `x`): the caller binds Unknown.
   */
  bindFrom(s: ast.ImportFrom, scope: PyScope): boolean {
    const dotted = s.module ?? '';
    const m = dotted === '' && s.level === 0 ? null : this.module(s.level, dotted);
    if (s.names === '*') {
      if (m === null || isUnknown(m)) return m !== null;
      if (m.unreadable) return true;
      const globals = moduleGlobals(this.ctx, m);
      const names = m.all ?? [...m.globals.keys()].filter((n) => !n.startsWith('_'));
      for (const n of names) {
        const b = globals.ownBinding(n);
        if (b) scope.assign(n, b.value, m.globals.get(n)?.origin ?? undefined);
      }
      return true;
    }
    let found = m !== null;
    for (const alias of s.names) {
      const local = alias.asname ?? alias.name;
      const bound = this.fromValue(m, s.level, dotted, alias.name);
      if (bound === null) {
        scope.assign(local, unknown(`\`${alias.name}\`, imported from ${'.'.repeat(s.level)}${dotted}`));
        continue;
      }
      found = true;
      scope.assign(local, bound.value, bound.origin);
    }
    return found;
  }

  /** A name of the module, else its submodule of that name (`from pkg import config`). */
  private fromValue(m: PyModuleSnapshot | Unknown | null, level: number, dotted: string, name: string): { value: PyVal; origin?: RawOrigin } | null {
    if (m !== null && isUnknown(m)) return { value: m };
    if (m?.unreadable) return { value: unknown(`the module ${m.name} is not followed: ${m.unreadable}`) };
    if (m && m.globals.has(name)) {
      const b = moduleGlobals(this.ctx, m).ownBinding(name);
      return { value: b ? b.value : null, origin: m.globals.get(name)?.origin ?? undefined };
    }
    const sub = this.module(level, dotted === '' ? name : `${dotted}.${name}`);
    if (sub !== null) return { value: isUnknown(sub) ? sub : moduleValue(this.ctx, sub) };
    return m ? { value: unknown(`the module ${m.name} has no \`${name}\` that ShapeLens can see`) } : null;
  }
}

/** Runs a module's top level in a run of its own and freezes its globals. */
function evaluateModule(session: ImportSession, file: ModuleFile, name: string, maxSteps: number): { value: PyModuleSnapshot; steps: number } {
  const parsed = parsedModule(file);
  const empty = (unreadable: string): PyModuleSnapshot => ({ file, name, globals: new Map(), all: null, importsKeras: false, unreadable });
  if (!parsed.module) return { value: empty(parsed.unreadable ?? 'it could not be parsed'), steps: 0 };
  const ctx = new PyCtx({ ...DEFAULT_PY_LIMITS, maxSteps }, file.text);
  ctx.moduleEval = true;
  ctx.foreign = session.workspace;
  ctx.imports = new PyModuleImports(session, file.path, ctx);
  const ip = new PyInterpreter(ctx);
  const scope = new PyScope(null, 'module');
  scope.assign('__name__', name);
  try {
    ip.execBlock(parsed.module.body, scope);
  } catch (e) {
    // A budget spent, a stack exhausted (or a bug of ours) leaves it half run: nothing it binds is sure.
    const why = e instanceof PyBudgetExceeded || e instanceof RangeError ? 'it takes more work to follow than an imported module may' : 'ShapeLens could not follow it';
    return { value: empty(why), steps: ctx.steps };
  }
  const snapshot: PyModuleSnapshot = { file, name, globals: new Map(), all: allNames(scope.ownBinding('__all__')?.value), importsKeras: ctx.importsKeras };
  const freezer = new PyFreezer((s) => (s === scope ? snapshot : thawedModuleOf(ctx, s)));
  const spans = bindingSpans(parsed.module.body);
  for (const n of scope.ownNames()) {
    const b = scope.ownBinding(n);
    if (!b) continue;
    const span = spans.get(n);
    // An imported name keeps the origin it came with (config.py's IMG_SIZE, imported by blocks.py).
    snapshot.globals.set(n, { value: freezer.freeze(b.value), origin: b.origin ?? (span ? { name: n, span } : null) });
  }
  return { value: snapshot, steps: ctx.steps };
}

