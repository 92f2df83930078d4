// The Python syntax tree the interpreter walks: close to CPython's `ast` module, with every node
// carrying a Span (UTF-16 offsets into the analysed text, like the TS front end's). parse.ts
// builds it from @lezer/python's concrete tree; a piece the parser could not read becomes an
// `Error` node, which evaluates to Unknown, so half-typed code never throws.
import type { Span } from '../../types';

interface NodeBase {
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------
// Expressions

export interface Name extends NodeBase {
  readonly kind: 'Name';
  readonly id: string;
}

export interface Num extends NodeBase {
  readonly kind: 'Num';
  /** The value; integers above 2**53 lose precision (shapes never get there). */
  readonly value: number;
  /** `3.0`, `1e3`: a Python float, not an int. */
  readonly isFloat: boolean;
  /** `2j`: a complex literal (evaluates to Unknown). */
  readonly isComplex?: boolean;
}

export interface Str extends NodeBase {
  readonly kind: 'Str';
  /** The decoded value (escapes applied, adjacent literals concatenated). */
  readonly value: string;
  /** `b'...'`: a bytes literal. */
  readonly isBytes?: boolean;
}

/** One `{expr!r:spec}` of an f-string. */
export interface FormattedValue {
  readonly expr: Expr;
  /** 's', 'r' or 'a' after `!`. */
  readonly conversion?: string;
  /** The format spec after `:`; itself may hold replacements (`{x:{width}}`). */
  readonly spec?: FString;
  /** `{x=}`: the source text of the expression is printed before its value. */
  readonly selfDoc?: string;
}

export interface FString extends NodeBase {
  readonly kind: 'FString';
  /** Literal text (decoded) and replacement fields, in order. */
  readonly parts: readonly (string | FormattedValue)[];
}

export interface Constant extends NodeBase {
  readonly kind: 'Constant';
  /** None, True, False, or `...`. */
  readonly value: null | boolean | 'Ellipsis';
}

export interface Attribute extends NodeBase {
  readonly kind: 'Attribute';
  readonly value: Expr;
  readonly attr: string;
  readonly attrSpan: Span;
}

export interface Subscript extends NodeBase {
  readonly kind: 'Subscript';
  readonly value: Expr;
  /** A single index, a Slice, or a Tuple of them (`x[1:, 0]`). */
  readonly index: Expr;
}

export interface Slice extends NodeBase {
  readonly kind: 'Slice';
  readonly lower: Expr | null;
  readonly upper: Expr | null;
  readonly step: Expr | null;
}

/** One argument of a call or a class's base list, as written. */
export interface Arg extends NodeBase {
  /** `f(x)`, `f(*xs)`, `f(k=v)`, `f(**kw)`. */
  readonly kind: 'positional' | 'star' | 'keyword' | 'doubleStar';
  /** The keyword, for kind 'keyword'. */
  readonly name?: string;
  readonly nameSpan?: Span;
  readonly value: Expr;
}

export interface Call extends NodeBase {
  readonly kind: 'Call';
  readonly func: Expr;
  readonly args: readonly Arg[];
  /** The parenthesised argument list `(...)`, parentheses included (quick fixes insert here). */
  readonly argsSpan: Span;
}

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '<<' | '>>' | '&' | '|' | '^';

export interface BinOp extends NodeBase {
  readonly kind: 'BinOp';
  readonly op: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
}

export interface UnaryOp extends NodeBase {
  readonly kind: 'UnaryOp';
  readonly op: '-' | '+' | '~' | 'not';
  readonly operand: Expr;
}

export interface BoolOp extends NodeBase {
  readonly kind: 'BoolOp';
  readonly op: 'and' | 'or';
  /** Two or more operands (`a and b and c` is one BoolOp). */
  readonly values: readonly Expr[];
}

export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';

/** `a < b <= c`: chained comparisons are one node, as in CPython. */
export interface Compare extends NodeBase {
  readonly kind: 'Compare';
  readonly left: Expr;
  readonly ops: readonly CompareOperator[];
  readonly comparators: readonly Expr[];
}

export interface IfExp extends NodeBase {
  readonly kind: 'IfExp';
  readonly test: Expr;
  readonly body: Expr;
  readonly orelse: Expr;
}

export interface Lambda extends NodeBase {
  readonly kind: 'Lambda';
  readonly params: Parameters;
  readonly body: Expr;
}

export interface Starred extends NodeBase {
  readonly kind: 'Starred';
  readonly value: Expr;
}

export interface Tuple extends NodeBase {
  readonly kind: 'Tuple';
  /** Elements; `*xs` elements are Starred. */
  readonly elts: readonly Expr[];
  /** True when written with parentheses (`(a, b)`), false for `a, b`. */
  readonly parenthesized: boolean;
}

export interface List extends NodeBase {
  readonly kind: 'List';
  readonly elts: readonly Expr[];
}

export interface SetExpr extends NodeBase {
  readonly kind: 'Set';
  readonly elts: readonly Expr[];
}

export type DictItem = { readonly key: Expr; readonly value: Expr; readonly span: Span } | { readonly unpack: Expr; readonly span: Span };

export interface Dict extends NodeBase {
  readonly kind: 'Dict';
  readonly items: readonly DictItem[];
}

export interface Comprehension extends NodeBase {
  readonly target: Expr;
  readonly iter: Expr;
  readonly ifs: readonly Expr[];
  readonly isAsync: boolean;
}

export interface ListComp extends NodeBase {
  readonly kind: 'ListComp' | 'SetComp' | 'GeneratorExp';
  readonly elt: Expr;
  readonly generators: readonly Comprehension[];
}

export interface DictComp extends NodeBase {
  readonly kind: 'DictComp';
  readonly key: Expr;
  readonly value: Expr;
  readonly generators: readonly Comprehension[];
}

/** `(n := 10)` */
export interface NamedExpr extends NodeBase {
  readonly kind: 'NamedExpr';
  readonly target: Name;
  readonly value: Expr;
}

/** `await x`, `yield x`, `yield from x`: never evaluated (Unknown). */
export interface OpaqueExpr extends NodeBase {
  readonly kind: 'Await' | 'Yield';
  readonly value: Expr | null;
}

/** Text the parser could not read as an expression. Evaluates to Unknown. */
export interface ErrorExpr extends NodeBase {
  readonly kind: 'ErrorExpr';
}

export type Expr =
  | Name
  | Num
  | Str
  | FString
  | Constant
  | Attribute
  | Subscript
  | Slice
  | Call
  | BinOp
  | UnaryOp
  | BoolOp
  | Compare
  | IfExp
  | Lambda
  | Starred
  | Tuple
  | List
  | SetExpr
  | Dict
  | ListComp
  | DictComp
  | NamedExpr
  | OpaqueExpr
  | ErrorExpr;

// ---------------------------------------------------------------------------------------
// Function parameters

export interface Param extends NodeBase {
  readonly name: string;
  /**
   * 'positional': normal; 'posonly': before `/`; 'kwonly': after `*` or `*args`;
   * 'varargs': `*args`; 'varkw': `**kwargs`.
   */
  readonly kind: 'positional' | 'posonly' | 'kwonly' | 'varargs' | 'varkw';
  readonly default: Expr | null;
  readonly annotation: Expr | null;
}

export interface Parameters extends NodeBase {
  readonly params: readonly Param[];
}

// ---------------------------------------------------------------------------------------
// Statements

export interface ExprStmt extends NodeBase {
  readonly kind: 'ExprStmt';
  readonly value: Expr;
}

/** `a = b = value` has two targets. Targets may be Name, Attribute, Subscript, Tuple, List, Starred. */
export interface Assign extends NodeBase {
  readonly kind: 'Assign';
  readonly targets: readonly Expr[];
  readonly value: Expr;
}

export interface AnnAssign extends NodeBase {
  readonly kind: 'AnnAssign';
  readonly target: Expr;
  readonly annotation: Expr;
  readonly value: Expr | null;
}

export interface AugAssign extends NodeBase {
  readonly kind: 'AugAssign';
  readonly target: Expr;
  readonly op: BinaryOperator;
  readonly value: Expr;
}

/** `elif` is an If alone in `orelse`, with `isElif` set and its span starting at `elif`. */
export interface If extends NodeBase {
  readonly kind: 'If';
  readonly test: Expr;
  readonly body: readonly Stmt[];
  readonly orelse: readonly Stmt[];
  readonly isElif?: boolean;
}

export interface For extends NodeBase {
  readonly kind: 'For';
  readonly target: Expr;
  readonly iter: Expr;
  readonly body: readonly Stmt[];
  readonly orelse: readonly Stmt[];
  readonly isAsync: boolean;
}

export interface While extends NodeBase {
  readonly kind: 'While';
  readonly test: Expr;
  readonly body: readonly Stmt[];
  readonly orelse: readonly Stmt[];
}

export interface FunctionDef extends NodeBase {
  readonly kind: 'FunctionDef';
  readonly name: string;
  readonly nameSpan: Span;
  readonly params: Parameters;
  readonly body: readonly Stmt[];
  /** Decorator expressions, outermost first (`@a` above `@b` → [a, b]). */
  readonly decorators: readonly Expr[];
  readonly returns: Expr | null;
  readonly isAsync: boolean;
}

export interface ClassDef extends NodeBase {
  readonly kind: 'ClassDef';
  readonly name: string;
  readonly nameSpan: Span;
  /** Base classes and keywords (`metaclass=...`), as call arguments. */
  readonly bases: readonly Arg[];
  readonly body: readonly Stmt[];
  readonly decorators: readonly Expr[];
}

export interface Return extends NodeBase {
  readonly kind: 'Return';
  readonly value: Expr | null;
}

export interface Simple extends NodeBase {
  readonly kind: 'Pass' | 'Break' | 'Continue';
}

export interface Raise extends NodeBase {
  readonly kind: 'Raise';
  readonly exc: Expr | null;
}

export interface ImportAlias extends NodeBase {
  /** Dotted name as written: 'tensorflow.keras.layers'. */
  readonly name: string;
  readonly asname: string | null;
}

export interface Import extends NodeBase {
  readonly kind: 'Import';
  readonly names: readonly ImportAlias[];
}

export interface ImportFrom extends NodeBase {
  readonly kind: 'ImportFrom';
  /** 'keras.layers', or null for `from . import x`. */
  readonly module: string | null;
  /** Leading dots: 0 absolute, 1 for `.`, 2 for `..`. */
  readonly level: number;
  /** Imported names, or '*' for `from m import *`. */
  readonly names: readonly ImportAlias[] | '*';
}

export interface Scoping extends NodeBase {
  readonly kind: 'Global' | 'Nonlocal';
  readonly names: readonly string[];
}

export interface Delete extends NodeBase {
  readonly kind: 'Delete';
  readonly targets: readonly Expr[];
}

export interface Assert extends NodeBase {
  readonly kind: 'Assert';
  readonly test: Expr;
  readonly msg: Expr | null;
}

export interface ExceptHandler extends NodeBase {
  readonly type: Expr | null;
  readonly name: string | null;
  readonly body: readonly Stmt[];
}

export interface Try extends NodeBase {
  readonly kind: 'Try';
  readonly body: readonly Stmt[];
  readonly handlers: readonly ExceptHandler[];
  readonly orelse: readonly Stmt[];
  readonly finalbody: readonly Stmt[];
}

export interface WithItem extends NodeBase {
  readonly context: Expr;
  readonly target: Expr | null;
}

export interface With extends NodeBase {
  readonly kind: 'With';
  readonly items: readonly WithItem[];
  readonly body: readonly Stmt[];
  readonly isAsync: boolean;
}

/** `match` (3.10): not interpreted; its case bodies are kept so havoc can see what they assign. */
export interface Match extends NodeBase {
  readonly kind: 'Match';
  readonly subject: Expr;
  readonly cases: readonly (readonly Stmt[])[];
}

/** A statement the parser could not read (or `type X = ...`): skipped. */
export interface ErrorStmt extends NodeBase {
  readonly kind: 'ErrorStmt';
}

export type Stmt =
  | ExprStmt
  | Assign
  | AnnAssign
  | AugAssign
  | If
  | For
  | While
  | FunctionDef
  | ClassDef
  | Return
  | Simple
  | Raise
  | Import
  | ImportFrom
  | Scoping
  | Delete
  | Assert
  | Try
  | With
  | Match
  | ErrorStmt;

export interface SyntaxProblem {
  readonly message: string;
  readonly span: Span;
}

export interface Module {
  readonly body: readonly Stmt[];
  /** What the parser could not read; the statements around it are still in `body`. */
  readonly syntaxErrors: readonly SyntaxProblem[];
}
