// Half-typed code: while the text has fresh syntax errors, users keep seeing the last good
// results for the models they are not touching, and see nothing from the region being typed.
// The trick: keep the last good FileAnalysis (old offsets) and give it a LineIndex that maps
// old offsets into the new text, so every feature works on it unchanged.
import type { TextDiff } from '../core/textDiff';
import type { AnalyzedModel, FileAnalysis, Finding, LineIndex, Span } from '../core/types';

export { diffTexts, type TextDiff } from '../core/textDiff';

/** Every span a model's results are anchored to: the model call, its layer calls, inputs, compile. */
export function modelExtent(model: AnalyzedModel): Span {
  let start = model.graph.span.start;
  let end = model.graph.span.end;
  const take = (s: Span): void => {
    if (s.start < start) start = s.start;
    if (s.end > end) end = s.end;
  };
  for (const n of model.graph.nodes) {
    take(n.span);
    if (n.op.kind === 'layer') take(n.op.layer.span);
    else take(n.op.input.span);
  }
  if (model.graph.compile) take(model.graph.compile.span);
  return { start, end };
}

/**
 * Strictly outside the changed region: a span that merely touches its edge is treated as
 * touched, so an offset on the edge (where "before" and "after" would disagree) never needs
 * mapping.
 */
function untouched(span: Span, diff: TextDiff): boolean {
  return span.end < diff.start || span.start > diff.oldEnd;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** A LineIndex over old offsets whose positions are those of the same characters in the new text. */
function mappedLines(newLines: LineIndex, diff: TextDiff): LineIndex {
  const delta = diff.newEnd - diff.oldEnd;
  return {
    positionAt(offset: number) {
      const mapped = offset <= diff.start ? offset : offset >= diff.oldEnd ? offset + delta : diff.start;
      return newLines.positionAt(mapped);
    },
    offsetAt(position) {
      const n = newLines.offsetAt(position);
      if (n <= diff.start) return n;
      if (n >= diff.newEnd) return n - delta;
      return -1; // inside the text being typed: nothing of ours lives there
    },
  };
}

function keepFinding(f: Finding, diff: TextDiff, modelIndexMap: ReadonlyMap<number, number>): Finding | null {
  let modelIndex: number | undefined;
  if (f.modelIndex !== undefined) {
    modelIndex = modelIndexMap.get(f.modelIndex);
    if (modelIndex === undefined) return null;
  }
  if (!untouched(f.span, diff)) return null;
  const related = f.related?.filter((r) => untouched(r.span, diff));
  const fixes = f.fixes?.filter((fix) => fix.edits.every((e) => untouched(e.span, diff)));
  return { ...f, modelIndex, related, fixes };
}

/**
 * The last good analysis, restricted to what the edit did not touch and positioned in the new
 * text. Models whose text was edited are dropped (their results would be stale and the new
 * ones are unreliable until the code parses again).
 */
export function carryOver(lastGood: FileAnalysis, diff: TextDiff, newLines: LineIndex): FileAnalysis {
  const modelIndexMap = new Map<number, number>();
  const models: AnalyzedModel[] = [];
  lastGood.models.forEach((m, i) => {
    if (!untouched(modelExtent(m), diff)) return;
    modelIndexMap.set(i, models.length);
    models.push(m);
  });
  const findings: Finding[] = [];
  for (const f of lastGood.findings) {
    const kept = keepFinding(f, diff, modelIndexMap);
    if (kept) findings.push(kept);
  }
  return {
    ...lastGood,
    fileName: lastGood.fileName,
    models,
    findings,
    // Marks the view as stale for consumers (the JSON report's `syntaxErrors`); the span is
    // the edit point in old offsets, which the mapped LineIndex places correctly.
    syntaxErrors: [{ message: 'code is being edited', span: { start: diff.start, end: diff.start } }],
    importsTf: lastGood.importsTf,
    lines: mappedLines(newLines, diff),
  };
}

/**
 * For an analysis we accept despite syntax errors (the file was opened broken, or the edit did
 * not add errors): drop findings that sit on a syntax error or belong to a model containing one,
 * since those likely stem from the broken text. Shapes and hints stay: they are our best guess.
 */
export function withoutBrokenRegions(analysis: FileAnalysis): FileAnalysis {
  if (analysis.syntaxErrors.length === 0) return analysis;
  const errors = analysis.syntaxErrors.map((e) => e.span);
  const brokenModels = new Set<number>();
  analysis.models.forEach((m, i) => {
    const extent = modelExtent(m);
    if (errors.some((e) => overlaps(extent, e))) brokenModels.add(i);
  });
  const findings = analysis.findings.filter(
    (f) =>
      !(f.modelIndex !== undefined && brokenModels.has(f.modelIndex)) && !errors.some((e) => overlaps(f.span, e)),
  );
  return { ...analysis, findings };
}
