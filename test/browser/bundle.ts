// Bundles a browser entry (TypeScript) into one IIFE string with esbuild, to inject into a
// page with page.addScriptTag. Nothing is written to disk.

import * as esbuild from 'esbuild';
import * as path from 'path';

export async function bundleForBrowser(entry: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.resolve(entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
