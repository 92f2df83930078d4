// File work the webview cannot do itself (it has no file system and no dialogs): listing and
// reading the bundled samples, picking an image, finding and reading trained weights, saving
// exports. Every path the webview names is checked against what the host offered; the rules
// for weight files (kinds, order, size and workspace checks) live in weightFiles.ts.
import { readFileSync } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { DEFAULT_SAMPLE, plainBytes, type HostMessage, type SampleRef, type WeightsRef } from '../../../webview/panel/messages';
import {
  MAX_WEIGHT_BYTES,
  MAX_WEIGHT_FILES_LISTED,
  WEIGHT_FILE_GLOB,
  WEIGHT_SEARCH_EXCLUDE,
  WeightFileProblem,
  manifestPaths,
  nodeFileAccess,
  rankWeightFiles,
  readWeightFile,
  weightFileKind,
  type FileAccess,
} from './weightFiles';

const SAMPLE_FILES = ['chelsea.png', 'coffee.png', 'camera.png'];
/** Largest image file read for the preview; the webview checks pixel counts itself. */
const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

export function sampleRefs(extensionUri: vscode.Uri, webview: vscode.Webview): SampleRef[] {
  return SAMPLE_FILES.map((name) => ({
    name,
    uri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'samples', name)).toString(),
  }));
}

/**
 * A file the extension ships, read now for the page's HTML (html.ts); undefined where the
 * extension is not on a local disk or the file cannot be read (the page then asks for it or
 * loads it by URI).
 */
function shippedFileNow(extensionUri: vscode.Uri, ...segments: string[]): Buffer | undefined {
  if (extensionUri.scheme !== 'file') return undefined;
  try {
    return readFileSync(path.join(extensionUri.fsPath, ...segments));
  } catch {
    return undefined;
  }
}

/** The default sample's bytes, written into the page so the first preview asks for nothing. */
export function defaultSampleNow(extensionUri: vscode.Uri): { name: string; bytes: Uint8Array } | undefined {
  const bytes = shippedFileNow(extensionUri, 'media', 'samples', DEFAULT_SAMPLE);
  return bytes && { name: DEFAULT_SAMPLE, bytes };
}

/** dist/webview/panel.js's text, written into the page so a cold page fetches nothing. */
export function panelScriptNow(extensionUri: vscode.Uri): string | undefined {
  return shippedFileNow(extensionUri, 'dist', 'webview', 'panel.js')?.toString('utf8');
}

export async function readSample(extensionUri: vscode.Uri, name: string): Promise<Uint8Array> {
  if (!SAMPLE_FILES.includes(name)) throw new Error(`'${name}' is not one of the bundled samples.`);
  return vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'media', 'samples', name));
}

/** Opens a file dialog for a PNG/JPEG (starting in the workspace) and reads it. */
export async function pickImage(): Promise<{ name: string; bytes: Uint8Array } | null> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { Images: ['png', 'jpg', 'jpeg'] },
    openLabel: 'Use for preview',
  });
  const uri = picked?.[0];
  if (!uri) return null;
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_IMAGE_BYTES) throw new Error(`${path.basename(uri.fsPath)} is ${(stat.size / 1e6).toFixed(0)} MB; the preview reads images up to ${MAX_IMAGE_BYTES / 1e6} MB.`);
  return { name: path.basename(uri.fsPath), bytes: await vscode.workspace.fs.readFile(uri) };
}

/** Trained-weights files in the workspace (model.json, .keras, .weights.h5, .h5), nearest to the followed document first. */
export async function findWeights(near: vscode.Uri | undefined): Promise<{ refs: WeightsRef[]; uris: Map<string, vscode.Uri> }> {
  const found = await vscode.workspace.findFiles(WEIGHT_FILE_GLOB, WEIGHT_SEARCH_EXCLUDE, 5 * MAX_WEIGHT_FILES_LISTED);
  const ranked = rankWeightFiles(found, near?.fsPath).slice(0, MAX_WEIGHT_FILES_LISTED);
  const uris = new Map<string, vscode.Uri>();
  for (const u of ranked) uris.set(vscode.workspace.asRelativePath(u), u);
  return { refs: [...uris.keys()].map((p) => ({ path: p })), uris };
}

/**
 * How files under `uri` are read: local files through Node (real paths resolved, so a symlink
 * out of the workspace is seen), anything else through VS Code's file system, refusing symlinks
 * there since their targets cannot be resolved.
 */
function accessFor(uri: vscode.Uri): { access: FileAccess; pathOf: (u: vscode.Uri) => string; roots: string[] } {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri).filter((f) => f.scheme === uri.scheme && f.authority === uri.authority);
  if (uri.scheme === 'file') return { access: nodeFileAccess, pathOf: (u) => u.fsPath, roots: folders.map((f) => f.fsPath) };
  const at = (p: string) => uri.with({ path: p });
  const access: FileAccess = {
    realpath: async (p) => p,
    async stat(p) {
      const s = await vscode.workspace.fs.stat(at(p));
      if (s.type & vscode.FileType.SymbolicLink) throw new WeightFileProblem(`${p} is a symbolic link; the panel reads weights only from files inside the workspace.`);
      return { size: s.size, isFile: (s.type & vscode.FileType.File) !== 0 };
    },
    read: (p) => Promise.resolve(vscode.workspace.fs.readFile(at(p))),
  };
  return { access, pathOf: (u) => u.path, roots: folders.map((f) => f.path) };
}

/**
 * Reads a weights file and says it as the message the webview expects: a model.json with the
 * shards its manifest names beside it, or a Keras file's bytes (the webview parses those).
 * Every file is stat'ed and checked against the workspace before it is read.
 */
export async function readWeightsMessage(shown: string, uri: vscode.Uri): Promise<HostMessage> {
  const { access, pathOf, roots } = accessFor(uri);
  const budget = { left: MAX_WEIGHT_BYTES };
  const kind = weightFileKind(uri.path);
  if (kind === null) throw new WeightFileProblem(`${shown} is not a weights file the panel reads.`);
  const bytes = await readWeightFile(pathOf(uri), shown, roots, budget, access);
  if (kind !== 'tfjs') return { type: 'kerasWeights', path: shown, bytes: plainBytes(bytes) };
  const modelJson = new TextDecoder().decode(bytes);
  const dir = vscode.Uri.joinPath(uri, '..');
  const files: { path: string; bytes: Uint8Array }[] = [];
  for (const p of manifestPaths(modelJson, shown)) {
    const shard = await readWeightFile(pathOf(vscode.Uri.joinPath(dir, p)), `weight file '${p}' named in ${shown}`, roots, budget, access);
    files.push({ path: p, bytes: plainBytes(shard) });
  }
  return { type: 'weights', path: shown, modelJson, files };
}

/** Asks where to save an export and writes it. Returns the path, or null when cancelled. */
export async function saveExport(kind: 'svg' | 'png', data: string | Uint8Array, suggestedName: string): Promise<string | null> {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: base ? vscode.Uri.joinPath(base, `${suggestedName}.${kind}`) : undefined,
    filters: kind === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
  });
  if (!target) return null;
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  await vscode.workspace.fs.writeFile(target, bytes);
  return target.fsPath;
}
