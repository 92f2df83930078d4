// The activation names keras.activations.get accepts (Keras 3.15.1: the functions of
// keras.src.activations.ALL_OBJECTS by __name__, plus the aliases 'swish' and 'hard_swish').
// The oracle test (test/oracle/keras/catalog/activations.test.ts) holds this list to Keras's.
export const KERAS_ACTIVATIONS: ReadonlySet<string> = new Set([
  'celu', 'elu', 'exponential', 'gelu', 'glu', 'hard_shrink', 'hard_sigmoid', 'hard_silu', 'hard_swish', 'hard_tanh',
  'leaky_relu', 'linear', 'log_sigmoid', 'log_softmax', 'mish', 'relu', 'relu6', 'selu', 'sigmoid', 'silu', 'soft_shrink',
  'softmax', 'softplus', 'softsign', 'sparse_plus', 'sparse_sigmoid', 'sparsemax', 'squareplus', 'swish', 'tanh',
  'tanh_shrink', 'threshold',
]);
