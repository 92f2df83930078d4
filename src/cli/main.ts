// The `shapelens` command: analyse files like eslint does, for terminals and CI.
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../core/analyze';
import type { FileReport } from '../core/report';
import { toFileReport } from '../core/reportJson';
import { parseArgs, USAGE, type CliOptions } from './args';
import { expandFileArgs } from './files';
import { formatFileText, formatTally, tallyOf } from './textOutput';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  isTty: boolean;
  /** The terminal width, for Keras-style tables (Keras adapts its summary to it). */
  columns?: number;
}

function analyzeFile(file: string, options: CliOptions): FileReport {
  const text = fs.readFileSync(file, 'utf8');
  const analysis = analyzeText(text, file, {
    ...(options.maxLayerParams !== undefined ? { maxLayerParams: options.maxLayerParams } : {}),
    ...(options.maxTotalParams !== undefined ? { maxTotalParams: options.maxTotalParams } : {}),
  });
  if (analysis.unreadable) throw new Error(analysis.unreadable);
  const report = toFileReport(analysis, file);
  return options.quiet ? { ...report, diagnostics: report.diagnostics.filter((d) => d.severity === 'error') } : report;
}

/** Runs the CLI and returns its exit code (0 clean, 1 error findings, 2 usage/unreadable). */
export function runCli(argv: readonly string[], io: CliIo): number {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') {
    io.out(USAGE + '\n');
    return 0;
  }
  if (parsed.kind === 'version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.err(`shapelens: ${parsed.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.kind === 'lsp') {
    // The server is its own bundle (dist/server.js) and reads --stdio / --node-ipc itself;
    // a run-time require keeps it out of the CLI bundle.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(__dirname, 'server.js'));
    return -1; // keep running
  }
  const { options } = parsed;
  const color = options.color && io.isTty && !options.json;
  const { files, problems } = expandFileArgs(options.patterns);
  let unreadable = problems.length > 0;
  for (const p of problems) io.err(`shapelens: ${p.arg}: ${p.message}\n`);

  const reports: FileReport[] = [];
  for (const file of files) {
    try {
      const report = analyzeFile(file, options);
      reports.push(report);
      if (!options.json) io.out(formatFileText(report, { summary: options.summary, color, terminalColumns: io.columns }) + '\n');
    } catch (err) {
      unreadable = true;
      io.err(`shapelens: ${file}: cannot read: ${(err as Error).message}\n`);
    }
  }
  const tally = tallyOf(reports);
  if (options.json) io.out(JSON.stringify(reports, null, 2) + '\n');
  else io.out(formatTally(tally, reports.length, color) + '\n');
  if (unreadable) return 2;
  return tally.errors > 0 ? 1 : 0;
}

const VERSION = readVersion();

function readVersion(): string {
  // dist/cli.js and src/cli/main.ts both sit two folders below package.json at most.
  for (const candidate of [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', '..', 'package.json')]) {
    try {
      return (JSON.parse(fs.readFileSync(candidate, 'utf8')) as { version: string }).version;
    } catch {
      // try the next location
    }
  }
  return 'unknown';
}

/** Entry point for bin/shapelens.js. */
export function main(): void {
  const code = runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTty: process.stdout.isTTY === true,
    // As Keras's shutil.get_terminal_size: COLUMNS, else the terminal, else 80.
    columns: Number(process.env.COLUMNS) || (process.stdout.isTTY ? process.stdout.columns : 80),
  });
  if (code >= 0) process.exitCode = code;
}

if (require.main === module) main();
