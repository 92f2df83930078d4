// The core's front door: source text in, facts out. Every adapter (CLI, language server,
// panel) calls this and nothing deeper. Editors that analyse one document over and over use
// IncrementalAnalyzer (incremental.ts), which gives the same results faster.
import { DEFAULT_LIMITS, extractWithLimits } from './lang/typescript/extract';
import { inferModel } from './infer';
import { createLineIndex } from './lineIndex';
import { DEFAULT_LINT_OPTIONS, lint } from './lint';
import { parseSource, type SourceParser } from './lang/typescript/parse';
import type { FileAnalysis, LintOptions } from './types';

export { DEFAULT_LINT_OPTIONS };

export function analyzeText(text: string, fileName: string, options?: Partial<LintOptions>): FileAnalysis {
  return analyzeWithParser(text, fileName, options, parseSource);
}

/** analyzeText with the parse step supplied (the incremental analyzer's entry). */
export function analyzeWithParser(
  text: string,
  fileName: string,
  options: Partial<LintOptions> | undefined,
  parse: SourceParser,
): FileAnalysis {
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
  };
}
