// Worker entry: parses one Keras weight file off the panel's thread, so a slow or hostile file
// costs a worker the panel can stop (kerasWorkerClient.ts), never the panel itself. Bundled
// into panel.js as a string (scripts/inlineWorkerPlugin.js) and started from a blob: URL, the
// only way a VS Code webview may start a worker.
import { parseKerasWeights, type KerasLimits } from './kerasWeights';
import { toWire, type KerasWorkerRequest } from './kerasWire';

addEventListener('message', (event: MessageEvent<KerasWorkerRequest>) => {
  const { bytes, label, limits } = event.data;
  const parsed = parseKerasWeights(new Uint8Array(bytes), label, limits as KerasLimits | undefined);
  const { message, transfer } = toWire(parsed);
  postMessage(message, { transfer });
});
