// One open ShapeLens panel: follows the active TS/JS/Python editor or notebook cell and the
// model under its cursor, asks the language server for the file's report (a notebook's: all of
// its cells; debounced while typing), and serves the webview's requests (reveal a layer,
// images, weights, exports).
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { FileReport } from '../../core/report';
import { parseWebviewMessage, plainBytes, type HostMessage, type WebviewMessage } from '../../../webview/panel/messages';
import { makeNonce, panelHtml } from './html';
import { modelAt, type CursorPlace } from './cursor';
import { cellDocument, notebookCellOf } from '../notebookCells';
import { defaultSampleNow, findWeights, panelScriptNow, pickImage, readSample, readWeightsMessage, sampleRefs, saveExport } from './hostFiles';
import { ANALYSIS_PATIENCE_MS, retryDelayMs, whenServerRunning } from './serverReady';
import { MODELS_REQUEST } from '../../server/protocol';
import { analysedUri, type ModelsChanged } from '../modelsChanged';
import { webviewOptions } from './webviewOptions';
import type { LocalAnalysisWorker } from './localReport';
import type { LocalAnalysisInput } from './localAnalysis';

export const VIEW_TYPE = 'shapelens.panel';
const TYPING_DEBOUNCE_MS = 300;
const CURSOR_DEBOUNCE_MS = 120;
const LANGUAGES = new Set(['typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'python']);

/** What the local analysis of `doc` is asked: its text and the settings the server would get. */
export function localAnalysisInput(doc: vscode.TextDocument): LocalAnalysisInput {
  // A plain copy of the section, as the language client sends it to the server.
  const settings: unknown = JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('shapelens')));
  return { uri: doc.uri.toString(), languageId: doc.languageId, text: doc.getText(), settings };
}

export function isModelSource(doc: vscode.TextDocument): boolean {
  return LANGUAGES.has(doc.languageId) && doc.uri.scheme !== 'output';
}

/** One source for the panel: the same file, or cells of the same notebook (one analysis). */
function sameSource(a: vscode.TextDocument | undefined, b: vscode.TextDocument): boolean {
  if (!a) return false;
  if (a === b) return true;
  const na = notebookCellOf(a)?.notebook;
  return na !== undefined && na === notebookCellOf(b)?.notebook;
}

/** The cursor of an editor as the report counts places (cell-relative in notebooks). */
function placeOf(doc: vscode.TextDocument, line0: number): CursorPlace {
  return { line: line0 + 1, cell: notebookCellOf(doc)?.cell };
}

/** What a user calls the followed source: the notebook for a cell, else the file. */
function sourceName(doc: vscode.TextDocument): string {
  const notebook = notebookCellOf(doc)?.notebook;
  return vscode.workspace.asRelativePath(notebook ? notebook.uri : doc.uri);
}

