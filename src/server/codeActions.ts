// Quick fixes: one code action per fix the engine attached to a finding.
import { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit } from 'vscode-languageserver';
import type { FileAnalysis } from '../core/types';
import { toDiagnostic, toRange } from './diagnostics';

function overlaps(a: Range, b: Range): boolean {
  const le = (x: Range['start'], y: Range['start']): boolean =>
    x.line < y.line || (x.line === y.line && x.character <= y.character);
  return le(a.start, b.end) && le(b.start, a.end);
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.code === b.code &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}

export function codeActions(
  analysis: FileAnalysis,
  uri: string,
  range: Range,
  contextDiagnostics: readonly Diagnostic[],
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const finding of analysis.findings) {
    if (!finding.fixes || finding.fixes.length === 0) continue;
    const ours = toDiagnostic(finding, analysis.lines, uri);
    if (!overlaps(ours.range, range)) continue;
    // Tie the action to the client's own diagnostic object when it sent it.
    const diagnostic = contextDiagnostics.find((d) => sameDiagnostic(d, ours)) ?? ours;
    finding.fixes.forEach((fix, i) => {
      const edits: TextEdit[] = fix.edits.map((e) => ({ range: toRange(analysis.lines, e.span), newText: e.newText }));
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: i === 0,
        edit: { changes: { [uri]: edits } },
      });
    });
  }
  return actions;
}
