// Runs keras_weight_files.py in the pinned Keras venv: real Keras 3 saves the classic CNN's
// seeded weights as .keras, .weights.h5 and legacy .h5 into a fresh temporary folder, and
// writes its own outputs of the requested layers on the input tensor we hand it. Without the
// venv this fails, naming the command that makes it (a Keras test never skips silently).
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ENSURE_VENV_COMMAND, REPO_ROOT, VENV_MARKER, VENV_PYTHON } from './kerasOracle';

const SCRIPT = path.join(__dirname, 'keras_weight_files.py');
export const CLASSIC_CNN_EXAMPLE = path.join(REPO_ROOT, 'examples', 'classic_cnn.py');

export type KerasFileKind = 'keras' | 'weights.h5' | 'legacy-h5' | 'renamed' | 'lambda' | 'nested-keras' | 'nested-weights.h5' | 'nested-legacy-h5' | 'compressed' | 'not-keras';

export interface KerasWeightFiles {
  readonly dir: string;
  readonly files: Readonly<Record<KerasFileKind, string>>;
  /** Keras's output per requested layer: NHWC float32 with its shape. */
  readonly outputs: Readonly<Record<string, { readonly shape: readonly number[]; readonly data: Float32Array }>>;
  readonly layerNames: readonly string[];
  readonly versions: Readonly<Record<string, string>>;
}

interface ScriptAnswer {
  files: Record<KerasFileKind, string>;
  outputs: Record<string, { path: string; shape: number[] }>;
  layerNames: string[];
  versions: Record<string, string>;
}

/**
 * @param input the input tensor, HWC float32 (the panel's, for the comparison to mean anything)
 * @param layers Keras layer names whose outputs to compute
 */
export function makeKerasWeightFiles(input: { height: number; width: number; channels: number; data: Float32Array }, layers: readonly string[]): KerasWeightFiles {
  if (!existsSync(VENV_MARKER)) throw new Error(`the Keras venv is missing (${VENV_MARKER}); run \`${ENSURE_VENV_COMMAND}\``);
  const dir = mkdtempSync(path.join(tmpdir(), 'shapelens-keras-weights-'));
  const inputPath = path.join(dir, 'input.f32');
  writeFileSync(inputPath, Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength));
  const run = spawnSync(
    VENV_PYTHON,
    [SCRIPT, '--example', CLASSIC_CNN_EXAMPLE, '--out', dir, '--input', inputPath, '--shape', `${input.height},${input.width},${input.channels}`, '--layers', layers.join(',')],
    { encoding: 'utf8', env: { ...process.env, KERAS_BACKEND: 'numpy', PYTHONHASHSEED: '0' }, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`keras_weight_files.py failed (status ${run.status}): ${run.error?.message ?? ''}\n${run.stderr.slice(-3000)}`);
  const answer = JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as ScriptAnswer;
  const outputs: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const [name, o] of Object.entries(answer.outputs)) {
    const bytes = readFileSync(o.path);
    outputs[name] = { shape: o.shape, data: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) };
  }
  return { dir, files: answer.files, outputs, layerNames: answer.layerNames, versions: answer.versions };
}
