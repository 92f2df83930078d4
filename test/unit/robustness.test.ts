// Robustness: the analyzer meets half-typed and broken code all day in an editor. Every
// prefix of every fixture, random cuts and random token mutations must be analysed without
// an exception and without a hang; a 5 MB file must be handled in bounded time; hostile
// programs (nesting deeper than any stack, values that would fill memory, recursion without
// end, a mistake repeated by a loop) must cost bounded time and memory and keep the model
// after them. The closing line prints the figures: variants, crashes, hangs, peak RSS.
// `npm run test:fuzz` runs this file alone with ten times the variants (SHAPELENS_FUZZ_SCALE).
import { strict as assert } from 'assert';
import { performance } from 'perf_hooks';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import { listFixtures, type Fixture } from '../oracle/support/fixtures';
import { hostileProgram } from '../support/hostilePrograms';
import { seededRandom } from '../support/seededRandom';

/** How many times the default counts to run (`npm run test:fuzz` sets 10). */
const SCALE = Math.max(1, Number(process.env.SHAPELENS_FUZZ_SCALE) || 1);
/** Generous: a case normally takes milliseconds; only a hang or a blow-up exceeds this. */
const PER_CASE_LIMIT_MS = 2000;
/** The issue's bar for a hang: more than 2 s on a file under 50 KB. */
const HANG_BYTES = 50 * 1024;
const RANDOM_CUTS_PER_FIXTURE = 20;
const MUTATIONS = 3000 * SCALE;
const HOSTILE_PROGRAMS = 200 * SCALE;
/** Memory one hostile file may add to the process's peak RSS (the issue's file took 1.8 GB). */
const HOSTILE_RSS_GROWTH_MB = 256;
const LARGE_FILE_BYTES = 5 * 1024 * 1024;
const LARGE_FILE_LIMIT_MS = 5000;

type Report = ReturnType<typeof toFileReport>;

/** What the whole run met, printed at the end. */
const figures = { variants: 0, crashes: 0, hangs: 0, slowestMs: 0, slowest: '', largestRssGrowthKb: 0, largestRssGrowth: '' };

/** The process's peak resident set so far, in KB. */
function peakRssKb(): number {
  return process.resourceUsage().maxRSS;
}


interface CaseFailure {
  readonly description: string;
  readonly problem: string;
}

/**
 * Analyses one text; returns a failure when it throws or takes longer than the bound, or
 * what `check` finds wrong with the report. Every case counts in `figures`.
 */
function checkCase(text: string, fileName: string, description: string, check?: (report: Report) => string | null): CaseFailure | null {
  figures.variants++;
  const rssBefore = peakRssKb();
  const started = performance.now();
  let report: Report;
  try {
    report = toFileReport(analyzeText(text, fileName), fileName);
  } catch (error) {
    figures.crashes++;
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { description, problem: `threw ${stack.split('\n').slice(0, 4).join(' | ')}` };
  }
  const elapsed = performance.now() - started;
  const growth = peakRssKb() - rssBefore;
  if (growth > figures.largestRssGrowthKb) Object.assign(figures, { largestRssGrowthKb: growth, largestRssGrowth: description });
  if (elapsed > figures.slowestMs) Object.assign(figures, { slowestMs: elapsed, slowest: description });
  if (elapsed > PER_CASE_LIMIT_MS && text.length < HANG_BYTES) figures.hangs++;
  if (elapsed > PER_CASE_LIMIT_MS) return { description, problem: `took ${elapsed.toFixed(0)} ms` };
  const wrong = check?.(report) ?? null;
  return wrong ? { description, problem: wrong } : null;
}

function assertNoFailures(failures: readonly CaseFailure[], total: number): void {
  const shown = failures.slice(0, 10).map((f) => `  ${f.description}: ${f.problem}`);
  assert.equal(failures.length, 0, `${failures.length} of ${total} cases failed:\n${shown.join('\n')}`);
}

/** Offsets just after each newline, plus 0: the prefixes an editor shows while typing. */
function lineCuts(text: string): number[] {
  const cuts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) cuts.push(i + 1);
  return cuts;
}

interface Token {
  readonly start: number;
  readonly end: number;
}

