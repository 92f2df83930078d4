// Small helpers for rule tests: analyse a snippet, pick findings by code, apply a fix.
import { analyzeText } from '../../../src/core/analyze';
import type { FileAnalysis, Finding, Fix, LintOptions } from '../../../src/core/types';

export function analyze(body: string, options?: Partial<LintOptions>): FileAnalysis {
  return analyzeText(`import * as tf from '@tensorflow/tfjs';\n${body}`, 'snippet.ts', options);
}

export function withCode(analysis: FileAnalysis, code: string): Finding[] {
  return analysis.findings.filter((f) => f.code === code);
}

export function sourceOf(body: string): string {
  return `import * as tf from '@tensorflow/tfjs';\n${body}`;
}

/** Applies a fix's edits (back to front, so spans stay valid). */
export function applyFix(text: string, fix: Fix): string {
  return [...fix.edits]
    .sort((a, b) => b.span.start - a.span.start)
    .reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

export function textAt(analysis: FileAnalysis, body: string, f: Finding): string {
  return sourceOf(body).slice(f.span.start, f.span.end);
}
