// The one interface every preview backend implements: the WebGL2 kernels (webview/gl/), the
// plain-JS CPU reference (webview/cpu/) and the WebAssembly SIMD CPU path (webview/wasm/).
// Tests hold them equal; the panel picks one at start-up and falls back to the CPU with a
// visible notice.
//
// Layouts follow TF.js so that trained weights load without reshuffling:
//   feature maps: HWC (height, width, channels), float32, one example (no batch dim);
//   conv kernels: [kh, kw, inChannels, outChannels]; depthwise: [kh, kw, inChannels, multiplier];
//   transposed-conv kernels: [kh, kw, outChannels, inChannels] (as tf.layers.conv2dTranspose).

export interface HostTensor {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** Row-major HWC: index = (y * width + x) * channels + c. */
  readonly data: Float32Array;
}

export type Activation =
  | 'linear'
  | 'relu'
  | 'relu6'
  | 'elu'
  | 'selu'
  | 'sigmoid'
  | 'tanh'
  | 'softplus'
  | 'softsign'
  | 'leakyRelu';

export type Padding = 'valid' | 'same';

/** What every convolution of the preview takes: a sliding kernel, a bias and an activation. */
interface ConvCommonParams {
  readonly kernel: Float32Array;
  readonly kernelSize: readonly [number, number];
  readonly inChannels: number;
  readonly bias: Float32Array | null;
  readonly strides: readonly [number, number];
  readonly padding: Padding;
  readonly activation: Activation;
  /** Slope for 'leakyRelu' (TF.js default 0.3 for the LeakyReLU layer, 0.2 for the op). */
  readonly alpha?: number;
}

export interface Conv2DParams extends ConvCommonParams {
  readonly outChannels: number;
  readonly dilation: readonly [number, number];
}

export interface DepthwiseConv2DParams extends ConvCommonParams {
  readonly depthMultiplier: number;
  readonly dilation: readonly [number, number];
}

export interface Conv2DTransposeParams extends ConvCommonParams {
  readonly outChannels: number;
}

export interface Pool2DParams {
  readonly kind: 'max' | 'avg';
  readonly poolSize: readonly [number, number];
  readonly strides: readonly [number, number];
  /** 'same' average pooling excludes padded cells from the mean, as TF.js does. */
  readonly padding: Padding;
}

export interface BatchNormParams {
  readonly gamma: Float32Array | null;
  readonly beta: Float32Array | null;
  readonly movingMean: Float32Array;
  readonly movingVariance: Float32Array;
  readonly epsilon: number;
}

/**
 * An opaque tensor living wherever the backend keeps it (a texture for WebGL2, an array for
 * the CPU). Ops take and return handles so a whole chain runs without read-backs.
 */
export interface DeviceTensor {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

export interface KernelBackend {
  /** 'cpu' is the plain-JS reference; 'wasm-simd' the same with its convs in WebAssembly SIMD. */
  readonly name: 'webgl2' | 'cpu' | 'wasm-simd';
  upload(t: HostTensor): DeviceTensor;
  download(t: DeviceTensor): HostTensor;
  dispose(t: DeviceTensor): void;

  conv2d(x: DeviceTensor, p: Conv2DParams): DeviceTensor;
  depthwiseConv2d(x: DeviceTensor, p: DepthwiseConv2DParams): DeviceTensor;
  conv2dTranspose(x: DeviceTensor, p: Conv2DTransposeParams): DeviceTensor;
  pool2d(x: DeviceTensor, p: Pool2DParams): DeviceTensor;
  /** Global max/avg pooling to a 1×1×C tensor. */
  globalPool2d(x: DeviceTensor, kind: 'max' | 'avg'): DeviceTensor;
  activation(x: DeviceTensor, act: Activation, alpha?: number): DeviceTensor;
  batchNorm(x: DeviceTensor, p: BatchNormParams): DeviceTensor;
  /** ZeroPadding2D: [[top, bottom], [left, right]]. */
  zeroPad2d(x: DeviceTensor, pad: readonly [readonly [number, number], readonly [number, number]]): DeviceTensor;
  /** Cropping2D: [[top, bottom], [left, right]]. */
  crop2d(x: DeviceTensor, crop: readonly [readonly [number, number], readonly [number, number]]): DeviceTensor;
  /** UpSampling2D with TF.js's default nearest interpolation (bilinear when asked). */
  upSample2d(x: DeviceTensor, size: readonly [number, number], interpolation: 'nearest' | 'bilinear'): DeviceTensor;
  add(xs: readonly DeviceTensor[]): DeviceTensor;
  /** Concatenate along channels. */
  concat(xs: readonly DeviceTensor[]): DeviceTensor;
  /**
   * Compiles what `run`'s ops will need, so that running them later waits for no compile:
   * each program is drawn once, on one pixel, and the tensors `run` makes hold nothing (dispose
   * them unread). Resolves when the device has finished, without blocking meanwhile. WebGL2
   * only: SwiftShader JIT-compiles each program at its first draw, for a few hundred ms; the
   * CPU paths compile nothing, so they lack it.
   */
  warmPrograms?(run: () => void): Promise<void>;
}
