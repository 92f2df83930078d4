// `x[i]` and `x[a:b:c]` on the values we model, with Python's rules: negative indices count
// from the end, slices clamp, an index out of range is an IndexError at run time (Unknown
// here, never a guess).
import { isUnknown, unknown } from '../../types';
import { dictGet, isFloat, isObject, makeList, makeTuple, numericValue, rangeLength, tensorObj, type PySlice, type PyVal } from './values';

function intIndex(v: PyVal): number | undefined {
  if (isFloat(v)) return undefined;
  const n = numericValue(v);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/** The indices a slice selects from a sequence of `length`, or null when not known. */
export function sliceIndices(s: PySlice, length: number): number[] | null {
  const opt = (v: PyVal): number | null | undefined => (v === null ? null : intIndex(v));
  const step = opt(s.step) ?? 1;
  const startRaw = opt(s.start);
  const stopRaw = opt(s.stop);
  if (startRaw === undefined || stopRaw === undefined || opt(s.step) === undefined || step === 0) return null;
  const clamp = (i: number, lo: number, hi: number): number => Math.min(Math.max(i, lo), hi);
  const norm = (i: number): number => (i < 0 ? i + length : i);
  let start: number;
  let stop: number;
  if (step > 0) {
    start = startRaw === null ? 0 : clamp(norm(startRaw), 0, length);
    stop = stopRaw === null ? length : clamp(norm(stopRaw), 0, length);
  } else {
    start = startRaw === null ? length - 1 : clamp(norm(startRaw), -1, length - 1);
    stop = stopRaw === null ? -1 : clamp(norm(stopRaw), -1, length - 1);
  }
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

function sequenceItem<T>(items: readonly T[], index: PyVal): T | undefined | null {
  const i = intIndex(index);
  if (i === undefined) return null;
  const j = i < 0 ? i + items.length : i;
  return j >= 0 && j < items.length ? items[j] : undefined;
}

/** `container[index]`. */
export function getItem(container: PyVal, index: PyVal): PyVal {
  if (isUnknown(container)) return container;
  if (isUnknown(index)) {
    return isObject(container) && container.tag === 'tensor' ? tensorObj(null, 'a slice of a tensor') : index;
  }
  if (typeof container === 'string') {
    if (isObject(index) && index.tag === 'slice') {
      const idx = sliceIndices(index, container.length);
      return idx ? idx.map((i) => container[i]).join('') : unknown('a slice with unknown bounds');
    }
    const ch = sequenceItem([...container], index);
    return ch === null || ch === undefined ? unknown('a string index out of range') : ch;
  }
  if (!isObject(container)) return unknown('subscript of this value');
  switch (container.tag) {
    case 'list':
    case 'tuple': {
      if (container.tag === 'list' && container.tainted) return unknown(container.tainted);
      if (isObject(index) && index.tag === 'slice') {
        const idx = sliceIndices(index, container.items.length);
        if (!idx) return unknown('a slice with unknown bounds');
        const items = idx.map((i) => container.items[i]);
        return container.tag === 'list' ? makeList(items) : makeTuple(items);
      }
      const item = sequenceItem(container.items, index);
      if (item === null) return unknown('an index that is not an int');
      return item === undefined ? unknown('an index out of range') : item;
    }
    case 'dict': {
      if (container.tainted) return unknown(container.tainted);
      const v = dictGet(container, index);
      if (v !== undefined) return v;
      return unknown(container.open ?? 'a key that is not in the dict');
    }
    case 'range': {
      const i = intIndex(index);
      const n = rangeLength(container);
      if (i === undefined) return unknown('a range index');
      const j = i < 0 ? i + n : i;
      return j >= 0 && j < n ? container.start + j * container.step : unknown('a range index out of range');
    }
    case 'tensor':
      // Slicing a KerasTensor is a Keras operation we do not model.
      return tensorObj(null, 'a slice of a tensor');
    default:
      return unknown(`subscript of a ${container.tag}`);
  }
}
