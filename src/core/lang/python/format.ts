// Python's format-spec mini-language for f-strings and str.format, for the cases layer names
// and sizes use: fill/align/width, `0` padding, `,`/`_` grouping, precision, and the types
// d, f, e, g, %, s, x, o, b. An unsupported spec gives null (Unknown), never a wrong string.
import { floatRepr, isFloat, numericValue, pyStr, type PyVal } from './values';

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

function group(digits: string, sep: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

function formatNumber(x: number, isInt: boolean, type: string | undefined, precision: number | undefined, sep: string | undefined): string | null {
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const ax = Math.abs(x);
  let body: string;
  switch (type) {
    case undefined:
      if (isInt) body = String(ax);
      else if (precision !== undefined) body = String(Number(ax.toPrecision(Math.max(precision, 1))));
      else body = floatRepr(ax);
      break;
    case 'd':
    case 'n':
      if (!isInt) return null; // ValueError in Python
      body = String(ax);
      break;
    case 'f':
    case 'F':
      body = ax.toFixed(precision ?? 6);
      break;
    case '%':
      body = (ax * 100).toFixed(precision ?? 6) + '%';
      break;
    case 'e':
    case 'E': {
      const s = ax.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      body = type === 'E' ? s.toUpperCase() : s;
      break;
    }
    case 'x':
    case 'X':
    case 'o':
    case 'b':
      if (!isInt) return null;
      body = ax.toString(type === 'o' ? 8 : type === 'b' ? 2 : 16);
      if (type === 'X') body = body.toUpperCase();
      break;
    default:
      return null; // g, c, s on numbers: not needed for shapes and names
  }
  if (sep) {
    const [int, frac] = body.split('.');
    body = group(int, sep) + (frac !== undefined ? `.${frac}` : '');
  }
  return sign + body;
}

/** `format(value, spec)`; null when the value or the spec is not one we can format exactly. */
export function formatValue(v: PyVal, spec: string): string | null {
  const m = SPEC.exec(spec);
  if (!m) return null;
  const [, fill, align, , , zero, widthText, sep, precisionText, type] = m;
  const precision = precisionText === undefined ? undefined : Number(precisionText);
  const n = typeof v === 'boolean' && type === undefined ? undefined : numericValue(v);
  let text: string | null;
  if (n !== undefined && !(typeof v === 'string')) {
    text = formatNumber(n, !isFloat(v), type, precision, sep);
  } else {
    if (type !== undefined && type !== 's') return null;
    const s = pyStr(v);
    text = s === null ? null : precision !== undefined ? s.slice(0, precision) : s;
  }
  if (text === null) return null;
  const width = widthText === undefined ? 0 : Number(widthText);
  if (text.length >= width) return text;
  const pad = width - text.length;
  const isNumber = n !== undefined && typeof v !== 'string';
  const padChar = fill ?? (zero && isNumber ? '0' : ' ');
  const how = align ?? (zero && isNumber ? '=' : isNumber ? '>' : '<');
  switch (how) {
    case '<':
      return text + padChar.repeat(pad);
    case '^':
      return padChar.repeat(Math.floor(pad / 2)) + text + padChar.repeat(Math.ceil(pad / 2));
    case '=': {
      const signed = /^[-+ ]/.test(text);
      return signed ? text[0] + padChar.repeat(pad) + text.slice(1) : padChar.repeat(pad) + text;
    }
    default:
      return padChar.repeat(pad) + text;
  }
}
