// The VS Code extension: starts the language server (which owns every editor feature) and
// adds what LSP cannot express: the summary document, the status bar item and the panel.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { serverStart } from './bootBundles';
import { DOCUMENT_SELECTOR } from './languages';
import { modelsChangedEvent } from './modelsChanged';
import { registerPanel } from './panel';
import { registerStatusBar } from './statusBar';
import { registerSummaryDocument } from './summaryDocument';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const boot = serverStart(context);
  const serverOptions: ServerOptions = {
    run: { module: boot.module, args: boot.args, transport: TransportKind.ipc },
    // Debugging runs the bundle itself: breakpoints map onto it, and --nolazy compiles everything anyway.
    debug: { module: context.asAbsolutePath('dist/server.js'), transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'shapelens' },
  };
  client = new LanguageClient('shapelens', 'ShapeLens', serverOptions, clientOptions);

  registerSummaryDocument(context, client);
  const modelsChanged = modelsChangedEvent(client);
  registerStatusBar(context, client);
  context.subscriptions.push(modelsChanged.disposable, registerPanel(context, client, modelsChanged.event), client);

  // Not awaited: activation stays cheap; requests wait for the server on their own.
  const running = client;
  client.start().then(
    () => running.outputChannel.appendLine(`ShapeLens activated in ${(performance.now() - started).toFixed(1)} ms (server start included)`),
    (error: unknown) => void vscode.window.showErrorMessage(`ShapeLens: the language server did not start: ${String(error)}`),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
