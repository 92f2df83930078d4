// The Python parse is shared: parsePython keeps each piece's tree by its text
// (src/core/lang/python/parse/pieceCache.ts) and hands the same objects to every analysis of
// that text. So no stage may change a parsed tree: every Python fixture (scripts, notebooks,
// symbolic ones, ones Keras raises on) is analysed twice over its shared tree, which must still
// equal a fresh parse of the same text; and an edit re-parses only what it touched, with every
// span where a fresh parse puts it.
import * as assert from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { analyzeText } from '../../../src/core/analyze';
import { parsePython, parsePythonUncached } from '../../../src/core/lang/python/parse';
import { parseNotebookProgram, readNotebook, type NotebookProgram } from '../../../src/core/lang/python/notebook';
import type { Module } from '../../../src/core/lang/python/ast';
import { generatePythonModelFile } from '../../../bench/generatePythonModels';

const FIXTURES = path.resolve(__dirname, '../../fixtures/python');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.(py|ipynb)$/.test(name) ? [p] : [];
  });
}

/** The tree as plain data, for comparing. */
const snapshot = (m: Module): string => JSON.stringify(m);


describe('python parse cache: shared trees stay as parsed', function () {
  this.timeout(120_000);
  const files = filesUnder(FIXTURES);

  it('finds the fixtures', () => assert.ok(files.length > 20, `${files.length} fixtures`));

  for (const file of files) {
    it(path.relative(FIXTURES, file), () => {
      const text = readFileSync(file, 'utf8');
      let program: NotebookProgram | null = null;
      if (file.endsWith('.ipynb')) program = readNotebook(text);
      const parse = (): Module => (program ? parseNotebookProgram(program) : parsePython(text));
      const before = snapshot(parse());
      assert.strictEqual(before, snapshot(program ? parseNotebookProgram(program) : parsePythonUncached(text)), 'the shared tree is a fresh parse');
      analyzeText(text, file);
      analyzeText(text, file);
      assert.strictEqual(snapshot(parse()), before, 'an analysis changed a shared parse tree');
    });
  }

  it('an edit re-parses only its piece, and every span equals a fresh parse', () => {
    const text = generatePythonModelFile(50);
    const first = parsePython(text);
    const at = text.indexOf('SIZE_7 = ') + 'SIZE_7 = '.length;
    // Same length (nothing moves), then longer (everything after moves).
    for (const replacement of ['36', '1000']) {
      const edited = text.slice(0, at) + replacement + text.slice(at + 2);
      const reparsed = parsePython(edited);
      assert.strictEqual(snapshot(reparsed), snapshot(parsePythonUncached(edited)));
      const shared = reparsed.body.filter((s) => first.body.includes(s)).length;
      if (replacement.length === 2) assert.ok(shared > first.body.length * 0.8, `only ${shared} of ${first.body.length} statements reused`);
    }
  });
});
