// InputLayer (tfjs-layers/src/engine/input_layer.ts): its output is the declared input,
// batchInputShape or [batchSize, ...inputShape]; giving both, or neither, throws.
import type { LayerInference, LayerProblem, LayerSpec } from '../types';
import { isUnknown } from '../types';
import { NO_PARAMS, problem } from './config';
import { impliedBatchInputShape } from './inputShape';
import { keras, withKeras } from './keras';

const inputLayer: LayerSpec = {
  className: 'InputLayer',
  factories: ['inputLayer'],
  family: 'input',
  doc: 'The model input: a symbolic tensor of batchInputShape (or [batchSize, ...inputShape]).',
  infer(ctx): LayerInference {
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
