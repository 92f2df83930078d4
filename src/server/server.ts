// The ShapeLens language server: wires LSP requests to the core's analysis. Every handler is
// guarded: a bug shows up in the log and as an empty answer, never as a dead server.
import {
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLineIndex } from '../core/lineIndex';
import { toFileReport } from '../core/reportJson';
import { formatSummary } from '../core/summary';
import type { FileAnalysis } from '../core/types';
import { AnalysisStore, Analyzer, emptyAnalysis } from './analysisStore';
import { codeActions } from './codeActions';
import { codeLenses } from './codeLens';
import { diagnosticsOf } from './diagnostics';
import { hoverAt, modelSummaryText } from './hover';
import { inlayHints } from './inlayHints';
import { DocumentParams, MODELS_REQUEST, ModelsResult, SUMMARY_REQUEST, SummaryResult } from './protocol';
import { defaultSettings, lintOptionsOf, parseSettings, ServerSettings } from './settings';
import { DebounceScheduler } from './scheduler';

/** Files that never mention a TF.js package are not parsed at all. */
const TFJS_MARKER = '@tensorflow/tfjs';

const SUPPORTED_LANGUAGES: ReadonlySet<string> = new Set([
  'typescript',
  'typescriptreact',
  'javascript',
  'javascriptreact',
]);

function analyzerFor(settings: ServerSettings): Analyzer {
  const options = lintOptionsOf(settings);
  return (text, fileName, document) =>
    text.includes(TFJS_MARKER)
      ? document.analyze(text, fileName, options)
      : emptyAnalysis(fileName, createLineIndex(text));
}

/** The settings analysis results depend on; others (hint style, debounce) need no re-run. */
function analysisKey(s: ServerSettings): string {
  return JSON.stringify([s.enable, lintOptionsOf(s)]);
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const scheduler = new DebounceScheduler();
  let settings = defaultSettings();
  let pullConfiguration = false;
  let canRefreshInlayHints = false;
  let canRefreshCodeLens = false;
  const published = new Map<string, number>(); // uri → version whose diagnostics were sent

  const logError = (where: string, error: unknown): void => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    connection.console.error(`shapelens: ${where} failed: ${detail}`);
  };
  const store = new AnalysisStore(analyzerFor(settings), (error, uri) => logError(`analysis of ${uri}`, error));

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

  function supported(doc: TextDocument): boolean {
    return SUPPORTED_LANGUAGES.has(doc.languageId);
  }

  /** The analysis for the document's current version, or null when we have nothing to say. */
  function viewOf(uri: string): FileAnalysis | null {
    const doc = documents.get(uri);
    if (!doc || !settings.enable || !supported(doc)) return null;
    return store.viewFor(doc);
  }

  function publish(uri: string): void {
    const doc = documents.get(uri);
    if (!doc || published.get(uri) === doc.version) return;
    const view = viewOf(uri);
    connection.sendDiagnostics({ uri, version: doc.version, diagnostics: view ? diagnosticsOf(view, uri) : [] });
    published.set(uri, doc.version);
  }

  function schedule(uri: string, delayMs: number): void {
    scheduler.schedule(uri, delayMs, () => {
      try {
        publish(uri);
      } catch (error) {
        logError(`diagnostics for ${uri}`, error);
      }
    });
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
        store.reset(analyzerFor(settings));
        published.clear();
        for (const doc of documents.all()) schedule(doc.uri, 0);
      }
    } catch (error) {
      logError('reading settings', error);
    }
    if (canRefreshInlayHints) connection.languages.inlayHint.refresh().catch((e) => logError('inlay hint refresh', e));
    if (canRefreshCodeLens) connection.sendRequest('workspace/codeLens/refresh').catch((e) => logError('code lens refresh', e));
  }

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    pullConfiguration = caps.workspace?.configuration === true;
    canRefreshInlayHints = caps.workspace?.inlayHint?.refreshSupport === true;
    canRefreshCodeLens = caps.workspace?.codeLens?.refreshSupport === true;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings !== undefined) settings = parseSettings(init.settings);
    store.reset(analyzerFor(settings));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        inlayHintProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'shapelens' },
    };
  });

  connection.onInitialized(async () => {
    if (pullConfiguration) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'shapelens' })
        .catch((e) => logError('registering for settings changes', e));
      await loadSettings();
    }
  });

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
    }),
  );
  documents.onDidChangeContent(
    guarded('didChange', undefined, (e) => {
      if (justOpened.delete(e.document.uri)) return;
      schedule(e.document.uri, settings.debounceMs);
    }),
  );
  documents.onDidClose(
    guarded('didClose', undefined, (e) => {
      scheduler.cancel(e.document.uri);
      store.forget(e.document.uri);
      published.delete(e.document.uri);
      connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
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
      return view ? codeLenses(view, p.textDocument.uri) : [];
    }),
  );

  connection.onCodeAction(
    guarded('codeAction', [], (p) => {
      const view = viewOf(p.textDocument.uri);
      return view ? codeActions(view, p.textDocument.uri, p.range, p.context.diagnostics) : [];
    }),
  );

  connection.onRequest(
    MODELS_REQUEST,
    guarded('models request', null, (p: DocumentParams): ModelsResult | null => {
      const view = viewOf(p.uri);
      return view ? toFileReport(view, view.fileName) : null;
    }),
  );

  connection.onRequest(
    SUMMARY_REQUEST,
    guarded('summary request', { text: '' }, (p: DocumentParams & { model?: number }): SummaryResult => {
      const view = viewOf(p.uri);
      if (!view) return { text: 'ShapeLens has no analysis of this document: it is not open, or shapelens.enable is off.' };
      if (view.models.length === 0) return { text: 'No TensorFlow.js models found in this file.' };
      const one = typeof p.model === 'number' && view.models[p.model] !== undefined;
      return { text: one ? modelSummaryText(view, p.model as number) : formatSummary(view) };
    }),
  );

  connection.onShutdown(() => scheduler.dispose());

  documents.listen(connection);
  connection.listen();
}
