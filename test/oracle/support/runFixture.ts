// Runs a fixture file with real TF.js: transpile with esbuild (inline source map, so stack
// frames point at the fixture's own lines), then evaluate it as a CommonJS module whose
// `require` hands out the recording TF.js module.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Module from 'module';
import { transformSync } from 'esbuild';
import * as tf from '@tensorflow/tfjs';
import { createRecording, TF_PACKAGE_NAMES } from './recordingTf';

export interface FixtureRun {
  readonly models: tf.LayersModel[];
  /** What the fixture threw, if anything. */
  readonly error: unknown;
  /** 1-based position in the fixture of the first stack frame inside it, when it threw. */
  readonly throwSite: { line: number; column: number } | null;
}

let tempDir: string | null = null;
let tempCounter = 0;

function tempFileFor(fixturePath: string): string {
  tempDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-oracle-'));
  tempCounter++;
  return path.join(tempDir, `${tempCounter}-${path.basename(fixturePath).replace(/\.[^.]+$/, '')}.js`);
}

/** Removes the transpiled copies (call once, after all runs). */
export function removeTranspiledFixtures(): void {
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  tempDir = null;
}

/** Internal Node API; typed here because @types/node does not declare it. */
interface CompilableModule {
  filename: string;
  paths: string[];
  require: (id: string) => unknown;
  _compile(code: string, filename: string): void;
}

/** The first stack frame that points into `fixturePath` (after source mapping). */
export function findThrowSite(error: unknown, fixturePath: string): { line: number; column: number } | null {
  const stack = error instanceof Error ? error.stack ?? '' : '';
  const escaped = fixturePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const frame = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  return frame ? { line: Number(frame[1]), column: Number(frame[2]) } : null;
}

export function runFixture(fixturePath: string): FixtureRun {
  const absolute = path.resolve(fixturePath);
  return runFixtureSource(fs.readFileSync(absolute, 'utf8'), absolute);
}

/**
 * Runs `source` as if it were the file at `absolute` (its name in stack frames and the throw
 * site): for variants of a fixture that exist only in memory.
 */
export function runFixtureSource(source: string, absolute: string): FixtureRun {
  return runCompiled(source, absolute, null);
}

/** Transpiles `source` (the file at `absolute`) to a CommonJS module, not yet run. */
function compileModule(source: string, absolute: string): { module: CompilableModule; code: string; compiledPath: string } {
  const loader = /\.tsx?$/.test(absolute) ? 'ts' : /\.jsx$/.test(absolute) ? 'jsx' : 'js';
  const { code } = transformSync(source, {
    loader,
    format: 'cjs',
    sourcemap: 'inline',
    sourcefile: absolute,
    target: 'node20',
  });
  const compiledPath = tempFileFor(absolute);
  fs.writeFileSync(compiledPath, code);
  const ModuleClass = Module as unknown as new (id: string) => CompilableModule;
  const compiled = new ModuleClass(compiledPath);
  compiled.filename = compiledPath;
  compiled.paths = [];
  return { module: compiled, code, compiledPath };
}

/** Extensions Node-style resolution tries for `./data` in a project (the analyzer's list). */
const PROJECT_EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'];

/** The file a relative specifier names inside `root`, as Node and TypeScript resolve it. */
function resolveInProject(fromFile: string, id: string, root: string): string {
  const target = path.resolve(path.dirname(fromFile), id);
  const withJsSource = /\.js$/.test(target) ? [target.replace(/\.js$/, '.ts')] : [];
  const candidates = [target, ...withJsSource, ...PROJECT_EXTENSIONS.map((e) => target + e), ...PROJECT_EXTENSIONS.map((e) => path.join(target, `index${e}`))];
  for (const c of candidates) {
    if (!fs.existsSync(c) || !fs.statSync(c).isFile()) continue;
    if (path.relative(root, c).startsWith('..')) throw new Error(`'${id}' from ${fromFile} leaves the project ${root}`);
    return c;
  }
  throw new Error(`'${id}' from ${fromFile}: no such file in the project`);
}

