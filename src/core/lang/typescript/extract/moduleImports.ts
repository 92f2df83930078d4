// Imports of the user's own TS/JS files: `import {IMAGE_H} from './data'`, `import * as data
// from './data'`, `import cfg from './config'`, `const data = require('./data')`, `import x =
// require('./x')`. The module is read through the workspace (workspace/workspace.ts, which
// also bounds the whole walk), evaluated by this same interpreter in a run of its own (its
// top level only: nothing is run, as in the analysed file), and what it exports is frozen
// (freeze.ts) and thawed into the importing run. Exports follow the language: `export
// const`/`function`/`default`, `export {a as b}`, re-exports (`export * from`, `export {X}
// from`, `export * as ns from`), and CommonJS (`module.exports = {...}`, `exports.X =`,
// `module.exports.X =`). Whatever cannot be known (a missing file, a syntax error there, a
// name it does not export, a cycle) is Unknown.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isUnknown, unknown, type Span, type Unknown } from '../../../types';
import { MemoKey, type CachedEvaluation, type ImportSession, type ModuleFile, type Refusal } from '../../../workspace/workspace';
import { isRelativeSpecifier, tsCandidates } from '../../../workspace/resolve';
import { parseSource } from '../parse';
import { shiftStatement } from '../shiftRanges';
import { BudgetExceeded, Ctx, DEFAULT_LIMITS } from './context';
import { Freezer, thaw, thawedModuleOf, type Frozen, type FrozenExport, type FrozenObject, type TsModuleSnapshot } from './freeze';
import { DEFAULT_EXPORT, EXPORT_ASSIGNMENT } from './exportNames';
import { bindImports, isTfModule } from './imports';
import { Interpreter } from './interpreter';
import { Scope } from './scope';
import { hoistVars } from './statements';
import { makeObject, spanOf, type ObjectVal, type Val } from './values';


interface ParsedModule {
  readonly program: TSESTree.Program | null;
  readonly unreadable?: string;
}

const TS_PARSE = new MemoKey<ParsedModule>('ts-parse');
const TS_EVAL = new MemoKey<CachedEvaluation<TsModuleSnapshot>>('ts-eval');

/** The module's program with its offsets moved to its slot (workspace/foreignSpans.ts); parsed once per version. */
function parsedModule(file: ModuleFile): ParsedModule {
  const known = file.get(TS_PARSE);
  if (known) return known;
  const parsed = parseSource(file.text, file.path);
  let result: ParsedModule;
  if (!parsed.program) result = { program: null, unreadable: 'it could not be parsed' };
  else if (parsed.syntaxErrors.length > 0) result = { program: null, unreadable: `it has a syntax error (${parsed.syntaxErrors[0].message.split('\n')[0]})` };
  else {
    const program = parsed.program;
    for (const stmt of program.body) shiftStatement(stmt, file.base);
    program.range = [program.range[0] + file.base, program.range[1] + file.base];
    result = { program };
  }
  file.set(TS_PARSE, result);
  return result;
}

const REFUSALS: Readonly<Record<Refusal, string>> = {
  cycle: 'imports form a cycle',
  'too-deep': 'the chain of imports is too long to follow',
  'too-many-files': 'the analysis already reads as many files as it may',
  budget: 'the imported files take more work to follow than an analysis may spend',
};

/** The names a declaration binds (`const {a, b: [c]} = ...` binds a and c). */
function declaredNames(node: TSESTree.Node, out: { name: string; span: Span }[] = []): { name: string; span: Span }[] {
  switch (node.type) {
    case 'VariableDeclaration':
      for (const d of node.declarations) declaredNames(d.id, out);
      break;
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
    case 'TSEnumDeclaration':
      if (node.id) out.push({ name: node.id.name, span: spanOf(node.id) });
      break;
    case 'Identifier':
      out.push({ name: node.name, span: spanOf(node) });
      break;
    case 'ObjectPattern':
      for (const p of node.properties) declaredNames(p.type === 'Property' ? p.value : p.argument, out);
      break;
    case 'ArrayPattern':
      for (const e of node.elements) if (e) declaredNames(e, out);
      break;
    case 'AssignmentPattern':
      declaredNames(node.left, out);
      break;
    case 'RestElement':
      declaredNames(node.argument, out);
      break;
  }
  return out;
}

