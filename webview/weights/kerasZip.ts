// The .keras archive: a zip holding config.json (the model's architecture, as data),
// metadata.json (Keras version, date) and model.weights.h5 (the weights, in the Keras 3 layout
// kerasWeights.ts reads). Only those three entries are extracted, and only when the sizes the
// zip declares are within limits; fflate never writes past a declared size, so a zip that lies
// about its sizes yields a truncated entry (which then fails to parse), not a memory blow-up.
import { unzipSync, type UnzipFileInfo } from 'fflate';

export class KerasZipProblem extends Error {}

export const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ZIP_SIGNATURE.every((x, i) => bytes[i] === x);
}

export interface KerasArchive {
  readonly config: string | null;
  readonly metadata: string | null;
  readonly weights: Uint8Array;
}

/** Largest config.json / metadata.json read (a big functional model's config is a few MB). */
const MAX_JSON_BYTES = 32 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

const WANTED: Readonly<Record<string, 'config' | 'metadata' | 'weights'>> = {
  'config.json': 'config',
  'metadata.json': 'metadata',
  'model.weights.h5': 'weights',
};

export function readKerasArchive(bytes: Uint8Array, label: string, maxWeightsBytes: number): KerasArchive {
  let entries = 0;
  let problem: string | null = null;
  const accept = (f: UnzipFileInfo): boolean => {
    if (++entries > MAX_ENTRIES && !problem) problem = `${label} has more than ${MAX_ENTRIES.toLocaleString('en-US')} entries; a .keras archive has three`;
    const role = Object.prototype.hasOwnProperty.call(WANTED, f.name) ? WANTED[f.name] : undefined;
    if (!role || problem) return false;
    const limit = role === 'weights' ? maxWeightsBytes : MAX_JSON_BYTES;
    if (f.originalSize > limit) {
      problem = `${label}: ${f.name} is ${(f.originalSize / 1e6).toFixed(0)} MB uncompressed; the panel reads up to ${(limit / 1e6).toFixed(0)} MB`;
      return false;
    }
    if (f.compression !== 0 && f.compression !== 8) {
      problem = `${label}: ${f.name} uses zip compression method ${f.compression}; only stored and deflated entries are read`;
      return false;
    }
    return true;
  };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: accept });
  } catch (e) {
    throw new KerasZipProblem(`${label} is not a readable zip archive (${e instanceof Error ? e.message : String(e)}); is it truncated?`);
  }
  if (problem) throw new KerasZipProblem(problem);
  const weights = files['model.weights.h5'];
  if (!weights) throw new KerasZipProblem(`${label} has no model.weights.h5; is it a Keras 3 .keras file?`);
  const text = (b: Uint8Array | undefined): string | null => (b ? new TextDecoder('utf-8', { fatal: false }).decode(b) : null);
  return { config: text(files['config.json']), metadata: text(files['metadata.json']), weights };
}
