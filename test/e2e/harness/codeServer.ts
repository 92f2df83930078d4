// Starts and stops a code-server (the real VS Code workbench and extension host) for the
// end-to-end tests, isolated from the machine: every directory it writes to is a fresh temp
// directory, removed when it stops.
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { CODE_SERVER_ENTRY } from './paths';

export interface CodeServerOptions {
  /** Folder opened as the workspace. */
  readonly workspace: string;
  /** Packaged extensions installed with `--install-extension` before the server starts. */
  readonly vsixFiles: readonly string[];
  /** User settings (settings.json). */
  readonly settings: Readonly<Record<string, unknown>>;
  /** False starts the server with workspace trust on, so the workspace opens untrusted. */
  readonly disableWorkspaceTrust: boolean;
  /** A folder copied in as the user's global storage before the start: what extensions kept from an earlier window. */
  readonly globalStorageSeed?: string;
}

export interface CodeServer {
  /** The URL that opens the workbench on the workspace. */
  readonly workbenchUrl: string;
  readonly workspace: string;
  /** The server's log, for failure reports. */
  readonly logFile: string;
  /** Milliseconds spent installing extensions and until /healthz answered. */
  readonly timings: { readonly installExtensionsMs: number; readonly startMs: number };
  /** Where extensions keep their global storage (`<user data>/User/globalStorage`), while the server lives. */
  readonly globalStorage: string;
  stop(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 60_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The directories code-server writes to, all under one temp root. */
interface Dirs {
  readonly root: string;
  readonly userData: string;
  readonly extensions: string;
  readonly xdgConfig: string;
  readonly xdgData: string;
}

function makeDirs(): Dirs {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-e2e-cs-'));
  const dirs: Dirs = {
    root,
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    xdgConfig: path.join(root, 'xdg-config'),
    xdgData: path.join(root, 'xdg-data'),
  };
  for (const dir of [dirs.userData, dirs.extensions, dirs.xdgConfig, dirs.xdgData]) fs.mkdirSync(dir, { recursive: true });
  return dirs;
}

/** code-server otherwise writes its config and state under the home directory. */
function environment(dirs: Dirs): NodeJS.ProcessEnv {
  return { ...process.env, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData };
}

function commonArgs(dirs: Dirs): string[] {
  return ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

function installExtensions(dirs: Dirs, vsixFiles: readonly string[]): void {
  for (const vsix of vsixFiles) {
    const result = spawnSync(process.execPath, [CODE_SERVER_ENTRY, ...commonArgs(dirs), '--install-extension', vsix], {
      env: environment(dirs),
      encoding: 'utf8',
      timeout: 120_000,
    });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    if (result.status !== 0 || !/successfully installed/i.test(output)) {
      throw new Error(`code-server --install-extension ${vsix} failed (exit ${result.status}):\n${output}`);
    }
  }
}

async function waitForHealth(port: number, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode} before it was healthy:\n${fs.readFileSync(logFile, 'utf8')}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer /healthz within ${HEALTH_TIMEOUT_MS} ms:\n${fs.readFileSync(logFile, 'utf8')}`);
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Kills the whole process group: killing only the main pid leaves the extension host, the
 * file watcher and the language server behind.
 */
async function killGroup(pgid: number): Promise<void> {
  if (!groupAlive(pgid)) return;
  process.kill(-pgid, 'SIGTERM');
  const deadline = Date.now() + 5_000;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  if (!fs.existsSync(CODE_SERVER_ENTRY)) throw new Error(`code-server is not installed (${CODE_SERVER_ENTRY} missing)`);
  const dirs = makeDirs();
  const settingsDir = path.join(dirs.userData, 'User');
  fs.mkdirSync(settingsDir, { recursive: true });
  fs.writeFileSync(path.join(settingsDir, 'settings.json'), JSON.stringify(options.settings, null, 2));
  const globalStorage = path.join(settingsDir, 'globalStorage');
  if (options.globalStorageSeed) fs.cpSync(options.globalStorageSeed, globalStorage, { recursive: true });

  const installStarted = Date.now();
  try {
    installExtensions(dirs, options.vsixFiles);
  } catch (err) {
    fs.rmSync(dirs.root, { recursive: true, force: true });
    throw err;
  }
  const installExtensionsMs = Date.now() - installStarted;

  const port = await freePort();
  const args = [
    CODE_SERVER_ENTRY,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(options.disableWorkspaceTrust ? ['--disable-workspace-trust'] : []),
    ...commonArgs(dirs),
    options.workspace,
  ];
  const logFile = path.join(dirs.root, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const startStarted = Date.now();
  // detached: the child calls setsid(), so it leads a new process group we can kill whole.
  const child = spawn(process.execPath, args, { env: environment(dirs), detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('code-server did not start');
  try {
    await waitForHealth(port, child, logFile);
  } catch (err) {
    await killGroup(pgid);
    fs.rmSync(dirs.root, { recursive: true, force: true });
    throw err;
  }
  const startMs = Date.now() - startStarted;

  let stopped = false;
  return {
    workbenchUrl: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}`,
    workspace: options.workspace,
    logFile,
    timings: { installExtensionsMs, startMs },
    globalStorage,
    async stop() {
      if (stopped) return;
      stopped = true;
      await killGroup(pgid);
      fs.rmSync(dirs.root, { recursive: true, force: true });
    },
  };
}
