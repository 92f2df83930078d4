// Runs inside VS Code's extension host: the extension activates on a JavaScript file, and every
// feature answers through VS Code's own command API (what users see in the editor).
/* global setTimeout */
const assert = require('assert');
const path = require('path');
const vscode = require('vscode');

const EXTENSION_ID = 'shapelens.shapelens';

async function until(what, probe, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function hintLabel(h) {
  return typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
}

async function run() {
  const file = vscode.Uri.file(path.join(__dirname, '..', 'workspace', 'model.js'));
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, 'extension is installed in the test instance');
  assert.strictEqual(ext.isActive, false, 'nothing activates the extension before a model file opens');

  const started = Date.now();
  const doc = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(doc);
  await until('activation', () => ext.isActive);
  console.log(`activation after opening a .js file: ${Date.now() - started} ms`);

  const diagnostics = await until('diagnostics', () => {
    const ds = vscode.languages.getDiagnostics(file).filter((d) => d.source === 'shapelens');
    return ds.length > 0 ? ds : null;
  });
  assert.ok(diagnostics.some((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'shape/dense-on-feature-map'));

  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const hints = await vscode.commands.executeCommand('vscode.executeInlayHintProvider', file, whole);
  assert.ok(hints.some((h) => hintLabel(h) === '→ 26×26×16'), JSON.stringify(hints.map(hintLabel)));

  const convAt = doc.positionAt(doc.getText().indexOf('conv2d(') + 2);
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', file, convAt);
  const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  assert.ok(hoverText.includes('(3·3·1 + 1)·16 = 160'), hoverText);

  const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', file);
  assert.ok(lenses.some((l) => l.command && l.command.command === 'shapelens.showSummary'));

  const warning = diagnostics.find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'shape/dense-on-feature-map');
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', file, warning.range);
  assert.ok(actions.some((a) => a.title.startsWith('Insert Flatten')), JSON.stringify(actions.map((a) => a.title)));

  await vscode.commands.executeCommand('shapelens.showSummary', file.toString());
  const summary = await until('summary document', () =>
    vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'shapelens-summary' && d.getText().includes('Total params')),
  );
  assert.strictEqual(summary.languageId, 'shapelens-summary');

  await vscode.commands.executeCommand('shapelens.openPanel');
  console.log('electron suite: all checks passed');
}

module.exports = { run };
