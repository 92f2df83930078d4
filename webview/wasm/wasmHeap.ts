// The one WebAssembly.Memory every kernel module of the CPU preview imports (as env.memory),
// grown when a call needs more and never shrunk, so re-running the same layers allocates
// nothing inside the modules; and the recycling of result arrays (see OutputArrays).

const PAGE_BYTES = 65536;
/**
 * Kernels compute addresses in i32; past 2 GiB a signed view of them could wrap. A preview that
 * large would not fit a webview anyway; it is refused with a message rather than run wrong.
 */
const MAX_BYTES = 2 ** 31;

export class WasmHeap {
  readonly memory = new WebAssembly.Memory({ initial: 1 });

  /**
   * Compiles and instantiates a kernel module against this memory. Synchronously: the panel
   * picks its backend synchronously, and each module is far below the 4 KB Chromium allows a
   * synchronous compile on the main thread (the tests hold them there).
   */
  instantiate(moduleBytes: Uint8Array<ArrayBuffer>): WebAssembly.Exports {
    return new WebAssembly.Instance(new WebAssembly.Module(moduleBytes), { env: { memory: this.memory } }).exports;
  }

  /** The function `name` of a kernel module instantiated against this memory (the caller names its signature). */
  kernel<F>(moduleBytes: Uint8Array<ArrayBuffer>, name: string): F {
    const exported = this.instantiate(moduleBytes)[name];
    if (typeof exported !== 'function') throw new Error(`the ${name} module has no ${name} export`);
    return exported as F;
  }

  /** `n` floats at float index `at` of the heap, copied into a recycled result array. */
  copyOut(outputs: OutputArrays, at: number, n: number): Float32Array {
    const values = outputs.take(n);
    values.set(new Float32Array(this.memory.buffer, at * 4, n));
    return values;
  }

  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  /** Grows the memory to at least `bytes`; returns a float view of it (views die on growth). */
  reserve(what: string, bytes: number): Float32Array {
    if (bytes > MAX_BYTES) throw new Error(`${what}: needs ${bytes} bytes of WebAssembly memory, more than the ${MAX_BYTES} the kernels address`);
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE_BYTES));
    return new Float32Array(this.memory.buffer);
  }
}

/** Most arrays, and most bytes, kept for reuse: a chain of a few layers, not a whole cache. */
const KEEP_ARRAYS = 8;
const KEEP_BYTES = 256 * 2 ** 20;

/**
 * Result arrays of the WASM kernels, reused once their tensor is disposed. A fresh multi-MB
 * Float32Array costs more than the copy into it (the engine maps and zeroes new pages: ~5 ms for
 * the 8 MB of a 256×256×32 map, as long as the conv itself); a chain that disposes as it goes
 * (the preview pipeline, the benchmark) gets the previous layer's memory back instead. Only
 * arrays these kernels made are taken back, and only from a tensor's dispose.
 */
export class OutputArrays {
  private readonly owned = new WeakSet<Float32Array>();
  private free: Float32Array[] = [];

  take(length: number): Float32Array {
    const i = this.free.findIndex((a) => a.length === length);
    if (i >= 0) return this.free.splice(i, 1)[0];
    const fresh = new Float32Array(length);
    this.owned.add(fresh);
    return fresh;
  }

  giveBack(arr: Float32Array): void {
    if (!this.owned.has(arr) || this.free.includes(arr)) return;
    this.free.push(arr);
    let bytes = 0;
    for (const a of this.free) bytes += a.byteLength;
    while (this.free.length > KEEP_ARRAYS || bytes > KEEP_BYTES) bytes -= (this.free.shift() as Float32Array).byteLength;
  }
}
