// The cuts of a long Python text (src/core/lang/python/parse/pieceCuts.ts) come from logical
// lines re-scanned only around an edit of a text seen before (parse/lineTable.ts): after every
// edit of random chains (broken code, unclosed brackets and strings, CRLF, tabs, decorators
// included) they must equal a full scan's, and an edit that changes where statements start
// must change them.
import { strict as assert } from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { scanLines } from '../../../src/core/lang/python/parse/lines';
import { PieceCutter } from '../../../src/core/lang/python/parse/pieceCuts';
import { generatePythonModelFile } from '../../../bench/generatePythonModels';
import { seededRandom } from '../../support/seededRandom';

const FIXTURES = path.resolve(__dirname, '../../fixtures/python');

function scripts(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? scripts(p) : name.endsWith('.py') ? [p] : [];
  });
}

/** The truth: a cutter that has seen no text scans this one whole. */
const fullScan = (text: string): number[] => new PieceCutter().starts(text);

/** What edits insert: the characters that change how lines join, and whole statements. */
const INSERTS = ['(', ')', '[', '"', "'", '"""', "'''", 'f"{', '}', '\\\n', '\n', '\r\n', '\n\n', '#', '\t', '    ', 'else:\n', '@layer\n', 'x = 1\n', '\nmodel = build(3)\n', '%', '`'];

function randomEdit(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const r = random();
  if (r < 0.3) return text.slice(0, at) + INSERTS[Math.floor(random() * INSERTS.length)] + text.slice(at);
  if (r < 0.5) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 40)));
  if (r < 0.85) {
    // Retype a number, as the benchmark and a user do.
    const digit = text.slice(at).search(/\d/);
    if (digit < 0) return text;
    const from = at + digit;
    const end = from + /^\d+/.exec(text.slice(from))![0].length;
    return text.slice(0, from) + String(Math.floor(random() * 1000)) + text.slice(end);
  }
  // Move a block of whole lines elsewhere.
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', Math.min(text.length, start + Math.floor(random() * 400)));
  if (end < 0) return text;
  const block = text.slice(start, end + 1);
  const rest = text.slice(0, start) + text.slice(end + 1);
  const to = rest.lastIndexOf('\n', Math.floor(random() * rest.length)) + 1;
  return rest.slice(0, to) + block + rest.slice(to);
}

/** Whether the tokenizer reads the text without a problem (the cutter re-scans only around edits of such texts). */
const scansCleanly = (text: string): boolean => scanLines(text).problems.length === 0;

describe('python piece cuts: re-scanned around an edit, equal to a full scan', function () {
  this.timeout(120_000);

  const bases: [string, string][] = [['generated 50 models', generatePythonModelFile(50)]];
  // The fixtures joined into long files (broken ones too), one with CRLF line ends.
  const read = (dir: string): string => scripts(path.join(FIXTURES, dir)).map((f) => readFileSync(f, 'utf8')).join('\n\n');
  const joined = read('valid');
  bases.push(['valid fixtures joined', joined], ['valid fixtures joined, CRLF', joined.replace(/\r?\n/g, '\r\n')], ['invalid fixtures joined', read('invalid')]);

  for (const [name, base] of bases) {
    it(`${name}: 200 random edits`, () => {
      const random = seededRandom(name.length * 7919);
      const cutter = new PieceCutter();
      let text = base;
      assert.deepEqual(cutter.starts(text), fullScan(text));
      // Broken code is typed through: it is edited a few times more, then back to the last
      // text that read cleanly (so most edits are of clean texts, as an editor sees them).
      let lastClean = scansCleanly(text) ? text : base;
      let broken = 0;
      for (let i = 0; i < 200; i++) {
        text = randomEdit(text, random);
        assert.deepEqual(cutter.starts(text), fullScan(text), `edit ${i}`);
        if (scansCleanly(text)) {
          lastClean = text;
          broken = 0;
        } else if (++broken > 3 || random() < 0.5) {
          text = lastClean;
          broken = 0;
          assert.deepEqual(cutter.starts(text), fullScan(text), `back to a clean text after edit ${i}`);
        }
      }
      assert.ok(cutter.lines.stats.rescanned > 80, `only ${cutter.lines.stats.rescanned} of the edits re-scanned around the edit`);
    });
  }

  it('an edit that changes where statements start changes the cuts', () => {
    const cutter = new PieceCutter();
    const text = generatePythonModelFile(50);
    const before = cutter.starts(text);
    assert.ok(before.length > 20, `${before.length} pieces`);
    // An unclosed triple quote in the middle swallows what follows: no statement starts there.
    const middle = text.indexOf('# Model 25:');
    const opened = text.slice(0, middle) + 'doc = """\n' + text.slice(middle);
    const cutsOpened = cutter.starts(opened);
    assert.deepEqual(cutsOpened, fullScan(opened));
    assert.notDeepEqual(cutsOpened, before);
    // Closing it again restores the cuts, moved by what was added.
    const closed = text.slice(0, middle) + 'doc = """\n"""\n' + text.slice(middle);
    assert.deepEqual(cutter.starts(closed), fullScan(closed));
    // And the text as it was gives the cuts it had.
    assert.deepEqual(cutter.starts(text), before);
  });

  it('keeps the texts of several documents apart', () => {
    const cutter = new PieceCutter();
    const a = generatePythonModelFile(50);
    const b = joined;
    for (let i = 0; i < 5; i++) {
      const ea = a.replace('SIZE_10 = 32', `SIZE_10 = ${40 + i}`);
      const eb = b.slice(0, 5000) + `\nx${i} = 1\n` + b.slice(5000);
      assert.deepEqual(cutter.starts(ea), fullScan(ea));
      assert.deepEqual(cutter.starts(eb), fullScan(eb));
    }
    assert.ok(cutter.lines.stats.rescanned >= 8, `${cutter.lines.stats.rescanned} re-scans`);
  });
});
