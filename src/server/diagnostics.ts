// Findings → LSP diagnostics.
import { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import type { Finding, Severity } from '../core/types';
import type { DocumentView } from './documentView';

export const DIAGNOSTIC_SOURCE = 'shapelens';
const README_URL = 'https://github.com/shapelens/shapelens';

/**
 * The README section of a finding code. Headings are `### shape/non-positive-dim`; GitHub's
 * anchor drops `/` and other punctuation and lowercases (`#shapenon-positive-dim`).
 */
export function codeDescriptionHref(code: string): string {
  return `${README_URL}#${code.toLowerCase().replace(/[^a-z0-9_-]/g, '')}`;
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

/** The diagnostic of a finding in `view`'s document; related spans may point into other cells. */
export function toDiagnostic(finding: Finding, view: DocumentView): Diagnostic {
  const relatedInformation: DiagnosticRelatedInformation[] | undefined = finding.related?.map((r) => ({
    location: view.locate(r.span),
    message: r.message,
  }));
  const diagnostic: Diagnostic = {
    range: view.locate(finding.span).range,
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

/** The findings that start in the view's document (a notebook cell gets its own). */
export function findingsIn(view: DocumentView): Finding[] {
  return view.analysis.findings.filter((f) => view.contains(f.span.start));
}

export function diagnosticsOf(view: DocumentView): Diagnostic[] {
  return findingsIn(view).map((f) => toDiagnostic(f, view));
}
