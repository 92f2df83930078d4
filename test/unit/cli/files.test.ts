// The CLI meets whatever a tree holds: folders it may not read, FIFOs, devices, huge files,
// symbolic links (to files, to folders, in cycles, to nowhere), and file names that look like
// options. Cases that blocked or crashed the CLI run it in a child process with a timeout,
// so that a regression fails the test instead of hanging the run.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from '../../../src/cli/args';
import { runCli } from '../../../src/cli/main';
import type { FileReport } from '../../../src/core/report';

const REPO = path.resolve(__dirname, '../../..');
const MAIN = path.join(REPO, 'src/cli/main.ts');
const TSX = require.resolve('tsx/cjs');
const GOOD = `import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({units: 2, inputShape: [3]}));\n`;
/** `nobody`: who the CLI runs as when a folder must be unreadable and we are root. */
const NOBODY = 65534;

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(args, { out: (t) => (out += t), err: (t) => (err += t), isTty: false });
  return { code, out, err };
}

/** The CLI in a child process (from source), killed after `timeoutMs`. */
function spawnCli(args: string[], options: { cwd?: string; uid?: number; gid?: number; timeoutMs?: number } = {}): { code: number | null; out: string; err: string; timedOut: boolean } {
  const r = spawnSync(process.execPath, ['-r', TSX, MAIN, ...args], {
    cwd: options.cwd ?? REPO,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
    maxBuffer: 64 * 1024 * 1024,
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
    env: { ...process.env, NO_COLOR: '1' },
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM';
  return { code: r.status, out: r.stdout ?? '', err: r.stderr ?? '', timedOut };
}

describe('shapelens CLI: what a file tree may hold', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-files-'));
    fs.chmodSync(dir, 0o755); // readable by `nobody` too
  });
  afterEach(() => {
    for (const locked of ['locked']) if (fs.existsSync(path.join(dir, locked))) fs.chmodSync(path.join(dir, locked), 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an unreadable folder under a walked directory or a glob is reported, the rest analysed, exit 2', () => {
    fs.writeFileSync(path.join(dir, 'good.ts'), GOOD);
    fs.chmodSync(path.join(dir, 'good.ts'), 0o644);
    fs.mkdirSync(path.join(dir, 'locked'));
    fs.writeFileSync(path.join(dir, 'locked', 'hidden.ts'), GOOD);
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    // Permissions do not stop root: as root the CLI runs as `nobody`, for whom the folder is
    // truly unreadable (a real EACCES from readdir, no mocking).
    const asRoot = process.getuid?.() === 0;
    for (const arg of [dir, `${dir}/**/*.ts`]) {
      const r = asRoot ? spawnCli(['--no-summary', arg], { uid: NOBODY, gid: NOBODY }) : { ...run(['--no-summary', arg]), timedOut: false };
      assert.strictEqual(r.code, 2, r.out + r.err);
      assert.match(r.err, /locked: cannot read this folder: permission denied \(EACCES\); skipped/);
      assert.match(r.out, /good\.ts/);
      assert.match(r.out, /1 file,/);
    }
  });

  it('a FIFO and /dev/zero are skipped with a message instead of blocking or growing without end', () => {
    const fifo = path.join(dir, 'pipe.ts');
    const made = spawnSync('mkfifo', [fifo]);
    assert.strictEqual(made.status, 0, 'mkfifo');
    fs.writeFileSync(path.join(dir, 'good.ts'), GOOD);
    const r = spawnCli(['--no-summary', fifo, '/dev/zero', path.join(dir, 'good.ts')], { timeoutMs: 20_000 });
    assert.strictEqual(r.timedOut, false, 'the CLI blocked');
    assert.strictEqual(r.code, 2, r.out + r.err);
    assert.match(r.err, /pipe\.ts: skipped: a FIFO, not a regular file/);
    assert.match(r.err, /\/dev\/zero: skipped: a character device, not a regular file/);
    assert.match(r.out, /1 file,/);
  });

  it('a FIFO with a source name inside a walked folder is skipped with a message too', () => {
    assert.strictEqual(spawnSync('mkfifo', [path.join(dir, 'pipe.ts')]).status, 0);
    fs.writeFileSync(path.join(dir, 'good.ts'), GOOD);
    const r = spawnCli(['--no-summary', dir], { timeoutMs: 20_000 });
    assert.strictEqual(r.timedOut, false, 'the CLI blocked');
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /pipe\.ts: skipped: a FIFO/);
  });

  it('a file far above the 2 MB limit is not read: the file/too-large finding, exit 0', () => {
    const huge = path.join(dir, 'huge.ts');
    fs.writeFileSync(huge, "import * as tf from '@tensorflow/tfjs';\n");
    fs.truncateSync(huge, 5 * 1024 * 1024 * 1024); // sparse: 5 GB that take no disk
    const r = run(['--json', huge]);
    assert.strictEqual(r.code, 0, r.err);
    const [report] = JSON.parse(r.out) as FileReport[];
    assert.deepStrictEqual(
      report.diagnostics.map((d) => [d.code, d.severity, d.line, d.endColumn]),
      [['file/too-large', 'info', 1, "import * as tf from '@tensorflow/tfjs';".length + 1]],
    );
    assert.match(report.diagnostics[0].message, /it is 5120\.0 MB, above the 2 MB limit/);
  });

  it('symbolic links are followed, to files and folders, a cycle is walked once, a broken one reported', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'shared.ts'), GOOD);
      fs.mkdirSync(path.join(outside, 'lib'));
      fs.writeFileSync(path.join(outside, 'lib', 'deep.ts'), GOOD);
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(path.join(dir, 'src', 'own.ts'), GOOD);
      fs.symlinkSync(path.join(outside, 'shared.ts'), path.join(dir, 'src', 'linked.ts'));
      fs.symlinkSync(path.join(outside, 'lib'), path.join(dir, 'src', 'lib'));
      fs.symlinkSync(dir, path.join(dir, 'src', 'loop')); // back up the tree
      fs.symlinkSync(path.join(dir, 'src', 'own.ts'), path.join(dir, 'src', 'again.ts')); // the same file twice
      fs.symlinkSync(path.join(dir, 'nowhere.ts'), path.join(dir, 'src', 'broken.ts'));
      const r = run(['--json', dir]);
      assert.strictEqual(r.code, 2, r.err);
      const files = (JSON.parse(r.out) as FileReport[]).map((x) => path.relative(dir, x.file)).sort();
      assert.deepStrictEqual(files, ['src/lib/deep.ts', 'src/linked.ts', 'src/own.ts'].map((f) => f.split('/').join(path.sep)).sort());
      assert.match(r.err, /broken\.ts: broken symbolic link: no such file or directory; skipped/);
      const glob = run(['--json', `${dir}/src/**/*.ts`]);
      assert.deepStrictEqual((JSON.parse(glob.out) as FileReport[]).map((x) => path.basename(x.file)).sort(), ['deep.ts', 'linked.ts', 'own.ts']);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('`--` ends the options: a file named like an option is analysed', () => {
    fs.writeFileSync(path.join(dir, '--model.ts'), GOOD);
    assert.deepStrictEqual(parseArgs(['--json', '--', '--model.ts', '-x']), {
      kind: 'run',
      options: { json: true, summary: true, quiet: false, color: true, maxLayerParams: undefined, maxTotalParams: undefined, patterns: ['--model.ts', '-x'] },
    });
    const r = spawnCli(['--no-summary', '--', '--model.ts'], { cwd: dir });
    assert.strictEqual(r.code, 0, r.out + r.err);
    assert.match(r.out, /--model\.ts/);
    assert.strictEqual(parseArgs(['--']).kind, 'error', 'no files after `--` is still no files');
  });
});
