// The vocabulary shared by every stage of the core (parse → extract → infer → lint).
// Nothing here imports vscode, an LSP library or the DOM.
import type { Expr } from './symbolic/expr';

/** A half-open range of UTF-16 offsets into the source text, as typescript-estree reports them. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * One tensor dimension. `null` means "not a fixed number": the batch dimension, a variable
 * time axis (TF.js writes these as null too), or a dimension we cannot know statically.
 */
export type Dim = number | null;
/** A tensor shape including the batch dimension, exactly as TF.js's `layer.outputShape`. */
export type Shape = readonly Dim[];
/** `null`: nothing is known, not even the rank. */
export type MaybeShape = Shape | null;

/** Marker for a value the constant evaluator could not determine. Never guess: carry this. */
export interface Unknown {
  readonly kind: 'unknown';
  /** Why it is unknown, for hovers and debugging (e.g. "parameter `n` of buildModel"). */
  readonly reason: string;
  /**
   * Set when the code names this value (a parameter no call gives, `x.shape[1]`, `vocab_size =
   * len(...) + 1`): then, used as a size, it is carried by that name (src/core/symbolic/).
   * The same object is the same value; front ends drop the symbol when they compute with it.
   */
  readonly symbol?: SymbolRef;
}

/** A size the code names but does not fix: shown as a symbol (`numFeatures`, `IMG`). */
export interface SymbolRef {
  /** As the user would name it: the variable, parameter or expression (`x_train.shape[1]`). */
  readonly name: string;
  /** The code that introduces it. */
  readonly span: Span;
  /** Why it is not a constant, for hovers and the JSON report. */
  readonly why: string;
}
export const UNKNOWN: Unknown = Object.freeze({ kind: 'unknown', reason: 'not statically known' });
export function unknown(reason: string): Unknown {
  return { kind: 'unknown', reason };
}
export function isUnknown(v: unknown): v is Unknown {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'unknown' && 'reason' in v;
}

/**
 * A place in another file of the workspace (0-based line and character, as LSP counts them):
 * where an imported constant is defined, or where an imported builder builds a model.
 */
export interface SourceLocation {
  /** Absolute path of the file, '/'-separated. */
  readonly file: string;
  readonly line: number;
  readonly character: number;
}

/** Where a config value or input dimension came from when another file defines it (`IMAGE_H`, data.js:23). */
export interface ValueOrigin extends SourceLocation {
  /** The name it is defined under there (`IMAGE_H`, `CONFIG.imageH`). */
  readonly name: string;
}

/** An evaluated configuration value, as written in `tf.layers.conv2d({...})`. */
export type ConfigValue =
  | number
  | string
  | boolean
  | null
  | undefined
  | Unknown
  | readonly ConfigValue[]
  | { readonly [key: string]: ConfigValue };

/** The evaluated config object of one layer call. A key absent from the source is absent here. */
export type LayerConfig = Readonly<Record<string, ConfigValue>>;

export type Severity = 'error' | 'warning' | 'info';

/**
 * Whose semantics a layer follows: TF.js (TS/JS files) or Keras 3 (Python). Where the two
 * libraries differ, a catalog entry asks the dialect; absent on a LayerDecl means 'tfjs'.
 */
export type Dialect = 'tfjs' | 'keras';

/** The language a file is written in; decides the front end and how findings are spelled. */
export type SourceLanguage = 'typescript' | 'python';

// ---------------------------------------------------------------------------------------
// ModelGraph: what `extract` produces. Pure data; no shapes yet.

