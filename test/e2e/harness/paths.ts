// Where the end-to-end tests find their tools and put their results. One place, so the
// install script, the harness and the docs agree.
import * as fs from 'fs';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Installed by scripts/install-code-server.sh; the marker is written last. */
export const CODE_SERVER_DIR = path.join(REPO_ROOT, '.cache', 'code-server');
export const CODE_SERVER_MARKER = path.join(CODE_SERVER_DIR, '.install-complete');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const INSTALL_SCRIPT = path.join(REPO_ROOT, 'scripts', 'install-code-server.sh');

export const CHROMIUM = process.env.SHAPELENS_CHROMIUM ?? '/usr/bin/chromium';

/** The fixtures opened as the workspace (copied to a temp dir first: scenarios edit files). */
export const WORKSPACE_FIXTURES = path.join(REPO_ROOT, 'test', 'e2e', 'workspace');

/** Failure screenshots and timings; ignored by git. */
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
/** Screenshots from a green run, shown in the README. */
export const DOCS_DIR = path.join(REPO_ROOT, 'docs');

/** The .vsix `npm run package` writes: `<name>-<version>.vsix` in the repository root. */
export function vsixPath(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(REPO_ROOT, `${pkg.name}-${pkg.version}.vsix`);
}

/** `publisher.name`, the id code-server lists after `--install-extension`. */
export function extensionId(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; publisher: string };
  return `${pkg.publisher}.${pkg.name}`;
}
