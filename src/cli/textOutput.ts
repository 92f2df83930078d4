// Human output: summary tables per file, then eslint-style findings
// `file:line:col  severity  message  code`, then a one-line tally.
import type { DiagnosticReport, FileReport } from '../core/report';
import { formatSummaryReport } from '../core/summary';

export interface Tally {
  errors: number;
  warnings: number;
  infos: number;
}

const ANSI = { red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

export function paint(color: boolean, code: keyof typeof ANSI, text: string): string {
  return color ? `${ANSI[code]}${text}${ANSI.reset}` : text;
}

const SEVERITY_COLOR = { error: 'red', warning: 'yellow', info: 'cyan' } as const;

export function findingLine(file: string, d: DiagnosticReport, color: boolean): string {
  const where = d.cell !== undefined ? `${file}:cell ${d.cell}:${d.line}:${d.column}` : `${file}:${d.line}:${d.column}`;
  const severity = paint(color, SEVERITY_COLOR[d.severity], d.severity.padEnd(7));
  return `${where}  ${severity}  ${d.message}  ${paint(color, 'dim', d.code)}`;
}

export function formatFileText(report: FileReport, opts: { summary: boolean; color: boolean; terminalColumns?: number }): string {
  const parts: string[] = [];
  parts.push(paint(opts.color, 'bold', report.file));
  if (report.syntaxErrors) {
    parts.push(paint(opts.color, 'yellow', '  this file has syntax errors: analysed as far as the parser could recover'));
  }
  if (opts.summary) parts.push(formatSummaryReport({ ...report, diagnostics: [] }, { terminalColumns: opts.terminalColumns }).trimEnd());
  for (const d of report.diagnostics) parts.push(findingLine(report.file, d, opts.color));
  return parts.join('\n') + '\n';
}

export function tallyOf(reports: readonly FileReport[]): Tally {
  const t: Tally = { errors: 0, warnings: 0, infos: 0 };
  for (const r of reports)
    for (const d of r.diagnostics) {
      if (d.severity === 'error') t.errors++;
      else if (d.severity === 'warning') t.warnings++;
      else t.infos++;
    }
  return t;
}

export function formatTally(t: Tally, files: number, color: boolean): string {
  const total = t.errors + t.warnings + t.infos;
  const line = `${total === 0 ? '✔' : '✖'} ${files} file${files === 1 ? '' : 's'}, ${total} finding${total === 1 ? '' : 's'} (${t.errors} error${t.errors === 1 ? '' : 's'}, ${t.warnings} warning${t.warnings === 1 ? '' : 's'}, ${t.infos} info)`;
  return paint(color, t.errors > 0 ? 'red' : total > 0 ? 'yellow' : 'bold', line);
}