/** Where each top-level name is declared: the origin a hover names. */
function declarationSpans(program: TSESTree.Program): Map<string, Span> {
  const spans = new Map<string, Span>();
  for (const stmt of program.body) {
    const decl = stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt;
    if (decl) for (const { name, span } of declaredNames(decl)) if (!spans.has(name)) spans.set(name, span);
  }
  return spans;
}

/** `exports.X = ...` and `module.exports.X = ...` at the top level: where each X is written. */
function commonJsAssignments(program: TSESTree.Program): Map<string, Span> {
  const spans = new Map<string, Span>();
  for (const stmt of program.body) {
    if (stmt.type !== 'ExpressionStatement' || stmt.expression.type !== 'AssignmentExpression') continue;
    const left = stmt.expression.left;
    if (left.type !== 'MemberExpression' || left.computed || left.property.type !== 'Identifier') continue;
    const target = left.object;
    const isExports =
      (target.type === 'Identifier' && target.name === 'exports') ||
      (target.type === 'MemberExpression' && !target.computed && target.object.type === 'Identifier' && target.object.name === 'module' && target.property.type === 'Identifier' && target.property.name === 'exports');
    if (isExports) spans.set(left.property.name, spanOf(stmt.expression));
  }
  return spans;
}

function exportedName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

/** A module's export by name, as an importer sees it (CommonJS objects read as ES exports too). */
export function exportOf(m: TsModuleSnapshot, name: string, specifier: string): FrozenExport {
  if (m.unreadable) return { value: unknown(`'${specifier}' is not followed: ${m.unreadable}`), origin: null };
  const own = m.exports.get(name);
  if (own) return own;
  const cjs = m.commonJs;
  if (name === 'default' && cjs !== null) return { value: cjs, origin: null };
  if (typeof cjs === 'object' && cjs !== null && 'tag' in cjs && cjs.tag === 'frozen-object' && cjs.props.has(name)) {
    return { value: cjs.props.get(name) as Frozen, origin: cjs.spans.get(name) ?? null };
  }
  return { value: unknown(`'${specifier}' has no export \`${name}\` that ShapeLens can see`), origin: null };
}

const MAY_EXPORT_MORE = 'a module may export names ShapeLens cannot see';

/** `import * as ns`: every export, and Unknown (never `undefined`) for a name not among them. */
function namespaceOf(m: TsModuleSnapshot, specifier: string): FrozenObject | Unknown {
  if (m.unreadable) return unknown(`'${specifier}' is not followed: ${m.unreadable}`);
  const ns: FrozenObject = { tag: 'frozen-object', props: new Map(), spans: new Map(), open: MAY_EXPORT_MORE };
  const cjs = m.commonJs;
  if (typeof cjs === 'object' && cjs !== null && 'tag' in cjs && cjs.tag === 'frozen-object') {
    for (const [k, v] of cjs.props) ns.props.set(k, v);
    for (const [k, s] of cjs.spans) ns.spans.set(k, s);
  }
  if (cjs !== null) ns.props.set('default', cjs);
  for (const [k, e] of m.exports) {
    ns.props.set(k, e.value);
    if (e.origin) ns.spans.set(k, e.origin);
  }
  return ns;
}

/** The exports of a TF.js package re-exported (`export {layers} from '@tensorflow/tfjs'`). */
function tfExport(name: string): FrozenExport {
  return { value: { tag: 'tf', path: name === 'default' ? [] : [name] }, origin: null };
}

/** One run's imports of workspace modules (the analysed file's, or an imported module's own). */
export class TsModuleImports {
  /** Set once a module imported here uses TF.js (then so does this file, through it). */
  sawTfModule = false;
  private readonly modules = new Map<string, TsModuleSnapshot | Unknown>();

  constructor(
    readonly session: ImportSession,
    readonly importer: string,
    private readonly ctx: Ctx,
  ) {}

