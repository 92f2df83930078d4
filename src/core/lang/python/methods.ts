// Methods of built-in values: str (format, join, upper, replace...), list (append, extend,
// insert, pop...), dict (get, items, update...), tuple (index, count). Mutating methods change
// the value in place, as in Python; results of unsupported methods are Unknown.
import { isUnknown, unknown } from '../../types';
import type { CallArgs } from './callArgs';
import { formatValue } from './format';
import type { PyInterpreter } from './interpreter';
import { MAX_SEQUENCE } from './operators';
import { dictGet, dictKey, dictSet, isFloat, isObject, makeList, makeTuple, numericValue, pyEquals, pyStr, type PyDict, type PyList, type PyVal } from './values';

/** The methods we model per receiver kind (others read as Unknown attributes). */
export const STR_METHODS = new Set([
  'format', 'join', 'upper', 'lower', 'title', 'capitalize', 'strip', 'lstrip', 'rstrip', 'replace', 'split', 'startswith',
  'endswith', 'zfill', 'ljust', 'rjust', 'center', 'count', 'find', 'isdigit', 'isalpha', 'casefold', 'swapcase',
]);
export const LIST_METHODS = new Set(['append', 'extend', 'insert', 'pop', 'index', 'count', 'copy', 'reverse', 'remove', 'clear', 'sort']);
export const DICT_METHODS = new Set(['get', 'keys', 'values', 'items', 'update', 'copy', 'pop', 'setdefault', 'clear']);
export const TUPLE_METHODS = new Set(['index', 'count']);

function capped(s: string): PyVal {
  return s.length > MAX_SEQUENCE ? unknown('a string too long to track') : s;
}

/** `'{} {name}'.format(...)`: auto and manual numbering, names, attribute-free fields. */
function strFormat(template: string, args: CallArgs): PyVal {
  let auto = 0;
  let failed = false;
  const out = template.replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g, (m, field: string | undefined, conv: string | undefined, spec: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    let v: PyVal | undefined;
    const f = field ?? '';
    if (f === '') v = args.positional[auto++];
    else if (/^\d+$/.test(f)) v = args.positional[Number(f)];
    else v = args.keywords.get(f);
    if (v === undefined || conv !== undefined) {
      failed = true;
      return '';
    }
    const text = formatValue(v, spec ?? '');
    if (text === null) failed = true;
    return text ?? '';
  });
  return failed || args.starUnknown || args.keywordsUnknown ? unknown('str.format with a value that is not statically known') : capped(out);
}

