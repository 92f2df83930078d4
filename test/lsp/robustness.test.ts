// The server never crashes and never hits a bug on any input: random edits of real models,
// odd texts and odd requests. Every handler is guarded, so a bug would show up as an error in
// the log; the tests require an empty error log and a live process.
import * as assert from 'assert';
import type { Position } from 'vscode-languageserver-protocol';
import { LspTestClient, positionAt } from './support/lspClient';
import { CNN, FUNCTIONAL, KERNEL_TOO_BIG } from './support/fixtures';
import { freshUri } from './support/helpers';
import { seededRandom } from '../support/seededRandom';

const TOKENS = ['(', ')', '{', '}', '[', ']', ',', '.', ':', ';', "'", '"', '`', '/*', '//', '\n', ' ', '0', '7', '-1', 'tf', 'layers', 'dense', 'apply', 'units', '=>', '...', 'model', '\u{1F600}', '\r\n'];

async function exerciseRequests(client: LspTestClient, uri: string, random: () => number): Promise<void> {
  const text = client.text(uri);
  const pos: Position = positionAt(text, Math.floor(random() * (text.length + 1)));
  const whole = { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
  await Promise.all([
    client.hover(uri, pos),
    client.inlayHints(uri),
    client.codeLens(uri),
    client.codeActions(uri, whole, []),
    client.request('shapelens/models', { uri }),
    client.request('shapelens/summary', { uri, model: 0 }),
  ]);
}

describe('LSP robustness', () => {
  let client: LspTestClient;
  beforeEach(async () => {
    client = await LspTestClient.start({ debounceMs: 0 });
  });
  afterEach(async () => {
    const alive = client.exited === null;
    const errors = [...client.logErrors];
    await client.stop();
    assert.ok(alive, `server exited; stderr: ${client.stderr.join('')}`);
    assert.deepStrictEqual(errors, [], 'the server logged a failure');
  });

  for (const seed of [1, 2, 3]) {
    it(`survives 150 random edits of real models (seed ${seed})`, async () => {
      const random = seededRandom(seed);
      const uri = freshUri();
      await client.open(uri, CNN + FUNCTIONAL.replace(/\bmodel\b/g, 'model2') + KERNEL_TOO_BIG.replace(/\bmodel\b/g, 'model3'));
      for (let step = 0; step < 150; step++) {
        const text = client.text(uri);
        const a = Math.floor(random() * (text.length + 1));
        const b = Math.min(text.length, a + Math.floor(random() * 25));
        const insert = random() < 0.6 ? TOKENS[Math.floor(random() * TOKENS.length)] : '';
        await client.change(uri, [{ range: { start: positionAt(text, a), end: positionAt(text, b) }, text: insert }]);
        if (step % 10 === 0) await exerciseRequests(client, uri, random);
      }
      await client.diagnosticsFor(uri);
      await exerciseRequests(client, uri, random);
    });
  }

  it('odd documents and odd requests get calm answers', async () => {
    const cases: [string, string][] = [
      ['typescript', ''],
      ['typescript', "import * as tf from '@tensorflow/tfjs';"],
      ['javascript', "const tf = require('@tensorflow/tfjs'); tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2]})]})"],
      ['typescriptreact', "import * as tf from '@tensorflow/tfjs';\r\nconst m = tf.sequential();\r\nm.add(tf.layers.dense({ units: 2, inputShape: [3] }));\r\n"],
      ['typescript', "import * as tf from '@tensorflow/tfjs';\n" + 'tf.layers.dense('.repeat(300)],
      ['typescript', "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential({ layers: [tf.layers.dense({ units: -5, inputShape: [0] })] });"],
      ['typescript', "import * as tf from '@tensorflow/tfjs';\n/* \u2028 \uD800 unpaired surrogate */ const x = '\u{1F600}';"],
      ['python', "import tensorflow as tf  # '@tensorflow/tfjs'"],
    ];
    for (const [languageId, text] of cases) {
      const uri = freshUri();
      const diagnostics = await client.open(uri, text, languageId);
      assert.ok(Array.isArray(diagnostics));
      await exerciseRequests(client, uri, seededRandom(7));
      // Past the end: clamped to the last character, answered like any other position.
      await client.hover(uri, { line: 9999, character: 9999 });
    }
    // Requests about documents the server never saw.
    assert.strictEqual(await client.hover('file:///nowhere.ts', { line: 0, character: 0 }), null);
    assert.deepStrictEqual(await client.inlayHints('file:///nowhere.ts'), []);
    const summary = await client.request<{ text: string }>('shapelens/summary', { uri: 'file:///nowhere.ts' });
    assert.match(summary.text, /not open/);
  });
});
