// The walk over lezer's tree: one TreeCursor moved by hand (no SyntaxNode objects per node, the
// conversion stays cheap next to the parse), comments stepped over, and the bookkeeping the
// converters share: problems, how many unreadable pieces were met, and nesting depth.
import type { Tree, TreeCursor } from '@lezer/common';
import type { Span } from '../../../types';
import type * as A from '../ast';
import { normalizeName as normalizeNameImport } from './chars';
import { KIND as KIND_TABLE, NodeKinds, type NodeKind } from './nodeTypes';

// Local references: run file by file (tsx), an import is read through a module getter on
// every use, which cost a fifth of the conversion time.
const N = NodeKinds;
const KIND = KIND_TABLE;
const normalizeName = normalizeNameImport;

/** Deeper than this an expression becomes an ErrorExpr (the JS stack is finite). */
export const MAX_DEPTH = 400;

export abstract class Walk {
  /** An expression at the cursor (convertExpr.ts). */
  abstract expr(): A.Expr;

  protected readonly c: TreeCursor;
  /** Where lezer's reading of a rewritten number ends → where the literal as written ends. */
  private readonly ends = new Map<number, number>();
  readonly problems: A.SyntaxProblem[] = [];
  /** Error nodes and problems met so far: a statement compares it before and after itself. */
  errors = 0;
  /** Error nodes (or what only they can cause) met in the whole walk: recovery is needed. */
  unreadableCount = 0;
  protected depth = 0;

  constructor(
    tree: Tree,
    protected readonly text: string,
    /** Tokens recovery rewrote for lezer (`1.` read as `1 `, `print` as `pr1nt`): offset → as written. */
    protected readonly originals: ReadonlyMap<number, string>,
  ) {
    this.c = tree.cursor();
    // A rewritten number is one unit shorter for lezer (`1.` is `1` and a space).
    for (const [at, literal] of originals) if (literal.includes('.')) this.ends.set(at + literal.length - 1, at + literal.length);
  }

  protected kind(): NodeKind {
    // The table holds NodeKinds values only.
    return KIND[this.c.type.id] as NodeKind;
  }

  protected get from(): number {
    return Math.min(this.c.from, this.text.length);
  }

  protected get to(): number {
    // lezer read one line break more than the text has (recovery.ts): never past the text.
    const to = Math.min(this.c.to, this.text.length);
    return this.ends.size === 0 ? to : (this.ends.get(to) ?? to);
  }

  protected span(): Span {
    return { start: this.from, end: this.to };
  }

  protected source(): string {
    return this.text.slice(this.c.from, this.c.to);
  }

  /** To the first child that is not a comment; false (cursor unmoved) if there is none. */
  protected enter(): boolean {
    if (!this.c.firstChild()) return false;
    while (KIND[this.c.type.id] === N.Comment) {
      if (!this.c.nextSibling()) {
        this.c.parent();
        return false;
      }
    }
    return true;
  }

  /** To the next sibling that is not a comment. */
  protected next(): boolean {
    while (this.c.nextSibling()) {
      if (KIND[this.c.type.id] !== N.Comment) return true;
    }
    return false;
  }

  protected leave(): void {
    this.c.parent();
  }

  /** The token at or after `pos` (blank space and comments skipped), or the end of the text. */
  protected tokenAfter(pos: number): Span {
    const t = this.text;
    let i = Math.min(pos, t.length);
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c) i++;
      else if (c === 0x23) while (i < t.length && t.charCodeAt(i) !== 0x0a && t.charCodeAt(i) !== 0x0d) i++;
      else break;
    }
    let end = i;
    while (end < t.length && /[\p{L}\p{N}_]/u.test(t[end])) end++;
    return { start: i, end: Math.max(end, Math.min(i + 1, t.length)) };
  }

  /**
   * An operator at the cursor (`=`, `+`, `<=`); lezer puts an error node inside one it had to
   * invent (`f(k"v")`), which counts as unreadable.
   */
  protected operator(): string {
    if (this.c.firstChild()) {
      let bad = false;
      do if (this.c.type.isError) bad = true;
      while (this.c.nextSibling());
      this.c.parent();
      if (bad) this.unreadable();
    }
    return this.source();
  }

  /** Does the current node, which we do not convert, hold an error node? */
  protected subtreeHasError(): boolean {
    const sub = this.c.node.cursor();
    if (!sub.firstChild()) return false;
    let depth = 1;
    for (;;) {
      if (sub.type.isError) return true;
      if (sub.firstChild()) {
        depth++;
        continue;
      }
      while (!sub.nextSibling()) {
        sub.parent();
        if (--depth === 0) return false;
      }
    }
  }

  /** Something lezer could not read (an error node, or the shape only one leaves). */
  protected unreadable(): void {
    this.errors++;
    this.unreadableCount++;
  }

  protected errorExpr(span: Span = this.span()): A.ErrorExpr {
    this.unreadable();
    return { kind: 'ErrorExpr', span };
  }

  protected name(): A.Name {
    const raw = this.originals.get(this.c.from) ?? this.source();
    // CPython compares identifiers after NFKC normalization.
    return { kind: 'Name', span: this.span(), id: normalizeName(raw) };
  }

  /** The value after a node we are on (`=` then the value, ...): ErrorExpr when it is missing. */
  protected nextExpr(): { value: A.Expr; more: boolean; end: number } {
    const end = this.to;
    if (!this.next()) return { value: this.errorExpr({ start: end, end }), more: false, end };
    // `end` is where the value's text ends, a closing parenthesis included (its span has none).
    return { value: this.expr(), more: true, end: this.to };
  }

  /** Records a problem (and counts it, so the statement holding it becomes an ErrorStmt). */
  protected problem(message: string, span: Span): void {
    this.errors++;
    const end = Math.min(span.end, this.text.length);
    this.problems.push({ message, span: { start: Math.min(span.start, end), end } });
  }
}
