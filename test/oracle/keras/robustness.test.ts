// Robustness of the Python front end, as an editor meets code: every line prefix of every
// Python fixture and notebook, and seeded random token mutations, analysed without an
// exception and without a hang; and never an error finding Keras would not raise. A line
// prefix of a fixture Keras builds is code Keras runs (or rejects with a SyntaxError only:
// a sample of prefixes is run in Keras to hold that premise), so it must give no error
// finding; a mutated program that gets an error finding is run in real Keras, which must raise.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeText } from '../../../src/core/analyze';
import { toFileReport } from '../../../src/core/reportJson';
import type { FileReport } from '../../../src/core/report';
import { seededRandom } from '../../support/seededRandom';
import { kerasOracle } from './support/kerasOracle';

/** Generous: a case normally takes milliseconds; only a hang or a blow-up exceeds this. */
const PER_CASE_LIMIT_MS = 2000;
const MUTATIONS = 1500;
const PREFIXES_RUN_IN_KERAS = 24;
const FIXTURES = path.resolve(__dirname, '../../fixtures/python');

function pythonFixtures(kind: 'valid' | 'invalid'): string[] {
  const dir = path.join(FIXTURES, kind);
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(py|ipynb)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function analyse(text: string, fileName: string): { report: FileReport | null; problem: string | null } {
  const started = performance.now();
  try {
    const report = toFileReport(analyzeText(text, fileName), fileName);
    const elapsed = performance.now() - started;
    return { report, problem: elapsed > PER_CASE_LIMIT_MS ? `took ${elapsed.toFixed(0)} ms` : null };
  } catch (error) {
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { report: null, problem: `threw ${stack.split('\n').slice(0, 4).join(' | ')}` };
  }
}

/** Offsets just after each newline, plus 0: the prefixes an editor shows while typing. */
function lineCuts(text: string): number[] {
  const cuts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) cuts.push(i + 1);
  return cuts;
}

/** The program text of a notebook: its code cells (magics blanked), for cutting and mutating. */
function programOf(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  if (!file.endsWith('.ipynb')) return text;
  const nb = JSON.parse(text) as { cells: { cell_type: string; source: string | string[] }[] };
  return nb.cells
    .filter((c) => c.cell_type === 'code')
    .map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source))
    .map((src) => src.replace(/^\s*[%!].*$/gm, (m) => ' '.repeat(m.length)))
    .join('\n');
}

const TOKEN = /#[^\n]*|'''[\s\S]*?'''|"""[\s\S]*?"""|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|\d+(?:\.\d+)?|[A-Za-z_]\w*|\*\*|\/\/|==|!=|<=|>=|\S/g;
const INSERTS = ['(', ')', '[', ']', ',', ':', '.', '=', '*', '**', '-1', '0', '2.5', 'None', 'lambda', 'if', '\n', '    ', "'same'", 'x', 'layers.'];

function mutate(text: string, random: () => number): { text: string; description: string } {
  const tokens = Array.from(text.matchAll(TOKEN), (m) => ({ start: m.index, end: m.index + m[0].length }));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const t = pick(tokens);
  const source = text.slice(t.start, t.end);
  switch (pick(['delete', 'duplicate', 'replace', 'insert'] as const)) {
    case 'delete':
      return { text: text.slice(0, t.start) + text.slice(t.end), description: `delete ${JSON.stringify(source)} at ${t.start}` };
    case 'duplicate':
      return { text: text.slice(0, t.end) + source + text.slice(t.end), description: `duplicate ${JSON.stringify(source)} at ${t.start}` };
    case 'replace': {
      const other = text.slice(pick(tokens).start).match(TOKEN)?.[0] ?? '';
      return { text: text.slice(0, t.start) + other + text.slice(t.end), description: `replace ${JSON.stringify(source)} at ${t.start} by ${JSON.stringify(other)}` };
    }
    default: {
      const ins = pick(INSERTS);
      return { text: text.slice(0, t.start) + ins + text.slice(t.start), description: `insert ${JSON.stringify(ins)} at ${t.start}` };
    }
  }
}

const errorsOf = (r: FileReport): string[] => r.diagnostics.filter((d) => d.severity === 'error').map((d) => `line ${d.line}: ${d.message} [${d.code}]`);

describe('Python robustness: prefixes and mutations (real Keras checks every error we report)', function () {
  this.timeout(900_000);
  const valid = pythonFixtures('valid');

  it('every line prefix of every Python fixture and notebook: no exception, no hang, no error finding', () => {
    const failures: string[] = [];
    let cases = 0;
    for (const file of [...valid, ...pythonFixtures('invalid')]) {
      const program = programOf(file);
      const isValid = valid.includes(file);
      for (const cut of lineCuts(program)) {
        cases++;
        const { report, problem } = analyse(program.slice(0, cut), 'prefix.py');
        if (problem) failures.push(`${path.basename(file)} prefix ${cut}: ${problem}`);
        else if (isValid && report && errorsOf(report).length > 0) failures.push(`${path.basename(file)} prefix ${cut}: ${errorsOf(report)[0]}`);
      }
    }
    assert.ok(cases > 2000, `${cases} prefixes`);
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${cases} prefixes failed`);
  });

  it(`the premise, on ${PREFIXES_RUN_IN_KERAS} sampled prefixes of valid fixtures: Keras raises at most a SyntaxError`, async () => {
    const random = seededRandom(1201);
    for (let i = 0; i < PREFIXES_RUN_IN_KERAS; i++) {
      const file = valid[Math.floor(random() * valid.length)];
      if (/vgg16/.test(file)) continue; // 138M weights per run: too slow to sample
      const program = programOf(file);
      const cuts = lineCuts(program);
      const cut = cuts[Math.floor(random() * cuts.length)];
      const keras = await kerasOracle().runProgram(program.slice(0, cut), { timeoutSeconds: 120 });
      const raised = keras.raised?.type;
      assert.ok(raised === undefined || raised === 'SyntaxError' || raised === 'IndentationError', `${path.basename(file)} prefix ${cut}: Keras raises ${raised}: ${keras.raised?.message}`);
    }
  });

  it(`${MUTATIONS} random token mutations: no exception, no hang, and every error finding is a real Keras error`, async () => {
    const random = seededRandom(20261201);
    const sources = valid.filter((f) => !/vgg16/.test(f)).map(programOf);
    const failures: string[] = [];
    let checkedInKeras = 0;
    for (let i = 0; i < MUTATIONS; i++) {
      const base = sources[Math.floor(random() * sources.length)];
      const { text, description } = mutate(base, random);
      const { report, problem } = analyse(text, 'mutant.py');
      if (problem) {
        failures.push(`${description}: ${problem}`);
        continue;
      }
      if (!report || errorsOf(report).length === 0 || report.syntaxErrors) continue;
      checkedInKeras++;
      const keras = await kerasOracle().runProgram(text, { timeoutSeconds: 120 });
      if (!keras.raised) failures.push(`${description}: we report ${errorsOf(report)[0]}, Keras builds it`);
    }
    console.log(`      ${MUTATIONS} mutations, ${checkedInKeras} with error findings checked in Keras`);
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${MUTATIONS} mutations failed`);
  });
});
