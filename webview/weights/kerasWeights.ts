// Keras weight files → StoredWeights, for the one matcher every format shares. Three formats,
// told apart by their bytes, not their names:
// - `.keras` (Keras 3): a zip (kerasZip.ts) whose model.weights.h5 has the layout below, and
//   whose config.json gives the model's layer order;
// - `.weights.h5` (Keras 3 `save_weights`): HDF5 with `layers/<name>/vars/<i>`, one dataset per
//   variable numbered in creation order (kernel, bias; gamma, beta, moving_mean, ...);
// - legacy `.h5` (`model.save('x.h5')`, Keras 2 `save_weights`): HDF5 whose `model_weights`
//   group (or the root) lists `layer_names`, each layer group listing its `weight_names`.
// Nothing in a file is ever run: config.json is parsed as JSON and only layer names are read
// from it (a Lambda's code is a string we never look at).
import { Hdf5Problem, attribute, child, childGroup, isDataset, isGroup, isHdf5, keysOf, openHdf5, readFloats, stringListAttribute, type H5Group, type ReadBudget } from './hdf5Read';
import { KerasZipProblem, isZip, readKerasArchive } from './kerasZip';
import type { StoredLayer, StoredWeight, StoredWeights } from './storedWeights';

export type KerasFormat = 'keras' | 'weights.h5' | 'legacy-h5';

export type KerasParse =
  | { readonly ok: true; readonly format: KerasFormat; readonly weights: StoredWeights; readonly notes: readonly string[] }
  | { readonly ok: false; readonly error: string };

export interface KerasLimits {
  /** Largest file (and largest model.weights.h5 inside a .keras), in bytes. */
  readonly maxBytes: number;
  /** Most float values read from one file. */
  readonly maxElements: number;
  /** Most HDF5 groups and datasets opened. */
  readonly maxObjects: number;
}

export const DEFAULT_KERAS_LIMITS: KerasLimits = { maxBytes: 256 * 1024 * 1024, maxElements: 64 * 1024 * 1024, maxObjects: 100_000 };

/** Nested models deeper than this are not followed (a hostile file can nest without end). */
const MAX_DEPTH = 16;

export function parseKerasWeights(bytes: Uint8Array, label: string, limits: KerasLimits = DEFAULT_KERAS_LIMITS): KerasParse {
  if (bytes.length > limits.maxBytes) return { ok: false, error: `${label} is ${(bytes.length / 1e6).toFixed(0)} MB; the panel reads weight files up to ${(limits.maxBytes / 1e6).toFixed(0)} MB` };
  const budget: ReadBudget = { elements: limits.maxElements, objects: limits.maxObjects };
  try {
    if (isZip(bytes)) return readKerasFile(bytes, label, limits, budget);
    if (isHdf5(bytes)) {
      const root = openHdf5(bytes, label);
      const kind = hdf5Layout(root, label);
      if (kind === 'weights.h5') return { ok: true, format: kind, weights: readV3(root, label, budget, null), notes: [] };
      return { ok: true, format: kind, weights: readLegacy(root, label, budget), notes: [] };
    }
    return { ok: false, error: `${label} is neither a .keras archive (zip) nor an HDF5 file; it may be corrupt or another format` };
  } catch (e) {
    if (e instanceof Hdf5Problem || e instanceof KerasZipProblem) return { ok: false, error: e.message };
    // A bug or a limit of jsfive we did not anticipate: still a sentence, never a crash.
    return { ok: false, error: `${label} could not be read (${e instanceof Error ? `${e.name}: ${e.message}` : String(e)})` };
  }
}

function hdf5Layout(root: H5Group, label: string): 'weights.h5' | 'legacy-h5' {
  const keys = keysOf(root, label);
  if (keys.includes('model_weights') || attribute(root, 'layer_names', label) !== undefined) return 'legacy-h5';
  if (keys.includes('layers')) return 'weights.h5';
  throw new Hdf5Problem(`${label} is an HDF5 file but not Keras weights: it has neither a 'layers' group (Keras 3) nor 'model_weights' / 'layer_names' (legacy Keras .h5)`);
}

