#!/usr/bin/env python3
"""Trained-weight files made by real Keras 3, and Keras's own layer outputs, for the panel's tests.

Runs one of our example scripts (examples/classic_cnn.py by default: the model the tests also
analyse, so the code and the Keras model are the same source), gives the model deterministic
weights from a seeded generator, saves it in every format the panel reads, and computes what
Keras itself outputs at the requested layers for a given input tensor. The tests pass the
panel's own input tensor (the sample image as the webview fits it), so both sides start from
the same numbers.

    python keras_weight_files.py --out DIR --input x.f32 --shape 64,64,3 --layers conv2d,max_pooling2d

Writes into DIR:
  classic_cnn.keras         model.save (Keras 3 archive: config.json, metadata.json, model.weights.h5)
  classic_cnn.weights.h5    model.save_weights (Keras 3 HDF5 layout)
  classic_cnn.h5            model.save('x.h5'), Keras 3's legacy HDF5 format
  renamed.keras             the same weights in a copy whose layers have other names
  with_lambda.keras         the same first conv followed by a Lambda (config.json holds its code, as data)
  nested.{keras,weights.h5,h5}  a functional model around a nested Sequential (conv + batch norm), seeded
  compressed.weights.h5     the Keras 3 layout with gzip-compressed datasets (h5py; Keras never writes this)
  not_keras.h5              an HDF5 file that is no Keras file at all (h5py)
  <layer>.f32               Keras's output of <layer> on the input, float32 little-endian, NHWC
and prints one JSON object (paths, output shapes, versions) on stdout. Only our own example
scripts are run here, never a user's file.
"""
import argparse
import contextlib
import json
import os
import runpy
import sys

os.environ.setdefault("KERAS_BACKEND", "numpy")

import numpy as np  # noqa: E402
import keras  # noqa: E402


def seeded_weights(model, seed):
    """Kernels ~ N(0, 0.25), biases ~ U(-0.2, 0.2), in layer order: reproducible and non-trivial after relu."""
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        values = []
        for w in layer.weights:
            shape = tuple(w.shape)
            if len(shape) == 1:
                values.append(rng.uniform(-0.2, 0.2, size=shape).astype("float32"))
            else:
                values.append(rng.normal(0.0, 0.25, size=shape).astype("float32"))
        if values:
            layer.set_weights(values)


def renamed_copy(model):
    """The same architecture and weights, every layer under another name."""
    config = model.get_config()
    for i, layer in enumerate(config["layers"]):
        layer["config"]["name"] = f"renamed_{i}"
    copy = keras.Sequential.from_config(config)
    copy.set_weights(model.get_weights())
    return copy


def lambda_model(model):
    """The first conv, then a Lambda: its Python code is stored in config.json, which the panel must only read."""
    first = model.layers[0]
    m = keras.Sequential(
        [
            keras.Input(shape=tuple(first.input.shape[1:])),
            keras.layers.Conv2D(first.filters, first.kernel_size, activation="relu", name=first.name),
            keras.layers.Lambda(lambda t: t * 2.0, name="doubled"),
        ]
    )
    m.layers[0].set_weights(first.get_weights())
    return m


def nested_model(seed):
    """A functional model whose first stage is a nested Sequential: weights in nested groups."""
    inner = keras.Sequential(
        [keras.Input((16, 16, 3)), keras.layers.Conv2D(4, 3, name="inner_conv"), keras.layers.BatchNormalization(name="inner_bn")],
        name="backbone",
    )
    inp = keras.Input((16, 16, 3))
    out = keras.layers.Conv2D(2, 1, name="head_conv")(inner(inp))
    m = keras.Model(inp, out)
    seeded_weights(inner, seed + 1)
    seeded_weights(m, seed + 2)
    return m


def compressed_weights(model, path):
    """The .weights.h5 layout, each dataset gzip-compressed: what the panel refuses to inflate."""
    import h5py

    with h5py.File(path, "w") as f:
        for layer in model.layers:
            g = f.create_group(f"layers/{layer.name}/vars")
            g.attrs["name"] = layer.name
            for i, w in enumerate(layer.get_weights()):
                g.create_dataset(str(i), data=w, compression="gzip")


def not_keras(path):
    import h5py

    with h5py.File(path, "w") as f:
        f.create_dataset("measurements/temperature", data=np.arange(12, dtype="float32").reshape(3, 4))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--example", default=os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "examples", "classic_cnn.py"))
    p.add_argument("--out", required=True)
    p.add_argument("--input", required=True, help="raw float32 little-endian HWC tensor")
    p.add_argument("--shape", required=True, help="H,W,C of the input")
    p.add_argument("--layers", required=True, help="comma-separated layer names whose outputs to write")
    p.add_argument("--seed", type=int, default=20240917)
    a = p.parse_args()

    # The example prints model.summary(); keep stdout for our one JSON line.
    with contextlib.redirect_stdout(sys.stderr):
        model = runpy.run_path(os.path.abspath(a.example), run_name="__main__")["model"]
        seeded_weights(model, a.seed)
        os.makedirs(a.out, exist_ok=True)
        files = {
            "keras": os.path.join(a.out, "classic_cnn.keras"),
            "weights.h5": os.path.join(a.out, "classic_cnn.weights.h5"),
            "legacy-h5": os.path.join(a.out, "classic_cnn.h5"),
            "renamed": os.path.join(a.out, "renamed.keras"),
            "lambda": os.path.join(a.out, "with_lambda.keras"),
            "nested-keras": os.path.join(a.out, "nested.keras"),
            "nested-weights.h5": os.path.join(a.out, "nested.weights.h5"),
            "nested-legacy-h5": os.path.join(a.out, "nested.h5"),
            "compressed": os.path.join(a.out, "compressed.weights.h5"),
            "not-keras": os.path.join(a.out, "not_keras.h5"),
        }
        model.save(files["keras"])
        model.save_weights(files["weights.h5"])
        model.save(files["legacy-h5"])  # the .h5 suffix selects Keras's legacy HDF5 writer
        renamed_copy(model).save(files["renamed"])
        lambda_model(model).save(files["lambda"])
        nested = nested_model(a.seed)
        nested.save(files["nested-keras"])
        nested.save_weights(files["nested-weights.h5"])
        nested.save(files["nested-legacy-h5"])
        compressed_weights(model, files["compressed"])
        not_keras(files["not-keras"])

        h, w, c = (int(d) for d in a.shape.split(","))
        x = np.fromfile(a.input, dtype="<f4").reshape(1, h, w, c)
        outputs = {}
        for name in a.layers.split(","):
            sub = keras.Model(model.inputs, model.get_layer(name).output)
            y = np.asarray(sub(x), dtype="<f4")
            path = os.path.join(a.out, f"{name}.f32")
            y.tofile(path)
            outputs[name] = {"path": path, "shape": list(y.shape)}

    print(json.dumps({"files": files, "outputs": outputs, "layerNames": [l.name for l in model.layers], "versions": {"keras": keras.__version__, "numpy": np.__version__}}))


if __name__ == "__main__":
    main()
