// The server's `shapelens/modelsChanged` notification (protocol.ts) as a VS Code event. The
// language client keeps one handler per notification method, so it is registered here once and
// views listen to this event: the panel, which must not re-ask at every publish (its own edits
// refresh it). The status bar re-asks at every publish for its document, which covers this too.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MODELS_CHANGED_NOTIFICATION, type DocumentParams } from '../server/protocol';
import { notebookCellOf } from './notebookCells';

export type ModelsChanged = vscode.Event<string>;

/** Fires with the URI of a document (or notebook) the server analysed again because an import changed. */
export function modelsChangedEvent(client: LanguageClient): { readonly event: ModelsChanged; readonly disposable: vscode.Disposable } {
  const emitter = new vscode.EventEmitter<string>();
  const handler = client.onNotification(MODELS_CHANGED_NOTIFICATION, (p: DocumentParams) => emitter.fire(p.uri));
  return { event: emitter.event, disposable: vscode.Disposable.from(handler, emitter) };
}

/** The URI the server analyses `doc` under: its notebook's for a cell, else its own. */
export function analysedUri(doc: vscode.TextDocument): string {
  return (notebookCellOf(doc)?.notebook.uri ?? doc.uri).toString();
}
