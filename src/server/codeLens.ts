// Code lenses above each model: its size, and the two ways to look closer.
import { CodeLens, Range } from 'vscode-languageserver';
import type { FileAnalysis } from '../core/types';
import { modelHeadline } from './describe';
import { OPEN_PANEL_COMMAND, SHOW_SUMMARY_COMMAND } from './protocol';

export function codeLenses(analysis: FileAnalysis, uri: string): CodeLens[] {
  const lenses: CodeLens[] = [];
  analysis.models.forEach((model, modelIndex) => {
    const start = analysis.lines.positionAt(model.graph.span.start);
    const range: Range = { start, end: start };
    const args = [uri, modelIndex];
    lenses.push(
      { range, command: { title: modelHeadline(model), command: SHOW_SUMMARY_COMMAND, arguments: args } },
      { range, command: { title: 'Show summary', command: SHOW_SUMMARY_COMMAND, arguments: args } },
      { range, command: { title: 'Open panel', command: OPEN_PANEL_COMMAND, arguments: args } },
    );
  });
  return lenses;
}
