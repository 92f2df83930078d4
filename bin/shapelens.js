#!/usr/bin/env node
// The `shapelens` command: a thin launcher for the bundled CLI (built by `npm run build`).
require('../dist/cli.js').main();
