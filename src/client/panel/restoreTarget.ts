// Which document a panel restored after a reload may reopen. The webview keeps the followed
// document's URI in its state (`documentUri`, webview/panel/vscodeApi.ts); VS Code hands that
// state back to the serializer. The state is written by the page, so it is checked like any
// other input before the host opens anything: a URI that parses, of a scheme the panel follows,
// naming a model source file inside one of the workspace folders. Free of vscode, for tests.

/** Schemes of documents the panel follows (a notebook's cells are vscode-notebook-cell). */
const SCHEMES = new Set(['file', 'vscode-remote', 'vscode-vfs', 'vscode-notebook-cell']);
const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|py|pyw|ipynb)$/i;
const MAX_URI_LENGTH = 8192;

function parse(uri: string): { scheme: string; host: string; path: string } | null {
  try {
    const u = new URL(uri);
    if (u.username || u.password) return null;
    return { scheme: u.protocol.slice(0, -1), host: u.host, path: decodeURIComponent(u.pathname) };
  } catch {
    return null;
  }
}

/**
 * The URI to reopen, or null when the state names none or one the panel must not open.
 * @param workspaceFolders the workspace folders' URIs, as `Uri.toString()` writes them
 */
export function restorableDocumentUri(state: unknown, workspaceFolders: readonly string[]): string | null {
  if (typeof state !== 'object' || state === null) return null;
  const raw = (state as { documentUri?: unknown }).documentUri;
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URI_LENGTH) return null;
  const doc = parse(raw);
  if (!doc || !SCHEMES.has(doc.scheme) || !SOURCE_FILE.test(doc.path)) return null;
  if (doc.path.split('/').includes('..') || doc.path.includes('\0')) return null;
  for (const folder of workspaceFolders) {
    const f = parse(folder);
    if (!f || f.host !== doc.host) continue;
    // A notebook cell lives in its notebook's file, so it is inside the folder holding that file.
    const sameSpace = f.scheme === doc.scheme || (doc.scheme === 'vscode-notebook-cell' && f.scheme === 'file');
    const root = f.path.replace(/\/+$/, '');
    if (sameSpace && doc.path.startsWith(`${root}/`)) return raw;
  }
  return null;
}
