// IPython syntax in notebook cells that is not Python: magics (`%matplotlib inline`, `%%time`),
// shell lines (`!pip install keras`, `files = !ls`) and help (`model?`, `??model`). It must never
// produce findings, so it is blanked to spaces (same length: offsets stay valid). IPython works
// on lines at the start of a statement, so lines inside strings and brackets are left alone.

/** Cell magics whose body is Python (only their first line goes). */
const PYTHON_BODY_MAGICS = new Set(['time', 'timeit', 'capture']);

interface Line {
  readonly start: number;
  /** End of the line's text (before its line break). */
  readonly end: number;
}

function physicalLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : -1;
    if (c === 0x0a || c === 0x0d || c === -1) {
      lines.push({ start, end: i });
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      start = i + 1;
    }
  }
  return lines;
}

/** Python state across lines: open brackets and an open triple-quoted string. */
class Continuation {
  private depth = 0;
  /** The open string's quote character and its length (0: none, 1, or 3 for a triple quote). */
  private quote = 0;
  private quoteLength = 0;
  private backslash = false;

  /** Does the next line start inside a bracket, a string or a backslash continuation? */
  get inside(): boolean {
    return this.depth > 0 || this.quoteLength > 0 || this.backslash;
  }

  /** Reads text[from, to) (a string's closing quotes may be read past `to`). Char codes, not one-character strings: this runs on every character of every cell. */
  feed(text: string, from: number, to: number): void {
    this.backslash = false;
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (this.quoteLength > 0) {
        if (c === 0x5c) i += 2;
        else if (c === this.quote && (this.quoteLength === 1 || (text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c))) {
          i += this.quoteLength;
          this.quoteLength = 0;
        } else i++;
        continue;
      }
      if (c === 0x23) break;
      if (c === 0x22 || c === 0x27) {
        this.quote = c;
        this.quoteLength = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c ? 3 : 1;
        i += this.quoteLength;
        continue;
      }
      if (c === 0x28 || c === 0x5b || c === 0x7b) this.depth++;
      else if ((c === 0x29 || c === 0x5d || c === 0x7d) && this.depth > 0) this.depth--;
      else if (c === 0x5c && i === to - 1) this.backslash = true;
      i++;
    }
    // A one-line string ends with its line.
    if (this.quoteLength === 1) this.quoteLength = 0;
  }
}

/** Is this line (from its first non-blank character) IPython rather than Python? */
function isIPythonLine(line: string): boolean {
  const s = line.trim();
  if (s === '' || s.startsWith('#')) return false;
  if (s[0] === '%' || s[0] === '!' || s[0] === '?') return true;
  // `files = !ls`, `t = %timeit -o f()`.
  if (/^[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*[!%]/.test(s)) return true;
  // `model?`, `model.fit??`: help. Python never ends a statement with '?'.
  return /^[A-Za-z_][\w.]*\?{1,2}$/.test(s);
}

/** Every IPython form isIPythonLine knows (and a cell magic) holds one of these characters. */
const IPYTHON_CHARACTER = /[%!?]/;

/** The text with IPython-only lines blanked (see the file comment); same length. */
export function blankIPython(text: string): string {
  // Most cells are plain Python: nothing to blank, and no copy of the text (an editor's
  // notebook goes through here on every edit, every cell).
  if (!IPYTHON_CHARACTER.test(text)) return text;
  const lines = physicalLines(text);
  /** The first line of a `%%time` cell (a magic whose body is Python). */
  let magicLine: Line | null = null;

  let first = 0;
  while (first < lines.length && text.slice(lines[first].start, lines[first].end).trim() === '') first++;
  if (first < lines.length) {
    const head = text.slice(lines[first].start, lines[first].end).trim();
    const cellMagic = /^%%(\w+)/.exec(head);
    if (cellMagic) {
      if (!PYTHON_BODY_MAGICS.has(cellMagic[1])) return text.replace(/[^\r\n]/g, ' ');
      magicLine = lines[first];
      first++;
    }
  }

  // Which lines are IPython depends on the text alone, so they are found before any copy.
  const state = new Continuation();
  const ipython: Line[] = [];
  for (let k = first; k < lines.length; k++) {
    const l = lines[k];
    if (!state.inside && isIPythonLine(text.slice(l.start, l.end))) {
      ipython.push(l);
      continue;
    }
    state.feed(text, l.start, l.end);
  }
  if (magicLine === null && ipython.length === 0) return text;
  const chars = text.split('');
  for (const l of magicLine ? [magicLine, ...ipython] : ipython) {
    for (let i = l.start; i < l.end; i++) chars[i] = ' ';
  }
  for (const l of ipython) keepBlock(text, chars, lines, l);
  return chars.join('');
}

function indentOf(text: string, l: Line): number {
  let i = l.start;
  while (i < l.end && (text[i] === ' ' || text[i] === '\t')) i++;
  return i - l.start;
}

/**
 * A blanked line that was the only statement of an indented block (`if gpu:\n    %time f()`)
 * would leave the block empty: a `pass` (or `...`, as much as fits) keeps it valid.
 */
function keepBlock(text: string, chars: string[], lines: readonly Line[], l: Line): void {
  const k = lines.indexOf(l);
  const indent = indentOf(text, l);
  if (indent === 0) return;
  const isBlank = (x: Line): boolean => {
    const s = chars.slice(x.start, x.end).join('').trim();
    return s === '' || s.startsWith('#');
  };
  let prev = k - 1;
  while (prev >= 0 && isBlank(lines[prev])) prev--;
  const header = prev >= 0 ? chars.slice(lines[prev].start, lines[prev].end).join('').replace(/#.*$/, '').trimEnd() : '';
  if (prev < 0 || indentOf(text, lines[prev]) >= indent || !header.endsWith(':')) return;
  let next = k + 1;
  while (next < lines.length && isBlank(lines[next])) next++;
  if (next < lines.length && indentOf(text, lines[next]) >= indent) return;
  const room = l.end - l.start - indent;
  const filler = room >= 4 ? 'pass' : room >= 3 ? '...' : '0';
  for (let i = 0; i < filler.length && i < room; i++) chars[l.start + indent + i] = filler[i];
}
