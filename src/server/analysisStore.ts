// One cached analysis per open document, keyed by version, plus the last good analysis that
// half-typed code falls back on (see carryOver.ts), plus the document's IncrementalAnalyzer,
// which re-parses only the statements an edit touched.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalAnalyzer } from '../core/incremental';
import { languageOfFile } from '../core/language';
import { createLineIndex } from '../core/lineIndex';
import type { FileAnalysis } from '../core/types';
import { carryOver, diffTexts, withoutBrokenRegions } from './carryOver';

/** Analyses a text; `document` remembers the document's last parse (pass it on to the core). */
export type Analyzer = (text: string, fileName: string, document: IncrementalAnalyzer) => FileAnalysis;

interface LastGood {
  readonly text: string;
  analysis: FileAnalysis | null; // null: settings changed, re-analyse `text` when needed
}

interface Entry {
  readonly version: number;
  readonly view: FileAnalysis;
  lastGood: LastGood | null;
}

const EXTENSION_OF_LANGUAGE: Readonly<Record<string, string>> = {
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
};

/** A file name for the parser: the URI's path, with an extension fitting the language id. */
export function fileNameOf(uri: string, languageId: string): string {
  let name = uri;
  try {
    const url = new URL(uri);
    name = decodeURIComponent(url.pathname) || uri;
  } catch {
    // not a URL: keep the raw string
  }
  const ext = EXTENSION_OF_LANGUAGE[languageId];
  return ext && !/\.[cm]?[jt]sx?$/i.test(name) ? name + ext : name;
}

export class AnalysisStore {
  private readonly entries = new Map<string, Entry>();
  /** Kept across settings changes: a parse does not depend on settings. */
  private readonly incremental = new Map<string, IncrementalAnalyzer>();

  constructor(
    private analyzer: Analyzer,
    private readonly reportError: (error: unknown, uri: string) => void,
  ) {}

  /** The cached view when it matches this version, without computing anything. */
  cached(uri: string, version: number): FileAnalysis | undefined {
    const e = this.entries.get(uri);
    return e && e.version === version ? e.view : undefined;
  }

  /** The analysis to show for this exact version of the document (computed at most once). */
  viewFor(doc: TextDocument): FileAnalysis {
    const hit = this.cached(doc.uri, doc.version);
    if (hit) return hit;
    const previous = this.entries.get(doc.uri);
    const text = doc.getText();
    const fileName = fileNameOf(doc.uri, doc.languageId);
    // Not the TextDocument's own positions: it is updated in place by later edits. Built only
    // when needed (the fresh analysis brings its own).
    const lines = (): FileAnalysis['lines'] => createLineIndex(text);
    let lastGood = previous?.lastGood ?? null;
    let view: FileAnalysis;
    const fresh = this.analyze(text, fileName, doc.uri);
    const good = lastGood ? this.lastGoodAnalysis(lastGood, fileName, doc.uri) : null;
    if (fresh && (!good || fresh.syntaxErrors.length <= good.syntaxErrors.length)) {
      // No new syntax errors: the fresh results are the truth.
      lastGood = { text, analysis: fresh };
      view = withoutBrokenRegions(fresh);
    } else if (lastGood && good) {
      view = carryOver(good, diffTexts(lastGood.text, text), lines());
    } else {
      view = emptyAnalysis(fileName, lines());
    }
    this.entries.set(doc.uri, { version: doc.version, view, lastGood });
    return view;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
    this.incremental.delete(uri);
  }

  /** Results depend on settings: drop cached views; last good texts are re-analysed lazily. */
  reset(analyzer: Analyzer): void {
    this.analyzer = analyzer;
    for (const [uri, e] of this.entries) {
      this.entries.set(uri, {
        version: Number.NaN, // never equal to a real version
        view: e.view,
        lastGood: e.lastGood ? { text: e.lastGood.text, analysis: null } : null,
      });
    }
  }

  private lastGoodAnalysis(lastGood: LastGood, fileName: string, uri: string): FileAnalysis | null {
    if (!lastGood.analysis) lastGood.analysis = this.analyze(lastGood.text, fileName, uri);
    return lastGood.analysis;
  }

  private analyze(text: string, fileName: string, uri: string): FileAnalysis | null {
    let document = this.incremental.get(uri);
    if (!document) {
      document = new IncrementalAnalyzer();
      this.incremental.set(uri, document);
    }
    try {
      return this.analyzer(text, fileName, document);
    } catch (error) {
      document.clear(); // whatever went wrong, do not build on its state
      this.reportError(error, uri);
      return null;
    }
  }
}

export function emptyAnalysis(fileName: string, lines: FileAnalysis['lines']): FileAnalysis {
  return { fileName, models: [], findings: [], syntaxErrors: [], importsTf: false, lines, language: languageOfFile(fileName) };
}
