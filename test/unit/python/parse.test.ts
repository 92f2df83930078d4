import { strict as assert } from 'assert';
import type * as A from '../../../src/core/lang/python/ast';
import { copyShifted, moveSpansInPlace, parsePython, shiftSpans } from '../../../src/core/lang/python/parse';
import { generatePythonModelFile } from '../../../bench/generatePythonModels';
import { seededRandom } from '../../support/seededRandom';
import { KERAS_SCRIPT } from './kerasScript';
import { allStatements, deletionSurvival, prefixSurvival } from './parseMeasures';

/** The module of a text that must parse cleanly. */
function clean(text: string): A.Module {
  const m = parsePython(text);
  assert.deepEqual(m.syntaxErrors, [], `unexpected syntax errors in ${JSON.stringify(text)}`);
  return m;
}

function first(text: string): A.Stmt {
  return clean(text).body[0];
}

function value(source: string): A.Expr {
  const s = first(`x = ${source}\n`);
  assert.equal(s.kind, 'Assign');
  return (s as A.Assign).value;
}

function text(source: string, span: A.Stmt['span']): string {
  return source.slice(span.start, span.end);
}

/** Messages of a text's syntax errors, with the text each points at. */
function errors(source: string): { message: string; at: string; line: number }[] {
  return parsePython(source).syntaxErrors.map((e) => ({
    message: e.message,
    at: source.slice(e.span.start, e.span.end),
    line: source.slice(0, e.span.start).split('\n').length,
  }));
}

