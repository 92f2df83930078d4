// The marker that makes activation start the panel's analysis worker early (panelUsed.ts).
import * as assert from 'assert';
import { mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { markPanelUsed, panelWasUsed } from '../../src/client/panel/panelUsed';

describe('panel-used marker', () => {
  it('is absent on a fresh storage, present once the panel was opened, and written once', () => {
    const storage = path.join(mkdtempSync(path.join(tmpdir(), 'shapelens-used-')), 'not-yet-created');
    assert.strictEqual(panelWasUsed(storage), false);
    markPanelUsed(storage);
    assert.strictEqual(panelWasUsed(storage), true);
    markPanelUsed(storage);
    assert.deepStrictEqual(readdirSync(storage), ['panel-used']);
  });

  it('a storage it cannot create costs only the marker, never an exception', () => {
    // A directory under a regular file cannot exist, whoever runs the test (root included).
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'shapelens-used-')), 'file');
    writeFileSync(file, '');
    const storage = path.join(file, 'storage');
    assert.doesNotThrow(() => markPanelUsed(storage));
    assert.strictEqual(panelWasUsed(storage), false);
  });
});
