// Small helpers shared by the LSP tests.
import type { Range } from 'vscode-languageserver-protocol';
import { offsetAt } from './lspClient';

/** The text a range covers. */
export function rangeText(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

let counter = 0;
/** A fresh document URI per test, so tests never see each other's documents. */
export function freshUri(name = 'model.ts'): string {
  counter += 1;
  return `file:///workspace/t${counter}/${name}`;
}
