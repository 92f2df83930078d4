import { strict as assert } from 'assert';
import { parseSource } from '../../../src/core/lang/typescript/parse';
import { extract } from '../../../src/core/lang/typescript/extract/index';
import { factories, TF_IMPORT } from './helpers';

const INTACT = `const first = tf.sequential();
first.add(tf.layers.dense({units: 4, inputShape: [3]}));
const second = tf.sequential({layers: [tf.layers.dense({units: 2, inputShape: [4]})]});
`;

describe('parse: tolerant parsing', () => {
  it('parses valid code in one go, with ranges and no errors', () => {
    const r = parseSource('const a = 1;\n', 'a.ts');
    assert.ok(r.program);
    assert.equal(r.syntaxErrors.length, 0);
    assert.deepEqual(r.program.body[0].range, [0, 12]);
  });

  it('a half-typed last line: the intact models are still read, and the error is reported', () => {
    const text = TF_IMPORT + INTACT + 'first.add(tf.layers.dense({units: ';
    const r = extract(text, 'm.ts');
    assert.equal(r.models.length, 2);
    assert.deepEqual(factories(r.models[0]), ['input', 'dense']);
    assert.ok(r.syntaxErrors.length >= 1);
    assert.ok(r.syntaxErrors[0].span.start >= text.indexOf('first.add(tf.layers.dense({units: '));
  });

  it('a half-typed multi-line call at the end', () => {
    const text = TF_IMPORT + INTACT + 'first.add(tf.layers.conv2d({\n  filters: 3,\n  kernelSize';
    const r = extract(text, 'm.ts');
    assert.equal(r.models.length, 2);
    assert.ok(r.syntaxErrors.length >= 1);
  });

  it('a broken statement in the middle: the code before and after is read', () => {
    const text = TF_IMPORT + INTACT + 'const broken = ;\nsecond.add(tf.layers.dense({units: 1}));\n';
    const r = extract(text, 'm.ts');
    assert.equal(r.models.length, 2);
    assert.deepEqual(factories(r.models[1]), ['input', 'dense', 'dense'], 'the add after the broken line counts');
    assert.equal(r.syntaxErrors.length, 1);
    assert.equal(text.slice(r.syntaxErrors[0].span.start, r.syntaxErrors[0].span.start + 1), ';');
  });

  it('an unclosed function at the end keeps everything before it', () => {
    const text = TF_IMPORT + INTACT + 'function later() {\n  const x = 1;\n';
    const r = extract(text, 'm.ts');
    assert.equal(r.models.length, 2);
    assert.ok(r.syntaxErrors.length >= 1);
  });

  it('never throws on garbage and keeps offsets', () => {
    const samples = ['}}}{{{', '<<<>>>', 'const = = = ;', '@@@@', 'import { from', '`${', '/* unterminated', "'abc", 'class { x( }', '\u0000\u0001\u0002'];
    for (const s of samples) {
      const r = parseSource(s, 'g.ts');
      assert.ok(r.syntaxErrors.length > 0, s);
      for (const e of r.syntaxErrors) assert.ok(e.span.start >= 0 && e.span.end <= s.length + 1, s);
      assert.doesNotThrow(() => extract(TF_IMPORT + s, 'g.ts'));
    }
  });

  it('uses JSX parsing for .tsx and .jsx only', () => {
    const code = 'const a = <div>{1}</div>;\n';
    assert.equal(parseSource(code, 'a.tsx').syntaxErrors.length, 0);
    assert.equal(parseSource(code, 'a.jsx').syntaxErrors.length, 0);
    assert.ok(parseSource('const b = <number>x;\n', 'a.ts').program);
    assert.ok(parseSource(code, 'a.ts').syntaxErrors.length > 0);
  });
});
