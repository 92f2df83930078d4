// What TF.js does with a whole source file: it throws while building (and in which statement),
// throws in predict (each model run once on zeros), runs, or is too big to run here.
import * as tf from '@tensorflow/tfjs';
import { predictZeros } from './predictZeros';
import { runFixtureSource } from './runFixture';
import { statementLinesAt } from './statementAt';

export type TfOutcome =
  | { readonly kind: 'build-throws'; readonly message: string; readonly statementEnd: number | null }
  | { readonly kind: 'predict-throws'; readonly message: string }
  | { readonly kind: 'runs' }
  | { readonly kind: 'too-big'; readonly reason: string }
  | { readonly kind: 'hangs'; readonly seconds: number };

/** `absolutePath` names the file in stack frames; `label` is its name for the parser (.ts/.js). */
export function runVariant(text: string, absolutePath: string, label: string): TfOutcome {
  // TF.js warns on the console about some shapes it accepts; a variant is judged by what it throws.
  const warn = console.warn;
  console.warn = () => undefined;
  const run = runFixtureSource(text, absolutePath);
  try {
    if (run.error !== null) {
      const site = run.throwSite;
      const statement = site ? statementLinesAt(text, label, site.line, site.column) : null;
      const message = run.error instanceof Error ? run.error.message : String(run.error);
      return { kind: 'build-throws', message, statementEnd: statement?.endLine ?? null };
    }
    let big: string | null = null;
    for (const model of run.models) {
      const outcome = predictZeros(model);
      if (outcome.kind === 'throws') return { kind: 'predict-throws', message: outcome.message };
      if (outcome.kind === 'too-big') big = outcome.reason;
    }
    return big === null ? { kind: 'runs' } : { kind: 'too-big', reason: big };
  } finally {
    console.warn = warn;
    disposeAll(run.models);
  }
}

function disposeAll(models: readonly tf.LayersModel[]): void {
  for (const model of models) {
    try {
      model.dispose();
    } catch {
      // A Sequential whose first add threw has nothing to dispose.
    }
  }
}
