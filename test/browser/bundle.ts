// Bundles a browser entry (TypeScript) into one IIFE string with esbuild, to inject into a
// page with page.addScriptTag. Nothing is written to disk. `inline-worker:` imports become
// worker scripts as strings and `.wat` imports assembled WebAssembly bytes, as in the real build.

import * as esbuild from 'esbuild';
import * as path from 'path';
// The same worker inlining as esbuild.js, so pages that use the Keras reader start a real worker.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { inlineWorkerPlugin } = require('../../scripts/inlineWorkerPlugin') as { inlineWorkerPlugin: () => esbuild.Plugin };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { watPlugin } = require('../../scripts/watPlugin') as { watPlugin: () => esbuild.Plugin };

export async function bundleForBrowser(entry: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.resolve(entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
    plugins: [inlineWorkerPlugin(), watPlugin()],
  });
  return result.outputFiles[0].text;
}
