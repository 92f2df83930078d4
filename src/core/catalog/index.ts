// The layer catalog: one LayerSpec per TF.js layer class, and per Keras 3 class (Keras-only
// classes have no factories). Families live in their own files; this file only indexes them.
// Adding a layer = one entry in a family file + one oracle test (test/oracle/catalog for
// TF.js, test/oracle/keras/catalog for Keras).
import type { LayerSpec } from '../types';
import { activationSpecs } from './activation';
import { attentionSpecs } from './attention';
import { convLstmSpecs } from './convLstm';
import { convolutionalSpecs } from './convolutional';
import { einsumDenseSpecs } from './einsumDense';
import { encodingSpecs } from './encoding';
import { lambdaSpecs } from './lambda';
import { preprocessingSpecs } from './preprocessing';
import { coreSpecs } from './core';
import { embeddingSpecs } from './embedding';
import { inputSpecs } from './input';
import { mergeSpecs } from './merge';
import { noiseSpecs } from './noise';
import { normalizationSpecs } from './normalization';
import { poolingSpecs } from './pooling';
import { recurrentSpecs } from './recurrent';
import { reshapingSpecs } from './reshaping';
import { wrapperSpecs } from './wrappers';

// Family modules register themselves here (see the family files in this folder).
const families: readonly (readonly LayerSpec[])[] = [
  convolutionalSpecs,
  poolingSpecs,
  coreSpecs,
  activationSpecs,
  normalizationSpecs,
  mergeSpecs,
  reshapingSpecs,
  embeddingSpecs,
  recurrentSpecs,
  wrapperSpecs,
  noiseSpecs,
  inputSpecs,
  // Keras only
  convLstmSpecs,
  attentionSpecs,
  preprocessingSpecs,
  encodingSpecs,
  einsumDenseSpecs,
  lambdaSpecs,
];

export const allLayerSpecs: readonly LayerSpec[] = families.flat();

const byClassName = new Map<string, LayerSpec>();
const byFactory = new Map<string, LayerSpec>();
const byKerasName = new Map<string, LayerSpec>();
for (const spec of allLayerSpecs) {
  byClassName.set(spec.className, spec);
  for (const f of spec.factories) byFactory.set(f, spec);
  for (const k of spec.keras?.names ?? []) byKerasName.set(k, spec);
}

/** The spec for a TF.js class name ('Conv2D'), or undefined. */
export function specForClassName(className: string): LayerSpec | undefined {
  return byClassName.get(className);
}

/** The spec for a `tf.layers.<factory>` name ('conv2d'), or undefined. */
export function specForFactory(factory: string): LayerSpec | undefined {
  return byFactory.get(factory);
}

/** The spec for a Keras 3 class name or alias ('Conv2D', 'MaxPool2D'), or undefined. */
export function specForKerasName(name: string): LayerSpec | undefined {
  return byKerasName.get(name);
}

/** Every Keras class name and alias the catalog knows (for `from keras.layers import *`). */
export function kerasLayerNames(): readonly string[] {
  return [...byKerasName.keys()];
}
