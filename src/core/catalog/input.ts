// InputLayer (tfjs-layers/src/engine/input_layer.ts): its output is the declared input,
// batchInputShape or [batchSize, ...inputShape]; giving both, or neither, throws.
// Keras 3 spells them shape / batch_shape (the legacy input_shape / batch_input_shape still
// work): shape with batch_size, or batch_shape; both, or neither, raise in the constructor.
import type { ConfigValue, Dim, LayerConfig, LayerInference, LayerProblem, LayerSpec } from '../types';
import { isUnknown } from '../types';
import { NO_PARAMS, problem } from './config';
import { impliedBatchInputShape } from './inputShape';
import { keras, withKeras } from './keras';

function dims(v: ConfigValue): Dim[] | null {
  if (!Array.isArray(v)) return null;
  return (v as readonly ConfigValue[]).map((d) => (typeof d === 'number' ? d : null));
}

function inferKerasInputLayer(config: LayerConfig): LayerInference {
  const has = (key: string): boolean => config[key] !== undefined && config[key] !== null;
  const shapeKey = has('shape') ? 'shape' : has('inputShape') ? 'inputShape' : null;
  const batchKey = has('batchShape') ? 'batchShape' : has('batchInputShape') ? 'batchInputShape' : null;
  const fail = (message: string, property?: string): LayerInference => ({ outputShape: null, params: NO_PARAMS, macs: 0, problems: [problem('config/invalid', message, property)] });
  // An Unknown may be None: then neither "both" nor "neither" is certain.
  if (['shape', 'inputShape', 'batchShape', 'batchInputShape'].some((k) => isUnknown(config[k]))) return { outputShape: null, params: NO_PARAMS, macs: 0 };
  if (shapeKey && batchKey) return fail('InputLayer takes shape or batchShape, not both: Keras raises a ValueError when the layer is constructed.', batchKey);
  if (!shapeKey && !batchKey) return fail('InputLayer needs a shape (or a batchShape): Keras raises a ValueError when the layer is constructed.');
  const batch = typeof config.batchSize === 'number' ? config.batchSize : null;
  const shape = batchKey ? dims(config[batchKey]) : (() => {
    const d = dims(config[shapeKey as string]);
    return d === null ? null : [batch, ...d];
  })();
  return { outputShape: shape, params: NO_PARAMS, macs: 0 };
}

const inputLayer: LayerSpec = {
  className: 'InputLayer',
  factories: ['inputLayer'],
  family: 'input',
  doc: 'The model input: a symbolic tensor of batchInputShape (or [batchSize, ...inputShape]).',
  infer(ctx): LayerInference {
    if (ctx.dialect === 'keras') return inferKerasInputLayer(ctx.config);
    const problems: LayerProblem[] = [];
    const { config } = ctx;
    const has = (key: string): boolean => config[key] !== undefined && config[key] !== null;
    if (has('inputShape') && has('batchInputShape')) {
      problems.push(problem('config/invalid', 'InputLayer takes inputShape or batchInputShape, not both.', 'batchInputShape'));
    } else if (!has('inputShape') && !has('batchInputShape')) {
      problems.push(problem('config/invalid', 'InputLayer needs an inputShape or a batchInputShape.'));
    } else if (has('batchInputShape') && has('batchSize')) {
      problems.push(problem('config/invalid', 'InputLayer cannot take batchSize together with batchInputShape.', 'batchSize'));
    }
    const shape = problems.length ? undefined : impliedBatchInputShape('InputLayer', config);
    const outputShape = shape === undefined || isUnknown(shape) ? null : shape;
    const inference: LayerInference = { outputShape, params: NO_PARAMS, macs: 0 };
    return problems.length ? { ...inference, problems } : inference;
  },
};

export const inputSpecs: readonly LayerSpec[] = [withKeras(inputLayer, keras('InputLayer', 'shape batch_size dtype sparse ragged batch_shape input_tensor optional name', { extra: 'input_shape batch_input_shape' }))];
