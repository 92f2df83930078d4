// Where a layer's numbers came from when another file of the workspace sets them (the core's
// ValueOrigin: `IMAGE_H`, data.js line 23). Hovers list them (`28 ← IMAGE_H, data.js:23`);
// inlay hints link an output dimension to its constant only where that dimension is the
// config value itself (a Dense's `units`, a convolution's `filters`, an Embedding's
// `outputDim`) and the two agree: a dimension computed from the constant (a convolution's
// height from the input's) is not that constant, so it gets no link.
import type { Location } from 'vscode-languageserver';
import type { AnalyzedModel, AnalyzedNode, ConfigValue, ValueOrigin } from '../core/types';
import { dirname, relativePath } from '../core/workspace/paths';
import { uriOfPath } from './projectIndex';

/** The value at a config path written `key` or `key[i]`; undefined when there is none. */
function valueAt(config: Readonly<Record<string, ConfigValue>>, path: string): ConfigValue | undefined {
  const m = /^([^[\]]+)(?:\[(\d+)\])?$/.exec(path);
  if (!m) return undefined;
  const value = config[m[1]];
  if (m[2] === undefined) return value;
  return Array.isArray(value) ? (value as readonly ConfigValue[])[Number(m[2])] : undefined;
}

function show(value: ConfigValue | undefined): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return '?';
}

/** Where an origin is, for go-to-definition. */
export function originLocation(o: ValueOrigin): Location {
  const at = { line: o.line, character: o.character };
  return { uri: uriOfPath(o.file), range: { start: at, end: at } };
}

/** `data.js:23` (1-based line), relative to the analysed file's folder. */
export function originPlace(o: ValueOrigin, fileName: string): string {
  return `${relativePath(dirname(fileName), o.file)}:${o.line + 1}`;
}

/** One Markdown line: `` `inputShape[0]`: `28` ← `IMAGE_H`, [data.js:23](file:///…#L23) ``. */
function originLine(label: string, value: string, o: ValueOrigin, fileName: string): string {
  const link = `${uriOfPath(o.file)}#L${o.line + 1}`;
  return `- \`${label}\`: \`${value}\` ← \`${o.name}\`, [${originPlace(o, fileName)}](${link})`;
}

/**
 * The hover's lines for a layer's values set in other files: its own config's, and the
 * shape of an input it is applied to (`keras.Input(shape=(IMG_SIZE, ...))`). Empty when none.
 */
export function originLines(model: AnalyzedModel, node: AnalyzedNode, fileName: string): string[] {
  const lines: string[] = [];
  const op = node.node.op;
  if (op.kind === 'layer' && op.layer.origins) {
    for (const [path, o] of Object.entries(op.layer.origins)) lines.push(originLine(path, show(valueAt(op.layer.config, path)), o, fileName));
  }
  for (const id of node.node.inputs) {
    const input = model.nodes.find((n) => n.node.id === id)?.node.op;
    if (input?.kind !== 'input' || !input.input.origins) continue;
    for (const [path, o] of Object.entries(input.input.origins)) {
      const dim = /^shape\[(\d+)\]$/.exec(path);
      // The input's shape includes the batch dimension the config leaves out.
      const value = dim && input.input.shape ? input.input.shape[Number(dim[1]) + 1] : undefined;
      lines.push(originLine(`input ${path}`, value === undefined || value === null ? '?' : String(value), o, fileName));
    }
  }
  return lines;
}

/** The config keys whose value is an output dimension itself, and which dimension (of `rank`). */
function dimOfKey(key: string, config: Readonly<Record<string, ConfigValue>>, rank: number): number | null {
  if (key === 'units' || key === 'outputDim') return rank - 1;
  if (key === 'filters') {
    const format = config.dataFormat ?? config.data_format;
    return format === 'channelsFirst' || format === 'channels_first' ? 1 : rank - 1;
  }
  return null;
}

/** Output dimensions (index into the output shape, batch included) that an imported constant sets. */
export function dimensionOrigins(node: AnalyzedNode): Map<number, ValueOrigin> {
  const out = new Map<number, ValueOrigin>();
  const op = node.node.op;
  const shape = node.outputShape;
  if (op.kind !== 'layer' || !op.layer.origins || !shape) return out;
  for (const [key, o] of Object.entries(op.layer.origins)) {
    const dim = dimOfKey(key, op.layer.config, shape.length);
    const value = op.layer.config[key];
    if (dim !== null && dim > 0 && typeof value === 'number' && shape[dim] === value) out.set(dim, o);
  }
  return out;
}
