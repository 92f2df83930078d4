// A model with one warning (Dense on a feature map), for the VS Code end-to-end check.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
