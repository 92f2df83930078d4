// Syntax messages name lines as Python does ("unterminated string literal (detected at line 7)",
// "'(' was never closed on line 3"). A long file is parsed in pieces (pieceCuts.ts), each
// cached by its own text so that an edit re-parses only its piece, and each piece numbers its
// lines from 1: the file's parse moves those numbers to the file's lines when it assembles the
// pieces, rather than keying the cache by a first line that every edit above would change.
import type { SyntaxProblem } from '../ast';

/** The two forms the parser writes; nothing else in a message is a line number. */
const LINE_REF = /(\(detected at line | on line )(\d+)/g;

/** `problem` with every line it names moved down by `lines`; the same object when it names none. */
export function shiftLineRefs(problem: SyntaxProblem, lines: number): SyntaxProblem {
  if (lines === 0) return problem;
  const message = problem.message.replace(LINE_REF, (_, lead: string, n: string) => `${lead}${Number(n) + lines}`);
  return message === problem.message ? problem : { ...problem, message };
}