/**
 * Runs a project's entry file with real TF.js: its relative imports and requires load the
 * project's own files (each transpiled with esbuild, each loaded once), TF.js is the
 * recording module. Only the models the entry builds are reported (one a required file builds
 * at its own top level is that file's), as the analyzer reports a file's models.
 */
export function runProjectFile(entry: string, root: string): FixtureRun {
  const absolute = path.resolve(entry);
  return runCompiled(fs.readFileSync(absolute, 'utf8'), absolute, path.resolve(root));
}

function runCompiled(source: string, absolute: string, projectRoot: string | null): FixtureRun {
  const recording = createRecording();
  const { module: compiled, code, compiledPath } = compileModule(source, absolute);
  const loaded = new Map<string, unknown>();
  /** Models built while a required file's top level ran: not the entry's. */
  const notTheEntry = new Set<tf.LayersModel>();
  const requireFrom = (fromFile: string) => (id: string): unknown => {
    if (TF_PACKAGE_NAMES.includes(id)) return recording.module;
    if (projectRoot === null || !id.startsWith('.')) throw new Error(`fixture ${absolute} requires '${id}', which the oracle does not provide`);
    const file = resolveInProject(fromFile, id, projectRoot);
    if (loaded.has(file)) return loaded.get(file);
    const dep = compileModule(fs.readFileSync(file, 'utf8'), file);
    dep.module.require = requireFrom(file);
    loaded.set(file, (dep.module as unknown as { exports: unknown }).exports);
    const before = recording.models.length;
    dep.module._compile(dep.code, dep.compiledPath);
    for (const m of recording.models.slice(before)) notTheEntry.add(m);
    const exports = (dep.module as unknown as { exports: unknown }).exports;
    loaded.set(file, exports);
    return exports;
  };
  compiled.require = requireFrom(absolute);
  const entryModels = (): tf.LayersModel[] => recording.models.filter((m) => !notTheEntry.has(m));

  process.setSourceMapsEnabled(true);
  const previousLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 200;
  // A page that loads TF.js with a <script> tag sees it as the global `tf`: so does the fixture
  // (one that imports or requires `tf` shadows it).
  const global = globalThis as { tf?: unknown };
  const previousTf = global.tf;
  global.tf = recording.module;
  try {
    compiled._compile(code, compiledPath);
    return { models: entryModels(), error: null, throwSite: null };
  } catch (error) {
    return { models: entryModels(), error, throwSite: findThrowSite(error, absolute) };
  } finally {
    Error.stackTraceLimit = previousLimit;
    if (previousTf === undefined) delete global.tf;
    else global.tf = previousTf;
  }
}

/** What TF.js says about one layer, in the terms of our JSON report. */
export interface OracleLayer {
  readonly className: string;
  readonly outputShape: unknown;
  readonly params: number;
  /** How many times the layer was applied (its inbound nodes): 2 for a siamese tower's shared encoder. */
  readonly applications?: number;
}

export interface OracleModel {
  readonly kind: 'sequential' | 'functional';
  readonly layers: OracleLayer[];
  readonly totalParams: number;
  readonly trainableParams: number;
}

function weightCount(weights: readonly tf.LayerVariable[]): number {
  // Weight shapes are always fully known; the Shape type merely allows null dimensions.
  return weights.reduce((sum, w) => sum + w.shape.reduce((product: number, d) => product * (d ?? Number.NaN), 1), 0);
}

function firstOutputShape(output: tf.SymbolicTensor | tf.SymbolicTensor[]): unknown {
  return Array.isArray(output) ? output.map((t) => t.shape) : output.shape;
}

export function describeModel(model: tf.LayersModel): OracleModel {
  const kind = model instanceof tf.Sequential ? 'sequential' : 'functional';
  return {
    kind,
    layers: model.layers.map((layer) => ({
      className: layer.getClassName(),
      // A layer applied several times has no single output shape (TF.js throws): its first node's.
      outputShape: layer.inboundNodes.length > 1 ? firstOutputShape(layer.getOutputAt(0)) : layer.outputShape,
      params: layer.countParams(),
      applications: layer.inboundNodes.length,
    })),
    totalParams: model.countParams(),
    trainableParams: weightCount(model.trainableWeights),
  };
}
