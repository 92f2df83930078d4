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
  private quote = '';

  /** Does the next line start inside a bracket, a string or a backslash continuation? */
  get inside(): boolean {
    return this.depth > 0 || this.quote !== '' || this.backslash;
  }

  private backslash = false;

  feed(text: string, from: number, to: number): void {
    this.backslash = false;
    let i = from;
    while (i < to) {
      const c = text[i];
      if (this.quote !== '') {
        if (c === '\\') i += 2;
        else if (text.startsWith(this.quote, i)) {
          i += this.quote.length;
          this.quote = '';
        } else i++;
        continue;
      }
      if (c === '#') break;
      if (c === '"' || c === "'") {
        const triple = text.startsWith(c.repeat(3), i);
        this.quote = triple ? c.repeat(3) : c;
        i += this.quote.length;
        continue;
      }
      if (c === '(' || c === '[' || c === '{') this.depth++;
      else if ((c === ')' || c === ']' || c === '}') && this.depth > 0) this.depth--;
      else if (c === '\\' && i === to - 1) this.backslash = true;
      i++;
    }
    // A one-line string ends with its line.
    if (this.quote.length === 1) this.quote = '';
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

/** The text with IPython-only lines blanked (see the file comment); same length. */
export function blankIPython(text: string): string {
  const lines = physicalLines(text);
  const chars = text.split('');
  const blank = (l: Line): void => {
    for (let i = l.start; i < l.end; i++) chars[i] = ' ';
  };
  const blanked: Line[] = [];

  let first = 0;
  while (first < lines.length && text.slice(lines[first].start, lines[first].end).trim() === '') first++;
  if (first < lines.length) {
    const head = text.slice(lines[first].start, lines[first].end).trim();
    const cellMagic = /^%%(\w+)/.exec(head);
    if (cellMagic) {
      if (!PYTHON_BODY_MAGICS.has(cellMagic[1])) return text.replace(/[^\r\n]/g, ' ');
      blank(lines[first]);
      first++;
    }
  }

  const state = new Continuation();
  for (let k = first; k < lines.length; k++) {
    const l = lines[k];
    const content = text.slice(l.start, l.end);
    if (!state.inside && isIPythonLine(content)) {
      blank(l);
      blanked.push(l);
      continue;
    }
    state.feed(text, l.start, l.end);
  }
  for (const l of blanked) keepBlock(text, chars, lines, l);
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
