// The .vsix holds what the extension needs at run time and nothing heavy. Builds it with the
// project's own `npm run package` (offline), unless SHAPELENS_VSIX names one already built.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listZip, readZipEntry, ZipEntry } from './zipListing';

const ROOT = path.resolve(__dirname, '../..');
const MB = 1024 * 1024;

function buildVsix(): string {
  const given = process.env.SHAPELENS_VSIX;
  if (given) return path.resolve(given);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-vsix-')), 'shapelens.vsix');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['run', 'package', '--', '--out', out], { cwd: ROOT, stdio: 'pipe' });
  return out;
}

/** Panel assets (the webview bundle and its sample images) are budgeted separately. */
function isPanelAsset(name: string): boolean {
  return name.startsWith('extension/dist/webview/') || name.startsWith('extension/media/samples/');
}

describe('.vsix contents', function () {
  this.timeout(300_000);
  let entries: ZipEntry[];
  let archiveSize: number;
  let zip: Buffer;
  let manifest: { main: string; contributes: { grammars: { path: string }[] }; icon: string };

  before(() => {
    const vsix = buildVsix();
    zip = fs.readFileSync(vsix);
    archiveSize = zip.length;
    entries = listZip(zip);
    manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  });

  const names = (): string[] => entries.map((e) => e.name);

  it('contains the client and server bundles, the grammar, the icon, the manifest and the license', () => {
    const required = [
      `extension/${path.posix.normalize(manifest.main)}`,
      'extension/dist/server.js',
      'extension/dist/boot.js',
      'extension/dist/localAnalysis.js',
      // TypeScript's compiler, required by both from beside them (scripts/sharedTypeScriptPlugin.js).
      'extension/dist/typescript.js',
      'extension/dist/webview/panel.js',
      'extension/dist/webview/elk.js',
      `extension/${path.posix.normalize(manifest.contributes.grammars[0].path)}`,
      `extension/${manifest.icon}`,
      'extension/package.json',
      'extension.vsixmanifest',
    ];
    for (const name of required) assert.ok(names().includes(name), `${name} missing from ${JSON.stringify(names())}`);
    assert.ok(names().some((n) => /^extension\/LICENSE(\.txt)?$/i.test(n)), 'LICENSE missing');
    assert.ok(names().some((n) => /^extension\/readme\.md$/i.test(n)), 'README missing');
  });

  it('contains no dependencies, sources, tests, source maps or build scripts', () => {
    const forbidden = [/\/node_modules\//, /^extension\/src\//, /^extension\/test\//, /^extension\/bench\//, /\.map$/, /\.ts$/, /^extension\/esbuild\.js$/, /^extension\/scripts\//, /^extension\/media\/.*\.js$/, /^extension\/dist\/cli\.js$/];
    for (const name of names()) {
      for (const pattern of forbidden) assert.ok(!pattern.test(name), `${name} should not ship (${pattern})`);
    }
  });

  it('stays under 3 MB compressed before the panel assets', () => {
    const core = entries.filter((e) => !isPanelAsset(e.name)).reduce((sum, e) => sum + e.compressedSize, 0);
    assert.ok(core < 3 * MB, `${(core / MB).toFixed(2)} MB without panel assets`);
    assert.ok(archiveSize > 0);
  });

  it('ships production bundles: no source map reference, vscode left to the host, the server complete', () => {
    const read = (name: string): string => readZipEntry(zip, entries.find((x) => x.name === name)!).toString('utf8');
    const client = read('extension/dist/extension.js');
    const server = read('extension/dist/server.js');
    for (const [name, text] of [['extension.js', client], ['server.js', server]]) {
      assert.ok(!/sourceMappingURL=/.test(text.slice(-300)), `${name} still points at a source map`);
    }
    assert.match(client, /require\(["']vscode["']\)/, 'the client must load vscode from the host, not bundle it');
    assert.ok(client.includes('shapelens.showSummary') && client.includes('shapelens.openPanel'));
    assert.ok(server.includes('shapelens/models') && server.includes('shapelens/summary'));
    const grammar = JSON.parse(read('extension/syntaxes/shapelens-summary.tmLanguage.json'));
    assert.strictEqual(grammar.scopeName, 'source.shapelens-summary');
  });
});
