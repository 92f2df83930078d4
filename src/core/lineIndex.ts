// Offset ↔ line/character conversion (zero-based, UTF-16 code units: LSP's convention).
import type { LineIndex } from './types';

/** Offsets where lines start. An editor builds one per keystroke, so the usual case is fast. */
function lineStarts(text: string): number[] {
  const starts: number[] = [0];
  if (text.indexOf('\r') < 0) {
    // Only `\n` breaks: indexOf is V8's native search, several times faster than a char loop.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) starts.push(i + 1);
    else if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

export function createLineIndex(text: string): LineIndex {
  const starts = lineStarts(text);
  return {
    positionAt(offset: number) {
      const o = Math.max(0, Math.min(offset, text.length));
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= o) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, character: o - starts[lo] };
    },
    offsetAt(position: { line: number; character: number }) {
      if (position.line < 0) return 0;
      if (position.line >= starts.length) return text.length;
      const lineEnd = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
      return Math.max(starts[position.line], Math.min(starts[position.line] + position.character, lineEnd));
    },
  };
}
