// State shared by one extraction run: the step budget, the models and layers created so far,
// and bookkeeping for functions (which were called, which still need a standalone run).
import type { ExtractProblem, LayerDecl } from '../../../types';
import type { ModelBuilder, TensorNode } from '../../../modelBuilder';
import type { FunctionNode, FunctionVal } from './values';

export interface Limits {
  /** Expression/statement evaluations for the whole file. */
  readonly maxSteps: number;
  /** Iterations of any one loop before we give up on it. */
  readonly maxLoopIterations: number;
  /** Nested user-function calls. */
  readonly maxCallDepth: number;
}

export const DEFAULT_LIMITS: Limits = { maxSteps: 1_000_000, maxLoopIterations: 5_000, maxCallDepth: 40 };

/** Thrown when the step budget is spent; caught per evaluation entry, never escapes extract(). */
export class BudgetExceeded extends Error {}

export class Ctx {
  steps = 0;
  budgetBlown = false;
  /** Current evaluation entry: 0 = top level, then one per never-called function run. */
  entry = 0;
  callDepth = 0;
  readonly models: ModelBuilder[] = [];
  readonly problems: ExtractProblem[] = [];
  private nextLayerId = 0;
  private nextGid = 0;
  /** Functions that ran at least once with real arguments (or were run standalone). */
  readonly calledFunctions = new Set<FunctionNode>();
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

  constructor(
    readonly limits: Limits,
    /** The file's text: conditions are shown to the user as written. */
    readonly source: string,
  ) {}

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

  newLayerId(): number {
    return this.nextLayerId++;
  }

  newGid(): number {
    return this.nextGid++;
  }

  touch(model: ModelBuilder): void {
    this.touchedThisEntry.add(model);
  }

  makeTensorNode(op: TensorNode['op'], inputs: TensorNode['inputs'], span: TensorNode['span']): TensorNode {
    const node = { gid: this.newGid(), op, inputs, span };
    this.tensors.push(node);
    return node;
  }
}
