// The documents ShapeLens analyses. Schemes: local files, unsaved buffers and virtual
// workspaces (we only ever read the text the editor hands us).
import type { DocumentSelector } from 'vscode-languageclient/node';

export const MODEL_LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;
const SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-remote'] as const;

export const DOCUMENT_SELECTOR: DocumentSelector = MODEL_LANGUAGES.flatMap((language) =>
  SCHEMES.map((scheme) => ({ language, scheme })),
);

export function isModelLanguage(languageId: string): boolean {
  return (MODEL_LANGUAGES as readonly string[]).includes(languageId);
}
