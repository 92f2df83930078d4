// Keras 3's image and numeric preprocessing layers (keras/src/layers/preprocessing/): no TF.js
// counterpart, no trainable weights. Most keep their input shape; Resizing, CenterCrop and
// RandomCrop set height and width (even larger than the input); Normalization holds its
// statistics as non-trainable weights unless mean and variance are given.
//
// Rules (from Keras's compute_output_shape, checked in test/oracle/keras/catalog):
// - Resizing / CenterCrop on a rank-4 input set axes 1, 2 (channels_first: 2, 3); on any other
//   rank Keras takes the input as one unbatched image and sets axes 0, 1 (1, 2).
// - RandomCrop sets axes -3, -2 (channels_first: -2, -1).
// - The random augmentation layers check their factors in the constructor: a number, or a pair,
//   within bounds that differ per class (RandomContrast [0, 1], RandomZoom (-1, 1], others [-1, 1]).
import { isUnknown, type ConfigValue, type Dim, type LayerContext, type LayerInference, type LayerProblem, type LayerSpec } from '../types';
import { NO_PARAMS, problem, product, readDataFormat, resolveAxis, singleInput } from './config';
import { keras, withKeras } from './keras';

const CTOR = 'Keras raises a ValueError when the layer is constructed.';

function done(inf: LayerInference, problems: readonly LayerProblem[]): LayerInference {
  return problems.length ? { ...inf, problems } : inf;
}

function formatProblem(className: string, ctx: LayerContext, problems: LayerProblem[]): 'channelsLast' | 'channelsFirst' | null {
  const f = readDataFormat(ctx.config, 'keras');
  if (f !== 'invalid') return f;
  problems.push(problem('config/invalid', `${className}'s dataFormat must be 'channelsLast' or 'channelsFirst': ${CTOR}`, 'dataFormat'));
  return null;
}

/** A required size (height, width); 0 gives an empty axis, which Keras builds. Null when unknown. */
function requiredSize(className: string, config: LayerContext['config'], key: string, problems: LayerProblem[]): Dim {
  const v = config[key];
  if (v === undefined) {
    problems.push(problem('config/invalid', `${className} requires ${key}: Keras raises a TypeError when the layer is constructed.`, key));
    return null;
  }
  if (typeof v !== 'number') return null;
  if (!Number.isInteger(v) || v < 0) {
    problems.push(problem('config/invalid', `${className}'s ${key} must be an int ≥ 0, but is ${v}: Keras raises a ValueError when the layer is called.`, key));
    return null;
  }
  return v;
}

const FILL_MODES = ['reflect', 'wrap', 'constant', 'nearest'];
const INTERPOLATIONS = ['nearest', 'bilinear'];

