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
  const source = fs.readFileSync(absolute, 'utf8');
  const loader = /\.tsx?$/.test(absolute) ? 'ts' : 'js';
  const { code } = transformSync(source, {
    loader,
    format: 'cjs',
    sourcemap: 'inline',
    sourcefile: absolute,
    target: 'node20',
  });
  const compiledPath = tempFileFor(absolute);
  fs.writeFileSync(compiledPath, code);

  const recording = createRecording();
  const ModuleClass = Module as unknown as new (id: string) => CompilableModule;
  const compiled = new ModuleClass(compiledPath);
  compiled.filename = compiledPath;
  compiled.paths = [];
  compiled.require = (id: string) => {
    if (TF_PACKAGE_NAMES.includes(id)) return recording.module;
    throw new Error(`fixture ${fixturePath} requires '${id}', which the oracle does not provide`);
  };

  process.setSourceMapsEnabled(true);
  const previousLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 200;
  try {
    compiled._compile(code, compiledPath);
    return { models: recording.models, error: null, throwSite: null };
  } catch (error) {
    return { models: recording.models, error, throwSite: findThrowSite(error, absolute) };
  } finally {
    Error.stackTraceLimit = previousLimit;
  }
}

/** What TF.js says about one layer, in the terms of our JSON report. */
export interface OracleLayer {
  readonly className: string;
  readonly outputShape: unknown;
  readonly params: number;
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

export function describeModel(model: tf.LayersModel): OracleModel {
  const kind = model instanceof tf.Sequential ? 'sequential' : 'functional';
  return {
    kind,
    layers: model.layers.map((layer) => ({
      className: layer.getClassName(),
      outputShape: layer.outputShape,
      params: layer.countParams(),
    })),
    totalParams: model.countParams(),
    trainableParams: weightCount(model.trainableWeights),
  };
}
