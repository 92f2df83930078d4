// The WASM depthwise conv, transposed conv and average pooling against the plain-JS reference
// over geometry grids (wasmGrid.ts), in Node's V8 as in the webview. The same grids run in
// Chromium, as bundled, in test/browser/wasmKernels.test.ts. A first block shows the grids
// catch the mistakes such kernels make, by running them against deliberately wrong ones.

import * as assert from 'assert';
import { createCpuBackend } from '../../../webview/cpu/cpuBackend';
import { ALL_ACTIVATIONS } from '../../../webview/kernels/activations';
import type { KernelBackend, Pool2DParams } from '../../../webview/kernels/types';
import { createWasmBackend, type WasmBackend } from '../../../webview/wasm/wasmBackend';
import { compareTensors } from '../../browser/kernelCases';
import { assembledModules } from './assembleModules';
import { avgPoolGrid, depthwiseGrid, runGrid, transposeGrid, type GridReport } from './wasmGrid';

const TOLERANCE = 1e-4;

function assertClean(r: GridReport, minCases: number): void {
  assert.deepStrictEqual(r.failures, [], `${r.failures.length}+ of ${r.cases} cases differ`);
  assert.ok(r.cases >= minCases, `only ${r.cases} cases`);
  // Most cases must really run: a grid where everything is refused proves nothing.
  assert.ok(r.refusedByBoth < r.cases / 4, `${r.refusedByBoth} of ${r.cases} refused by both`);
}

