// Keras 3 signatures for catalog entries: the class names Keras exports (canonical, then
// aliases), the positional parameters of its constructor in order, and keywords that map to a
// canonical config key other than their camelCase. Positional lists follow
// `inspect.signature(cls.__init__)` of Keras 3.15.1 exactly (the oracle tests hold them).
import type { KerasSignature, LayerSpec } from '../types';

function camel(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * `keras('MaxPooling2D MaxPool2D', 'pool_size strides padding data_format name')`: names
 * separated by spaces, positional parameters as Keras spells them.
 */
export function keras(
  names: string,
  positional: string,
  options: { keywords?: Record<string, string>; namePrefix?: string; extra?: string; closed?: boolean; namesAtBuild?: string } = {},
): KerasSignature {
  const params = positional.split(/\s+/).filter(Boolean);
  return {
    names: names.split(/\s+/).filter(Boolean),
    params,
    positional: params.map((p) => options.keywords?.[p] ?? camel(p)),
    ...(options.keywords ? { keywords: options.keywords } : {}),
    ...(options.namePrefix ? { namePrefix: options.namePrefix } : {}),
    ...(options.extra ? { extraKeywords: options.extra.split(/\s+/).filter(Boolean) } : {}),
    ...(options.closed ? { closed: true } : {}),
    ...(options.namesAtBuild ? { namesAtBuild: options.namesAtBuild.split(/\s+/).filter(Boolean) } : {}),
  };
}

/** The entry with its Keras signature. */
export function withKeras(spec: LayerSpec, signature: KerasSignature): LayerSpec {
  return { ...spec, keras: signature };
}

/** Positional parameters shared by Keras's convolution classes after `kernel_size`. */
export const CONV_TAIL =
  'strides padding data_format dilation_rate groups activation use_bias kernel_initializer bias_initializer kernel_regularizer bias_regularizer activity_regularizer kernel_constraint bias_constraint';
