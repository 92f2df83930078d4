// File work the webview cannot do itself (it has no file system and no dialogs): listing and
// reading the bundled samples, picking an image, finding and reading trained weights, saving
// exports. Every path the webview names is checked against what the host offered.
import * as path from 'path';
import * as vscode from 'vscode';
import type { SampleRef, WeightsRef } from '../../../webview/panel/messages';

const SAMPLE_FILES = ['chelsea.png', 'coffee.png', 'camera.png'];
/** Largest image file read for the preview; the webview checks pixel counts itself. */
const MAX_IMAGE_BYTES = 64 * 1024 * 1024;
/** Largest sum of weight files sent to the webview. */
const MAX_WEIGHT_BYTES = 256 * 1024 * 1024;

export function sampleRefs(extensionUri: vscode.Uri, webview: vscode.Webview): SampleRef[] {
  return SAMPLE_FILES.map((name) => ({
    name,
    uri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'samples', name)).toString(),
  }));
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

/** model.json files in the workspace, nearest to the followed document first. */
export async function findWeights(near: vscode.Uri | undefined): Promise<{ refs: WeightsRef[]; uris: Map<string, vscode.Uri> }> {
  const found = await vscode.workspace.findFiles('**/model.json', '**/node_modules/**', 50);
  const dir = near ? path.dirname(near.fsPath) : '';
  const distance = (u: vscode.Uri) => path.relative(dir, path.dirname(u.fsPath)).split(path.sep).filter(Boolean).length;
  found.sort((a, b) => distance(a) - distance(b) || a.fsPath.localeCompare(b.fsPath));
  const uris = new Map<string, vscode.Uri>();
  for (const u of found) uris.set(vscode.workspace.asRelativePath(u), u);
  return { refs: [...uris.keys()].map((p) => ({ path: p })), uris };
}

/** Reads a model.json and the weight files its manifest names (relative to it, inside the workspace). */
export async function readWeights(modelJsonUri: vscode.Uri): Promise<{ modelJson: string; files: { path: string; bytes: Uint8Array }[] }> {
  const modelJson = new TextDecoder().decode(await vscode.workspace.fs.readFile(modelJsonUri));
  let manifest: unknown;
  try {
    manifest = (JSON.parse(modelJson) as { weightsManifest?: unknown }).weightsManifest;
  } catch (e) {
    throw new Error(`${vscode.workspace.asRelativePath(modelJsonUri)} is not valid JSON: ${(e as Error).message}`);
  }
  const paths = Array.isArray(manifest)
    ? manifest.flatMap((g) => (typeof g === 'object' && g !== null && Array.isArray((g as { paths?: unknown }).paths) ? (g as { paths: unknown[] }).paths : []))
    : [];
  const dir = vscode.Uri.joinPath(modelJsonUri, '..');
  const files: { path: string; bytes: Uint8Array }[] = [];
  let total = 0;
  for (const p of paths) {
    if (typeof p !== 'string' || p.includes('..') || path.isAbsolute(p)) throw new Error(`weight file path '${String(p)}' is not a plain relative path.`);
    const uri = vscode.Uri.joinPath(dir, p);
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      throw new Error(`weight file '${p}' named in ${vscode.workspace.asRelativePath(modelJsonUri)} is missing.`);
    }
    total += bytes.length;
    if (total > MAX_WEIGHT_BYTES) throw new Error(`weight files exceed ${MAX_WEIGHT_BYTES / 1e6} MB; too large for the preview.`);
    files.push({ path: p, bytes });
  }
  return { modelJson, files };
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
