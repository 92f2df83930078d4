// Keras 3's categorical preprocessing layers: CategoryEncoding, Hashing, StringLookup,
// IntegerLookup, TextVectorization. No TF.js counterpart, no weights counted.
//
// Hashing, the lookups and TextVectorization need real TensorFlow (without it their
// constructors raise ImportError), so the oracle cannot run them here: the rules below follow
// their compute_output_shape in Keras 3.15.1's source.
// - CategoryEncoding: the last axis becomes num_tokens ('one_hot' appends it instead, unless
//   the last dim is 1; a rank-1 'one_hot' input appends).
// - Hashing: 'int' keeps the shape; other modes replace the last axis by num_bins.
// - StringLookup / IntegerLookup: 'int' keeps the shape; 'one_hot' appends the vocabulary
//   size (replacing a trailing 1); 'multi_hot', 'count', 'tf_idf' replace the last axis. The
//   size is max_tokens with pad_to_max_tokens, else the vocabulary + OOV indices + the mask.
// - TextVectorization: 'int' gives (batch, output_sequence_length); other modes add the split
//   tokens axis (split=None: a trailing 1 for rank ≤ 1) and then follow the lookup rule.
// - Discretization (runs without TensorFlow; checked by the oracle): 'int' keeps the shape;
//   'one_hot' follows the lookup rule; 'multi_hot' / 'count' drop axis 1 and append the
//   number of bins (len(bin_boundaries) + 1, or num_bins).
import { isUnknown, type ConfigValue, type Dim, type LayerContext, type LayerInference, type LayerProblem, type LayerSpec, type MaybeShape, type Shape } from '../types';
import { NO_PARAMS, problem, readBool, readNumber, readString, singleInput } from './config';
import { keras, withKeras } from './keras';

const CTOR = 'Keras raises a ValueError when the layer is constructed.';
const UNKNOWN_SHAPE: LayerInference = { outputShape: null, params: NO_PARAMS, macs: 0 };

function fail(problems: LayerProblem[]): LayerInference {
  return { ...UNKNOWN_SHAPE, problems };
}

function modeOf(className: string, ctx: LayerContext, def: string, allowed: readonly string[], problems: LayerProblem[]): string | null {
  const mode = readString(ctx.config, 'outputMode', def);
  if (mode !== null && !allowed.includes(mode)) {
    problems.push(problem('config/invalid', `${className}'s outputMode must be one of ${allowed.map((m) => `'${m}'`).join(', ')}, not '${mode}': ${CTOR}`, 'outputMode'));
    return null;
  }
  return mode;
}

/** `input[:-1] + (depth,)`, Keras's rule for multi-hot style encodings (rank 0 gives (depth,)). */
function replaceLast(input: Shape, depth: Dim): Shape {
  return input.length === 0 ? [depth] : [...input.slice(0, -1), depth];
}

/**
 * The lookup rule for 'one_hot': a trailing 1 is replaced (rank > 1), otherwise depth is
 * appended. A null last dim might be a 1 we cannot see: then even the rank is unknown.
 */
function oneHot(input: Shape, depth: Dim, replaceRankOne: boolean): MaybeShape {
  const last = input[input.length - 1];
  const mayReplace = input.length > 1 || replaceRankOne;
  if (mayReplace && last === null) return null;
  return mayReplace && last === 1 ? [...input.slice(0, -1), depth] : [...input, depth];
}

const categoryEncoding: LayerSpec = {
  className: 'CategoryEncoding',
  factories: [],
  family: 'preprocessing',
  doc: 'Encodes integer ids as one-hot, multi-hot or count vectors of size num_tokens (Keras).',
  infer(ctx): LayerInference {
    const problems: LayerProblem[] = [];
    const raw = readString(ctx.config, 'outputMode', 'multi_hot');
    const mode = raw === 'binary' ? 'multi_hot' : raw;
    if (mode !== null && !['count', 'one_hot', 'multi_hot'].includes(mode)) {
      problems.push(problem('config/invalid', `CategoryEncoding's outputMode must be 'multi_hot', 'one_hot' or 'count', not '${mode}': ${CTOR}`, 'outputMode'));
    }
    const n = ctx.config.numTokens;
    if (n === undefined || n === null) problems.push(problem('config/invalid', `CategoryEncoding requires numTokens: ${CTOR}`, 'numTokens'));
    else if (typeof n === 'number' && (!Number.isInteger(n) || n < 1)) problems.push(problem('config/invalid', `CategoryEncoding's numTokens must be ≥ 1, but is ${n}: ${CTOR}`, 'numTokens'));
    if (problems.length) return fail(problems);
    const depth = typeof n === 'number' ? n : null;
    const input = singleInput(ctx.inputs);
    if (input === null || mode === null) return UNKNOWN_SHAPE;
    if (input.length === 0) return { outputShape: [depth], params: NO_PARAMS, macs: 0 };
    // 'one_hot' always appends to a rank-1 input; otherwise a trailing 1 is replaced.
    const outputShape = mode === 'one_hot' ? (input.length === 1 ? [...input, depth] : oneHot(input, depth, false)) : replaceLast(input, depth);
    return { outputShape, params: NO_PARAMS, macs: 0 };
  },
};

