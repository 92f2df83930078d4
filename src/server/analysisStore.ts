// One cached analysis per open document, keyed by version, plus the last good analysis that
// half-typed code falls back on (see carryOver.ts).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createLineIndex } from '../core/lineIndex';
import type { FileAnalysis } from '../core/types';
import { carryOver, diffTexts, withoutBrokenRegions } from './carryOver';

export type Analyzer = (text: string, fileName: string) => FileAnalysis;

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
    // Not the TextDocument itself: it is updated in place by later edits.
    const lines = createLineIndex(text);
    let lastGood = previous?.lastGood ?? null;
    let view: FileAnalysis;
    const fresh = this.analyze(text, fileName, doc.uri);
    const good = lastGood ? this.lastGoodAnalysis(lastGood, fileName, doc.uri) : null;
    if (fresh && (!good || fresh.syntaxErrors.length <= good.syntaxErrors.length)) {
      // No new syntax errors: the fresh results are the truth.
      lastGood = { text, analysis: fresh };
      view = withoutBrokenRegions(fresh);
    } else if (lastGood && good) {
      view = carryOver(good, diffTexts(lastGood.text, text), lines);
    } else {
      view = emptyAnalysis(fileName, lines);
    }
    this.entries.set(doc.uri, { version: doc.version, view, lastGood });
    return view;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
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
    try {
      return this.analyzer(text, fileName);
    } catch (error) {
      this.reportError(error, uri);
      return null;
    }
  }
}

export function emptyAnalysis(fileName: string, lines: FileAnalysis['lines']): FileAnalysis {
  return { fileName, models: [], findings: [], syntaxErrors: [], importsTf: false, lines };
}
