// The README's finding sections are documentation users copy from: each Python example must
// give the finding it documents. Every `### area/what` section's ```python examples are whole
// scripts, analysed as a .py file; every code that applies to Keras must have one. (The TS
// examples are fragments, written to be read beside a model, not run.)
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../src/core/analyze';

const README = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

/** Codes that cannot arise in Python files (TF.js behaviour Keras does not share). */
const TFJS_ONLY = new Set(['model/missing-input-shape', 'shape/empty-output']);
/** Codes with no example to run (they need a 2 MB file). */
const WITHOUT_EXAMPLE = new Set(['file/too-large']);
/** Codes only the TS front end gives (the Python front end has its own caps on depth and recursion). */
const TYPESCRIPT_ONLY = new Set(['file/too-deep']);

interface Section {
  readonly code: string;
  readonly examples: { readonly language: 'ts' | 'python'; readonly source: string }[];
}

function sections(): Section[] {
  const findings = README.slice(README.indexOf('## Findings'));
  const end = findings.indexOf('\n## ', 5);
  const body = end < 0 ? findings : findings.slice(0, end);
  const parts = body.split(/^### /m).slice(1);
  return parts.map((part) => {
    const code = part.split('\n')[0].trim();
    const examples = [...part.matchAll(/```(ts|python)\n([\s\S]*?)```/g)].map((m) => ({ language: m[1] as 'ts' | 'python', source: m[2] }));
    return { code, examples };
  });
}

describe('README finding examples', () => {
  const all = sections();

  it('has a section for every finding code, each a code of the form area/what', () => {
    assert.ok(all.length >= 15, `${all.length} sections`);
    for (const s of all) assert.match(s.code, /^[a-z]+\/[a-z-]+$/);
  });

  for (const s of all) {
    if (WITHOUT_EXAMPLE.has(s.code)) continue;
    if (TFJS_ONLY.has(s.code) || TYPESCRIPT_ONLY.has(s.code)) continue;
    it(`${s.code}: a Python example that gives it`, () => {
      const python = s.examples.filter((e) => e.language === 'python');
      assert.ok(python.length > 0, `${s.code} applies to Keras: the README needs a Python example`);
      for (const example of python) {
        const codes = analyzeText(example.source, 'example.py').findings.map((f) => f.code);
        assert.ok(codes.includes(s.code), `the Python example of ${s.code} gives [${codes.join(', ')}]:\n${example.source}`);
      }
    });
  }
});
