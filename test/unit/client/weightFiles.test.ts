// The host's rules for weight files, on real files in a temporary workspace: which files are
// offered and in what order, and how one is read (stat before reading, the size cap, real
// paths that must stay inside the workspace).
import * as assert from 'assert';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, truncateSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import {
  MAX_WEIGHT_BYTES,
  WeightFileProblem,
  manifestPaths,
  nodeFileAccess,
  rankWeightFiles,
  readWeightFile,
  weightFileKind,
  type FileAccess,
} from '../../../src/client/panel/weightFiles';

/** Real file access that records which files were read: a mock only in that it watches. */
function recordingFileAccessMock(): FileAccess & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    stat: (f) => nodeFileAccess.stat(f),
    realpath: (f) => nodeFileAccess.realpath(f),
    read: (f) => {
      reads.push(f);
      return nodeFileAccess.read(f);
    },
  };
}

describe('panel host: weight files', () => {
  it('knows TF.js and Keras weight files by name', () => {
    assert.deepStrictEqual(
      ['a/model.json', 'cnn.keras', 'w/CNN.Weights.H5', 'legacy.h5', 'group1-shard1of1.bin', 'model.json.bak', 'config.json'].map(weightFileKind),
      ['tfjs', 'keras', 'keras-weights', 'keras-h5', null, null, null],
    );
  });

  it('offers the nearest files first, the followed language\'s format first at equal distance', () => {
    const files = ['/w/b/y.h5', '/w/a/sub/z.weights.h5', '/w/a/model.json', '/w/a/x.keras', '/w/a/notes.txt'].map((fsPath) => ({ fsPath }));
    const order = (near: string) => rankWeightFiles(files, near).map((f) => f.fsPath);
    assert.deepStrictEqual(order('/w/a/train.py'), ['/w/a/x.keras', '/w/a/model.json', '/w/a/sub/z.weights.h5', '/w/b/y.h5']);
    assert.deepStrictEqual(order('/w/a/model.ts'), ['/w/a/model.json', '/w/a/x.keras', '/w/a/sub/z.weights.h5', '/w/b/y.h5']);
    assert.deepStrictEqual(order('/w/b/nb.ipynb')[0], '/w/b/y.h5');
  });

  describe('reading', () => {
    let ws: string;
    let outside: string;
    before(() => {
      ws = realpathSync(mkdtempSync(path.join(tmpdir(), 'shapelens-ws-')));
      outside = realpathSync(mkdtempSync(path.join(tmpdir(), 'shapelens-outside-')));
      mkdirSync(path.join(ws, 'models'));
      writeFileSync(path.join(ws, 'models', 'cnn.keras'), Buffer.from('PK\x03\x04 inside'));
      writeFileSync(path.join(outside, 'secret.h5'), Buffer.from('not yours'));
      symlinkSync(path.join(outside, 'secret.h5'), path.join(ws, 'models', 'leak.h5'));
      symlinkSync(path.join(ws, 'models', 'cnn.keras'), path.join(ws, 'alias.keras'));
      symlinkSync(outside, path.join(ws, 'elsewhere'));
      mkdirSync(path.join(ws, 'folder.h5'));
      // 300 MB that take no disk: a sparse file.
      writeFileSync(path.join(ws, 'huge.weights.h5'), '');
      truncateSync(path.join(ws, 'huge.weights.h5'), 300 * 1024 * 1024);
    });

    it('reads a file inside the workspace, also through a symlink that stays inside', async () => {
      const budget = { left: MAX_WEIGHT_BYTES };
      const direct = await readWeightFile(path.join(ws, 'models', 'cnn.keras'), 'models/cnn.keras', [ws], budget);
      const aliased = await readWeightFile(path.join(ws, 'alias.keras'), 'alias.keras', [ws], budget);
      assert.strictEqual(Buffer.from(direct).toString(), 'PK\x03\x04 inside');
      assert.deepStrictEqual(aliased, direct);
      assert.strictEqual(budget.left, MAX_WEIGHT_BYTES - 2 * direct.length, 'each read takes its share of the budget');
    });

    it('refuses a symlink (or a symlinked folder) that leads out of the workspace, without reading it', async () => {
      for (const [file, shown] of [[path.join(ws, 'models', 'leak.h5'), 'models/leak.h5'], [path.join(ws, 'elsewhere', 'secret.h5'), 'elsewhere/secret.h5']]) {
        const access = recordingFileAccessMock();
        await assert.rejects(readWeightFile(file, shown, [ws], { left: MAX_WEIGHT_BYTES }, access), (e: Error) => {
          assert.ok(e instanceof WeightFileProblem);
          assert.strictEqual(e.message, `${shown} resolves to ${path.join(outside, 'secret.h5')}, outside the workspace; the panel reads weights only from inside it.`);
          return true;
        });
        assert.deepStrictEqual(access.reads, []);
      }
    });

    it('checks the size before reading: a 300 MB file is refused unread', async () => {
      const access = recordingFileAccessMock();
      await assert.rejects(readWeightFile(path.join(ws, 'huge.weights.h5'), 'huge.weights.h5', [ws], { left: MAX_WEIGHT_BYTES }, access), /huge\.weights\.h5 is 300 MB; the preview reads at most 256 MB of weights\.$/);
      assert.deepStrictEqual(access.reads, [], 'refused from the stat alone');
    });

    it('counts earlier files of the same model against the cap (a model.json and its shards)', async () => {
      const access = recordingFileAccessMock();
      await assert.rejects(readWeightFile(path.join(ws, 'models', 'cnn.keras'), 'shard', [ws], { left: 5 }, access), /shard is 11 bytes; the preview reads at most 256 MB of weights \(5 bytes left for this model\)\.$/);
      assert.deepStrictEqual(access.reads, []);
    });

    it('refuses a folder and a missing file by name', async () => {
      await assert.rejects(readWeightFile(path.join(ws, 'folder.h5'), 'folder.h5', [ws], { left: MAX_WEIGHT_BYTES }), /folder\.h5 is not a regular file/);
      await assert.rejects(readWeightFile(path.join(ws, 'gone.keras'), 'gone.keras', [ws], { left: MAX_WEIGHT_BYTES }), /gone\.keras is missing or unreadable/);
    });

    it('resolves the workspace folder too, so a workspace opened through a symlink still reads', async () => {
      const link = path.join(outside, 'ws-link');
      symlinkSync(ws, link);
      const bytes = await readWeightFile(path.join(link, 'models', 'cnn.keras'), 'models/cnn.keras', [link], { left: MAX_WEIGHT_BYTES });
      assert.strictEqual(bytes.length, 'PK\x03\x04 inside'.length);
    });
  });

  it('takes only plain relative shard paths from a model.json manifest', () => {
    const json = (paths: unknown[]) => JSON.stringify({ weightsManifest: [{ paths, weights: [] }] });
    assert.deepStrictEqual(manifestPaths(json(['group1-shard1of2.bin', 'sub/group1-shard2of2.bin']), 'm/model.json'), ['group1-shard1of2.bin', 'sub/group1-shard2of2.bin']);
    for (const bad of ['../secret.bin', 'a/../../b.bin', '/etc/passwd', 'C:\\x.bin', '..\\x.bin', 7]) {
      assert.throws(() => manifestPaths(json([bad]), 'm/model.json'), /in m\/model\.json is not a plain relative path/, String(bad));
    }
    assert.throws(() => manifestPaths('{oops', 'm/model.json'), /m\/model\.json is not valid JSON/);
  });
});
