// "ShapeLens: Show Model Summary": a read-only virtual document whose text the server
// renders (`shapelens/summary`), refreshed while the source file changes.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SUMMARY_REQUEST, SummaryResult } from '../server/protocol';
import { isModelLanguage } from './languages';
import { notebookCellOf } from './notebookCells';

export const SUMMARY_SCHEME = 'shapelens-summary';
export const SUMMARY_LANGUAGE = 'shapelens-summary';
const REFRESH_DELAY_MS = 300;

function summaryUri(source: vscode.Uri, model: number | undefined): vscode.Uri {
  const base = source.path.split('/').pop() || 'untitled';
  const query = new URLSearchParams({ source: source.toString() });
  if (model !== undefined) query.set('model', String(model));
  return vscode.Uri.from({ scheme: SUMMARY_SCHEME, path: `/${base} — model summary`, query: query.toString() });
}

function sourceOf(uri: vscode.Uri): { source: string; model: number | undefined } | null {
  const query = new URLSearchParams(uri.query);
  const source = query.get('source');
  const model = query.get('model');
  return source ? { source, model: model === null ? undefined : Number(model) } : null;
}

class SummaryProvider implements vscode.TextDocumentContentProvider {
  readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const target = sourceOf(uri);
    if (!target) return 'Not a ShapeLens summary.';
    const result = await this.client.sendRequest<SummaryResult>(SUMMARY_REQUEST, {
      uri: target.source,
      model: target.model,
    });
    return result.text;
  }
}

export function registerSummaryDocument(context: vscode.ExtensionContext, client: LanguageClient): void {
  const provider = new SummaryProvider(client);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const show = async (source?: string | vscode.Uri, model?: number): Promise<void> => {
    const uri =
      typeof source === 'string' ? vscode.Uri.parse(source) : (source ?? vscode.window.activeTextEditor?.document.uri);
    if (!uri) {
      void vscode.window.showInformationMessage('ShapeLens: open a file or notebook with a TensorFlow.js or Keras model first.');
      return;
    }
    let doc = await vscode.workspace.openTextDocument(summaryUri(uri, typeof model === 'number' ? model : undefined));
    if (doc.languageId !== SUMMARY_LANGUAGE) doc = await vscode.languages.setTextDocumentLanguage(doc, SUMMARY_LANGUAGE);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  };

  // Open summaries follow their source file, once typing pauses; a notebook's follow every cell
  // of it (a constant changed in one cell changes the model built in another).
  const refresh = (e: vscode.TextDocumentChangeEvent): void => {
    if (!isModelLanguage(e.document.languageId)) return;
    const notebook = notebookCellOf(e.document)?.notebook;
    const sources = new Set(notebook ? notebook.getCells().map((c) => c.document.uri.toString()) : [e.document.uri.toString()]);
    for (const doc of vscode.workspace.textDocuments) {
      const source = doc.uri.scheme === SUMMARY_SCHEME ? sourceOf(doc.uri)?.source : undefined;
      if (source === undefined || !sources.has(source)) continue;
      const key = doc.uri.toString();
      clearTimeout(timers.get(key));
      timers.set(
        key,
        setTimeout(() => {
          timers.delete(key);
          provider.changed.fire(doc.uri);
        }, REFRESH_DELAY_MS),
      );
    }
  };

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SUMMARY_SCHEME, provider),
    vscode.commands.registerCommand('shapelens.showSummary', show),
    vscode.workspace.onDidChangeTextDocument(refresh),
    provider.changed,
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
}