const hashing: LayerSpec = {
  className: 'Hashing',
  factories: [],
  family: 'preprocessing',
  doc: 'Hashes values into num_bins buckets (Keras; needs TensorFlow to run).',
  infer(ctx): LayerInference {
    const problems: LayerProblem[] = [];
    const bins = ctx.config.numBins;
    if (bins === undefined || bins === null || (typeof bins === 'number' && (!Number.isInteger(bins) || bins <= 0))) {
      problems.push(problem('config/invalid', `Hashing's numBins must be a positive int: ${CTOR}`, 'numBins'));
    }
    const mode = modeOf('Hashing', ctx, 'int', ['int', 'one_hot', 'multi_hot', 'count'], problems);
    if (problems.length) return fail(problems);
    const input = singleInput(ctx.inputs);
    if (input === null || mode === null) return UNKNOWN_SHAPE;
    return { outputShape: mode === 'int' ? input : replaceLast(input, typeof bins === 'number' ? bins : null), params: NO_PARAMS, macs: 0 };
  },
};

/** The number of entries of a vocabulary given as a list; null for a file path or an unknown. */
function vocabularyLength(v: ConfigValue): number | null {
  return Array.isArray(v) ? v.length : null;
}

/** The depth of a lookup's encodings: max_tokens with padding, else vocabulary + OOV + mask. */
function lookupDepth(ctx: LayerContext, extra: (number | null)[]): Dim {
  const pad = readBool(ctx.config, 'padToMaxTokens', false);
  if (pad === null) return null;
  if (pad) return readNumber(ctx.config, 'maxTokens') ?? null;
  const vocab = vocabularyLength(ctx.config.vocabulary);
  if (vocab === null || extra.some((e) => e === null)) return null;
  return vocab + (extra as number[]).reduce((a, b) => a + b, 0);
}

function lookupShape(mode: string, input: Shape, depth: Dim): MaybeShape {
  if (mode === 'int') return input;
  if (mode === 'one_hot') return oneHot(input, depth, false);
  return replaceLast(input, depth);
}

const LOOKUP_MODES = ['int', 'one_hot', 'multi_hot', 'count', 'tf_idf'];

function lookupSpec(className: 'StringLookup' | 'IntegerLookup'): LayerSpec {
  return {
    className,
    factories: [],
    family: 'preprocessing',
    doc: `Maps ${className === 'StringLookup' ? 'strings' : 'integers'} to vocabulary indices or encodings (Keras; needs TensorFlow to run).`,
    infer(ctx): LayerInference {
      const problems: LayerProblem[] = [];
      const mode = modeOf(className, ctx, 'int', LOOKUP_MODES, problems);
      if (problems.length) return fail(problems);
      const input = singleInput(ctx.inputs);
      if (input === null || mode === null) return { outputShape: null, params: mode === 'tf_idf' ? null : NO_PARAMS, macs: 0 };
      const oov = readNumber(ctx.config, 'numOovIndices', 1);
      const mask = ctx.config.maskToken === undefined || ctx.config.maskToken === null ? 0 : 1;
      const depth = lookupDepth(ctx, [oov, mask]);
      return { outputShape: lookupShape(mode, input, depth), params: mode === 'tf_idf' ? null : NO_PARAMS, macs: 0 };
    },
  };
}

