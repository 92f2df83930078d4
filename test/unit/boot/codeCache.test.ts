// The code cache that starts our big bundles (src/boot/codeCache.ts): a bundle behaves the
// same with or without it, the cache is used on the next start, and whatever is wrong with it
// (a changed bundle, a damaged file, a folder that cannot be written) costs a normal compile.
import * as assert from 'assert';
import * as fs from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cacheFileFor, loadBundle, type LoadedBundle } from '../../../src/boot/codeCache';

interface Exports {
  readonly answer: number;
  readonly dir: string;
  readonly file: string;
  readonly sep: string;
  square(n: number): number;
}

/** A CommonJS file using what a bundle uses: exports, require (a builtin), __dirname, __filename, and a lazily compiled function. */
function bundleText(answer: number): string {
  return `'use strict';
const path = require('path');
exports.answer = ${answer};
exports.dir = __dirname;
exports.file = __filename;
exports.sep = path.sep;
module.exports.square = function square(n) { let s = 0; for (let i = 0; i < n; i++) s += n; return s; };
`;
}

describe('code cache for bundles (src/boot/codeCache.ts)', () => {
  let dir: string;
  let bundle: string;
  let cacheDir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(tmpdir(), 'shapelens-cache-'));
    bundle = path.join(dir, 'bundle.js');
    cacheDir = path.join(dir, 'cache');
    fs.writeFileSync(bundle, bundleText(42));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function check(exports: unknown, answer = 42): void {
    const e = exports as Exports;
    assert.strictEqual(e.answer, answer);
    assert.strictEqual(e.dir, dir);
    assert.strictEqual(e.file, bundle);
    assert.strictEqual(e.sep, path.sep);
    assert.strictEqual(e.square(7), 49);
  }

  it('without a cache folder: runs as require would, and writes nothing', () => {
    const loaded = loadBundle(bundle, undefined);
    assert.strictEqual(loaded.cache, 'off');
    check(loaded.exports);
    assert.strictEqual(loaded.writeCache(), false);
    assert.strictEqual(fs.existsSync(cacheDir), false);
  });

  it('a shared bundle it requires (./typescript.js) loads through the cache too, once, with its own file', () => {
    const sharedPath = path.join(dir, 'typescript.js');
    fs.writeFileSync(sharedPath, `exports.kind = 'shared'; exports.twice = (n) => n * 2;`);
    fs.writeFileSync(bundle, `exports.first = require('./typescript.js'); exports.again = require('./typescript.js'); exports.sep = require('path').sep;`);
    const start = () => {
      const shared: LoadedBundle[] = [];
      const main = loadBundle(bundle, cacheDir, { sharedLoaded: (b) => shared.push(b) });
      return { main, shared };
    };
    const first = start();
    const e = first.main.exports as { first: { kind: string; twice(n: number): number }; again: unknown; sep: string };
    assert.strictEqual(e.first.kind, 'shared');
    assert.strictEqual(e.first.twice(21), 42);
    assert.strictEqual(e.again, e.first, 'one instance per bundle');
    assert.strictEqual(e.sep, path.sep, 'other requires as before');
    assert.deepStrictEqual(first.shared.map((b) => b.cache), ['missing']);
    const sharedFile = cacheFileFor(sharedPath, fs.readFileSync(sharedPath, 'utf8'), cacheDir);
    assert.strictEqual(first.main.writeCache(), true);
    assert.ok(!fs.existsSync(sharedFile), 'the bundle writes only its own data; boot.js writes the shared one\'s a while after it loaded');
    assert.strictEqual(first.shared[0].writeCache(), true);
    assert.ok(fs.statSync(sharedFile).size > 0);
    const second = start();
    assert.strictEqual(second.main.cache, 'used');
    assert.deepStrictEqual(second.shared.map((b) => b.cache), ['used'], 'the next start uses its data');
    assert.strictEqual((second.main.exports as { first: { twice(n: number): number } }).first.twice(4), 8);
  });

  it('first start finds nothing and writes the data; the next start uses it and writes nothing', () => {
    const first = loadBundle(bundle, cacheDir);
    assert.strictEqual(first.cache, 'missing');
    check(first.exports);
    assert.strictEqual(first.writeCache(), true);
    assert.strictEqual(first.writeCache(), false, 'written once');
    const file = cacheFileFor(bundle, fs.readFileSync(bundle, 'utf8'), cacheDir);
    assert.ok(fs.statSync(file).size > 0);
    assert.deepStrictEqual(fs.readdirSync(cacheDir), [path.basename(file)], 'no temp file left behind');

    const second = loadBundle(bundle, cacheDir);
    assert.strictEqual(second.cache, 'used');
    check(second.exports);
    assert.strictEqual(second.writeCache(), false);
  });

  it('a changed bundle, even one of the same length and mtime, gets its own file and runs its own code; the old file is removed', () => {
    const first = loadBundle(bundle, cacheDir);
    first.writeCache();
    const oldFile = cacheFileFor(bundle, fs.readFileSync(bundle, 'utf8'), cacheDir);
    const { mtime } = fs.statSync(bundle);
    fs.writeFileSync(bundle, bundleText(24)); // V8 itself would only compare the length
    fs.utimesSync(bundle, mtime, mtime);
    const changed = loadBundle(bundle, cacheDir);
    assert.strictEqual(changed.cache, 'missing');
    check(changed.exports, 24);
    assert.notStrictEqual(cacheFileFor(bundle, fs.readFileSync(bundle, 'utf8'), cacheDir), oldFile);
    assert.strictEqual(changed.writeCache(), true);
    assert.deepStrictEqual(fs.readdirSync(cacheDir), [path.basename(cacheFileFor(bundle, fs.readFileSync(bundle, 'utf8'), cacheDir))]);
  });

  it('damaged cache data is rejected, the bundle still runs, and the data is written anew', () => {
    fs.mkdirSync(cacheDir);
    const file = cacheFileFor(bundle, fs.readFileSync(bundle, 'utf8'), cacheDir);
    fs.writeFileSync(file, Buffer.from('not V8 cache data at all, just bytes'.repeat(20)));
    const damaged = loadBundle(bundle, cacheDir);
    assert.strictEqual(damaged.cache, 'rejected');
    check(damaged.exports);
    assert.strictEqual(damaged.writeCache(), true);
    assert.strictEqual(loadBundle(bundle, cacheDir).cache, 'used');
  });

  it('a cache folder that cannot be made: writeCache says so and throws nothing', () => {
    const blocked = path.join(dir, 'a-file');
    fs.writeFileSync(blocked, 'in the way');
    const loaded = loadBundle(bundle, path.join(blocked, 'cache'));
    assert.strictEqual(loaded.cache, 'missing');
    check(loaded.exports);
    assert.strictEqual(loaded.writeCache(), false);
  });

  it('a bundle that throws while loading throws to the caller, as require would', () => {
    fs.writeFileSync(bundle, "throw new Error('broken bundle');");
    assert.throws(() => loadBundle(bundle, cacheDir), /broken bundle/);
  });
});
