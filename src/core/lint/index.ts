// lint: AnalyzedModel[] (+ extraction problems) → Finding[]. One rule per file in rules/;
// this file runs them, applies the user's severity overrides and drops duplicates (a builder
// function called twice analyses the same source twice; a loop, once per iteration: dedupe.ts).
import type { AnalyzedModel, ExtractProblem, Finding, LintOptions } from '../types';
import type { Rule } from './context';
import { denseOnFeatureMap } from './rules/denseOnFeatureMap';
import { dominantLayer } from './rules/dominantLayer';
import { layerProblems } from './rules/layerProblems';
import { lossHeadMismatch } from './rules/lossHeadMismatch';
import { paramCeilings } from './rules/paramCeilings';
import { softmaxSingleUnit } from './rules/softmaxSingleUnit';
import { symbolicMinimum } from './rules/symbolicMinimum';
import { noRegularization, vanishingGradient } from './rules/trainingRisks';
import { unseenInput } from './rules/unseenInput';
import { typescriptSpelling, type Spelling } from './spelling';
import { mergeRepeatedFindings } from './dedupe';

export const DEFAULT_LINT_OPTIONS: LintOptions = {
  maxLayerParams: 25_000_000,
  maxTotalParams: 100_000_000,
  dominantShare: 0.5,
  severityOverrides: {},
};

const RULES: readonly Rule[] = [
  layerProblems,
  denseOnFeatureMap,
  unseenInput,
  softmaxSingleUnit,
  dominantLayer,
  paramCeilings,
  lossHeadMismatch,
  vanishingGradient,
  noRegularization,
  symbolicMinimum,
];

export function lint(
  text: string,
  models: readonly AnalyzedModel[],
  problems: readonly ExtractProblem[],
  options: LintOptions,
  spelling: Spelling = typescriptSpelling,
): Finding[] {
  const raw: Finding[] = problems.map((p) => ({ code: p.code, severity: p.severity, span: p.span, message: p.message }));
  models.forEach((model, modelIndex) => {
    for (const rule of RULES) {
      try {
        raw.push(...rule({ text, model, modelIndex, options, spelling }));
      } catch {
        // A rule bug must not hide every other finding; robustness tests catch these.
      }
    }
  });

  const kept: Finding[] = [];
  for (const f of raw) {
    const override = options.severityOverrides[f.code];
    if (override === 'off') continue;
    kept.push(override ? { ...f, severity: override } : f);
  }
  return mergeRepeatedFindings(kept).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}
