// Quick fixes: one code action per fix the engine attached to a finding.
import { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit } from 'vscode-languageserver';
import { findingsIn, toDiagnostic } from './diagnostics';
import type { DocumentView } from './documentView';

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

export function codeActions(view: DocumentView, range: Range, contextDiagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const finding of findingsIn(view)) {
    if (!finding.fixes || finding.fixes.length === 0) continue;
    const ours = toDiagnostic(finding, view);
    if (!overlaps(ours.range, range)) continue;
    // Tie the action to the client's own diagnostic object when it sent it.
    const diagnostic = contextDiagnostics.find((d) => sameDiagnostic(d, ours)) ?? ours;
    finding.fixes.forEach((fix, i) => {
      // An edit lands in the document holding its span: in a notebook, possibly another cell.
      const changes: Record<string, TextEdit[]> = {};
      for (const e of fix.edits) {
        const at = view.locate(e.span);
        (changes[at.uri] ??= []).push({ range: at.range, newText: e.newText });
      }
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: i === 0,
        edit: { changes },
      });
    });
  }
  return actions;
}
