// The pieces behind half-typed code, tested directly: the text diff and the carried-over view.
import * as assert from 'assert';
import { analyzeText } from '../../src/core/analyze';
import { createLineIndex } from '../../src/core/lineIndex';
import { carryOver, diffTexts, modelExtent } from '../../src/server/carryOver';
import { CNN, DENSE_ON_MAP } from './support/fixtures';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
}

describe('carry-over of last good results', () => {
  it('diffTexts finds one region that turns the old text into the new one', () => {
    const random = rng(42);
    const alphabet = 'ab(){}\n';
    const word = (n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 2000; i++) {
      const oldText = word(Math.floor(random() * 30));
      const newText = random() < 0.5 ? word(Math.floor(random() * 30)) : oldText.slice(0, 5) + word(3) + oldText.slice(7);
      const d = diffTexts(oldText, newText);
      assert.ok(d.start <= d.oldEnd && d.start <= d.newEnd);
      assert.strictEqual(oldText.slice(0, d.start) + newText.slice(d.start, d.newEnd) + oldText.slice(d.oldEnd), newText);
      assert.strictEqual(oldText.length - d.oldEnd, newText.length - d.newEnd);
    }
  });

  it('keeps untouched models, positioned in the new text, and drops the edited one', () => {
    const second = '\nconst other = tf.sequential();\nother.add(tf.layers.dense({ inputShape: [4], units: 2 }));\n';
    const oldText = CNN + second;
    const good = analyzeText(oldText, '/w/a.ts');
    assert.strictEqual(good.models.length, 2);
    // Insert broken text above both models: both survive, shifted.
    const insertAt = oldText.indexOf('const model');
    const inserted = 'let broken = (\n';
    const newText = oldText.slice(0, insertAt) + inserted + oldText.slice(insertAt);
    const view = carryOver(good, diffTexts(oldText, newText), createLineIndex(newText));
    assert.strictEqual(view.models.length, 2);
    const newLines = createLineIndex(newText);
    for (const m of view.models) {
      const span = m.graph.span;
      const start = newLines.offsetAt(view.lines.positionAt(span.start));
      const end = newLines.offsetAt(view.lines.positionAt(span.end));
      assert.strictEqual(newText.slice(start, end), oldText.slice(span.start, span.end));
    }
    // Edit inside the second model: only the first survives.
    const inside = oldText.indexOf('units: 2');
    const edited = oldText.slice(0, inside) + 'units: (' + oldText.slice(inside + 'units: 2'.length);
    const view2 = carryOver(good, diffTexts(oldText, edited), createLineIndex(edited));
    assert.strictEqual(view2.models.length, 1);
    assert.strictEqual(view2.models[0], good.models[0]);
  });

  it('maps findings with their model and positions; cursor offsets inside the edit map to nothing', () => {
    const good = analyzeText(DENSE_ON_MAP, '/w/a.ts');
    assert.ok(good.findings.length > 0);
    const extent = modelExtent(good.models[0]);
    const at = extent.end + 1;
    const newText = DENSE_ON_MAP.slice(0, at) + 'foo(' + DENSE_ON_MAP.slice(at);
    const view = carryOver(good, diffTexts(DENSE_ON_MAP, newText), createLineIndex(newText));
    assert.strictEqual(view.findings.length, good.findings.length);
    assert.strictEqual(view.findings[0].modelIndex, 0);
    const lines = createLineIndex(newText);
    assert.strictEqual(view.lines.offsetAt(lines.positionAt(at + 2)), -1);
    assert.strictEqual(view.lines.offsetAt(lines.positionAt(at + 4)), at);
  });
});
