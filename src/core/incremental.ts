// Analysis of one document that keeps changing (an editor buffer). Same results as
// analyzeText, faster: the parse, which dominates, is redone only for the top-level
// statements an edit touched (incrementalParse.ts). Use one IncrementalAnalyzer per document
// and pass it every new text; no edit list is needed, the changed region is found by
// comparing with the previous text, so any sequence of texts is handled correctly (an
// unrelated text just costs a full parse).
//
//   const doc = new IncrementalAnalyzer();
//   doc.analyze(text1, 'model.ts');   // full parse
//   doc.analyze(text2, 'model.ts');   // re-parses only what changed, when it safely can
import { analyzePythonText, analyzeWithParser, type AnalysisOptions } from './analyze';
import { languageOfFile } from './language';
import { reparseIncrementally, type ParsedText } from './lang/typescript/incrementalParse';
import { parseSource, type ParsedSource } from './lang/typescript/parse';
import type { FileAnalysis } from './types';

/** How the parses went, for tests and benchmarks. */
export interface IncrementalStats {
  incremental: number;
  full: number;
}

/** A parser with memory: the last cleanly parsed text and its program. */
export class IncrementalParser {
  private last: (ParsedText & { readonly fileName: string }) | null = null;
  readonly stats: IncrementalStats = { incremental: 0, full: 0 };

  parse(text: string, fileName: string): ParsedSource {
    const last = this.last;
    if (last && last.fileName === fileName) {
      const program = reparseIncrementally(last, text, fileName);
      if (program) {
        this.last = { text, program, fileName };
        this.stats.incremental++;
        return { program, syntaxErrors: [] };
      }
    }
    this.stats.full++;
    const parsed = parseSource(text, fileName);
    // A repaired program (syntax errors) is no base for splicing; the last clean one stays the
    // base, so the text that fixes the error is usually one edit away from it again.
    if (parsed.program && parsed.syntaxErrors.length === 0) this.last = { text, program: parsed.program, fileName };
    return parsed;
  }

  /** Drops the remembered program (memory; or to force the next parse to be full). */
  clear(): void {
    this.last = null;
  }
}

export class IncrementalAnalyzer {
  private readonly parser = new IncrementalParser();
  private readonly parse = (text: string, fileName: string): ParsedSource => this.parser.parse(text, fileName);

  get stats(): Readonly<IncrementalStats> {
    return this.parser.stats;
  }

  /**
   * Exactly analyzeText(text, fileName, options), reusing the previous parse where it can (TS/JS;
   * a Python file is parsed whole, its parse costing little next to TypeScript's).
   */
  analyze(text: string, fileName: string, options?: AnalysisOptions): FileAnalysis {
    if (languageOfFile(fileName) === 'python') return analyzePythonText(text, fileName, options);
    return analyzeWithParser(text, fileName, options, this.parse);
  }

  /** A notebook as an editor holds it: its Python code cells' texts, in order. */
  analyzeCells(cells: readonly string[], fileName: string, options?: AnalysisOptions): FileAnalysis {
    return analyzePythonText({ cells }, fileName, options);
  }

  clear(): void {
    this.parser.clear();
  }
}
