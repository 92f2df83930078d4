// Hostile Python programs and notebooks (test/support/hostilePythonPrograms.ts): nesting deeper
// than any stack, values that would fill memory, recursion without end, one mistake repeated by
// a loop. Each must cost bounded time and memory, never throw, keep the model after it, and
// give each distinct finding once. The closing line prints the figures: variants, crashes,
// hangs (> 2 s under 50 KB), peak RSS growth. `npm run test:fuzz` runs ten times the variants.
// (Prefixes and token mutations of the Keras corpus, each error checked in real Keras, are in
// test/oracle/keras/robustness.test.ts.)
import { strict as assert } from 'assert';
import { performance } from 'perf_hooks';
import { analyzeText } from '../../../src/core/analyze';
import { toFileReport } from '../../../src/core/reportJson';
import { hostilePythonProgram, SENTINEL_PARAMS } from '../../support/hostilePythonPrograms';
import { seededRandom } from '../../support/seededRandom';

const SCALE = Math.max(1, Number(process.env.SHAPELENS_FUZZ_SCALE) || 1);
const PROGRAMS = 200 * SCALE;
const PER_CASE_LIMIT_MS = 2000;
const HANG_BYTES = 50 * 1024;
const RSS_GROWTH_MB = 256;

describe('Python robustness: hostile programs and notebooks', function () {
  this.timeout(600_000);

  it(`${PROGRAMS} hostile programs: bounded time and memory, no exception, the model after each kept, each finding once`, () => {
    const random = seededRandom(20261202);
    const failures: string[] = [];
    const figures = { variants: 0, crashes: 0, hangs: 0, slowestMs: 0, slowest: '', rssGrowthKb: 0, rssGrowth: '', mostFindings: 0 };
    for (let i = 0; i < PROGRAMS; i++) {
      const program = hostilePythonProgram(random);
      const label = `#${i} ${program.kind} (${program.fileName})`;
      figures.variants++;
      const rssBefore = process.resourceUsage().maxRSS;
      const started = performance.now();
      let report: ReturnType<typeof toFileReport>;
      try {
        report = toFileReport(analyzeText(program.text, program.fileName), program.fileName);
      } catch (error) {
        figures.crashes++;
        failures.push(`${label}: threw ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      const elapsed = performance.now() - started;
      const growth = process.resourceUsage().maxRSS - rssBefore;
      if (elapsed > figures.slowestMs) Object.assign(figures, { slowestMs: elapsed, slowest: label });
      if (growth > figures.rssGrowthKb) Object.assign(figures, { rssGrowthKb: growth, rssGrowth: label });
      figures.mostFindings = Math.max(figures.mostFindings, report.diagnostics.length);
      if (elapsed > PER_CASE_LIMIT_MS && program.text.length < HANG_BYTES) figures.hangs++;
      if (elapsed > PER_CASE_LIMIT_MS) failures.push(`${label}: took ${elapsed.toFixed(0)} ms`);
      if (growth > RSS_GROWTH_MB * 1024) failures.push(`${label}: peak RSS grew ${(growth / 1024).toFixed(0)} MB`);
      const sentinel = report.models.find((m) => m.name === 'sentinel');
      if (!sentinel || sentinel.totalParams !== SENTINEL_PARAMS) failures.push(`${label}: the model after the hostile code is ${sentinel ? `${sentinel.totalParams} params` : 'lost'}`);
      // One mistake in a loop is one finding (with a count), not one per iteration.
      const places = report.diagnostics.map((d) => `${d.code}@${d.cell ?? 0}:${d.line}:${d.column}`);
      if (new Set(places).size !== places.length) failures.push(`${label}: the same finding twice at one place`);
    }
    console.log(
      `      fuzz figures (Python): ${figures.variants} variants, ${figures.crashes} crashes, ${figures.hangs} hangs (> ${PER_CASE_LIMIT_MS / 1000} s under ${HANG_BYTES / 1024} KB); ` +
        `slowest ${figures.slowestMs.toFixed(0)} ms (${figures.slowest}); peak RSS growth ${(figures.rssGrowthKb / 1024).toFixed(0)} MB (${figures.rssGrowth}); at most ${figures.mostFindings} findings in a file`,
    );
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${PROGRAMS} programs failed`);
  });
});
