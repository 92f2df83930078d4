// The catalog-result cache in infer.ts (an editor re-infers the same layers after every edit)
// must never change a result: every fixture analysed with a cold cache gives exactly what it
// gives with a cache warmed by all the other fixtures (a key that confused two different
// layers would show up here), and after random edits of the benchmark file.
import { strict as assert } from 'assert';
import { generateFile } from '../../bench/lsp.bench';
import { analyzeText } from '../../src/core/analyze';
import { clearInferenceCache } from '../../src/core/infer';
import { toFileReport } from '../../src/core/reportJson';
import { listFixtures } from '../oracle/support/fixtures';
import { applyEdits, randomEdit, seededRandom } from './incrementalEdits';

function analysed(text: string, fileName: string): string {
  const a = analyzeText(text, fileName);
  return JSON.stringify({ report: toFileReport(a, fileName), models: a.models, findings: a.findings });
}

describe('infer: the catalog-result cache changes no result', () => {
  const texts: { label: string; text: string }[] = [
    ...[...listFixtures('valid'), ...listFixtures('invalid'), ...listFixtures('examples')],
  ].map((f) => ({ label: f.label, text: f.text }));
  const rand = seededRandom(99);
  let bench = generateFile();
  for (let i = 0; i < 10; i++) {
    bench = applyEdits(bench, randomEdit(bench, rand).edits);
    texts.push({ label: `bench/models.ts after edit ${i}`, text: bench });
  }

  it('gives the same analysis with a cold cache and with a cache warmed by every other file', function () {
    this.timeout(120_000);
    const cold = texts.map(({ text, label }) => {
      clearInferenceCache();
      return analysed(text, label);
    });
    clearInferenceCache();
    for (const { text, label } of texts) analysed(text, label);
    for (let i = texts.length - 1; i >= 0; i--) {
      assert.equal(analysed(texts[i].text, texts[i].label), cold[i], `${texts[i].label} differs with a warm cache`);
    }
  });
});