describe('python parse: expressions', () => {
  it('numbers: underscores, bases, floats, exponents, complex, and `1.` / `1.e5` (which lezer alone misreads)', () => {
    const cases: [string, number, boolean, boolean?][] = [
      ['1_000', 1000, false],
      ['0x1F', 31, false],
      ['0o17', 15, false],
      ['0b101', 5, false],
      ['3.5e-2', 0.035, true],
      ['.5', 0.5, true],
      ['255.', 255, true],
      ['1.e3', 1000, true],
      ['2j', 2, false, true],
    ];
    for (const [src, v, isFloat, isComplex] of cases) {
      const e = value(src);
      assert.equal(e.kind, 'Num', src);
      const n = e as A.Num;
      assert.equal(n.value, v, src);
      assert.equal(n.isFloat, isFloat, src);
      assert.equal(n.isComplex === true, isComplex === true, src);
      assert.deepEqual(n.span, { start: 4, end: 4 + src.length }, src);
    }
    const scaled = first('x = a / 255.\ny = 1\n') as A.Assign;
    assert.deepEqual(scaled.span, { start: 0, end: 12 });
  });

  it('strings: quotes, prefixes, escapes, line continuations and implicit concatenation', () => {
    const literal = `'a\\tb\\n\\\\\\'\\x41\\u00e9\\101'`;
    assert.deepEqual(value(literal), { kind: 'Str', span: { start: 4, end: 4 + literal.length }, value: "a\tb\n\\'AéA" });
    assert.equal((value(`r'\\d+\\n'`) as A.Str).value, '\\d+\\n');
    assert.equal((value(`"""one\ntwo"""`) as A.Str).value, 'one\ntwo');
    assert.equal((value(`'ab\\\ncd'`) as A.Str).value, 'abcd');
    assert.equal((value(`"a" 'b' """c"""`) as A.Str).value, 'abc');
    assert.equal((value(`'\\N{DEGREE SIGN}'`) as A.Str).value, '°');
    // An unknown name keeps its text (the value of such a string hardly matters here).
    assert.equal((value(`'\\N{NO SUCH NAME}'`) as A.Str).value, '\\N{NO SUCH NAME}');
    const bytes = value(`b'\\x41\\xff'`) as A.Str;
    assert.equal(bytes.isBytes, true);
    assert.equal(bytes.value, 'A\xff');
    assert.equal((value(`U"x" R'\\n'`) as A.Str).value, 'x\\n');
  });

  it('f-strings: parts, conversion, nested format specs, `{x=}` and concatenation with plain strings', () => {
    const f = value(`f"a{b!r:>{w}} {c=} {{d}}" 'e' f'{g:.2f}'`) as A.FString;
    assert.equal(f.kind, 'FString');
    assert.equal(f.parts.length, 6);
    assert.equal(f.parts[0], 'a');
    const b = f.parts[1] as A.FormattedValue;
    assert.deepEqual(b.expr, { kind: 'Name', span: { start: 8, end: 9 }, id: 'b' });
    assert.equal(b.conversion, 'r');
    assert.deepEqual(b.spec?.parts.map((p) => (typeof p === 'string' ? p : (p.expr as A.Name).id)), ['>', 'w']);
    assert.equal(f.parts[2], ' ');
    const c = f.parts[3] as A.FormattedValue;
    assert.equal(c.selfDoc, 'c=');
    assert.equal(c.conversion, 'r', 'as in CPython, `{c=}` shows the repr');
    assert.equal(f.parts[4], ' {d}e');
    const g = f.parts[5] as A.FormattedValue;
    assert.deepEqual(g.spec?.parts, ['.2f']);
    const nested = value(`f"{x["k"]:{'>' if a else '<'}10}"`) as A.FString;
    assert.equal(((nested.parts[0] as A.FormattedValue).expr as A.Subscript).kind, 'Subscript');
  });

  it('comparisons chain into one Compare; `not in` and `is not` are one operator each', () => {
    const c = value('a < b <= c != d') as A.Compare;
    assert.equal(c.kind, 'Compare');
    assert.deepEqual(c.ops, ['<', '<=', '!=']);
    assert.deepEqual(c.comparators.map((e) => (e as A.Name).id), ['b', 'c', 'd']);
    assert.deepEqual((value('a not in b') as A.Compare).ops, ['not in']);
    assert.deepEqual((value('a is not b') as A.Compare).ops, ['is not']);
    // Parenthesized, the left comparison is an operand, not part of the chain.
    const p = value('(a < b) < c') as A.Compare;
    assert.equal(p.left.kind, 'Compare');
    assert.deepEqual(p.ops, ['<']);
  });

  it('and/or flatten; `not` binds tighter than `and` (lezer nests it the other way)', () => {
    const b = value('a and b and c') as A.BoolOp;
    assert.equal(b.values.length, 3);
    const mixed = value('a and b or c') as A.BoolOp;
    assert.equal(mixed.op, 'or');
    assert.equal((mixed.values[0] as A.BoolOp).op, 'and');
    const n = value('not a and b') as A.BoolOp;
    assert.equal(n.op, 'and');
    assert.deepEqual(n.values[0], { kind: 'UnaryOp', span: { start: 4, end: 9 }, op: 'not', operand: { kind: 'Name', span: { start: 8, end: 9 }, id: 'a' } });
    const inner = value('x and not y or z') as A.BoolOp;
    assert.equal(inner.op, 'or');
    assert.deepEqual((inner.values[0] as A.BoolOp).values.map((v) => v.kind), ['Name', 'UnaryOp']);
    const cmp = value('not a == b') as A.UnaryOp;
    assert.equal(cmp.operand.kind, 'Compare');
    assert.equal((value('(a and b) and c') as A.BoolOp).values.length, 2);
  });

  it('operators, unary minus binds looser than **, conditional expressions', () => {
    const e = value('-x ** 2 + y // 3 @ z') as A.BinOp;
    assert.equal(e.op, '+');
    assert.equal((e.left as A.UnaryOp).op, '-');
    assert.equal(((e.left as A.UnaryOp).operand as A.BinOp).op, '**');
    assert.equal((e.right as A.BinOp).op, '@');
    const c = value('a if b else c if d else e') as A.IfExp;
    assert.equal(c.kind, 'IfExp');
    assert.equal(c.orelse.kind, 'IfExp');
    assert.equal((value('~a | b & c ^ d << 1') as A.BinOp).op, '|');
  });

  it('calls: positional, *args, keyword (with its name span), **kwargs, argsSpan, a generator argument', () => {
    const src = 'x = f(a, *b, k=1, **kw)\n';
    const call = (first(src) as A.Assign).value as A.Call;
    assert.deepEqual(
      call.args.map((a) => [a.kind, a.name ?? null]),
      [['positional', null], ['star', null], ['keyword', 'k'], ['doubleStar', null]],
    );
    assert.equal(text(src, call.argsSpan), '(a, *b, k=1, **kw)');
    assert.equal(text(src, call.args[2].nameSpan!), 'k');
    assert.equal(text(src, call.args[2].span), 'k=1');
    assert.equal(text(src, call.args[1].span), '*b');
    const gen = value('sum(v for v in xs if v)') as A.Call;
    assert.equal(gen.args.length, 1);
    const g = gen.args[0].value as A.ListComp;
    assert.equal(g.kind, 'GeneratorExp');
    assert.equal(g.generators[0].ifs.length, 1);
    assert.equal((value('f()') as A.Call).args.length, 0);
  });

  it('attributes and subscripts: a single index, a Slice, a Tuple of them', () => {
    const a = value('model.layers') as A.Attribute;
    assert.equal(a.attr, 'layers');
    assert.deepEqual(a.attrSpan, { start: 10, end: 16 });
    const s = value('x[1:, 0]') as A.Subscript;
    const t = s.index as A.Tuple;
    assert.equal(t.kind, 'Tuple');
    assert.equal(t.parenthesized, false);
    const slice = t.elts[0] as A.Slice;
    assert.equal(slice.kind, 'Slice');
    assert.equal((slice.lower as A.Num).value, 1);
    assert.equal(slice.upper, null);
    assert.equal(((value('x[::2]') as A.Subscript).index as A.Slice).step?.kind, 'Num');
    assert.equal((value('x[i]') as A.Subscript).index.kind, 'Name');
    assert.equal(((value('x[a, b]') as A.Subscript).index as A.Tuple).elts.length, 2);
  });

  it('displays and comprehensions; Tuple.parenthesized tells `(a, b)` from `a, b`', () => {
    assert.equal((value('(a, b)') as A.Tuple).parenthesized, true);
    assert.equal((value('a, b') as A.Tuple).parenthesized, false);
    assert.equal((value('()') as A.Tuple).elts.length, 0);
    assert.equal((value('(a,)') as A.Tuple).elts.length, 1);
    assert.equal(value('(a)').kind, 'Name');
    assert.deepEqual((value('[*a, b]') as A.List).elts.map((e) => e.kind), ['Starred', 'Name']);
    const d = value('{1: 2, **o}') as A.Dict;
    assert.deepEqual(d.items.map((i) => ('unpack' in i ? 'unpack' : 'key')), ['key', 'unpack']);
    assert.equal(value('{1, 2}').kind, 'Set');
    const lc = value('[i * 2 for i, _ in pairs if i async for j in k]') as A.ListComp;
    assert.equal(lc.kind, 'ListComp');
    assert.equal(lc.generators.length, 2);
    assert.equal(lc.generators[0].target.kind, 'Tuple');
    assert.equal(lc.generators[1].isAsync, true);
    assert.equal(value('{k: v for k, v in d}').kind, 'DictComp');
    assert.equal(value('{v for v in d}').kind, 'SetComp');
    assert.equal(value('(v for v in d)').kind, 'GeneratorExp');
  });

  it('lambda parameters, the walrus, await and yield (opaque)', () => {
    const l = value('lambda a, b=1, *c, d, **e: a') as A.Lambda;
    assert.deepEqual(
      l.params.params.map((p) => [p.name, p.kind, p.default !== null]),
      [['a', 'positional', false], ['b', 'positional', true], ['c', 'varargs', false], ['d', 'kwonly', false], ['e', 'varkw', false]],
    );
    assert.equal((value('lambda: 0') as A.Lambda).params.params.length, 0);
    const w = value('(n := 10)') as A.NamedExpr;
    assert.equal(w.target.id, 'n');
    const body = (first('async def f():\n    x = await g()\n    y = yield\n    yield from h\n') as A.FunctionDef).body;
    assert.equal(((body[0] as A.Assign).value as A.OpaqueExpr).kind, 'Await');
    assert.deepEqual((body[1] as A.Assign).value, { kind: 'Yield', span: { start: 41, end: 46 }, value: null });
    assert.equal(((body[2] as A.ExprStmt).value as A.OpaqueExpr).value?.kind, 'Name');
  });

  it('identifiers are NFKC-normalized as CPython compares them; spans are UTF-16 (an emoji is 2)', () => {
    const src = 's = "😀é"; ﬁle = s\n';
    const m = clean(src);
    assert.deepEqual((m.body[0] as A.Assign).value.span, { start: 4, end: 9 });
    assert.equal(((m.body[1] as A.Assign).targets[0] as A.Name).id, 'file');
  });
});

