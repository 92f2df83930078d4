// A minimal LSP client for tests and the benchmark: spawns the built dist/server.js over stdio
// and speaks to it exactly as an editor would (vscode-languageserver-protocol).
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { MODELS_CHANGED_NOTIFICATION } from '../../../src/server/protocol';
import {
  CodeAction,
  CodeActionRequest,
  CodeLens,
  CodeLensRequest,
  ConfigurationRequest,
  createProtocolConnection,
  Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  Hover,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  InlayHint,
  InlayHintRequest,
  Position,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  Range,
  ShutdownRequest,
  ExitNotification,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
  TextEdit,
  DidOpenNotebookDocumentNotification,
  DidChangeNotebookDocumentNotification,
  DidCloseNotebookDocumentNotification,
  NotebookCellKind,
  type NotebookCell,
} from 'vscode-languageserver-protocol/node';

/** A notebook as the test's editor holds it: its cells in order (markdown ones included). */
export interface TestNotebook {
  readonly uri: string;
  version: number;
  readonly cells: { uri: string; kind: 'code' | 'markdown'; language: string }[];
}

/**
 * What VS Code's language client sends the server: only the cells the server's notebook
 * selector matches (python code cells), as the real client filters them.
 */
function synced(cell: TestNotebook['cells'][number]): boolean {
  return cell.kind === 'code' && cell.language === 'python';
}

export const SERVER_JS = path.resolve(__dirname, '../../../dist/server.js');

/** What the test editor says of itself at initialize beyond the defaults: its folders, more capabilities. */
export interface TestInitialize {
  /** Workspace folder URIs (default none). */
  readonly workspaceFolders?: readonly string[];
  /** Merged into `capabilities.workspace`: `{ didChangeWatchedFiles: { dynamicRegistration: true } }`. */
  readonly workspaceCapabilities?: Record<string, unknown>;
}

/** Settings the test "workspace" answers `workspace/configuration` with (the `shapelens` section). */
export type TestSettings = Record<string, unknown>;

interface Waiter {
  readonly uri: string;
  readonly version: number;
  readonly resolve: (p: PublishDiagnosticsParams) => void;
}

export class LspTestClient {
  private readonly connection: ProtocolConnection;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  /** Every publishDiagnostics received, in order. */
  readonly publishes: PublishDiagnosticsParams[] = [];
  readonly stderr: string[] = [];
  readonly logErrors: string[] = [];
  /** `workspace/inlayHint/refresh` requests received. */
  inlayHintRefreshes = 0;
  /** URIs of `shapelens/modelsChanged` notifications received, in order. */
  readonly modelsChanged: string[] = [];
  /** Capabilities the server registered (`client/registerCapability`), by method. */
  readonly registered: { method: string; registerOptions?: unknown }[] = [];
  exited: number | null = null;

