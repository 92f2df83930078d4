// The core's front door: source text in, facts out. Every adapter (CLI, language server,
// panel) calls this and nothing deeper. The file's language picks the front end (TS/JS or
// Python; a notebook is read as its code cells); infer, lint and the report are shared.
// Editors that analyse one document over and over use IncrementalAnalyzer (incremental.ts),
// which gives the same results faster.
import { DEFAULT_LIMITS, extractWithLimits } from './lang/typescript/extract';
import { parseSource, type SourceParser } from './lang/typescript/parse';
import { analyzePython, type PythonSource } from './lang/python/analyzePython';
import { inferModel } from './infer';
import { languageOfFile } from './language';
import { createLineIndex } from './lineIndex';
import { DEFAULT_LINT_OPTIONS, lint } from './lint';
import type { FileAnalysis, LintOptions, SourceLanguage } from './types';

export { DEFAULT_LINT_OPTIONS };

export interface AnalyzeOptions extends Partial<LintOptions> {
  /** The language when the file name does not say (an editor's language id); else by extension. */
  readonly language?: SourceLanguage;
}

export function analyzeText(text: string, fileName: string, options?: AnalyzeOptions): FileAnalysis {
  const language = options?.language ?? languageOfFile(fileName);
  if (language === 'python') return analyzePythonText(text, fileName, options);
  return analyzeWithParser(text, fileName, options, parseSource);
}

/** Python source given as a script's text or as a notebook's cells (the language server's view). */
export function analyzePythonText(text: string | PythonSource, fileName: string, options?: Partial<LintOptions>): FileAnalysis {
  return analyzePython(text, fileName, { ...DEFAULT_LINT_OPTIONS, ...options });
}

/** analyzeText for TS/JS with the parse step supplied (the incremental analyzer's entry). */
export function analyzeWithParser(text: string, fileName: string, options: Partial<LintOptions> | undefined, parse: SourceParser): FileAnalysis {
  const lintOptions: LintOptions = { ...DEFAULT_LINT_OPTIONS, ...options };
  const extracted = extractWithLimits(text, fileName, DEFAULT_LIMITS, parse);
  const models = extracted.models.map((graph) => inferModel(graph));
  return {
    fileName,
    models,
    findings: lint(text, models, extracted.problems, lintOptions),
    syntaxErrors: extracted.syntaxErrors,
    importsTf: extracted.importsTf,
    lines: createLineIndex(text),
    language: 'typescript',
  };
}
