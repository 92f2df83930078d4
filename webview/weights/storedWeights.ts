// The form every trained-weights file is read into before it meets the code: layers as the
// file stores them, in the file's order, each with its weights. A TF.js model.json names every
// weight's role ('conv1/kernel'); Keras 3 numbers them ('layers/conv1/vars/0', in the order
// the layer created them, which is the order expectedWeights lists roles in). One matcher
// (matchWeights.ts) then pairs these layers with the analysed ones, whatever the format.

export interface NamedWeight {
  /** As the file names it, for messages: 'sequential_1/conv1/kernel', 'layers/conv1/vars/0'. */
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface StoredWeight extends NamedWeight {
  /** The role the file names ('kernel', 'bias', ...), or null when it only numbers the weights. */
  readonly role: string | null;
}

export interface StoredLayer {
  readonly name: string;
  /** In the file's order; for numbered weights, the order the layer created them. */
  readonly weights: readonly StoredWeight[];
}

export interface StoredWeights {
  /** How messages name the file: 'model.json', 'cnn.keras'. */
  readonly label: string;
  /** In the file's order (see `inModelOrder`). */
  readonly layers: readonly StoredLayer[];
  /**
   * True when that order is the model's (model.json's manifest, a .keras file's config, a legacy
   * .h5's layer_names); false when it is only the names' order (a bare .weights.h5, whose HDF5
   * groups list alphabetically).
   */
  readonly inModelOrder: boolean;
}
