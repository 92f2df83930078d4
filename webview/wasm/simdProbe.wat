;; The SIMD feature test (webview/wasm/wasmBackend.ts): WebAssembly.validate accepts this only
;; where 128-bit SIMD is implemented. i8x16.popcnt is in the final proposal and not in the early
;; prototypes some old engines shipped, as wasm-feature-detect tests it.
(module
  (func (result v128)
    (i8x16.popcnt (i8x16.splat (i32.const 0)))))