describe('python parse: statements', () => {
  it('assignments: several targets, tuples, annotated, augmented; `a = 1; b = 2` is two statements', () => {
    const m = clean('a = b = 3\nx, y = 1, 2\nz: int = 5\nw: str\nn += 1\np = 1; q = 2\n');
    const [chain, tuple, ann, bare, aug, p, q] = m.body as [A.Assign, A.Assign, A.AnnAssign, A.AnnAssign, A.AugAssign, A.Stmt, A.Stmt];
    assert.equal(chain.targets.length, 2);
    assert.equal((tuple.targets[0] as A.Tuple).parenthesized, false);
    assert.equal((tuple.value as A.Tuple).elts.length, 2);
    assert.equal(ann.kind, 'AnnAssign');
    assert.equal((ann.annotation as A.Name).id, 'int');
    assert.equal(bare.value, null);
    assert.equal(aug.kind, 'AugAssign');
    assert.equal(aug.op, '+');
    assert.equal(p.kind, 'Assign');
    assert.equal(q.kind, 'Assign');
    assert.deepEqual(q.span, { start: 54, end: 59 });
  });

  it('if / elif / else: elif is an If in orelse with isElif, spanning from `elif` to its blocks end', () => {
    const src = 'if a:\n    x = 1\nelif b:\n    x = 2\nelse:\n    x = 3\n';
    const s = first(src) as A.If;
    assert.equal(text(src, s.span), src.trimEnd());
    assert.equal(s.isElif, undefined);
    const elif = s.orelse[0] as A.If;
    assert.equal(elif.isElif, true);
    assert.equal(text(src, elif.span), 'elif b:\n    x = 2\nelse:\n    x = 3');
    assert.equal(elif.orelse[0].kind, 'Assign');
  });

  it('loops with else, and for-targets as unparenthesized tuples', () => {
    const m = clean('for i, x in enumerate(y):\n    break\nelse:\n    pass\nwhile z: continue\n');
    const f = m.body[0] as A.For;
    assert.equal((f.target as A.Tuple).parenthesized, false);
    assert.deepEqual(f.orelse.map((s) => s.kind), ['Pass']);
    assert.equal((m.body[1] as A.While).body[0].kind, 'Continue');
  });

  it('try / except (as, bare, except*) / else / finally', () => {
    const t = first('try:\n    a\nexcept (E, F) as e:\n    b\nexcept* G:\n    c\nexcept:\n    d\nelse:\n    f\nfinally:\n    g\n') as A.Try;
    assert.deepEqual(t.handlers.map((h) => [h.type?.kind ?? null, h.name]), [['Tuple', 'e'], ['Name', null], [null, null]]);
    assert.equal(t.orelse.length, 1);
    assert.equal(t.finalbody.length, 1);
  });

  it('with items, including the parenthesized form of Python 3.10', () => {
    const w = first('with open(a) as f, lock:\n    pass\n') as A.With;
    assert.deepEqual(w.items.map((i) => [i.context.kind, i.target ? (i.target as A.Name).id : null]), [['Call', 'f'], ['Name', null]]);
    const p = first('with (\n    open(a) as f,  # first\n    open(b) as g,\n):\n    pass\n') as A.With;
    assert.deepEqual(p.items.map((i) => (i.target as A.Name).id), ['f', 'g']);
  });

  it('def: positional-only, keyword-only, *args, **kwargs, defaults, annotations, return annotation', () => {
    const f = first('async def f(a, b: int = 1, /, c=2, *args, d, e: str = "x", **kw) -> int:\n    return a, b\n') as A.FunctionDef;
    assert.equal(f.isAsync, true);
    assert.deepEqual(
      f.params.params.map((p) => [p.name, p.kind]),
      [['a', 'posonly'], ['b', 'posonly'], ['c', 'positional'], ['args', 'varargs'], ['d', 'kwonly'], ['e', 'kwonly'], ['kw', 'varkw']],
    );
    assert.equal((f.params.params[1].annotation as A.Name).id, 'int');
    assert.equal((f.returns as A.Name).id, 'int');
    assert.equal(((f.body[0] as A.Return).value as A.Tuple).parenthesized, false);
    const bare = first('def g(a, *, b): pass\n') as A.FunctionDef;
    assert.deepEqual(bare.params.params.map((p) => p.kind), ['positional', 'kwonly']);
  });

  it('decorators go into the def/class, whose span is the def/class statement itself', () => {
    const src = '@tf.function(jit_compile=True)\n@staticmethod\ndef f(x):\n    return x\n';
    const f = first(src) as A.FunctionDef;
    assert.equal(text(src, f.span), 'def f(x):\n    return x');
    assert.equal(text(src, f.nameSpan), 'f');
    assert.equal(f.decorators.length, 2);
    assert.equal(text(src, f.decorators[0].span), 'tf.function(jit_compile=True)');
    assert.equal(((f.decorators[0] as A.Call).func as A.Attribute).attr, 'function');
    const c = first('@register\nclass Net(keras.Model, metaclass=M):\n    pass\n') as A.ClassDef;
    assert.deepEqual(c.bases.map((b) => [b.kind, b.name ?? null]), [['positional', null], ['keyword', 'metaclass']]);
    assert.equal((c.decorators[0] as A.Name).id, 'register');
  });

  it('imports: dotted names, aliases, relative levels, star, parenthesized lists', () => {
    const m = clean('import a.b as c, d\nfrom ..x.y import (p as q, r,)\nfrom . import *\nfrom tensorflow.keras import layers\n');
    const [imp, rel, star, abs] = m.body as [A.Import, A.ImportFrom, A.ImportFrom, A.ImportFrom];
    assert.deepEqual(imp.names.map((n) => [n.name, n.asname]), [['a.b', 'c'], ['d', null]]);
    assert.equal(rel.level, 2);
    assert.equal(rel.module, 'x.y');
    assert.deepEqual((rel.names as A.ImportAlias[]).map((n) => [n.name, n.asname]), [['p', 'q'], ['r', null]]);
    assert.equal(star.module, null);
    assert.equal(star.names, '*');
    assert.equal(abs.level, 0);
    assert.equal(abs.module, 'tensorflow.keras');
  });

  it('the small statements: global, nonlocal, del, assert, raise ... from, return, pass/break/continue', () => {
    const m = clean('global a, b\ndel a, b[0]\nassert x, "m"\nraise X from Y\nraise\npass\n');
    assert.deepEqual((m.body[0] as A.Scoping).names, ['a', 'b']);
    assert.equal((m.body[1] as A.Delete).targets.length, 2);
    assert.equal((m.body[2] as A.Assert).msg?.kind, 'Str');
    assert.equal(((m.body[3] as A.Raise).exc as A.Name).id, 'X');
    assert.equal((m.body[4] as A.Raise).exc, null);
    assert.equal(m.body[5].kind, 'Pass');
    const n = (first('def f():\n    nonlocal q\n') as A.FunctionDef).body[0] as A.Scoping;
    assert.equal(n.kind, 'Nonlocal');
  });

  it('match keeps its subject and each case body (patterns lezer cannot read do not matter)', () => {
    const m = first('match cmd:\n    case Point():\n        x = 1\n    case [a, *rest] if a:\n        y = 2\n    case _:\n        pass\n') as A.Match;
    assert.equal(m.kind, 'Match');
    assert.equal((m.subject as A.Name).id, 'cmd');
    assert.deepEqual(m.cases.map((c) => c.map((s) => s.kind)), [['Assign'], ['Assign'], ['Pass']]);
  });

  it('`type X = ...` is an ErrorStmt without a syntax error; `print x` is one with CPython\'s message', () => {
    const m = parsePython('type Shape = tuple[int, ...]\nprint "hi"\nprint("ok")\n');
    assert.deepEqual(m.body.map((s) => s.kind), ['ErrorStmt', 'ErrorStmt', 'ExprStmt']);
    for (const src of ['print "hi"\n', 'print x, y\n']) assert.deepEqual(errors(src).map((e) => e.message), ["Missing parentheses in call to 'print'. Did you mean print(...)?"], src);
  });

  it('`print` as a plain name at the start of a statement (lezer would read Python 2\'s print there)', () => {
    const m = clean('print = log.info\nprint, x = 1, 2\nprint[0]\nprint += 1\n');
    assert.deepEqual(((m.body[0] as A.Assign).targets[0] as A.Name).id, 'print');
    assert.deepEqual((((m.body[1] as A.Assign).targets[0] as A.Tuple).elts[0] as A.Name).id, 'print');
    assert.equal(((m.body[2] as A.ExprStmt).value as A.Subscript).kind, 'Subscript');
    assert.equal(m.body[3].kind, 'AugAssign');
  });
});

