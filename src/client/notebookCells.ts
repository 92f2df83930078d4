// Where an editor document sits in a notebook: the 1-based number of its code cell, counted as
// the server counts (the Python code cells it is sent, in order; markdown cells are not).
import * as vscode from 'vscode';

/** The notebook holding a cell document, and the cell's number; undefined for a plain file. */
export function notebookCellOf(doc: vscode.TextDocument): { notebook: vscode.NotebookDocument; cell: number } | undefined {
  if (doc.uri.scheme !== 'vscode-notebook-cell') return undefined;
  for (const notebook of vscode.workspace.notebookDocuments) {
    let number = 0;
    for (const cell of notebook.getCells()) {
      if (cell.kind !== vscode.NotebookCellKind.Code || cell.document.languageId !== 'python') continue;
      number++;
      if (cell.document === doc) return { notebook, cell: number };
    }
  }
  return undefined;
}

/** The code cell document with that number (as notebookCellOf counts), if the notebook has it. */
export function cellDocument(notebook: vscode.NotebookDocument, cell: number): vscode.TextDocument | undefined {
  let number = 0;
  for (const c of notebook.getCells()) {
    if (c.kind !== vscode.NotebookCellKind.Code || c.document.languageId !== 'python') continue;
    if (++number === cell) return c.document;
  }
  return undefined;
}
