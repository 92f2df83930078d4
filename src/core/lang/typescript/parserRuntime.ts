// TypeScript's compiler and typescript-estree, loaded at the first TS/JS parse instead of when
// the core loads. They are 3.6 MB of each 4.4 MB bundle and their module initialisation is most
// of a bundle's start (~0.4 s on this 2-core machine, several times that in a cold workbench):
// an analysis of Python only (the panel's local analysis of a .py file, a Python-only CLI run)
// never pays it. Only types come from the packages at the top; the values come from here.
import type * as TypeScript from 'typescript';
import type * as TypeScriptEstree from '@typescript-eslint/typescript-estree';

let typescript: typeof TypeScript | undefined;
let estree: typeof TypeScriptEstree | undefined;

/** The `typescript` module, loaded on the first call. */
export function typeScript(): typeof TypeScript {
  // A run-time require, so bundling keeps the module but runs it only here (esbuild wraps it lazily).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  typescript ??= require('typescript') as typeof TypeScript;
  return typescript;
}

/** The `@typescript-eslint/typescript-estree` module, loaded on the first call. */
export function typeScriptEstree(): typeof TypeScriptEstree {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  estree ??= require('@typescript-eslint/typescript-estree') as typeof TypeScriptEstree;
  return estree;
}

/** TypeScript's script kind for a file name (.tsx, .jsx, .js/.mjs/.cjs, else .ts). */
export function scriptKindOf(fileName: string): TypeScript.ScriptKind {
  const { ScriptKind } = typeScript();
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ScriptKind.JSX;
  if (/\.(js|mjs|cjs)$/.test(lower)) return ScriptKind.JS;
  return ScriptKind.TS;
}
