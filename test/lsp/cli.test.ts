// Other editors start the server as `shapelens --lsp --stdio`: the same server answers there.
import * as assert from 'assert';
import * as path from 'path';
import { LspTestClient } from './support/lspClient';
import { DENSE_ON_MAP } from './support/fixtures';
import { freshUri } from './support/helpers';

const BIN = path.resolve(__dirname, '../../bin/shapelens.js');

describe('shapelens --lsp --stdio', () => {
  it('speaks LSP on stdio: diagnostics and inlay hints for a model', async () => {
    const client = await LspTestClient.start({ debounceMs: 0 }, [BIN, '--lsp', '--stdio']);
    try {
      const uri = freshUri();
      const diagnostics = await client.open(uri, DENSE_ON_MAP);
      assert.ok(diagnostics.some((d) => d.code === 'shape/dense-on-feature-map'), JSON.stringify(diagnostics));
      const hints = (await client.inlayHints(uri)) ?? [];
      assert.ok(hints.some((h) => h.label === '→ 26×26×16'), JSON.stringify(hints.map((h) => h.label)));
    } finally {
      await client.stop();
    }
  });
});

describe('the built shapelens command', () => {
  it('stops quietly when its reader goes away (`shapelens ... | head`): no EPIPE crash', async () => {
    const { spawn } = await import('child_process');
    const examples = path.resolve(__dirname, '../../examples');
    const child = spawn(process.execPath, [BIN, path.join(examples, 'classicCnn.ts'), path.join(examples, 'classic_cnn.py'), path.join(examples, 'classic_cnn.ipynb')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read the first chunk, then close the pipe, as `head -1` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.doesNotMatch(stderr, /EPIPE|Unhandled/, stderr);
    assert.notStrictEqual(code, null, 'exited by itself');
  });
});
