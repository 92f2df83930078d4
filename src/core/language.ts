// Which front end reads a file: by extension, as the CLI sees files, or by the editor's
// language id. Python scripts and Jupyter notebooks share the Python front end.
import type { SourceLanguage } from './types';

const PYTHON_EXTENSIONS = ['.py', '.pyw', '.ipynb'];

export function isNotebookFile(fileName: string): boolean {
  return fileName.toLowerCase().endsWith('.ipynb');
}

export function languageOfFile(fileName: string): SourceLanguage {
  const lower = fileName.toLowerCase();
  return PYTHON_EXTENSIONS.some((e) => lower.endsWith(e)) ? 'python' : 'typescript';
}
