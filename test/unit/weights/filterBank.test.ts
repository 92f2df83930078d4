import * as assert from 'assert';
import { classicFilterBank, spatialFilters } from '../../../webview/weights/filterBank';

const sum = (a: ArrayLike<number>): number => Array.from(a).reduce((s, v) => s + v, 0);

/** Extracts output filter `co` for input channel `ci` from a [kh, kw, in, out] kernel. */
function slice(kernel: Float32Array, taps: number, inC: number, outC: number, ci: number, co: number): number[] {
  return Array.from({ length: taps }, (_, t) => kernel[(t * inC + ci) * outC + co]);
}

describe('classic first-layer filter bank', () => {
  it('3×3 Sobel x/y are the textbook kernels and sum to zero', () => {
    const bank = classicFilterBank(3, 3, 1, 2);
    assert.deepStrictEqual(bank.names, ['sobel-x', 'sobel-y']);
    assert.deepStrictEqual(slice(bank.kernel, 9, 1, 2, 0, 0), [-1, 0, 1, -2, 0, 2, -1, 0, 1]);
    assert.deepStrictEqual(slice(bank.kernel, 9, 1, 2, 0, 1), [-1, -2, -1, 0, 0, 0, 1, 2, 1]);
  });

  it('5×5 Sobel x is the binomial extension [1,4,6,4,1] ⊗ [-1,-2,0,2,1]', () => {
    const sx = spatialFilters(5, 5)[0];
    assert.strictEqual(sx.name, 'sobel-x');
    const expected = [1, 4, 6, 4, 1].flatMap((r) => [-1, -2, 0, 2, 1].map((c) => r * c));
    assert.deepStrictEqual(Array.from(sx.values), expected);
  });

  for (const k of [3, 5, 7]) {
    it(`${k}×${k}: derivatives, Laplacian and Gabors sum to zero, the Gaussian to one`, () => {
      for (const f of spatialFilters(k, k)) {
        const s = sum(f.values);
        if (f.name === 'gaussian') assert.ok(Math.abs(s - 1) < 1e-9, `${f.name} sums to ${s}`);
        else assert.ok(Math.abs(s) < 1e-9, `${f.name} sums to ${s}`);
      }
      const names = spatialFilters(k, k).map((f) => f.name);
      for (const n of ['sobel-x', 'sobel-y', 'laplacian', 'gaussian', 'gabor 0° cos', 'gabor 45° cos', 'gabor 90° cos', 'gabor 135° cos']) assert.ok(names.includes(n), n);
    });
  }

  it('spreads a greyscale filter over RGB with luma weights, then single-channel variants', () => {
    const spatial = spatialFilters(3, 3);
    const bank = classicFilterBank(3, 3, 3, spatial.length + 1);
    const luma = [0.299, 0.587, 0.114];
    for (let ci = 0; ci < 3; ci++) {
      const got = slice(bank.kernel, 9, 3, bank.names.length, ci, 0);
      got.forEach((v, t) => assert.ok(Math.abs(v - spatial[0].values[t] * luma[ci]) < 1e-6));
    }
    assert.strictEqual(bank.names[spatial.length], 'sobel-x (R)');
    assert.ok(slice(bank.kernel, 9, 3, bank.names.length, 1, spatial.length).every((v) => v === 0), "G channel of the R-only filter is zero");
  });

  it('has one name per output channel and flips the sign once the bank runs out', () => {
    const bank = classicFilterBank(3, 3, 1, 50);
    const size = spatialFilters(3, 3).length;
    assert.strictEqual(bank.names.length, 50);
    assert.strictEqual(bank.names[size], `−${bank.names[0]}`);
    assert.deepStrictEqual(slice(bank.kernel, 9, 1, 50, 0, size), slice(bank.kernel, 9, 1, 50, 0, 0).map((v) => -v));
  });

  it('1×1 kernels become channel mixes (luma, colour opponents)', () => {
    const bank = classicFilterBank(1, 1, 3, 3);
    assert.deepStrictEqual(bank.names, ['luma', 'red-green', 'blue-yellow']);
    assert.ok(Math.abs(sum(Array.from(bank.kernel).filter((_, i) => i % 3 === 1))) < 1e-6, 'red-green is zero-sum');
  });

  it('rejects non-positive sizes', () => {
    assert.throws(() => classicFilterBank(3, 3, 0, 4), /positive integer/);
  });
});
