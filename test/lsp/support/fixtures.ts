// Model sources shared by the LSP tests and the benchmark.

/** A small CNN without findings: conv → pool → conv → global pool → dense. */
export const CNN = `import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [64, 64, 3], filters: 32, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.globalAveragePooling2d({}));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
`;

/** A functional model: two branches merged. */
export const FUNCTIONAL = `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [32, 32, 3] });
const a = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same' }).apply(input) as tf.SymbolicTensor;
const b = tf.layers.conv2d({ filters: 8, kernelSize: 5, padding: 'same' }).apply(input) as tf.SymbolicTensor;
const merged = tf.layers.concatenate().apply([a, b]) as tf.SymbolicTensor;
const pooled = tf.layers.globalAveragePooling2d({}).apply(merged) as tf.SymbolicTensor;
const out = tf.layers.dense({ units: 4 }).apply(pooled) as tf.SymbolicTensor;
const model = tf.model({ inputs: input, outputs: out });
`;

/** Certain error: a 7×7 kernel on a 5×5 input (fix: padding 'same'). */
export const KERNEL_TOO_BIG = `import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [12, 12, 3], filters: 4, kernelSize: 3, strides: 2 }));
model.add(tf.layers.conv2d({ filters: 8, kernelSize: 7 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 2 }));
`;

/** Warning: Dense on a 4D feature map (fixes: insert Flatten / GlobalAveragePooling2D). */
export const DENSE_ON_MAP = `import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
`;

/** Same warning, models written as a `layers: [...]` array. */
export const DENSE_ON_MAP_ARRAY = `import * as tf from '@tensorflow/tfjs';

const model = tf.sequential({
  layers: [
    tf.layers.conv2d({ inputShape: [16, 16, 3], filters: 4, kernelSize: 3 }),
    tf.layers.dense({ units: 3 }),
  ],
});
`;

export const NO_TF = `// nothing about TensorFlow here
export function add(a: number, b: number): number {
  return a + b;
}
`;