  private constructor(
    private readonly proc: ChildProcess,
    public settings: TestSettings,
  ) {
    proc.stderr?.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    proc.on('exit', (code, signal) => {
      this.exited = code ?? -1;
      if (signal) this.stderr.push(`[killed by ${signal}]`);
    });
    this.connection = createProtocolConnection(
      new StreamMessageReader(proc.stdout!),
      new StreamMessageWriter(proc.stdin!),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.latest.set(p.uri, p);
      this.publishes.push(p);
      // A publish without a version (after didClose) is the newest word on the document.
      const ready = this.waiters.filter((w) => w.uri === p.uri && (p.version ?? Infinity) >= w.version);
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve(p);
    });
    this.connection.onRequest(ConfigurationRequest.type, (p) =>
      p.items.map((item) => (item.section === 'shapelens' ? this.settings : null)),
    );
    this.connection.onNotification(MODELS_CHANGED_NOTIFICATION, (p: { uri: string }) => this.modelsChanged.push(p.uri));
    this.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1) this.logErrors.push(p.message);
    });
    this.connection.onRequest('client/registerCapability', (p: { registrations?: { method: string; registerOptions?: unknown }[] }) => {
      this.registered.push(...(p.registrations ?? []));
      return null;
    });
    this.connection.onRequest('workspace/inlayHint/refresh', () => {
      this.inlayHintRefreshes++;
      return null;
    });
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.listen();
  }

  /** Spawns `node <args>` (by default the built server on stdio) and initializes it. */
  static async start(
    settings: TestSettings = { debounceMs: 0 },
    args: readonly string[] = [SERVER_JS, '--stdio'],
    init: TestInitialize = {},
  ): Promise<LspTestClient> {
    const proc = spawn(process.execPath, [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new LspTestClient(proc, settings);
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, ...init.workspaceCapabilities },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
      },
      workspaceFolders: init.workspaceFolders ? init.workspaceFolders.map((uri, i) => ({ uri, name: `folder${i}` })) : null,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /** Resolves with the first diagnostics published for `uri` at `version` or later. */
  diagnosticsFor(uri: string, version = this.version(uri), timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    const have = this.latest.get(uri);
    if (have && (have.version ?? Infinity) >= version) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms; stderr: ${this.stderr.join('')}`));
      }, timeoutMs);
      const done = (p: PublishDiagnosticsParams): void => {
        clearTimeout(timer);
        resolve(p);
      };
      this.waiters.push({ uri, version, resolve: done });
    });
  }

  /** How many diagnostics publishes `uri` has had: pass it to `publishAfter` to wait for the next. */
  publishCount(uri: string): number {
    return this.publishes.filter((p) => p.uri === uri).length;
  }

  /**
   * Resolves with the first publish for `uri` after the `count`-th (a republish of the same
   * version) that `accept` takes (default: any).
   */
  async publishAfter(uri: string, count: number, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.publishes.filter((p) => p.uri === uri).slice(count).find(accept);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no new diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr.join('')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Any notification (`workspace/didChangeWatchedFiles`...). */
  async notify(method: string, params: unknown): Promise<void> {
    await this.connection.sendNotification(method, params);
  }

  /** Polls the latest published diagnostics until `accept` holds (settings changes republish). */
  async waitForDiagnostics(uri: string, accept: (ds: Diagnostic[]) => boolean, timeoutMs = 10000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = await this.diagnosticsFor(uri, this.version(uri), timeoutMs);
      if (accept(p.diagnostics)) return p.diagnostics;
      if (Date.now() > deadline) throw new Error(`diagnostics never matched: ${JSON.stringify(p.diagnostics)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async open(uri: string, text: string, languageId = 'typescript'): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
    return (await this.diagnosticsFor(uri, 1)).diagnostics;
  }

  /** Sends one incremental change (LSP ranges) and returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = this.version(uri) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, applyContentChanges(this.text(uri), changes));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  /** Replaces the whole text through one incremental change covering the document. */
  async replaceAll(uri: string, text: string): Promise<number> {
    const old = this.text(uri);
    return this.change(uri, [{ range: { start: { line: 0, character: 0 }, end: positionAt(old, old.length) }, text }]);
  }

  /** Types `typed` one character at a time at `offset`, each keystroke a didChange. */
  async type(uri: string, offset: number, typed: string): Promise<number> {
    let version = this.version(uri);
    for (let i = 0; i < typed.length; i++) {
      const at = positionAt(this.text(uri), offset + i);
      version = await this.change(uri, [{ range: { start: at, end: at }, text: typed[i] }]);
    }
    return version;
  }

  /** Opens a notebook; returns it, with a `vscode-notebook-cell:` URI per cell as VS Code makes them. */
  async openNotebook(uri: string, cells: readonly { text: string; kind?: 'code' | 'markdown'; language?: string }[]): Promise<TestNotebook> {
    const notebook: TestNotebook = { uri, version: 1, cells: [] };
    for (const c of cells) notebook.cells.push({ uri: this.cellUri(uri), kind: c.kind ?? 'code', language: c.language ?? (c.kind === 'markdown' ? 'markdown' : 'python') });
    cells.forEach((c, i) => {
      this.versions.set(notebook.cells[i].uri, 1);
      this.texts.set(notebook.cells[i].uri, c.text);
    });
    const sent = notebook.cells.filter(synced);
    await this.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
      notebookDocument: { uri, notebookType: 'jupyter-notebook', version: 1, cells: sent.map(lspCell) },
      cellTextDocuments: sent.map((c) => ({ uri: c.uri, languageId: c.language, version: 1, text: this.text(c.uri) })),
    });
    return notebook;
  }

  private cellCounter = 0;
  private cellUri(notebookUri: string): string {
    this.cellCounter += 1;
    return `vscode-notebook-cell:${notebookUri.replace(/^file:\/\//, '')}#W${this.cellCounter}sZmlsZQ==`;
  }

  /** Edits one cell's text (a notebookDocument/didChange with textContent); returns the cell's new version. */
  async changeCell(notebook: TestNotebook, cellUri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = this.version(cellUri) + 1;
    this.versions.set(cellUri, version);
    this.texts.set(cellUri, applyContentChanges(this.text(cellUri), changes));
    notebook.version += 1;
    await this.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: notebook.uri, version: notebook.version },
      change: { cells: { textContent: [{ document: { uri: cellUri, version }, changes }] } },
    });
    return version;
  }

  /** Replaces a cell's whole text. */
  async replaceCell(notebook: TestNotebook, cellUri: string, text: string): Promise<number> {
    const old = this.text(cellUri);
    return this.changeCell(notebook, cellUri, [{ range: { start: { line: 0, character: 0 }, end: positionAt(old, old.length) }, text }]);
  }

  /**
   * Inserts cells at `index` (of all cells) and/or deletes `deleteCount` from there: a
   * structure change, sent as the language client sends it (synced cells only, with the
   * indices the server's view of the notebook has).
   */
  async spliceCells(notebook: TestNotebook, index: number, deleteCount: number, inserted: readonly { text: string; kind?: 'code' | 'markdown'; language?: string }[] = []): Promise<string[]> {
    const syncedIndex = notebook.cells.slice(0, index).filter(synced).length;
    const removed = notebook.cells.slice(index, index + deleteCount);
    const added = inserted.map((c) => ({ uri: this.cellUri(notebook.uri), kind: c.kind ?? 'code', language: c.language ?? (c.kind === 'markdown' ? 'markdown' : 'python') }));
    inserted.forEach((c, i) => {
      this.versions.set(added[i].uri, 1);
      this.texts.set(added[i].uri, c.text);
    });
    notebook.cells.splice(index, deleteCount, ...added);
    notebook.version += 1;
    const addedSynced = added.filter(synced);
    const removedSynced = removed.filter(synced);
    await this.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: notebook.uri, version: notebook.version },
      change: {
        cells: {
          structure: {
            array: { start: syncedIndex, deleteCount: removedSynced.length, cells: addedSynced.map(lspCell) },
            didOpen: addedSynced.map((c) => ({ uri: c.uri, languageId: c.language, version: 1, text: this.text(c.uri) })),
            didClose: removedSynced.map((c) => ({ uri: c.uri })),
          },
        },
      },
    });
    return added.map((c) => c.uri);
  }

  /**
   * Moves the cell at `from` to `to` (indices of all cells). vscode-languageclient sends a
   * structure change as one array splice over the span that differs (its cells' text documents
   * stay open): so does this.
   */
  async moveCell(notebook: TestNotebook, from: number, to: number): Promise<void> {
    const before = notebook.cells.filter(synced);
    const [cell] = notebook.cells.splice(from, 1);
    notebook.cells.splice(to, 0, cell);
    notebook.version += 1;
    const after = notebook.cells.filter(synced);
    let start = 0;
    while (start < before.length && before[start] === after[start]) start++;
    let end = before.length;
    while (end > start && before[end - 1] === after[end - 1]) end--;
    if (start === end) return; // the synced cells' order did not change
    await this.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: notebook.uri, version: notebook.version },
      change: { cells: { structure: { array: { start, deleteCount: end - start, cells: after.slice(start, end).map(lspCell) } } } },
    });
  }

  async closeNotebook(notebook: TestNotebook): Promise<void> {
    const sent = notebook.cells.filter(synced);
    await this.connection.sendNotification(DidCloseNotebookDocumentNotification.type, {
      notebookDocument: { uri: notebook.uri },
      cellTextDocuments: sent.map((c) => ({ uri: c.uri })),
    });
  }

  /** The latest diagnostics published for a URI (empty when none yet). */
  latestDiagnostics(uri: string): Diagnostic[] {
    return this.latest.get(uri)?.diagnostics ?? [];
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeSettings(settings: TestSettings): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { shapelens: settings } });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  inlayHints(uri: string, range?: Range): Promise<InlayHint[] | null> {
    const text = this.text(uri);
    return this.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri },
      range: range ?? { start: { line: 0, character: 0 }, end: positionAt(text, text.length) },
    });
  }

  codeLens(uri: string): Promise<CodeLens[] | null> {
    return this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<(CodeAction | { command: string })[] | null> {
    return this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics },
    }) as Promise<(CodeAction | { command: string })[] | null>;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    if (this.exited === null) {
      try {
        await this.connection.sendRequest(ShutdownRequest.type);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // already gone
      }
    }
    this.connection.dispose();
    if (this.exited === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.proc.kill();
          resolve();
        }, 2000);
        this.proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

function lspCell(cell: TestNotebook['cells'][number]): NotebookCell {
  return { kind: cell.kind === 'code' ? NotebookCellKind.Code : NotebookCellKind.Markup, document: cell.uri };
}

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: Math.min(offset, text.length) - lineStart };
}

export function offsetAt(text: string, position: Position): number {
  let line = 0;
  let i = 0;
  while (line < position.line && i < text.length) {
    if (text.charCodeAt(i) === 10) line++;
    i++;
  }
  return Math.min(i + position.character, text.length);
}

export function applyContentChanges(text: string, changes: TextDocumentContentChangeEvent[]): string {
  let out = text;
  for (const c of changes) {
    if (!('range' in c) || c.range === undefined) {
      out = c.text;
      continue;
    }
    out = out.slice(0, offsetAt(out, c.range.start)) + c.text + out.slice(offsetAt(out, c.range.end));
  }
  return out;
}

/** Applies LSP text edits (non-overlapping, any order) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
