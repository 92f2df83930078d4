// Which modules are TF.js, and how their imports bind names: a namespace or default import is
// the package root (`tf`), a named import is a path below it (`layers`, `sequential`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unknown } from '../../../types';
import type { Scope } from './scope';

const TF_MODULES = new Set(['@tensorflow/tfjs', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-layers']);

export function isTfModule(source: string): boolean {
  return TF_MODULES.has(source);
}

/** Cheap text test run before parsing: a file that never names a TF.js package has no models. */
export function mayImportTf(text: string): boolean {
  return text.includes('@tensorflow/tfjs');
}

/** Binds every import of the program in `scope`. Returns whether any TF.js module is imported. */
export function bindImports(program: TSESTree.Program, scope: Scope): boolean {
  let importsTf = false;
  for (const stmt of program.body) {
    if (stmt.type === 'ImportDeclaration') {
      const isTf = isTfModule(stmt.source.value);
      importsTf ||= isTf;
      for (const spec of stmt.specifiers) {
        const local = spec.local.name;
        if (!isTf) {
          scope.declare(local, unknown(`imported from '${stmt.source.value}'`), 'import');
        } else if (spec.type === 'ImportSpecifier') {
          const imported = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
          scope.declare(local, imported === 'default' ? { tag: 'tf', path: [] } : { tag: 'tf', path: [imported] }, 'import');
        } else {
          scope.declare(local, { tag: 'tf', path: [] }, 'import');
        }
      }
    } else if (stmt.type === 'TSImportEqualsDeclaration' && stmt.moduleReference.type === 'TSExternalModuleReference') {
      const src = stmt.moduleReference.expression.value;
      const isTf = isTfModule(src);
      importsTf ||= isTf;
      scope.declare(stmt.id.name, isTf ? { tag: 'tf', path: [] } : unknown(`imported from '${src}'`), 'import');
    }
  }
  return importsTf;
}
