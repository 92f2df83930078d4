// Example: a model TF.js builds without complaint, but with pitfalls ShapeLens warns about
// (no errors: the code runs, it just probably does not do what was meant):
//  - Dense applied to a 4D feature map acts on every pixel separately; Flatten or
//    GlobalAveragePooling2D was probably meant before it;
//  - a softmax over a single unit always outputs 1.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.dense({ units: 32, activation: 'relu' }));
model.add(tf.layers.globalAveragePooling2d({}));
model.add(tf.layers.dense({ units: 1, activation: 'softmax' }));
