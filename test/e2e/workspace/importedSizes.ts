// A dense classifier whose hidden width comes from another file of the workspace (sizes.ts).
import * as tf from '@tensorflow/tfjs';
import { HIDDEN } from './sizes';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: HIDDEN, activation: 'relu' }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
