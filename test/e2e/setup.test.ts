// Root hooks of the e2e suite (top-level hooks apply to every test in every e2e file):
// build what is missing (the .vsix, code-server), screenshot failures, stop everything
// at the end and report how long each phase took.
import { ensureCodeServer, ensureVsix } from './harness/prepare';
import { publishDocScreenshots, saveFailureScreenshot } from './harness/screenshots';
import { closeSharedWorkbench, currentWorkbench, setVsix } from './harness/session';
import { timings } from './harness/timings';

let failures = 0;

/** Every test of the run passed (none failed, none skipped because a hook failed). */
function allPassed(suite: Mocha.Suite): boolean {
  return suite.tests.every((t) => t.state === 'passed') && suite.suites.every(allPassed);
}

before(async function () {
  this.timeout(300_000); // a cold run packages the extension and installs code-server
  const vsix = await timings.measure('prepare: .vsix (npm run package when missing or stale)', () => ensureVsix());
  await timings.measure('prepare: code-server (install script; cached)', () => ensureCodeServer());
  setVsix(vsix);
});

afterEach(async function () {
  const test = this.currentTest;
  if (!test) return;
  timings.record(`test: ${test.fullTitle()}${test.state === 'failed' ? ' (failed)' : ''}`, test.duration ?? 0);
  if (test.state !== 'failed') return;
  failures++;
  const file = await saveFailureScreenshot(test.fullTitle()).catch((err: unknown) => `(screenshot failed: ${String(err)})`);
  if (file) console.log(`    screenshot: ${file}`);
  // The next scenario should start from a workbench without this one's leftovers.
  await currentWorkbench()?.page.keyboard.press('Escape').catch(() => undefined);
});

after(async function () {
  this.timeout(60_000);
  await closeSharedWorkbench();
  await currentWorkbench()?.close();
  timings.report();
  if (process.env.SHAPELENS_E2E_UPDATE_DOCS === '1') {
    const root = this.test?.parent;
    if (failures === 0 && root && allPassed(root)) console.log(`e2e: copied to docs/: ${publishDocScreenshots().join(', ') || 'nothing'}`);
    else console.log('e2e: docs/ screenshots not updated: the run had failures');
  }
});
