// Reads the plain grammar of the JSON report back into an expression, so consumers (and our
// tests) can evaluate `symbolicShape` and `paramsExpr` for given sizes:
//   expr   := term (('+' | '-') term)*
//   term   := factor ('*' factor)*
//   factor := integer | name | '-' factor | '(' expr ')' | ('floor' | 'ceil') '(' expr '/' integer ')'
//   name   := any run of characters other than whitespace, + - * / ( ) and ',' that does not
//             start with a digit (`IMG`, `inputShape[0]`, `x_train.shape[1]`)
import { add, constant, divide, mul, scale, sub, symbol, type Expr } from './expr';

const TOKEN = /\s*(\d+|floor(?=\()|ceil(?=\()|[+\-*/(),]|[^\s+\-*/(),\d][^\s+\-*/(),]*)/y;

/** The expression the text spells, or null when it does not follow the grammar. */
export function parseExpr(text: string): Expr | null {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.length && (m = TOKEN.exec(text)) !== null) tokens.push(m[1]);
  if (text.slice(TOKEN.lastIndex).trim() !== '') return null;
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const take = (t: string): boolean => (tokens[i] === t ? (i++, true) : false);

  function expr(): Expr | null {
    let left = term();
    while (left && (peek() === '+' || peek() === '-')) {
      const op = tokens[i++];
      const right = term();
      left = right && (op === '+' ? add(left, right) : sub(left, right));
    }
    return left;
  }
  function term(): Expr | null {
    let left = factor();
    while (left && take('*')) {
      const right = factor();
      left = right && mul(left, right);
    }
    return left;
  }
  function factor(): Expr | null {
    const t = tokens[i++];
    if (t === undefined) return null;
    if (/^\d+$/.test(t)) return constant(Number(t));
    if (t === '-') {
      const f = factor();
      return f && scale(f, -1);
    }
    if (t === '(') {
      const e = expr();
      return e && take(')') ? e : null;
    }
    if (t === 'floor' || t === 'ceil') {
      if (!take('(')) return null;
      const num = expr();
      if (!num || !take('/')) return null;
      const den = tokens[i++];
      if (den === undefined || !/^\d+$/.test(den) || !take(')')) return null;
      return divide(num, Number(den), t);
    }
    if (/^[+\-*/(),]$/.test(t)) return null;
    return symbol(t);
  }
  const e = expr();
  return e && i === tokens.length ? e : null;
}
