// Python number literals: `1_000`, `0x1F`, `0o17`, `0b101`, `3.`, `.5`, `1e-3`, `2j`.
// lezer's Number token is looser than Python's (it takes `1__0`, `0x_`, `007`), so the
// literal is checked here and a problem message returned for what CPython rejects.

export interface NumberValue {
  readonly value: number;
  readonly isFloat: boolean;
  readonly isComplex: boolean;
  /** CPython's message when the literal is not valid Python 3. */
  readonly problem?: string;
}

// digitpart ('.' digitpart?)? | '.' digitpart, then an optional exponent and `j` (Python's grammar).
const D = String.raw`\d(?:_?\d)*`;
const VALID_DECIMAL = new RegExp(`^(?:${D}(?:\\.(?:${D})?)?|\\.${D})(?:[eE][+-]?${D})?[jJ]?$`);

/** `0`, `42`: most literals, read without a regular expression. */
function plainInt(raw: string): boolean {
  if (raw.length > 15 || (raw.length > 1 && raw.charCodeAt(0) === 0x30)) return false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return raw.length > 0;
}

export function decodeNumber(raw: string): NumberValue {
  if (plainInt(raw)) return { value: Number(raw), isFloat: false, isComplex: false };
  const c1 = raw.length > 1 ? raw.charCodeAt(1) | 0x20 : 0;
  if (raw.charCodeAt(0) === 0x30 && (c1 === 0x78 || c1 === 0x6f || c1 === 0x62)) {
    // 0x / 0o / 0b: an underscore may follow the prefix, but not end the literal or repeat.
    const digits = raw.slice(2);
    const radix = c1 === 0x78 ? 16 : c1 === 0x6f ? 8 : 2;
    const ok = /^_?[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*$/.test(digits);
    const clean = digits.replace(/_/g, '');
    const value = clean === '' ? 0 : parseBigRadix(clean, radix);
    const kind = radix === 16 ? 'hexadecimal' : radix === 8 ? 'octal' : 'binary';
    const valid = ok && !Number.isNaN(value);
    return { value: valid ? value : 0, isFloat: false, isComplex: false, problem: valid ? undefined : `invalid ${kind} literal` };
  }
  const isComplex = /[jJ]$/.test(raw);
  const body = (isComplex ? raw.slice(0, -1) : raw).replace(/_/g, '');
  const isFloat = !isComplex && /[.eE]/.test(body);
  let problem: string | undefined;
  if (!VALID_DECIMAL.test(raw)) problem = 'invalid decimal literal';
  else if (!isFloat && !isComplex && /^0+[1-9]/.test(body)) {
    problem = 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers';
  }
  const value = Number(body);
  return { value: Number.isNaN(value) ? 0 : value, isFloat, isComplex, problem };
}

/** parseInt loses nothing up to 2**53 either; beyond, a float approximation is all we keep. */
function parseBigRadix(digits: string, radix: number): number {
  let value = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = parseInt(digits[i], 16);
    if (Number.isNaN(d) || d >= radix) return NaN;
    value = value * radix + d;
  }
  return value;
}
