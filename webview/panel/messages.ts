// The panel's message protocol, both directions, with small hand-written validators.
// Shared by the host (src/client/panel/) and the webview (webview/panel/): neither side trusts
// what arrives over postMessage, so every message is checked before it is acted on.
// No vscode and no DOM imports here, so both bundles (and tests) can use it.
import type { FileReport } from '../../src/core/report';

export interface SampleRef {
  /** File name shown in the picker, e.g. 'chelsea.png'. */
  readonly name: string;
  /** Webview URI of the image, for thumbnails. */
  readonly uri: string;
}

/** A trained-weights file found in the workspace: a TF.js model.json, or a Keras .keras / .weights.h5 / .h5. */
export interface WeightsRef {
  /** Path relative to the workspace, shown to the user and sent back in `loadWeights`. */
  readonly path: string;
}

// ---------------------------------------------------------------------------------------
// host → webview

/** What failed: the image, the trained weights, an export, or the panel host itself. */
export type ErrorContext = 'image' | 'weights' | 'export' | 'panel';

export type HostMessage =
  | {
      readonly type: 'model';
      readonly report: FileReport;
      /** The analysed document, kept in the webview's state so the panel restores onto it. */
      readonly documentUri: string;
      /** Index into report.models of the model under the cursor (or the first). */
      readonly selectedModel: number;
      /** Index into that model's layers of the layer under the cursor, when there is one. */
      readonly cursorLayer: number | null;
      readonly samples: readonly SampleRef[];
      readonly weights: readonly WeightsRef[];
      /** Whose analysis: the host's own, made while the language server starts (no imports followed), or the server's. */
      readonly origin: 'local' | 'server';
      /**
       * The host's latest model message again, at 'ready', because it posted that one while the
       * page was loading: the workbench may drop such a message (it hands them over 200 ms into
       * the page's load even when the page's scripts have not run). A page with a model has it.
       */
      readonly repeat?: boolean;
    }
  | { readonly type: 'noModel'; readonly reason: string }
  | { readonly type: 'image'; readonly name: string; readonly bytes: Uint8Array }
  | {
      readonly type: 'weights';
      readonly path: string;
      /** The model.json text, as read. */
      readonly modelJson: string;
      /** Weight files named by its manifest, as read (paths as written in the manifest). */
      readonly files: readonly { readonly path: string; readonly bytes: Uint8Array }[];
    }
  /** A Keras weights file (.keras, .weights.h5, legacy .h5), as read; the webview parses it in a worker. */
  | { readonly type: 'kerasWeights'; readonly path: string; readonly bytes: Uint8Array }
  /** The host could not do what was asked (file unreadable, weights missing...). */
  | { readonly type: 'error'; readonly context: ErrorContext; readonly message: string }
  | { readonly type: 'exported'; readonly path: string };

// ---------------------------------------------------------------------------------------
// webview → host

export type WebviewMessage =
  | { readonly type: 'ready' }
  /** 1-based line and column, as in LayerReport.range. */
  | { readonly type: 'reveal'; readonly line: number; readonly column: number; readonly cell?: number }
  | { readonly type: 'pickImage' }
  | { readonly type: 'loadSample'; readonly name: string }
  | { readonly type: 'loadWeights'; readonly path: string }
  | { readonly type: 'exportSvg'; readonly data: string }
  | { readonly type: 'exportPng'; readonly data: Uint8Array };

// ---------------------------------------------------------------------------------------
// validators

type Rec = Record<string, unknown>;

function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isString(v: unknown, maxLength = 1_000_000): v is string {
  return typeof v === 'string' && v.length <= maxLength;
}
function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}
function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
/**
 * Bytes as VS Code's postMessage delivers them, as a Uint8Array, or null. VS Code (1.57+, for
 * extensions whose engine asks for it) transfers ArrayBuffers and typed arrays whose
 * constructor is named exactly `Uint8Array` etc. and rebuilds them on the other side. A Node
 * Buffer (what `workspace.fs.readFile` returns in a Node extension host) is not one of those
 * names, so JSON.stringify turns it into `{type: 'Buffer', data: [...]}` via Buffer#toJSON.
 * The host sends plain Uint8Arrays (see `plainBytes`); the Buffer form is accepted too, so an
 * unconverted Buffer still works rather than hanging the preview.
 */
