// The worker side of tfRunner.ts: runs each file it is sent in real TF.js (CPU backend) and
// answers what happened. A worker, because some configs TF.js accepts make it loop for ever
// (a transposed convolution with strides 0), and only a worker can be stopped from outside.
import { parentPort } from 'worker_threads';
import * as tf from '@tensorflow/tfjs';
import { removeTranspiledFixtures } from './runFixture';
import { runVariant } from './runVariant';

export interface WorkerRequest {
  readonly id: number;
  readonly text: string;
  readonly absolutePath: string;
  readonly label: string;
}

tf.env().set('IS_TEST', true);
const ready = tf.setBackend('cpu');

parentPort?.on('message', (request: WorkerRequest) => {
  void ready.then(() => {
    const outcome = runVariant(request.text, request.absolutePath, request.label);
    // Each run cleans up after itself: a worker stopped for hanging cannot.
    removeTranspiledFixtures();
    parentPort?.postMessage({ id: request.id, outcome });
  });
});
