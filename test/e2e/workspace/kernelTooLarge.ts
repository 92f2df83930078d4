// A kernel larger than its input: after the first conv/pool stage the feature map is 12×12,
// and a 14×14 kernel with the default 'valid' padding would give -1 rows: TF.js throws in
// model.add. (A 13×13 kernel gives an empty 0×0 map, which TF.js accepts: only a warning.)
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 5, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.conv2d({ filters: 16, kernelSize: 14, activation: 'relu' }));
model.add(tf.layers.globalAveragePooling2d({}));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