export function asBytes(v: unknown): Uint8Array | null {
  // isView and the tag check work across realms (the webview is a nested iframe), instanceof would not.
  if (ArrayBuffer.isView(v)) return v instanceof Uint8Array ? v : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (Object.prototype.toString.call(v) === '[object ArrayBuffer]') return new Uint8Array(v as ArrayBuffer);
  if (isRecord(v) && v.type === 'Buffer' && Array.isArray(v.data) && v.data.every(isByteValue)) return Uint8Array.from(v.data as number[]);
  return null;
}
function isByteValue(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 255;
}
/**
 * A copy of `bytes` that VS Code's postMessage transfers as binary: a plain Uint8Array that
 * owns its whole ArrayBuffer (VS Code sends `view.buffer` whole, so a small view into a large
 * pooled buffer would send the pool). A Node Buffer would go as a JSON array of numbers.
 */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  const plain = Object.getPrototypeOf(bytes) === Uint8Array.prototype && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return plain ? bytes : new Uint8Array(bytes);
}
function isBytes(v: unknown): boolean {
  return asBytes(v) !== null;
}
function isShape(v: unknown): boolean {
  return v === null || (Array.isArray(v) && v.every((d) => d === null || (typeof d === 'number' && Number.isFinite(d))));
}
function isRange(v: unknown): boolean {
  return isRecord(v) && isPositiveInt(v.line) && isPositiveInt(v.column) && isPositiveInt(v.endLine) && isPositiveInt(v.endColumn);
}
function isNullableNumber(v: unknown): boolean {
  return v === null || (typeof v === 'number' && Number.isFinite(v));
}

/** Checks the fields the webview relies on; extra fields are allowed (the report may grow). */
function layerProblem(l: unknown, index: number, count: number): string | null {
  if (!isRecord(l)) return `layer ${index} is not an object`;
  if (l.index !== index) return `layer ${index} has index ${String(l.index)}`;
  if (!(l.className === null || isString(l.className, 200))) return `layer ${index}: bad className`;
  if (!isString(l.name, 500)) return `layer ${index}: bad name`;
  if (!isPositiveInt(l.line) || !isRange(l.range)) return `layer ${index}: bad line/range`;
  const several = Array.isArray(l.outputShape) && l.outputShape.length > 0 && Array.isArray(l.outputShape[0]);
  if (several ? !(l.outputShape as unknown[]).every(isShape) : !isShape(l.outputShape)) return `layer ${index}: bad outputShape`;
  if (!Array.isArray(l.inputShapes) || !l.inputShapes.every(isShape)) return `layer ${index}: bad inputShapes`;
  if (!isNullableNumber(l.params)) return `layer ${index}: bad params`;
  if (!Array.isArray(l.inputs) || !l.inputs.every((i) => isIndex(i) && i < index) || l.inputs.length > count)
    return `layer ${index}: inputs must be earlier layer indices`;
  // A shared layer's later applications may take tensors from layers listed after it.
  if (l.calls !== undefined && !(Array.isArray(l.calls) && l.calls.length <= 100_000 && l.calls.every((c) => isRecord(c) && Array.isArray(c.inputs) && c.inputs.every((i) => isIndex(i) && i < count))))
    return `layer ${index}: bad calls`;
  if (!isRecord(l.config)) return `layer ${index}: bad config`;
  return null;
}

/** Returns why `v` is not a usable FileReport, or null when it is. */
export function fileReportProblem(v: unknown): string | null {
  if (!isRecord(v)) return 'report is not an object';
  if (!isString(v.file, 10_000)) return 'report.file is not a string';
  if (!Array.isArray(v.models) || !Array.isArray(v.diagnostics)) return 'report.models/diagnostics missing';
  for (const [mi, m] of v.models.entries()) {
    if (!isRecord(m) || !Array.isArray(m.layers)) return `model ${mi} has no layers`;
    if (!(m.kind === 'sequential' || m.kind === 'functional')) return `model ${mi}: bad kind`;
    if (!isPositiveInt(m.line)) return `model ${mi}: bad line`;
    for (const [li, l] of m.layers.entries()) {
      const p = layerProblem(l, li, m.layers.length);
      if (p) return `model ${mi}: ${p}`;
    }
  }
  for (const [di, d] of v.diagnostics.entries()) {
    if (!isRecord(d) || !isRange(d) || !isString(d.message, 10_000) || !isString(d.code, 200)) return `diagnostic ${di} malformed`;
    if (!(d.severity === 'error' || d.severity === 'warning' || d.severity === 'info')) return `diagnostic ${di}: bad severity`;
    if (d.model !== undefined && !isIndex(d.model)) return `diagnostic ${di}: bad model index`;
  }
  return null;
}

function isSampleRef(v: unknown): v is SampleRef {
  return isRecord(v) && isString(v.name, 500) && isString(v.uri, 10_000);
}
function isWeightsRef(v: unknown): v is WeightsRef {
  return isRecord(v) && isString(v.path, 10_000);
}

/**
 * Validates a message from the host. Returns the message (bytes normalised to Uint8Array) or
 * an explanation, with the message's type when it had one, so the panel can say what failed.
 */
