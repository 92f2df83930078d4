// Layers whose output shape is their input shape and that hold no weights (activations,
// dropout, noise, masking). One builder so each family file only lists its entries.
import type { LayerContext, LayerFamily, LayerInference, LayerProblem, LayerSpec } from '../types';
import { NO_PARAMS, rankProblem, singleInput } from './config';

export interface IdentityOptions {
  /** Exact input rank TF.js's inputSpec demands (e.g. SpatialDropout1D: 3). */
  readonly rank?: number;
  readonly layout?: string;
  /** Config checks that mirror a TF.js constructor throw. */
  readonly check?: (ctx: LayerContext) => readonly LayerProblem[];
}

export function inferIdentity(className: string, ctx: LayerContext, opts: IdentityOptions = {}): LayerInference {
  const problems: LayerProblem[] = [...(opts.check?.(ctx) ?? [])];
  const input = singleInput(ctx.inputs);
  let outputShape = input;
  if (input !== null && opts.rank !== undefined && input.length !== opts.rank) {
    problems.push(rankProblem(className, input, opts.rank, opts.layout ?? ''));
    outputShape = null;
  }
  const inference: LayerInference = { outputShape, params: NO_PARAMS, macs: 0 };
  return problems.length ? { ...inference, problems } : inference;
}

export function identitySpec(
  className: string,
  factories: string[],
  family: LayerFamily,
  doc: string,
  opts: IdentityOptions = {},
): LayerSpec {
  return { className, factories, family, doc, infer: (ctx) => inferIdentity(className, ctx, opts) };
}
