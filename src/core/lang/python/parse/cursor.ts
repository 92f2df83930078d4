// The walk over lezer's tree: one TreeCursor moved by hand (no SyntaxNode objects per node, the
// conversion stays cheap next to the parse), comments stepped over, and the bookkeeping the
// converters share: problems, how many unreadable pieces were met, and nesting depth.
import type { Tree, TreeCursor } from '@lezer/common';
import type { Span } from '../../../types';
import type { SyntaxProblem } from '../ast';
import { KIND as KIND_TABLE, NodeKinds, type NodeKind } from './nodeTypes';

const N = NodeKinds;
const KIND = KIND_TABLE;

/** Deeper than this an expression becomes an ErrorExpr (the JS stack is finite). */
export const MAX_DEPTH = 400;

export class Walk {
  protected readonly c: TreeCursor;
  readonly problems: SyntaxProblem[] = [];
  /** Error nodes and problems met so far: a statement compares it before and after itself. */
  errors = 0;
  protected depth = 0;

  constructor(
    tree: Tree,
    protected readonly text: string,
    /** Number literals recovery rewrote for lezer (`1.` read as `1 `): offset → the literal as written. */
    protected readonly numbers: ReadonlyMap<number, string>,
  ) {
    this.c = tree.cursor();
    for (const [at, literal] of numbers) this.ends.set(at + literal.length - 1, at + literal.length);
  }

  /** Where lezer's reading of a rewritten number ends → where the literal as written ends. */
  private readonly ends = new Map<number, number>();

  protected kind(): NodeKind {
    // The table holds NodeKinds values only.
    return KIND[this.c.type.id] as NodeKind;
  }

  protected get from(): number {
    return this.c.from;
  }

  protected get to(): number {
    const to = this.c.to;
    return this.ends.size === 0 ? to : (this.ends.get(to) ?? to);
  }

  protected span(): Span {
    return { start: this.c.from, end: this.to };
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

  /** Does the current node have an error node anywhere below it? (For nodes we do not convert.) */
  protected containsError(): boolean {
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

  /** Records a problem (and counts it, so the statement holding it becomes an ErrorStmt). */
  protected problem(message: string, span: Span): void {
    this.errors++;
    const end = Math.min(span.end, this.text.length);
    this.problems.push({ message, span: { start: Math.min(span.start, end), end } });
  }
}
