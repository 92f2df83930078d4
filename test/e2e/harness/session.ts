// One workbench = one code-server with the packaged extension installed + one Chromium page
// showing it on a fresh copy of the workspace fixtures. Starting one costs ~20 s on a 2-core
// machine, so the scenarios share one (the "shared" workbench) and only the untrusted-
// workspace scenario starts its own.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { WORKSPACE_FIXTURES } from './paths';
import { timings } from './timings';
import { waitForWorkbench } from './workbench';

/**
 * User settings: quiet startup, inlay hints always on, and no editor help that would change
 * what the typing scenario types (suggestions, auto-closing brackets and quotes).
 */
export const E2E_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.inlayHints.enabled': 'on',
  // The scenarios check the WebGL2 preview; 'auto' would pick the CPU on this software renderer.
  'shapelens.preview.backend': 'webgl',
  'editor.minimap.enabled': false,
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoSurround': 'never',
  'editor.formatOnType': false,
  // VS Code in a browser saves after a delay by default (desktop VS Code does not): edits would
  // reach the workspace copy a second later, and resetEditors' revert would then restore the
  // auto-saved edit instead of the fixture. Scenarios save explicitly where they mean to.
  'files.autoSave': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  // code-server has no --disable-extension, so TypeScript's own language service runs; keep
  // its diagnostics out of the Problems panel and squiggles (they are not ours to test), and
  // keep it off the network (automatic type acquisition).
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
  'typescript.disableAutomaticTypeAcquisition': true,
};


export interface Workbench {
  readonly page: Page;
  readonly server: CodeServer;
  /** The temp copy of test/e2e/workspace the workbench has open. */
  readonly workspace: string;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  readonly vsix: string;
  /** False opens the workspace in restricted mode (workspace trust on, nothing trusted). */
  readonly trusted: boolean;
  /** Label for the timings record. */
  readonly label: string;
  /** Global storage from an earlier workbench (CodeServerOptions.globalStorageSeed). */
  readonly globalStorageSeed?: string;
}

function copyWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-e2e-ws-'));
  fs.cpSync(WORKSPACE_FIXTURES, dir, { recursive: true });
  return dir;
}

let current: Workbench | null = null;

/** The workbench a failure screenshot should show: the one started last and still open. */
export function currentWorkbench(): Workbench | null {
  return current;
}

export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const workspace = copyWorkspace();
  const started = Date.now();
  let server: CodeServer | null = null;
  let browser: Browser | null = null;
  try {
    server = await startCodeServer({
      workspace,
      vsixFiles: [options.vsix],
      settings: E2E_SETTINGS,
      disableWorkspaceTrust: options.trusted,
      globalStorageSeed: options.globalStorageSeed,
    });
    browser = await launchBrowser();
    await waitForWorkbench(browser.page, server.workbenchUrl);
  } catch (err) {
    await browser?.close();
    await server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    throw err;
  }
  timings.record(`${options.label}: install extension`, server.timings.installExtensionsMs);
  timings.record(`${options.label}: code-server healthy`, server.timings.startMs);
  timings.record(`${options.label}: workbench ready (total)`, Date.now() - started);
  const [openServer, openBrowser] = [server, browser];
  const workbench: Workbench = {
    page: openBrowser.page,
    server: openServer,
    workspace,
    async close() {
      if (current === workbench) current = null;
      await openBrowser.close().catch(() => undefined);
      await openServer.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
    },
  };
  current = workbench;
  return workbench;
}

let shared: Promise<Workbench> | null = null;
let sharedVsix: string | null = null;

/** Set by the root hook once the .vsix exists. */
export function setVsix(vsix: string): void {
  sharedVsix = vsix;
}

export function vsixForTests(): string {
  if (!sharedVsix) throw new Error('the root before hook (test/e2e/setup.test.ts) did not run');
  return sharedVsix;
}

/** The trusted workbench the scenarios share; started on first use. */
export function sharedWorkbench(): Promise<Workbench> {
  shared ??= openWorkbench({ vsix: vsixForTests(), trusted: true, label: 'shared workbench' });
  return shared;
}

export async function closeSharedWorkbench(): Promise<void> {
  const pending = shared;
  shared = null;
  if (pending) await (await pending.catch(() => null))?.close();
}