  /** The evaluated module a relative specifier names, or why it is Unknown. */
  module(specifier: string): TsModuleSnapshot | Unknown {
    const known = this.modules.get(specifier);
    if (known) return known;
    const m = this.resolve(specifier);
    this.modules.set(specifier, m);
    if (!isUnknown(m)) {
      this.ctx.usedForeign = true;
      if (m.importsTf) this.sawTfModule = true;
    }
    return m;
  }

  private resolve(specifier: string): TsModuleSnapshot | Unknown {
    for (const path of tsCandidates(this.importer, specifier)) {
      const file = this.session.read(path);
      if (!file) continue;
      const r = this.session.evaluate(file, TS_EVAL, (steps) => evaluateModule(this.session, file, steps));
      return typeof r === 'string' ? unknown(`'${specifier}' is not followed: ${REFUSALS[r]}`) : r;
    }
    return unknown(`'${specifier}' is not a file of the workspace that ShapeLens can read`);
  }

  /** Binds one `import ... from './x'` (or `import x = require('./x')`) in `scope`. */
  bindDeclaration(stmt: TSESTree.ImportDeclaration, scope: Scope): void {
    const specifier = stmt.source.value;
    const m = this.module(specifier);
    for (const spec of stmt.specifiers) {
      const local = spec.local.name;
      if (isUnknown(m)) {
        scope.declare(local, m, 'import');
      } else if (spec.type === 'ImportNamespaceSpecifier') {
        scope.declare(local, this.thawOpen(namespaceOf(m, specifier)), 'import');
      } else {
        const name = spec.type === 'ImportDefaultSpecifier' ? 'default' : exportedName(spec.imported);
        const e = exportOf(m, name, specifier);
        scope.declare(local, thaw(this.ctx, e.value), 'import', e.origin ? { name, span: e.origin } : undefined);
      }
    }
  }

  /** `require('./x')` (and `import x = require('./x')`): `module.exports`, or an ES module's namespace. */
  require(specifier: string): Val {
    if (!isRelativeSpecifier(specifier)) return unknown(`required from '${specifier}'`);
    const m = this.module(specifier);
    if (isUnknown(m)) return m;
    if (m.unreadable || m.commonJs === null) return this.thawOpen(namespaceOf(m, specifier));
    return this.thawOpen(m.commonJs);
  }

  /** A module object as the importer gets it: reading a name it lacks is Unknown, not `undefined`. */
  private thawOpen(f: Frozen): Val {
    const v = thaw(this.ctx, f);
    if (typeof v === 'object' && v !== null && 'tag' in v && v.tag === 'object' && !v.open) (v as ObjectVal).open = MAY_EXPORT_MORE;
    return v;
  }
}

