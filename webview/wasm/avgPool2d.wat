;; Average pooling for the CPU preview: HWC float32, WebAssembly SIMD, single-threaded.
;; Assembled at build time by scripts/watPlugin.js; driven by webview/wasm/wasmAvgPool.ts,
;; which shares the memory with the other kernels and owns the geometry.
;;
;; The caller puts the input in memory with its padding applied as zeros, so padded cells add
;; nothing to a window's sum and the loops need no bounds checks: rows of `wpad` pixels of `c`
;; floats. The divisor is the number of real cells in the window, as in the reference (webview/
;; cpu/pool.ts; TF.js's 'same' average): a window's real rows times its real columns, which the
;; caller computes once per output row (`rowCnt`, outH floats) and column (`colCnt`, outW floats).
;; It writes `out`: outH × outW pixels of c floats.
;;
;; Per output pixel, the window is summed 16 channels at a time in four f32x4 accumulators (so
;; each tap's loads are independent), then 4 at a time, then the c mod 4 last channels one at a
;; time, each sum divided (not multiplied by a reciprocal: the reference divides) on the way out.
(module
  (import "env" "memory" (memory 1))

  (func (export "avgPool2d")
    (param $in i32) (param $wpad i32) (param $c i32)
    (param $out i32) (param $outH i32) (param $outW i32)
    (param $ph i32) (param $pw i32) (param $sy i32) (param $sx i32)
    (param $rowCnt i32) (param $colCnt i32)
    (local $pixB i32) (local $rowB i32)
    (local $oy i32) (local $ox i32) (local $ky i32) (local $kx i32)
    (local $o i32) (local $p0 i32) (local $pRow i32) (local $q i32) (local $i i32)
    (local $rows f32) (local $n f32) (local $div v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $s f32)
    (local.set $pixB (i32.shl (local.get $c) (i32.const 2)))
    (local.set $rowB (i32.mul (local.get $wpad) (local.get $pixB)))
    (local.set $o (local.get $out))
    (local.set $oy (i32.const 0))
    (loop $outRows
      (local.set $rows (f32.load (i32.add (local.get $rowCnt) (i32.shl (local.get $oy) (i32.const 2)))))
      (local.set $ox (i32.const 0))
      (loop $outCols
        (local.set $n (f32.mul (local.get $rows) (f32.load (i32.add (local.get $colCnt) (i32.shl (local.get $ox) (i32.const 2))))))
        (local.set $div (f32x4.splat (local.get $n)))
        (local.set $p0
          (i32.add (local.get $in)
            (i32.add
              (i32.mul (i32.mul (local.get $oy) (local.get $sy)) (local.get $rowB))
              (i32.mul (i32.mul (local.get $ox) (local.get $sx)) (local.get $pixB)))))
        (local.set $i (i32.const 0))

        ;; 16 channels at a time.
        (block $done16
          (loop $ch16
            (br_if $done16 (i32.gt_u (i32.add (local.get $i) (i32.const 64)) (local.get $pixB)))
            (local.set $a0 (v128.const f32x4 0 0 0 0)) (local.set $a1 (v128.const f32x4 0 0 0 0))
            (local.set $a2 (v128.const f32x4 0 0 0 0)) (local.set $a3 (v128.const f32x4 0 0 0 0))
            (local.set $pRow (i32.add (local.get $p0) (local.get $i)))
            (local.set $ky (i32.const 0))
            (loop $wy16
              (local.set $q (local.get $pRow))
              (local.set $kx (i32.const 0))
              (loop $wx16
                (local.set $a0 (f32x4.add (local.get $a0) (v128.load (local.get $q))))
                (local.set $a1 (f32x4.add (local.get $a1) (v128.load offset=16 (local.get $q))))
                (local.set $a2 (f32x4.add (local.get $a2) (v128.load offset=32 (local.get $q))))
                (local.set $a3 (f32x4.add (local.get $a3) (v128.load offset=48 (local.get $q))))
                (local.set $q (i32.add (local.get $q) (local.get $pixB)))
                (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
                (br_if $wx16 (i32.lt_u (local.get $kx) (local.get $pw))))
              (local.set $pRow (i32.add (local.get $pRow) (local.get $rowB)))
              (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
              (br_if $wy16 (i32.lt_u (local.get $ky) (local.get $ph))))
            (v128.store (i32.add (local.get $o) (local.get $i)) (f32x4.div (local.get $a0) (local.get $div)))
            (v128.store offset=16 (i32.add (local.get $o) (local.get $i)) (f32x4.div (local.get $a1) (local.get $div)))
            (v128.store offset=32 (i32.add (local.get $o) (local.get $i)) (f32x4.div (local.get $a2) (local.get $div)))
            (v128.store offset=48 (i32.add (local.get $o) (local.get $i)) (f32x4.div (local.get $a3) (local.get $div)))
            (local.set $i (i32.add (local.get $i) (i32.const 64)))
            (br $ch16)))

        ;; 4 channels at a time.
        (block $done4
          (loop $ch4
            (br_if $done4 (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $pixB)))
            (local.set $a0 (v128.const f32x4 0 0 0 0))
            (local.set $pRow (i32.add (local.get $p0) (local.get $i)))
            (local.set $ky (i32.const 0))
            (loop $wy4
              (local.set $q (local.get $pRow))
              (local.set $kx (i32.const 0))
              (loop $wx4
                (local.set $a0 (f32x4.add (local.get $a0) (v128.load (local.get $q))))
                (local.set $q (i32.add (local.get $q) (local.get $pixB)))
                (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
                (br_if $wx4 (i32.lt_u (local.get $kx) (local.get $pw))))
              (local.set $pRow (i32.add (local.get $pRow) (local.get $rowB)))
              (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
              (br_if $wy4 (i32.lt_u (local.get $ky) (local.get $ph))))
            (v128.store (i32.add (local.get $o) (local.get $i)) (f32x4.div (local.get $a0) (local.get $div)))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $ch4)))

        ;; The last c mod 4 channels, one at a time.
        (block $done1
          (loop $ch1
            (br_if $done1 (i32.ge_u (local.get $i) (local.get $pixB)))
            (local.set $s (f32.const 0))
            (local.set $pRow (i32.add (local.get $p0) (local.get $i)))
            (local.set $ky (i32.const 0))
            (loop $wy1
              (local.set $q (local.get $pRow))
              (local.set $kx (i32.const 0))
              (loop $wx1
                (local.set $s (f32.add (local.get $s) (f32.load (local.get $q))))
                (local.set $q (i32.add (local.get $q) (local.get $pixB)))
                (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
                (br_if $wx1 (i32.lt_u (local.get $kx) (local.get $pw))))
              (local.set $pRow (i32.add (local.get $pRow) (local.get $rowB)))
              (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
              (br_if $wy1 (i32.lt_u (local.get $ky) (local.get $ph))))
            (f32.store (i32.add (local.get $o) (local.get $i)) (f32.div (local.get $s) (local.get $n)))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $ch1)))

        (local.set $o (i32.add (local.get $o) (local.get $pixB)))
        (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
        (br_if $outCols (i32.lt_u (local.get $ox) (local.get $outW))))
      (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
      (br_if $outRows (i32.lt_u (local.get $oy) (local.get $outH))))))