/** A rough JS tokenizer: good enough to pick token boundaries for mutations. */
const TOKEN_PATTERN =
  /\/\/[^\n]*|\/\*[\s\S]*?\*\/|`(?:\\.|[^`\\])*`|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|\d+(?:\.\d+)?|[A-Za-z_$][\w$]*|=>|\.\.\.|[=!]==|&&|\|\||\?\?|\*\*|\S/g;

function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(TOKEN_PATTERN), (m) => ({ start: m.index, end: m.index + m[0].length }));
}

const PUNCTUATION = ['(', ')', '{', '}', '[', ']', ',', ';', '.', '=', '=>', '...', '?', ':', '`', '"', "'", '/*', '//', '<', '>', '!', '+', '-1', 'as'];

type Mutation = 'delete' | 'duplicate' | 'swap' | 'insert';
const MUTATION_KINDS: readonly Mutation[] = ['delete', 'duplicate', 'swap', 'insert'];

function mutate(text: string, tokens: readonly Token[], random: () => number): { text: string; description: string } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const index = Math.floor(random() * tokens.length);
  const token = tokens[index];
  const kind = pick(MUTATION_KINDS);
  const source = text.slice(token.start, token.end);
  switch (kind) {
    case 'delete':
      return { text: text.slice(0, token.start) + text.slice(token.end), description: `delete '${source}' at ${token.start}` };
    case 'duplicate':
      return { text: text.slice(0, token.end) + source + text.slice(token.end), description: `duplicate '${source}' at ${token.start}` };
    case 'swap': {
      const next = tokens[Math.min(index + 1, tokens.length - 1)];
      const other = text.slice(next.start, next.end);
      if (next === token) return { text, description: 'swap of the last token (no-op)' };
      return {
        text: text.slice(0, token.start) + other + text.slice(token.end, next.start) + source + text.slice(next.end),
        description: `swap '${source}' and '${other}' at ${token.start}`,
      };
    }
    case 'insert': {
      const inserted = pick(PUNCTUATION);
      return { text: text.slice(0, token.start) + inserted + text.slice(token.start), description: `insert '${inserted}' at ${token.start}` };
    }
  }
}

/** A big but ordinary file: many small models, one after another. */
function generateLargeFile(minBytes: number): string {
  const parts = ["import * as tf from '@tensorflow/tfjs';\n"];
  let size = parts[0].length;
  for (let i = 0; size < minBytes; i++) {
    const block =
      `const model${i} = tf.sequential();\n` +
      `model${i}.add(tf.layers.conv2d({ inputShape: [32, 32, 3], filters: ${8 + (i % 8)}, kernelSize: 3, activation: 'relu' }));\n` +
      `model${i}.add(tf.layers.maxPooling2d({ poolSize: 2 }));\n` +
      `model${i}.add(tf.layers.flatten());\n` +
      `model${i}.add(tf.layers.dense({ units: ${10 + (i % 5)}, activation: 'softmax' }));\n`;
    parts.push(block);
    size += block.length;
  }
  return parts.join('');
}

