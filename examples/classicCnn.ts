// Example: the classic image classifier from countless Conv2D tutorials.
// 64×64 RGB images → two conv/pool stages → Flatten → Dense(128) → one sigmoid unit.
// ShapeLens shows 1,625,281 parameters and points out that almost all of them sit in the
// Dense layer after Flatten (GlobalAveragePooling2D would need far fewer).
import * as tf from '@tensorflow/tfjs';

const IMAGE_SIZE = 64;

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [IMAGE_SIZE, IMAGE_SIZE, 3], filters: 32, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));

model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
