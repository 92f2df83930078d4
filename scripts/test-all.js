#!/usr/bin/env node
// `npm test`: every check the project has, in order, stopping at the first failing stage.
// Mocha's own tallies are summed into one closing line ("N passed, N failed") for CI.
const { spawnSync } = require('child_process');

const stages = [
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '-p', '.'] },
  { name: 'lint', cmd: 'npx', args: ['eslint', '.'] },
  { name: 'build', cmd: 'node', args: ['esbuild.js'] },
  { name: 'unit + oracle', cmd: 'npm', args: ['run', '--silent', 'test:unit'], mocha: true },
  { name: 'language server', cmd: 'npm', args: ['run', '--silent', 'test:lsp'], mocha: true },
  { name: 'grammar', cmd: 'npm', args: ['run', '--silent', 'test:grammar'], mocha: true },
  { name: 'package', cmd: 'npm', args: ['run', '--silent', 'test:package'], mocha: true },
  { name: 'browser', cmd: 'npm', args: ['run', '--silent', 'test:browser'], mocha: true },
  { name: 'end-to-end', cmd: 'npm', args: ['run', '--silent', 'test:e2e'], mocha: true },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let pending = 0;
for (const stage of stages) {
  if (only.length > 0 && !only.some((o) => stage.name.includes(o))) continue;
  const started = Date.now();
  console.log(`\n▶ ${stage.name}`);
  const res = spawnSync(stage.cmd, stage.args, { encoding: 'utf8', stdio: ['inherit', 'pipe', 'inherit'], maxBuffer: 256 * 1024 * 1024 });
  process.stdout.write(res.stdout ?? '');
  if (stage.mocha) {
    const count = (word) => Number((new RegExp(`(\\d+) ${word}`).exec(res.stdout ?? '') ?? [])[1] ?? 0);
    passed += count('passing');
    failed += count('failing');
    pending += count('pending');
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (res.status !== 0) {
    console.log(`✖ ${stage.name} failed (exit ${res.status}) after ${seconds} s`);
    if (failed === 0) failed = 1; // a stage that failed without a mocha tally still fails
    console.log(`\n${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
    process.exit(1);
  }
  console.log(`✔ ${stage.name} (${seconds} s)`);
}
console.log(`\n${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
