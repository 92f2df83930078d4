// A synced notebook (LSP 3.17 notebook documents) as the store's SourceDocument: its Python code
// cells in notebook order. Cells reach the server only through notebookDocument/* and only
// when they match the selector (python code cells; markdown cells are not sent), so the cells
// listed here are exactly the code cells the CLI counts in the .ipynb, numbered the same way.
import { NotebookCellKind, type NotebookDocument, type NotebookDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { programFromCells } from '../core/lang/python/notebook';
import type { SourceDocument } from './analysisStore';

/** The store's language id for a whole notebook (its cells are `python`). */
export const NOTEBOOK_LANGUAGE = 'jupyter-notebook';

export interface NotebookSource {
  readonly source: SourceDocument;
  /** Code cell URIs in order: cell N (1-based) is cellUris[N - 1]. */
  readonly cellUris: readonly string[];
  /** Each cell document's version, for publishing diagnostics. */
  readonly cellVersions: readonly number[];
}

export function notebookSource(notebook: NotebookDocument, notebooks: NotebookDocuments<TextDocument>): NotebookSource {
  const cellUris: string[] = [];
  const cellVersions: number[] = [];
  const texts: string[] = [];
  for (const cell of notebook.cells) {
    if (cell.kind !== NotebookCellKind.Code) continue;
    const doc = notebooks.getCellTextDocument(cell);
    if (!doc || doc.languageId !== 'python') continue;
    cellUris.push(cell.document);
    cellVersions.push(doc.version);
    texts.push(doc.getText());
  }
  // Every cell's text and the structure decide the analysis: the key says exactly that.
  const version = `${notebook.version}:${cellUris.map((u, i) => `${u}@${cellVersions[i]}`).join('|')}`;
  return {
    source: { uri: notebook.uri, version, languageId: NOTEBOOK_LANGUAGE, text: programFromCells(texts).text, cells: texts },
    cellUris,
    cellVersions,
  };
}
