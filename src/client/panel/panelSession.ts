// One open ShapeLens panel: follows the active TS/JS editor and the model under its cursor,
// asks the language server for the file's report (debounced while typing), and serves the
// webview's requests (reveal a layer, images, weights, exports).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FileReport } from '../../core/report';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from '../../../webview/panel/messages';
import { makeNonce, panelHtml } from './html';
import { modelAtLine } from './cursor';
import { findWeights, pickImage, readSample, readWeights, sampleRefs, saveExport } from './hostFiles';

export const VIEW_TYPE = 'shapelens.panel';
const TYPING_DEBOUNCE_MS = 300;
const CURSOR_DEBOUNCE_MS = 120;
const LANGUAGES = new Set(['typescript', 'javascript', 'typescriptreact', 'javascriptreact']);

export function isModelSource(doc: vscode.TextDocument): boolean {
  return LANGUAGES.has(doc.languageId) && doc.uri.scheme !== 'output';
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist'),
      vscode.Uri.joinPath(extensionUri, 'media'),
      ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri),
    ],
  };
}

export class PanelSession implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private document: vscode.TextDocument | undefined;
  private report: FileReport | null = null;
  private selection = { model: 0, layer: null as number | null };
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private cursorTimer: ReturnType<typeof setTimeout> | undefined;
  private requestSeq = 0;
  private weightUris = new Map<string, vscode.Uri>();
  private weightRefs: { path: string }[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
    initialDocument: vscode.TextDocument | undefined,
    private readonly onDisposed: () => void,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = this.html();
    this.document = initialDocument;

    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseWebviewMessage(raw);
        if (msg) void this.handle(msg).catch((e: unknown) => console.error('[shapelens panel]', e));
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isModelSource(editor.document) && editor.document !== this.document) {
          this.document = editor.document;
          this.selection = { model: 0, layer: null };
          void this.refresh(editor.selection.active.line + 1);
        }
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document !== this.document) return;
        clearTimeout(this.cursorTimer);
        this.cursorTimer = setTimeout(() => this.followCursor(e.selections[0].active.line + 1), CURSOR_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document !== this.document || e.contentChanges.length === 0) return;
        clearTimeout(this.typingTimer);
        this.typingTimer = setTimeout(() => void this.refresh(), TYPING_DEBOUNCE_MS);
      }),
    );
  }

  private html(): string {
    const webview = this.panel.webview;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    return panelHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'panel.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'panel.css')).toString(),
      nonce: makeNonce(),
    });
  }

  private post(msg: HostMessage): void {
    void this.panel.webview.postMessage(msg);
  }

  /** Re-analyses the followed document (through the server) and sends the result. */
  async refresh(cursorLine?: number): Promise<void> {
    const doc = this.document;
    if (!doc) {
      this.post({ type: 'noModel', reason: 'Open a TypeScript or JavaScript file that builds a TensorFlow.js model.' });
      return;
    }
    const seq = ++this.requestSeq;
    let report: FileReport;
    try {
      report = await this.client.sendRequest<FileReport>('shapelens/models', { uri: doc.uri.toString() });
      const found = await findWeights(doc.uri);
      this.weightUris = found.uris;
      this.weightRefs = found.refs;
    } catch (e) {
      if (seq === this.requestSeq) this.post({ type: 'noModel', reason: `The analysis failed: ${(e as Error).message}` });
      return;
    }
    if (seq !== this.requestSeq) return; // a newer request is on its way
    this.report = report;
    this.panel.title = `ShapeLens: ${vscode.workspace.asRelativePath(doc.uri)}`;
    const line = cursorLine ?? this.cursorLineOf(doc);
    if (line !== undefined) this.selection = modelAtLine(report, line);
    this.sendModel();
  }

  private cursorLineOf(doc: vscode.TextDocument): number | undefined {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    return editor ? editor.selection.active.line + 1 : undefined;
  }

  private followCursor(line: number): void {
    if (!this.report) return;
    const next = modelAtLine(this.report, line);
    if (next.model === this.selection.model && next.layer === this.selection.layer) return;
    this.selection = next;
    this.sendModel();
  }

  private sendModel(): void {
    if (!this.report) return;
    if (this.report.models.length === 0) {
      this.post({ type: 'noModel', reason: 'No tf.sequential() or tf.model() found in this file.' });
      return;
    }
    this.post({
      type: 'model',
      report: this.report,
      documentUri: this.document?.uri.toString() ?? '',
      selectedModel: Math.min(this.selection.model, this.report.models.length - 1),
      cursorLayer: this.selection.layer,
      samples: sampleRefs(this.extensionUri, this.panel.webview),
      weights: this.weightRefs,
    });
  }

  private async handle(msg: WebviewMessage): Promise<void> {
    switch (msg.type) {
      case 'ready':
        if (this.report) this.sendModel();
        else await this.refresh();
        return;
      case 'reveal':
        return this.reveal(msg.line, msg.column);
      case 'loadSample':
        try {
          this.post({ type: 'image', name: msg.name, bytes: await readSample(this.extensionUri, msg.name) });
        } catch (e) {
          this.post({ type: 'error', context: 'image', message: (e as Error).message });
        }
        return;
      case 'pickImage':
        try {
          const picked = await pickImage();
          if (picked) this.post({ type: 'image', ...picked });
        } catch (e) {
          this.post({ type: 'error', context: 'image', message: (e as Error).message });
        }
        return;
      case 'loadWeights': {
        const uri = this.weightUris.get(msg.path);
        if (!uri) {
          this.post({ type: 'error', context: 'weights', message: `${msg.path} is not a model.json found in the workspace.` });
          return;
        }
        try {
          this.post({ type: 'weights', path: msg.path, ...(await readWeights(uri)) });
        } catch (e) {
          this.post({ type: 'error', context: 'weights', message: (e as Error).message });
        }
        return;
      }
      case 'exportSvg':
      case 'exportPng': {
        const name = this.report?.models[this.selection.model]?.name ?? 'model';
        try {
          const saved = await saveExport(msg.type === 'exportSvg' ? 'svg' : 'png', msg.data, `${name}-diagram`);
          if (saved) this.post({ type: 'exported', path: saved });
        } catch (e) {
          this.post({ type: 'error', context: 'export', message: (e as Error).message });
        }
        return;
      }
    }
  }

  /** Moves the cursor of the followed document to a layer (1-based line/column) and shows it. */
  private async reveal(line: number, column: number): Promise<void> {
    const doc = this.document;
    if (!doc) return;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const pos = doc.validatePosition(new vscode.Position(line - 1, column - 1));
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** The document this panel follows (for the serializer's state and for tests). */
  get followedDocument(): vscode.TextDocument | undefined {
    return this.document;
  }

  dispose(): void {
    clearTimeout(this.typingTimer);
    clearTimeout(this.cursorTimer);
    while (this.disposables.length) this.disposables.pop()?.dispose();
    this.onDisposed();
  }
}