function strMethod(ip: PyInterpreter, name: string, s: string, args: CallArgs): PyVal {
  const [a, b] = args.positional;
  const str = (v: PyVal | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
  switch (name) {
    case 'format':
      return strFormat(s, args);
    case 'join': {
      const items = a === undefined ? unknown('join()') : ip.iterate(a);
      if (isUnknown(items)) return items;
      if (!items.every((x) => typeof x === 'string')) return unknown('join() of values that are not strings');
      return capped(items.join(s));
    }
    case 'upper':
      return s.toUpperCase();
    case 'lower':
    case 'casefold':
      return s.toLowerCase();
    case 'swapcase':
      return [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
    case 'title':
      return s.replace(/[A-Za-z]+/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase());
    case 'capitalize':
      return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1).toLowerCase();
    case 'strip':
    case 'lstrip':
    case 'rstrip': {
      if (a !== undefined && a !== null && typeof a !== 'string') return unknown('strip() of these characters');
      const chars = typeof a === 'string' ? a : ' \t\n\r\x0b\x0c';
      let i = 0;
      let j = s.length;
      if (name !== 'rstrip') while (i < j && chars.includes(s[i])) i++;
      if (name !== 'lstrip') while (j > i && chars.includes(s[j - 1])) j--;
      return s.slice(i, j);
    }
    case 'replace': {
      const from = str(a);
      const to = str(b);
      if (from === undefined || to === undefined || args.positional.length > 2) return unknown('replace() of these values');
      if (from === '') return unknown('replace() of an empty string');
      const count = s.split(from).length - 1;
      if (s.length + count * (to.length - from.length) > MAX_SEQUENCE) return unknown('a string too long to track');
      return s.split(from).join(to);
    }
    case 'split': {
      const sep = a === undefined || a === null ? null : str(a);
      if (sep === undefined || args.positional.length > 1 || args.keywords.size > 0) return unknown('split() with these arguments');
      const parts = sep === null ? s.split(/\s+/).filter((p) => p !== '') : s.split(sep);
      return parts.length > MAX_SEQUENCE ? unknown('a list too long to track') : makeList(parts);
    }
    case 'startswith':
    case 'endswith': {
      const p = str(a);
      if (p === undefined || args.positional.length > 1) return unknown(`${name}() of this value`);
      return name === 'startswith' ? s.startsWith(p) : s.endsWith(p);
    }
    case 'zfill': {
      const w = numericValue(a ?? null);
      if (w === undefined || isFloat(a ?? null)) return unknown('zfill() of this width');
      const signed = /^[+-]/.test(s);
      const body = signed ? s.slice(1) : s;
      return capped((signed ? s[0] : '') + body.padStart(Math.max(0, w - (signed ? 1 : 0)), '0'));
    }
    case 'ljust':
    case 'rjust':
    case 'center': {
      const w = numericValue(a ?? null);
      const fill = b === undefined ? ' ' : str(b);
      if (w === undefined || fill === undefined || fill.length !== 1) return unknown(`${name}() of these values`);
      const spec = `${fill}${name === 'ljust' ? '<' : name === 'rjust' ? '>' : '^'}${w}`;
      return w > MAX_SEQUENCE ? unknown('a string too long to track') : (formatValue(s, spec) ?? unknown(name));
    }
    case 'count': {
      const p = str(a);
      return p === undefined || p === '' ? unknown('count() of this value') : s.split(p).length - 1;
    }
    case 'find': {
      const p = str(a);
      return p === undefined ? unknown('find() of this value') : s.indexOf(p);
    }
    case 'isdigit':
      return s.length > 0 && /^\d+$/.test(s);
    case 'isalpha':
      return s.length > 0 && /^[A-Za-z]+$/.test(s);
    default:
      return unknown(`str.${name}`);
  }
}

function indexIn(items: readonly PyVal[], x: PyVal | undefined): PyVal {
  if (x === undefined) return unknown('index()');
  for (let i = 0; i < items.length; i++) {
    const eq = pyEquals(items[i], x);
    if (isUnknown(eq)) return eq;
    if (eq) return i;
  }
  return unknown('index() of a value not in the sequence');
}

function listMethod(ip: PyInterpreter, name: string, list: PyList, args: CallArgs): PyVal {
  const [a, b] = args.positional;
  if (list.tainted && name !== 'append' && name !== 'extend') return unknown(list.tainted);
  switch (name) {
    case 'append':
      if (list.items.length >= MAX_SEQUENCE) list.tainted ??= 'a list too long to track';
      else {
        list.items.push(a ?? null);
        list.spans[list.items.length - 1] = args.positionalSpans[0];
      }
      return null;
    case 'extend': {
      const items = a === undefined ? unknown('extend()') : ip.iterate(a);
      if (isUnknown(items) || list.items.length + items.length > MAX_SEQUENCE) list.tainted ??= isUnknown(items) ? items.reason : 'a list too long to track';
      else list.items.push(...items);
      return null;
    }
    case 'insert': {
      const i = numericValue(a ?? null);
      if (i === undefined || isFloat(a ?? null)) {
        list.tainted = 'insert() at an unknown index';
        return null;
      }
      const at = i < 0 ? Math.max(0, list.items.length + i) : Math.min(i, list.items.length);
      list.items.splice(at, 0, b ?? null);
      list.spans.splice(at, 0, args.positionalSpans[1]);
      return null;
    }
    case 'pop': {
      const i = a === undefined ? list.items.length - 1 : numericValue(a);
      if (i === undefined || list.items.length === 0) {
        list.tainted = 'pop() we could not follow';
        return unknown('pop()');
      }
      const at = i < 0 ? i + list.items.length : i;
      if (at < 0 || at >= list.items.length) return unknown('pop() out of range');
      list.spans.splice(at, 1);
      return list.items.splice(at, 1)[0];
    }
    case 'index':
      return indexIn(list.items, a);
    case 'count':
      return list.items.filter((x) => pyEquals(x, a ?? null) === true).length;
    case 'copy':
      return makeList([...list.items], [...list.spans]);
    case 'reverse':
      list.items.reverse();
      list.spans.reverse();
      return null;
    case 'clear':
      list.items.length = 0;
      list.spans.length = 0;
      return null;
    case 'remove': {
      const i = indexIn(list.items, a);
      if (typeof i !== 'number') list.tainted = 'remove() we could not follow';
      else {
        list.items.splice(i, 1);
        list.spans.splice(i, 1);
      }
      return null;
    }
    default:
      list.tainted = `list.${name}() we could not follow`;
      return unknown(`list.${name}`);
  }
}

function dictMethod(ip: PyInterpreter, name: string, d: PyDict, args: CallArgs): PyVal {
  const [a, b] = args.positional;
  if ((d.tainted || d.open) && name !== 'update' && name !== 'setdefault' && name !== 'get') return unknown(d.tainted ?? d.open ?? 'a dict');
  switch (name) {
    case 'get': {
      if (a === undefined) return unknown('get()');
      if (d.tainted) return unknown(d.tainted);
      const v = dictGet(d, a);
      if (v !== undefined) return v;
      return d.open ? unknown(d.open) : (b ?? null);
    }
    case 'keys':
      return makeList([...d.entries.values()].map((e) => e.key));
    case 'values':
      return makeList([...d.entries.values()].map((e) => e.value));
    case 'items':
      return makeList([...d.entries.values()].map((e) => makeTuple([e.key, e.value])));
    case 'update': {
      if (a !== undefined) {
        if (isObject(a) && a.tag === 'dict' && !a.tainted) {
          for (const e of a.entries.values()) dictSet(d, e.key, e.value, e.span);
          if (a.open) d.open = a.open;
        } else d.open = 'update() with a value that is not a dict we can read';
      }
      for (const [k, v] of args.keywords) dictSet(d, k, v, args.keywordSpans.get(k));
      return null;
    }
    case 'copy': {
      const c: PyDict = { tag: 'dict', entries: new Map([...d.entries].map(([k, e]) => [k, { ...e }])) };
      if (d.open) c.open = d.open;
      return c;
    }
    case 'pop': {
      const k = a === undefined ? null : dictKey(a);
      if (k === null) {
        d.tainted = 'pop() of a key that is not statically known';
        return unknown('pop()');
      }
      const e = d.entries.get(k);
      d.entries.delete(k);
      return e ? e.value : b !== undefined ? b : unknown('pop() of a missing key');
    }
    case 'setdefault': {
      if (a === undefined) return unknown('setdefault()');
      const v = dictGet(d, a);
      if (v !== undefined) return v;
      if (d.open) return unknown(d.open);
      dictSet(d, a, b ?? null);
      return b ?? null;
    }
    case 'clear':
      d.entries.clear();
      delete d.open;
      return null;
    default:
      d.tainted = `dict.${name}() we could not follow`;
      return unknown(`dict.${name}`);
  }
}

export function callMethodBuiltin(ip: PyInterpreter, qualified: string, self: PyVal, args: CallArgs): PyVal {
  const name = qualified.slice(qualified.indexOf('.') + 1);
  if (typeof self === 'string') return strMethod(ip, name, self, args);
  if (isObject(self)) {
    if (self.tag === 'list') return listMethod(ip, name, self, args);
    if (self.tag === 'dict') return dictMethod(ip, name, self, args);
    if (self.tag === 'tuple') {
      if (name === 'index') return indexIn(self.items, args.positional[0]);
      if (name === 'count') return self.items.filter((x) => pyEquals(x, args.positional[0] ?? null) === true).length;
    }
  }
  const text = pyStr(self);
  return unknown(`${text ?? 'value'}.${name}()`);
}
