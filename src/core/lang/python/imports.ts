// `import` and `from ... import` as Python binds them. Keras and TensorFlow bind descriptions
// of their API (keras/api.ts); `math` and `numpy` bind the functions we compute; the
// project's own modules bind what they define, when the analysis follows imports
// (workspaceImports.ts); any other module binds Unknown values named after it. Nothing is
// ever imported or run.
import { kerasLayerNames } from '../../catalog';
import { unknown } from '../../types';
import type * as ast from './ast';
import { knownModule } from './builtins';
import type { PyInterpreter } from './interpreter';
import { kerasAttribute, kerasModulePath, kerasRef } from './keras/api';
import type { PyScope } from './scope';
import type { PyVal } from './values';

/** The value a module path evaluates to: `import keras.layers as L` binds L to this. */
function moduleValue(ip: PyInterpreter, dotted: string): PyVal {
  const keras = kerasModulePath(dotted);
  if (keras) {
    ip.ctx.importsKeras = true;
    return kerasRef(keras);
  }
  return knownModule(dotted) ?? unknown(`the module ${dotted}`);
}

/** A module of the workspace, when the analysis follows imports and one has that name. */
function workspaceModule(ip: PyInterpreter, dotted: string, asName: boolean): PyVal | null {
  if (!ip.ctx.imports || kerasModulePath(dotted) || knownModule(dotted.split('.')[0])) return null;
  return ip.ctx.imports.importValue(dotted, asName);
}

export function bindImport(ip: PyInterpreter, s: ast.Import, scope: PyScope): void {
  for (const alias of s.names) {
    if (alias.asname) scope.assign(alias.asname, workspaceModule(ip, alias.name, true) ?? moduleValue(ip, alias.name));
    else {
      // `import a.b.c` binds `a` (and makes a.b.c reachable through it).
      const top = alias.name.split('.')[0];
      if (kerasModulePath(alias.name)) ip.ctx.importsKeras = true;
      scope.assign(top, workspaceModule(ip, alias.name, false) ?? moduleValue(ip, top));
    }
  }
}

/** Names `from keras.layers import *` binds: every layer class we know, and Input. */
function starNames(path: readonly string[]): string[] {
  if (path.length === 0) return ['Sequential', 'Model', 'Input', 'layers', 'models', 'ops', 'backend', 'activations', 'regularizers', 'optimizers', 'losses'];
  if (path.length === 1 && path[0] === 'layers') return [...kerasLayerNames(), 'Input', 'InputLayer', 'Layer'];
  if (path.length === 1 && path[0] === 'models') return ['Sequential', 'Model'];
  return [];
}

export function bindImportFrom(ip: PyInterpreter, s: ast.ImportFrom, scope: PyScope): void {
  const dotted = s.module ?? '';
  const keras = s.level === 0 ? kerasModulePath(dotted) : null;
  if (keras) ip.ctx.importsKeras = true;
  const module = s.level === 0 && !keras ? knownModule(dotted) : null;
  // The project's own module (`from .config import IMG_SIZE`, `from config import *`).
  if (!keras && !module && ip.ctx.imports && ip.ctx.imports.bindFrom(s, scope)) return;
  if (s.names === '*') {
    if (keras) for (const n of starNames(keras)) scope.assign(n, kerasAttribute(keras, n));
    return;
  }
  for (const alias of s.names) {
    const local = alias.asname ?? alias.name;
    if (keras) scope.assign(local, kerasAttribute(keras, alias.name));
    else if (module) scope.assign(local, module.attrs.get(alias.name) ?? unknown(`${dotted}.${alias.name}`));
    else {
      const from = `${'.'.repeat(s.level)}${dotted}`;
      scope.assign(local, unknown(`\`${alias.name}\`, imported from ${from}`));
    }
  }
}
