// Reads the weights of a TF.js layers model (model.json + its binary shards) into named float32
// arrays, and matches them to the layers the analyzer found. Pure: the panel fetches the bytes
// and passes them in. Format: tfjs-core io (weightsManifest groups; each group's `paths` are
// concatenated, and its weights are laid out back to back in manifest order).

import { matchWeights, type LayerWeightSpec, type MatchResult } from './matchWeights';
import type { NamedWeight, StoredWeight, StoredWeights } from './storedWeights';

export type { NamedWeight };

export type ParseResult =
  | { readonly ok: true; readonly weights: readonly NamedWeight[] }
  | { readonly ok: false; readonly error: string };

interface ManifestEntry {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: string;
  readonly quantization?: { readonly dtype: string; readonly scale?: number; readonly min?: number };
}

const BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function readEntry(v: unknown, where: string): ManifestEntry | string {
  if (!isRecord(v)) return `${where} is not an object`;
  const { name, shape, dtype, quantization } = v;
  if (typeof name !== 'string') return `${where} has no name`;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) return `weight '${name}' has an invalid shape`;
  if (typeof dtype !== 'string') return `weight '${name}' has no dtype`;
  if (quantization !== undefined) {
    if (!isRecord(quantization) || typeof quantization.dtype !== 'string') return `weight '${name}' has invalid quantization`;
    const q = quantization;
    // Affine quantisation (uint8/uint16) needs both; TF.js refuses the weight without them.
    // Number(undefined) would make every value NaN, silently.
    if ((q.dtype === 'uint8' || q.dtype === 'uint16') && !(isFiniteNumber(q.scale) && isFiniteNumber(q.min))) {
      return `weight '${name}' is quantized to ${q.dtype} but its quantization has no finite 'scale' and 'min' (TF.js refuses it too)`;
    }
    return { name, shape: shape as number[], dtype, quantization: { dtype: String(q.dtype), scale: Number(q.scale), min: Number(q.min) } };
  }
  return { name, shape: shape as number[], dtype };
}

/** IEEE half to float. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

function decode(e: ManifestEntry, view: DataView, offset: number, count: number): Float32Array | string {
  const out = new Float32Array(count);
  const q = e.quantization;
  const stored = q ? q.dtype : e.dtype;
  for (let i = 0; i < count; i++) {
    switch (stored) {
      case 'float32': out[i] = view.getFloat32(offset + i * 4, true); break;
      case 'int32': out[i] = view.getInt32(offset + i * 4, true); break;
      case 'bool': out[i] = view.getUint8(offset + i); break;
      case 'float16': out[i] = halfToFloat(view.getUint16(offset + i * 2, true)); break;
      // Affine quantization: value = q * scale + min.
      case 'uint8': out[i] = view.getUint8(offset + i) * (q?.scale ?? 1) + (q?.min ?? 0); break;
      case 'uint16': out[i] = view.getUint16(offset + i * 2, true) * (q?.scale ?? 1) + (q?.min ?? 0); break;
      default: return `weight '${e.name}' has unsupported dtype '${stored}'`;
    }
  }
  return out;
}

function concatBuffers(parts: readonly ArrayBuffer[]): ArrayBuffer {
  const total = parts.reduce((s, p) => s + p.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out.buffer;
}

/**
 * @param modelJson the parsed model.json
 * @param files the weight files by the path written in the manifest (e.g. 'group1-shard1of1.bin')
 */
export function parseTfjsWeights(modelJson: unknown, files: ReadonlyMap<string, ArrayBuffer> | Readonly<Record<string, ArrayBuffer>>): ParseResult {
  const lookup = (p: string): ArrayBuffer | undefined => (files instanceof Map ? files.get(p) : (files as Readonly<Record<string, ArrayBuffer>>)[p]);
  if (!isRecord(modelJson)) return { ok: false, error: 'model.json is not a JSON object' };
  const manifest = modelJson.weightsManifest;
  if (!Array.isArray(manifest)) return { ok: false, error: 'model.json has no weightsManifest array (is it a TF.js layers model?)' };
  const weights: NamedWeight[] = [];
  for (const [gi, group] of manifest.entries()) {
    if (!isRecord(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      return { ok: false, error: `weightsManifest[${gi}] needs 'paths' and 'weights' arrays` };
    }
    const buffers: ArrayBuffer[] = [];
    for (const p of group.paths) {
      const buf = typeof p === 'string' ? lookup(p) : undefined;
      if (!buf) return { ok: false, error: `weight file '${String(p)}' listed in model.json was not provided` };
      buffers.push(buf);
    }
    const view = new DataView(concatBuffers(buffers));
    let offset = 0;
    for (const [wi, raw] of group.weights.entries()) {
      const e = readEntry(raw, `weightsManifest[${gi}].weights[${wi}]`);
      if (typeof e === 'string') return { ok: false, error: e };
      const count = e.shape.reduce((a, b) => a * b, 1);
      const width = BYTES[e.quantization ? e.quantization.dtype : e.dtype];
      if (width === undefined) return { ok: false, error: `weight '${e.name}' has unsupported dtype '${e.quantization?.dtype ?? e.dtype}'` };
      if (offset + count * width > view.byteLength) {
        return { ok: false, error: `weight files of group ${gi} hold ${view.byteLength} bytes, but '${e.name}' needs bytes ${offset}..${offset + count * width}` };
      }
      const data = decode(e, view, offset, count);
      if (typeof data === 'string') return { ok: false, error: data };
      weights.push({ name: e.name, shape: e.shape, data });
      offset += count * width;
    }
    if (offset !== view.byteLength) {
      return { ok: false, error: `weight files of group ${gi} hold ${view.byteLength} bytes, the manifest describes ${offset}` };
    }
  }
  return { ok: true, weights };
}

/** 'sequential_1/conv2d_Conv2D1/kernel' → layer 'conv2d_Conv2D1', role 'kernel'. */
function splitName(name: string): { layer: string; role: string } {
  const parts = name.split('/');
  return { layer: parts.length >= 2 ? parts[parts.length - 2] : '', role: parts[parts.length - 1] };
}

/** model.json weights grouped by layer, in manifest order (which is the model's). */
export function tfjsStoredWeights(weights: readonly NamedWeight[], label = 'model.json'): StoredWeights {
  const byLayer = new Map<string, StoredWeight[]>();
  for (const w of weights) {
    const { layer, role } = splitName(w.name);
    const list = byLayer.get(layer);
    const stored = { ...w, role };
    if (list) list.push(stored);
    else byLayer.set(layer, [stored]);
  }
  return { label, inModelOrder: true, layers: Array.from(byLayer, ([name, ws]) => ({ name, weights: ws })) };
}

/** Matches model.json weights to the code's layers (see matchWeights.ts). */
export function matchWeightsToLayers(layers: readonly LayerWeightSpec[], weights: readonly NamedWeight[]): MatchResult {
  return matchWeights(layers, tfjsStoredWeights(weights));
}
