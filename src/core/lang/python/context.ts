// State shared by one extraction run over a Python program: the budgets, the models, layers
// and symbolic tensors created so far, the functions that still need a standalone run, and
// Keras's own auto-naming counters (Keras names a layer when it is constructed, from one
// process-wide counter per prefix, so `conv2d_1` depends on every Conv2D built before it).
import { SymbolNames } from '../../symbolic/symbols';
import type { ExtractProblem, LayerDecl, Span } from '../../types';
import type { ModelBuilder, TensorNode } from '../../modelBuilder';
import { sliceSource, type ForeignTexts } from '../../workspace/foreignSpans';
import type { RawOrigin } from '../../workspace/origins';
import type { SiteMark, SiteTarget } from '../../workspace/sites';
import type { FunctionNode, PyFunction } from './values';
import type { PyModuleImports } from './workspaceImports';

export interface PyLimits {
  /** Expression/statement evaluations for the whole program. */
  readonly maxSteps: number;
  /** Iterations of any one loop before it is given up on. */
  readonly maxLoopIterations: number;
  /** Nested user-function calls (Python's own limit is 1000; builders are shallow). */
  readonly maxCallDepth: number;
  /** Longest string, list, tuple or dict the interpreter builds; past it, Unknown. */
  readonly maxValueSize: number;
}

export const DEFAULT_PY_LIMITS: PyLimits = { maxSteps: 1_000_000, maxLoopIterations: 5_000, maxCallDepth: 40, maxValueSize: 100_000 };

/** Thrown when the step budget is spent; caught per evaluation entry, never escapes extraction. */
export class PyBudgetExceeded extends Error {}

export class PyCtx implements SiteTarget {
  steps = 0;
  budgetBlown = false;
  /** Current evaluation entry: 0 = the program, then one per never-called function run. */
  entry = 0;
  callDepth = 0;
  readonly models: ModelBuilder[] = [];
  readonly problems: ExtractProblem[] = [];
  /** Every symbolic tensor node, in creation order, and those a keras.Model collected. */
  readonly tensors: TensorNode[] = [];
  readonly collectedTensors = new Set<number>();
  /** Layers applied or added at least once. */
  readonly connectedLayers = new Set<LayerDecl>();
  /** Layers whose constructor call has a certain error: reported even if never applied. */
  readonly rejectedLayers: LayerDecl[] = [];
  readonly touchedThisEntry = new Set<ModelBuilder>();
  /** Models touched while a user function runs, in order (a recursion given up havocs them). */
  readonly touchLog: ModelBuilder[] = [];
  /** Undecided branches (and loops) being run now: code under one may not run at all. */
  uncertainty = 0;
  /** Functions reported as recursing without end, so each is reported once. */
  readonly unboundedRecursions = new Set<FunctionNode>();
  readonly calledFunctions = new Set<FunctionNode>();
  /** Names given to assigned sizes (`vocab_size = len(...) + 1`), one place each. */
  readonly symbolNames = new SymbolNames();
  readonly createdFunctions: PyFunction[] = [];
  /** True once the program imports Keras or TensorFlow (or uses tf.keras). */
  importsKeras = false;
  private nextLayerId = 0;
  private nextGid = 0;
  private readonly nameCounters = new Map<string, number>();

  // Following imports into other files of the workspace (workspaceImports.ts, workspace/).
  /** The program's imports of workspace modules; null when the analysis follows none. */
  imports: PyModuleImports | null = null;
  /** Texts of the other files whose code runs here. */
  foreign: ForeignTexts | null = null;
  /** True while evaluating an imported module for its names, not the analysed program. */
  moduleEval = false;
  /** Set while code of another file runs, called from this one (workspace/sites.ts). */
  site: SiteMark | null = null;
  /** The span of the call the program is making now (the site if it enters another file's code). */
  callSpan: Span | null = null;
  /** Set once any value of another file was used: results then go through localize.ts. */
  usedForeign = false;
  readonly declSites = new Map<LayerDecl, Span>();
  /** Expressions that read a constant of another file, and where it is defined (for hovers). */
  readonly nodeOrigins = new Map<object, RawOrigin>();

  constructor(
    readonly limits: PyLimits,
    /** The program text: conditions are shown to the user as written. */
    readonly source: string,
  ) {}

  /** Source text at offsets of this program or of an imported module. */
  sliceText(start: number, end: number): string {
    return sliceSource(this.source, this.foreign, start, end);
  }

  step(): void {
    if (++this.steps > this.limits.maxSteps) {
      this.budgetBlown = true;
      throw new PyBudgetExceeded('step budget exhausted');
    }
  }

  /** Work that is not one evaluation (inferring a graph for `x.shape`) costs `n` steps. */
  charge(n: number): void {
    this.steps += n;
    this.step();
  }

  newLayerId(): number {
    return this.nextLayerId++;
  }

  touch(model: ModelBuilder): void {
    this.touchedThisEntry.add(model);
    if (this.callDepth > 0) this.touchLog.push(model);
  }

  makeTensorNode(op: TensorNode['op'], inputs: TensorNode['inputs'], span: Span, inputIndices?: readonly number[]): TensorNode {
    const node: TensorNode = inputIndices && inputIndices.some((k) => k !== 0) ? { gid: this.nextGid++, op, inputs, span, inputIndices } : { gid: this.nextGid++, op, inputs, span };
    this.tensors.push(node);
    return node;
  }

  /** A node fed by tensor references (node and output index each). */
  makeNodeFrom(op: TensorNode['op'], refs: readonly { readonly node: TensorNode | null; readonly index: number }[], span: Span): TensorNode {
    return this.makeTensorNode(
      op,
      refs.map((r) => r.node),
      span,
      refs.map((r) => r.index),
    );
  }

  /** Keras's `auto_name(prefix)`: `prefix`, then `prefix_1`, `prefix_2`... per prefix. */
  autoName(prefix: string): string {
    const n = this.nameCounters.get(prefix) ?? 0;
    this.nameCounters.set(prefix, n + 1);
    return n === 0 ? prefix : `${prefix}_${n}`;
  }

  /** Snapshot and restore of the naming counters, for paths a branch join takes out again. */
  saveNames(): Map<string, number> {
    return new Map(this.nameCounters);
  }

  restoreNames(saved: ReadonlyMap<string, number>): void {
    this.nameCounters.clear();
    for (const [k, v] of saved) this.nameCounters.set(k, v);
  }
}
