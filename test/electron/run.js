// `npm run test:electron`: runs test/electron/suite in a real VS Code (downloaded by
// @vscode/test-electron on first use, so this needs network; CI without it runs test:lsp).
const path = require('path');
const { execFileSync } = require('child_process');
const { runTests } = require('@vscode/test-electron');

async function main() {
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'esbuild.js')], { cwd: root, stdio: 'inherit' });
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
    launchArgs: [path.join(__dirname, 'workspace'), '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
  });
}

main().catch((error) => {
  console.error('electron tests failed:', error);
  process.exit(1);
});
