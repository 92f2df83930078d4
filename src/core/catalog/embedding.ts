// Embedding, as tfjs-layers/src/layers/embeddings.ts computes it: appends outputDim to the
// input shape; inputLength (a number or an array for 3D+ inputs) fills unknown input dims
// and must agree with known ones. Keras 3 ignores input_length (it warns that the argument is
// deprecated): no check, no declared input.
import { isUnknown, type ConfigValue, type Dim, type LayerInference, type LayerProblem, type LayerSpec } from '../types';
import { checkPositiveInt, formatShape, problem, singleInput } from './config';
import { keras, withKeras } from './keras';
import { withLora } from './kerasLora';

const embedding: LayerSpec = {
  className: 'Embedding',
  factories: ['embedding'],
  family: 'embedding',
  doc: 'Maps integer ids in [0, inputDim) to vectors of size outputDim.',
  infer(ctx): LayerInference {
    const problems: LayerProblem[] = [];
    const required = (key: string): number | null => {
      if (ctx.config[key] === undefined || ctx.config[key] === null) {
        problems.push(problem('config/invalid', `Embedding requires ${key}.`, key));
        return null;
      }
      return checkPositiveInt('Embedding', ctx.config, key, problems);
    };
    const inputDim = required('inputDim');
    const outputDim = required('outputDim');
    const params = withLora(
      ctx,
      inputDim === null || outputDim === null ? null : { trainable: inputDim * outputDim, nonTrainable: 0, formula: `${inputDim}·${outputDim}` },
      inputDim,
      outputDim,
    );
    if (ctx.dialect === 'keras' && ctx.config.inputLength !== undefined) {
      problems.push({
        code: 'config/invalid',
        severity: 'warning',
        message: "Keras 3 ignores Embedding's inputLength (it warns that the argument is deprecated): it declares no input shape and checks nothing. Remove it, and give the shape to keras.Input.",
        property: 'inputLength',
      });
    }
    const done = (inf: LayerInference): LayerInference => (problems.length ? { ...inf, problems } : inf);
    const input = singleInput(ctx.inputs);
    if (input === null) return done({ outputShape: null, params, macs: 0 });
    const lenValue = ctx.config.inputLength;
    if (ctx.dialect === 'keras') return done({ outputShape: [...input, outputDim], params, macs: 0 });
    if (lenValue === undefined || lenValue === null) return done({ outputShape: [...input, outputDim], params, macs: 0 });
    // A declared length must equal the known input dim, so the input's dims are the answer.
    if (isUnknown(lenValue)) return done({ outputShape: [...input, outputDim], params, macs: 0 });
    const lens: ConfigValue[] = Array.isArray(lenValue) ? [...(lenValue as readonly ConfigValue[])] : [lenValue];
    if (lens.length !== input.length - 1) {
      problems.push(problem('shape/rank-mismatch', `Embedding's inputLength ${JSON.stringify(lenValue)} names ${lens.length} axes, but its input ${formatShape(input)} has ${input.length - 1}.`, 'inputLength'));
      return done({ outputShape: null, params, macs: 0 });
    }
    const dims: Dim[] = [];
    for (let k = 0; k < lens.length; k++) {
      const declared = lens[k];
      const actual = input[k + 1];
      if (typeof declared === 'number' && actual !== null && declared !== actual) {
        problems.push(problem('shape/rank-mismatch', `Embedding's inputLength ${JSON.stringify(lenValue)} does not match its input ${formatShape(input)}.`, 'inputLength'));
        return done({ outputShape: null, params, macs: 0 });
      }
      // TF.js keeps a declared length; a null one takes the input's dim.
      dims.push(typeof declared === 'number' ? declared : declared === null ? actual : null);
    }
    return done({ outputShape: [input[0], ...dims, outputDim], params, macs: 0 });
  },
};

export const embeddingSpecs: readonly LayerSpec[] = [
  withKeras(embedding, keras('Embedding', 'input_dim output_dim embeddings_initializer embeddings_regularizer embeddings_constraint mask_zero weights lora_rank lora_alpha quantization_config', { extra: 'input_length' })),
];
