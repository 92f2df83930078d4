// Code lenses above each model: its size, and the two ways to look closer.
import { CodeLens, Range } from 'vscode-languageserver';
import { modelHeadline } from './describe';
import type { DocumentView } from './documentView';
import { OPEN_PANEL_COMMAND, SHOW_SUMMARY_COMMAND } from './protocol';

/** Lenses above the models whose construction starts in the view's document. */
export function codeLenses(view: DocumentView): CodeLens[] {
  const lenses: CodeLens[] = [];
  view.analysis.models.forEach((model, modelIndex) => {
    if (!view.contains(model.graph.span.start)) return;
    const start = view.lines.positionAt(model.graph.span.start);
    const range: Range = { start, end: start };
    const args = [view.uri, modelIndex];
    lenses.push(
      { range, command: { title: modelHeadline(model), command: SHOW_SUMMARY_COMMAND, arguments: args } },
      { range, command: { title: 'Show summary', command: SHOW_SUMMARY_COMMAND, arguments: args } },
      { range, command: { title: 'Open panel', command: OPEN_PANEL_COMMAND, arguments: args } },
    );
  });
  return lenses;
}
