#!/usr/bin/env node
// The `shapelens` command: a thin launcher for the bundled CLI (built by `npm run build`).
// dist/launcher.js runs dist/cli.js on a thread with a large stack (src/cli/launcher.ts).
require('../dist/launcher.js').launch();
