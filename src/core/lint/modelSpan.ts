// Model-level findings underline the callee (`tf.sequential`), not a 100-line config object.
import type { Span } from '../types';

export function modelHeadSpan(text: string, call: Span): Span {
  const paren = text.indexOf('(', call.start);
  return paren > call.start && paren < call.end ? { start: call.start, end: paren } : call;
}
