// The documents ShapeLens analyses. Schemes: local files, unsaved buffers and virtual
// workspaces (we only ever read the text the editor hands us). Notebooks: the Python cells of
// Jupyter notebooks; without the notebook-cell filter VS Code sends no hover or inlay-hint
// requests for cells, and their text arrives through notebookDocument/* only.
import type { DocumentSelector } from 'vscode-languageclient/node';

export const MODEL_LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python'] as const;
const SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-remote'] as const;

export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...MODEL_LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme }))),
  { notebook: 'jupyter-notebook', language: 'python' },
];

export function isModelLanguage(languageId: string): boolean {
  return (MODEL_LANGUAGES as readonly string[]).includes(languageId);
}
