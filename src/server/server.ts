// The ShapeLens language server: wires LSP requests to the core's analysis. Every handler is
// guarded: a bug shows up in the log and as an empty answer, never as a dead server.
import {
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  InitializeResult,
  NotebookDocuments,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { mayImportTf } from '../core/lang/typescript/extract/imports';
import { createLineIndex } from '../core/lineIndex';
import { toFileReport } from '../core/reportJson';
import { formatSummary } from '../core/summary';
import type { FileAnalysis } from '../core/types';
import { AnalysisStore, Analyzer, emptyAnalysis, type SourceDocument } from './analysisStore';
import { cellView, fileView, type DocumentView } from './documentView';
import { notebookSource, type NotebookSource } from './notebookSource';
import { codeActions } from './codeActions';
import { codeLenses } from './codeLens';
import { diagnosticsOf } from './diagnostics';
import { hoverAt, modelSummaryText } from './hover';
import { inlayHints } from './inlayHints';
import { DocumentParams, MODELS_CHANGED_NOTIFICATION, MODELS_REQUEST, ModelsResult, STATS_REQUEST, StatsResult, SUMMARY_REQUEST, SummaryResult } from './protocol';
import { defaultSettings, lintOptionsOf, parseSettings, ServerSettings } from './settings';
import { DebounceScheduler } from './scheduler';
import { BURST_MAX_WAIT_MS, BURST_QUIET_MS, EditBursts } from './burst';
import { importGate } from '../core/workspace/importGate';
import { pathOfUri, ProjectIndex } from './projectIndex';

/** How long the first settings request may take before the defaults are used. */
const SETTINGS_PATIENCE_MS = 3000;

/** Files whose changes on disk may change an analysis: what imports resolve to (core/workspace/resolve.ts). */
const WATCHED_FILES = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,py}';

function analyzerFor(settings: ServerSettings, index: ProjectIndex): Analyzer {
  const lintOptions = lintOptionsOf(settings);
  return (source, fileName, document) => {
    index.beginAnalysis();
    const python = source.languageId === 'python' || source.cells !== undefined;
    // Imports of the project's own files are followed through the index (open documents
    // first) when the document, or a file it imports directly, names the library (importGate.ts).
    const project = index.projectFor(source.uri);
    const gate = project ? importGate(source.text, project.path, project.root, python, (p) => index.read(p, project.root)) : null;
    const options = { ...lintOptions, project: gate?.follow ? project : undefined };
    let analysis: FileAnalysis;
    // Python: the front end itself skips, before parsing, text that never names Keras or TensorFlow.
    if (source.cells) analysis = document.analyzeCells(source.cells, fileName, options);
    // TS/JS that never names a TF.js package nor uses a page-global `tf` (nor imports a file
    // that does) is not parsed at all.
    else if (python || mayImportTf(source.text) || gate?.follow) analysis = document.analyze(source.text, fileName, options);
    else analysis = emptyAnalysis(fileName, createLineIndex(source.text));
    index.record(source.uri, source.version, [...(analysis.dependencies ?? []), ...(gate?.read ?? [])]);
    return analysis;
  };
}

function fromTextDocument(doc: TextDocument): SourceDocument {
  return { uri: doc.uri, version: doc.version, languageId: doc.languageId, text: doc.getText() };
}

