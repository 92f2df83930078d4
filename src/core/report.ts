// The JSON form of an analysis: the CLI's `--json` output, the language server's custom
// `shapelens/models` request and the webview's input all use these shapes. Keep them stable;
// extra fields are allowed, renames are not.
import type { Severity } from './types';

/** JSON-safe config value; a value the analyzer could not determine is `{ "unknown": reason }`. */
export type JsonValue = number | string | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** 1-based lines and columns, like eslint. endColumn is exclusive. */
/** A size the code names but does not fix (`numFeatures`, `x_train.shape[1]`). */
export interface SymbolReport {
  name: string;
  range: ReportRange;
  /** Why it is not a constant ("a parameter of buildModel, which no call in this file gives a value"). */
  why: string;
}

export interface ReportRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Notebooks only: the 1-based code cell (code cells counted alone); line/column are cell-relative. */
  cell?: number;
}

/** One tensor shape: a dimension per axis, batch first; null for a size not known. */
export type ReportShape = (number | null)[];

/** The first (or only) output shape of a layer report. */
export function primaryShape(shape: LayerReport['outputShape']): ReportShape | null {
  if (shape === null || shape.length === 0) return shape as ReportShape | null;
  return Array.isArray(shape[0]) ? (shape[0] as ReportShape) : (shape as ReportShape);
}

/**
 * One application of a layer to tensors. A layer object applied more than once (a siamese
 * tower) is listed once in `layers`, as TF.js's `model.layers` and Keras's summary list it, with
 * every application here.
 */
export interface LayerCall {
  /** 1-based line of the call. */
  line: number;
  /** Notebooks only: the 1-based code cell of `line`. */
  cell?: number;
  range: ReportRange;
  /** Producer indices in `layers`. */
  inputs: number[];
  /** Which application (node) of each producer made the tensor; absent when all are 0 (the first). */
  inputNodes?: number[];
  /** Python: which output of each producer; absent when all are 0. */
  inputOutputs?: number[];
  inputShapes: ((number | null)[] | null)[];
  outputShape: ReportShape | ReportShape[] | null;
}

export interface LayerReport {
  /** Index of this layer in the model's `layers` array (also used in `inputs`). */
  index: number;
  /** TF.js class name ('Conv2D', 'InputLayer'); null for an unknown factory. */
  className: string | null;
  /** Display name (config name, else TF.js-like generated name). */
  name: string;
  /** 1-based line of the layer call. */
  line: number;
  /** Notebooks only: the 1-based code cell of `line`. */
  cell?: number;
  range: ReportRange;
  /**
   * The output shape (batch included, null for an unknown size). A layer with several outputs
   * (Python: an LSTM with return_state) gives a list of shapes, as Keras's `layer.output.shape`;
   * `primaryShape` reads the first.
   */
  outputShape: ReportShape | ReportShape[] | null;
  inputShapes: ((number | null)[] | null)[];
  /**
   * Present when a dim of the output is an expression over symbols (README, "Symbolic
   * dimensions"): each dim a number, null, or an expression in the plain grammar (`"IMG-2"`).
   * `outputShape` keeps null for those dims.
   */
  symbolicShape?: (number | null | string)[];
  /**
   * Present on a layer fed straight from a symbolic model input (a Sequential's first layer,
   * which has no input row of its own): that input's shape, as `symbolicShape` writes dims.
   */
  symbolicInputShape?: (number | null | string)[];
  params: number | null;
  /** Present when the count depends on a symbol (then `params` is null): `"50*numFeatures+50"`. */
  paramsExpr?: string;
  trainableParams: number | null;
  nonTrainableParams: number | null;
  /** e.g. "(3·3·3 + 1)·32 = 896" */
  paramsFormula: string | null;
  macs: number | null;
  receptiveField: { size: number[]; jump: number[] } | null;
  /** Producer indices in `layers` (of the first application, for a shared layer: see `calls`). */
  inputs: number[];
  /** Which application (node) of each producer made the tensor; absent when all are 0. */
  inputNodes?: number[];
  /** Python: which output of each producer (an LSTM's states are outputs 1 and 2); absent when all are 0. */
  inputOutputs?: number[];
  /**
   * Always false: a layer applied several times is listed once, with `calls`. (Kept from the
   * format in which each application had its own entry.)
   */
  sharedRepeat: boolean;
  /** A layer applied more than once (shared weights): every application, the first included. */
  calls?: LayerCall[];
  /**
   * Python: a Keras operation on tensors (`x + y`, `keras.ops.relu(x)`), not a layer. Keras's
   * summary lists it; `model.layers` does not.
   */
  operation?: boolean;
  /**
   * Present when the layer exists only under a condition the analyzer could not evaluate
   * (`if (useDropout) model.add(...)`): the condition as written, `!(...)` for an else branch.
   * The shapes after it are the same either way; the totals are unknown when they differ.
   */
  condition?: string;
  /**
   * Present when the layer was built in the body of a loop whose bound is unknown: it stands
   * for zero or more copies, e.g. "while i < depth" or "for each units in hidden". Only where
   * one iteration keeps its input's shape, so the shapes after it hold for any count.
   */
  repeat?: string;
  /** Evaluated config as written. */
  config: { [key: string]: JsonValue };
}

export interface ModelReport {
  /** The variable the model is bound to. */
  name: string | null;
  /** 1-based line of the tf.sequential / tf.model call (Python: where the constructor's callee starts). */
  line: number;
  /** Notebooks only: the 1-based code cell of `line`. */
  cell?: number;
  /** Python models: Keras 3's class name ('Sequential', 'Functional', or a subclass's name). */
  className?: string;
  /** Python models: the model's name as Keras has it (`name=` given, else generated: 'sequential'). */
  displayName?: string | null;
  range: ReportRange;
  kind: 'sequential' | 'functional';
  layers: LayerReport[];
  /** The symbols the layers' expressions name: where the code introduces each and why it is not a constant. */
  symbols?: SymbolReport[];
  totalParams: number | null;
  /** Present when the total depends on symbols (totalParams is then null), in the plain grammar. */
  totalParamsExpr?: string;
  trainableParams: number | null;
  nonTrainableParams: number | null;
  /**
   * Present when totalParams is null only because an `if` or a loop the analyzer cannot
   * decide gives paths with different counts: the bounds (max null: a loop, no upper bound).
   */
  paramsRange?: { min: number; max: number | null };
  /** float32 weights: 4 bytes a parameter. */
  weightBytes: number | null;
  totalMacs: number | null;
  /** The model's output layers (indices in `layers`). */
  outputs: number[];
  /** Which application (node) of each output layer; absent when all are 0. */
  outputNodes?: number[];
  incomplete: boolean;
  /** Present and true for `tf.input`/`apply` chains that no `tf.model` call collects yet. */
  unbound?: boolean;
  /** Python: a Sequential model Keras has not built (no input shape yet): layers unbuilt. */
  deferred?: boolean;
}

export interface DiagnosticReport extends ReportRange {
  severity: Severity;
  code: string;
  message: string;
  /** Index into `models`, when the finding is about one model. */
  model?: number;
  /** Present when several findings that differ only in numbers (a loop's iterations) were merged into this one. */
  occurrences?: number;
  related?: (ReportRange & { message: string })[];
  fixes?: { title: string; edits: (ReportRange & { newText: string })[] }[];
}

export interface FileReport {
  file: string;
  models: ModelReport[];
  diagnostics: DiagnosticReport[];
  syntaxErrors: boolean;
}