/** RandomRotation / RandomZoom / RandomTranslation support only some fill modes and interpolations. */
function checkModes(className: string, ctx: LayerContext, problems: LayerProblem[]): void {
  for (const [key, allowed] of [['fillMode', FILL_MODES], ['interpolation', INTERPOLATIONS]] as const) {
    const v = ctx.config[key];
    if (typeof v === 'string' && !allowed.includes(v)) {
      problems.push(problem('config/invalid', `${className}'s ${key} must be one of ${allowed.map((m) => `'${m}'`).join(', ')}, not '${v}': Keras raises NotImplementedError when the layer is constructed.`, key));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Shape-keeping layers

interface FactorRule {
  readonly key: string;
  readonly required: boolean;
  /** [low, high] bounds; lowOpen: the low bound itself is out (RandomZoom's (-1, 1]). */
  readonly low: number;
  readonly high: number;
  readonly lowOpen?: boolean;
  /** Each element of a pair is checked (RandomZoom, RandomTranslation), or Keras's base rule. */
  readonly perElement?: boolean;
}

function checkFactor(className: string, ctx: LayerContext, rule: FactorRule, problems: LayerProblem[]): void {
  const v = ctx.config[rule.key];
  const range = `${rule.lowOpen ? '(' : '['}${rule.low}, ${rule.high}]`;
  const fail = (): void => {
    problems.push(problem('config/invalid', `${className}'s ${rule.key} must be a number, or a pair of numbers, in ${range}: ${CTOR}`, rule.key));
  };
  if (v === undefined) {
    if (rule.required) problems.push(problem('config/invalid', `${className} requires ${rule.key}: Keras raises a TypeError when the layer is constructed.`, rule.key));
    return;
  }
  const outside = (x: number): boolean => x > rule.high || x < rule.low || (rule.lowOpen === true && x === rule.low);
  if (typeof v === 'number') {
    if (outside(v)) fail();
    return;
  }
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return fail();
  if (!Array.isArray(v)) return;
  const items = v as readonly ConfigValue[];
  if (items.length !== 2) return fail();
  const [a, b] = items;
  if (typeof a === 'string' || typeof b === 'string') return fail();
  if (rule.perElement) {
    if ((typeof a === 'number' && outside(a)) || (typeof b === 'number' && outside(b))) fail();
  } else if ((typeof a === 'number' && a > rule.high) || (typeof b === 'number' && b < rule.low)) {
    // The base class checks only that the pair overlaps the bounds.
    fail();
  }
}

function shapeKeeping(className: string, doc: string, factors: readonly FactorRule[], hasDataFormat: boolean, modes = false): LayerSpec {
  return {
    className,
    factories: [],
    family: 'preprocessing',
    doc,
    infer(ctx): LayerInference {
      const problems: LayerProblem[] = [];
      for (const rule of factors) checkFactor(className, ctx, rule, problems);
      if (hasDataFormat) formatProblem(className, ctx, problems);
      if (modes) checkModes(className, ctx, problems);
      return done({ outputShape: singleInput(ctx.inputs), params: NO_PARAMS, macs: 0 }, problems);
    },
  };
}

const rescaling: LayerSpec = {
  className: 'Rescaling',
  factories: [],
  family: 'preprocessing',
  doc: 'Multiplies by scale and adds offset (Keras); shape unchanged.',
  infer(ctx): LayerInference {
    const problems: LayerProblem[] = [];
    if (ctx.config.scale === undefined) problems.push(problem('config/invalid', 'Rescaling requires scale: Keras raises a TypeError when the layer is constructed.', 'scale'));
    return done({ outputShape: singleInput(ctx.inputs), params: NO_PARAMS, macs: 0 }, problems);
  },
};

// ---------------------------------------------------------------------------------------------
// Layers that set height and width

function sized(className: string, doc: string, axes: (rank: number, channelsFirst: boolean) => readonly number[], ranks?: readonly number[]): LayerSpec {
  return {
    className,
    factories: [],
    family: 'preprocessing',
    doc,
    infer(ctx): LayerInference {
      const problems: LayerProblem[] = [];
      const height = requiredSize(className, ctx.config, 'height', problems);
      const width = requiredSize(className, ctx.config, 'width', problems);
      const format = formatProblem(className, ctx, problems);
      const input = singleInput(ctx.inputs);
      if (input === null || problems.length) return done({ outputShape: null, params: NO_PARAMS, macs: 0 }, problems);
      if (format === null) return { outputShape: input.map(() => null), params: NO_PARAMS, macs: 0 };
      const [h, w] = axes(input.length, format === 'channelsFirst');
      const out = [...input];
      const hi = resolveAxis(h, input.length);
      const wi = resolveAxis(w, input.length);
      if (hi === null || wi === null || (ranks && !ranks.includes(input.length))) {
        const message = `${className} needs an image input (rank 3, or 4 for a batch), but gets rank ${input.length}: Keras raises when the layer is called.`;
        return done({ outputShape: null, params: NO_PARAMS, macs: 0 }, [problem('shape/rank-mismatch', message)]);
      }
      out[hi] = height;
      out[wi] = width;
      return { outputShape: out, params: NO_PARAMS, macs: 0 };
    },
  };
}

/** Resizing and CenterCrop: a rank-4 input is a batch; any other rank one unbatched image. */
const imageAxes = (rank: number, channelsFirst: boolean): readonly number[] => (rank === 4 ? (channelsFirst ? [2, 3] : [1, 2]) : channelsFirst ? [1, 2] : [0, 1]);

// ---------------------------------------------------------------------------------------------
// Normalization: statistics as non-trainable weights

const normalization: LayerSpec = {
  className: 'Normalization',
  factories: [],
  family: 'preprocessing',
  doc: 'Subtracts a mean and divides by a standard deviation per feature (Keras; adapt() or mean/variance).',
  infer(ctx): LayerInference {
    const { config } = ctx;
    const given = config.mean !== undefined && config.mean !== null;
    const sure = !isUnknown(config.mean) && !isUnknown(config.variance);
    if (sure && given !== (config.variance !== undefined && config.variance !== null)) {
      return { outputShape: null, params: null, macs: null, problems: [problem('config/invalid', `Normalization needs both mean and variance, or neither: ${CTOR}`, given ? 'variance' : 'mean')] };
    }
    const input = singleInput(ctx.inputs);
    if (input === null) return { outputShape: null, params: given ? NO_PARAMS : null, macs: null };
    const raw = config.axis === undefined ? [-1] : config.axis === null ? [] : typeof config.axis === 'number' ? [config.axis] : Array.isArray(config.axis) ? (config.axis as readonly ConfigValue[]) : null;
    if (raw === null) return { outputShape: input, params: given ? NO_PARAMS : null, macs: null };
    const kept: number[] = [];
    for (const a of raw) {
      if (typeof a !== 'number') return { outputShape: input, params: given ? NO_PARAMS : null, macs: null };
      const r = resolveAxis(a, input.length);
      if (r === null) {
        const message = `Normalization's axis ${a} is not an axis of its ${input.length}D input: Keras raises a ValueError when the layer is built.`;
        return { outputShape: null, params: null, macs: null, problems: [problem('config/invalid', message, 'axis')] };
      }
      kept.push(r);
    }
    // Given statistics are constants; adapt() ones are weights: mean and variance over the kept axes, and a count.
    if (given) return { outputShape: input, params: NO_PARAMS, macs: product(input.slice(1)) };
    const dims = [...new Set(kept)].sort((a, b) => a - b).map((a) => input[a]);
    const size = product(dims);
    if (size === null) return { outputShape: input, params: null, macs: null };
    const sizeText = dims.length === 0 ? '1' : dims.length === 1 ? String(size) : `(${dims.join('·')})`;
    return { outputShape: input, params: { trainable: 0, nonTrainable: 2 * size + 1, formula: `2·${sizeText} + 1` }, macs: product(input.slice(1)) };
  },
};

const RANDOM_IMAGE = 'fill_mode interpolation seed fill_value data_format';

export const preprocessingSpecs: readonly LayerSpec[] = [
  withKeras(rescaling, keras('Rescaling', 'scale offset')),
  withKeras(normalization, keras('Normalization', 'axis mean variance invert')),
  withKeras(sized('Resizing', 'Resizes images to height × width (Keras).', imageAxes), keras('Resizing', 'height width interpolation crop_to_aspect_ratio pad_to_aspect_ratio fill_mode fill_value antialias data_format')),
  withKeras(sized('CenterCrop', 'Crops (or pads) the centre of images to height × width (Keras).', imageAxes, [3, 4]), keras('CenterCrop', 'height width data_format')),
  withKeras(
    sized('RandomCrop', 'Crops images to height × width at a random place in training, the centre otherwise (Keras).', (_, cf) => (cf ? [-2, -1] : [-3, -2])),
    keras('RandomCrop', 'height width seed data_format name'),
  ),
  withKeras(shapeKeeping('RandomFlip', 'Flips images at random during training (Keras); shape unchanged.', [], true), keras('RandomFlip', 'mode seed data_format')),
  withKeras(
    shapeKeeping('RandomRotation', 'Rotates images at random during training (Keras); shape unchanged.', [{ key: 'factor', required: true, low: -1, high: 1 }], true, true),
    keras('RandomRotation', 'factor fill_mode interpolation seed fill_value data_format'),
  ),
  withKeras(
    shapeKeeping(
      'RandomZoom',
      'Zooms images at random during training (Keras); shape unchanged.',
      [
        { key: 'heightFactor', required: true, low: -1, high: 1, lowOpen: true, perElement: true },
        { key: 'widthFactor', required: false, low: -1, high: 1, lowOpen: true, perElement: true },
      ],
      true,
      true,
    ),
    keras('RandomZoom', `height_factor width_factor ${RANDOM_IMAGE}`),
  ),
  withKeras(shapeKeeping('RandomContrast', 'Adjusts contrast at random during training (Keras); shape unchanged.', [{ key: 'factor', required: true, low: 0, high: 1 }], false), keras('RandomContrast', 'factor value_range seed')),
  withKeras(
    shapeKeeping(
      'RandomTranslation',
      'Shifts images at random during training (Keras); shape unchanged.',
      [
        { key: 'heightFactor', required: true, low: -1, high: 1, perElement: true },
        { key: 'widthFactor', required: true, low: -1, high: 1, perElement: true },
      ],
      true,
      true,
    ),
    keras('RandomTranslation', `height_factor width_factor ${RANDOM_IMAGE}`),
  ),
  withKeras(shapeKeeping('RandomBrightness', 'Adjusts brightness at random during training (Keras); shape unchanged.', [{ key: 'factor', required: true, low: -1, high: 1 }], false), keras('RandomBrightness', 'factor value_range seed')),
];
