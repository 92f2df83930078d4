// The panel's early report (dist/localAnalysis.js, what the client shows before the language
// server answers) is the server's own `shapelens/models` answer for a file that imports no
// project files: the same core, the same settings, the same file name. Then the figure the
// cold panel waits on, printed: a fresh process loading the bundle and analysing, against a
// fresh server started, initialized, opened and asked.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { FileReport } from '../../src/core/report';
import type { LocalAnalysisInput } from '../../src/client/panel/localAnalysis';
import { LspTestClient } from './support/lspClient';
import { LocalAnalysisWorker } from '../../src/client/panel/localReport';

const ROOT = path.resolve(__dirname, '../..');
const BUNDLE = path.join(ROOT, 'dist/localAnalysis.js');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const local = (): { localReport(input: LocalAnalysisInput): FileReport | null } => require(BUNDLE);

const CASES = [
  { file: 'test/e2e/workspace/classicCnn.ts', languageId: 'typescript' },
  { file: 'test/e2e/workspace/kernelTooLarge.ts', languageId: 'typescript' },
  { file: 'test/e2e/workspace/classic_cnn.py', languageId: 'python' },
];

describe('the panel\'s local report equals the server\'s', function () {
  this.timeout(60000);
  // Non-default settings, so that a setting the local path ignored would show.
  const settings = { debounceMs: 0, maxLayerParams: 1000, severityOverrides: { 'params/layer-too-large': 'error' } };

  for (const c of CASES) {
    it(`${path.basename(c.file)}: the same FileReport as shapelens/models`, async () => {
      const text = readFileSync(path.join(ROOT, c.file), 'utf8');
      const uri = pathToFileURL(path.join(ROOT, c.file)).href;
      const client = await LspTestClient.start(settings);
      try {
        await client.open(uri, text, c.languageId);
        const served = await client.request<FileReport>('shapelens/models', { uri });
        const ours = local().localReport({ uri, languageId: c.languageId, text, settings });
        assert.ok(served.models.length > 0, 'the fixture has a model');
        assert.deepStrictEqual(ours, served);
      } finally {
        await client.stop();
      }
    });
  }

  it('gives no report where the server analyses nothing (ShapeLens off, or the language left out)', () => {
    const text = readFileSync(path.join(ROOT, CASES[0].file), 'utf8');
    const input = { uri: 'file:///m.ts', languageId: 'typescript', text };
    assert.strictEqual(local().localReport({ ...input, settings: { enable: false } }), null);
    assert.strictEqual(local().localReport({ ...input, settings: { languages: ['python'] } }), null);
    assert.ok(local().localReport({ ...input, settings: {} })?.models.length);
  });

  it('prints the cold first report: a fresh process with the local bundle vs a fresh server', async () => {
    const file = path.join(ROOT, CASES[0].file);
    const text = readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).href;
    const script = `const t0 = performance.now(); const m = require(${JSON.stringify(BUNDLE)}); const r = m.localReport({ uri: ${JSON.stringify(uri)}, languageId: 'typescript', text: require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'), settings: {} }); process.stdout.write(JSON.stringify({ ms: performance.now() - t0, models: r.models.length }));`;
    const started = performance.now();
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    const localWall = performance.now() - started;
    assert.strictEqual(run.status, 0, run.stderr);
    const { ms, models } = JSON.parse(run.stdout) as { ms: number; models: number };
    assert.strictEqual(models, 1);
    const t0 = performance.now();
    const client = await LspTestClient.start({});
    try {
      await client.open(uri, text, 'typescript');
      const served = await client.request<FileReport | null>('shapelens/models', { uri });
      const serverMs = performance.now() - t0;
      assert.ok(served);
      console.log(`      cold first report of classicCnn.ts: local bundle ${ms.toFixed(0)} ms in-process (${localWall.toFixed(0)} ms with node's start), server spawn → initialize → didOpen → models ${serverMs.toFixed(0)} ms (default settings, debounce included)`);
    } finally {
      await client.stop();
    }
  });

  describe('in its worker thread (what the panel runs)', () => {
    const text = readFileSync(path.join(ROOT, CASES[0].file), 'utf8');
    const input = { uri: 'file:///m.ts', languageId: 'typescript', text, settings: {} };
    const script = (body: string): string => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'shapelens-local-')), 'bundle.js');
      writeFileSync(file, body);
      return file;
    };

    it('answers with the in-process report, request after request, and ends when idle', async () => {
      const worker = new LocalAnalysisWorker(BUNDLE, 60_000, 300);
      try {
        const [a, b] = await Promise.all([worker.report(input), worker.report({ ...input, settings: { enable: false } })]);
        assert.deepStrictEqual(a, local().localReport(input));
        assert.ok(a?.models.length);
        assert.strictEqual(b, null);
        assert.ok(worker.running);
        await new Promise((r) => setTimeout(r, 600));
        assert.strictEqual(worker.running, false, 'an idle worker ends');
        // And starts again for the next request.
        assert.deepStrictEqual(await worker.report(input), a);
      } finally {
        worker.dispose();
      }
    });

    it('warm() loads the bundle before any request, and a warmed worker nobody asks ends when idle', async () => {
      // Answers with the time it was loaded at, and the time the request came.
      const stamping = script(`const loadedAt = Date.now(); const { parentPort } = require('worker_threads');
parentPort.on('message', (req) => parentPort.postMessage({ id: req.id, ok: true, report: { loadedAt, askedAt: Date.now() } }));`);
      const worker = new LocalAnalysisWorker(stamping, 60_000, 400);
      try {
        worker.warm();
        assert.ok(worker.running, 'warm() starts the worker');
        await new Promise((r) => setTimeout(r, 300));
        const sent = Date.now();
        const stamps = (await worker.report(input)) as unknown as { loadedAt: number; askedAt: number };
        assert.ok(stamps.loadedAt < sent, `loaded at ${stamps.loadedAt}, asked at ${sent}: the request found it loaded`);
        worker.warm(); // a running worker is kept, not started again
        const again = (await worker.report(input)) as unknown as { loadedAt: number };
        assert.strictEqual(again.loadedAt, stamps.loadedAt, 'the same worker answered');
      } finally {
        worker.dispose();
      }
      const idle = new LocalAnalysisWorker(stamping, 60_000, 300);
      idle.warm();
      assert.ok(idle.running);
      await new Promise((r) => setTimeout(r, 700));
      assert.strictEqual(idle.running, false, 'a warmed worker that got no request ends when idle');
    });

    it('warm(ahead) asks the worker about the active file at once, before any panel does', async () => {
      // Answers with how many requests it had received, so the ahead request shows.
      const counting = script(`let seen = 0; const { parentPort } = require('worker_threads');
parentPort.on('message', (req) => { seen++; parentPort.postMessage({ id: req.id, ok: true, report: { seen, text: req.input.text } }); });`);
      const worker = new LocalAnalysisWorker(counting, 60_000, 60_000);
      try {
        worker.warm(input);
        const answer = (await worker.report(input)) as unknown as { seen: number; text: string };
        assert.deepStrictEqual(answer, { seen: 2, text: input.text });
      } finally {
        worker.dispose();
      }
    });

    it('a bundle that fails to load rejects with its error, and is not loaded again', async () => {
      const worker = new LocalAnalysisWorker(script("throw new Error('bundle is broken');"));
      await assert.rejects(worker.report(input), /bundle is broken/);
      assert.strictEqual(worker.running, false);
      await assert.rejects(worker.report(input), /bundle is broken/);
      assert.strictEqual(worker.running, false, 'no second load');
    });

    it('a worker that never answers is given up after the time limit', async () => {
      const silent = script("require('worker_threads').parentPort.on('message', () => {});");
      const worker = new LocalAnalysisWorker(silent, 300);
      const t0 = Date.now();
      await assert.rejects(worker.report(input), /did not answer within 300 ms/);
      assert.ok(Date.now() - t0 >= 290);
      assert.strictEqual(worker.running, false);
    });

    it('an analysis that throws rejects that request only', async () => {
      const throwing = script(`const { parentPort } = require('worker_threads');
parentPort.on('message', (req) => parentPort.postMessage(req.input.text === 'bad' ? { id: req.id, ok: false, message: 'no good' } : { id: req.id, ok: true, report: null }));`);
      const worker = new LocalAnalysisWorker(throwing);
      try {
        await assert.rejects(worker.report({ ...input, text: 'bad' }), /no good/);
        assert.strictEqual(await worker.report(input), null);
      } finally {
        worker.dispose();
      }
    });
  });
});