describe('robustness: broken and partial code never throws or hangs', function () {
  this.timeout(120_000 * SCALE);
  const fixtures: Fixture[] = [...listFixtures('valid'), ...listFixtures('invalid')];
  const rssAtStart = peakRssKb();

  after(() => {
    const mb = (kb: number) => (kb / 1024).toFixed(0);
    console.log(
      `      fuzz figures (TypeScript): ${figures.variants} variants, ${figures.crashes} crashes, ${figures.hangs} hangs (> ${PER_CASE_LIMIT_MS / 1000} s under ${HANG_BYTES / 1024} KB); ` +
        `slowest ${figures.slowestMs.toFixed(0)} ms (${figures.slowest}); peak RSS ${mb(peakRssKb())} MB (${mb(rssAtStart)} MB at the start), ` +
        `at most +${mb(figures.largestRssGrowthKb)} MB for one file (${figures.largestRssGrowth || 'none'})`,
    );
  });

  it('fixtures are there to mutate', () => {
    assert.ok(fixtures.length >= 40, `only ${fixtures.length} fixtures`);
  });

  it('every prefix of every fixture, cut at each line', () => {
    const failures: CaseFailure[] = [];
    let total = 0;
    for (const fixture of fixtures) {
      for (const cut of lineCuts(fixture.text)) {
        total++;
        const failure = checkCase(fixture.text.slice(0, cut), fixture.label, `${fixture.label} cut at offset ${cut}`);
        if (failure) failures.push(failure);
      }
    }
    console.log(`      ${total} line prefixes analysed`);
    assertNoFailures(failures, total);
  });

  it(`${RANDOM_CUTS_PER_FIXTURE} random character cuts per fixture`, () => {
    const random = seededRandom(20240611);
    const failures: CaseFailure[] = [];
    let total = 0;
    for (const fixture of fixtures) {
      for (let i = 0; i < RANDOM_CUTS_PER_FIXTURE; i++) {
        const cut = Math.floor(random() * (fixture.text.length + 1));
        total++;
        const failure = checkCase(fixture.text.slice(0, cut), fixture.label, `${fixture.label} cut at offset ${cut}`);
        if (failure) failures.push(failure);
      }
    }
    console.log(`      ${total} random cuts analysed`);
    assertNoFailures(failures, total);
  });

  it(`${MUTATIONS} random token-level mutations`, () => {
    const random = seededRandom(7);
    const tokenized = fixtures.map((fixture) => ({ fixture, tokens: tokenize(fixture.text) }));
    const failures: CaseFailure[] = [];
    const counts: Record<string, number> = {};
    for (let i = 0; i < MUTATIONS; i++) {
      const { fixture, tokens } = tokenized[Math.floor(random() * tokenized.length)];
      const mutation = mutate(fixture.text, tokens, random);
      const kind = mutation.description.split(' ')[0];
      counts[kind] = (counts[kind] ?? 0) + 1;
      const failure = checkCase(mutation.text, fixture.label, `${fixture.label}: ${mutation.description}`);
      if (failure) failures.push(failure);
    }
    console.log(`      ${MUTATIONS} mutations analysed: ${JSON.stringify(counts)}`);
    assertNoFailures(failures, MUTATIONS);
  });

  it(`${HOSTILE_PROGRAMS} hostile programs: bounded time and memory, the model after them kept`, () => {
    const random = seededRandom(13);
    const failures: CaseFailure[] = [];
    const kinds: Record<string, number> = {};
    for (let i = 0; i < HOSTILE_PROGRAMS; i++) {
      const program = hostileProgram(random);
      const family = program.kind.split('/')[0];
      kinds[family] = (kinds[family] ?? 0) + 1;
      const rssBefore = peakRssKb();
      const failure = checkCase(program.text, 'hostile.ts', `hostile #${i} (${program.kind}, ${(program.text.length / 1024).toFixed(0)} KB)`, (report) => {
        const growthMb = (peakRssKb() - rssBefore) / 1024;
        if (growthMb > HOSTILE_RSS_GROWTH_MB) return `peak RSS grew by ${growthMb.toFixed(0)} MB`;
        if (!report.models.some((m) => m.name === 'sentinel' && !m.incomplete && m.totalParams === 12)) return 'the model after the hostile code was lost';
        return null;
      });
      if (failure) failures.push(failure);
    }
    console.log(`      ${HOSTILE_PROGRAMS} hostile programs analysed: ${JSON.stringify(kinds)}`);
    assertNoFailures(failures, HOSTILE_PROGRAMS);
  });

  it('a 5 MB file: results or a file/too-large finding, within 5 s', () => {
    const text = generateLargeFile(LARGE_FILE_BYTES);
    const started = performance.now();
    const report = toFileReport(analyzeText(text, 'large.ts'), 'large.ts');
    const elapsed = performance.now() - started;
    const tooLarge = report.diagnostics.some((d) => d.code === 'file/too-large');
    console.log(
      `      ${(text.length / 1024 / 1024).toFixed(1)} MB analysed in ${elapsed.toFixed(0)} ms: ` +
        `${report.models.length} models${tooLarge ? ', file/too-large reported' : ''}`,
    );
    assert.ok(elapsed < LARGE_FILE_LIMIT_MS, `took ${elapsed.toFixed(0)} ms`);
    assert.ok(report.models.length > 0 || tooLarge, 'neither results nor a file/too-large finding');
  });
});
