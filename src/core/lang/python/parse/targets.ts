// What may stand left of `=`, after `for`, `del` or `as`: CPython's "cannot assign to ..." checks,
// which lezer's grammar (any expression list before `=`) does not make.
import type * as A from '../ast';

export type TargetContext = 'assign' | 'augmented' | 'annotated' | 'delete' | 'for' | 'with';

/** How CPython names an expression in these messages. */
function describe(e: A.Expr): string {
  switch (e.kind) {
    case 'Num':
    case 'Str':
      return 'literal';
    case 'FString':
      return 'f-string expression';
    case 'Constant':
      return e.value === null ? 'None' : e.value === 'Ellipsis' ? 'ellipsis' : e.value ? 'True' : 'False';
    case 'Call':
      return 'function call';
    case 'Compare':
      return 'comparison';
    case 'IfExp':
      return 'conditional expression';
    case 'Lambda':
      return 'lambda';
    case 'NamedExpr':
      return 'named expression';
    case 'Await':
      return 'await expression';
    case 'Yield':
      return 'yield expression';
    case 'Dict':
      return 'dict literal';
    case 'Set':
      return 'set display';
    case 'ListComp':
      return 'list comprehension';
    case 'SetComp':
      return 'set comprehension';
    case 'DictComp':
      return 'dict comprehension';
    case 'GeneratorExp':
      return 'generator expression';
    default:
      return 'expression';
  }
}

/** CPython's message when `e` cannot be a target here, with the part to point at; or null. */
export function targetProblem(e: A.Expr, context: TargetContext): { message: string; at: A.Expr } | null {
  if (context === 'augmented' || context === 'annotated') {
    if (e.kind === 'Name' || e.kind === 'Attribute' || e.kind === 'Subscript') return null;
    if (context === 'annotated') {
      return { message: e.kind === 'Tuple' ? 'only single target (not tuple) can be annotated' : e.kind === 'List' ? 'only single target (not list) can be annotated' : 'illegal target for annotation', at: e };
    }
    const what = e.kind === 'Tuple' ? 'tuple' : e.kind === 'List' ? 'list' : describe(e);
    return { message: `'${what}' is an illegal expression for augmented assignment`, at: e };
  }
  if (context !== 'delete' && e.kind === 'Starred') return { message: 'starred assignment target must be in a list or tuple', at: e };
  return inner(e, context);
}

function inner(e: A.Expr, context: TargetContext): { message: string; at: A.Expr } | null {
  switch (e.kind) {
    case 'Name':
    case 'Attribute':
    case 'Subscript':
    case 'ErrorExpr':
      return null;
    case 'Starred':
      return context === 'delete' ? { message: 'cannot delete starred', at: e } : inner(e.value, context);
    case 'Tuple':
    case 'List': {
      let starred = 0;
      for (const elt of e.elts) {
        if (elt.kind === 'Starred' && ++starred > 1 && context !== 'delete') return { message: 'multiple starred expressions in assignment', at: elt };
        const p = inner(elt, context);
        if (p) return p;
      }
      return null;
    }
    default: {
      const what = describe(e);
      if (context === 'delete') return { message: `cannot delete ${what}`, at: e };
      if (context === 'assign') return { message: `cannot assign to ${what} here. Maybe you meant '==' instead of '='?`, at: e };
      return { message: `cannot assign to ${what}`, at: e };
    }
  }
}
