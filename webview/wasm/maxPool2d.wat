;; Max pooling for the CPU preview: HWC float32, WebAssembly SIMD, single-threaded. Assembled
;; at build time by scripts/watPlugin.js; driven by webview/wasm/wasmPool.ts, which shares
;; the memory with conv2d.wat (both import it) and owns the geometry.
;;
;; The caller puts the input in memory with its padding applied as -Infinity, so padded cells
;; never win (the reference skips them) and the loops need no bounds checks: rows of `wpad`
;; pixels of `c` floats. It writes `out`: outH × outW pixels of c floats.
;;
;; Per output pixel, the result starts at -Infinity in `out` and each window cell is folded in
;; with pmax, 4 channels at a time (the pixel's c floats stay in L1), then the c mod 4 last
;; channels one at a time. pmax(best, v) is `best < v ? v : best`: the reference's
;; `if (v > best) best = v`, NaN included.
(module
  (import "env" "memory" (memory 1))

  (func (export "maxPool2d")
    (param $in i32) (param $wpad i32) (param $c i32)
    (param $out i32) (param $outH i32) (param $outW i32)
    (param $ph i32) (param $pw i32) (param $sy i32) (param $sx i32)
    (local $pixB i32) (local $vecB i32) (local $rowB i32)
    (local $oy i32) (local $ox i32) (local $ky i32) (local $kx i32)
    (local $o i32) (local $p i32) (local $i i32)
    (local.set $pixB (i32.shl (local.get $c) (i32.const 2)))
    (local.set $vecB (i32.and (local.get $pixB) (i32.const -16)))
    (local.set $rowB (i32.mul (local.get $wpad) (local.get $pixB)))
    (local.set $o (local.get $out))
    (local.set $oy (i32.const 0))
    (loop $rows
      (local.set $ox (i32.const 0))
      (loop $cols
        ;; best = -Infinity for every channel of this output pixel.
        (local.set $i (i32.const 0))
        (block $initDone
          (loop $init
            (br_if $initDone (i32.ge_u (local.get $i) (local.get $pixB)))
            (f32.store (i32.add (local.get $o) (local.get $i)) (f32.const -inf))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $init)))
        (local.set $ky (i32.const 0))
        (loop $wy
          (local.set $kx (i32.const 0))
          (loop $wx
            (local.set $p
              (i32.add (local.get $in)
                (i32.add
                  (i32.mul (i32.add (i32.mul (local.get $oy) (local.get $sy)) (local.get $ky)) (local.get $rowB))
                  (i32.mul (i32.add (i32.mul (local.get $ox) (local.get $sx)) (local.get $kx)) (local.get $pixB)))))
            (local.set $i (i32.const 0))
            (block $vecDone
              (loop $vec
                (br_if $vecDone (i32.ge_u (local.get $i) (local.get $vecB)))
                (v128.store (i32.add (local.get $o) (local.get $i))
                  (f32x4.pmax
                    (v128.load (i32.add (local.get $o) (local.get $i)))
                    (v128.load (i32.add (local.get $p) (local.get $i)))))
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $vec)))
            (block $tailDone
              (loop $tail
                (br_if $tailDone (i32.ge_u (local.get $i) (local.get $pixB)))
                (f32.store (i32.add (local.get $o) (local.get $i))
                  (select
                    (f32.load (i32.add (local.get $p) (local.get $i)))
                    (f32.load (i32.add (local.get $o) (local.get $i)))
                    (f32.lt (f32.load (i32.add (local.get $o) (local.get $i))) (f32.load (i32.add (local.get $p) (local.get $i))))))
                (local.set $i (i32.add (local.get $i) (i32.const 4)))
                (br $tail)))
            (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
            (br_if $wx (i32.lt_u (local.get $kx) (local.get $pw))))
          (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
          (br_if $wy (i32.lt_u (local.get $ky) (local.get $ph))))
        (local.set $o (i32.add (local.get $o) (local.get $pixB)))
        (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
        (br_if $cols (i32.lt_u (local.get $ox) (local.get $outW))))
      (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $oy) (local.get $outH))))))
