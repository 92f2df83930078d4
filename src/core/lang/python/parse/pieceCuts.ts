// Where a long Python text is cut into pieces that parse.ts parses alone (and
// parse/pieceCache.ts keeps by their text): at top-level statements, chosen so that an edit
// moves no cut far from itself. The logical lines come from parse/lineTable.ts, which scans
// again only around an edit.
import { CONTINUATION, DECORATOR, LineTables, TOP } from './lineTable';

/**
 * Files longer than this are parsed in pieces cut between top-level statements, each piece
 * alone (spans shifted back): @lezer/python 1.1.19 misreads valid code deep into long files
 * (a stray error at a line break after comment lines, then good statements read as broken),
 * and Python's statements at column 0 stand alone anyway. No piece is longer than this either,
 * where the code allows a cut.
 */
export const PIECE_CHARS = 12_000;

/**
 * The size pieces aim at. An edit re-parses its piece (lezer: ~0.5 µs a character), a first
 * parse pays a fixed ~80 µs per piece: pieces of ~1,000 characters cost an edit well under a
 * millisecond and a whole parse ~15% over one piece. (1 in 8 candidates, the rule before,
 * made pieces of 12,000 characters in PEP 8 code, where blank-line statements are sparse: an
 * edit's parse took ~6 ms.)
 */
const PIECE_TARGET_CHARS = 1000;

export class PieceCutter {
  /** The logical lines of the last texts cut (re-scanned around an edit). */
  readonly lines = new LineTables();

  /**
   * Offsets where pieces start: top-level statements (not `else`/`except`/..., decorators kept
   * with their def) that follow a blank line, some of them (`chosenCut`), and others where a
   * piece would pass PIECE_CHARS. Which blank-line cuts are taken depends only on the text
   * around them, so an edit moves no cut but its own and the next one (cuts chosen by distance
   * from the last cut would all move, and every piece after an edit would be new to the cache).
   */
  starts(text: string): number[] {
    const table = this.lines.of(text);
    const { starts, flags } = table;
    const cuts: number[] = [0];
    let last = 0;
    let lastCandidate = 0;
    for (let k = 1; k < starts.length; k++) {
      if ((flags[k] & (TOP | CONTINUATION)) !== TOP || (flags[k - 1] & DECORATOR) !== 0) continue;
      const start = starts[k];
      // Cut at the start of the physical line, so the piece begins at column 0.
      const at = text.lastIndexOf('\n', start - 1) + 1;
      let chosen = false;
      if (followsBlankLine(text, at)) {
        chosen = chosenCut(text, at, at - lastCandidate);
        lastCandidate = at;
      }
      if (!chosen && start - last < PIECE_CHARS) continue;
      cuts.push(at);
      last = at;
    }
    return cuts;
  }
}

/**
 * Whether the candidate cut at line start `at`, `gap` characters after the previous candidate,
 * is taken: with probability gap / PIECE_TARGET_CHARS, drawn by FNV-1a of the line's first 48
 * characters. So pieces average about PIECE_TARGET_CHARS however dense the candidates are, and
 * the choice still depends only on the text between the two candidates and the line itself.
 */
function chosenCut(text: string, at: number, gap: number): boolean {
  let h = 0x811c9dc5;
  const end = Math.min(text.length, at + 48);
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) break;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return (h >>> 0) % PIECE_TARGET_CHARS < gap;
}

/** The physical line before offset `at` (a line start) holds nothing but whitespace (a comment line is not blank). */
function followsBlankLine(text: string, at: number): boolean {
  let i = at - 1; // the line break ending the previous line
  if (i < 0 || text.charCodeAt(i) !== 0x0a) return false;
  i--;
  if (i >= 0 && text.charCodeAt(i) === 0x0d) i--;
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0c) return false;
    i--;
  }
  return true;
}