/** One layer object (one set of weights). It may be applied several times (shared weights). */
export interface LayerDecl {
  readonly id: number;
  /** TF.js class name, e.g. 'Conv2D'. `null` when the factory is not one we know. */
  readonly className: string | null;
  /** The factory as written, e.g. 'conv2d' in `tf.layers.conv2d(...)`. */
  readonly factory: string;
  readonly config: LayerConfig;
  /** Span of the whole factory call `tf.layers.conv2d({...})`. */
  readonly span: Span;
  /** Span of each config property as written (key and value), for precise diagnostics. */
  readonly configSpans: Readonly<Record<string, Span>>;
  /** Span of the config object literal, when there is one (insertion point for quick fixes). */
  readonly configObjectSpan: Span | null;
  /** Wrapped layer for Bidirectional / TimeDistributed (`layer:` in the config). */
  readonly inner: LayerDecl | null;
  /**
   * Set (to the reason) when `config` may lack keys that the code does set: the config came
   * through an unknown spread (`{...opts, units: 3}`) or is not an object we can read. Then an
   * absent key means "unknown", not "default".
   */
  readonly configIncomplete?: string;
  /** 'keras' for layers built by the Python front end; absent for TF.js. */
  readonly dialect?: Dialect;
  /**
   * The name the library gives the layer when the config names none. Keras names a layer
   * when it is constructed, from process-wide counters (`conv2d`, `conv2d_1`...), so the
   * Python front end sets it; absent, infer names layers per model as TF.js does.
   */
  readonly autoName?: string;
  /** Python: the parenthesised argument list of the constructor call (quick fixes insert here). */
  readonly argsSpan?: Span;
  /**
   * A layer made of a whole graph: a model used as a layer (a Sequential augmentation block
   * applied to an input), or a Keras Layer subclass whose `call` applies other layers. Its
   * output shape and parameters are those of the graph run on the layer's inputs.
   */
  readonly composite?: CompositeLayer;
  /**
   * Certain errors the front end found in the constructor call itself (Python: a keyword
   * Keras does not take, a float where Keras needs an int). Reported like the catalog's.
   */
  readonly problems?: readonly LayerProblem[];
  /**
   * Set for a Keras operation node (`x + y` on KerasTensors): not a layer — Keras's summary
   * lists it, `model.layers` does not; no weights. className is the operation's class ('Add').
   */
  readonly operation?: OperationKind;
  /**
   * Config values defined in other files of the workspace, by config path (`units`,
   * `inputShape[0]`): what the hover says they came from. Absent when none.
   */
  readonly origins?: Readonly<Record<string, ValueOrigin>>;
}

/** A Keras operation on tensors that is not a layer (`x + y`, `keras.ops.relu(x)`): see operations.ts. */
export type OperationKind = 'elementwise' | 'unary' | 'source';

export interface CompositeLayer {
  readonly graph: ModelGraph;
  /**
   * True when the graph is reported nowhere else (a Layer subclass's `call`): its errors are
   * this layer's. A model used as a layer is analysed as a model of its own, so false there.
   */
  readonly reportInner: boolean;
  /** Weights a Layer subclass creates itself with add_weight (null: a size not statically known). */
  readonly ownParams?: { readonly trainable: number | null; readonly nonTrainable: number | null };
  /** The output shape the subclass's own compute_output_shape gives (null: unknown). */
  readonly outputShape?: MaybeShape;
}

/** A symbolic tensor source: `tf.input({shape})` or the implicit input of a Sequential model. */
export interface InputDecl {
  readonly shape: MaybeShape; // including the batch dimension
  readonly span: Span;
  readonly name: string | null;
  /**
   * True when the user wrote `tf.layers.inputLayer(...)` (TF.js then lists an InputLayer in a
   * Sequential's `model.layers`); absent for `tf.input` and a Sequential's implied input.
   */
  readonly fromInputLayer?: boolean;
  /** Keras's generated name (`input_layer`, `input_layer_1`...) when none is given. */
  readonly autoName?: string;
  /** Shape dims defined in other files (`shape[0]`), as LayerDecl.origins. */
  readonly origins?: Readonly<Record<string, ValueOrigin>>;
  /** Per dim of `shape` (batch first): the symbol it is, where the code names one; absent: none. */
  readonly symbols?: readonly (SymbolRef | null)[];
}

/** One application of a layer to symbolic tensors: a node of the dataflow graph. */
export interface GraphNode {
  readonly id: number;
  readonly op: { readonly kind: 'input'; readonly input: InputDecl } | { readonly kind: 'layer'; readonly layer: LayerDecl };
  /** Producer node ids, in argument order; empty for inputs. `-1` marks an unknown tensor. */
  readonly inputs: readonly number[];
  /** For producers with several outputs (an LSTM with return_state): which output each input is. Absent: all 0. */
  readonly inputOutputs?: readonly number[];
  /**
   * Where the user meets this node: for Sequential the `model.add(...)` / array element, for
   * functional the `.apply(...)` call. Diagnostics and inlay hints anchor here.
   */
  readonly span: Span;
  /**
   * Set when the node exists only if a condition the analyzer could not evaluate holds, e.g.
   * `useDropout` for `if (useDropout) model.add(...)`: the source text of the condition(s),
   * `!(...)` for an else branch, joined by ` && `. Shapes after it are the same either way.
   */
  readonly condition?: string;
  /**
   * Set when the node was built in the body of a loop whose bound is unknown (`for (let i = 0;
   * i < depth; i++)`): it stands for zero or more copies, e.g. "while i < depth". Set only
   * when one iteration keeps the shape it starts from, so the shapes after it are certain.
   */
  readonly repeat?: string;
}

