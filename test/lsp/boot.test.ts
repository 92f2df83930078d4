// dist/boot.js, which the extension starts its two big bundles through (src/boot/): the
// language server and the panel's local analysis answer exactly as when started directly, the
// first start writes V8's cache data into the given folder, and later starts answer the same.
import * as assert from 'assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LocalAnalysisWorker } from '../../src/client/panel/localReport';
import { LspTestClient, SERVER_JS } from './support/lspClient';

const ROOT = path.resolve(__dirname, '../..');
const BOOT = path.join(ROOT, 'dist/boot.js');
const FILE = 'test/e2e/workspace/classicCnn.ts';

async function waitFor(what: string, ok: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const cacheFiles = (dir: string, bundle: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith(`${bundle}.`) && n.endsWith('.cache')) : []);

describe('dist/boot.js: bundles started through the code cache', function () {
  this.timeout(90000);
  const text = readFileSync(path.join(ROOT, FILE), 'utf8');
  let cacheDir: string;

  beforeEach(() => {
    cacheDir = path.join(mkdtempSync(path.join(tmpdir(), 'shapelens-boot-')), 'code-cache');
  });
  afterEach(() => rmSync(path.dirname(cacheDir), { recursive: true, force: true }));

  it('the local analysis: the bundle\'s own report, the cache written after the first, the same report from the cache', async () => {
    const input = { uri: pathToFileURL(path.join(ROOT, FILE)).href, languageId: 'typescript', text, settings: {} };
    const direct = new LocalAnalysisWorker(path.join(ROOT, 'dist/localAnalysis.js'));
    const booted = () => new LocalAnalysisWorker({ script: BOOT, workerData: { bundle: 'localAnalysis.js', cacheDir, writeAfterMs: 200 } });
    const first = booted();
    try {
      const expected = await direct.report(input);
      assert.ok(expected?.models.length);
      assert.deepStrictEqual(await first.report(input), expected);
      await waitFor('no cache file for localAnalysis.js', () => cacheFiles(cacheDir, 'localAnalysis.js').length === 1, 10000);
      // TypeScript's compiler, loaded at the TS file's parse from beside the bundle, has its own.
      await waitFor('no cache file for typescript.js', () => cacheFiles(cacheDir, 'typescript.js').length === 1, 10000);
      const second = booted();
      try {
        assert.deepStrictEqual(await second.report(input), expected);
        assert.strictEqual(cacheFiles(cacheDir, 'localAnalysis.js').length, 1);
        assert.strictEqual(cacheFiles(cacheDir, 'typescript.js').length, 1);
      } finally {
        second.dispose();
      }
    } finally {
      direct.dispose();
      first.dispose();
    }
  });

  it('the language server: the same diagnostics as dist/server.js, with and without cache data', async () => {
    const uri = 'file:///boot/classicCnn.ts';
    const diagnosticsOf = async (args: string[]) => {
      const client = await LspTestClient.start({ debounceMs: 0, maxLayerParams: 1000 }, args);
      try {
        return (await client.open(uri, text, 'typescript')).map((d) => ({ range: d.range, message: d.message, code: d.code }));
      } finally {
        await client.stop();
      }
    };
    const boot = [BOOT, '--shapelens-bundle=server.js', `--shapelens-code-cache=${cacheDir}`, '--shapelens-code-cache-after-ms=0', '--stdio'];
    const expected = await diagnosticsOf([SERVER_JS, '--stdio']);
    assert.ok(expected.length > 0, 'the settings make the classic CNN warn');
    assert.deepStrictEqual(await diagnosticsOf(boot), expected);
    assert.strictEqual(cacheFiles(cacheDir, 'server.js').length, 1, 'the first start wrote its cache data');
    assert.strictEqual(cacheFiles(cacheDir, 'typescript.js').length, 1, 'and that of TypeScript, loaded for the .ts file');
    assert.deepStrictEqual(await diagnosticsOf(boot), expected);
  });

  it('without a bundle to start, it says so', async () => {
    const { spawnSync } = await import('child_process');
    const r = spawnSync(process.execPath, [BOOT], { encoding: 'utf8' });
    assert.notStrictEqual(r.status, 0);
    assert.match(r.stderr, /no bundle to start/);
  });
});
