// Where a value from another file is written: a foreign offset (foreignSpans.ts) turned into
// a file and a line, for hovers (`28 ← IMAGE_H, data.js:23`) and for go-to-definition links.
import { createLineIndex } from '../lineIndex';
import type { LineIndex, SourceLocation, Span, ValueOrigin } from '../types';
import type { ForeignSource, ForeignTexts } from './foreignSpans';

const lineIndexes = new WeakMap<ForeignSource, LineIndex>();

function linesOf(src: ForeignSource): LineIndex {
  let lines = lineIndexes.get(src);
  if (!lines) {
    lines = createLineIndex(src.text);
    lineIndexes.set(src, lines);
  }
  return lines;
}

/** The file and position of a foreign offset; null for an offset of the analysed file. */
export function locationAt(foreign: ForeignTexts | null, offset: number): SourceLocation | null {
  const src = foreign?.sourceAt(offset);
  if (!src) return null;
  const at = linesOf(src).positionAt(offset - src.base);
  return { file: src.path, line: at.line, character: at.character };
}

/** A value's origin: `name`, defined at a span of another file. */
export function originAt(foreign: ForeignTexts | null, name: string, span: Span): ValueOrigin | null {
  const at = locationAt(foreign, span.start);
  return at ? { ...at, name } : null;
}

/** What an interpreter remembers of a value read from another file, until a layer uses it. */
export interface RawOrigin {
  readonly name: string;
  /** Where it is defined: a foreign span. */
  readonly span: Span;
}
