// Incremental re-parsing at the AST level: whenever reparseIncrementally answers, its program
// must equal a full parse of the new text exactly (node types, every range, every field), and
// it must answer null whenever the full parse finds a syntax error. Run over this project's own
// TypeScript sources (far more syntax than the fixtures) with chains of random edits, so that
// reused, shifted statements are reused and shifted again.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { reparseIncrementally } from '../../src/core/lang/typescript/incrementalParse';
import { parseSource } from '../../src/core/lang/typescript/parse';
import { applyEdits, randomEdit, seededRandom } from './incrementalEdits';

const EDITS_PER_FILE = 12;
const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.ts$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** A program as comparable text; bigint literal values are not JSON. */
function programJson(program: TSESTree.Program): string {
  return JSON.stringify(program, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
}

const totals = { answered: 0, valid: 0 };

describe('incremental re-parse equals a full parse', () => {
  const files = [...sourceFiles(path.join(ROOT, 'src')), ...sourceFiles(path.join(ROOT, 'test/fixtures'))];

  files.forEach((file, i) => {
    const label = path.relative(ROOT, file);
    it(`random edits of ${label}`, () => {
      const rand = seededRandom(500 + i);
      let text = fs.readFileSync(file, 'utf8');
      const first = parseSource(text, label);
      if (!first.program || first.syntaxErrors.length > 0) return; // a file someone is editing
      let program = first.program;
      for (let step = 0; step < EDITS_PER_FILE; step++) {
        const edit = randomEdit(text, rand);
        const next = applyEdits(text, edit.edits);
        const full = parseSource(next, label);
        const where = `${label}, step ${step}, '${edit.kind}' edit ${JSON.stringify(edit.edits)}`;
        const ours = reparseIncrementally({ text, program }, next, label);
        if (full.syntaxErrors.length > 0 || !full.program) {
          assert.equal(ours, null, `${where}: re-parsed although the full parse finds syntax errors`);
          continue; // the old program is untouched: keep editing the old text
        }
        totals.valid++;
        if (ours) {
          totals.answered++;
          assert.equal(programJson(ours), programJson(full.program), `${where}: the spliced program differs`);
          program = ours;
        } else {
          program = full.program;
        }
        text = next;
      }
    });
  });

  it('re-parsed incrementally most edits that left the code valid', () => {
    assert.ok(totals.valid > 300, `only ${totals.valid} valid edits were generated`);
    assert.ok(totals.answered >= 0.5 * totals.valid, `${totals.answered} of ${totals.valid} valid edits re-parsed incrementally`);
  });
});
