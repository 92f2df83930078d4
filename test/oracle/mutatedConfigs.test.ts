// Randomized: numbers in the layer configs of the valid TF.js fixtures are rewritten (kernel
// sizes, strides, pool sizes, dilation, filters, units, axes, input dims...: to 0, negatives,
// fractions, huge values, Infinity, NaN, small sizes or a near neighbour), and each variant is
// built and run on zeros in real TF.js. Every error finding we report must be a real throw
// there, at build or at predict: that is the product's promise. The throws we do not flag are
// counted and printed, not asserted (missing one is not a false error). Seeded, so a failure
// reproduces; the failing variants are printed with their rewrites.
import { strict as assert } from 'assert';
import * as path from 'path';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import type { DiagnosticReport } from '../../src/core/report';
import { seededRandom } from '../support/seededRandom';
import { configNumbers, rewriteNumbers, type NumberSite } from './support/configNumbers';
import { listFixtures, type Fixture } from './support/fixtures';
import type { TfOutcome } from './support/runVariant';
import { TfRunner } from './support/tfRunner';

const VARIANTS = 400;
const SEED = 20261201;
/** A variant TF.js has not finished with by then is counted as hanging (strides 0 can loop). */
const LIMIT_MS = 10_000;

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** Values TF.js has to cope with, written as source text. */
const EXTREMES = ['0', '-1', '-2', '0.5', '1.5', '1e10', 'Infinity', '-Infinity', 'NaN'];
/** Sizes that make windows and maps meet: a window as large as a map, a map of 1 or 2. */
const SMALL = ['1', '2', '3', '4', '8', '16', '32'];

function mutatedValue(random: Random, value: number): string {
  const r = random();
  if (r < 0.4) return pick(random, EXTREMES);
  if (r < 0.7) return pick(random, SMALL);
  const near = [value + 1, value - 1, value * 2, value * 4, Math.floor(value / 2), value + 7];
  return String(pick(random, near));
}

interface Subject {
  readonly fixture: Fixture;
  readonly sites: readonly NumberSite[];
}

interface Variant {
  readonly subject: Subject;
  readonly edits: readonly { site: NumberSite; replacement: string }[];
  readonly text: string;
}

function makeVariant(random: Random, subjects: readonly Subject[]): Variant {
  const subject = pick(random, subjects);
  const first = pick(random, subject.sites);
  const sameCall = subject.sites.filter((s) => s.call === first.call && s !== first);
  const sites = [first];
  // Sometimes a second (and third) number of the same call, e.g. kernelSize with strides.
  while (sameCall.length > 0 && random() < 0.35) sites.push(sameCall.splice(Math.floor(random() * sameCall.length), 1)[0]);
  const edits = sites.map((site) => ({ site, replacement: mutatedValue(random, site.value) }));
  return { subject, edits, text: rewriteNumbers(subject.fixture.text, edits) };
}

function ourErrors(text: string, label: string): DiagnosticReport[] {
  return toFileReport(analyzeText(text, label), label).diagnostics.filter((d) => d.severity === 'error');
}

function describeVariant(v: Variant, errors: readonly DiagnosticReport[], tfSays: string): string {
  const rewrites = v.edits.map(({ site, replacement }) => `${site.factory}.${site.key}: ${site.value} → ${replacement}`).join(', ');
  const ours = errors.map((e) => `line ${e.line} ${e.code}: ${e.message}`).join('\n    ');
  return `${v.subject.fixture.label} with ${rewrites}\n  TF.js: ${tfSays}\n  ours:\n    ${ours}`;
}

interface Tally {
  buildThrows: number;
  predictThrows: number;
  runs: number;
  notRun: number;
  errors: number;
  confirmed: number;
  unreachable: number;
  unverified: number;
  missed: number;
}

