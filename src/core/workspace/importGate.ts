// Which files the editor and the CLI analyse with their imports followed. One that names TF.js or
// Keras, of course. One that names neither may still build models with a builder it imports
// (`const model = createModel(28)`), but most such files (components, utilities) build none,
// and following their imports costs hundreds of milliseconds per edit in a large project: so
// they are followed only when a file they import directly names TF.js or Keras (the builder's
// file). A builder reached only through a re-exporting index is not found that way.
import { mayImportKeras } from '../lang/python/extract';
import { mayImportTf } from '../lang/typescript/extract/imports';
import { pythonCandidates, tsCandidates } from './resolve';

/** Relative specifiers of `from '…'`, `require('…')` and `import('…')`. */
const TS_SPECIFIER = /\b(?:from|require\s*\(|import\s*\()\s*['"](\.\.?\/[^'"]*)['"]/g;
/** `from ..pkg.mod import`, `import pkg.mod`: the dots and the dotted name. */
const PY_IMPORT = /^[ \t]*(?:from[ \t]+(\.*)[ \t]*([\w.]*)[ \t]+import\b|import[ \t]+([\w.]+))/gm;
/** Imports looked at, at most: the gate must stay far cheaper than the analysis it saves. */
const MAX_IMPORTS = 32;

export interface Gate {
  /** Follow the document's imports (it, or a file it imports directly, names the library). */
  readonly follow: boolean;
  /** Files the decision read or looked for: when one changes, so may the decision. */
  readonly read: readonly string[];
}

export function mentionsLibrary(text: string, python: boolean): boolean {
  return python ? mayImportKeras(text) : mayImportTf(text);
}

/** The files each direct import may mean, in resolution order. */
function candidates(text: string, path: string, root: string, python: boolean): string[][] {
  const out: string[][] = [];
  if (python) {
    for (const m of text.matchAll(PY_IMPORT)) {
      if (out.length >= MAX_IMPORTS) break;
      const list = m[3] !== undefined ? pythonCandidates(path, 0, m[3], root) : pythonCandidates(path, m[1].length, m[2], root);
      if (list.length > 0) out.push(list);
    }
  } else {
    for (const m of text.matchAll(TS_SPECIFIER)) {
      if (out.length >= MAX_IMPORTS) break;
      out.push(tsCandidates(path, m[1]));
    }
  }
  return out;
}

/** `read`: a file's text inside the root (null: none, or not to be read). */
export function importGate(text: string, path: string, root: string, python: boolean, read: (path: string) => string | null): Gate {
  if (mentionsLibrary(text, python)) return { follow: true, read: [] };
  const looked: string[] = [];
  for (const list of candidates(text, path, root, python)) {
    for (const p of list) {
      looked.push(p);
      const found = read(p);
      if (found === null) continue;
      if (mentionsLibrary(found, python)) return { follow: true, read: looked };
      break; // the import means this file: the later candidates are not it
    }
  }
  return { follow: false, read: looked };
}
