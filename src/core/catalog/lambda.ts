// Keras 3's Lambda (keras/src/layers/core/lambda_layer.py): wraps a Python function, which we
// do not run. Keras traces the function to get the output shape unless output_shape is given;
// a given tuple is trusted as it is (batch prepended, from the first input), even when the
// function computes something else; a callable output_shape is a function we do not run
// either. So the shape is known only from a tuple. A Lambda never has weights.
import type { ConfigValue, LayerInference, LayerSpec } from '../types';
import { NO_PARAMS } from './config';
import { keras, withKeras } from './keras';

const lambda: LayerSpec = {
  className: 'Lambda',
  factories: [],
  family: 'core',
  doc: 'Applies a Python function (Keras); its output shape is known when output_shape is a tuple.',
  multiInput: true,
  infer(ctx): LayerInference {
    const declared = ctx.config.outputShape;
    const first = ctx.inputs[0] ?? null;
    // A nested tuple declares several outputs: not one shape we can report.
    if (!Array.isArray(declared) || first === null || declared.some((d) => Array.isArray(d))) return { outputShape: null, params: NO_PARAMS, macs: 0 };
    const dims = (declared as readonly ConfigValue[]).map((d) => (typeof d === 'number' ? d : null));
    return { outputShape: [first[0], ...dims], params: NO_PARAMS, macs: 0 };
  },
};

export const lambdaSpecs: readonly LayerSpec[] = [withKeras(lambda, keras('Lambda', 'function output_shape mask arguments'))];
