;; Depthwise conv2d for the CPU preview: HWC float32, WebAssembly SIMD, single-threaded.
;; Assembled at build time by scripts/watPlugin.js; driven by webview/wasm/wasmDepthwise.ts,
;; which shares the memory with the other kernels and owns the geometry.
;;
;; Output channel co reads only input channel co (the caller has already repeated each input
;; channel `depthMultiplier` times, so a multiplier is just more channels here). What the caller
;; has put in memory:
;;   in   the input with its zero padding applied, rows of `wpad` pixels of `c` floats, followed
;;        by 32 bytes of slack: the last block of a pixel may read up to 7 floats past its
;;        channels (into the next pixel, or the slack); those lanes land in padding lanes of
;;        `out` only, never in a real channel, so what they read does not matter.
;;   w    the kernel as [kh][kw][cPad]: one run of cPad floats a tap, zeros past c.
;;   b    the bias, cPad floats (zeros when the layer has none).
;; It writes `out`: outH × outW pixels of cPad floats (cPad a multiple of 8).
;;
;; The micro-kernel computes 4 output pixels × 8 channels: 8 f32x4 accumulators, each tap's two
;; weight vectors loaded once and used for the 4 pixels. Loop order: output row, then channel
;; block, then pixels, so a block's kh·kw·32 bytes of weights stay in L1 across the row.
;; Activations with an exact SIMD form are applied here (act: 0 linear, 1 relu, 2 relu6,
;; 3 leakyRelu), over each finished output row ($activateRow); the caller applies the others on
;; the way out. Per stored vector, a call to an activation function cost as much as the taps.
(module
  (import "env" "memory" (memory 1))

  ;; The activation over n floats of finished output, in place, while they are in L1: one branch
  ;; a row rather than a call per stored vector. Each is the reference's formula exactly, -0 and
  ;; NaN included: pmax(0, v) is `x > 0 ? x : 0`; min(max(v, 0), 6) (IEEE min/max: NaN stays
  ;; NaN, max(-0, 0) = 0) is `Math.min(Math.max(x, 0), 6)`; `x < 0 ? alpha * x : x` as a select.
  (func $activateRow (param $p i32) (param $n i32) (param $act i32) (param $alpha v128)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (if (i32.eqz (local.get $n)) (then (return)))
    (if (i32.eq (local.get $act) (i32.const 1))
      (then
        (loop $relu
          (v128.store (local.get $p) (f32x4.pmax (v128.const f32x4 0 0 0 0) (v128.load (local.get $p))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $relu (i32.lt_u (local.get $p) (local.get $end))))))
    (if (i32.eq (local.get $act) (i32.const 2))
      (then
        (loop $relu6
          (v128.store (local.get $p)
            (f32x4.min (f32x4.max (v128.load (local.get $p)) (v128.const f32x4 0 0 0 0)) (v128.const f32x4 6 6 6 6)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $relu6 (i32.lt_u (local.get $p) (local.get $end))))))
    (if (i32.eq (local.get $act) (i32.const 3))
      (then
        (loop $leaky
          (local.set $v (v128.load (local.get $p)))
          (v128.store (local.get $p)
            (v128.bitselect
              (f32x4.mul (local.get $v) (local.get $alpha))
              (local.get $v)
              (f32x4.lt (local.get $v) (v128.const f32x4 0 0 0 0))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $leaky (i32.lt_u (local.get $p) (local.get $end)))))))

  (func (export "depthwiseConv2d")
    (param $in i32) (param $wpad i32) (param $c i32)
    (param $out i32) (param $outH i32) (param $outW i32) (param $cPad i32)
    (param $w i32) (param $b i32)
    (param $kh i32) (param $kw i32) (param $sy i32) (param $sx i32) (param $dy i32) (param $dx i32)
    (param $act i32) (param $alphaS f32)
    (local $alpha v128)
    (local $pixB i32) (local $S i32) (local $kyStep i32) (local $kxStep i32) (local $rowStep i32)
    (local $tapB i32) (local $outPixB i32) (local $nb i32) (local $outW4 i32)
    (local $oy i32) (local $cb i32) (local $ox i32) (local $ky i32) (local $kx i32)
    (local $rowIn i32) (local $wBlk i32) (local $o i32) (local $pBase i32) (local $pRow i32) (local $p i32) (local $wq i32)
    (local $b0 v128) (local $b1 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local $w0 v128) (local $w1 v128)

    (local.set $alpha (f32x4.splat (local.get $alphaS)))
    (local.set $pixB (i32.shl (local.get $c) (i32.const 2)))
    (local.set $S (i32.mul (local.get $sx) (local.get $pixB)))
    (local.set $kxStep (i32.mul (local.get $dx) (local.get $pixB)))
    (local.set $kyStep (i32.mul (local.get $dy) (i32.mul (local.get $wpad) (local.get $pixB))))
    (local.set $rowStep (i32.mul (local.get $sy) (i32.mul (local.get $wpad) (local.get $pixB))))
    (local.set $tapB (i32.shl (local.get $cPad) (i32.const 2)))
    (local.set $outPixB (local.get $tapB))
    (local.set $nb (i32.shr_u (local.get $cPad) (i32.const 3)))
    (local.set $outW4 (i32.and (local.get $outW) (i32.const -4)))

    (local.set $oy (i32.const 0))
    (loop $rows
      (local.set $rowIn (i32.add (local.get $in) (i32.mul (local.get $oy) (local.get $rowStep))))
      (local.set $cb (i32.const 0))
      (loop $blocks
        (local.set $wBlk (i32.add (local.get $w) (i32.shl (local.get $cb) (i32.const 5))))
        (local.set $b0 (v128.load (i32.add (local.get $b) (i32.shl (local.get $cb) (i32.const 5)))))
        (local.set $b1 (v128.load offset=16 (i32.add (local.get $b) (i32.shl (local.get $cb) (i32.const 5)))))
        (local.set $o
          (i32.add (local.get $out)
            (i32.add
              (i32.mul (i32.mul (local.get $oy) (local.get $outW)) (local.get $outPixB))
              (i32.shl (local.get $cb) (i32.const 5)))))
        (local.set $ox (i32.const 0))

        ;; 4 pixels at a time: pixel k of the group reads at p + k·S.
        (block $done4
          (loop $px4
            (br_if $done4 (i32.ge_u (local.get $ox) (local.get $outW4)))
            (local.set $a0 (local.get $b0)) (local.set $a1 (local.get $b1))
            (local.set $a2 (local.get $b0)) (local.set $a3 (local.get $b1))
            (local.set $a4 (local.get $b0)) (local.set $a5 (local.get $b1))
            (local.set $a6 (local.get $b0)) (local.set $a7 (local.get $b1))
            (local.set $pBase
              (i32.add (local.get $rowIn)
                (i32.add (i32.mul (local.get $ox) (local.get $S)) (i32.shl (local.get $cb) (i32.const 5)))))
            (local.set $wq (local.get $wBlk))
            (local.set $ky (i32.const 0))
            (loop $ky4
              (local.set $pRow (i32.add (local.get $pBase) (i32.mul (local.get $ky) (local.get $kyStep))))
              (local.set $kx (i32.const 0))
              (loop $kx4
                (local.set $p (i32.add (local.get $pRow) (i32.mul (local.get $kx) (local.get $kxStep))))
                (local.set $w0 (v128.load (local.get $wq)))
                (local.set $w1 (v128.load offset=16 (local.get $wq)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (local.get $p)) (local.get $w0))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $p)) (local.get $w1))))
                (local.set $p (i32.add (local.get $p) (local.get $S)))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load (local.get $p)) (local.get $w0))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=16 (local.get $p)) (local.get $w1))))
                (local.set $p (i32.add (local.get $p) (local.get $S)))
                (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (v128.load (local.get $p)) (local.get $w0))))
                (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (v128.load offset=16 (local.get $p)) (local.get $w1))))
                (local.set $p (i32.add (local.get $p) (local.get $S)))
                (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (v128.load (local.get $p)) (local.get $w0))))
                (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (v128.load offset=16 (local.get $p)) (local.get $w1))))
                (local.set $wq (i32.add (local.get $wq) (local.get $tapB)))
                (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
                (br_if $kx4 (i32.lt_u (local.get $kx) (local.get $kw))))
              (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
              (br_if $ky4 (i32.lt_u (local.get $ky) (local.get $kh))))
            (v128.store (local.get $o) (local.get $a0))
            (v128.store offset=16 (local.get $o) (local.get $a1))
            (local.set $o (i32.add (local.get $o) (local.get $outPixB)))
            (v128.store (local.get $o) (local.get $a2))
            (v128.store offset=16 (local.get $o) (local.get $a3))
            (local.set $o (i32.add (local.get $o) (local.get $outPixB)))
            (v128.store (local.get $o) (local.get $a4))
            (v128.store offset=16 (local.get $o) (local.get $a5))
            (local.set $o (i32.add (local.get $o) (local.get $outPixB)))
            (v128.store (local.get $o) (local.get $a6))
            (v128.store offset=16 (local.get $o) (local.get $a7))
            (local.set $o (i32.add (local.get $o) (local.get $outPixB)))
            (local.set $ox (i32.add (local.get $ox) (i32.const 4)))
            (br $px4)))

        ;; The last outW mod 4 pixels, one at a time.
        (block $done1
          (loop $px1
            (br_if $done1 (i32.ge_u (local.get $ox) (local.get $outW)))
            (local.set $a0 (local.get $b0)) (local.set $a1 (local.get $b1))
            (local.set $pBase
              (i32.add (local.get $rowIn)
                (i32.add (i32.mul (local.get $ox) (local.get $S)) (i32.shl (local.get $cb) (i32.const 5)))))
            (local.set $wq (local.get $wBlk))
            (local.set $ky (i32.const 0))
            (loop $ky1
              (local.set $pRow (i32.add (local.get $pBase) (i32.mul (local.get $ky) (local.get $kyStep))))
              (local.set $kx (i32.const 0))
              (loop $kx1
                (local.set $p (i32.add (local.get $pRow) (i32.mul (local.get $kx) (local.get $kxStep))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (local.get $p)) (v128.load (local.get $wq)))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $p)) (v128.load offset=16 (local.get $wq)))))
                (local.set $wq (i32.add (local.get $wq) (local.get $tapB)))
                (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
                (br_if $kx1 (i32.lt_u (local.get $kx) (local.get $kw))))
              (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
              (br_if $ky1 (i32.lt_u (local.get $ky) (local.get $kh))))
            (v128.store (local.get $o) (local.get $a0))
            (v128.store offset=16 (local.get $o) (local.get $a1))
            (local.set $o (i32.add (local.get $o) (local.get $outPixB)))
            (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
            (br $px1)))

        (local.set $cb (i32.add (local.get $cb) (i32.const 1)))
        (br_if $blocks (i32.lt_u (local.get $cb) (local.get $nb))))
      (call $activateRow
        (i32.add (local.get $out) (i32.mul (i32.mul (local.get $oy) (local.get $outW)) (local.get $outPixB)))
        (i32.mul (local.get $outW) (local.get $cPad)) (local.get $act) (local.get $alpha))
      (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $oy) (local.get $outH))))))
