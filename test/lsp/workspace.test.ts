// The project index in the editor: a model file whose sizes come from another file of the
// workspace. Editing the constant in that file (open in the editor, changed by didChange,
// never saved), closing it unsaved, or changing it on disk (workspace/didChangeWatchedFiles:
// changed, deleted, created again) re-analyses the model file, which is never touched: its
// diagnostics are republished and its hints refreshed. Hovers say where the number came
// from; hints link the dimension to it.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { InlayHint, InlayHintLabelPart } from 'vscode-languageserver-protocol';
import { LspTestClient } from './support/lspClient';

const DATA_JS = `// Sizes of the images and labels.
export const IMAGE = 28;
export const KERNEL = 3;
export const UNITS = 10;
`;
const MODEL_JS = `import * as tf from '@tensorflow/tfjs';
import { IMAGE, KERNEL, UNITS } from './data';

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [IMAGE, IMAGE, 1], filters: 4, kernelSize: KERNEL }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: UNITS }));
`;
const BLOCKS_JS = `import * as tf from '@tensorflow/tfjs';

export function head(units) {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [8], units }));
  return m;
}
`;
/** Names no TF.js package: analysed because the file it imports directly does. */
const USE_JS = `import { head } from './blocks';
import { UNITS } from './data';

export const model = head(UNITS);
`;
const CONFIG_PY = `NUM_CLASSES = 10
`;
const MODEL_PY = `import keras
from keras import layers

from config import NUM_CLASSES

model = keras.Sequential([keras.Input(shape=(16,)), layers.Dense(NUM_CLASSES)])
`;

const labelText = (h: InlayHint): string => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
const errors = (ds: { severity?: number }[]): number => ds.filter((d) => d.severity === 1).length;

