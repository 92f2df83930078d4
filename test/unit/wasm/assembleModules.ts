// The WASM kernels for Node tests: each .wat of webview/wasm/ assembled as the build does
// (scripts/watPlugin.js), since the tests run the .ts sources unbundled.

import * as path from 'path';
import type { WasmModuleBytes } from '../../../webview/wasm/wasmBackend';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { assembleWat } = require('../../../scripts/watPlugin') as { assembleWat(file: string): Promise<Uint8Array<ArrayBuffer>> };

const wasmDir = path.join(__dirname, '../../../webview/wasm');

export async function assembledModules(): Promise<WasmModuleBytes> {
  const names = ['simdProbe', 'conv2d', 'depthwiseConv2d', 'maxPool2d', 'avgPool2d'] as const;
  const [simdProbe, conv2d, depthwiseConv2d, maxPool2d, avgPool2d] = await Promise.all(names.map((m) => assembleWat(path.join(wasmDir, `${m}.wat`))));
  return { simdProbe, conv2d, depthwiseConv2d, maxPool2d, avgPool2d };
}
