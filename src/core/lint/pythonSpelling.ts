// Python's spelling of findings and quick fixes: Keras keywords (`kernel_size='same'`),
// keyword arguments inserted into the constructor call's argument list, layer classes named
// the way the file already reaches them (`layers.Flatten()`, or `Flatten()` when imported).
import { specForClassName } from '../catalog';
import type { LayerDecl, Span, TextEdit } from '../types';
import { indentAt } from './edits';
import type { Spelling } from './spelling';

function snake(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The Keras keyword for a canonical config key of this layer class. */
function keywordFor(decl: LayerDecl | null, key: string): string {
  const keywords = decl?.className ? specForClassName(decl.className)?.keras?.keywords : undefined;
  if (keywords) for (const [kw, canonical] of Object.entries(keywords)) if (canonical === key) return kw;
  return snake(key);
}

function setConfig(text: string, decl: LayerDecl, key: string, valueSource: string): TextEdit | null {
  const existing = decl.configSpans[key];
  if (existing) {
    const written = text.slice(existing.start, existing.end);
    if (written.startsWith('*')) return null; // it came from a **kwargs dict: edit the dict instead
    const kw = /^(\s*[A-Za-z_]\w*\s*=)/.exec(written);
    return { span: existing, newText: kw ? `${kw[1].trimEnd()}${valueSource}` : valueSource };
  }
  const args = decl.argsSpan;
  if (!args) return null;
  const body = text.slice(args.start, args.end);
  if (!body.startsWith('(') || !body.endsWith(')')) return null;
  const kw = keywordFor(decl, key);
  const inner = body.slice(1, -1);
  if (inner.trim() === '') return { span: args, newText: `(${kw}=${valueSource})` };
  const trimmedEnd = inner.replace(/\s+$/, '');
  const hasTrailingComma = trimmedEnd.endsWith(',');
  const insertAt = args.start + 1 + trimmedEnd.length;
  const sep = inner.includes('\n') ? `\n${indentAt(text, insertAt)}` : ' ';
  return { span: { start: insertAt, end: insertAt }, newText: `${hasTrailingComma ? '' : ','}${sep}${kw}=${valueSource}${hasTrailingComma ? ',' : ''}` };
}

/** True when the file imports `name` directly (`from keras.layers import Flatten`, or `import *`). */
function importsName(text: string, name: string): boolean {
  const from = new RegExp(`^\\s*from\\s+[\\w.]+\\s+import\\s+(?:\\(?[^#\\n]*\\b${name}\\b|\\*)`, 'm');
  return from.test(text);
}

function layerCall(text: string, near: LayerDecl, className: string): string | null {
  const written = text.slice(near.span.start, near.span.end);
  const paren = written.indexOf('(');
  if (paren <= 0) return null;
  const callee = written.slice(0, paren).replace(/\s+/g, '');
  const dot = callee.lastIndexOf('.');
  if (dot > 0) return `${callee.slice(0, dot + 1)}${className}()`;
  return importsName(text, className) ? `${className}()` : null;
}

function insertLayerBefore(text: string, nodeSpan: Span, call: string): TextEdit {
  const written = text.slice(nodeSpan.start, nodeSpan.end);
  const indent = indentAt(text, nodeSpan.start);
  const add = /^([A-Za-z_][\w.]*)\s*\.\s*add\s*\(/.exec(written);
  const newText = add ? `${add[1]}.add(${call})\n${indent}` : `${call},\n${indent}`;
  return { span: { start: nodeSpan.start, end: nodeSpan.start }, newText };
}

export const pythonSpelling: Spelling = {
  language: 'python',
  library: 'Keras',
  key: (k) => snake(k),
  setting: (k, v) => `${snake(k)}=${v}`,
  str: (v) => `'${v}'`,
  loss: (camel) => snake(camel),
  layerHint: (className) => `layers.${className}`,
  setConfig,
  layerCall,
  insertLayerBefore,
};
