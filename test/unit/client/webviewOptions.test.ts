// The panel's webview options, with a mock of the `vscode` module (VS Code's API exists only
// inside VS Code): the roots it may load from are the extension's dist/ and media/, and no
// workspace folder, however many are open.
import * as assert from 'assert';
import Module from 'module';
import * as path from 'path';

interface MockUri {
  readonly path: string;
}

/** The two pieces of `vscode` webviewOptions touches, plus open workspace folders to leak. */
const vscodeMock = {
  Uri: { joinPath: (base: MockUri, ...parts: string[]): MockUri => ({ path: path.posix.join(base.path, ...parts) }) },
  workspace: { workspaceFolders: [{ uri: { path: '/home/u/project' } }, { uri: { path: '/home/u/other' } }] },
};

type Resolver = (request: string, ...rest: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: Resolver; _cache: Record<string, unknown> };

describe('panel host: webview options', () => {
  const original = moduleInternals._resolveFilename;
  const MOCK_ID = 'vscode-mock-for-webview-options';
  before(() => {
    moduleInternals._resolveFilename = (request, ...rest) => (request === 'vscode' ? MOCK_ID : original(request, ...rest));
    moduleInternals._cache[MOCK_ID] = { id: MOCK_ID, filename: MOCK_ID, loaded: true, exports: vscodeMock };
  });
  after(() => {
    moduleInternals._resolveFilename = original;
    delete moduleInternals._cache[MOCK_ID];
  });

  it('let the page load only dist/ and media/ of the extension, no workspace folder', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { webviewOptions } = require('../../../src/client/panel/webviewOptions') as typeof import('../../../src/client/panel/webviewOptions');
    const options = webviewOptions({ path: '/ext/shapelens' } as unknown as import('vscode').Uri);
    assert.strictEqual(options.enableScripts, true);
    const roots = (options.localResourceRoots ?? []).map((u) => (u as unknown as MockUri).path);
    assert.deepStrictEqual(roots, ['/ext/shapelens/dist', '/ext/shapelens/media']);
    for (const f of vscodeMock.workspace.workspaceFolders) assert.ok(!roots.some((r) => r.startsWith(f.uri.path)), `${f.uri.path} is not a root`);
  });
});
