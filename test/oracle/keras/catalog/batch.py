# The Keras side of the catalog oracle (harness.ts): runs many tiny layer programs in one oracle
# request. Each case is a complete program that binds `layer` (the layer under test) and `y`
# (its symbolic output); it runs in a namespace of its own, after clear_session() so auto-names
# restart as in a fresh process. Then, like the TF.js oracle, the layer is run on zeros (batch 2,
# other unknown dims 3): Keras accepting the symbolic call but failing on data, or returning a
# shape its symbolic output contradicts, is a rejection too. One JSON line per batch on stdout.
import json
import re
import sys

import keras
import numpy as np

_WRAPPED = re.compile(r"^Exception encountered when calling [^\n]*\n\n\x1b\[1m(.*?)\x1b\[0m", re.S)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _detail(exc):
    text = str(exc)
    wrapped = _WRAPPED.match(text)
    gist = wrapped.group(1) if wrapped else text.strip().split("\n")[0]
    return _ANSI.sub("", gist).strip()[:400]


def _tree(value):
    """A tensor's shape (symbolic or concrete), or the same structure of shapes."""
    if isinstance(value, keras.KerasTensor) or (hasattr(value, "shape") and not isinstance(value, (list, tuple, dict))):
        return [None if d is None else int(d) for d in value.shape]
    if isinstance(value, (list, tuple)):
        return [_tree(v) for v in value]
    if isinstance(value, dict):
        return [_tree(v) for v in value.values()]
    return None


def _size(weights):
    total = 0
    for w in weights:
        n = 1
        for d in w.shape:
            n *= int(d)
        total += n
    return total


def _line(exc, filename):
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _contradicts(symbolic, concrete):
    if isinstance(symbolic, list) and symbolic and isinstance(symbolic[0], list):
        return not isinstance(concrete, list) or len(concrete) != len(symbolic) or any(_contradicts(s, c) for s, c in zip(symbolic, concrete))
    if not isinstance(concrete, list) or concrete and isinstance(concrete[0], list):
        return True
    return len(symbolic) != len(concrete) or any(s is not None and s != c for s, c in zip(symbolic, concrete))


def _zeros(spec):
    shape = [(2 if i == 0 else 3) if d is None else d for i, d in enumerate(spec["shape"])]
    return np.zeros(shape, dtype=spec.get("dtype") or "float32")


def _clear_jax_caches():
    jax = sys.modules.get("jax")
    if jax is not None:
        jax.clear_caches()


def run_case(index, case):
    keras.backend.clear_session(free_memory=False)  # names restart; the gc pass would cost 0.2 s
    filename = f"case{index}.py"
    ns = {"__name__": f"case{index}"}
    try:
        exec(compile(case["source"], filename, "exec"), ns)
    except Exception as e:  # the constructor or the symbolic call raised
        return {"raised": {"type": type(e).__name__, "detail": _detail(e), "line": _line(e, filename), "when": "build"}}
    layer = ns["layer"]
    try:
        params = int(layer.count_params())
    except Exception:
        params = None
    out = {
        "raised": None,
        "shape": _tree(ns.get("y")),
        "params": params,
        "trainable": _size(layer.trainable_weights),
        "nonTrainable": _size(layer.non_trainable_weights),
        "name": layer.name,
    }
    if case.get("run", True):
        arrays = {name: _zeros(spec) for name, spec in case["inputs"].items()}
        try:
            concrete = _tree(eval(case["call"], {**ns, **arrays}))
        except Exception as e:
            out["raised"] = {"type": type(e).__name__, "detail": _detail(e), "line": None, "when": "run"}
            # jax caches compiled ops by their static arguments, and (2.0, 2) == (2, 2) in
            # Python: a failed float compile would poison every later case of the same shape.
            _clear_jax_caches()
            return out
        if _contradicts(out["shape"], concrete):
            out["raised"] = {"type": "ShapeMismatch", "detail": f"runs to {concrete}, symbolic {out['shape']}", "line": None, "when": "run"}
    return out


def run_cases(cases):
    print(json.dumps([run_case(i, c) for i, c in enumerate(cases)]))
