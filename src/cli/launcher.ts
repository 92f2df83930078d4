// What bin/shapelens.js starts: a small bundle (dist/launcher.js) that runs the CLI's real
// bundle (dist/cli.js) on a thread with a large stack (largeStack.ts), or, for the language
// server, which reads the process's own stdin, on this thread. Loading the 11 MB CLI bundle
// here too would cost its compile twice; this file imports only what it needs to decide.
import * as path from 'path';
import { parseArgs } from './args';
import { runWithLargeStack } from './largeStack';

function runHere(cli: string): void {
  // A run-time require: the CLI is its own bundle, next to this one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(cli) as { main(): void }).main();
}

export function launch(): void {
  const cli = path.join(__dirname, 'cli.js');
  const argv = process.argv.slice(2);
  const terminal = {
    isTty: process.stdout.isTTY === true,
    // As Keras's shutil.get_terminal_size: COLUMNS, else the terminal, else 80.
    columns: Number(process.env.COLUMNS) || (process.stdout.isTTY ? process.stdout.columns : 80),
  };
  if (parseArgs(argv).kind === 'lsp' || !runWithLargeStack(cli, argv, terminal)) runHere(cli);
}
