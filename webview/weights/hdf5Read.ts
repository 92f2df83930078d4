// Careful reading of an HDF5 file with jsfive: every object the file names is checked before it
// is read (what it is, its type, its declared size against a budget), so a corrupt or hostile
// file ends in an Hdf5Problem with a sentence, never in a huge allocation. Keras writes weights
// uncompressed; compressed (filtered) datasets are refused, because a few compressed bytes can
// claim gigabytes. What remains unbounded (the CPU time of a crafted B-tree) is why this runs
// in a worker with a time limit (kerasWorkerClient.ts).
import * as hdf5 from 'jsfive';

export class Hdf5Problem extends Error {}

export const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

export function isHdf5(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && HDF5_SIGNATURE.every((x, i) => bytes[i] === x);
}

/** How much one file may make us read. */
export interface ReadBudget {
  /** Float values left to read (all datasets together). */
  elements: number;
  /** Groups and datasets left to open. */
  objects: number;
}

export type H5Group = hdf5.Group;
export type H5Dataset = hdf5.Dataset;

/** jsfive throws strings as often as Errors. */
function reason(e: unknown): string {
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : String(e);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * The file size the superblock records (its end-of-file address), or null when the superblock
 * is not one we know. HDF5 keeps metadata at the end of a file too, so a truncated file can
 * still parse; comparing sizes catches that. Offsets per the HDF5 format spec, 8-byte addresses.
 */
export function declaredHdf5Size(bytes: Uint8Array): number | null {
  const version = bytes[8];
  const at = version === 0 ? 40 : version === 1 ? 44 : version === 2 || version === 3 ? 28 : -1;
  const sizeOfOffsets = version === 0 || version === 1 ? bytes[13] : bytes[9];
  if (at < 0 || sizeOfOffsets !== 8 || bytes.length < at + 8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eof = Number(view.getBigUint64(at, true));
  return Number.isSafeInteger(eof) ? eof : null;
}

export function openHdf5(bytes: Uint8Array, label: string): hdf5.File {
  if (!isHdf5(bytes)) throw new Hdf5Problem(`${label} is not an HDF5 file (no HDF5 signature at its start)`);
  const declared = declaredHdf5Size(bytes);
  if (declared !== null && declared > bytes.length) {
    throw new Hdf5Problem(`${label} is truncated: its header says ${declared.toLocaleString('en-US')} bytes, the file has ${bytes.length.toLocaleString('en-US')}`);
  }
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
  try {
    return new hdf5.File(buffer, label);
  } catch (e) {
    throw new Hdf5Problem(`${label} is a corrupt or truncated HDF5 file (${reason(e)})`);
  }
}

function spend(budget: ReadBudget, label: string): void {
  if (--budget.objects < 0) throw new Hdf5Problem(`${label} holds more groups and datasets than the panel reads; is it a Keras weights file?`);
}

/** The object at `path` under `group`, or null when there is none; a broken link is a problem. */
export function child(group: hdf5.Group, name: string, label: string, budget: ReadBudget): hdf5.Group | hdf5.Dataset | null {
  if (!keySet(group, label).has(name)) return null;
  spend(budget, label);
  try {
    return group.get(name);
  } catch (e) {
    throw new Hdf5Problem(`${label}: '${joinPath(group.name, name)}' is unreadable (${reason(e)})`);
  }
}

export function childGroup(group: hdf5.Group, name: string, label: string, budget: ReadBudget): hdf5.Group | null {
  const c = child(group, name, label, budget);
  return c instanceof hdf5.Group ? c : null;
}

const keySets = new WeakMap<hdf5.Group, Set<string>>();

/** The group's link names as a set, made once per group (a group can hold 100,000 layers). */
function keySet(group: hdf5.Group, label: string): Set<string> {
  let set = keySets.get(group);
  if (!set) {
    set = new Set(keysOf(group, label));
    keySets.set(group, set);
  }
  return set;
}

export function keysOf(group: hdf5.Group, label: string): string[] {
  try {
    const keys = group.keys;
    return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
  } catch (e) {
    throw new Hdf5Problem(`${label}: the group '${group.name}' is unreadable (${reason(e)})`);
  }
}

export function isGroup(v: unknown): v is hdf5.Group {
  return v instanceof hdf5.Group;
}
export function isDataset(v: unknown): v is hdf5.Dataset {
  return v instanceof hdf5.Dataset;
}

function joinPath(base: string, name: string): string {
  return `${base.replace(/\/$/, '')}/${name}`.replace(/^\/+/, '');
}

/** An attribute, own property only (jsfive collects attributes into a plain object). */
export function attribute(obj: hdf5.Group | hdf5.Dataset, name: string, label: string): unknown {
  let attrs: Record<string, unknown>;
  try {
    attrs = obj.attrs;
  } catch (e) {
    throw new Hdf5Problem(`${label}: the attributes of '${obj.name}' are unreadable (${reason(e)})`);
  }
  return Object.prototype.hasOwnProperty.call(attrs, name) ? attrs[name] : undefined;
}

/** A string-list attribute ('layer_names', 'weight_names'); an empty HDF5 array reads as []. */
export function stringListAttribute(obj: hdf5.Group, name: string, label: string): string[] | null {
  const v = attribute(obj, name, label);
  if (v === undefined) return null;
  const list = typeof v === 'string' ? [v] : Array.isArray(v) || ArrayBuffer.isView(v) ? Array.from(v as ArrayLike<unknown>) : null;
  if (!list) throw new Hdf5Problem(`${label}: the '${name}' attribute of '${obj.name}' is not a list of names`);
  if (list.length === 0) return [];
  if (!list.every((s): s is string => typeof s === 'string')) throw new Hdf5Problem(`${label}: the '${name}' attribute of '${obj.name}' is not a list of strings`);
  return list;
}

/** numpy-style type strings jsfive decodes as numbers: floats and integers, either byte order. */
const NUMERIC_DTYPE = /^[<>=|]?(f[248]|[iu][1248])$/;

interface FilteredInternals {
  readonly _dataobjects?: { readonly filter_pipeline?: unknown };
}

/**
 * Whether the dataset passes through HDF5 filters (compression, shuffle, checksums). jsfive
 * exposes this only on its internal data-object record; when that is absent we cannot tell and
 * say no (the size checks still hold the read to the declared shape).
 */
function isFiltered(d: hdf5.Dataset): boolean {
  const pipeline = (d as unknown as FilteredInternals)._dataobjects?.filter_pipeline;
  return Array.isArray(pipeline) && pipeline.length > 0;
}

/** The declared shape: non-negative safe integers (a scalar is []). */
export function shapeOf(d: hdf5.Dataset, label: string): number[] {
  let shape: unknown;
  try {
    shape = d.shape;
  } catch (e) {
    throw new Hdf5Problem(`${label}: the shape of '${d.name}' is unreadable (${reason(e)})`);
  }
  if (!Array.isArray(shape) || shape.length > 8 || !shape.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new Hdf5Problem(`${label}: '${d.name}' declares an invalid shape`);
  }
  return shape as number[];
}

/** Reads a numeric dataset as float32, after checking its type, its size against the budget and that it is unfiltered. */
export function readFloats(d: hdf5.Dataset, label: string, budget: ReadBudget): { shape: number[]; data: Float32Array } {
  const shape = shapeOf(d, label);
  let dtype: unknown;
  try {
    dtype = d.dtype;
  } catch (e) {
    throw new Hdf5Problem(`${label}: the type of '${d.name}' is unreadable (${reason(e)})`);
  }
  if (typeof dtype !== 'string' || !NUMERIC_DTYPE.test(dtype)) {
    throw new Hdf5Problem(`${label}: '${d.name}' holds ${typeof dtype === 'string' ? `'${dtype}'` : 'non-numeric'} data, not numbers`);
  }
  let count = 1;
  for (const n of shape) count *= n;
  if (count > budget.elements) {
    throw new Hdf5Problem(`${label}: '${d.name}' declares ${count.toLocaleString('en-US')} values, more than the panel reads from one file (${budget.elements.toLocaleString('en-US')} left)`);
  }
  if (isFiltered(d)) throw new Hdf5Problem(`${label}: '${d.name}' is stored compressed (HDF5 filters); Keras writes weights uncompressed and the panel reads only those`);
  budget.elements -= count;
  let value: unknown;
  try {
    value = d.value;
  } catch (e) {
    throw new Hdf5Problem(`${label}: the data of '${d.name}' is corrupt or truncated (${reason(e)})`);
  }
  // A scalar may read as a bare number.
  const values = typeof value === 'number' ? [value] : value;
  if (!(Array.isArray(values) || ArrayBuffer.isView(values)) || (values as ArrayLike<unknown>).length !== count) {
    throw new Hdf5Problem(`${label}: '${d.name}' declares ${count.toLocaleString('en-US')} values but its data reads otherwise`);
  }
  const data = new Float32Array(count);
  const src = values as ArrayLike<unknown>;
  for (let i = 0; i < count; i++) {
    const v = src[i];
    // An unwritten contiguous dataset reads as holes; Keras never leaves one, so say so.
    if (typeof v !== 'number') throw new Hdf5Problem(`${label}: '${d.name}' has no data for value ${i}`);
    data[i] = v;
  }
  return { shape, data };
}
