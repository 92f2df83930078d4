// The summary view's TextMate grammar, run by the same engine VS Code uses (vscode-textmate +
// vscode-oniguruma) on real summaries from the core.
import { FLAGGED_BUILDER } from '../support/flaggedModel';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { analyzeText } from '../../src/core/analyze';
import { toFileReport } from '../../src/core/reportJson';
import { formatSummary } from '../../src/core/summary';

const ROOT = path.resolve(__dirname, '../..');
const GRAMMAR_PATH = path.join(ROOT, 'syntaxes/shapelens-summary.tmLanguage.json');
const SCOPE = 'source.shapelens-summary';

const SEQUENTIAL = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ name: 'digits' });
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
`;

const FUNCTIONAL = `import * as tf from '@tensorflow/tfjs';
const input = tf.input({ shape: [32, 32, 3] });
const a = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same' }).apply(input);
const b = tf.layers.conv2d({ filters: 8, kernelSize: 5, padding: 'same' }).apply(input);
const merged = tf.layers.add().apply([a, b]);
const out = tf.layers.dense({ units: 4 }).apply(tf.layers.flatten().apply(merged));
const net = tf.model({ inputs: input, outputs: out });
`;

interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

let grammar: textmate.IGrammar;

async function loadGrammar(): Promise<textmate.IGrammar> {
  const wasm = fs.readFileSync(path.join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === SCOPE ? textmate.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
  });
  const loaded = await registry.loadGrammar(SCOPE);
  assert.ok(loaded, 'grammar loads');
  return loaded;
}

function tokenize(text: string): Token[][] {
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the first token on `line` whose text is exactly `text`. */
function scopesOf(lines: Token[][], lineText: RegExp, text: string): readonly string[] {
  const src = lines.find((l) => lineText.test(l.map((t) => t.text).join('')));
  assert.ok(src, `no line matching ${lineText}`);
  const token = src.find((t) => t.text === text);
  assert.ok(token, `no token ${JSON.stringify(text)} in ${JSON.stringify(src.map((t) => t.text))}`);
  return token.scopes;
}

function has(scopes: readonly string[], prefix: string): boolean {
  return scopes.some((s) => s.startsWith(prefix));
}

describe('shapelens-summary grammar', () => {
  before(async () => {
    grammar = await loadGrammar();
  });

  it('scopes a sequential summary: title, layer names, classes, shapes, counts, totals, findings', () => {
    const analysis = analyzeText(SEQUENTIAL, '/w/digits.ts');
    const summary = formatSummary(analysis);
    const lines = tokenize(summary);
    const model = analysis.models[0];
    const conv = model.nodes.find((n) => n.className === 'Conv2D');
    assert.ok(conv);

    assert.ok(has(scopesOf(lines, /^Model:/, 'Model:'), 'keyword.other.model'));
    const name = toFileReport(analysis, analysis.fileName).models[0].name;
    assert.ok(name);
    assert.ok(has(scopesOf(lines, /^Model:/, `"${name}"`), 'entity.name.type.model'));
    assert.ok(has(scopesOf(lines, /Layer \(type\)/, ' Layer (type)' + summary.split('\n').find((l) => l.includes('Layer (type)'))!.slice(' Layer (type)'.length)), 'markup.heading'));
    assert.ok(has(scopesOf(lines, /^_+$/, lines.find((l) => /^_+$/.test(l.map((t) => t.text).join('')))![0].text), 'punctuation.separator.rule'));

    const convLine = new RegExp(`^ ${conv.displayName} \\(Conv2D\\)`);
    assert.ok(has(scopesOf(lines, convLine, conv.displayName), 'entity.name.function.layer'));
    assert.ok(has(scopesOf(lines, convLine, 'Conv2D'), 'entity.name.type.class'));
    assert.ok(has(scopesOf(lines, convLine, 'None'), 'constant.language.none'));
    assert.ok(has(scopesOf(lines, convLine, '26'), 'constant.numeric.dim'));
    assert.ok(has(scopesOf(lines, convLine, '26'), 'meta.shape'));
    assert.ok(has(scopesOf(lines, convLine, '160'), 'constant.numeric.count')); // (3·3·1 + 1)·16

    assert.ok(has(scopesOf(lines, /^Total params:/, 'Total params'), 'keyword.other.total'));
    const total = model.totalParams!.toLocaleString('en-US');
    assert.ok(has(scopesOf(lines, /^Total params:/, total), 'constant.numeric.count'));
    assert.ok(has(scopesOf(lines, /^Trainable params:/, 'Trainable params'), 'keyword.other.total'));
    assert.ok(has(scopesOf(lines, /^Non-trainable params:/, '0'), 'constant.numeric.count'));

    // The Dense on a feature map produces a warning finding under the model.
    assert.ok(analysis.findings.some((f) => f.code === 'shape/dense-on-feature-map'));
    assert.ok(has(scopesOf(lines, /^Findings:/, 'Findings:'), 'markup.heading.findings'));
    const findingLine = /\[shape\/dense-on-feature-map\]/;
    assert.ok(has(scopesOf(lines, findingLine, 'warning'), 'markup.warning'));
    assert.ok(has(scopesOf(lines, findingLine, '[shape/dense-on-feature-map]'), 'entity.name.tag.finding-code'));
  });

  it('scopes a functional summary with an error finding', () => {
    // Without 'same' padding the second branch shrinks to 28×28 and Add cannot merge it.
    const broken = FUNCTIONAL.replace("kernelSize: 5, padding: 'same'", 'kernelSize: 5');
    const analysis = analyzeText(broken, '/w/net.ts');
    const summary = formatSummary(analysis);
    const lines = tokenize(summary);
    assert.ok(has(scopesOf(lines, /^Model:/, 'functional'), 'storage.type.model-kind'));
    const add = analysis.models[0].nodes.find((n) => n.className === 'Add');
    assert.ok(add);
    assert.ok(has(scopesOf(lines, new RegExp(`^ ${add.displayName} \\(Add\\)`), 'Add'), 'entity.name.type.class'));
    const error = analysis.findings.find((f) => f.severity === 'error');
    assert.ok(error, JSON.stringify(analysis.findings));
    assert.ok(has(scopesOf(lines, new RegExp(`\\[${error.code.replace('/', '\\/')}\\]`), 'error'), 'invalid.illegal.error'));
  });

  it('scopes the notes under a layer that exists only under a flag or repeats in a loop', () => {
    const summary = formatSummary(analyzeText(FLAGGED_BUILDER, '/w/flagged.ts'));
    const lines = tokenize(summary);
    assert.ok(has(scopesOf(lines, /^ {3}only if /, 'only if'), 'keyword.control.conditional'));
    assert.ok(has(scopesOf(lines, /^ {3}only if /, 'useDropout'), 'string.unquoted.condition'));
    assert.ok(has(scopesOf(lines, /^ {3}repeated /, 'repeated'), 'keyword.control.conditional'));
    assert.ok(has(scopesOf(lines, /^ {3}repeated /, 'while i < blocks (any number of times)'), 'comment.line.layer-note'));
  });

  it('every line of a summary is covered by the grammar (no line falls through unscoped)', () => {
    const summary = [SEQUENTIAL, FUNCTIONAL, FLAGGED_BUILDER].map((text, i) => formatSummary(analyzeText(text, `/w/model${i}.ts`))).join('');
    const lines = tokenize(summary);
    summary.split('\n').forEach((text, i) => {
      if (text.trim() === '') return;
      const scoped = lines[i].some((t) => t.scopes.length > 1);
      assert.ok(scoped, `line ${i} has no scope: ${JSON.stringify(text)}`);
    });
  });
});