/** The settings analysis results depend on; others (hint style, debounce) need no re-run. */
function analysisKey(s: ServerSettings): string {
  return JSON.stringify([s.enable, s.languages, lintOptionsOf(s)]);
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const scheduler = new DebounceScheduler();
  const bursts = new EditBursts();
  let settings = defaultSettings();
  let pullConfiguration = false;
  let settingsSettled = true;
  let canRefreshInlayHints = false;
  let canRefreshCodeLens = false;
  let watchFiles = false;
  let folderChanges = false;
  let folderUris: readonly string[] = [];
  const notebooks = new NotebookDocuments(TextDocument);
  const published = new Map<string, number | string>(); // uri → version whose diagnostics were sent
  const publishedCells = new Map<string, Set<string>>(); // notebook uri → cell uris that got diagnostics

  const logError = (where: string, error: unknown): void => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    connection.console.error(`shapelens: ${where} failed: ${detail}`);
  };
  // Open documents by the path of their file: what imports of that file read (EditorFiles).
  const openPaths = new Map<string, string>(); // path → uri
  const index = new ProjectIndex((path) => {
    const uri = openPaths.get(path);
    return uri === undefined ? undefined : documents.get(uri)?.getText();
  });
  /** Documents re-analysed because a file they import changed: once published, hints are refreshed. */
  const staleByImport = new Set<string>();
  const store = new AnalysisStore(analyzerFor(settings, index), (error, uri) => logError(`analysis of ${uri}`, error));

  /** Runs a handler; on a bug, logs it and answers `fallback` so the editor carries on. */
  function guarded<P, R>(where: string, fallback: R, handler: (params: P) => R): (params: P) => R {
    return (params: P) => {
      try {
        return handler(params);
      } catch (error) {
        logError(where, error);
        return fallback;
      }
    };
  }

  function enabledFor(languageId: string): boolean {
    return settings.enable && settings.languages.includes(languageId);
  }

  /** A notebook's source and cell URIs, or null when it is not open or Python is turned off. */
  function notebookOf(notebookUri: string): NotebookSource | null {
    const notebook = notebooks.getNotebookDocument(notebookUri);
    if (!notebook || !enabledFor('python')) return null;
    return notebookSource(notebook, notebooks);
  }

  /**
   * The analysis a URI's requests are answered from: a file's own, a notebook's (by the
   * notebook's URI or any of its cells'), or null when we have nothing to say. During a burst of
   * edits a file's is carried over from its last analysis, unless `fresh` asks for this version's.
   */
  function analysisOf(uri: string, fresh = false): { analysis: FileAnalysis; notebook: NotebookSource | null } | null {
    if (!settingsSettled) return null;
    const doc = documents.get(uri);
    if (doc) {
      if (!enabledFor(doc.languageId)) return null;
      const source = fromTextDocument(doc);
      // In a burst of edits, answer from the last analysis rather than queue one per version.
      const carried = !fresh && bursts.inBurst(uri) ? store.carriedView(source) : null;
      return { analysis: carried ?? store.viewFor(source), notebook: null };
    }
    const notebookUri = notebooks.findNotebookDocumentForCell(uri)?.uri ?? uri;
    const notebook = notebookOf(notebookUri);
    return notebook ? { analysis: store.viewFor(notebook.source), notebook } : null;
  }

  /** What the document at `uri` (a file or a notebook cell) sees of its analysis. */
  function viewOf(uri: string, fresh = false): DocumentView | null {
    const found = analysisOf(uri, fresh);
    if (!found) return null;
    if (!found.notebook) return fileView(found.analysis, uri);
    const cell = found.notebook.cellUris.indexOf(uri) + 1;
    return cell > 0 ? cellView(found.analysis, found.notebook.cellUris, cell) : null;
  }

  function publish(uri: string): void {
    if (!settingsSettled) return; // everything open is scheduled again once they are
    const doc = documents.get(uri);
    if (doc) {
      if (published.get(uri) === doc.version) return;
      const view = viewOf(uri, true); // diagnostics are of this very version, never carried
      connection.sendDiagnostics({ uri, version: doc.version, diagnostics: view ? diagnosticsOf(view) : [] });
      published.set(uri, doc.version);
    } else publishNotebook(uri);
    // The editor asks for hints again only for documents it saw change; this one did not.
    if (staleByImport.delete(uri)) {
      refreshHintsAndLenses();
      void connection.sendNotification(MODELS_CHANGED_NOTIFICATION, { uri } satisfies DocumentParams);
    }
  }

  /**
   * Files changed (edited, opened or closed over another text, changed on disk): every open
   * document whose analysis read one of them is analysed again, `except` the edited one itself.
   */
  function importsChanged(paths: readonly string[], except?: string): void {
    if (paths.length === 0) return;
    for (const uri of index.dependentsOf(paths, except)) {
      store.invalidate(uri);
      published.delete(uri);
      staleByImport.add(uri);
      schedule(uri, settings.debounceMs);
    }
  }

  /** Diagnostics of every code cell of a notebook, each at its cell's URI and version. */
  function publishNotebook(notebookUri: string): void {
    const document = notebooks.getNotebookDocument(notebookUri);
    if (!document) return;
    const notebook = notebookSource(document, notebooks);
    if (published.get(notebookUri) === notebook.source.version) return;
    const analysis = enabledFor('python') ? store.viewFor(notebook.source) : null;
    const before = publishedCells.get(notebookUri) ?? new Set<string>();
    notebook.cellUris.forEach((cellUri, i) => {
      const diagnostics = analysis ? diagnosticsOf(cellView(analysis, notebook.cellUris, i + 1)) : [];
      connection.sendDiagnostics({ uri: cellUri, version: notebook.cellVersions[i], diagnostics });
      before.delete(cellUri);
    });
    // Cells deleted from the notebook (or no longer Python) keep nothing of ours.
    for (const gone of before) connection.sendDiagnostics({ uri: gone, diagnostics: [] });
    const edited = published.has(notebookUri);
    publishedCells.set(notebookUri, new Set(notebook.cellUris));
    published.set(notebookUri, notebook.source.version);
    // An edit in one cell changes the hints and lenses of the others (a constant set in cell 2,
    // layers added in cell 4), but the editor asks again only for the cell that changed.
    if (edited && notebook.cellUris.length > 1) refreshHintsAndLenses();
  }

  /** Asks the editor to request inlay hints and code lenses again, where it can be asked. */
  function refreshHintsAndLenses(): void {
    if (canRefreshInlayHints) connection.languages.inlayHint.refresh().catch((e) => logError('inlay hint refresh', e));
    if (canRefreshCodeLens) connection.sendRequest('workspace/codeLens/refresh').catch((e) => logError('code lens refresh', e));
  }

  function schedule(uri: string, delayMs: number, maxWaitMs = Infinity): void {
    scheduler.schedule(
      uri,
      delayMs,
      () => {
        try {
          publish(uri);
        } catch (error) {
          logError(`diagnostics for ${uri}`, error);
        }
      },
      maxWaitMs,
    );
  }

  /** After an edit: the debounce, or in a burst a pause (bounded), so only the latest version is analysed. */
  function scheduleAfterEdit(uri: string): void {
    bursts.record(uri);
    if (bursts.inBurst(uri)) schedule(uri, Math.max(settings.debounceMs, BURST_QUIET_MS), BURST_MAX_WAIT_MS);
    else schedule(uri, settings.debounceMs);
  }

  function analyseEverythingOpen(): void {
    for (const doc of documents.all()) schedule(doc.uri, 0);
    for (const cell of notebooks.cellTextDocuments.all()) {
      const notebook = notebooks.findNotebookDocumentForCell(cell.uri);
      if (notebook) schedule(notebook.uri, 0);
    }
  }

  async function loadSettings(fromNotification?: unknown): Promise<void> {
    try {
      const raw = pullConfiguration
        ? await connection.workspace.getConfiguration('shapelens')
        : (fromNotification as { shapelens?: unknown } | undefined)?.shapelens;
      const next = parseSettings(raw);
      const reanalyse = analysisKey(next) !== analysisKey(settings);
      settings = next;
      if (reanalyse) {
        store.reset(analyzerFor(settings, index));
        published.clear();
        analyseEverythingOpen();
      }
    } catch (error) {
      logError('reading settings', error);
    }
    refreshHintsAndLenses();
  }

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    pullConfiguration = caps.workspace?.configuration === true;
    canRefreshInlayHints = caps.workspace?.inlayHint?.refreshSupport === true;
    canRefreshCodeLens = caps.workspace?.codeLens?.refreshSupport === true;
    watchFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    folderChanges = caps.workspace?.workspaceFolders === true;
    folderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    // With a file watcher, a file read from disk is read again only when it changes.
    index.reset(folderUris, watchFiles);
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings !== undefined) settings = parseSettings(init.settings);
    // Settings the client will be asked for decide what is analysed (shapelens.languages, the
    // lint thresholds): nothing is published before they arrive, so nothing flashes and vanishes.
    settingsSettled = !pullConfiguration || init?.settings !== undefined;
    store.reset(analyzerFor(settings, index));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        // Notebooks' Python code cells: sent as notebookDocument/*, never as text documents.
        notebookDocumentSync: { notebookSelector: [{ notebook: 'jupyter-notebook', cells: [{ language: 'python' }] }] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        inlayHintProvider: { resolveProvider: false },
        // The folders bound what imports may read: a folder added or removed re-analyses.
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'shapelens' },
    };
  });

  connection.onInitialized(async () => {
    if (folderChanges) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guarded('didChangeWorkspaceFolders', undefined, (e) => {
          const removed = new Set(e.removed.map((f) => f.uri));
          folderUris = [...folderUris.filter((u) => !removed.has(u)), ...e.added.map((f) => f.uri)];
          index.setFolders(folderUris);
          // Every open document may now read other files (or fewer): all analysed again.
          store.reset(analyzerFor(settings, index));
          published.clear();
          analyseEverythingOpen();
          refreshHintsAndLenses();
        }),
      );
    }
    if (watchFiles) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_FILES }] }).catch((e) => {
        logError('registering the file watcher', e);
        // No reports of changes on disk then: read the disk every time rather than trust a copy.
        index.unwatch();
      });
    }
    if (pullConfiguration) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'shapelens' })
        .catch((e) => logError('registering for settings changes', e));
      // A client that never answers must not keep us silent: defaults after a while.
      await Promise.race([loadSettings(), new Promise<void>((resolve) => setTimeout(resolve, SETTINGS_PATIENCE_MS))]);
    }
    if (!settingsSettled) {
      settingsSettled = true;
      analyseEverythingOpen();
    }
  });

  connection.onDidChangeWatchedFiles(
    guarded('didChangeWatchedFiles', undefined, (p) => {
      const changed: string[] = [];
      for (const change of p.changes) {
        const path = pathOfUri(change.uri);
        if (!path) continue;
        index.diskChanged(path, change.type === FileChangeType.Deleted);
        // An open document's text is what imports of it read: its disk text does not matter.
        if (!openPaths.has(path)) changed.push(path);
      }
      importsChanged(changed);
    }),
  );

  connection.onDidChangeConfiguration((change) => {
    loadSettings(change.settings).catch((e) => logError('settings change', e));
  });

  // TextDocuments fires onDidChangeContent right after onDidOpen; the open is analysed at once,
  // so that second event must not push it back by the debounce delay.
  const justOpened = new Set<string>();
  documents.onDidOpen(
    guarded('didOpen', undefined, (e) => {
      justOpened.add(e.document.uri);
      schedule(e.document.uri, 0);
      const path = pathOfUri(e.document.uri);
      if (path) {
        openPaths.set(path, e.document.uri);
        importsChanged([path], e.document.uri); // its text may differ from the disk's
      }
    }),
  );
  documents.onDidChangeContent(
    guarded('didChange', undefined, (e) => {
      if (justOpened.delete(e.document.uri)) return;
      scheduleAfterEdit(e.document.uri);
      const path = pathOfUri(e.document.uri);
      if (path) importsChanged([path], e.document.uri);
    }),
  );
  documents.onDidClose(
    guarded('didClose', undefined, (e) => {
      scheduler.cancel(e.document.uri);
      bursts.forget(e.document.uri);
      store.forget(e.document.uri);
      index.forget(e.document.uri);
      staleByImport.delete(e.document.uri);
      published.delete(e.document.uri);
      connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      const path = pathOfUri(e.document.uri);
      if (path && openPaths.get(path) === e.document.uri) {
        // Imports of it read the disk again, whose text may not be the editor's (closed unsaved).
        openPaths.delete(path);
        index.diskChanged(path, false);
        importsChanged([path]);
      }
    }),
  );

  notebooks.onDidOpen(guarded('notebook didOpen', undefined, (notebook) => schedule(notebook.uri, 0)));
  notebooks.onDidChange(guarded('notebook didChange', undefined, (e) => scheduleAfterEdit(e.notebookDocument.uri)));
  notebooks.onDidClose(
    guarded('notebook didClose', undefined, (notebook) => {
      scheduler.cancel(notebook.uri);
      bursts.forget(notebook.uri);
      store.forget(notebook.uri);
      index.forget(notebook.uri);
      staleByImport.delete(notebook.uri);
      published.delete(notebook.uri);
      const cells = new Set([...(publishedCells.get(notebook.uri) ?? []), ...notebook.cells.map((c) => c.document)]);
      for (const cellUri of cells) connection.sendDiagnostics({ uri: cellUri, diagnostics: [] });
      publishedCells.delete(notebook.uri);
    }),
  );

  connection.onHover(
    guarded('hover', null, (p) => {
      const view = viewOf(p.textDocument.uri);
      return view ? hoverAt(view, view.lines.offsetAt(p.position)) : null;
    }),
  );

  connection.languages.inlayHint.on(
    guarded('inlayHint', [], (p) => {
      const view = viewOf(p.textDocument.uri);
      if (!view || !settings.inlayHints.enabled) return [];
      return inlayHints(view, p.range, settings.inlayHints.format);
    }),
  );

  connection.onCodeLens(
    guarded('codeLens', [], (p) => {
      const view = viewOf(p.textDocument.uri);
      return view ? codeLenses(view) : [];
    }),
  );

  connection.onCodeAction(
    guarded('codeAction', [], (p) => {
      const view = viewOf(p.textDocument.uri);
      return view ? codeActions(view, p.range, p.context.diagnostics) : [];
    }),
  );

  connection.onRequest(
    MODELS_REQUEST,
    guarded('models request', null, (p: DocumentParams): ModelsResult | null => {
      const found = analysisOf(p.uri);
      return found ? toFileReport(found.analysis, found.analysis.fileName) : null;
    }),
  );

  connection.onRequest(
    SUMMARY_REQUEST,
    guarded('summary request', { text: '' }, (p: DocumentParams & { model?: number }): SummaryResult => {
      const found = analysisOf(p.uri);
      if (!found) return { text: 'ShapeLens has no analysis of this document: it is not open, or ShapeLens is turned off for its language (shapelens.enable, shapelens.languages).' };
      const analysis = found.analysis;
      if (analysis.models.length === 0) return { text: analysis.language === 'python' ? 'No Keras models found in this file.' : 'No TensorFlow.js models found in this file.' };
      const one = typeof p.model === 'number' && analysis.models[p.model] !== undefined;
      return { text: one ? modelSummaryText(analysis, p.model as number) : formatSummary(analysis) };
    }),
  );

  connection.onRequest(STATS_REQUEST, guarded('stats request', { analyses: 0, editPauses: 0 }, (): StatsResult => ({ analyses: store.analyses, editPauses: bursts.pauses })));

  connection.onShutdown(() => scheduler.dispose());

  documents.listen(connection);
  notebooks.listen(connection);
  connection.listen();
}
