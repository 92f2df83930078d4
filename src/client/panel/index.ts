// The panel host: the `shapelens.openPanel` command and the serializer that brings the panel
// back after a reload. One panel at a time; opening it again reveals the existing one.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PanelSession, VIEW_TYPE, isModelSource, localAnalysisInput, webviewOptions } from './panelSession';
import { notebookCellOf } from '../notebookCells';
import { restorableDocumentUri } from './restoreTarget';
import { LocalAnalysisWorker } from './localReport';
import { localAnalysisStart } from '../bootBundles';
import { MODEL_SCAN_CHARS, markPanelUsed, warmLocalAnalysisNow } from './panelUsed';
import type { ModelsChanged } from '../modelsChanged';

export function registerPanel(context: vscode.ExtensionContext, client: LanguageClient, modelsChanged: ModelsChanged): vscode.Disposable {
  let session: PanelSession | undefined;
  // One worker for every panel of the window, ended when idle and with the extension.
  const localAnalysis = new LocalAnalysisWorker(localAnalysisStart(context));
  const storage = context.globalStorageUri.scheme === 'file' ? context.globalStorageUri.fsPath : undefined;
  const firstModelEditor = startLocalAnalysisEarly(localAnalysis, storage);

  const activeSourceDocument = (): vscode.TextDocument | undefined => {
    const doc = vscode.window.activeTextEditor?.document;
    return doc && isModelSource(doc) ? doc : vscode.window.visibleTextEditors.map((e) => e.document).find(isModelSource);
  };

  const adopt = (panel: vscode.WebviewPanel, doc: vscode.TextDocument | undefined): PanelSession => {
    session?.dispose();
    const created = new PanelSession(panel, context.extensionUri, client, localAnalysis, modelsChanged, doc, () => {
      if (session === created) session = undefined;
    });
    session = created;
    return created;
  };

  const open = vscode.commands.registerCommand('shapelens.openPanel', () => {
    if (storage) markPanelUsed(storage);
    if (session) {
      session.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'ShapeLens',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(context.extensionUri),
    );
    // The webview posts 'ready' once loaded; the session answers with the report then.
    adopt(panel, activeSourceDocument());
  });

  const serializer = vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      // The webview keeps the followed file's URI in its state (`documentUri`); reopen that one
      // if it is a model source inside the workspace and still there.
      const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
      const uri = restorableDocumentUri(state, folders);
      let doc = activeSourceDocument();
      if (uri) {
        try {
          const opened = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
          if (isModelSource(opened)) doc = opened;
        } catch {
          // the file is gone; follow the active editor instead
        }
      }
      adopt(panel, doc);
    },
  });

  return vscode.Disposable.from(open, serializer, {
    dispose: () => {
      firstModelEditor?.dispose();
      session?.dispose();
      localAnalysis.dispose();
    },
  });
}

/**
 * Starts the local-analysis worker now where the panel was used before or the active file
 * (a script, not a notebook cell) builds a model (panelUsed.ts), analysing that file ahead: a panel opened soon after then gets
 * the worker's kept report instead of waiting for the bundle to load. Activation may come
 * before the editor that caused it is active: then the first model file made active in this
 * window starts it (once; the returned listener ends there). An unused worker ends after
 * LOCAL_ANALYSIS_IDLE_MS.
 */
function startLocalAnalysisEarly(worker: LocalAnalysisWorker, storage: string | undefined): vscode.Disposable | undefined {
  // Only a file the local analysis would answer for (a notebook's cells are the server's to
  // join) is looked at and analysed ahead; only its head is read, however big the file.
  const candidate = (doc: vscode.TextDocument | undefined): doc is vscode.TextDocument => doc !== undefined && isModelSource(doc) && !notebookCellOf(doc);
  const head = (doc: vscode.TextDocument): string => doc.getText(new vscode.Range(doc.positionAt(0), doc.positionAt(MODEL_SCAN_CHARS)));
  const active = vscode.window.activeTextEditor?.document;
  const activeCandidate = candidate(active) ? active : undefined;
  if (warmLocalAnalysisNow(storage, activeCandidate && head(activeCandidate))) {
    worker.warm(activeCandidate && localAnalysisInput(activeCandidate));
    return undefined;
  }
  const listener = vscode.window.onDidChangeActiveTextEditor((editor) => {
    const doc = editor?.document;
    if (!candidate(doc) || !warmLocalAnalysisNow(undefined, head(doc))) return;
    worker.warm(localAnalysisInput(doc));
    listener.dispose();
  });
  return listener;
}
