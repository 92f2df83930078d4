// A stand-in for the TF.js module that fixtures `require`: identical to the real
// @tensorflow/tfjs except that it remembers every model created (in creation order) and
// gives weight initializers a cheap default, so VGG-sized models build in well under a
// second. Initializers never change shapes or parameter counts, which is all we compare.
import * as tf from '@tensorflow/tfjs';

/** The package names a fixture may import TF.js under (the ones the analyzer recognises). */
export const TF_PACKAGE_NAMES: readonly string[] = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  '@tensorflow/tfjs-layers',
];

/**
 * Per factory with weights: the initializer keys it accepts (TF.js rejects the others, e.g.
 * `kernelInitializer` on SeparableConv2D).
 */
const KERNEL = ['kernelInitializer'];
const RECURRENT = ['kernelInitializer', 'recurrentInitializer'];
const INITIALIZER_KEYS: Readonly<Record<string, readonly string[]>> = {
  dense: KERNEL,
  conv1d: KERNEL,
  conv2d: KERNEL,
  conv3d: KERNEL,
  conv2dTranspose: KERNEL,
  conv3dTranspose: KERNEL,
  separableConv2d: ['depthwiseInitializer', 'pointwiseInitializer'],
  depthwiseConv2d: ['depthwiseInitializer'],
  embedding: ['embeddingsInitializer'],
  simpleRNN: RECURRENT,
  lstm: RECURRENT,
  gru: RECURRENT,
};

export interface Recording {
  /** The module object handed to the fixture's `require`. */
  readonly module: Record<string, unknown>;
  /** Every model created through `sequential` / `model` (or their classes), in creation order. */
  readonly models: tf.LayersModel[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function withZeroInitializers(config: unknown, keys: readonly string[]): unknown {
  if (!isPlainObject(config)) return config;
  const defaults: Record<string, unknown> = {};
  for (const key of keys) if (config[key] === undefined) defaults[key] = 'zeros';
  return { ...defaults, ...config };
}

function wrapLayers(): Record<string, unknown> {
  const layers: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(tf.layers)) {
    const keys = Object.hasOwn(INITIALIZER_KEYS, name) ? INITIALIZER_KEYS[name] : undefined;
    if (typeof value === 'function' && keys) {
      const factory = value as (config?: unknown) => unknown;
      layers[name] = (config?: unknown) => factory(withZeroInitializers(config, keys));
    } else {
      layers[name] = value;
    }
  }
  return layers;
}

export function createRecording(): Recording {
  const models: tf.LayersModel[] = [];
  const module: Record<string, unknown> = { ...tf };
  module.__esModule = true;
  module.layers = wrapLayers();
  module.sequential = (config?: tf.SequentialArgs) => {
    const created = tf.sequential(config);
    models.push(created);
    return created;
  };
  module.model = (config: Parameters<typeof tf.model>[0]) => {
    const created = tf.model(config);
    models.push(created);
    return created;
  };
  // `new tf.Sequential(...)` / `new tf.LayersModel(...)`: the same classes, recorded too.
  module.Sequential = class extends tf.Sequential {
    constructor(config?: tf.SequentialArgs) {
      super(config);
      models.push(this);
    }
  };
  module.LayersModel = class extends tf.LayersModel {
    constructor(config: ConstructorParameters<typeof tf.LayersModel>[0]) {
      super(config);
      models.push(this);
    }
  };
  module.default = module;
  return { module, models };
}
