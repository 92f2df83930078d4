// Pairs the layers of a trained-weights file (any format, as StoredWeights) with the layers the
// analyzer found, and says what did not fit. By layer name first; the code's layers left over
// then take, in model order, the next unused layer of the file whose weights have their shapes
// (a model saved with other auto-generated names still matches). A layer is matched only when
// every weight it declares is found with the declared shape; everything else becomes a message
// naming the layer, so the panel never guesses silently.
import { countNonFinite, describeNonFinite } from './nonFinite';
import type { NamedWeight, StoredLayer, StoredWeight, StoredWeights } from './storedWeights';

/** What the panel needs for one layer: its name and the weights it expects, by role. */
export interface LayerWeightSpec {
  readonly layerName: string;
  /** Role as TF.js names the variable, in Keras's creation order: 'kernel', 'bias'; 'gamma', 'beta', 'moving_mean'... */
  readonly weights: ReadonlyArray<{ readonly role: string; readonly shape: readonly number[] }>;
}

export interface WeightMessage {
  readonly severity: 'error' | 'warning' | 'info';
  readonly layerName?: string;
  readonly message: string;
}

export interface MatchResult {
  /** layer name → role → weight, only for layers whose every weight matched. */
  readonly matched: ReadonlyMap<string, ReadonlyMap<string, NamedWeight>>;
  readonly messages: readonly WeightMessage[];
}

const fmt = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

type Assignment = { readonly roles: Map<string, StoredWeight>; readonly problems: readonly string[] };

/**
 * The file layer's weights for each role the code declares: by role where the file names
 * roles, else by position (Keras numbers a layer's variables in the order it created them).
 */
function assign(spec: LayerWeightSpec, stored: StoredLayer, label: string): Assignment {
  const roles = new Map<string, StoredWeight>();
  const problems: string[] = [];
  const named = stored.weights.every((w) => w.role !== null);
  if (!named && stored.weights.length !== spec.weights.length) {
    const expected = spec.weights.map((w) => `${w.role} ${fmt(w.shape)}`).join(', ');
    const has = stored.weights.map((w) => fmt(w.shape)).join(', ');
    problems.push(`layer '${spec.layerName}': ${label} stores ${stored.weights.length} weight${stored.weights.length === 1 ? '' : 's'} for '${stored.name}' (${has}), the code declares ${spec.weights.length} (${expected})`);
    return { roles, problems };
  }
  spec.weights.forEach(({ role, shape }, i) => {
    const w = named ? stored.weights.find((c) => c.role === role) : stored.weights[i];
    if (!w) {
      problems.push(`layer '${spec.layerName}': ${label} has no '${role}' (it has: ${stored.weights.map((c) => c.role).join(', ')})`);
      return;
    }
    roles.set(role, w);
    if (!sameShape(w.shape, shape)) problems.push(`layer '${spec.layerName}' ${role}: ${label} has shape ${fmt(w.shape)}, the code declares ${fmt(shape)}`);
  });
  return { roles, problems };
}

/**
 * A key equal for a code layer and a file layer exactly when the file layer's weights have the
 * shapes the code declares: shapes in order for numbered weights, role→shape for named ones.
 */
function specKeys(spec: LayerWeightSpec): { numbered: string; named: string } {
  const numbered = `#${spec.weights.map((w) => fmt(w.shape)).join(';')}`;
  const named = `@${spec.weights.map((w) => `${w.role}=${fmt(w.shape)}`).sort().join(';')}`;
  return { numbered, named };
}
function storedKey(layer: StoredLayer): string {
  return layer.weights.every((w) => w.role !== null)
    ? `@${layer.weights.map((w) => `${w.role}=${fmt(w.shape)}`).sort().join(';')}`
    : `#${layer.weights.map((w) => fmt(w.shape)).join(';')}`;
}

/** File layers by shape key, each list in file order, consumed front to back. */
class ShapeIndex {
  private readonly lists = new Map<string, number[]>();
  private readonly heads = new Map<string, number>();

