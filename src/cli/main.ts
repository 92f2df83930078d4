// The `shapelens` command: analyse files like eslint does, for terminals and CI.
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../core/analyze';
import { MAX_FILE_CHARS } from '../core/lang/typescript/extract';
import type { FileReport } from '../core/report';
import { toFileReport } from '../core/reportJson';
import { parseArgs, USAGE, type CliOptions } from './args';
import { describeError, expandFileArgs } from './files';
import { readSourceFile } from './readSource';
import { workerIo } from './largeStack';
import { formatFileText, formatTally, tallyOf } from './textOutput';
import { importGate } from '../core/workspace/importGate';
import { Workspace } from '../core/workspace/workspace';
import { corePath, DiskFiles, projectRootOf } from './diskFiles';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  isTty: boolean;
  /** The terminal width, for Keras-style tables (Keras adapts its summary to it). */
  columns?: number;
}

/** A file that is not analysed: what it is instead. Thrown by analyzeFile. */
class SkippedFile extends Error {}

/** The report the analyzers give a file above their limit, for one too large even to read. */
function tooLargeReport(file: string, bytes: number, firstLine: number): FileReport {
  const mb = (bytes / (1024 * 1024)).toFixed(1);
  const message = `ShapeLens skipped this file: it is ${mb} MB, above the ${MAX_FILE_CHARS / (1024 * 1024)} MB limit for analysis.`;
  const range = { line: 1, column: 1, endLine: 1, endColumn: firstLine + 1 };
  return { file, models: [], diagnostics: [{ ...range, severity: 'info', code: 'file/too-large', message }], syntaxErrors: false };
}

function analyzeFile(file: string, options: CliOptions, workspace: Workspace): FileReport {
  const read = readSourceFile(file);
  if (read.kind === 'not-a-file') throw new SkippedFile(`skipped: ${read.what}, not a regular file`);
  if (read.kind === 'too-large') return tooLargeReport(file, read.bytes, read.firstLine);
  const text = read.text;
  // Imports of the project's own files are read from disk, relative to this file, where the
  // file or one it imports directly names the library (the editor's rule: importGate.ts).
  const project = { workspace, root: projectRootOf(file), path: corePath(file) };
  const python = /\.(py|ipynb)$/i.test(file);
  const gate = importGate(text, project.path, project.root, python, (p) => workspace.readText(p, project.root));
  const analysis = analyzeText(text, file, {
    ...(gate.follow ? { project } : {}),
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
  // One index for the run: a module imported by many files is read and evaluated once.
  const workspace = new Workspace(new DiskFiles());
  for (const file of files) {
    try {
      const report = analyzeFile(file, options, workspace);
      reports.push(report);
      if (!options.json) io.out(formatFileText(report, { summary: options.summary, color, terminalColumns: io.columns }) + '\n');
    } catch (err) {
      unreadable = true;
      io.err(`shapelens: ${file}: ${err instanceof SkippedFile ? err.message : `cannot read: ${describeError(err)}`}\n`);
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

/**
 * Entry point of dist/cli.js: on the large-stack thread bin/shapelens.js starts
 * (launcher.ts), or on the main thread (the language server, `node dist/cli.js`).
 */
export function main(): void {
  const onThread = workerIo();
  const code = runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    ...(onThread ?? {
      isTty: process.stdout.isTTY === true,
      // As Keras's shutil.get_terminal_size: COLUMNS, else the terminal, else 80.
      columns: Number(process.env.COLUMNS) || (process.stdout.isTTY ? process.stdout.columns : 80),
    }),
  });
  if (code >= 0) process.exitCode = code;
}

if (require.main === module) main();