export { webviewOptions };

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
  /** The URI the current report belongs to. */
  private reportUri: string | null = null;
  /** The current report is the client's own (localAnalysis.ts): the server's is still to come. */
  private reportIsLocal = false;
  /** The document version the local report analysed (typing before the server runs re-analyses). */
  private localVersion = -1;
  /** The client's own analysis in flight (one per document version; refresh joins it). */
  private localPending: { readonly uri: string; readonly version: number; readonly done: Promise<boolean> } | null = null;
  /** The webview has said 'ready' (its scripts run: a model posted now reaches it). */
  private webviewReady = false;
  /** A model message was posted before the page said 'ready': the workbench may have dropped it. */
  private modelPostedBeforeReady = false;
  private disposed = false;
  /** While the server has no analysis of the followed document: since when, and retries so far. */
  private waitingSince: number | null = null;
  private retryAttempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
    private readonly localAnalysis: LocalAnalysisWorker,
    modelsChanged: ModelsChanged,
    initialDocument: vscode.TextDocument | undefined,
    private readonly onDisposed: () => void,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = this.html();
    this.document = initialDocument;
    // While the webview loads, analyse the document here (in a worker thread): the panel then
    // shows the model as soon as both are ready instead of waiting for the server to start and
    // answer. Even with the server running: it may still be indexing the workspace.
    if (this.document) void this.reportEarly(this.document);

    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseWebviewMessage(raw);
        if (!msg) return;
        void this.handle(msg).catch((e: unknown) => {
          // A bug here must not leave the panel waiting in silence: log it and show it.
          console.error('[shapelens panel]', e);
          this.post({ type: 'error', context: 'panel', message: `${msg.type} failed: ${(e as Error).message}` });
        });
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!editor || !isModelSource(editor.document) || editor.document === this.document) return;
        const place = placeOf(editor.document, editor.selection.active.line);
        if (sameSource(this.document, editor.document)) {
          // Another cell of the followed notebook: same report, another place in it.
          this.document = editor.document;
          this.followCursor(place);
          return;
        }
        this.document = editor.document;
        this.selection = { model: 0, layer: null };
        this.waitingSince = null;
        this.retryAttempt = 0;
        void this.refresh(place);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (!sameSource(this.document, e.textEditor.document)) return;
        this.document = e.textEditor.document;
        const place = placeOf(e.textEditor.document, e.selections[0].active.line);
        clearTimeout(this.cursorTimer);
        this.cursorTimer = setTimeout(() => this.followCursor(place), CURSOR_DEBOUNCE_MS);
      }),
      // The server publishes diagnostics once it has analysed a document: the moment to ask
      // again when it had nothing for us yet.
      vscode.languages.onDidChangeDiagnostics((e) => {
        const doc = this.document;
        if (this.waitingSince === null || !doc) return;
        const notebook = notebookCellOf(doc)?.notebook;
        const ours = new Set(notebook ? notebook.getCells().map((c) => c.document.uri.toString()) : [doc.uri.toString()]);
        if (!e.uris.some((u) => ours.has(u.toString()))) return;
        void this.refresh();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!sameSource(this.document, e.document) || e.contentChanges.length === 0) return;
        clearTimeout(this.typingTimer);
        this.typingTimer = setTimeout(() => void this.refresh(), TYPING_DEBOUNCE_MS);
      }),
      // The server analysed the followed document again because a file it imports changed
      // (edited in another editor, or on disk): its report is already there to ask for.
      modelsChanged((uri) => {
        if (this.document && analysedUri(this.document) === uri) void this.refresh();
      }),
    );
  }

  private html(): string {
    const webview = this.panel.webview;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    return panelHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'panel.js')).toString(),
      scriptText: panelScriptNow(this.extensionUri),
      elkScriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'elk.js')).toString(),
      sample: defaultSampleNow(this.extensionUri),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'panel.css')).toString(),
      nonce: makeNonce(),
      previewBackend: vscode.workspace.getConfiguration('shapelens').get<string>('preview.backend', 'auto'),
    });
  }

  private post(msg: HostMessage): void {
    void this.panel.webview.postMessage(msg);
  }

  /** Re-analyses the followed document (through the server) and sends the result. */
  async refresh(cursor?: CursorPlace): Promise<void> {
    const doc = this.document;
    clearTimeout(this.retryTimer);
    if (!doc) {
      this.post({ type: 'noModel', reason: 'Open a file or notebook that builds a model: TensorFlow.js in TypeScript or JavaScript, Keras in Python.' });
      return;
    }
    const seq = ++this.requestSeq;
    let report: FileReport | null;
    // The weight search (a workspace file search, slow in a cold workbench) runs alongside the
    // analysis request and never holds the model back: its refs follow when it ends. When it
    // fails the panel still shows the model, only without trained weights to offer.
    const weightSearch = findWeights(doc.uri).catch((e: unknown) => {
      console.error('[shapelens panel] searching for model.json files', e);
      return { refs: [], uris: new Map<string, vscode.Uri>() };
    });
    try {
      // Nothing of this document shown yet: our own analysis first, whether or not the server
      // runs (a running server may still be indexing the workspace); its report takes over.
      const early = this.reportFor(doc) === null && this.reportEarly(doc);
      if (!early && this.reportFor(doc) === null && this.client.state !== State.Running) this.postWaiting(doc, 'Waiting for the ShapeLens language server to start…');
      await whenServerRunning(this.client);
      if (seq !== this.requestSeq) return;
      report = await this.client.sendRequest<FileReport | null>(MODELS_REQUEST, { uri: doc.uri.toString() });
    } catch (e) {
      if (seq === this.requestSeq) this.post({ type: 'noModel', reason: `The analysis failed: ${(e as Error).message}` });
      return;
    }
    if (seq !== this.requestSeq) return; // a newer request is on its way
    void weightSearch.then((found) => this.weightsFound(seq, found));
    if (report === null) {
      // The server has not opened this document yet (it is still starting, or the client has
      // not sent didOpen). Not "no model": show our own analysis meanwhile, wait for the
      // server's and ask again.
      void this.reportEarly(doc);
      this.awaitAnalysis(doc);
      return;
    }
    this.waitingSince = null;
    this.retryAttempt = 0;
    this.report = report;
    this.reportIsLocal = false;
    this.reportUri = doc.uri.toString();
    this.panel.title = `ShapeLens: ${sourceName(doc)}`;
    const place = cursor ?? this.cursorOf(doc);
    if (place !== undefined) this.selection = modelAt(report, place);
    this.sendModel();
  }

  /** The weight files found for request `seq`: kept, and offered when they differ from those shown. */
  private weightsFound(seq: number, found: Awaited<ReturnType<typeof findWeights>>): void {
    if (seq !== this.requestSeq) return;
    const changed = JSON.stringify(found.refs) !== JSON.stringify(this.weightRefs);
    this.weightUris = found.uris;
    this.weightRefs = found.refs;
    if (changed && this.report) this.sendModel();
  }

  /** Tells the webview we are waiting, unless it already shows a model of this document. */
  private postWaiting(doc: vscode.TextDocument, reason: string): void {
    if (this.report && this.report === this.reportFor(doc)) return;
    this.post({ type: 'noModel', reason });
  }

  /**
   * Starts (or joins) the client's own analysis of `doc` in the local-analysis worker; when it
   * lands, and neither the server's report nor another document has taken over meanwhile, it
   * becomes the current report, posted once the webview is ready. False when there is none to
   * start: a notebook (joining its cells is the server's). The promise says whether a report of
   * `doc` is current when it settles.
   */
  private reportEarly(doc: vscode.TextDocument): Promise<boolean> | false {
    if (this.reportFor(doc) && (!this.reportIsLocal || this.localVersion === doc.version)) return Promise.resolve(true);
    if (notebookCellOf(doc)) return false;
    const uri = doc.uri.toString();
    const version = doc.version;
    if (this.localPending?.uri === uri && this.localPending.version === version) return this.localPending.done;
    const done = this.localAnalysis.report(localAnalysisInput(doc)).then(
      (report) => this.earlyReportArrived(doc, version, report),
      (e: unknown) => {
        console.error('[shapelens panel] local analysis', e);
        return false;
      },
    ).finally(() => {
      if (this.localPending?.done === done) this.localPending = null;
    });
    this.localPending = { uri, version, done };
    return done;
  }

  /** The local analysis of `doc` at `version` is in: shown unless something newer is. */
  private earlyReportArrived(doc: vscode.TextDocument, version: number, report: FileReport | null): boolean {
    if (this.disposed || this.document?.uri.toString() !== doc.uri.toString()) return false;
    if (this.reportFor(doc) && !this.reportIsLocal) return true; // the server's report came first
    if (!report || doc.version !== version) return false;
    this.report = report;
    this.reportIsLocal = true;
    this.localVersion = version;
    this.reportUri = doc.uri.toString();
    this.panel.title = `ShapeLens: ${sourceName(doc)}`;
    const place = this.cursorOf(doc);
    if (place !== undefined) this.selection = modelAt(report, place);
    // Posted now, not at 'ready': the workbench holds messages for a page still loading, which
    // saves the 'ready' round trip through it (0.2-0.6 s in a cold workbench). It may also drop
    // them (see the model message's `repeat`): 'ready' posts the report again, marked so.
    this.sendModel();
    return true;
  }

  private reportFor(doc: vscode.TextDocument): FileReport | null {
    return this.reportUri === doc.uri.toString() ? this.report : null;
  }

  /**
   * The server answered "not open": retry when it publishes diagnostics for the document (it
   * does so once it has analysed it) and, in case none change, on a backoff timer. After a
   * while, say why nothing came instead of waiting silently.
   */
  private awaitAnalysis(doc: vscode.TextDocument): void {
    const name = sourceName(doc);
    this.waitingSince ??= Date.now();
    if (Date.now() - this.waitingSince > ANALYSIS_PATIENCE_MS) {
      // Our own report stays up: the server has not opened the file, but the model is there.
      if (!this.reportFor(doc)) this.post({
        type: 'noModel',
        reason: `ShapeLens has no analysis of ${name}: the language server has not opened it, or shapelens.enable is off. Edit the file or switch editors to try again.`,
      });
      this.waitingSince = null;
      this.retryAttempt = 0;
      return;
    }
    this.postWaiting(doc, `Analysing ${name}…`);
    this.retryTimer = setTimeout(() => void this.refresh(), retryDelayMs(this.retryAttempt++));
  }

  private cursorOf(doc: vscode.TextDocument): CursorPlace | undefined {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    return editor ? placeOf(doc, editor.selection.active.line) : undefined;
  }

  private followCursor(place: CursorPlace): void {
    if (!this.report) return;
    const next = modelAt(this.report, place);
    if (next.model === this.selection.model && next.layer === this.selection.layer) return;
    this.selection = next;
    this.sendModel();
  }

  private sendModel(repeat = false): void {
    if (!this.report) return;
    if (this.report.models.length === 0) {
      const python = this.document?.languageId === 'python';
      this.post({ type: 'noModel', reason: python ? 'No Keras model (Sequential, keras.Input + keras.Model, a Model subclass) found in this file.' : 'No tf.sequential() or tf.model() found in this file.' });
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
      origin: this.reportIsLocal ? 'local' : 'server',
      ...(repeat ? { repeat } : {}),
    });
    if (!this.webviewReady) this.modelPostedBeforeReady = true;
  }

  private async handle(msg: WebviewMessage): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.webviewReady = true;
        if (!this.report) return this.refresh();
        // Again, as a repeat the page ignores if the first one reached it.
        this.sendModel(this.modelPostedBeforeReady);
        this.modelPostedBeforeReady = false;
        // Our own report came first (the constructor's): now ask the server for its own.
        if (this.reportIsLocal) await this.refresh();
        return;
      case 'reveal':
        return this.reveal(msg.line, msg.column, msg.cell);
      case 'loadSample':
        try {
          this.post({ type: 'image', name: msg.name, bytes: plainBytes(await readSample(this.extensionUri, msg.name)) });
        } catch (e) {
          this.post({ type: 'error', context: 'image', message: (e as Error).message });
        }
        return;
      case 'pickImage':
        try {
          const picked = await pickImage();
          if (picked) this.post({ type: 'image', name: picked.name, bytes: plainBytes(picked.bytes) });
        } catch (e) {
          this.post({ type: 'error', context: 'image', message: (e as Error).message });
        }
        return;
      case 'loadWeights': {
        const uri = this.weightUris.get(msg.path);
        if (!uri) {
          this.post({ type: 'error', context: 'weights', message: `${msg.path} is not a weights file found in the workspace.` });
          return;
        }
        try {
          this.post(await readWeightsMessage(msg.path, uri));
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

  /** Moves the cursor of the followed document to a layer (1-based line/column; in a notebook, in code cell `cell`) and shows it. */
  private async reveal(line: number, column: number, cell?: number): Promise<void> {
    const followed = this.document;
    if (!followed) return;
    const notebook = cell !== undefined ? notebookCellOf(followed)?.notebook : undefined;
    const doc = notebook && cell !== undefined ? (cellDocument(notebook, cell) ?? followed) : followed;
    if (notebook) {
      // The cell first: its text editor exists only once the notebook shows it.
      const index = notebook.getCells().findIndex((c) => c.document === doc);
      if (index >= 0) {
        const range = new vscode.NotebookRange(index, index + 1);
        const shown = await vscode.window.showNotebookDocument(notebook, { selections: [range], preserveFocus: false });
        shown.revealRange(range, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
      }
    }
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
    this.disposed = true;
    clearTimeout(this.typingTimer);
    clearTimeout(this.cursorTimer);
    clearTimeout(this.retryTimer);
    this.requestSeq++; // answers still on their way are dropped
    while (this.disposables.length) this.disposables.pop()?.dispose();
    this.onDisposed();
  }
}
