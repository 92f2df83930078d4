#!/usr/bin/env node
// Makes sure the headless Chromium used by the browser tests, the e2e tests and the browser
// benchmark is installed. We use Debian's chromium package rather than Playwright's download
// because the machines here reach only the npm registry and apt, not Playwright's CDN.
const fs = require('fs');
const { spawnSync } = require('child_process');

const CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y chromium';

function hasAptGet() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

function main() {
  if (fs.existsSync(CHROMIUM)) return 0;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && hasAptGet()) {
    console.log(`ensure-chromium: ${CHROMIUM} missing, running: ${INSTALL}`);
    const r = spawnSync('sh', ['-c', INSTALL], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status === 0 && fs.existsSync(CHROMIUM)) return 0;
    console.error(`ensure-chromium: install failed (exit ${r.status}); run it yourself: ${INSTALL}`);
    return 1;
  }
  console.error(`ensure-chromium: ${CHROMIUM} not found. Install it with:\n  sudo sh -c '${INSTALL}'`);
  return 1;
}

process.exit(main());
