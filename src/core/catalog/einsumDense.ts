// Keras 3's EinsumDense (keras/src/layers/core/einsum_dense.py): a dense layer described by an
// einsum equation "input,weight->output" and the output's shape without its batch axis. The
// weight's dims come from the output shape where the output spec names them, else from the
// input; a bias spans the output axes from the first one bias_axes names. Equations take one
// of three forms: "ab,bc->ac", left-elided "...b,bc->...c", right-elided "ab...,bc->ac...".
import type { ConfigValue, Dim, LayerContext, LayerInference, LayerProblem, LayerSpec, Shape } from '../types';
import { formatShape, problem, product, singleInput } from './config';
import { keras, withKeras } from './keras';
import { withLora } from './kerasLora';

const CALL = 'Keras raises a ValueError when the layer is called.';

interface Equation {
  readonly input: string;
  readonly weight: string;
  readonly output: string;
  readonly leftElided: boolean;
}

function parseEquation(text: string): Equation | null {
  const plain = /^([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)$/.exec(text);
  if (plain) return { input: plain[1], weight: plain[2], output: plain[3], leftElided: false };
  const left = /^\.\.\.([a-zA-Z]+),([a-zA-Z]+)->\.\.\.([a-zA-Z]+)$/.exec(text);
  if (left) return { input: left[1], weight: left[2], output: left[3], leftElided: true };
  const right = /^([a-zA-Z]{2,})\.\.\.,([a-zA-Z]+)->([a-zA-Z]+)\.\.\.$/.exec(text);
  if (right) return { input: right[1], weight: right[2], output: right[3], leftElided: false };
  return null;
}

interface Analysis {
  readonly output: Dim[];
  readonly kernel: Dim[];
  readonly bias: Dim[] | null;
}

/** Keras's _analyze_split_string, re-derived: the full output shape and the weight shapes. */
function analyse(eq: Equation, input: Shape, partial: readonly Dim[], biasAxes: string | null): Analysis | string {
  const rank = input.length;
  const elided = rank - eq.input.length;
  const output: Dim[] = [input[0], ...partial];
  // Keras inserts the elided leading dims one by one at index 1 (so more than one come reversed).
  if (elided > 0 && eq.leftElided) for (let i = 1; i < elided; i++) output.splice(1, 0, input[i]);
  else if (elided > 0) for (let i = rank - elided; i < rank; i++) output.push(input[i]);
  const inputAt = new Map<string, number>([...eq.input].map((c, i) => [c, eq.leftElided ? i + elided : i]));
  const outputAt = new Map<string, number>([...eq.output].map((c, i) => [c, eq.leftElided ? i + elided : i]));
  for (const c of eq.input) {
    const o = outputAt.get(c);
    const i = inputAt.get(c) as number;
    if (o === undefined) continue;
    const od = output[o];
    const id = input[i];
    if (od !== null && od !== undefined && id !== null && id !== undefined && od !== id) return `EinsumDense's output dim ${od} for '${c}' differs from the input's ${id}: ${CALL}`;
  }
  for (const c of eq.output) if (!eq.input.includes(c) && !eq.weight.includes(c)) return `EinsumDense's output axis '${c}' is in neither the input nor the weight spec: ${CALL}`;
  const kernel: Dim[] = [];
  for (const c of eq.weight) {
    const o = outputAt.get(c);
    const i = inputAt.get(c);
    if (o !== undefined) kernel.push(output[o] ?? null);
    else if (i !== undefined) kernel.push(input[i] ?? null);
    else return `EinsumDense's weight axis '${c}' is in neither the input nor the output spec: ${CALL}`;
  }
  let bias: Dim[] | null = null;
  if (biasAxes !== null) {
    for (const c of biasAxes) if (!eq.output.includes(c)) return `EinsumDense's bias axis '${c}' is not in the output spec '${eq.output}': ${CALL}`;
    const first = Math.min(...[...biasAxes].map((c) => eq.output.indexOf(c)));
    const shift = eq.leftElided ? elided : 0;
    bias = [...eq.output.slice(first)].map((c) => (biasAxes.includes(c) ? (output[eq.output.indexOf(c) + shift] ?? null) : 1));
    if (!eq.leftElided) for (let i = 0; i < elided; i++) bias.push(1);
  }
  return { output, kernel, bias };
}

function partialShape(v: ConfigValue): Dim[] | null {
  if (typeof v === 'number') return [v];
  if (!Array.isArray(v)) return null;
  return (v as readonly ConfigValue[]).map((d) => (typeof d === 'number' ? d : null));
}

const einsumDense: LayerSpec = {
  className: 'EinsumDense',
  factories: [],
  family: 'core',
  doc: 'A dense layer given by an einsum equation and an output shape (Keras).',
  infer(ctx: LayerContext): LayerInference {
    const problems: LayerProblem[] = [];
    const { equation, outputShape: partialValue, biasAxes } = ctx.config;
    for (const key of ['equation', 'outputShape']) {
      if (ctx.config[key] === undefined) problems.push(problem('config/invalid', `EinsumDense requires ${key}: Keras raises a TypeError when the layer is constructed.`, key));
    }
    if (problems.length) return { outputShape: null, params: null, macs: null, problems };
    if (typeof equation !== 'string') return { outputShape: null, params: null, macs: null };
    const eq = parseEquation(equation);
    if (eq === null) {
      const message = `EinsumDense's equation '${equation}' is not of the form "ab,bc->ac", "...b,bc->...c" or "ab...,bc->ac...": ${CALL}`;
      return { outputShape: null, params: null, macs: null, problems: [problem('config/invalid', message, 'equation')] };
    }
    const partial = partialShape(partialValue);
    const bias = biasAxes === undefined || biasAxes === null ? null : typeof biasAxes === 'string' ? biasAxes : undefined;
    const input = singleInput(ctx.inputs);
    if (input === null || partial === null || bias === undefined) return { outputShape: null, params: null, macs: null };
    const got = analyse(eq, input, partial, bias);
    if (typeof got === 'string') return { outputShape: null, params: null, macs: null, problems: [problem('config/invalid', got, 'equation')] };
    const k = product(got.kernel);
    const b = got.bias === null ? 0 : product(got.bias);
    const base = k === null || b === null ? null : { trainable: k + b, nonTrainable: 0, formula: got.bias === null ? got.kernel.join('·') : `${got.kernel.join('·')} + ${got.bias.join('·')}` };
    const params = withLora(ctx, base, product(got.kernel.slice(0, -1)), got.kernel[got.kernel.length - 1] ?? null);
    // Keras inserts several elided leading axes in reverse order: its symbolic shape then
    // contradicts the tensor the layer computes (the model still builds).
    const rank = input.length;
    const reversed = eq.leftElided && rank - eq.input.length >= 3 && input.slice(1, rank - eq.input.length).some((d, i, all) => d !== all[all.length - 1 - i]);
    const warnings = reversed
      ? [{ code: 'config/invalid', severity: 'warning' as const, message: `Keras declares EinsumDense's output as ${formatShape(got.output)}, with the elided axes reversed, but the layer computes them in input order: layers after it see the wrong shape.`, property: 'equation' }]
      : [];
    return { outputShape: got.output, params, macs: null, ...(warnings.length ? { problems: warnings } : {}) };
  },
};

export const einsumDenseSpecs: readonly LayerSpec[] = [
  withKeras(
    einsumDense,
    keras(
      'EinsumDense',
      'equation output_shape activation bias_axes kernel_initializer bias_initializer kernel_regularizer bias_regularizer kernel_constraint bias_constraint lora_rank lora_alpha gptq_unpacked_column_size quantization_config',
    ),
  ),
];
