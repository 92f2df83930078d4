// Example: a small functional ResNet. One helper builds a residual block (two 3×3 convs with
// batch normalization, a projection shortcut when the width changes) and is called three
// times; ShapeLens follows each call and shows every block's shapes.
import * as tf from '@tensorflow/tfjs';

function residualBlock(x: tf.SymbolicTensor, filters: number, stride = 1): tf.SymbolicTensor {
  let y = tf.layers.conv2d({ filters, kernelSize: 3, strides: stride, padding: 'same', useBias: false }).apply(x) as tf.SymbolicTensor;
  y = tf.layers.batchNormalization().apply(y) as tf.SymbolicTensor;
  y = tf.layers.reLU().apply(y) as tf.SymbolicTensor;
  y = tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', useBias: false }).apply(y) as tf.SymbolicTensor;
  y = tf.layers.batchNormalization().apply(y) as tf.SymbolicTensor;
  const shortcut =
    stride === 1 ? x : (tf.layers.conv2d({ filters, kernelSize: 1, strides: stride, useBias: false }).apply(x) as tf.SymbolicTensor);
  const sum = tf.layers.add().apply([shortcut, y]) as tf.SymbolicTensor;
  return tf.layers.reLU().apply(sum) as tf.SymbolicTensor;
}

const input = tf.input({ shape: [32, 32, 3] });
let x = tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(input) as tf.SymbolicTensor;
x = residualBlock(x, 16);
x = residualBlock(x, 32, 2);
x = residualBlock(x, 64, 2);
x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
const output = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;

const resnet = tf.model({ inputs: input, outputs: output, name: 'resnet_cifar' });
resnet.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
