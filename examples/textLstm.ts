// Example: a text classifier. Word ids → Embedding → bidirectional LSTM → Dense. Sizes come
// from constants, as real projects keep them.
import * as tf from '@tensorflow/tfjs';

const VOCAB_SIZE = 10000;
const MAX_WORDS = 120;
const EMBEDDING_DIM = 64;
const CLASSES = 4;

const model = tf.sequential();
model.add(tf.layers.embedding({ inputDim: VOCAB_SIZE, outputDim: EMBEDDING_DIM, inputLength: MAX_WORDS, maskZero: true }));
model.add(tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 32, returnSequences: true }) as tf.RNN }));
model.add(tf.layers.lstm({ units: 32 }));
model.add(tf.layers.dropout({ rate: 0.3 }));
model.add(tf.layers.dense({ units: CLASSES, activation: 'softmax' }));

model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
