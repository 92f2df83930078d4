// What iterating a value yields (`for x in v`, `list(v)`, `*v`): list and tuple items, a
// string's characters, a dict's keys, a range's numbers. Anything else, or more items than a
// loop may run, is Unknown.
import { isUnknown, unknown, type Unknown } from '../../types';
import type { PyInterpreter } from './interpreter';
import { isObject, rangeLength, type PyVal } from './values';

export function iterateValue(ip: PyInterpreter, v: PyVal): PyVal[] | Unknown {
  if (isUnknown(v)) return v;
  const limit = ip.ctx.limits.maxValueSize;
  if (typeof v === 'string') return v.length > limit ? unknown('a string too long to iterate') : [...v];
  if (!isObject(v)) return unknown(`iterating a ${v === null ? 'None' : typeof v}`);
  switch (v.tag) {
    case 'list':
      return v.tainted ? unknown(v.tainted) : [...v.items];
    case 'tuple':
      return [...v.items];
    case 'dict':
      if (v.tainted || v.open) return unknown(v.tainted ?? v.open ?? 'a dict');
      return [...v.entries.values()].map((e) => e.key);
    case 'range': {
      const n = rangeLength(v);
      if (n > limit) return unknown('a range too long to iterate');
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push(v.start + i * v.step);
      return out;
    }
    case 'model':
      return unknown('iterating a model');
    default:
      return unknown(`iterating a ${v.tag}`);
  }
}