const textVectorization: LayerSpec = {
  className: 'TextVectorization',
  factories: [],
  family: 'preprocessing',
  doc: 'Splits strings into tokens and maps them to indices or encodings (Keras; needs TensorFlow to run).',
  infer(ctx): LayerInference {
    const problems: LayerProblem[] = [];
    const mode = modeOf('TextVectorization', ctx, 'int', LOOKUP_MODES, problems);
    if (problems.length) return fail(problems);
    const input = singleInput(ctx.inputs);
    const params = mode === 'tf_idf' ? null : NO_PARAMS;
    if (input === null || mode === null) return { outputShape: null, params, macs: 0 };
    if (mode === 'int') {
      const length = ctx.config.outputSequenceLength;
      return { outputShape: [input[0], typeof length === 'number' ? length : null], params, macs: 0 };
    }
    const split = ctx.config.split;
    if (split !== undefined && split !== null && typeof split !== 'string') return { outputShape: null, params, macs: 0 };
    // The vocabulary gets one OOV index ([UNK]); the mask ('') counts only in 'int' mode.
    const depth = lookupDepth(ctx, [1]);
    if (split !== null) {
      // Splitting adds a tokens axis of unknown length (a real None: never a 1 to replace).
      return { outputShape: mode === 'one_hot' ? [...input, null, depth] : [...input, depth], params, macs: 0 };
    }
    return { outputShape: lookupShape(mode, input.length <= 1 ? [...input, 1] : input, depth), params, macs: 0 };
  },
};

const discretization: LayerSpec = {
  className: 'Discretization',
  factories: [],
  family: 'preprocessing',
  doc: 'Buckets numbers by bin_boundaries (or num_bins with adapt()) into bin indices or encodings (Keras).',
  infer(ctx): LayerInference {
    const problems: LayerProblem[] = [];
    const { binBoundaries, numBins } = ctx.config;
    const given = (v: ConfigValue): boolean => v !== undefined && v !== null;
    // An Unknown may be None or not: neither check can be certain then.
    const sure = !isUnknown(binBoundaries) && !isUnknown(numBins);
    if (sure && given(binBoundaries) && given(numBins)) problems.push(problem('config/invalid', `Discretization takes binBoundaries or numBins, not both: ${CTOR}`, 'numBins'));
    else if (sure && !given(binBoundaries) && !given(numBins)) problems.push(problem('config/invalid', `Discretization needs binBoundaries or numBins: ${CTOR}`, 'binBoundaries'));
    else if (typeof numBins === 'number' && numBins < 0) problems.push(problem('config/invalid', `Discretization's numBins must be ≥ 0, but is ${numBins}: ${CTOR}`, 'numBins'));
    const mode = modeOf('Discretization', ctx, 'int', ['int', 'one_hot', 'multi_hot', 'count'], problems);
    if (problems.length) return fail(problems);
    const input = singleInput(ctx.inputs);
    if (input === null || mode === null) return UNKNOWN_SHAPE;
    if (mode === 'int') return { outputShape: input, params: NO_PARAMS, macs: 0 };
    const bounds = vocabularyLength(binBoundaries ?? null);
    const depth = given(binBoundaries) ? (bounds === null ? null : bounds + 1) : typeof numBins === 'number' ? numBins : null;
    if (mode === 'one_hot') return { outputShape: oneHot(input, depth, false), params: NO_PARAMS, macs: 0 };
    return { outputShape: input.length >= 2 ? [input[0], ...input.slice(2), depth] : [depth], params: NO_PARAMS, macs: 0 };
  },
};

export const encodingSpecs: readonly LayerSpec[] = [
  withKeras(discretization, keras('Discretization', 'bin_boundaries num_bins epsilon output_mode sparse dtype name', { closed: true })),
  withKeras(categoryEncoding, keras('CategoryEncoding', 'num_tokens output_mode sparse')),
  withKeras(hashing, keras('Hashing', 'num_bins mask_value salt output_mode sparse')),
  withKeras(
    lookupSpec('StringLookup'),
    keras('StringLookup', 'max_tokens num_oov_indices mask_token oov_token vocabulary idf_weights invert output_mode pad_to_max_tokens sparse encoding name salt'),
  ),
  withKeras(
    lookupSpec('IntegerLookup'),
    keras('IntegerLookup', 'max_tokens num_oov_indices mask_token oov_token vocabulary vocabulary_dtype idf_weights invert output_mode sparse pad_to_max_tokens oov_method salt name'),
  ),
  withKeras(
    textVectorization,
    keras('TextVectorization', 'max_tokens standardize split ngrams output_mode output_sequence_length pad_to_max_tokens vocabulary idf_weights sparse ragged encoding name'),
  ),
];
