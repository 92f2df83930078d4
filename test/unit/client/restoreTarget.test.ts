// What a restored panel may reopen: the URI the webview saved (under the key it saves it
// with), only when it names a model source inside the workspace.
import * as assert from 'assert';
import { restorableDocumentUri } from '../../../src/client/panel/restoreTarget';

const FOLDERS = ['file:///home/u/proj', 'vscode-remote://ssh-remote%2Bbox/srv/app'];

describe('panel host: the document a restored panel reopens', () => {
  it('reopens the documentUri the webview saved, when it is a source file inside a workspace folder', () => {
    for (const uri of [
      'file:///home/u/proj/model.py',
      'file:///home/u/proj/src/deep/net.ts',
      'file:///home/u/proj/nb/train.ipynb',
      'vscode-notebook-cell:/home/u/proj/nb/train.ipynb#W2sZmlsZQ%3D%3D',
      'vscode-remote://ssh-remote%2Bbox/srv/app/cnn.js',
      'file:///home/u/proj/with%20space/m.py',
    ]) {
      assert.strictEqual(restorableDocumentUri({ documentUri: uri, previewLayer: 'conv2d' }, FOLDERS), uri, uri);
    }
  });

  it('ignores any other key (the host once read `uri`, which the webview never wrote)', () => {
    assert.strictEqual(restorableDocumentUri({ uri: 'file:///home/u/proj/model.py' }, FOLDERS), null);
  });

  it('refuses what is not a model source inside the workspace', () => {
    for (const uri of [
      'file:///home/u/other/model.py', // another folder
      'file:///home/u/project/model.py', // a prefix of the folder name is not the folder
      'file:///home/u/proj/../secrets/model.py',
      'file:///home/u/proj/%2E%2E/secrets/model.py',
      'file:///home/u/proj/.env',
      'file:///home/u/proj/weights.h5',
      'https://example.com/home/u/proj/model.py',
      'command:workbench.action.terminal.new',
      'untitled:Untitled-1.py',
      'vscode-remote://ssh-remote%2Bother/srv/app/cnn.js', // same path, another machine
      'not a uri',
      '',
    ]) {
      assert.strictEqual(restorableDocumentUri({ documentUri: uri }, FOLDERS), null, uri);
    }
    for (const state of [null, undefined, 'file:///home/u/proj/model.py', { documentUri: 42 }, { documentUri: `file:///home/u/proj/${'a'.repeat(9000)}.py` }]) {
      assert.strictEqual(restorableDocumentUri(state, FOLDERS), null, JSON.stringify(state)?.slice(0, 60));
    }
    assert.strictEqual(restorableDocumentUri({ documentUri: 'file:///home/u/proj/model.py' }, []), null, 'no workspace: nothing to reopen');
  });
});