export interface ModelGraph {
  readonly kind: 'sequential' | 'functional';
  /** The variable the model is bound to (`const model = tf.sequential()`), else null. */
  readonly name: string | null;
  /** `name` from the model's config, when given. */
  readonly configName: string | null;
  /** Span of the `tf.sequential(...)` / `tf.model(...)` call. */
  readonly span: Span;
  /** Nodes in execution order (topological). Ids are indices into this array. */
  readonly nodes: readonly GraphNode[];
  /** Output node ids (functional: `outputs`; sequential: the last node). */
  readonly outputs: readonly number[];
  /** Which output of each output node (for nodes with several). Absent: all 0. */
  readonly outputIndices?: readonly number[];
  /** True when some part of the model could not be followed (a loop with unknown bound...). */
  readonly incomplete: boolean;
  /** `model.compile({...})` calls on this model, evaluated. */
  readonly compile: CompileCall | null;
  /**
   * True for a graph of symbolic tensors that no `tf.model` call collects (yet): `tf.input`
   * and `layer.apply` calls the user is still typing. TF.js checks shapes at each `apply`, so
   * these are analysed too. Kind 'functional', name null, span = the first `tf.input` call.
   */
  readonly unbound?: boolean;
  /**
   * Set when the layers of kept branches or one loop iteration stand in for paths with other
   * parameter counts: the real total lies in [sum of the layers + low, sum + high]; `high` is
   * Infinity when a loop may repeat layers with weights any number of times.
   */
  readonly paramsSlack?: ParamSlack;
  /** 'keras' for models built by the Python front end; absent for TF.js. */
  readonly dialect?: Dialect;
  /**
   * Keras's class name for the model: 'Sequential', 'Functional', or a user subclass
   * ('MyModel'). Absent for TF.js models.
   */
  readonly className?: string;
  /** Keras's generated model name (`sequential`, `sequential_1`...) when none is given. */
  readonly autoName?: string;
  /**
   * Set when a builder imported from another file built this model: where its construction
   * call is written there. Its spans here are the call of the builder in this file.
   */
  readonly builtIn?: SourceLocation;
}

/** How far a parameter total may lie from the sum over the layers listed. */
export interface ParamSlack {
  readonly low: number;
  readonly high: number;
}

/** A parameter total known to lie in [min, max]; max null: no upper bound (a loop). */
export interface ParamRange {
  readonly min: number;
  readonly max: number | null;
}

export interface CompileCall {
  readonly config: LayerConfig;
  readonly span: Span;
  readonly configSpans: Readonly<Record<string, Span>>;
}

/** Problems found while extracting (e.g. a Sequential whose first layer has no input shape). */
export interface ExtractProblem {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
}

export interface ExtractResult {
  readonly models: readonly ModelGraph[];
  readonly problems: readonly ExtractProblem[];
  /** Parse errors the tolerant parser recovered from (or could not). */
  readonly syntaxErrors: readonly { readonly message: string; readonly span: Span }[];
  /** Whether the file imports/requires any TF.js package at all (cheap early exit for editors). */
  readonly importsTf: boolean;
  /** The file uses TF.js as the browser build's global `tf` (no import; a <script> tag loads it). */
  readonly globalTf?: boolean;
}

// ---------------------------------------------------------------------------------------
// Catalog: per layer class, shape and parameter functions. See src/core/catalog/.

/** A parameter count with the formula a person can check, e.g. "(3·3·3 + 1)·32 = 896". */
export interface ParamCount {
  readonly trainable: number;
  readonly nonTrainable: number;
  /** Human formula for the total, without the "= total" suffix, e.g. "(3·3·3 + 1)·32". */
  readonly formula: string;
}

/** Spatial geometry of a sliding-window layer, for receptive-field arithmetic. */
export interface WindowGeometry {
  /** Per spatial axis: effective (dilated) kernel extent. */
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  /** 'upsample' halves the jump (UpSampling, transposed convs); undefined for plain windows. */
  readonly mode?: 'window' | 'upsample';
}

/** A certain contradiction found by a catalog entry. Uncertainty is never a problem. */
export interface LayerProblem {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** The config key the problem is about (for the range), e.g. 'kernelSize'. */
  readonly property?: string;
}

export interface LayerInference {
  /** Output shape including batch dim; null when unknown. Multi-output layers: first output. */
  readonly outputShape: MaybeShape;
  /** Every output, for layers with several (Keras: an RNN with return_state); first = outputShape. */
  readonly outputShapes?: readonly MaybeShape[];
  readonly params: ParamCount | null;
  /** Multiply-accumulates for one example (batch 1); null when unknown or not meaningful. */
  readonly macs: number | null;
  readonly window?: WindowGeometry;
  readonly problems?: readonly LayerProblem[];
}