function readKerasFile(bytes: Uint8Array, label: string, limits: KerasLimits, budget: ReadBudget): KerasParse {
  const archive = readKerasArchive(bytes, label, limits.maxBytes);
  const notes: string[] = [];
  let order: string[] | null = null;
  if (archive.config === null) notes.push(`${label} has no config.json; layers are matched by name, then by shape`);
  else {
    try {
      order = configLayerOrder(JSON.parse(archive.config) as unknown);
    } catch (e) {
      notes.push(`${label}: config.json is not valid JSON (${(e as Error).message}); layers are matched by name, then by shape`);
    }
  }
  const version = keras3Version(archive.metadata);
  if (version && !version.startsWith('3.')) notes.push(`${label} was saved by Keras ${version}; the panel reads the Keras 3 layout`);
  const inner = `${label} (model.weights.h5)`;
  const root = openHdf5(archive.weights, inner);
  if (!keysOf(root, inner).includes('layers')) throw new Hdf5Problem(`${inner} has no 'layers' group; is ${label} a Keras 3 .keras file?`);
  const weights = readV3(root, inner, budget, order);
  return { ok: true, format: 'keras', weights: { ...weights, label }, notes };
}

function keras3Version(metadata: string | null): string | null {
  if (metadata === null) return null;
  try {
    const m = JSON.parse(metadata) as unknown;
    return typeof m === 'object' && m !== null && typeof (m as { keras_version?: unknown }).keras_version === 'string' ? (m as { keras_version: string }).keras_version : null;
  } catch {
    return null;
  }
}

/**
 * Layer names in model order from a Keras 3 config: `{class_name, config: {layers: [{class_name,
 * config: {name}}...]}}` for Sequential and Functional, nested models inlined where they stand.
 */
export function configLayerOrder(config: unknown): string[] | null {
  const names: string[] = [];
  const visit = (node: unknown, depth: number): boolean => {
    if (depth > MAX_DEPTH || typeof node !== 'object' || node === null) return false;
    const inner = (node as { config?: unknown }).config;
    if (typeof inner !== 'object' || inner === null) return false;
    const layers = (inner as { layers?: unknown }).layers;
    if (!Array.isArray(layers)) return false;
    for (const l of layers) {
      const c = typeof l === 'object' && l !== null ? (l as { config?: unknown }).config : undefined;
      const name = typeof c === 'object' && c !== null ? (c as { name?: unknown }).name : undefined;
      if (typeof name === 'string') names.push(name);
      visit(l, depth + 1);
    }
    return true;
  };
  return visit(config, 0) ? names : null;
}

/** 'conv2d_2' before 'conv2d_10': the order Keras's auto-names were handed out. */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * Keras 3 layout: `layers/<name>/vars/<i>`; a nested model nests `layers/<name>/layers/...`.
 * The layer's own name is the `vars` group's `name` attribute (the group key can differ).
 */
function readV3(root: H5Group, label: string, budget: ReadBudget, order: readonly string[] | null): StoredWeights {
  const layers: StoredLayer[] = [];
  const walk = (group: H5Group, path: string, depth: number): void => {
    if (depth > MAX_DEPTH) throw new Hdf5Problem(`${label}: models nested deeper than ${MAX_DEPTH} levels at '${path}'`);
    for (const key of keysOf(group, label)) {
      if (key === '.' || key === '..') continue;
      const layerGroup = childGroup(group, key, label, budget);
      if (!layerGroup) continue;
      const here = `${path}/${key}`;
      const vars = childGroup(layerGroup, 'vars', label, budget);
      if (vars) {
        const named = attribute(vars, 'name', label);
        layers.push({ name: typeof named === 'string' ? named : key, weights: numberedVars(vars, `${here}/vars`, label, budget) });
      }
      const nested = childGroup(layerGroup, 'layers', label, budget);
      if (nested) walk(nested, `${here}/layers`, depth + 1);
    }
  };
  const top = childGroup(root, 'layers', label, budget);
  if (!top) throw new Hdf5Problem(`${label} has no 'layers' group`);
  walk(top, 'layers', 0);
  if (!order) return { label, layers: [...layers].sort((a, b) => naturalCompare(a.name, b.name)), inModelOrder: false };
  const rank = new Map<string, number>();
  order.forEach((n, i) => {
    if (!rank.has(n)) rank.set(n, i);
  });
  const known = layers.every((l) => rank.has(l.name));
  const sorted = [...layers].sort((a, b) => (rank.get(a.name) ?? Infinity) - (rank.get(b.name) ?? Infinity) || naturalCompare(a.name, b.name));
  return { label, layers: sorted, inModelOrder: known };
}