describe('LSP: imports from other files of the workspace', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspTestClient;
  const uri = (name: string): string => pathToFileURL(path.join(dir, name)).toString();

  /** The hints of `name`'s line holding `marker`. */
  async function hintOn(name: string, text: string, marker: string): Promise<InlayHint> {
    const line = text.split('\n').findIndex((l) => l.includes(marker));
    const hints = (await client.inlayHints(uri(name))) ?? [];
    const hint = hints.find((h) => h.position.line === line && labelText(h).startsWith('→'));
    assert.ok(hint, `a hint on line ${line} of ${name}: ${JSON.stringify(hints.map(labelText))}`);
    return hint;
  }

  /**
   * Waits until `name` is republished (without a change of its own) and its hint on `marker`
   * reads `want`: each republish is checked, so an earlier one still in flight does not fail it.
   */
  async function republishedWith(name: string, text: string, marker: string, want: string, before: number): Promise<void> {
    let seen = before;
    let label = '';
    for (let tries = 0; tries < 20; tries++) {
      await client.publishAfter(uri(name), seen);
      seen = client.publishCount(uri(name));
      label = labelText(await hintOn(name, text, marker));
      if (label === want) return;
    }
    assert.equal(label, want);
  }

  beforeEach(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-ws-')));
    fs.writeFileSync(path.join(dir, 'package.json'), '{}\n');
    fs.writeFileSync(path.join(dir, 'data.js'), DATA_JS);
    fs.writeFileSync(path.join(dir, 'model.js'), MODEL_JS);
    fs.writeFileSync(path.join(dir, 'config.py'), CONFIG_PY);
    fs.writeFileSync(path.join(dir, 'blocks.js'), BLOCKS_JS);
    fs.writeFileSync(path.join(dir, 'use.js'), USE_JS);
    fs.writeFileSync(path.join(dir, 'model.py'), MODEL_PY);
    client = await LspTestClient.start({ debounceMs: 0 }, undefined, {
      workspaceFolders: [pathToFileURL(dir).toString()],
      workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: true }, inlayHint: { refreshSupport: true } },
    });
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads the sizes from the imported file, and the hover says where each came from', async () => {
    assert.deepEqual(await client.open(uri('model.js'), MODEL_JS, 'javascript'), []);
    assert.equal(labelText(await hintOn('model.js', MODEL_JS, 'dense(')), '→ 10');
    assert.equal(labelText(await hintOn('model.js', MODEL_JS, 'conv2d(')), '→ 26×26×4');
    const line = MODEL_JS.split('\n').findIndex((l) => l.includes('conv2d('));
    const hover = await client.hover(uri('model.js'), { line, character: 20 });
    const text = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(text, /`inputShape\[0\]`: `28` ← `IMAGE`, \[data\.js:2\]\(file:\/\/[^)]*data\.js#L2\)/);
    assert.match(text, /`kernelSize`: `3` ← `KERNEL`, \[data\.js:3\]/);
  });

  it('a hint dimension set by an imported constant links to it (go-to-definition); one computed from it does not', async () => {
    await client.open(uri('model.js'), MODEL_JS, 'javascript');
    const dense = await hintOn('model.js', MODEL_JS, 'dense(');
    assert.ok(Array.isArray(dense.label), 'label parts');
    const linked = (dense.label as InlayHintLabelPart[]).filter((p) => p.location);
    assert.deepEqual(linked.map((p) => [p.value, p.location?.uri, p.location?.range.start.line]), [['10', uri('data.js'), 3]]);
    // 26×26 comes from IMAGE and KERNEL but is neither: a plain label.
    assert.equal(typeof (await hintOn('model.js', MODEL_JS, 'conv2d(')).label, 'string');
  });

  it('editing the constant in the open imported file updates the model file’s hints and diagnostics, without touching it', async () => {
    await client.open(uri('model.js'), MODEL_JS, 'javascript');
    await client.open(uri('data.js'), DATA_JS, 'javascript');
    let before = client.publishCount(uri('model.js'));
    const refreshes = client.inlayHintRefreshes;
    await client.replaceAll(uri('data.js'), DATA_JS.replace('UNITS = 10', 'UNITS = 12'));
    await republishedWith('model.js', MODEL_JS, 'dense(', '→ 12', before);
    assert.ok(client.inlayHintRefreshes > refreshes, 'the editor is asked for hints again');
    assert.equal(client.version(uri('model.js')), 1, 'the model file was never changed');
    // The panel and the status bar are told to ask again; an edit's own file is not announced.
    assert.ok(client.modelsChanged.includes(uri('model.js')), `modelsChanged: ${JSON.stringify(client.modelsChanged)}`);
    assert.ok(!client.modelsChanged.includes(uri('data.js')), 'the edited file itself is not announced');

    // A kernel larger than the image: TF.js throws; the error shows in the model file.
    before = client.publishCount(uri('model.js'));
    await client.replaceAll(uri('data.js'), client.text(uri('data.js')).replace('KERNEL = 3', 'KERNEL = 40'));
    await client.publishAfter(uri('model.js'), before, (p) => errors(p.diagnostics) > 0);

    // Closed unsaved: imports read the disk again (UNITS = 10, KERNEL = 3).
    before = client.publishCount(uri('model.js'));
    await client.close(uri('data.js'));
    await client.publishAfter(uri('model.js'), before, (p) => errors(p.diagnostics) === 0);
    assert.equal(labelText(await hintOn('model.js', MODEL_JS, 'dense(')), '→ 10');
  });

  it('a change on disk (workspace/didChangeWatchedFiles) updates the model file', async () => {
    await client.open(uri('model.js'), MODEL_JS, 'javascript');
    assert.equal(labelText(await hintOn('model.js', MODEL_JS, 'dense(')), '→ 10');
    // Registered once initialized (asynchronously): by now it has been.
    for (let i = 0; i < 100 && !client.registered.some((r) => r.method === 'workspace/didChangeWatchedFiles'); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(client.registered.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'the server watches the workspace’s files');
    const before = client.publishCount(uri('model.js'));
    fs.writeFileSync(path.join(dir, 'data.js'), DATA_JS.replace('UNITS = 10', 'UNITS = 7'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('data.js'), type: 2 }] });
    await republishedWith('model.js', MODEL_JS, 'dense(', '→ 7', before);

    // Deleted: the size is unknown again, and unknown is silent.
    const gone = client.publishCount(uri('model.js'));
    fs.rmSync(path.join(dir, 'data.js'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('data.js'), type: 3 }] });
    assert.deepEqual((await client.publishAfter(uri('model.js'), gone)).diagnostics, []);
    const hints = (await client.inlayHints(uri('model.js'))) ?? [];
    assert.ok(!hints.some((h) => labelText(h).startsWith('→ 7')), `no stale size: ${JSON.stringify(hints.map(labelText))}`);

    // Created again: the path was looked for, so the model file depends on it still.
    const created = client.publishCount(uri('model.js'));
    fs.writeFileSync(path.join(dir, 'data.js'), DATA_JS.replace('UNITS = 10', 'UNITS = 9'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('data.js'), type: 1 }] });
    await republishedWith('model.js', MODEL_JS, 'dense(', '→ 9', created);
  });

  it('a file that never names TF.js but calls an imported builder has the builder’s model', async () => {
    await client.open(uri('use.js'), USE_JS, 'javascript');
    assert.equal(labelText(await hintOn('use.js', USE_JS, 'head(UNITS)')), '→ 10');
  });

  it('a client with no file watcher: the disk is read at every analysis, never a stale copy', async () => {
    const plain = await LspTestClient.start({ debounceMs: 0 }, undefined, { workspaceFolders: [pathToFileURL(dir).toString()] });
    try {
      await plain.open(uri('model.js'), MODEL_JS, 'javascript');
      assert.ok(!plain.registered.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'no watcher asked of a client that has none');
      fs.writeFileSync(path.join(dir, 'data.js'), DATA_JS.replace('UNITS = 10', 'UNITS = 6'));
      // Any edit of the model file re-analyses it, reading data.js again.
      const version = await plain.replaceAll(uri('model.js'), `${MODEL_JS}// edited\n`);
      await plain.diagnosticsFor(uri('model.js'), version);
      const line = MODEL_JS.split('\n').findIndex((l) => l.includes('dense('));
      const hints = (await plain.inlayHints(uri('model.js'))) ?? [];
      assert.ok(hints.some((h) => h.position.line === line && labelText(h) === '→ 6'), JSON.stringify(hints.map(labelText)));
    } finally {
      await plain.stop();
    }
  });

  it('the workspace folders bound what is read; adding the folder above (didChangeWorkspaceFolders) reads it', async () => {
    fs.mkdirSync(path.join(dir, 'app'));
    const nested = MODEL_JS.replace("from './data'", "from '../data'");
    fs.writeFileSync(path.join(dir, 'app', 'model.js'), nested);
    const appUri = pathToFileURL(path.join(dir, 'app')).toString();
    const scoped = await LspTestClient.start({ debounceMs: 0 }, undefined, { workspaceFolders: [appUri], workspaceCapabilities: { workspaceFolders: true } });
    try {
      const file = uri('app/model.js');
      // ../data.js lies outside the folder: not read, the sizes are unknown, nothing is reported.
      assert.deepEqual(await scoped.open(file, nested, 'javascript'), []);
      const line = nested.split('\n').findIndex((l) => l.includes('dense('));
      const denseHint = async (): Promise<string | undefined> => ((await scoped.inlayHints(file)) ?? []).filter((h) => h.position.line === line).map(labelText).find((l) => l.startsWith('→'));
      assert.equal(await denseHint(), '→ ?');
      const before = scoped.publishCount(file);
      await scoped.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: pathToFileURL(dir).toString(), name: 'root' }], removed: [{ uri: appUri, name: 'app' }] } });
      await scoped.publishAfter(file, before);
      assert.equal(await denseHint(), '→ 10');
    } finally {
      await scoped.stop();
    }
  });

  it('Python: editing config.py in the editor updates model.py', async () => {
    await client.open(uri('model.py'), MODEL_PY, 'python');
    assert.equal(labelText(await hintOn('model.py', MODEL_PY, 'Dense(')), '→ 10');
    const line = MODEL_PY.split('\n').findIndex((l) => l.includes('Dense('));
    const hover = await client.hover(uri('model.py'), { line, character: MODEL_PY.split('\n')[line].indexOf('Dense(') + 2 });
    const text = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(text, /`units`: `10` ← `NUM_CLASSES`, \[config\.py:1\]/);
    await client.open(uri('config.py'), CONFIG_PY, 'python');
    const before = client.publishCount(uri('model.py'));
    await client.replaceAll(uri('config.py'), 'NUM_CLASSES = 5\n');
    await republishedWith('model.py', MODEL_PY, 'Dense(', '→ 5', before);
    assert.ok(client.modelsChanged.includes(uri('model.py')), `modelsChanged: ${JSON.stringify(client.modelsChanged)}`);
  });

  it('a notebook importing config.py: its cell follows the edit, announced under the notebook’s URI', async () => {
    const notebook = await client.openNotebook(uri('model.ipynb'), [{ text: MODEL_PY }]);
    const cell = notebook.cells[0].uri;
    const line = MODEL_PY.split('\n').findIndex((l) => l.includes('Dense('));
    const cellHint = async (): Promise<string> => {
      const hints = (await client.inlayHints(cell)) ?? [];
      return hints.filter((h) => h.position.line === line && labelText(h).startsWith('→')).map(labelText).join();
    };
    await client.publishAfter(cell, 0);
    assert.equal(await cellHint(), '→ 10');
    await client.open(uri('config.py'), CONFIG_PY, 'python');
    let seen = client.publishCount(cell);
    await client.replaceAll(uri('config.py'), 'NUM_CLASSES = 5\n');
    for (let tries = 0; tries < 20 && (await cellHint()) !== '→ 5'; tries++) {
      await client.publishAfter(cell, seen);
      seen = client.publishCount(cell);
    }
    assert.equal(await cellHint(), '→ 5');
    assert.ok(client.modelsChanged.includes(notebook.uri), `modelsChanged: ${JSON.stringify(client.modelsChanged)}`);
  });
});