  constructor(private readonly layers: readonly StoredLayer[], private readonly used: ReadonlySet<StoredLayer>) {
    layers.forEach((l, i) => {
      const key = storedKey(l);
      const list = this.lists.get(key);
      if (list) list.push(i);
      else this.lists.set(key, [i]);
    });
  }

  /** The first unused layer with this key at or after `from`; skipped entries are never looked at again. */
  take(key: string, from: number): number {
    const list = this.lists.get(key);
    if (!list) return -1;
    let head = this.heads.get(key) ?? 0;
    while (head < list.length && (list[head] < from || this.used.has(this.layers[list[head]]))) head++;
    this.heads.set(key, head);
    return head < list.length ? list[head] : -1;
  }
}

export function matchWeights(layers: readonly LayerWeightSpec[], file: StoredWeights): MatchResult {
  const { label } = file;
  const messages: WeightMessage[] = [];
  const matched = new Map<string, Map<string, NamedWeight>>();
  const wanted = layers.filter((l) => l.weights.length > 0);
  const stored = file.layers.filter((l) => l.weights.length > 0);

  const byName = new Map<string, StoredLayer>();
  for (const s of stored) if (!byName.has(s.name)) byName.set(s.name, s);
  const pairs = new Map<LayerWeightSpec, StoredLayer>();
  const usedLayers = new Set<StoredLayer>();
  for (const l of wanted) {
    const s = byName.get(l.layerName);
    if (s && !usedLayers.has(s)) {
      pairs.set(l, s);
      usedLayers.add(s);
    }
  }

  // The rest by order and shape.
  const anyByName = pairs.size > 0;
  if (!anyByName && wanted.length > 0 && stored.length > 0) {
    messages.push({ severity: 'info', message: `no layer names in ${label} match the code; matching layers to weights by position and shape` });
  }
  const index = new ShapeIndex(stored, usedLayers);
  let cursor = 0;
  for (const l of wanted) {
    if (pairs.has(l)) continue;
    const keys = specKeys(l);
    const from = file.inModelOrder ? cursor : 0;
    const numbered = index.take(keys.numbered, from);
    const named = index.take(keys.named, from);
    if (numbered < 0 && named < 0) {
      const why = anyByName ? `no layer of that name, and no unused one with weights ${l.weights.map((w) => `${w.role} ${fmt(w.shape)}`).join(', ')}` : 'the file has fewer weighted layers of these shapes';
      messages.push({ severity: 'error', layerName: l.layerName, message: `no weights for layer '${l.layerName}' in ${label} (${why})` });
      continue;
    }
    const at = numbered < 0 ? named : named < 0 ? numbered : Math.min(numbered, named);
    const s = stored[at];
    pairs.set(l, s);
    usedLayers.add(s);
    if (file.inModelOrder) cursor = at + 1;
    if (anyByName) messages.push({ severity: 'info', layerName: l.layerName, message: `layer '${l.layerName}' has no namesake in ${label}; it takes '${s.name}', the next layer there with the same weight shapes` });
  }

  const usedWeights = new Set<StoredWeight>();
  for (const l of wanted) {
    const s = pairs.get(l);
    if (!s) continue;
    const { roles, problems } = assign(l, s, label);
    for (const w of roles.values()) usedWeights.add(w);
    for (const p of problems) messages.push({ severity: 'error', layerName: l.layerName, message: p });
    if (problems.length) continue;
    matched.set(l.layerName, roles);
    for (const [role, w] of roles) {
      const bad = describeNonFinite(countNonFinite(w.data));
      if (bad) {
        messages.push({
          severity: 'warning',
          layerName: l.layerName,
          message: `layer '${l.layerName}' ${role} ('${w.name}' in ${label}) holds ${bad} of ${w.data.length.toLocaleString('en-US')}; feature maps computed from it are not meaningful`,
        });
      }
    }
  }
  for (const s of file.layers) {
    for (const w of s.weights) {
      if (!usedWeights.has(w)) messages.push({ severity: 'warning', message: `weight '${w.name}' ${fmt(w.shape)} in ${label} matches no layer in the code` });
    }
  }
  return { matched, messages };
}
