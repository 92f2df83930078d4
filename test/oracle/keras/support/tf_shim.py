"""A stand-in for TensorFlow's `tf.keras`, for the Keras oracle only.

Real TensorFlow is not installed on these machines and cannot be (no wheel for it reaches
them). Users' code still writes `import tensorflow as tf; tf.keras.layers.Dense(...)`,
`from tensorflow import keras`, `from tensorflow.keras import layers`,
`from tensorflow.keras.layers import Conv2D` or `from tensorflow.keras.models import
Sequential`. Since TensorFlow 2.16, `tf.keras` IS Keras 3: TensorFlow's lazy loader resolves
`tf.keras` to the module `keras._tf_keras.keras` that Keras 3 ships for exactly this purpose
(tensorflow/python/util/lazy_loader.py, KerasLazyLoader: "keras_3" ->
"keras._tf_keras.keras"). That namespace holds the same classes as `keras` itself
(`tf.keras.layers.Dense is keras.layers.Dense`), plus a few legacy names that plain `keras`
dropped (`layers.ThresholdedReLU`, `layers.RandomHeight`, `layers.RandomWidth`, the old
`backend` functions, `preprocessing.text`, `losses.mse`...).

So this module registers a fake `tensorflow` package in `sys.modules` whose `keras` is that
real Keras namespace, and aliases every `tensorflow.keras.<sub>` module to
`keras._tf_keras.keras.<sub>`. Nothing else of TensorFlow exists: `tf.nn`, `tf.constant`,
`tf.data`... raise AttributeError saying so. Fixtures must use TensorFlow only through
`tf.keras` (never `tf.nn.relu` as an activation, say): anything else would be testing this
shim, not Keras.

Standard library + keras only.
"""

from __future__ import annotations

import importlib.machinery
import pkgutil
import sys
import types

# What `tf.keras` is in TensorFlow >= 2.16 with Keras 3 installed.
TF_KERAS_NAMESPACE = "keras._tf_keras.keras"

# A version that says what this is and still compares as a TensorFlow with Keras 3 inside
# (PEP 440: "2.16.0+shim" sorts as 2.16.0).
SHIM_VERSION = "2.16.0+shapelens.shim"


class _ShimTensorFlow(types.ModuleType):
    """The fake `tensorflow` package: `keras` and a version, nothing else."""

    def __getattr__(self, name: str):  # only called for names the module does not have
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        raise AttributeError(
            f"tensorflow.{name} is not available: real TensorFlow is not installed here, and "
            "the Keras oracle's tensorflow shim (test/oracle/keras/support/tf_shim.py) "
            "provides only tf.keras. Write fixtures with tf.keras or keras alone."
        )


def install() -> types.ModuleType:
    """Registers the shim in sys.modules (idempotent) and returns the fake `tensorflow`."""
    import keras  # noqa: F401  (the real Keras 3 must load first)

    tf_keras = importlib.import_module(TF_KERAS_NAMESPACE)

    tf = sys.modules.get("tensorflow")
    if not isinstance(tf, _ShimTensorFlow):
        tf = _ShimTensorFlow("tensorflow", "Stand-in for TensorFlow: only tf.keras (= Keras 3).")
        tf.__spec__ = importlib.machinery.ModuleSpec("tensorflow", None, origin="tf_shim", is_package=True)
        tf.__path__ = []  # a package, so `import tensorflow.keras.layers` is allowed
        tf.__file__ = __file__
        tf.__version__ = SHIM_VERSION
        tf.keras = tf_keras
        tf.__shapelens_shim__ = True
    sys.modules["tensorflow"] = tf
    sys.modules["tensorflow.keras"] = tf_keras

    # Every submodule of keras._tf_keras.keras (layers, models, optimizers, losses,
    # regularizers, initializers, activations, backend, callbacks, ops, utils,
    # applications.resnet50, preprocessing.image, ...) under its tensorflow.keras name.
    # walk_packages imports the API packages as it goes (about 70 thin modules, ~20 ms).
    for info in pkgutil.walk_packages(tf_keras.__path__, TF_KERAS_NAMESPACE + ".", onerror=lambda _name: None):
        try:
            module = importlib.import_module(info.name)
        except Exception:  # an optional submodule that cannot load here: leave it out
            continue
        alias = "tensorflow.keras" + info.name[len(TF_KERAS_NAMESPACE):]
        sys.modules[alias] = module
    # Keras asks whether TensorFlow is installed by importing it; with the shim in sys.modules
    # that import succeeds and Keras would reach for real TensorFlow APIs (Bidirectional reads
    # tf.TensorShape, set_random_seed tf.random). Tell its lazy module holder it is absent.
    from keras.src.utils import module_utils

    module_utils.tensorflow._available = False
    return tf