function numberedVars(vars: H5Group, path: string, label: string, budget: ReadBudget): StoredWeight[] {
  const keys = keysOf(vars, label).filter((k) => /^\d+$/.test(k));
  keys.sort((a, b) => Number(a) - Number(b));
  const out: StoredWeight[] = [];
  keys.forEach((k, i) => {
    if (Number(k) !== i) throw new Hdf5Problem(`${label}: '${path}' numbers its variables ${keys.join(', ')}; variable ${i} is missing`);
    const d = child(vars, k, label, budget);
    if (!isDataset(d)) throw new Hdf5Problem(`${label}: '${path}/${k}' is not a dataset`);
    const { shape, data } = readFloats(d, label, budget);
    out.push({ name: `${path}/${k}`, role: null, shape, data });
  });
  return out;
}

/**
 * Legacy layout: `layer_names` in model order on `model_weights` (a whole-model save) or on the
 * root (Keras 2 `save_weights`); each layer group's `weight_names` in the layer's weight order,
 * each naming a dataset path inside that group ('sequential/conv2d/kernel', 'conv2d/kernel:0').
 */
function readLegacy(root: H5Group, label: string, budget: ReadBudget): StoredWeights {
  const holder = keysOf(root, label).includes('model_weights') ? childGroup(root, 'model_weights', label, budget) : root;
  if (!holder) throw new Hdf5Problem(`${label}: 'model_weights' is not a group`);
  const names = stringListAttribute(holder, 'layer_names', label);
  if (names === null) throw new Hdf5Problem(`${label}: '${holder.name}' has no 'layer_names' attribute; is it a Keras .h5 file?`);
  const layers: StoredLayer[] = [];
  for (const name of names) {
    const g = childGroup(holder, name, label, budget);
    if (!g) throw new Hdf5Problem(`${label} lists layer '${name}' in layer_names but has no group for it`);
    const weightNames = stringListAttribute(g, 'weight_names', label) ?? [];
    // A nested model's group holds its layers' weights ('backbone/inner_conv/kernel'): split
    // them by the layer each path names, keeping the order.
    const owned: { owner: string; weights: StoredWeight[] }[] = [];
    for (const wn of weightNames) {
      const d = datasetAt(g, wn, label, budget);
      const { shape, data } = readFloats(d, label, budget);
      const owner = ownerOf(wn, name);
      const last = owned[owned.length - 1];
      const weight = { name: wn, role: null, shape, data };
      if (last?.owner === owner) last.weights.push(weight);
      else owned.push({ owner, weights: [weight] });
    }
    if (owned.length === 0) layers.push({ name, weights: [] });
    for (const o of owned) layers.push({ name: o.owner, weights: o.weights });
  }
  return { label, layers, inModelOrder: true };
}

/** The layer a legacy weight path belongs to: the segment before the variable ('seq/conv2d/kernel:0' → 'conv2d'). */
function ownerOf(weightName: string, group: string): string {
  const parts = weightName.split('/').filter(Boolean);
  return parts.length >= 2 ? parts[parts.length - 2] : group;
}

/** A dataset at a relative path ('sequential/conv2d/kernel'), one checked step at a time. */
function datasetAt(group: H5Group, path: string, label: string, budget: ReadBudget) {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.length > MAX_DEPTH || parts.includes('..')) throw new Hdf5Problem(`${label}: weight name '${path}' is not a path inside its layer group`);
  let at: unknown = group;
  for (const p of parts) at = isGroup(at) ? child(at, p, label, budget) : null;
  if (!isDataset(at)) throw new Hdf5Problem(`${label}: weight '${path}' listed in weight_names of '${group.name}' is missing`);
  return at;
}
