// What the e2e suite needs before it can start: the packaged extension and code-server.
// Both are built here when missing, so `npm run test:e2e` works from a fresh checkout.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CODE_SERVER_MARKER, INSTALL_SCRIPT, REPO_ROOT, vsixPath } from './paths';

/** Inputs of the .vsix: a package older than any of them is rebuilt (a stale one tests old code). */
const VSIX_INPUTS = ['package.json', 'src', 'webview', 'media', 'syntaxes', 'esbuild.js', 'scripts', '.vscodeignore'];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit ${result.status ?? result.signal}`);
}

/** Returns the .vsix to install, building it with `npm run package` when missing or stale. */
export function ensureVsix(): string {
  const override = process.env.SHAPELENS_E2E_VSIX;
  if (override) {
    if (!fs.existsSync(override)) throw new Error(`SHAPELENS_E2E_VSIX=${override} does not exist`);
    return override;
  }
  const vsix = vsixPath();
  const built = fs.existsSync(vsix) ? fs.statSync(vsix).mtimeMs : 0;
  const inputs = Math.max(...VSIX_INPUTS.map((p) => newestMtime(path.join(REPO_ROOT, p))));
  if (built < inputs) {
    console.log(`e2e: ${fs.existsSync(vsix) ? 'rebuilding stale' : 'building'} ${path.basename(vsix)} (npm run package)`);
    run('npm', ['run', 'package']);
  }
  if (!fs.existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);
  return vsix;
}

/**
 * Installs code-server into .cache/code-server/ by the recipe unless a complete install of the
 * pinned version is there (the script checks its marker and returns at once).
 */
export function ensureCodeServer(): void {
  if (!fs.existsSync(CODE_SERVER_MARKER)) console.log('e2e: installing code-server (scripts/install-code-server.sh, about a minute)');
  run('bash', [INSTALL_SCRIPT]);
}
