// Builders for quick-fix text edits. They work on the source text around spans the extractor
// recorded, and return null whenever the code is not in a shape we can edit safely.
import type { LayerDecl, Span, TextEdit } from '../types';

/** `tf.layers.dense` → `tf.layers.` : the namespace a layer factory was reached through. */
export function factoryPrefix(text: string, decl: LayerDecl): string | null {
  const callee = text.slice(decl.span.start, decl.span.end);
  const paren = callee.indexOf('(');
  if (paren < 0) return null;
  const path = callee.slice(0, paren).replace(/\s+/g, '');
  if (!path.endsWith(decl.factory)) return null;
  const prefix = path.slice(0, path.length - decl.factory.length);
  // A bare `dense(...)` from a named import: another factory may not be imported, so no fix.
  return prefix.endsWith('.') ? prefix : null;
}

/** Indentation of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const match = /^[ \t]*/.exec(text.slice(lineStart, offset));
  return match ? match[0] : '';
}

/** Sets `key: value` in a layer's config: replaces the property if written, else inserts it. */
export function setConfigProperty(text: string, decl: LayerDecl, key: string, valueSource: string): TextEdit | null {
  const existing = decl.configSpans[key];
  if (existing) {
    const written = text.slice(existing.start, existing.end);
    const colon = written.indexOf(':');
    if (colon < 0 || !written.trimStart().startsWith(key)) return null; // shorthand or spread
    return { span: existing, newText: `${written.slice(0, colon + 1)} ${valueSource}` };
  }
  const obj = decl.configObjectSpan;
  if (!obj) return null;
  const body = text.slice(obj.start, obj.end);
  if (!body.startsWith('{') || !body.endsWith('}')) return null;
  const inner = body.slice(1, -1);
  if (inner.trim() === '') return { span: obj, newText: `{${key}: ${valueSource}}` };
  // Insert after the last property, keeping the author's trailing-comma style.
  const trimmedEnd = inner.replace(/\s+$/, '');
  const hasTrailingComma = trimmedEnd.endsWith(',');
  const insertAt = obj.start + 1 + trimmedEnd.length;
  const multiline = inner.includes('\n');
  const sep = multiline ? `\n${indentAt(text, insertAt)}` : ' ';
  return {
    span: { start: insertAt, end: insertAt },
    newText: `${hasTrailingComma ? '' : ','}${sep}${key}: ${valueSource}${hasTrailingComma ? ',' : ''}`,
  };
}

export function replaceSpan(span: Span, newText: string): TextEdit {
  return { span, newText };
}
