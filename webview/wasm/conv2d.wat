;; conv2d for the CPU preview: NHWC float32, WebAssembly SIMD (128-bit), single-threaded.
;; Assembled at build time by scripts/watPlugin.js (wabt); driven by webview/wasm/wasmConv.ts,
;; which lays out the memory (imported: one memory for every kernel, webview/wasm/wasmHeap.ts)
;; and owns every rule of geometry (webview/kernels/geometry.ts).
;;
;; What the caller has put in memory before calling $conv2d:
;;   in   the input with its padding already applied (zeros around it), so that every tap of
;;        every output pixel reads inside it: no bounds checks in the inner loop;
;;        rows of `wpad` pixels of `cin` floats.
;;   w    the kernel repacked per block of 8 output channels: [coutPad/8][kh][kw][cin][8],
;;        so the inner loop reads the weights of one block in order, two vectors per step;
;;        output channels past the real count are zero.
;;   b    the bias, coutPad floats (zeros when the layer has none).
;; It writes `out`: outH × outW pixels of coutPad floats.
;;
;; The micro-kernel computes 4 output pixels × 8 output channels at once: 8 f32x4 accumulators,
;; each input value splatted once and used for 8 channels, each weight vector loaded once and
;; used for 4 pixels (XNNPACK's 4x8 shape for wasm SIMD). When the kernel has no horizontal
;; dilation, the kw taps of one kernel row are adjacent in the input, so one kernel row is one
;; contiguous run of kw*cin floats: the inner loop is that long even for a 3-channel image.
;; Loop order: output row, then channel block, then pixels: one block's weights
;; (kh*kw*cin*32 bytes) stay in L1/L2 across a row, and the kh input rows a row reads stay in L2
;; across the blocks.
;;
;; Activations with a SIMD form are fused here (act: 0 linear, 1 relu, 2 relu6, 3 leakyRelu);
;; the transcendental ones are applied by the caller on the way out.
(module
  (import "env" "memory" (memory 1))

  (func $activate (param $v v128) (param $act i32) (param $alpha v128) (result v128)
    ;; pmax(0, v) is `0 < v ? v : 0`, the reference's `x > 0 ? x : 0` exactly (also for -0 and NaN).
    (if (result v128) (i32.eq (local.get $act) (i32.const 1))
      (then (f32x4.pmax (v128.const f32x4 0 0 0 0) (local.get $v)))
      (else
        (if (result v128) (i32.eq (local.get $act) (i32.const 2))
          ;; IEEE min/max, as Math.min(Math.max(x, 0), 6): NaN stays NaN (pmin/pmax would give 0).
          (then (f32x4.min (f32x4.max (local.get $v) (v128.const f32x4 0 0 0 0)) (v128.const f32x4 6 6 6 6)))
          (else
            (if (result v128) (i32.eq (local.get $act) (i32.const 3))
              (then
                (v128.bitselect
                  (f32x4.mul (local.get $v) (local.get $alpha))
                  (local.get $v)
                  (f32x4.lt (local.get $v) (v128.const f32x4 0 0 0 0))))
              (else (local.get $v))))))))

  (func (export "conv2d")
    (param $in i32) (param $wpad i32) (param $cin i32)
    (param $out i32) (param $outH i32) (param $outW i32) (param $coutPad i32)
    (param $w i32) (param $b i32)
    (param $kh i32) (param $kw i32) (param $sy i32) (param $sx i32) (param $dy i32) (param $dx i32)
    (param $act i32) (param $alphaS f32)
    (local $alpha v128)
    (local $pixB i32) (local $S i32) (local $segB i32) (local $nseg i32) (local $segStep i32)
    (local $kyStep i32) (local $rowStep i32) (local $blkW i32) (local $outPixB i32) (local $nb i32) (local $outW4 i32)
    (local $oy i32) (local $cb i32) (local $ox i32) (local $ky i32) (local $ks i32)
    (local $rowIn i32) (local $pBase i32) (local $segBase i32) (local $wBlk i32) (local $wq i32) (local $o i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $end i32)
    (local $b0 v128) (local $b1 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local $w0 v128) (local $w1 v128) (local $x v128)

    (local.set $alpha (f32x4.splat (local.get $alphaS)))
    (local.set $pixB (i32.shl (local.get $cin) (i32.const 2)))
    (local.set $S (i32.mul (local.get $sx) (local.get $pixB)))
    (if (i32.eq (local.get $dx) (i32.const 1))
      (then
        (local.set $segB (i32.mul (local.get $kw) (local.get $pixB)))
        (local.set $nseg (i32.const 1))
        (local.set $segStep (i32.const 0)))
      (else
        (local.set $segB (local.get $pixB))
        (local.set $nseg (local.get $kw))
        (local.set $segStep (i32.mul (local.get $dx) (local.get $pixB)))))
    (local.set $kyStep (i32.mul (local.get $dy) (i32.mul (local.get $wpad) (local.get $pixB))))
    (local.set $rowStep (i32.mul (local.get $sy) (i32.mul (local.get $wpad) (local.get $pixB))))
    (local.set $blkW (i32.shl (i32.mul (i32.mul (local.get $kh) (local.get $kw)) (local.get $cin)) (i32.const 5)))
    (local.set $outPixB (i32.shl (local.get $coutPad) (i32.const 2)))
    (local.set $nb (i32.shr_u (local.get $coutPad) (i32.const 3)))
    (local.set $outW4 (i32.and (local.get $outW) (i32.const -4)))

    (local.set $oy (i32.const 0))
    (loop $rows
      (local.set $rowIn (i32.add (local.get $in) (i32.mul (local.get $oy) (local.get $rowStep))))
      (local.set $cb (i32.const 0))
      (loop $blocks
        (local.set $wBlk (i32.add (local.get $w) (i32.mul (local.get $cb) (local.get $blkW))))
        (local.set $b0 (v128.load (i32.add (local.get $b) (i32.shl (local.get $cb) (i32.const 5)))))
        (local.set $b1 (v128.load offset=16 (i32.add (local.get $b) (i32.shl (local.get $cb) (i32.const 5)))))
        ;; First pixel of this row and block in the output.
        (local.set $o
          (i32.add (local.get $out)
            (i32.add
              (i32.mul (i32.mul (local.get $oy) (local.get $outW)) (local.get $outPixB))
              (i32.shl (local.get $cb) (i32.const 5)))))
        (local.set $ox (i32.const 0))

        ;; 4 pixels at a time.
        (block $done4
          (loop $px4
            (br_if $done4 (i32.ge_u (local.get $ox) (local.get $outW4)))
            (local.set $a0 (local.get $b0)) (local.set $a1 (local.get $b1))
            (local.set $a2 (local.get $b0)) (local.set $a3 (local.get $b1))
            (local.set $a4 (local.get $b0)) (local.set $a5 (local.get $b1))
            (local.set $a6 (local.get $b0)) (local.set $a7 (local.get $b1))
            (local.set $pBase (i32.add (local.get $rowIn) (i32.mul (local.get $ox) (local.get $S))))
            (local.set $wq (local.get $wBlk))
            (local.set $ky (i32.const 0))
            (loop $ky4
              (local.set $segBase (i32.add (local.get $pBase) (i32.mul (local.get $ky) (local.get $kyStep))))
              (local.set $ks (i32.const 0))
              (loop $seg4
                (local.set $p0 (i32.add (local.get $segBase) (i32.mul (local.get $ks) (local.get $segStep))))
                (local.set $p1 (i32.add (local.get $p0) (local.get $S)))
                (local.set $p2 (i32.add (local.get $p1) (local.get $S)))
                (local.set $p3 (i32.add (local.get $p2) (local.get $S)))
                (local.set $end (i32.add (local.get $p0) (local.get $segB)))
                (loop $ci4
                  (local.set $w0 (v128.load (local.get $wq)))
                  (local.set $w1 (v128.load offset=16 (local.get $wq)))
                  (local.set $x (v128.load32_splat (local.get $p0)))
                  (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $x) (local.get $w0))))
                  (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $x) (local.get $w1))))
                  (local.set $x (v128.load32_splat (local.get $p1)))
                  (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $x) (local.get $w0))))
                  (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $x) (local.get $w1))))
                  (local.set $x (v128.load32_splat (local.get $p2)))
                  (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $x) (local.get $w0))))
                  (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $x) (local.get $w1))))
                  (local.set $x (v128.load32_splat (local.get $p3)))
                  (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $x) (local.get $w0))))
                  (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $x) (local.get $w1))))
                  (local.set $wq (i32.add (local.get $wq) (i32.const 32)))
                  (local.set $p1 (i32.add (local.get $p1) (i32.const 4)))
                  (local.set $p2 (i32.add (local.get $p2) (i32.const 4)))
                  (local.set $p3 (i32.add (local.get $p3) (i32.const 4)))
                  (local.set $p0 (i32.add (local.get $p0) (i32.const 4)))
                  (br_if $ci4 (i32.lt_u (local.get $p0) (local.get $end))))
                (local.set $ks (i32.add (local.get $ks) (i32.const 1)))
                (br_if $seg4 (i32.lt_u (local.get $ks) (local.get $nseg))))
              (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
              (br_if $ky4 (i32.lt_u (local.get $ky) (local.get $kh))))
            (v128.store (local.get $o) (call $activate (local.get $a0) (local.get $act) (local.get $alpha)))
            (v128.store offset=16 (local.get $o) (call $activate (local.get $a1) (local.get $act) (local.get $alpha)))
            (local.set $o (i32.add (local.get $o) (local.get $outPixB)))
            (v128.store (local.get $o) (call $activate (local.get $a2) (local.get $act) (local.get $alpha)))
            (v128.store offset=16 (local.get $o) (call $activate (local.get $a3) (local.get $act) (local.get $alpha)))
            (local.set $o (i32.add (local.get $o) (local.get $outPixB)))
            (v128.store (local.get $o) (call $activate (local.get $a4) (local.get $act) (local.get $alpha)))
            (v128.store offset=16 (local.get $o) (call $activate (local.get $a5) (local.get $act) (local.get $alpha)))
            (local.set $o (i32.add (local.get $o) (local.get $outPixB)))
            (v128.store (local.get $o) (call $activate (local.get $a6) (local.get $act) (local.get $alpha)))
            (v128.store offset=16 (local.get $o) (call $activate (local.get $a7) (local.get $act) (local.get $alpha)))
            (local.set $o (i32.add (local.get $o) (local.get $outPixB)))
            (local.set $ox (i32.add (local.get $ox) (i32.const 4)))
            (br $px4)))

        ;; The last outW mod 4 pixels, one at a time.
        (block $done1
          (loop $px1
            (br_if $done1 (i32.ge_u (local.get $ox) (local.get $outW)))
            (local.set $a0 (local.get $b0)) (local.set $a1 (local.get $b1))
            (local.set $pBase (i32.add (local.get $rowIn) (i32.mul (local.get $ox) (local.get $S))))
            (local.set $wq (local.get $wBlk))
            (local.set $ky (i32.const 0))
            (loop $ky1
              (local.set $segBase (i32.add (local.get $pBase) (i32.mul (local.get $ky) (local.get $kyStep))))
              (local.set $ks (i32.const 0))
              (loop $seg1
                (local.set $p0 (i32.add (local.get $segBase) (i32.mul (local.get $ks) (local.get $segStep))))
                (local.set $end (i32.add (local.get $p0) (local.get $segB)))
                (loop $ci1
                  (local.set $x (v128.load32_splat (local.get $p0)))
                  (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $x) (v128.load (local.get $wq)))))
                  (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $x) (v128.load offset=16 (local.get $wq)))))
                  (local.set $wq (i32.add (local.get $wq) (i32.const 32)))
                  (local.set $p0 (i32.add (local.get $p0) (i32.const 4)))
                  (br_if $ci1 (i32.lt_u (local.get $p0) (local.get $end))))
                (local.set $ks (i32.add (local.get $ks) (i32.const 1)))
                (br_if $seg1 (i32.lt_u (local.get $ks) (local.get $nseg))))
              (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
              (br_if $ky1 (i32.lt_u (local.get $ky) (local.get $kh))))
            (v128.store (local.get $o) (call $activate (local.get $a0) (local.get $act) (local.get $alpha)))
            (v128.store offset=16 (local.get $o) (call $activate (local.get $a1) (local.get $act) (local.get $alpha)))
            (local.set $o (i32.add (local.get $o) (local.get $outPixB)))
            (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
            (br $px1)))

        (local.set $cb (i32.add (local.get $cb) (i32.const 1)))
        (br_if $blocks (i32.lt_u (local.get $cb) (local.get $nb))))
      (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $oy) (local.get $outH))))))
