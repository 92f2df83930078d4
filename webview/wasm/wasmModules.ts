// The WebAssembly modules the bundle carries, assembled from their .wat text at build time
// (scripts/watPlugin.js). Only bundled code imports this file; Node tests assemble the same
// text themselves (test/unit/wasm/).

import simdProbe from './simdProbe.wat';
import conv2d from './conv2d.wat';
import depthwiseConv2d from './depthwiseConv2d.wat';
import maxPool2d from './maxPool2d.wat';
import avgPool2d from './avgPool2d.wat';
import type { WasmModuleBytes } from './wasmBackend';

export const WASM_MODULES: WasmModuleBytes = { simdProbe, conv2d, depthwiseConv2d, maxPool2d, avgPool2d };