export interface LayerContext {
  readonly config: LayerConfig;
  /** Input shapes, one per input tensor. A single-input layer gets one entry. */
  readonly inputs: readonly MaybeShape[];
  /** For wrapper layers: infer the wrapped layer on a given input shape. */
  readonly inferInner?: (input: MaybeShape) => LayerInference;
  /** For wrapper layers: the wrapped layer's class (null: not one the catalog knows). */
  readonly innerClassName?: string | null;
  /** Whose semantics apply; absent means TF.js. */
  readonly dialect?: Dialect;
}

export type LayerFamily =
  | 'convolutional'
  | 'pooling'
  | 'core'
  | 'activation'
  | 'normalization'
  | 'merge'
  | 'reshaping'
  | 'embedding'
  | 'recurrent'
  | 'wrapper'
  | 'noise'
  | 'input'
  | 'preprocessing'
  | 'attention';

export interface LayerSpec {
  /** TF.js class name, e.g. 'Conv2D'. */
  readonly className: string;
  /** `tf.layers.<factory>` names that build this class, first is canonical. */
  readonly factories: readonly string[];
  readonly family: LayerFamily;
  /** One line for hovers. */
  readonly doc: string;
  /** True for layers that take a list of tensors (merge layers). */
  readonly multiInput?: boolean;
  /** How Keras 3 spells the class; absent for classes Keras does not have. */
  readonly keras?: KerasSignature;
  infer(ctx: LayerContext): LayerInference;
}

/**
 * A layer class as Keras 3's constructor takes it. The Python front end maps the arguments of
 * `Conv2D(32, (3, 3), padding='same')` to the canonical (TF.js camelCase) config keys with it,
 * so one catalog entry serves both languages.
 */
export interface KerasSignature {
  /** Class names Keras exports for it, canonical first, then aliases ('MaxPool2D'). */
  readonly names: readonly string[];
  /** Canonical config keys of the positional parameters, in Keras 3's order. */
  readonly positional: readonly string[];
  /** Keras keyword → canonical key, where it is not simply the camelCase of the keyword. */
  readonly keywords?: Readonly<Record<string, string>>;
  /** Keras's generated-name prefix, when not the snake_case of the class name. */
  readonly namePrefix?: string;
  /** The positional parameters as Keras spells them (snake_case), in order. */
  readonly params: readonly string[];
  /**
   * Keywords the constructor also accepts beyond its own parameters and Layer's base ones
   * (`name`, `trainable`, `dtype`, `input_shape`...): what a base class or the body pops
   * (`implementation` of LSTM, the deprecated `alpha` of LeakyReLU, `input_length` of
   * Embedding). Any other keyword makes Keras raise "Unrecognized keyword arguments".
   */
  readonly extraKeywords?: readonly string[];
  /** The constructor takes no `**kwargs` (SpatialDropout1D): not even Layer's base keywords. */
  readonly closed?: boolean;
  /**
   * Generated-name prefixes the layer takes from Keras's counters when it is first built, for
   * the unnamed layers it makes inside (MultiHeadAttention: a Softmax and a Dropout, so the
   * user's next Dropout is `dropout_1`).
   */
  readonly namesAtBuild?: readonly string[];
}

// ---------------------------------------------------------------------------------------
// AnalyzedModel: what `infer` produces.

export interface ReceptiveField {
  /** Per spatial axis: receptive field size in input pixels. */
  readonly size: readonly number[];
  /** Per spatial axis: distance in input pixels between adjacent outputs ("jump"). */
  readonly jump: readonly number[];
}

export interface AnalyzedNode {
  readonly node: GraphNode;
  readonly className: string | null;
  /** Display name: config name, else TF.js-like `conv2d_Conv2D1`. */
  readonly displayName: string;
  readonly inputShapes: readonly MaybeShape[];
  readonly outputShape: MaybeShape;
  /** Every output, for layers with several; absent for one. */
  readonly outputShapes?: readonly MaybeShape[];
  /** Params of this node's layer; 0 for a repeated application of a shared layer. */
  readonly params: ParamCount | null;
  /** True when this node re-applies a layer already counted. */
  readonly sharedRepeat: boolean;
  readonly macs: number | null;
  readonly receptiveField: ReceptiveField | null;
  /** Sliding-window geometry of conv/pool layers (for receptive fields and stride checks). */
  readonly window?: WindowGeometry;
  readonly problems: readonly LayerProblem[];
  /** Set when a symbol is involved: the output shape with symbolic dims (src/core/symbolic/). */
  readonly symbolicShape?: SymbolicShape;
  /** Set when the parameter count depends on a symbol (`50·numFeatures + 50`). */
  readonly paramsExpr?: Expr;
  /** Set on a layer fed straight from a model input that is symbolic: that input's shape. */
  readonly symbolicInput?: SymbolicShape;
}

