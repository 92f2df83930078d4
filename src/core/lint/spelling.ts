// Findings speak the file's language: `padding: 'same'` and `tf.layers.flatten()` in TS/JS,
// `padding='same'` and `layers.Flatten()` in Python, with the names the file itself uses.
// Rules ask a Spelling for every piece of code they put in a message or a quick fix.
import type { LayerDecl, SourceLanguage, Span, TextEdit } from '../types';
import { factoryPrefix, indentAt, setConfigProperty } from './edits';
import { pythonSpelling } from './pythonSpelling';

export interface Spelling {
  readonly language: SourceLanguage;
  /** The library whose behaviour messages describe: 'TF.js' or 'Keras'. */
  readonly library: string;
  /** A config key as the user writes it: `kernelSize` / `kernel_size`. */
  key(canonical: string): string;
  /** A setting as written in a layer call: `padding: 'same'` / `padding='same'`. */
  setting(canonical: string, value: string): string;
  /** A string literal. */
  str(value: string): string;
  /** A loss as the library names it: `binaryCrossentropy` / `binary_crossentropy`. */
  loss(camel: string): string;
  /** A layer factory as the user would call it, e.g. for a "consider adding Dropout" hint. */
  layerHint(className: string): string;
  /** Sets (or replaces) a config argument of a layer call; null when the code is not in a shape we can edit safely. */
  setConfig(text: string, decl: LayerDecl, key: string, valueSource: string): TextEdit | null;
  /**
   * A call constructing `className` with no arguments, reached the way `near` was (same
   * namespace prefix), or null when the file has no safe way to name it.
   */
  layerCall(text: string, near: LayerDecl, className: string): string | null;
  /**
   * The edit inserting a layer call before a Sequential element: a new `model.add(...)`
   * statement before the one at `nodeSpan`, or a new list element.
   */
  insertLayerBefore(text: string, nodeSpan: Span, call: string): TextEdit | null;
}

/** TF.js factory names: `Flatten` → `flatten`, `GlobalAveragePooling2D` → `globalAveragePooling2d`. */
const TFJS_FACTORIES: Readonly<Record<string, string>> = {
  Flatten: 'flatten()',
  GlobalAveragePooling2D: 'globalAveragePooling2d({})',
  Dropout: 'dropout',
};

export const typescriptSpelling: Spelling = {
  language: 'typescript',
  library: 'TF.js',
  key: (k) => k,
  setting: (k, v) => `${k}: ${v}`,
  str: (v) => `'${v}'`,
  loss: (camel) => camel,
  layerHint: (className) => `tf.layers.${TFJS_FACTORIES[className]?.replace(/\(.*$/, '') ?? className.charAt(0).toLowerCase() + className.slice(1)}`,
  setConfig: setConfigProperty,
  layerCall: (text, near, className) => {
    const prefix = factoryPrefix(text, near);
    const call = TFJS_FACTORIES[className];
    return prefix && call ? `${prefix}${call}` : null;
  },
  insertLayerBefore: (text, nodeSpan, call) => {
    const written = text.slice(nodeSpan.start, nodeSpan.end);
    const addAt = written.indexOf('.add(');
    const indent = indentAt(text, nodeSpan.start);
    const newText =
      addAt > 0 && !written.slice(0, addAt).includes('(')
        ? `${written.slice(0, addAt)}.add(${call});\n${indent}` // model.add(...) statement form
        : `${call},\n${indent}`; // element of `layers: [...]`
    return { span: { start: nodeSpan.start, end: nodeSpan.start }, newText };
  },
};

export function spellingFor(language: SourceLanguage): Spelling {
  return language === 'python' ? pythonSpelling : typescriptSpelling;
}
