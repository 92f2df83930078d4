// esbuild plugin: `import bytes from './x.wat'` assembles the WebAssembly text with wabt (the
// npm build of the WebAssembly Binary Toolkit) and imports the module's bytes as a Uint8Array
// (esbuild's binary loader: base64 in the bundle). The WASM kernels stay readable text in the
// repository, nothing binary is committed, and a syntax error fails the build with wabt's
// message. `assembleWat` is the same step for Node tests, which run the .ts sources unbundled.
const fs = require('fs');

/** Features beyond the MVP that our modules use; everything else stays off. */
const FEATURES = { simd: true };

let wabtReady = null;

/**
 * @param {string} file path of a .wat file
 * @returns {Promise<Uint8Array>} the validated binary module
 */
async function assembleWat(file) {
  wabtReady ??= require('wabt')();
  const wabt = await wabtReady;
  const text = fs.readFileSync(file, 'utf8');
  const mod = wabt.parseWat(file, text, FEATURES);
  try {
    mod.resolveNames();
    mod.validate(FEATURES);
    return Uint8Array.from(mod.toBinary({ log: false, write_debug_names: false }).buffer);
  } finally {
    mod.destroy();
  }
}

/** @returns {import('esbuild').Plugin} */
function watPlugin() {
  return {
    name: 'wat',
    setup(build) {
      build.onLoad({ filter: /\.wat$/ }, async (args) => {
        try {
          return { contents: await assembleWat(args.path), loader: 'binary', watchFiles: [args.path] };
        } catch (err) {
          return { errors: [{ text: `wabt: ${err instanceof Error ? err.message : String(err)}` }] };
        }
      });
    },
  };
}

module.exports = { assembleWat, watPlugin };