/** Evaluates a module's top level in a run of its own and freezes what it binds and exports. */
function evaluateModule(session: ImportSession, file: ModuleFile, maxSteps: number): { value: TsModuleSnapshot; steps: number } {
  const parsed = parsedModule(file);
  const empty = (unreadable: string): TsModuleSnapshot => ({ file, globals: new Map(), exports: new Map(), commonJs: null, importsTf: false, unreadable });
  if (!parsed.program) return { value: empty(parsed.unreadable ?? 'it could not be parsed'), steps: 0 };
  const program = parsed.program;
  const ctx = new Ctx({ ...DEFAULT_LIMITS, maxSteps }, file.text);
  ctx.moduleEval = true;
  ctx.foreign = session.workspace;
  const imports = new TsModuleImports(session, file.path, ctx);
  ctx.imports = imports;
  const ip = new Interpreter(ctx);
  const scope = new Scope(new Scope(null, true), true);
  const exportsObject = makeObject();
  const moduleObject = makeObject();
  moduleObject.props.set('exports', exportsObject);
  scope.declare('module', moduleObject, 'const');
  scope.declare('exports', exportsObject, 'let');
  let importsTf = false;
  try {
    importsTf = bindImports(program, scope, imports);
    hoistVars(program.body, scope);
    ip.execProgram(program.body, scope);
  } catch (e) {
    // A budget spent (or a bug of ours) leaves the module half run: nothing it exports is sure.
    const why = e instanceof BudgetExceeded ? 'it takes more work to follow than an imported module may' : 'ShapeLens could not follow it';
    return { value: empty(why), steps: ctx.steps };
  }
  const snapshot: TsModuleSnapshot = {
    file,
    globals: new Map(),
    exports: new Map(),
    commonJs: null,
    importsTf: importsTf || ctx.sawTfRequire || imports.sawTfModule,
  };
  const freezer = new Freezer((s) => (s === scope ? snapshot : thawedModuleOf(ctx, s)));
  const declared = declarationSpans(program);
  for (const [name, b] of scope.ownBindings()) {
    if (name === 'module' || name === 'exports') continue;
    // An import keeps the origin it came with (data.js's IMAGE_H, imported by model.js).
    const span = declared.get(name);
    snapshot.globals.set(name, { value: freezer.freeze(b.value), origin: b.origin ?? (span ? { name, span } : null) });
  }
  collectExports(program, snapshot, imports);
  const cjs = moduleObject.props.get('exports');
  const assigned = scope.lookup(EXPORT_ASSIGNMENT);
  if (assigned) (snapshot as { commonJs: Frozen | null }).commonJs = freezer.freeze(assigned.value);
  else if (cjs !== exportsObject || exportsObject.props.size > 0 || exportsObject.tainted) {
    const frozen = freezer.freeze(cjs);
    if (typeof frozen === 'object' && frozen !== null && 'tag' in frozen && frozen.tag === 'frozen-object') {
      for (const [k, s] of commonJsAssignments(program)) if (!frozen.spans.has(k)) frozen.spans.set(k, s);
    }
    (snapshot as { commonJs: Frozen | null }).commonJs = frozen;
  }
  return { value: snapshot, steps: ctx.steps };
}

/** The module's ES exports: its own first, then `export *` (which never overrides a name). */
function collectExports(program: TSESTree.Program, m: TsModuleSnapshot, imports: TsModuleImports): void {
  const global = (name: string): FrozenExport => {
    const g = m.globals.get(name);
    return g ? { value: g.value, origin: g.origin?.span ?? null } : { value: unknown(`\`${name}\` is not defined in the module`), origin: null };
  };
  const from = (source: string, name: string): FrozenExport => {
    if (isTfModule(source)) return tfExport(name);
    const other = imports.module(source);
    return isUnknown(other) ? { value: other, origin: null } : exportOf(other, name, source);
  };
  const stars: TSESTree.ExportAllDeclaration[] = [];
  for (const stmt of program.body) {
    if (stmt.type === 'ExportNamedDeclaration') {
      if (stmt.exportKind === 'type') continue;
      if (stmt.declaration) {
        for (const { name } of declaredNames(stmt.declaration)) m.exports.set(name, global(name));
        continue;
      }
      for (const spec of stmt.specifiers) {
        if (spec.exportKind === 'type') continue;
        const local = exportedName(spec.local);
        m.exports.set(exportedName(spec.exported), stmt.source ? from(stmt.source.value, local) : global(local));
      }
    } else if (stmt.type === 'ExportDefaultDeclaration') {
      const d = stmt.declaration;
      const named = (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id ? d.id.name : null;
      m.exports.set('default', global(named ?? DEFAULT_EXPORT));
    } else if (stmt.type === 'ExportAllDeclaration') {
      if (stmt.exportKind === 'type') continue;
      if (stmt.exported) {
        const name = exportedName(stmt.exported);
        const source = stmt.source.value;
        if (isTfModule(source)) m.exports.set(name, tfExport('default'));
        else {
          const other = imports.module(source);
          m.exports.set(name, { value: isUnknown(other) ? other : namespaceOf(other, source), origin: null });
        }
      } else stars.push(stmt);
    }
  }
  for (const stmt of stars) {
    const other = imports.module(stmt.source.value);
    if (isUnknown(other) || other.unreadable) continue;
    for (const [name, e] of other.exports) if (name !== 'default' && !m.exports.has(name)) m.exports.set(name, e);
  }
}
