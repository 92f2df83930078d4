// A minimal LSP client for tests and the benchmark: spawns the built dist/server.js over stdio
// and speaks to it exactly as an editor would (vscode-languageserver-protocol).
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
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
} from 'vscode-languageserver-protocol/node';

export const SERVER_JS = path.resolve(__dirname, '../../../dist/server.js');

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
    this.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1) this.logErrors.push(p.message);
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/inlayHint/refresh', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.listen();
  }

  /** Spawns `node <args>` (by default the built server on stdio) and initializes it. */
  static async start(
    settings: TestSettings = { debounceMs: 0 },
    args: readonly string[] = [SERVER_JS, '--stdio'],
  ): Promise<LspTestClient> {
    const proc = spawn(process.execPath, [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new LspTestClient(proc, settings);
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
      },
      workspaceFolders: null,
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
