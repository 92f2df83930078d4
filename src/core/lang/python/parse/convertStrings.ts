// String literals, f-strings and their implicit concatenation (`"a" f"{b}"`) into Str/FString.
import type * as A from '../ast';
import { CollectionWalk } from './convertCollections';
import { NodeKinds } from './nodeTypes';
import { decodeBody as decodeBodyImport, literalShape as literalShapeImport } from './strings';

// Local references: run file by file (tsx), an import is read through a module getter on
// every use, which cost a fifth of the conversion time.
const N = NodeKinds;
const decodeBody = decodeBodyImport;
const literalShape = literalShapeImport;

type Part = string | A.FormattedValue;

/** Appends parts, merging neighbouring literal text and dropping empty text. */
function pushParts(into: Part[], parts: readonly Part[]): void {
  for (const p of parts) {
    if (typeof p === 'string') {
      if (p === '') continue;
      const last = into.length - 1;
      if (last >= 0 && typeof into[last] === 'string') into[last] = (into[last] as string) + p;
      else into.push(p);
    } else {
      into.push(p);
    }
  }
}

export abstract class StringWalk extends CollectionWalk {
  /** String, FormatString or ContinuedString at the cursor. */
  protected stringLiteral(): A.Expr {
    const k = this.kind();
    const span = this.span();
    if (k === N.String) {
      const s = this.plainString();
      return s.bytes ? { kind: 'Str', span, value: s.value, isBytes: true } : { kind: 'Str', span, value: s.value };
    }
    if (k === N.FormatString) return { kind: 'FString', span, parts: this.formatString() };
    // Adjacent literals are one: a Str, or an FString as soon as one piece is an f-string.
    const parts: Part[] = [];
    let value = '';
    let anyFormat = false;
    let bytes = 0;
    let pieces = 0;
    if (this.enter()) {
      do {
        const pk = this.kind();
        if (pk === N.String) {
          const s = this.plainString();
          pushParts(parts, [s.value]);
          value += s.value;
          if (s.bytes) bytes++;
          pieces++;
        } else if (pk === N.FormatString) {
          pushParts(parts, this.formatString());
          anyFormat = true;
          pieces++;
        } else {
          this.unreadable();
        }
      } while (this.next());
      this.leave();
    }
    if (bytes > 0 && bytes < pieces) this.problem('cannot mix bytes and nonbytes literals', span);
    if (anyFormat) return { kind: 'FString', span, parts };
    return bytes > 0 && bytes === pieces ? { kind: 'Str', span, value, isBytes: true } : { kind: 'Str', span, value };
  }

  private plainString(): { value: string; bytes: boolean } {
    const shape = literalShape(this.text, this.from, this.to);
    const span = this.span();
    this.countErrorChildren();
    const d = decodeBody(this.text, shape.bodyStart, shape.bodyEnd, shape.raw, shape.bytes, false);
    if (d.problem) this.problem(d.problem, span);
    return { value: d.value, bytes: shape.bytes };
  }

  /** Error nodes inside a literal (lezer puts one in a string it could not finish). */
  private countErrorChildren(): void {
    if (!this.enter()) return;
    do if (this.kind() === N.Error) this.unreadable();
    while (this.next());
    this.leave();
  }

  /** The parts of one FormatString node. */
  private formatString(): Part[] {
    const shape = literalShape(this.text, this.from, this.to);
    const parts: Part[] = [];
    let literalStart = shape.bodyStart;
    if (this.enter()) {
      do {
        const k = this.kind();
        if (k === N.FormatReplacement) {
          pushParts(parts, [this.literal(literalStart, this.from, shape.raw)]);
          parts.push(this.replacement(shape.raw));
          literalStart = this.to;
        } else if (k === N.Error) {
          this.unreadable();
        }
      } while (this.next());
      this.leave();
    }
    pushParts(parts, [this.literal(literalStart, Math.max(literalStart, shape.bodyEnd), shape.raw)]);
    return parts;
  }

  private literal(from: number, to: number, raw: boolean): string {
    const d = decodeBody(this.text, from, to, raw, false, true);
    if (d.problem) this.problem(d.problem, { start: from, end: to });
    return d.value;
  }

  /** `{expr=!r:spec}` at the cursor. */
  private replacement(raw: boolean): A.FormattedValue {
    const braceEnd = this.from + 1;
    let expr: A.Expr = { kind: 'ErrorExpr', span: this.span() };
    let conversion: string | undefined;
    let spec: A.FString | undefined;
    let selfDoc: string | undefined;
    if (!this.enter()) {
      this.unreadable();
      return { expr };
    }
    let more = this.next(); // past `{`
    if (more && this.kind() !== N.CloseBrace && this.kind() !== N.FormatSelfDoc) {
      const list = this.exprList((k) => k === N.FormatSelfDoc || k === N.FormatConversion || k === N.FormatSpec || k === N.CloseBrace);
      more = list.more;
      if (list.elts.length === 1 && !list.comma) expr = list.elts[0];
      else if (list.elts.length > 0) expr = { kind: 'Tuple', span: { start: list.start, end: list.end }, elts: list.elts, parenthesized: false };
      else this.unreadable();
    } else {
      this.unreadable();
    }
    while (more) {
      const k = this.kind();
      if (k === N.FormatSelfDoc) {
        const eqEnd = this.to;
        more = this.next();
        // The text printed is the expression as written, `=` and the spaces after it included.
        selfDoc = this.text.slice(braceEnd, more ? this.from : eqEnd);
        continue;
      }
      if (k === N.FormatConversion) conversion = this.text[this.from + 1];
      else if (k === N.FormatSpec) spec = this.spec(raw);
      else if (k === N.Error) this.unreadable();
      more = this.next();
    }
    this.leave();
    // As in CPython's ast: `{x=}` with neither conversion nor spec shows the repr.
    if (selfDoc !== undefined && conversion === undefined && spec === undefined) conversion = 'r';
    return {
      expr,
      ...(conversion !== undefined ? { conversion } : {}),
      ...(spec !== undefined ? { spec } : {}),
      ...(selfDoc !== undefined ? { selfDoc } : {}),
    };
  }

  /** FormatSpec at the cursor: `:` then text and nested replacements. */
  private spec(raw: boolean): A.FString {
    const span = { start: this.from + 1, end: this.to };
    const parts: Part[] = [];
    let literalStart = span.start;
    if (this.enter()) {
      do {
        const k = this.kind();
        if (k === N.FormatReplacement) {
          pushParts(parts, [this.literal(literalStart, this.from, raw)]);
          parts.push(this.replacement(raw));
          literalStart = this.to;
        } else if (k === N.Error) {
          this.unreadable();
        }
      } while (this.next());
      this.leave();
    }
    pushParts(parts, [this.literal(Math.min(literalStart, span.end), span.end, raw)]);
    return { kind: 'FString', span, parts };
  }
}