export function parseHostMessage(v: unknown): { ok: true; message: HostMessage } | { ok: false; problem: string; type?: string } {
  if (!isRecord(v) || !isString(v.type, 50)) return { ok: false, problem: 'message without a type' };
  const type = v.type;
  const bad = (problem: string) => ({ ok: false as const, problem, type });
  switch (v.type) {
    case 'model': {
      const p = fileReportProblem(v.report);
      if (p) return bad(p);
      const report = v.report as unknown as FileReport;
      if (!isString(v.documentUri, 10_000)) return bad('bad documentUri');
      if (!isIndex(v.selectedModel) || (report.models.length > 0 && v.selectedModel >= report.models.length))
        return bad('selectedModel out of range');
      if (!(v.cursorLayer === null || isIndex(v.cursorLayer))) return bad('bad cursorLayer');
      if (!Array.isArray(v.samples) || !v.samples.every(isSampleRef)) return bad('bad samples');
      if (!Array.isArray(v.weights) || !v.weights.every(isWeightsRef)) return bad('bad weights list');
      if (v.origin !== 'local' && v.origin !== 'server') return bad('bad origin');
      if (v.repeat !== undefined && typeof v.repeat !== 'boolean') return bad('bad repeat');
      break;
    }
    case 'noModel':
      if (!isString(v.reason, 10_000)) return bad('noModel without reason');
      break;
    case 'image': {
      const bytes = asBytes(v.bytes);
      if (!isString(v.name, 10_000) || !bytes) return bad(`image needs a name and bytes (got ${describe(v.bytes)})`);
      return { ok: true, message: { type: 'image', name: v.name, bytes } };
    }
    case 'weights':
      if (!isString(v.path, 10_000) || !isString(v.modelJson, 50_000_000)) return bad('weights need path and modelJson');
      if (!Array.isArray(v.files) || !v.files.every((f) => isRecord(f) && isString(f.path, 10_000) && isBytes(f.bytes)))
        return bad('weights files malformed');
      return {
        ok: true,
        message: { type: 'weights', path: v.path, modelJson: v.modelJson, files: (v.files as Rec[]).map((f) => ({ path: f.path as string, bytes: asBytes(f.bytes) as Uint8Array })) },
      };
    case 'kerasWeights': {
      const bytes = asBytes(v.bytes);
      if (!isString(v.path, 10_000) || !bytes) return bad(`kerasWeights need a path and bytes (got ${describe(v.bytes)})`);
      return { ok: true, message: { type: 'kerasWeights', path: v.path, bytes } };
    }
    case 'error':
      if (!(v.context === 'image' || v.context === 'weights' || v.context === 'export' || v.context === 'panel') || !isString(v.message, 10_000))
        return bad('error malformed');
      break;
    case 'exported':
      if (!isString(v.path, 10_000)) return bad('exported without path');
      break;
    default:
      return bad(`unknown message type '${v.type}'`);
  }
  return { ok: true, message: v as unknown as HostMessage };
}

/** Largest export the host accepts (an SVG or PNG of the diagram). */
/** The sample a panel previews until the user picks another; the host writes it into the page (html.ts). */
export const DEFAULT_SAMPLE = 'chelsea.png';

export const MAX_EXPORT_BYTES = 50 * 1024 * 1024;

/** Validates a message from the webview. Returns the message or null (ignored). */
export function parseWebviewMessage(v: unknown): WebviewMessage | null {
  if (!isRecord(v) || !isString(v.type, 50)) return null;
  switch (v.type) {
    case 'ready':
    case 'pickImage':
      return { type: v.type };
    case 'reveal':
      if (!isPositiveInt(v.line) || !isPositiveInt(v.column) || (v.cell !== undefined && !isPositiveInt(v.cell))) return null;
      // A notebook's layer: line and column are inside its code cell (1-based, code cells only).
      return { type: 'reveal', line: v.line, column: v.column, ...(v.cell !== undefined ? { cell: v.cell } : {}) };
    case 'loadSample':
      // A bare file name: the host looks it up among the bundled samples, never a path.
      return isString(v.name, 200) && /^[\w.-]+$/.test(v.name) ? { type: 'loadSample', name: v.name } : null;
    case 'loadWeights':
      return isString(v.path, 10_000) ? { type: 'loadWeights', path: v.path } : null;
    case 'exportSvg':
      return isString(v.data, MAX_EXPORT_BYTES) && v.data.trimStart().startsWith('<svg') ? { type: 'exportSvg', data: v.data } : null;
    case 'exportPng': {
      const data = asBytes(v.data);
      return data && data.length <= MAX_EXPORT_BYTES && isPngSignature(data) ? { type: 'exportPng', data } : null;
    }
    default:
      return null;
  }
}

/** A short description of a value that failed validation, for the error the panel shows. */
function describe(v: unknown): string {
  if (v === null || typeof v !== 'object') return typeof v === 'string' ? `a string of ${v.length} characters` : String(v);
  const name = (Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'object';
  return Array.isArray(v) ? `an array of ${v.length}` : `${name} {${Object.keys(v).slice(0, 4).join(', ')}}`;
}

function isPngSignature(b: Uint8Array): boolean {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return b.length > 8 && sig.every((x, i) => b[i] === x);
}
