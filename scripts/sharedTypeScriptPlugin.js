// esbuild plugin for the extension's two big bundles (dist/server.js, dist/localAnalysis.js):
// `require('typescript')` becomes `require('./typescript.js')`, a file of its own beside them
// (esbuild.js builds it from the npm package), instead of 3.5 MB copied into each. Loaded
// through dist/boot.js (src/boot/codeCache.ts) it is compiled once, eagerly and with its own
// code cache, and only when something parses TS/JS (src/core/lang/typescript/parserRuntime.ts):
// inside a bundle V8 pre-parsed all of it at start and parsed it again at the first require,
// whether or not the file analysed was Python. Run directly (`node dist/server.js`), Node's own
// require finds the same file.
const TYPESCRIPT_FILE = './typescript.js';

function sharedTypeScriptPlugin() {
  return {
    name: 'shared-typescript',
    setup(build) {
      // typescript-estree's project service asks for tsserverlibrary, which is typescript.js again.
      build.onResolve({ filter: /^typescript(\/lib\/(typescript|tsserverlibrary)(\.js)?)?$/ }, () => ({ path: TYPESCRIPT_FILE, external: true }));
    },
  };
}

module.exports = { sharedTypeScriptPlugin };
