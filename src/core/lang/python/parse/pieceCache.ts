// Parsed pieces of Python kept by their text, so that re-parsing an edited file parses again
// only the pieces the edit touched: a 2,000-line file edited in one statement took a full parse
// (~40 ms, most of an edit's analysis) and now costs that statement's piece. Keyed by text alone
// (a piece parses the same wherever it stands). A tree is kept with its spans where it was last
// used, and handed out as it is when asked for at that offset again (an edit that keeps the
// length moves nothing); at another offset, a moved copy takes its place. So trees are shared
// between analyses: nothing may change a parsed tree (test/unit/python/parseCache.test.ts runs
// every analysis of the Python fixtures and checks their trees are as parsed).
// Bounded by the characters it holds, least recently used out first.
import type { Module } from '../ast';
import { copyShifted, moveSpansInPlace } from './shiftSpans';

/** Characters of source whose parses are kept (a few large files, or many notebooks' cells). */
export const PIECE_CACHE_CHARS = 2_000_000;

interface Entry {
  readonly module: Module;
  readonly offset: number;
}

export class PieceCache {
  private readonly entries = new Map<string, Entry>();
  private chars = 0;

  constructor(private readonly limitChars = PIECE_CACHE_CHARS) {}

  /** The parse of `text` with spans moved by `offset`, shared and read-only; `parse` (spans from 0) runs on a miss. */
  get(text: string, offset: number, parse: (text: string) => Module): Module {
    const known = this.entries.get(text);
    if (known) {
      this.entries.delete(text); // most recently used last
      const module = known.offset === offset ? known.module : copyShifted(known.module, offset - known.offset);
      this.entries.set(text, { module, offset });
      return module;
    }
    const module = moveSpansInPlace(parse(text), offset);
    if (text.length <= this.limitChars / 4) {
      this.entries.set(text, { module, offset });
      this.chars += text.length;
      this.evict();
    }
    return module;
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(): void {
    for (const [text] of this.entries) {
      if (this.chars <= this.limitChars) return;
      this.entries.delete(text);
      this.chars -= text.length;
    }
  }
}
