// One cached analysis per open document, keyed by version, plus the last good analysis that
// half-typed code falls back on (see carryOver.ts), plus the document's IncrementalAnalyzer,
// which re-parses only the statements an edit touched.
import { IncrementalAnalyzer } from '../core/incremental';
import { languageOfFile } from '../core/language';
import { createLineIndex } from '../core/lineIndex';
import type { FileAnalysis } from '../core/types';
import { carryOver, diffTexts, withoutBrokenRegions } from './carryOver';

/**
 * What the store analyses: an editor document, or a notebook (its Python code cells in order;
 * `text` is then the program the cells form, as the core builds it, for carrying results over).
 */
export interface SourceDocument {
  readonly uri: string;
  /** Changes whenever the content does (a notebook's: every cell's version and the structure). */
  readonly version: number | string;
  readonly languageId: string;
  readonly text: string;
  readonly cells?: readonly string[];
}

/** Analyses a source; `document` remembers the document's last parse (pass it on to the core). */
export type Analyzer = (source: SourceDocument, fileName: string, document: IncrementalAnalyzer) => FileAnalysis;

interface LastGood {
  readonly text: string;
  readonly cells?: readonly string[];
  analysis: FileAnalysis | null; // null: settings changed, re-analyse `text` when needed
}

interface Entry {
  readonly version: number | string;
  readonly view: FileAnalysis;
  lastGood: LastGood | null;
}

const EXTENSION_OF_LANGUAGE: Readonly<Record<string, { readonly ext: string; readonly has: RegExp }>> = {
  typescript: { ext: '.ts', has: /\.[cm]?[jt]sx?$/i },
  typescriptreact: { ext: '.tsx', has: /\.[cm]?[jt]sx?$/i },
  javascript: { ext: '.js', has: /\.[cm]?[jt]sx?$/i },
  javascriptreact: { ext: '.jsx', has: /\.[cm]?[jt]sx?$/i },
  python: { ext: '.py', has: /\.pyw?$/i },
  /** A notebook: the store's own language id for one (its cells are `python`). */
  'jupyter-notebook': { ext: '.ipynb', has: /\.ipynb$/i },
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
  const known = EXTENSION_OF_LANGUAGE[languageId];
  return known && !known.has.test(name) ? name + known.ext : name;
}

export class AnalysisStore {
  private readonly entries = new Map<string, Entry>();
  /** Kept across settings changes: a parse does not depend on settings. */
  private readonly incremental = new Map<string, IncrementalAnalyzer>();
  /** Analyses run so far: what a burst of edits costs (the shapelens/stats request reports it). */
  analyses = 0;

  constructor(
    private analyzer: Analyzer,
    private readonly reportError: (error: unknown, uri: string) => void,
  ) {}

  /** The cached view when it matches this version, without computing anything. */
  cached(uri: string, version: number | string): FileAnalysis | undefined {
    const e = this.entries.get(uri);
    return e && e.version === version ? e.view : undefined;
  }

  /** The analysis to show for this exact version of the document (computed at most once). */
  viewFor(doc: SourceDocument): FileAnalysis {
    const hit = this.cached(doc.uri, doc.version);
    if (hit) return hit;
    const previous = this.entries.get(doc.uri);
    const text = doc.text;
    const fileName = fileNameOf(doc.uri, doc.languageId);
    // Not the TextDocument's own positions: it is updated in place by later edits. Built only
    // when needed (the fresh analysis brings its own).
    const lines = (): FileAnalysis['lines'] => createLineIndex(text);
    let lastGood = previous?.lastGood ?? null;
    let view: FileAnalysis;
    const fresh = this.analyze(doc, fileName);
    // A notebook is parsed cell by cell and each cell statement by statement, so a broken
    // statement costs only itself; and carried-over positions would be those of old cells.
    const good = lastGood && !doc.cells ? this.lastGoodAnalysis(lastGood, doc, fileName) : null;
    if (fresh && (!good || fresh.syntaxErrors.length <= good.syntaxErrors.length)) {
      // No new syntax errors: the fresh results are the truth.
      lastGood = { text, cells: doc.cells, analysis: fresh };
      view = withoutBrokenRegions(fresh);
    } else if (lastGood && good) {
      view = carryOver(good, diffTexts(lastGood.text, text), lines());
    } else {
      view = emptyAnalysis(fileName, lines());
    }
    this.entries.set(doc.uri, { version: doc.version, view, lastGood });
    return view;
  }

  /**
   * A view of this version without analysing it: the last good analysis carried over the edits
   * made since (the models they touched left out, see carryOver.ts). For requests during a burst
   * of edits, when analysing each version would queue work without end. Null when there is
   * nothing to carry (a notebook, whose positions are per cell, or no analysis yet).
   */
  carriedView(doc: SourceDocument): FileAnalysis | null {
    const hit = this.cached(doc.uri, doc.version);
    if (hit) return hit;
    const lastGood = this.entries.get(doc.uri)?.lastGood;
    if (doc.cells || !lastGood?.analysis) return null;
    return carryOver(lastGood.analysis, diffTexts(lastGood.text, doc.text), createLineIndex(doc.text));
  }

  forget(uri: string): void {
    this.entries.delete(uri);
    this.incremental.delete(uri);
  }

  /** Results depend on settings: drop cached views; last good texts are re-analysed lazily. */
  reset(analyzer: Analyzer): void {
    this.analyzer = analyzer;
    for (const uri of this.entries.keys()) this.invalidate(uri);
  }

  /**
   * The document's results may have changed though its text did not (a file it imports
   * changed): its next view is analysed afresh, its last good text too when needed.
   */
  invalidate(uri: string): void {
    const e = this.entries.get(uri);
    if (!e) return;
    this.entries.set(uri, {
      version: Number.NaN, // never equal to a real version
      view: e.view,
      lastGood: e.lastGood ? { text: e.lastGood.text, cells: e.lastGood.cells, analysis: null } : null,
    });
  }

  private lastGoodAnalysis(lastGood: LastGood, doc: SourceDocument, fileName: string): FileAnalysis | null {
    if (!lastGood.analysis) lastGood.analysis = this.analyze({ ...doc, text: lastGood.text, cells: lastGood.cells }, fileName);
    return lastGood.analysis;
  }

  private analyze(doc: SourceDocument, fileName: string): FileAnalysis | null {
    let document = this.incremental.get(doc.uri);
    if (!document) {
      document = new IncrementalAnalyzer();
      this.incremental.set(doc.uri, document);
    }
    this.analyses++;
    try {
      return this.analyzer(doc, fileName, document);
    } catch (error) {
      document.clear(); // whatever went wrong, do not build on its state
      this.reportError(error, doc.uri);
      return null;
    }
  }
}

export function emptyAnalysis(fileName: string, lines: FileAnalysis['lines']): FileAnalysis {
  return { fileName, models: [], findings: [], syntaxErrors: [], importsTf: false, lines, language: languageOfFile(fileName) };
}
