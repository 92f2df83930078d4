// Which modules are TF.js, and how their imports bind names: a namespace or default import is
// the package root (`tf`), a named import is a path below it (`layers`, `sequential`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unknown } from '../../../types';
import { isRelativeSpecifier } from '../../../workspace/resolve';
import type { TsModuleImports } from './moduleImports';
import type { Scope } from './scope';

const TF_MODULES = new Set(['@tensorflow/tfjs', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-layers']);

export function isTfModule(source: string): boolean {
  return TF_MODULES.has(source);
}

/** `tf.sequential(`, `tf.layers.`, `tf.model(`, `tf.input(`: the page-global `tf` of a <script> tag at work. */
const GLOBAL_TF_USE = /\btf\s*\.\s*(?:sequential|layers|model|input|Sequential|LayersModel)\b/;

/**
 * Cheap text test run before parsing: a file that never names a TF.js package, and never uses a
 * `tf` global the way TF.js's <script> build provides it, has no models.
 */
export function mayImportTf(text: string): boolean {
  return text.includes('@tensorflow/tfjs') || GLOBAL_TF_USE.test(text);
}

/**
 * Whether the program declares `tf` at its top level (an import, a variable, a function, a
 * class). If not, a `tf` it uses is the global TF.js's browser build defines (`<script
 * src=".../tfjs">`), and is read as TF.js.
 */
export function declaresTfAtTopLevel(program: TSESTree.Program): boolean {
  const declares = (stmt: TSESTree.Node): boolean => {
    switch (stmt.type) {
      case 'ImportDeclaration':
        return stmt.specifiers.some((s) => s.local.name === 'tf');
      case 'TSImportEqualsDeclaration':
        return stmt.id.name === 'tf';
      case 'VariableDeclaration':
        // `declare const tf: typeof import('@tensorflow/tfjs')` types the global; it binds nothing.
        if (stmt.declare) return false;
        return stmt.declarations.some((d) => d.id.type !== 'Identifier' || d.id.name === 'tf');
      case 'FunctionDeclaration':
      case 'ClassDeclaration':
        return stmt.id?.name === 'tf';
      case 'ExportNamedDeclaration':
        return stmt.declaration ? declares(stmt.declaration) : false;
      default:
        return false;
    }
  };
  return program.body.some(declares);
}

/**
 * An expression that is certainly a TF.js module whatever it evaluates to at run time:
 * `require('@tensorflow/tfjs-node-gpu')`, `await import('@tensorflow/tfjs')`, or a choice
 * between such (`gpu ? require(a) : require(b)`). Assigning one to the `tf` we know leaves it TF.js.
 */
export function isTfModuleExpression(node: TSESTree.Node): boolean {
  switch (node.type) {
    case 'CallExpression':
      return (
        node.callee.type === 'Identifier' &&
        node.callee.name === 'require' &&
        node.arguments.length === 1 &&
        node.arguments[0].type === 'Literal' &&
        typeof node.arguments[0].value === 'string' &&
        isTfModule(node.arguments[0].value)
      );
    case 'AwaitExpression':
      return isTfModuleExpression(node.argument);
    case 'ImportExpression':
      return node.source.type === 'Literal' && typeof node.source.value === 'string' && isTfModule(node.source.value);
    case 'ConditionalExpression':
      return isTfModuleExpression(node.consequent) && isTfModuleExpression(node.alternate);
    case 'TSAsExpression':
    case 'TSNonNullExpression':
      return isTfModuleExpression(node.expression);
    default:
      return false;
  }
}

/** A cheap text test: a file that may import or require a file of its own project (`./data`). */
export function mayImportWorkspaceModule(text: string): boolean {
  return /\b(?:from|require\s*\(|import)\s*['"]\.\.?\//.test(text);
}

/**
 * Binds every import of the program in `scope`: TF.js as the API, the project's own files
 * through `imports` (when the analysis follows them), anything else as Unknown. Returns
 * whether any TF.js module is imported.
 */
function isTypeOnly(stmt: TSESTree.ImportDeclaration): boolean {
  return stmt.importKind === 'type' || (stmt.specifiers.length > 0 && stmt.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type'));
}

export function bindImports(program: TSESTree.Program, scope: Scope, imports: TsModuleImports | null = null): boolean {
  let importsTf = false;
  for (const stmt of program.body) {
    if (stmt.type === 'ImportDeclaration') {
      const isTf = isTfModule(stmt.source.value);
      importsTf ||= isTf;
      // `import type` (or only type specifiers) binds nothing at run time: no file to follow.
      if (!isTf && imports && isRelativeSpecifier(stmt.source.value) && !isTypeOnly(stmt)) {
        imports.bindDeclaration(stmt, scope);
        continue;
      }
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
      const other = imports && isRelativeSpecifier(src) ? imports.require(src) : unknown(`imported from '${src}'`);
      scope.declare(stmt.id.name, isTf ? { tag: 'tf', path: [] } : other, 'import');
    }
  }
  return importsTf;
}
