// Entry of dist/server.js. The transport comes from argv (`--stdio`, `--node-ipc`,
// `--socket=<port>`), as every LSP client passes it; `shapelens --lsp --stdio` ends up here too.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

process.on('uncaughtException', (error) => {
  // Keep serving: a bug in one request must not take the editor's features down.
  process.stderr.write(`shapelens: uncaught ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
});

startServer(createConnection(ProposedFeatures.all));
