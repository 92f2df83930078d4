// Status bar: total params of the model under the cursor (or the file's first model);
// clicking opens its summary.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { formatBytes, formatParamsTotal } from '../core/format';
import type { FileReport } from '../core/report';
import { MODELS_REQUEST } from '../server/protocol';
import { isModelLanguage } from './languages';
import { notebookCellOf } from './notebookCells';
import { modelAt } from './panel/cursor';

const UPDATE_DELAY_MS = 400;

export function registerStatusBar(context: vscode.ExtensionContext, client: LanguageClient): void {
  const item = vscode.window.createStatusBarItem('shapelens.model', vscode.StatusBarAlignment.Right, 100);
  item.name = 'ShapeLens model size';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0; // answers to superseded requests are dropped

  const update = async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    const mine = ++generation;
    if (!editor || !isModelLanguage(editor.document.languageId)) {
      item.hide();
      return;
    }
    const uri = editor.document.uri.toString();
    let report: FileReport | null = null;
    try {
      report = await client.sendRequest<FileReport | null>(MODELS_REQUEST, { uri });
    } catch {
      report = null; // server not ready or restarting: show nothing rather than an error
    }
    if (mine !== generation) return;
    if (!report || report.models.length === 0) {
      item.hide();
      return;
    }
    const index = modelAt(report, { line: editor.selection.active.line + 1, cell: notebookCellOf(editor.document)?.cell }).model;
    const model = report.models[index];
    const params = `${formatParamsTotal(model.totalParams, model.paramsRange) ?? '?'} params`;
    item.text = `$(symbol-structure) ${params}`;
    const size = model.weightBytes === null ? '' : ` · ${formatBytes(model.weightBytes)} of float32 weights`;
    const where = model.cell !== undefined ? `cell ${model.cell}, line ${model.line}` : `line ${model.line}`;
    item.tooltip = `ShapeLens: ${model.name ? `"${model.name}"` : 'model'} (${where})${size}. Click for the summary.`;
    item.command = { title: 'Show Model Summary', command: 'shapelens.showSummary', arguments: [uri, index] };
    item.show();
  };

  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), UPDATE_DELAY_MS);
  };

  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    vscode.window.onDidChangeTextEditorSelection(later),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) later();
    }),
    // The server published for the active document: its first analysis of a document just
    // opened (a request before it found none), or again because a file it imports changed
    // (the server republishes every dependent). Shares the timer with edits: one request.
    vscode.languages.onDidChangeDiagnostics((e) => {
      const doc = vscode.window.activeTextEditor?.document;
      if (doc && e.uris.some((u) => u.toString() === doc.uri.toString())) later();
    }),
    { dispose: () => clearTimeout(timer) },
  );
  void update();
}
