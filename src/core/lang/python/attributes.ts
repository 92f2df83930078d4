// Attribute reads and writes: methods of built-in values, module and class attributes,
// instance attributes with bound methods, `super()` lookups, and the Keras objects' own
// attributes (keras/objects.ts). A write to a Keras subclass instance tracks the layers it
// holds, as Keras does (keras/subclass.ts).
import { isUnknown, unknown, type Span } from '../../types';
import { lookupAfter, lookupClassAttr } from './classes';
import type { PyInterpreter } from './interpreter';
import { kerasAttribute } from './keras/api';
import { kerasObjectAttribute, setKerasObjectAttribute } from './keras/objects';
import { trackAttribute } from './keras/subclass';
import { DICT_METHODS, LIST_METHODS, STR_METHODS, TUPLE_METHODS } from './methods';
import { isObject, type PyVal } from './values';

function bindIfFunction(value: PyVal, self: PyVal): PyVal {
  return isObject(value) && value.tag === 'function' ? { tag: 'bound', self, fn: value } : value;
}

export function getAttribute(ip: PyInterpreter, obj: PyVal, name: string, span: Span): PyVal {
  if (isUnknown(obj)) return unknown(`${obj.reason}.${name}`);
  if (typeof obj === 'string') return STR_METHODS.has(name) ? { tag: 'builtin', name: `str.${name}`, self: obj } : unknown(`str.${name}`);
  if (!isObject(obj)) return unknown(`.${name} of ${obj === null ? 'None' : typeof obj}`);
  switch (obj.tag) {
    case 'list':
      return LIST_METHODS.has(name) ? { tag: 'builtin', name: `list.${name}`, self: obj } : unknown(`list.${name}`);
    case 'dict':
      return DICT_METHODS.has(name) ? { tag: 'builtin', name: `dict.${name}`, self: obj } : unknown(`dict.${name}`);
    case 'tuple':
      return TUPLE_METHODS.has(name) ? { tag: 'builtin', name: `tuple.${name}`, self: obj } : unknown(`tuple.${name}`);
    case 'module':
      return obj.attrs.has(name) ? (obj.attrs.get(name) as PyVal) : unknown(`${obj.name}.${name}`);
    case 'keras':
      return kerasAttribute(obj.path, name);
    case 'class': {
      const found = lookupClassAttr(obj, name);
      return found ? found.value : unknown(`${obj.name}.${name}`);
    }
    case 'instance': {
      const own = obj.attrs.get(name);
      if (own !== undefined) return own;
      // `model.build(shape)` on a Keras subclass: its own build() (if any) runs, then Keras has
      // the model's layers; we trace call() on that shape to know them (keras/subclass.ts).
      if (name === 'build' && obj.subclass) return { tag: 'builtin', name: 'keras.subclass.build', self: obj };
      const found = lookupClassAttr(obj.cls, name);
      if (found) return bindIfFunction(found.value, obj);
      if (obj.cls.kerasBase) return kerasObjectAttribute(ip, obj, name, span);
      return unknown(`${obj.cls.name}.${name}`);
    }
    case 'builtin':
      if (obj.name === 'super' && obj.self !== undefined && isObject(obj.self) && obj.self.tag === 'tuple') {
        const cls = obj.self.items[0];
        const inst = obj.self.items[1];
        if (cls !== undefined && inst !== undefined && isObject(cls) && cls.tag === 'class' && isObject(inst) && inst.tag === 'instance') {
          const found = lookupAfter(inst.cls, cls, name);
          if (found) return bindIfFunction(found.value, inst);
          if (inst.cls.kerasBase) return { tag: 'builtin', name: `keras.base.${name}`, self: inst };
        }
      }
      return unknown(`${obj.name}.${name}`);
    case 'layer':
    case 'model':
    case 'tensor':
      return kerasObjectAttribute(ip, obj, name, span);
    default:
      return unknown(`.${name} of a ${obj.tag}`);
  }
}

export function setAttribute(ip: PyInterpreter, obj: PyVal, name: string, value: PyVal): void {
  if (!isObject(obj)) return;
  switch (obj.tag) {
    case 'instance':
      obj.attrs.set(name, value);
      if (obj.subclass) trackAttribute(obj, value);
      return;
    case 'class':
      obj.attrs.set(name, value);
      return;
    case 'module':
      obj.attrs.set(name, value);
      return;
    case 'layer':
    case 'model':
      setKerasObjectAttribute(ip, obj, name, value);
      return;
    default:
      ip.havocValues([obj], `an attribute write to a ${obj.tag}`);
  }
}
