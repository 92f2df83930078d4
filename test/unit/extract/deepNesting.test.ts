// Code nested deeper than the parser's (or the interpreter's) stack: the statement is lost,
// not the file. The issue's cases each lost every model of their file (a stack overflow in
// typescript-estree's conversion, stored as a syntax error).
import { strict as assert } from 'assert';
import { analyzeText } from '../../../src/core/analyze';
import { IncrementalAnalyzer } from '../../../src/core/incremental';
import { parseSource } from '../../../src/core/lang/typescript/parse';
import { DEFAULT_LIMITS, extractWithLimits } from '../../../src/core/lang/typescript/extract/index';
import { isUnknown, type ExtractResult } from '../../../src/core/types';
import { runCli } from '../../../src/cli/main';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { layerOf, TF_IMPORT } from './helpers';

const BEFORE = `${TF_IMPORT}const a = tf.sequential();\na.add(tf.layers.dense({units: 4, inputShape: [3]}));\n`;
const AFTER = `const b = tf.sequential();\nb.add(tf.layers.dense({units: 2, inputShape: [5]}));\n`;

/** The issue's five cases, by size. */
const CASES: Record<string, (n: number) => string> = {
  'nested blocks': (n) => '{'.repeat(n) + '}'.repeat(n),
  'nested arrays': (n) => `const x = ${'['.repeat(n)}${']'.repeat(n)};`,
  'chained .then()': (n) => `Promise.resolve(1)${'.then((v) => v)'.repeat(n)};`,
  'else-if chain': (n) => `let q = 0;\nif (q === 0) q = 1;\n${Array.from({ length: n }, (_, i) => `else if (q === ${i + 1}) q = ${i + 2};`).join('\n')}`,
  'string concatenation terms': (n) => `const s = ${Array.from({ length: n }, (_, i) => `'a${i}'`).join(' + ')};`,
};
/** The sizes the issue measured, and four times them: where the stack ends varies with the JIT. */
const SIZES: Record<string, number> = { 'nested blocks': 576, 'nested arrays': 653, 'chained .then()': 389, 'else-if chain': 777, 'string concatenation terms': 896 };
const ISSUE_CASES: [string, string][] = Object.entries(SIZES).flatMap(([what, n]) => [
  [`${n} ${what}`, CASES[what](n)],
  [`${4 * n} ${what}`, CASES[what](4 * n)],
]);

function between(middle: string): string {
  return `${BEFORE}${middle}\n${AFTER}`;
}

function modelNames(text: string): (string | null)[] {
  return analyzeText(text, 'deep.ts').models.map((m) => m.graph.name);
}