/** Adds one variant to the tally; returns whether its errors are false (TF.js runs it). */
function count(tally: Tally, outcome: TfOutcome, errors: readonly DiagnosticReport[]): boolean {
  tally.errors += errors.length;
  switch (outcome.kind) {
    case 'build-throws': {
      tally.buildThrows++;
      // TF.js never reaches code after the statement that threw: nothing there is confirmed.
      const reached = errors.filter((e) => outcome.statementEnd === null || e.line <= outcome.statementEnd).length;
      tally.confirmed += reached;
      tally.unreachable += errors.length - reached;
      if (errors.length === 0) tally.missed++;
      return false;
    }
    case 'predict-throws':
      tally.predictThrows++;
      tally.confirmed += errors.length;
      if (errors.length === 0) tally.missed++;
      return false;
    case 'too-big':
    case 'hangs':
      tally.notRun++;
      tally.unverified += errors.length;
      return false;
    case 'runs':
      tally.runs++;
      return errors.length > 0;
  }
}

describe('oracle: mutated layer configs of the fixture corpus, against TF.js build and predict', function () {
  this.timeout(300_000);
  const runner = new TfRunner(LIMIT_MS);
  after(() => runner.stop());

  it(`reports an error only where TF.js throws (${VARIANTS} seeded variants)`, async () => {
    const started = Date.now();
    // Fixtures TF.js builds and runs as written (and we find nothing wrong with) are the subjects.
    const subjects: Subject[] = [];
    const excluded: string[] = [];
    for (const fixture of listFixtures('valid')) {
      const sites = configNumbers(fixture.text, fixture.absolutePath);
      if (sites.length === 0) continue;
      const baseline = await runner.run(fixture.text, fixture.absolutePath, fixture.label);
      if (baseline.kind !== 'runs') {
        excluded.push(`${path.basename(fixture.label)} (${JSON.stringify(baseline)})`);
        continue;
      }
      assert.deepEqual(ourErrors(fixture.text, fixture.label), [], `${fixture.label}: no error as written`);
      subjects.push({ fixture, sites });
    }
    assert.ok(subjects.length >= 30, `only ${subjects.length} fixtures to mutate; excluded: ${excluded.join(', ')}`);

    const random = seededRandom(SEED);
    const tally: Tally = { buildThrows: 0, predictThrows: 0, runs: 0, notRun: 0, errors: 0, confirmed: 0, unreachable: 0, unverified: 0, missed: 0 };
    const falseErrors: string[] = [];
    for (let i = 0; i < VARIANTS; i++) {
      const variant = makeVariant(random, subjects);
      const errors = ourErrors(variant.text, variant.subject.fixture.label);
      const outcome = await runner.run(variant.text, variant.subject.fixture.absolutePath, variant.subject.fixture.label);
      if (count(tally, outcome, errors)) falseErrors.push(describeVariant(variant, errors, 'builds and predicts'));
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const falseCount = tally.errors - tally.confirmed - tally.unreachable - tally.unverified;
    console.log(
      `      ${VARIANTS} variants of ${subjects.length} fixtures in ${seconds} s: TF.js throws at build in ${tally.buildThrows}, ` +
        `at predict in ${tally.predictThrows}, runs ${tally.runs}, not run (too big or hangs) ${tally.notRun}\n` +
        `      error findings ${tally.errors}: confirmed ${tally.confirmed}, false ${falseCount}, ` +
        `after the statement TF.js threw in ${tally.unreachable}, on variants not run ${tally.unverified}\n` +
        `      real throws we did not flag: ${tally.missed} of ${tally.buildThrows + tally.predictThrows}` +
        (excluded.length ? `\n      not mutated (TF.js does not run them as written here): ${excluded.join(', ')}` : ''),
    );
    assert.deepEqual(falseErrors, [], `${falseErrors.length} variants with false errors:\n${falseErrors.slice(0, 12).join('\n')}`);
    // The generator must reach both sides, or the check above says nothing.
    assert.ok(tally.confirmed >= VARIANTS / 10, `only ${tally.confirmed} confirmed errors`);
    assert.ok(tally.runs >= VARIANTS / 5, `only ${tally.runs} variants that run`);
  });
});
