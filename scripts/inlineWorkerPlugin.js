// esbuild plugin: `import source from 'inline-worker:./file.ts'` bundles ./file.ts (and what it
// imports) on its own, as a browser IIFE, and imports the result as a string. The panel starts
// its workers from that string through a blob: URL, because a VS Code webview may not load a
// worker script from the extension's files.
const esbuild = require('esbuild');
const path = require('path');

const PREFIX = 'inline-worker:';

/** @returns {import('esbuild').Plugin} */
function inlineWorkerPlugin() {
  return {
    name: 'inline-worker',
    setup(build) {
      build.onResolve({ filter: /^inline-worker:/ }, (args) => ({
        path: path.resolve(args.resolveDir, args.path.slice(PREFIX.length)),
        namespace: 'inline-worker',
      }));
      build.onLoad({ filter: /.*/, namespace: 'inline-worker' }, async (args) => {
        const result = await esbuild.build({
          entryPoints: [args.path],
          bundle: true,
          write: false,
          format: 'iife',
          platform: 'browser',
          target: build.initialOptions.target ?? 'es2022',
          minify: build.initialOptions.minify ?? false,
          legalComments: 'none',
          logLevel: 'silent',
          metafile: true,
        });
        return {
          contents: `export default ${JSON.stringify(result.outputFiles[0].text)};`,
          loader: 'js',
          watchFiles: Object.keys(result.metafile.inputs).map((f) => path.resolve(f)),
        };
      });
    },
  };
}

module.exports = { inlineWorkerPlugin };
