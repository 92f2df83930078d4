// State shared by one extraction run: the step budget, the size budget for the values it
// builds, the models and layers created so far, and bookkeeping for functions (which were
// called, which still need a standalone run, which are running now).
import { SymbolNames } from '../../../symbolic/symbols';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unknown, type ExtractProblem, type LayerDecl, type Span, type Unknown } from '../../../types';
import type { ModelBuilder, TensorNode } from '../../../modelBuilder';
import { sliceSource, type ForeignTexts } from '../../../workspace/foreignSpans';
import type { RawOrigin } from '../../../workspace/origins';
import type { SiteMark, SiteTarget } from '../../../workspace/sites';
import type { FunctionNode, FunctionVal } from './values';
import type { TsModuleImports } from './moduleImports';

export interface Limits {
  /** Expression/statement evaluations for the whole file. */
  readonly maxSteps: number;
  /** Iterations of any one loop before we give up on it. */
  readonly maxLoopIterations: number;
  /** Nested user-function calls. */
  readonly maxCallDepth: number;
  /**
   * Size of any one value the interpreter builds: characters of a string, elements of an
   * array, properties of an object (a config converted for the catalog counts every node).
   */
  readonly maxValueSize: number;
  /**
   * Size of all the values built in one file together. With the step budget this bounds the
   * memory and the time of an analysis: doubling a string 40 times must not take the editor down.
   */
  readonly maxBuiltSize: number;
}

export const DEFAULT_LIMITS: Limits = { maxSteps: 1_000_000, maxLoopIterations: 5_000, maxCallDepth: 40, maxValueSize: 100_000, maxBuiltSize: 4_000_000 };

/**
 * Units of work (characters, elements) that cost one step. Built-ins do in one call what
 * the interpreter would need many evaluations for; charging them keeps the step budget a bound
 * on time, whatever they are given.
 */
const UNITS_PER_STEP = 16;

/** One active call of a user function (see recursion.ts). */
export interface Frame {
  readonly node: FunctionNode;
  /** The state the call started from (recursion.ts's fingerprint), computed only when it recursed. */
  readonly state: string | null;
  /** ctx.uncertainty when the call started. */
  readonly uncertainty: number;
  /** Lengths of ctx.models, ctx.tensors and ctx.touchedLog when the call started. */
  readonly models: number;
  readonly tensors: number;
  readonly touched: number;
}

/** Thrown when the step budget is spent; caught per evaluation entry, never escapes extract(). */
export class BudgetExceeded extends Error {}

export class Ctx implements SiteTarget {
  steps = 0;
  budgetBlown = false;
  /** Units of all the values built so far (see Limits.maxBuiltSize). */
  builtSize = 0;
  /** Current evaluation entry: 0 = top level, then one per never-called function run. */
  entry = 0;
  callDepth = 0;
  /** Active user-function calls, outermost first. */
  readonly frames: Frame[] = [];
  /** Undecided branches (and loops) being run now: code under one may not run at all. */
  uncertainty = 0;
  /** Models touched while a user function runs, in order (a recursion given up havocs them). */
  readonly touchedLog: ModelBuilder[] = [];
  /** The step count when each model was last touched (a statement given up havocs those it touched). */
  readonly lastTouch = new Map<ModelBuilder, number>();
  /** Functions reported as recursing without end, so each is reported once. */
  readonly unboundedRecursions = new Set<FunctionNode>();
  readonly models: ModelBuilder[] = [];
  readonly problems: ExtractProblem[] = [];
  private nextLayerId = 0;
  private nextGid = 0;
  /** Functions that ran at least once with real arguments (or were run standalone). */
  readonly calledFunctions = new Set<FunctionNode>();
  /** Names given to assigned sizes (`const numFeatures = xs.shape[1]`), one place each. */
  readonly symbolNames = new SymbolNames();
  /** Every closure created, in creation order: the never-called ones run standalone later. */
  readonly createdFunctions: FunctionVal[] = [];
  /** Layers that have been applied or added at least once (TF.js: inboundNodes > 0). */
  readonly connectedLayers = new Set<LayerDecl>();
  /** Models touched in the current entry, to mark them if the budget blows. */
  readonly touchedThisEntry = new Set<ModelBuilder>();
  sawTfRequire = false;
  /** Every symbolic tensor node, in creation order, and those some tf.model collected. */
  readonly tensors: TensorNode[] = [];
  readonly collectedTensors = new Set<number>();

  // Following imports into other files of the workspace (moduleImports.ts, workspace/).
  /** The file's imports of workspace modules; null when the analysis follows none. */
  imports: TsModuleImports | null = null;
  /** Texts of the other files whose code runs here (for conditions shown as written). */
  foreign: ForeignTexts | null = null;
  /** True while evaluating an imported module for its exports, not the analysed file. */
  moduleEval = false;
  /** Set while code of another file runs, called from this one: where that call is (sites.ts). */
  site: SiteMark | null = null;
  /** Set once any value of another file was used: results then go through localize.ts. */
  usedForeign = false;
  readonly declSites = new Map<LayerDecl, Span>();
  /** Expressions that read a constant of another file, and where it is defined (for hovers). */
  readonly nodeOrigins = new Map<TSESTree.Node, RawOrigin>();

  constructor(
    readonly limits: Limits,
    /** The file's text: conditions are shown to the user as written. */
    readonly source: string,
  ) {}

  /** Source text at offsets of this file or of an imported one. */
  sliceText(start: number, end: number): string {
    return sliceSource(this.source, this.foreign, start, end);
  }

  step(): void {
    if (++this.steps > this.limits.maxSteps) {
      this.budgetBlown = true;
      throw new BudgetExceeded('step budget exhausted');
    }
  }

  /** Work that is not one evaluation (inferring a model to join branches) costs `n` steps. */
  charge(n: number): void {
    this.steps += n;
    this.step();
  }

  /**
   * Asks to build `added` more units into a value that will then hold `resulting` units (a new
   * value: the same number). Null when it may, and then the units are charged to the file (and
   * a step per UNITS_PER_STEP); else the Unknown the value becomes. Ask before building: the
   * point is never to hold what the budget does not allow.
   */
  reserve(added: number, resulting = added): Unknown | null {
    if (!(resulting <= this.limits.maxValueSize)) {
      return unknown(`a value of more than ${this.limits.maxValueSize.toLocaleString('en-US')} characters or elements is not followed`);
    }
    if (!(this.builtSize + added <= this.limits.maxBuiltSize)) {
      return unknown(`this file builds more than ${this.limits.maxBuiltSize.toLocaleString('en-US')} characters and elements in all: later values are not followed`);
    }
    this.builtSize += added;
    this.work(added);
    return null;
  }

  /** Work on `n` units that builds nothing (a search through a long string or array). */
  work(n: number): void {
    if (n >= UNITS_PER_STEP) this.charge(Math.floor(n / UNITS_PER_STEP));
  }

  newLayerId(): number {
    return this.nextLayerId++;
  }

  newGid(): number {
    return this.nextGid++;
  }

  touch(model: ModelBuilder): void {
    this.touchedThisEntry.add(model);
    this.lastTouch.set(model, this.steps);
    if (this.frames.length > 0) this.touchedLog.push(model);
  }

  makeTensorNode(op: TensorNode['op'], inputs: TensorNode['inputs'], span: TensorNode['span']): TensorNode {
    const node = { gid: this.newGid(), op, inputs, span };
    this.tensors.push(node);
    return node;
  }
}
