// A small dense classifier for flattened 28×28 images; the e2e typing scenario adds a layer
// below the last one, keystroke by keystroke.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }));
model.add(tf.layers.dense({ units: 64, activation: 'relu' }));

model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
