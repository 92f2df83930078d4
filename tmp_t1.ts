import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu'}));
model.add(tf.layers.maxPooling2d({poolSize: 2}));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({units: 10, activation: 'softmax'}));
model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});

function block(x: tf.SymbolicTensor, f: number) {
  const conv = tf.layers.conv2d({filters: f, kernelSize: 3, padding: 'same'});
  const y = conv.apply(x) as tf.SymbolicTensor;
  return tf.layers.add().apply([x, y]) as tf.SymbolicTensor;
}
const inp = tf.input({shape: [32, 32, 16]});
let x = inp;
for (const f of [16, 16, 16]) x = block(x, f);
const m2 = tf.model({inputs: inp, outputs: x, name: 'res'});
export function createModel(units = 10) {
  const m = tf.sequential();
  m.add(tf.layers.dense({units, inputShape: [4]}));
  return m;
}
