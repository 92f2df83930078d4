// Random edits of source text, seeded so failures reproduce: the kinds an editor produces
// (retyping a number or a name, comments, duplicated or deleted lines, stray characters,
// removed semicolons, two edits at once) and that stress incremental re-parsing. Most keep
// the code valid, so the incremental path really runs; the rest break it on purpose.

import { seededRandom } from '../support/seededRandom';

export { seededRandom };

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface RandomEdit {
  readonly kind: string;
  readonly edits: readonly TextEdit[]; // non-overlapping, any order
}

type Rand = () => number;

function pick<T>(rand: Rand, xs: readonly T[]): T | undefined {
  return xs.length === 0 ? undefined : xs[Math.floor(rand() * xs.length)];
}

function matches(text: string, re: RegExp): { index: number; text: string }[] {
  const out: { index: number; text: string }[] = [];
  for (const m of text.matchAll(re)) out.push({ index: m.index ?? 0, text: m[0] });
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

const WORDS = ['relu', 'same', 'valid', 'softmax', 'tanh', 'sigmoid', 'x'];
const STRAY = ['(', ')', '{', '}', '[', ']', ';', ',', '.', '+', '-', '/', '*', "'", '"', '`', '=', '<', 'x', '1', ' ', '\n'];

function numberEdit(text: string, rand: Rand): TextEdit | null {
  const m = pick(rand, matches(text, /\b\d+\b/g));
  return m ? { start: m.index, end: m.index + m.text.length, text: String(1 + Math.floor(rand() * 128)) } : null;
}

const generators: Readonly<Record<string, (text: string, rand: Rand) => TextEdit[] | null>> = {
  number: (text, rand) => {
    const e = numberEdit(text, rand);
    return e ? [e] : null;
  },
  identifier: (text, rand) => {
    const ids = matches(text, /\b[A-Za-z_$][\w$]*\b/g);
    const at = pick(rand, ids);
    const other = pick(rand, ids);
    return at && other ? [{ start: at.index, end: at.index + at.text.length, text: other.text }] : null;
  },
  string: (text, rand) => {
    const m = pick(rand, matches(text, /'[A-Za-z]+'/g));
    return m ? [{ start: m.index + 1, end: m.index + m.text.length - 1, text: pick(rand, WORDS) ?? 'x' }] : null;
  },
  comment: (text, rand) => {
    const spaces = matches(text, /[ \n]/g);
    const at = pick(rand, spaces);
    return at ? [{ start: at.index, end: at.index, text: rand() < 0.5 ? ' /* note */ ' : ' // note\n' }] : null;
  },
  duplicateLine: (text, rand) => {
    const starts = lineStarts(text);
    const i = Math.floor(rand() * (starts.length - 1));
    const line = text.slice(starts[i], starts[i + 1]);
    return [{ start: starts[i + 1], end: starts[i + 1], text: line }];
  },
  deleteLine: (text, rand) => {
    const starts = lineStarts(text);
    const i = Math.floor(rand() * (starts.length - 1));
    return [{ start: starts[i], end: starts[i + 1], text: '' }];
  },
  stray: (text, rand) => {
    const at = Math.floor(rand() * (text.length + 1));
    return [{ start: at, end: at, text: pick(rand, STRAY) ?? 'x' }];
  },
  cut: (text, rand) => {
    const at = Math.floor(rand() * text.length);
    return [{ start: at, end: Math.min(text.length, at + 1 + Math.floor(rand() * 6)), text: '' }];
  },
  semicolon: (text, rand) => {
    const m = pick(rand, matches(text, /;/g));
    return m ? [{ start: m.index, end: m.index + 1, text: '' }] : null;
  },
  twoNumbers: (text, rand) => {
    const a = numberEdit(text, rand);
    const b = numberEdit(text, rand);
    if (!a || !b || a.start === b.start) return null;
    return [a, b];
  },
};

/** Kinds weighted towards edits that keep code valid. */
const KINDS: readonly string[] = [
  'number', 'number', 'number', 'identifier', 'string', 'string', 'comment', 'duplicateLine',
  'deleteLine', 'stray', 'cut', 'semicolon', 'twoNumbers', 'twoNumbers',
];

export function randomEdit(text: string, rand: Rand): RandomEdit {
  for (;;) {
    const kind = pick(rand, KINDS) ?? 'number';
    const edits = generators[kind](text, rand);
    if (edits) return { kind, edits };
  }
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
