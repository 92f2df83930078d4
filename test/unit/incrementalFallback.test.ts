// When incremental re-parsing must step aside (a full parse could read the text differently)
// and when it may go ahead: each case is a small before/after pair; "reparses" cases are
// checked against a full parse, "falls back" cases must answer null.
import { strict as assert } from 'assert';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { analyzeText } from '../../src/core/analyze';
import { IncrementalAnalyzer } from '../../src/core/incremental';
import { reparseIncrementally } from '../../src/core/lang/typescript/incrementalParse';
import { parseSource } from '../../src/core/lang/typescript/parse';
import { toFileReport } from '../../src/core/reportJson';

const IMPORT = "import * as tf from '@tensorflow/tfjs';\n";

function cleanProgram(text: string, fileName = 'model.ts'): TSESTree.Program {
  const parsed = parseSource(text, fileName);
  assert.ok(parsed.program && parsed.syntaxErrors.length === 0, `fixture text does not parse: ${JSON.stringify(parsed.syntaxErrors)}`);
  return parsed.program;
}

function programJson(program: TSESTree.Program): string {
  return JSON.stringify(program, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
}

/** Replaces the first occurrence of `from` in `text` (the edit under test). */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0, `'${from}' not in the text`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function reparse(oldText: string, newText: string, fileName = 'model.ts'): TSESTree.Program | null {
  return reparseIncrementally({ text: oldText, program: cleanProgram(oldText, fileName) }, newText, fileName);
}

function expectReparsed(oldText: string, newText: string, fileName = 'model.ts'): void {
  const ours = reparse(oldText, newText, fileName);
  assert.ok(ours, 'expected an incremental re-parse, got a fall-back');
  assert.equal(programJson(ours), programJson(cleanProgram(newText, fileName)));
}

function expectFallback(oldText: string, newText: string, fileName = 'model.ts'): void {
  assert.equal(reparse(oldText, newText, fileName), null);
}

const TWO_FUNCTIONS = `${IMPORT}
function a() {
  return tf.layers.dense({ units: 16 });
}

function b() {
  return tf.layers.dense({ units: 32 });
}
`;

describe('incremental re-parse: when it goes ahead', () => {
  it('re-parses an edit inside a function', () => {
    expectReparsed(TWO_FUNCTIONS, edit(TWO_FUNCTIONS, '16', '8'));
  });

  it('re-parses edits in two functions at once (one region spanning both)', () => {
    expectReparsed(TWO_FUNCTIONS, edit(edit(TWO_FUNCTIONS, '16', '8'), '32', '64'));
  });

  it('re-parses a statement added between two functions, and one deleted', () => {
    const added = edit(TWO_FUNCTIONS, '\nfunction b', '\nconst units = 4;\n\nfunction b');
    expectReparsed(TWO_FUNCTIONS, added);
    expectReparsed(added, TWO_FUNCTIONS);
  });

  it('re-parses a comment added between statements', () => {
    expectReparsed(TWO_FUNCTIONS, edit(TWO_FUNCTIONS, '\nfunction b', '\n// the second one\nfunction b'));
  });

  it('re-parses code typed at the end of the file, even without a semicolon', () => {
    expectReparsed(TWO_FUNCTIONS, TWO_FUNCTIONS + 'const m = a()');
  });

  it('parses top-level await in a module as an await expression, as a full parse does', () => {
    const text = `${IMPORT}const model = await tf.loadLayersModel('a.json');\nconst n = 1;\n`;
    const next = edit(text, "'a.json'", "'b.json'");
    expectReparsed(text, next);
    const stmt = cleanProgram(next).body[1] as TSESTree.VariableDeclaration;
    assert.equal(stmt.declarations[0].init?.type, 'AwaitExpression');
  });

  it('parses a script (require, no import/export) as a script, where `await(...)` is a call', () => {
    const text = `const tf = require('@tensorflow/tfjs');\nawait(1);\nconst m = tf.sequential();\n`;
    expectReparsed(text, edit(text, 'await(1)', 'await(2)'));
  });

  it('returns the same program for the same text', () => {
    const program = cleanProgram(TWO_FUNCTIONS);
    assert.equal(reparseIncrementally({ text: TWO_FUNCTIONS, program }, TWO_FUNCTIONS, 'model.ts'), program);
  });
});

describe('incremental re-parse: when it falls back to a full parse', () => {
  it('falls back when the statement before the edit has no semicolon (ASI could join)', () => {
    const text = `${IMPORT}const units = 16\nconst d = tf.layers.dense({ units: 1 });\n`;
    expectFallback(text, edit(text, 'units: 1 ', 'units: 2 '));
  });

  it('falls back when the edited statement loses its semicolon and another follows', () => {
    const text = `${IMPORT}const a = 1;\nconst b = 2;\nconst c = 3;\n`;
    expectFallback(text, edit(text, '2;', '2'));
  });

  it('falls back when a line comment typed after a statement would swallow the next one', () => {
    const text = `${IMPORT}const a = 1;  const b = 2;\n`;
    const next = edit(text, '1;  ', '1; // '); // `const b` itself is untouched
    expectFallback(text, next);
    assert.equal(cleanProgram(next).body.length, 2); // the full parse: `const b` is a comment now
  });

  it('falls back when the edited region does not parse', () => {
    expectFallback(TWO_FUNCTIONS, edit(TWO_FUNCTIONS, 'units: 16 }', 'units: 16 '));
  });

  it("falls back in files with directives ('use strict' changes how the rest parses)", () => {
    const text = `'use strict';\nconst tf = require('@tensorflow/tfjs');\nconst a = 1;\n`;
    expectFallback(text, edit(text, '1;', '2;'));
  });

  it("falls back when a region would start with a string statement (on its own, a directive)", () => {
    const text = `${IMPORT}const a = 1;\nconst b = 2;\n`;
    const next = edit(text, 'const b = 2;', "'use strict';");
    expectFallback(text, next);
    const full = cleanProgram(next).body[2] as TSESTree.ExpressionStatement;
    assert.equal(full.directive, undefined); // mid-file, it is a plain expression statement
  });

  it('falls back when the only import/export is in the edited region (module-ness may change)', () => {
    const text = `export const a = 1;\nconst b = 2;\n`;
    expectFallback(text, edit(text, '1;', '3;'));
  });

  it('falls back when a script gains an export (it would become a module)', () => {
    const text = `const tf = require('@tensorflow/tfjs');\nconst a = 1;\n`;
    expectFallback(text, edit(text, 'const a', 'export const a'));
  });

  it('falls back when the edit covers the whole file', () => {
    expectFallback(TWO_FUNCTIONS, 'const x = 1;\n');
  });
});

describe('IncrementalAnalyzer', () => {
  const report = (a: ReturnType<typeof analyzeText>): string => JSON.stringify(toFileReport(a, 'model.ts'));

  it('parses fully once, then incrementally; after broken code it builds on the last clean parse', () => {
    const doc = new IncrementalAnalyzer();
    const steps = [
      TWO_FUNCTIONS,
      edit(TWO_FUNCTIONS, '16', '8'),
      edit(TWO_FUNCTIONS, 'units: 16 }', 'units: '), // being typed: syntax error
      edit(TWO_FUNCTIONS, '16', '12'), // fixed again
    ];
    const kinds: string[] = [];
    for (const text of steps) {
      const before = { ...doc.stats };
      assert.equal(report(doc.analyze(text, 'model.ts')), report(analyzeText(text, 'model.ts')));
      kinds.push(doc.stats.incremental > before.incremental ? 'incremental' : 'full');
    }
    assert.deepEqual(kinds, ['full', 'incremental', 'full', 'incremental']);
  });

  it('parses fully when the file name changes (the language may differ)', () => {
    const doc = new IncrementalAnalyzer();
    doc.analyze(TWO_FUNCTIONS, 'model.ts');
    doc.analyze(edit(TWO_FUNCTIONS, '16', '8'), 'model.tsx');
    assert.deepEqual(doc.stats, { incremental: 0, full: 2 });
  });
});
