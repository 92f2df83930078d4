// What crosses between the panel and the Keras worker: the file's bytes in, the parse out, with
// every Float32Array's buffer transferred rather than copied (a 256 MB file's weights would
// otherwise exist twice). The panel checks what comes back like any other message.
import type { KerasFormat, KerasLimits, KerasParse } from './kerasWeights';
import type { StoredLayer, StoredWeight } from './storedWeights';

export interface KerasWorkerRequest {
  readonly bytes: ArrayBuffer;
  readonly label: string;
  readonly limits?: KerasLimits;
}

export function toWire(parsed: KerasParse): { message: KerasParse; transfer: ArrayBuffer[] } {
  const transfer = new Set<ArrayBuffer>();
  if (parsed.ok) {
    for (const l of parsed.weights.layers) for (const w of l.weights) if (w.data.buffer instanceof ArrayBuffer) transfer.add(w.data.buffer);
  }
  return { message: parsed, transfer: Array.from(transfer) };
}

const FORMATS: readonly KerasFormat[] = ['keras', 'weights.h5', 'legacy-h5'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isWeight(v: unknown): v is StoredWeight {
  return (
    isRecord(v) &&
    typeof v.name === 'string' &&
    (v.role === null || typeof v.role === 'string') &&
    Array.isArray(v.shape) &&
    v.shape.every((d) => Number.isSafeInteger(d) && d >= 0) &&
    v.data instanceof Float32Array &&
    v.data.length === (v.shape as number[]).reduce((a, b) => a * b, 1)
  );
}
function isLayer(v: unknown): v is StoredLayer {
  return isRecord(v) && typeof v.name === 'string' && Array.isArray(v.weights) && v.weights.every(isWeight);
}

/** The worker's answer, checked; anything else becomes a failed parse that says so. */
export function fromWire(v: unknown): KerasParse {
  if (!isRecord(v)) return { ok: false, error: 'the weights reader answered with something that is not a result' };
  if (v.ok === false) return { ok: false, error: typeof v.error === 'string' ? v.error : 'the weights reader failed without a reason' };
  const w = v.weights;
  if (
    v.ok === true &&
    FORMATS.includes(v.format as KerasFormat) &&
    Array.isArray(v.notes) &&
    v.notes.every((n) => typeof n === 'string') &&
    isRecord(w) &&
    typeof w.label === 'string' &&
    typeof w.inModelOrder === 'boolean' &&
    Array.isArray(w.layers) &&
    w.layers.every(isLayer)
  ) {
    return v as unknown as KerasParse;
  }
  return { ok: false, error: 'the weights reader answered with a malformed result' };
}