describe('python parse: text forms', () => {
  it('CRLF line endings: offsets into the original text, strings read with \\n', () => {
    const src = 'x = 1\r\nif x:\r\n    y = """a\r\nb"""\r\n';
    const m = clean(src);
    const y = (m.body[1] as A.If).body[0] as A.Assign;
    assert.equal(text(src, y.span), 'y = """a\r\nb"""');
    assert.equal((y.value as A.Str).value, 'a\nb');
  });

  it('a byte-order mark is not part of the first statement', () => {
    const src = '\uFEFFimport os\nx = 1\n';
    const m = clean(src);
    assert.deepEqual(m.body[0].span, { start: 1, end: 10 });
    assert.equal(m.body.length, 2);
  });

  it('tabs indent to the next multiple of 8; mixing them inconsistently is a TabError', () => {
    const m = clean('if x:\n\ty = 1\n\tif y:\n\t\tz = 2\n');
    assert.equal(((m.body[0] as A.If).body[1] as A.If).body[0].kind, 'Assign');
    assert.deepEqual(errors('if x:\n\ty = 1\n        z = 2\n'), [{ message: 'inconsistent use of tabs and spaces in indentation', at: 'z', line: 3 }]);
  });

  it('shiftSpans moves every span of a module, nested and named ones too', () => {
    const m = clean('x = f(k=a.b)\n');
    const moved = shiftSpans(m, 100);
    const call = (moved.body[0] as A.Assign).value as A.Call;
    assert.deepEqual(moved.body[0].span, { start: 100, end: 112 });
    assert.deepEqual(call.argsSpan, { start: 105, end: 112 });
    assert.deepEqual(call.args[0].nameSpan, { start: 106, end: 107 });
    assert.deepEqual((call.args[0].value as A.Attribute).attrSpan, { start: 110, end: 111 });
    assert.deepEqual(m.body[0].span, { start: 0, end: 12 }, 'the original is unchanged');
  });

  it('moveSpansInPlace moves each span once, shared ones too, to the same tree shiftSpans copies', () => {
    const broken = KERAS_SCRIPT + '\nmodel.add(Dense(\nx = [1, 2\nif y\n    pass\n';
    for (const src of [KERAS_SCRIPT, broken]) {
      const copied = shiftSpans(parsePython(src), 1234);
      // A tree of its own: parsePython's are shared (the piece cache).
      const moved = moveSpansInPlace(copyShifted(parsePython(src), 0), 1234);
      assert.deepEqual(moved, copied);
    }
  });
});