describe('deep nesting: only the statement too deep is lost', function () {
  this.timeout(60_000);

  for (const [what, middle] of ISSUE_CASES) {
    it(`${what}: the models before and after it are kept`, () => {
      const a = analyzeText(between(middle), 'deep.ts');
      assert.deepEqual(a.models.map((m) => m.graph.name), ['a', 'b']);
      assert.deepEqual(a.syntaxErrors, [], 'a stack overflow is not a syntax error');
      for (const m of a.models) assert.equal(m.graph.incomplete, false);
      for (const f of a.findings) assert.equal(f.code, 'file/too-deep', `${f.code}: ${f.message}`);
    });
  }

  it('a statement too deep even for TypeScript’s parser: an info finding naming its lines, the rest read', () => {
    // 50,000 nested arrays: TypeScript's own parser overflows too, so statements are found by the scanner.
    const deep = `units = 8 + ${'['.repeat(50_000)}${']'.repeat(50_000)}.length + a.add(\n0);`;
    const text = `${BEFORE}let units = 4;\n${deep}\nconst c = tf.sequential();\nc.add(tf.layers.dense({units, inputShape: [2]}));\n${AFTER}`;
    const analysis = analyzeText(text, 'deep.ts');
    assert.deepEqual(analysis.models.map((m) => m.graph.name), ['a', 'c', 'b']);
    const [finding] = analysis.findings.filter((f) => f.code === 'file/too-deep');
    assert.equal(finding.severity, 'info');
    assert.match(finding.message, /ShapeLens skipped lines 5–6: the code there is nested too deeply for the parser/);
    assert.equal(analysis.lines.positionAt(finding.span.start).line, 4);
    const [a, c, b] = analysis.models;
    assert.equal(a.graph.incomplete, true, 'a model the statement names may have been changed by it');
    assert.ok(isUnknown(layerOf(c.graph.nodes[1]).config.units), 'a variable the statement assigns is unknown after it');
    assert.equal(b.graph.incomplete, false);
    assert.equal(b.totalParams, 12);
  });

  it('an else-if chain TypeScript parses but typescript-estree cannot convert', () => {
    const chain = `let q = 0;\nif (q === 0) q = 1;\n${Array.from({ length: 3000 }, (_, i) => `else if (q === ${i + 1}) q = ${i + 2};`).join('\n')}`;
    assert.deepEqual(modelNames(between(chain)), ['a', 'b']);
  });

  it('the editor’s incremental analysis gives the same results as a full one around a deep statement', () => {
    const text = between(`const x = ${'['.repeat(50_000)}${']'.repeat(50_000)};`);
    const doc = new IncrementalAnalyzer();
    const summary = (t: string, r: ReturnType<typeof analyzeText>) => JSON.stringify([r.models.map((m) => [m.graph.name, m.totalParams]), r.findings.map((f) => [f.code, f.span, f.message])]);
    assert.equal(summary(text, doc.analyze(text, 'deep.ts')), summary(text, analyzeText(text, 'deep.ts')));
    const edited = text.replace('units: 2', 'units: 3');
    assert.equal(summary(edited, doc.analyze(edited, 'deep.ts')), summary(edited, analyzeText(edited, 'deep.ts')));
    assert.equal(doc.stats.incremental, 1, 'the edit after the deep statement was re-parsed alone');
  });

  it('the interpreter running out of stack on a statement gives up that statement only', () => {
    // The program is parsed up here; the extraction then runs ever deeper in the stack until
    // the interpreter's own recursion along the else-if chain overflows.
    const chain = `let q = 600;\nif (q === 0) q = 1;\n${Array.from({ length: 500 }, (_, i) => `else if (q === ${i + 1}) { a.add(tf.layers.dense({units: 3})); }`).join('\n')}`;
    const text = between(chain);
    const parsed = parseSource(text, 'deep.ts');
    const extractAtDepth = (n: number): ExtractResult => (n > 0 ? extractAtDepth(n - 1) : extractWithLimits(text, 'deep.ts', DEFAULT_LIMITS, () => parsed));
    let contained: ExtractResult | null = null;
    for (let n = 0; n < 20_000 && !contained; n += 100) {
      const r = extractAtDepth(n);
      assert.deepEqual(r.models.map((m) => m.name), ['a', 'b'], `at depth ${n}`);
      if (r.problems.some((p) => p.code === 'file/too-deep')) contained = r;
    }
    assert.ok(contained, 'the interpreter never ran out of stack');
    const [problem] = contained.problems;
    assert.match(problem.message, /ShapeLens skipped lines 5–505: the code there is nested too deeply for ShapeLens to follow/);
    assert.equal(contained.models[0].incomplete, true, 'the model the given-up statement changes');
    assert.equal(contained.models[1].incomplete, false, 'the model after it');
  });

  it('the CLI finds the models of a file with a deep statement (it said "no TensorFlow.js models found")', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-deep-'));
    try {
      const file = path.join(dir, 'deep.ts');
      fs.writeFileSync(file, between(ISSUE_CASES[0][1]));
      let out = '';
      const code = runCli(['--json', file], { out: (t) => (out += t), err: () => undefined, isTty: false });
      assert.equal(code, 0);
      const [report] = JSON.parse(out) as { models: { name: string }[] }[];
      assert.deepEqual(report.models.map((m) => m.name), ['a', 'b']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
