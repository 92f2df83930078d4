// Findings → LSP diagnostics.
import {
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity,
  DiagnosticTag,
  Range,
} from 'vscode-languageserver';
import type { FileAnalysis, Finding, LineIndex, Severity, Span } from '../core/types';

export const DIAGNOSTIC_SOURCE = 'shapelens';
const README_URL = 'https://github.com/shapelens/shapelens';

/**
 * The README section of a finding code. Headings are `### shape/non-positive-dim`; GitHub's
 * anchor drops `/` and other punctuation and lowercases (`#shapenon-positive-dim`).
 */
export function codeDescriptionHref(code: string): string {
  return `${README_URL}#${code.toLowerCase().replace(/[^a-z0-9_-]/g, '')}`;
}

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Tags let editors fade or strike code; only codes that clearly mean "useless" or "deprecated". */
function tagsOf(code: string): DiagnosticTag[] | undefined {
  if (/deprecated/.test(code)) return [DiagnosticTag.Deprecated];
  if (/unused|redundant|no-?op|unreachable/.test(code)) return [DiagnosticTag.Unnecessary];
  return undefined;
}

export function toDiagnostic(finding: Finding, lines: LineIndex, uri: string): Diagnostic {
  const relatedInformation: DiagnosticRelatedInformation[] | undefined = finding.related?.map((r) => ({
    location: { uri, range: toRange(lines, r.span) },
    message: r.message,
  }));
  const diagnostic: Diagnostic = {
    range: toRange(lines, finding.span),
    severity: SEVERITY[finding.severity] ?? DiagnosticSeverity.Warning,
    code: finding.code,
    codeDescription: { href: codeDescriptionHref(finding.code) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (relatedInformation && relatedInformation.length > 0) diagnostic.relatedInformation = relatedInformation;
  const tags = tagsOf(finding.code);
  if (tags) diagnostic.tags = tags;
  return diagnostic;
}

export function diagnosticsOf(analysis: FileAnalysis, uri: string): Diagnostic[] {
  return analysis.findings.map((f) => toDiagnostic(f, analysis.lines, uri));
}