describe('python parse: syntax errors', () => {
  it('an unclosed bracket is reported at the bracket, and the next line is its own statement', () => {
    const src = 'model.add(Conv2D(32, (3, 3)\nmodel.add(Dense(1))\n';
    const m = parsePython(src);
    assert.deepEqual(errors(src), [{ message: "'(' was never closed", at: '(', line: 1 }]);
    assert.equal(m.syntaxErrors[0].span.start, src.indexOf('(32'));
    assert.deepEqual(m.body.map((s) => s.kind), ['ErrorStmt', 'ExprStmt']);
    assert.equal(text(src, m.body[1].span), 'model.add(Dense(1))');
  });

  it('an unclosed bracket in a block ends at the next statement no deeper than it', () => {
    const src = 'def f():\n    x = layers.Dense(10,\n    y = 2\n    return y\n';
    const f = parsePython(src).body[0] as A.FunctionDef;
    assert.deepEqual(f.body.map((s) => s.kind), ['ErrorStmt', 'Assign', 'Return']);
    assert.equal(text(src, f.body[0].span), 'x = layers.Dense(10,');
  });

  it('`x = layers.` (an attribute being typed) is an ErrorStmt, not some other statement', () => {
    const m = parsePython('x = layers.\ny = 2\n');
    assert.equal(m.body[0].kind, 'ErrorStmt');
    assert.equal(m.body[1].kind, 'Assign');
    assert.deepEqual(errors('x = layers.\ny = 2\n').map((e) => [e.message, e.line]), [['invalid syntax', 1]]);
  });

  it('CPython wording, on the line CPython points at', () => {
    const cases: [string, string, string, number][] = [
      ['x = "abc\ny = 2\n', 'unterminated string literal (detected at line 1)', '"abc', 1],
      ['x = 1\ns = """abc\n', 'unterminated triple-quoted string literal (detected at line 2)', '"""', 2],
      ['if x:\ny = 1\n', "expected an indented block after 'if' statement on line 1", 'y', 2],
      ['def f():\n', 'expected an indented block after function definition on line 1', '', 1],
      ['x = 1\n    y = 2\n', 'unexpected indent', 'y', 2],
      ['if x:\n    a = 1\n  b = 2\n', 'unindent does not match any outer indentation level', 'b', 3],
      ['for i in range(3)\n    pass\n', "expected ':'", '', 1],
      ['x = (1]\n', "closing parenthesis ']' does not match opening parenthesis '('", ']', 1],
      ['x = 1)\n', "unmatched ')'", ')', 1],
      ['x = a ¬ b\n', "invalid character '¬' (U+00AC)", '¬', 1],
      ['x = a $ b\n', 'invalid syntax', '$', 1],
      ['x = a b\n', 'invalid syntax', 'b', 1],
      ['f(a=1, b)\n', 'positional argument follows keyword argument', 'b', 1],
      ['f() = 1\n', "cannot assign to function call here. Maybe you meant '==' instead of '='?", 'f()', 1],
      ['try:\n    x = 1\ny = 2\n', "expected 'except' or 'finally' block", 'y', 3],
      ['x = 007\n', 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', '007', 1],
    ];
    for (const [src, message, at, line] of cases) assert.deepEqual(errors(src), [{ message, at, line }], src);
  });

  it('spans never reach beyond the text, for errors at its very end too', () => {
    for (const src of ['x = (', 'if x:', 's = """', 'x = 1 +', '@dec', 'class A(', 'x = [1, 2,\n  3', "f'{x", '\\']) {
      const m = parsePython(src);
      assert.ok(m.syntaxErrors.length > 0, src);
      for (const e of m.syntaxErrors) assert.ok(e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= src.length, src);
      for (const s of allStatements(m.body)) assert.ok(s.span.end <= src.length, src);
    }
  });

  it('a bare `yield` and `case Point():` are valid Python though lezer flags them', () => {
    clean('def g():\n    yield\n    x = yield\n');
    clean('match p:\n    case Point():\n        pass\n');
  });

  it('a docstring being typed does not swallow the file: the line of its opening quotes is the broken one', () => {
    const src = 'def f():\n    """Start typing here\n    x = 1\n\ndef g():\n    """Docstring of g."""\n    return 2\n';
    const m = parsePython(src);
    assert.equal(m.syntaxErrors.length, 1);
    assert.equal(m.syntaxErrors[0].message, 'unterminated triple-quoted string literal (detected at line 7)');
    const [f, g] = m.body as [A.FunctionDef, A.FunctionDef];
    assert.deepEqual(f.body.map((s) => s.kind), ['ErrorStmt', 'Assign']);
    assert.deepEqual(g.body.map((s) => s.kind), ['ExprStmt', 'Return']);
  });

  it('reads a long file (well past one parse piece) like its parts: no false syntax errors, spans in place, strings and decorators kept whole', () => {
    // @lezer/python misreads valid code ~30K characters into one parse; parsePython cuts long files at top-level statements.
    const unit = (i: number): string =>
      `# block ${i}\n# more comment\n@decorate\ndef f${i}(x):\n    """Doc\ndef not_a_cut():\n"""\n    return x + ${i}\n\n` +
      `if x${i}:\n    y = [\n1,\n]\nelse:\n    y = 2\nS${i} = """\nclass C:\n"""\n`;
    const src = Array.from({ length: 600 }, (_, i) => unit(i)).join('');
    assert.ok(src.length > 80_000);
    const m = parsePython(src);
    assert.deepEqual(m.syntaxErrors, []);
    assert.equal(m.body.length, 600 * 3);
    const kinds = new Set(m.body.map((s) => s.kind));
    assert.deepEqual([...kinds].sort(), ['Assign', 'FunctionDef', 'If']);
    const last = m.body[m.body.length - 1];
    assert.equal(text(src, last.span), 'S599 = """\nclass C:\n"""');
    // The generated benchmark file is one @lezer/python misreads near character 51,840 when parsed whole.
    const bench = generatePythonModelFile(50);
    assert.ok(bench.length > 70_000);
    assert.deepEqual(parsePython(bench).syntaxErrors, []);
    const fn = m.body[m.body.length - 3] as A.FunctionDef;
    assert.equal(fn.name, 'f599');
    assert.ok(text(src, fn.span).includes('@decorate') || src.slice(0, fn.span.start).endsWith('@decorate\n'));
  });

  it('names the file\'s lines in syntax messages of a long file, not the lines of the piece they were parsed in', () => {
    const lines = generatePythonModelFile(50).split('\n');
    const breakAt = (i: number, broken: string): void => {
      const at = lines.findIndex((l, j) => j >= i && l === '');
      lines.splice(at + 1, 0, broken, '');
    };
    breakAt(Math.floor(lines.length * 0.4), "s = 'unterminated");
    breakAt(Math.floor(lines.length * 0.7), 'y = f"also unterminated');
    const src = lines.join('\n');
    const m = parsePython(src);
    const lineOf = (offset: number): number => src.slice(0, offset).split('\n').length;
    assert.equal(m.syntaxErrors.length, 2, m.syntaxErrors.map((e) => e.message).join('; '));
    const [first, second] = m.syntaxErrors;
    assert.ok(lineOf(first.span.start) > 500, `${lineOf(first.span.start)}: not past the first piece`);
    assert.equal(first.message, `unterminated string literal (detected at line ${lineOf(first.span.start)})`);
    assert.equal(second.message, `unterminated f-string literal (detected at line ${lineOf(second.span.start)})`);
  });

  it('never throws, and keeps its spans inside the text, on garbage, binary data and deep nesting', () => {
    const random = seededRandom(20240611);
    const inputs = [
      'x = ' + '('.repeat(50_000) + '1' + ')'.repeat(50_000),
      'x = ' + '-'.repeat(20_000) + 'a',
      'x = ' + 'not '.repeat(10_000) + 'a',
      'x = ' + Array(3_000).fill('a').join(' + '),
      Array.from({ length: 300 }, (_, i) => ' '.repeat(i) + 'if x:').join('\n') + '\n' + ' '.repeat(300) + 'pass',
      'f"{' + 'f"{'.repeat(200) + 'x' + '}"'.repeat(200),
      '"""'.repeat(1001),
      '\u0000\u0001\u0002binary',
    ];
    for (let k = 0; k < 20; k++) {
      let s = '';
      for (let i = 0; i < 3000; i++) s += String.fromCharCode(random() < 0.05 ? 10 : 32 + Math.floor(random() * 95));
      inputs.push(s);
      let b = '';
      for (let i = 0; i < 2000; i++) b += String.fromCharCode(Math.floor(random() * 0x10000));
      inputs.push(b);
    }
    for (const src of inputs) {
      const m = parsePython(src);
      for (const e of m.syntaxErrors) assert.ok(e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= src.length);
      for (const s of allStatements(m.body)) assert.ok(s.span.start >= 0 && s.span.end <= src.length);
    }
  });
});

describe('python parse: recovery while typing', () => {
  it('on every prefix of a 170-line Keras script (cut at each line end and 3 points per line), 99.99% of the complete statements survive, none invented', function () {
    this.timeout(120_000);
    const r = prefixSurvival(KERAS_SCRIPT);
    // Measured: 37464 of 37468 (99.99%); the 4 lost are inside a `try:` whose `except` is not typed yet.
    assert.ok(r.found / r.expected >= 0.995, `${r.found} of ${r.expected}`);
    assert.deepEqual(r.invented, []);
  });

  it('after one random character deletion, 99.7% of the statements not holding it survive (seeded)', function () {
    this.timeout(120_000);
    const r = deletionSurvival(KERAS_SCRIPT, 250, seededRandom(7));
    // Measured 99.7-99.9% over seeds: what is lost is the body of a header that broke (`ef f():`).
    assert.ok(r.found / r.expected >= 0.99, `${r.found} of ${r.expected}`);
  });
});
