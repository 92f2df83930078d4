// Two spellings of an expression: the display one for hints, hovers and summaries (`IMG−2`,
// `⌈IMG/2⌉`, `16·IMG`, `IMG²`) and the plain grammar of the JSON report (`IMG-2`,
// `ceil(IMG/2)`, `16*IMG`, `IMG*IMG`), which `parse.ts` reads back. Terms are printed highest
// degree first and the constant last, so `50·numFeatures + 50` reads as a person writes it.
import type { Expr, Monomial } from './expr';

export type Style = 'display' | 'plain';

const SUPERSCRIPT = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

function degree(t: Monomial): number {
  return t.factors.reduce((n, f) => n + f.pow, 0);
}

function ordered(e: Expr): Monomial[] {
  return [...e.terms].sort((a, b) => degree(b) - degree(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function factorText(t: Monomial['factors'][number], style: Style): string {
  const a = t.atom;
  let base: string;
  if (a.kind === 'sym') base = a.name;
  else {
    const num = a.num.terms.length > 1 ? `(${print(a.num, style)})` : print(a.num, style);
    base = style === 'plain' ? `${a.kind}(${num}/${a.den})` : a.kind === 'floor' ? `⌊${num}/${a.den}⌋` : `⌈${num}/${a.den}⌉`;
  }
  if (t.pow === 1) return base;
  if (style === 'plain') return Array<string>(t.pow).fill(base).join('*');
  return base + String(t.pow).split('').map((d) => SUPERSCRIPT[Number(d)]).join('');
}

/** |coeff| and the factors of one term, without its sign. */
function termText(t: Monomial, style: Style): string {
  const k = Math.abs(t.coeff);
  if (t.factors.length === 0) return String(k);
  const times = style === 'plain' ? '*' : '·';
  const factors = t.factors.map((f) => factorText(f, style)).join(times);
  return k === 1 ? factors : `${k}${times}${factors}`;
}

/**
 * The expression as text. `spaced` puts spaces around + and − (parameter counts); shapes are
 * printed tight (`IMG−2`), as dims are short and stand between × signs.
 */
export function print(e: Expr, style: Style = 'display', spaced = false): string {
  const terms = ordered(e);
  if (terms.length === 0) return '0';
  const minus = style === 'plain' ? '-' : '−';
  const gap = spaced ? ' ' : '';
  let out = '';
  terms.forEach((t, i) => {
    const body = termText(t, style);
    if (i === 0) out = t.coeff < 0 ? `${minus}${body}` : body;
    else out += `${gap}${t.coeff < 0 ? minus : '+'}${gap}${body}`;
  });
  return out;
}

/** True when the printed expression is a sum and needs parentheses beside × or ·. */
export function isSum(e: Expr): boolean {
  return e.terms.length > 1;
}