describe('WASM depthwise, transposed conv and average pooling equal the reference over geometry grids (Node)', () => {
  let wasm: WasmBackend;
  let cpu: KernelBackend;

  before(async () => {
    wasm = createWasmBackend(await assembledModules());
    cpu = createCpuBackend();
  });

  describe('the grids tell a wrong kernel apart', () => {
    const mutants: Array<[string, () => KernelBackend, () => ReturnType<typeof depthwiseGrid>]> = [
      ['depthwise ignoring dilation', () => ({ ...cpu, depthwiseConv2d: (x, p) => cpu.depthwiseConv2d(x, { ...p, dilation: [1, 1] }) }), depthwiseGrid],
      ['depthwise without bias', () => ({ ...cpu, depthwiseConv2d: (x, p) => cpu.depthwiseConv2d(x, { ...p, bias: null }) }), depthwiseGrid],
      ['depthwise with the multiplier\'s channels in the other order', () => ({
        ...cpu,
        depthwiseConv2d: (x, p) => {
          const m = p.depthMultiplier;
          const c = p.inChannels;
          const kernel = p.kernel.map((_, i) => p.kernel[Math.floor(i / (c * m)) * c * m + ((i % (c * m)) % c) * m + Math.floor((i % (c * m)) / c)]);
          return cpu.depthwiseConv2d(x, { ...p, kernel });
        },
      }), depthwiseGrid],
      ['average pooling dividing by the full window', () => ({
        ...cpu,
        pool2d: (x, p: Pool2DParams) => {
          if (p.padding === 'valid') return cpu.pool2d(x, p);
          // Sum over zero padding = mean over the full window: a 'same' pool of a zero-padded input.
          const [ph, pw] = p.poolSize;
          const padded = cpu.zeroPad2d(x, [[Math.floor((ph - 1) / 2), ph], [Math.floor((pw - 1) / 2), pw]]);
          const y = cpu.pool2d(padded, { ...p, padding: 'valid' });
          return cpu.crop2d(y, [[0, y.height - Math.ceil(x.height / p.strides[0])], [0, y.width - Math.ceil(x.width / p.strides[1])]]);
        },
      }), avgPoolGrid],
      ['transposed conv with its kernel unflipped', () => ({
        ...cpu,
        conv2dTranspose: (x, p) => {
          const [kh, kw] = p.kernelSize;
          const tap = p.kernel.length / (kh * kw);
          const kernel = p.kernel.map((_, i) => {
            const t = Math.floor(i / tap);
            return p.kernel[((kh - 1 - Math.floor(t / kw)) * kw + (kw - 1 - (t % kw))) * tap + (i % tap)];
          });
          return cpu.conv2dTranspose(x, { ...p, kernel });
        },
      }), transposeGrid],
    ];
    for (const [name, mutant, grid] of mutants) {
      it(name, () => {
        const r = runGrid(mutant(), cpu, grid(), TOLERANCE);
        assert.ok(r.failures.length > 0, `the grid did not notice (${r.cases} cases)`);
      });
    }
  });

  it('depthwise conv2d: every geometry of the grid', () => {
    assertClean(runGrid(wasm, cpu, depthwiseGrid(), TOLERANCE), 2000);
  });

  it('transposed conv2d: every geometry of the grid', () => {
    assertClean(runGrid(wasm, cpu, transposeGrid(), TOLERANCE), 700);
  });

  it('average pooling: every geometry of the grid', () => {
    assertClean(runGrid(wasm, cpu, avgPoolGrid(), TOLERANCE), 1700);
  });

  it('average pooling: NaN and ±Infinity reach exactly the windows the reference gives them to', () => {
    const special = [NaN, Infinity, -Infinity];
    for (const c of [3, 4, 17]) {
      for (const padding of ['same', 'valid'] as const) {
        const data = Float32Array.from({ length: 9 * 8 * c }, (_, i) => (i % 37 === 5 ? special[i % 3] : Math.cos(i * 0.9)));
        const x = { height: 9, width: 8, channels: c, data };
        const p = { kind: 'avg' as const, poolSize: [3, 3] as const, strides: [2, 2] as const, padding };
        const got = wasm.download(wasm.pool2d(wasm.upload(x), p)).data;
        const want = cpu.download(cpu.pool2d(cpu.upload(x), p)).data;
        assert.strictEqual(got.length, want.length);
        for (let i = 0; i < want.length; i++) {
          const same = Number.isFinite(want[i]) ? Math.abs(got[i] - want[i]) <= TOLERANCE : Object.is(got[i], want[i]);
          assert.ok(same, `c ${c} ${padding} at ${i}: ${got[i]} vs ${want[i]}`);
        }
      }
    }
  });

  it('depthwise and transposed conv: NaN, ±Infinity and -0 come out as the reference gives them, under every activation', () => {
    const special = [NaN, Infinity, -Infinity, -0];
    const data = Float32Array.from({ length: 7 * 6 * 5 }, (_, i) => (i % 23 === 4 ? special[i % 4] : Math.cos(i * 0.7)));
    const x = { height: 7, width: 6, channels: 5, data };
    for (const activation of ALL_ACTIVATIONS) {
      const dw = {
        kernel: Float32Array.from({ length: 9 * 10 }, (_, i) => Math.sin(i)), kernelSize: [3, 3] as const, inChannels: 5, depthMultiplier: 2,
        bias: null, strides: [1, 1] as const, padding: 'same' as const, dilation: [1, 1] as const, activation,
      };
      const tr = {
        kernel: Float32Array.from({ length: 9 * 3 * 5 }, (_, i) => Math.sin(i)), kernelSize: [3, 3] as const, inChannels: 5, outChannels: 3,
        bias: null, strides: [2, 2] as const, padding: 'same' as const, activation,
      };
      const pairs = [
        ['depthwise', wasm.download(wasm.depthwiseConv2d(wasm.upload(x), dw)).data, cpu.download(cpu.depthwiseConv2d(cpu.upload(x), dw)).data],
        ['transpose', wasm.download(wasm.conv2dTranspose(wasm.upload(x), tr)).data, cpu.download(cpu.conv2dTranspose(cpu.upload(x), tr)).data],
      ] as const;
      for (const [op, got, want] of pairs) {
        assert.ok(want.some((v) => !Number.isFinite(v)) || activation !== 'linear', `${op}: the input reaches no output`);
        for (let i = 0; i < want.length; i++) {
          const same = Number.isFinite(want[i]) ? Math.abs(got[i] - want[i]) <= TOLERANCE : Object.is(got[i], want[i]);
          assert.ok(same, `${op} ${activation} at ${i}: ${got[i]} vs ${want[i]}`);
        }
      }
    }
  });

  it('transposed conv and depthwise write every value of a reused result array (no stale values)', () => {
    const x = { height: 5, width: 6, channels: 3, data: Float32Array.from({ length: 90 }, (_, i) => Math.sin(i)) };
    const t = (scale: number) => ({
      kernel: Float32Array.from({ length: 9 * 4 * 3 }, (_, i) => scale * Math.cos(i)), kernelSize: [3, 3] as const, inChannels: 3, outChannels: 4,
      bias: null, strides: [2, 2] as const, padding: 'same' as const, activation: 'linear' as const,
    });
    const d = (scale: number) => ({
      kernel: Float32Array.from({ length: 9 * 6 }, (_, i) => scale * Math.cos(i)), kernelSize: [3, 3] as const, inChannels: 3, depthMultiplier: 2,
      bias: null, strides: [1, 1] as const, padding: 'same' as const, dilation: [1, 1] as const, activation: 'linear' as const,
    });
    const xs = wasm.upload(x);
    const xr = cpu.upload(x);
    for (const scale of [1e6, -3, 0.5]) {
      // Each result is disposed before the next, so the next takes its array back.
      for (const [got, want] of [[wasm.conv2dTranspose(xs, t(scale)), cpu.conv2dTranspose(xr, t(scale))], [wasm.depthwiseConv2d(xs, d(scale)), cpu.depthwiseConv2d(xr, d(scale))]]) {
        const cmp = compareTensors(wasm.download(got), cpu.download(want));
        assert.ok(cmp.shapeMatches && cmp.maxAbsDiff <= TOLERANCE * Math.abs(scale), `scale ${scale}: ${cmp.detail} (${cmp.maxAbsDiff})`);
        wasm.dispose(got);
      }
    }
  });
});
