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
import type { ImportSession, ProjectContext } from './workspace/workspace';

export { DEFAULT_LINT_OPTIONS };

/** What analysis takes besides the text: lint options, and the project whose files its imports may name. */
export interface AnalysisOptions extends Partial<LintOptions> {
  /** Follow imports of the project's own files (workspace/). Absent: every such import is Unknown. */
  readonly project?: ProjectContext;
}

export interface AnalyzeOptions extends AnalysisOptions {
  /** The language when the file name does not say (an editor's language id); else by extension. */
  readonly language?: SourceLanguage;
}

export function analyzeText(text: string, fileName: string, options?: AnalyzeOptions): FileAnalysis {
  const language = options?.language ?? languageOfFile(fileName);
  if (language === 'python') return analyzePythonText(text, fileName, options);
  return analyzeWithParser(text, fileName, options, parseSource);
}

/** One analysis's session with the project, when imports are followed. */
function sessionOf(options: AnalysisOptions | undefined): ImportSession | null {
  const p = options?.project;
  return p ? p.workspace.session(p.path, p.root) : null;
}

/** The files the session read, for FileAnalysis.dependencies (absent when none). */
export function withDependencies(analysis: FileAnalysis, session: ImportSession | null): FileAnalysis {
  return session && session.dependencies.size > 0 ? { ...analysis, dependencies: [...session.dependencies] } : analysis;
}

function lintOptionsOf(options: AnalysisOptions | undefined): LintOptions {
  const { project: _project, ...lintOptions } = options ?? {};
  return { ...DEFAULT_LINT_OPTIONS, ...lintOptions };
}

/** Python source given as a script's text or as a notebook's cells (the language server's view). */
export function analyzePythonText(text: string | PythonSource, fileName: string, options?: AnalysisOptions): FileAnalysis {
  const session = sessionOf(options);
  return withDependencies(analyzePython(text, fileName, lintOptionsOf(options), session), session);
}

/** analyzeText for TS/JS with the parse step supplied (the incremental analyzer's entry). */
export function analyzeWithParser(text: string, fileName: string, options: AnalysisOptions | undefined, parse: SourceParser): FileAnalysis {
  const lintOptions = lintOptionsOf(options);
  const session = sessionOf(options);
  const extracted = extractWithLimits(text, fileName, DEFAULT_LIMITS, parse, session);
  const models = extracted.models.map((graph) => inferModel(graph));
  return withDependencies({
    fileName,
    models,
    findings: lint(text, models, extracted.problems, lintOptions),
    syntaxErrors: extracted.syntaxErrors,
    importsTf: extracted.importsTf,
    lines: createLineIndex(text),
    language: 'typescript',
    ...(extracted.globalTf ? { globalTf: true } : {}),
  }, session);
}
