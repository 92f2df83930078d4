// The core's front door: source text in, facts out. Every adapter (CLI, language server,
// panel) calls this and nothing deeper.
import { extract } from './extract';
import { inferModel } from './infer';
import { createLineIndex } from './lineIndex';
import { DEFAULT_LINT_OPTIONS, lint } from './lint';
import type { FileAnalysis, LintOptions } from './types';

export { DEFAULT_LINT_OPTIONS };

export function analyzeText(text: string, fileName: string, options?: Partial<LintOptions>): FileAnalysis {
  const lintOptions: LintOptions = { ...DEFAULT_LINT_OPTIONS, ...options };
  const extracted = extract(text, fileName);
  const models = extracted.models.map(inferModel);
  return {
    fileName,
    models,
    findings: lint(text, models, extracted.problems, lintOptions),
    syntaxErrors: extracted.syntaxErrors,
    importsTf: extracted.importsTf,
    lines: createLineIndex(text),
  };
}
