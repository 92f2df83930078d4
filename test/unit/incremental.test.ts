// The key property of incremental analysis: over many random edits of every fixture and of
// the benchmark's 2,000-line file, IncrementalAnalyzer gives exactly what a full analyzeText
// gives (the FileReport JSON and the raw analysis with its offsets). A final check makes sure
// the incremental path really ran for most edits that kept the code valid, so the comparison
// is not vacuous.
import { strict as assert } from 'assert';
import { generateFile } from '../../bench/lsp.bench';
import { analyzeText } from '../../src/core/analyze';
import { IncrementalAnalyzer } from '../../src/core/incremental';
import { toFileReport } from '../../src/core/reportJson';
import type { FileAnalysis } from '../../src/core/types';
import { listFixtures } from '../oracle/support/fixtures';
import { applyEdits, randomEdit, seededRandom } from './incrementalEdits';

const EDITS_PER_FIXTURE = 30;
const EDITS_ON_BENCH_FILE = 40;
/** After an edit that broke the code, how often the next edit starts from the good text again. */
const REVERT_BROKEN = 0.7;

/** Everything an adapter can see: the JSON report, and the analysis itself with raw offsets. */
function fingerprint(a: FileAnalysis, fileName: string): string {
  return JSON.stringify({
    report: toFileReport(a, fileName),
    models: a.models,
    findings: a.findings,
    syntaxErrors: a.syntaxErrors,
    importsTf: a.importsTf,
  });
}

const totals = { incremental: 0, full: 0, validEdits: 0 };

function checkEditChain(text: string, fileName: string, edits: number, seed: number): void {
  const rand = seededRandom(seed);
  const doc = new IncrementalAnalyzer();
  assert.equal(fingerprint(doc.analyze(text, fileName), fileName), fingerprint(analyzeText(text, fileName), fileName));
  let base = text;
  for (let step = 0; step < edits; step++) {
    const edit = randomEdit(base, rand);
    const next = applyEdits(base, edit.edits);
    const full = analyzeText(next, fileName);
    const ours = doc.analyze(next, fileName);
    assert.equal(
      fingerprint(ours, fileName),
      fingerprint(full, fileName),
      `${fileName}, seed ${seed}, step ${step}: a '${edit.kind}' edit ${JSON.stringify(edit.edits)} analysed incrementally differs from a full analysis`,
    );
    if (full.syntaxErrors.length === 0) totals.validEdits++;
    if (full.syntaxErrors.length === 0 || rand() >= REVERT_BROKEN) base = next;
  }
  totals.incremental += doc.stats.incremental;
  totals.full += doc.stats.full;
}

describe('incremental analysis equals a full analysis', () => {
  const fixtures = [...listFixtures('valid'), ...listFixtures('invalid'), ...listFixtures('examples')];
  fixtures.forEach((fixture, i) => {
    it(`random edits of ${fixture.label}`, () => {
      checkEditChain(fixture.text, fixture.label, EDITS_PER_FIXTURE, 1000 + i);
    });
  });

  it('random edits of the benchmark file (2,000 lines, 50 models)', function () {
    this.timeout(120_000); // a full analysis per edit for comparison: slow on a loaded machine
    checkEditChain(generateFile(), 'bench/models.ts', EDITS_ON_BENCH_FILE, 7);
  });

  it('took the incremental path for most edits that left the code valid', () => {
    assert.ok(totals.validEdits > 500, `only ${totals.validEdits} valid edits were generated`);
    assert.ok(
      totals.incremental >= 0.5 * totals.validEdits,
      `incremental parses ${totals.incremental}, full ${totals.full}, valid edits ${totals.validEdits}`,
    );
  });
});
