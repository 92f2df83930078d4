// Bundles every runnable piece into dist/. `node esbuild.js` for development (sourcemaps),
// `node esbuild.js --production` for the .vsix (minified, no sourcemaps).
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
const { inlineWorkerPlugin } = require('./scripts/inlineWorkerPlugin');
const { watPlugin } = require('./scripts/watPlugin');
const { sharedTypeScriptPlugin } = require('./scripts/sharedTypeScriptPlugin');

const production = process.argv.includes('--production');

/** Each target: an entry, its output and the platform it runs on. */
const targets = [
  { entry: 'src/cli/main.ts', outfile: 'dist/cli.js', platform: 'node' },
  { entry: 'src/cli/launcher.ts', outfile: 'dist/launcher.js', platform: 'node' },
  // The server and the local analysis require TypeScript's compiler from dist/typescript.js (below).
  { entry: 'src/server/main.ts', outfile: 'dist/server.js', platform: 'node', sharedTypeScript: true },
  // Starts server.js and localAnalysis.js through V8's code cache (src/boot/), for the extension.
  { entry: 'src/boot/main.ts', outfile: 'dist/boot.js', platform: 'node' },
  { entry: 'src/client/extension.ts', outfile: 'dist/extension.js', platform: 'node', external: ['vscode'] },
  // The panel's report before the server answers (src/client/panel/localAnalysis.ts), loaded on demand.
  { entry: 'src/client/panel/localAnalysis.ts', outfile: 'dist/localAnalysis.js', platform: 'node', sharedTypeScript: true },
  // TypeScript's compiler as one file for both (scripts/sharedTypeScriptPlugin.js): the npm package's own build, minified for the .vsix.
  // Its Apache-2.0 notice stays in the file (the only legal comment we keep: it ships as is).
  { entry: 'node_modules/typescript/lib/typescript.js', outfile: 'dist/typescript.js', platform: 'node', bundle: false, legalComments: 'inline' },
  { entry: 'webview/panel/main.ts', outfile: 'dist/webview/panel.js', platform: 'browser', format: 'iife' },
  // The diagram layout's worker source (elkjs), loaded beside panel.js (webview/elk/elkScript.ts).
  { entry: 'webview/elk/elkScript.ts', outfile: 'dist/webview/elk.js', platform: 'browser', format: 'iife' },
];

async function main() {
  const built = [];
  for (const t of targets) {
    if (!fs.existsSync(path.join(__dirname, t.entry))) continue; // piece not written yet
    await esbuild.build({
      entryPoints: [path.join(__dirname, t.entry)],
      outfile: path.join(__dirname, t.outfile),
      bundle: t.bundle ?? true,
      platform: t.platform,
      format: t.format ?? 'cjs',
      target: t.platform === 'node' ? 'node20' : 'es2022',
      external: t.external ?? [],
      minify: production,
      sourcemap: production ? false : 'linked',
      logLevel: 'warning',
      legalComments: t.legalComments ?? 'none',
      // The panel starts its workers from source strings (webview/panel/kerasWorkerClient.ts)
      // and embeds its WebAssembly kernels assembled from .wat text (webview/wasm/).
      plugins: t.platform === 'browser' ? [inlineWorkerPlugin(), watPlugin()] : t.sharedTypeScript ? [sharedTypeScriptPlugin()] : [],
    });
    built.push(t.outfile);
  }
  console.log(`esbuild: built ${built.join(', ')}${production ? ' (production)' : ''}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