/** A dim that is a number, not known (null), or an expression over symbols. */
export type SymbolicDim = number | null | Expr;
export type SymbolicShape = readonly SymbolicDim[];

export interface AnalyzedModel {
  readonly graph: ModelGraph;
  readonly nodes: readonly AnalyzedNode[];
  readonly totalParams: number | null;
  readonly trainableParams: number | null;
  readonly nonTrainableParams: number | null;
  readonly totalMacs: number | null;
  readonly outputShapes: readonly MaybeShape[];
  /** When totalParams is null only because paths differ (graph.paramsSlack): its bounds. */
  readonly paramsRange: ParamRange | null;
  /** Symbols the shapes and params mention, in order of first use; absent: none. */
  readonly symbols?: readonly SymbolRef[];
  /** The total as an expression when it depends on symbols and every term is known. */
  readonly totalParamsExpr?: Expr;
  /** Sizes a symbol needs for every window to have an output (lint: shape/symbolic-minimum). */
  readonly symbolMinimums?: readonly SymbolMinimum[];
}

/** `symbol ≥ min`, set by the window `what` of the node at `node` (its config key `property`). */
export interface SymbolMinimum {
  readonly symbol: string;
  readonly min: number;
  readonly node: number;
  readonly what: string;
  readonly property: string;
}

// ---------------------------------------------------------------------------------------
// Findings: what `lint` produces; every adapter consumes these.

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface RelatedSpan {
  readonly span: Span;
  readonly message: string;
}

export interface Finding {
  /** Stable code `area/what`, documented in README.md. */
  readonly code: string;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: string;
  readonly related?: readonly RelatedSpan[];
  readonly fixes?: readonly Fix[];
  /** Index of the model in FileAnalysis.models this finding is about, if any. */
  readonly modelIndex?: number;
  /**
   * How many findings like this one (the same but for numbers in the message) the analysis
   * met at this place and merged into it: a loop's iterations, a builder's calls. Absent: one.
   */
  readonly occurrences?: number;
}

export interface LintOptions {
  /** Per-layer parameter ceiling (warning above). */
  readonly maxLayerParams: number;
  /** Whole-model parameter ceiling (warning above). */
  readonly maxTotalParams: number;
  /** A layer holding more than this share of the model's params is "dominant". */
  readonly dominantShare: number;
  /** Severity overrides per finding code; 'off' drops the finding. */
  readonly severityOverrides: Readonly<Record<string, Severity | 'off'>>;
}

export interface FileAnalysis {
  readonly fileName: string;
  readonly models: readonly AnalyzedModel[];
  readonly findings: readonly Finding[];
  readonly syntaxErrors: readonly { readonly message: string; readonly span: Span }[];
  readonly importsTf: boolean;
  /** Offsets → line/character conversion for this text. */
  readonly lines: LineIndex;
  /** The language of the file: decides how findings and fixes are spelled. */
  readonly language: SourceLanguage;
  /** TS/JS: `tf` is the browser build's global, not imported (see ExtractResult.globalTf). */
  readonly globalTf?: boolean;
  /** Notebooks: where each code cell lies in the analysed program (positions are cell-local). */
  readonly cells?: CellMap;
  /** Set when the file could not be read as what its name says (a notebook that is not valid JSON): why. */
  readonly unreadable?: string;
  /**
   * Files of the workspace the analysis read (or looked for) to follow this file's imports,
   * as absolute '/'-separated paths: when one changes, so may this analysis. Absent: none.
   */
  readonly dependencies?: readonly string[];
}

/** A notebook's code cells as one program: offsets of the program → cell-local positions. */
export interface CellMap {
  /** How many code cells the program holds. */
  readonly count: number;
  /** The 1-based code-cell number (code cells only) and the cell-local position of an offset. */
  locate(offset: number): { cell: number; line: number; character: number };
  /** The offsets a code cell's text covers, [start, end] (its end is where the next cell's separator stands); null for no such cell. */
  cellSpan(cell: number): Span | null;
  /** The offset of a cell-local position (the character clamped to its line); null for a line the cell lacks. */
  offsetOf(cell: number, line: number, character: number): number | null;
}

/** Converts UTF-16 offsets to zero-based line/character positions (LSP's convention). */
export interface LineIndex {
  positionAt(offset: number): { line: number; character: number };
  offsetAt(position: { line: number; character: number }): number;
}
