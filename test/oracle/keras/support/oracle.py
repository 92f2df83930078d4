#!/usr/bin/env python3
"""The Keras oracle: runs Python programs with real Keras 3 and reports what Keras built.

For Python what real TF.js is for TypeScript (test/oracle/catalog/harness.ts): the ground
truth our analyzer's shapes, parameter counts, names, summaries and errors are checked
against. Run it with the pinned venv (scripts/ensure-keras-venv.sh) and KERAS_BACKEND=numpy
(set below when absent): the numpy backend builds models and counts parameters, imports in
about a second, and needs no accelerator.

Two ways to use it:

* As a JSON-lines server (the default, what test/oracle/keras/support/kerasOracle.ts
  spawns): one request per stdin line, one response per stdout line, in order. The first
  stdout line is a greeting, {"ready": true, "versions": {...}}. Nothing else ever reaches
  stdout: file descriptor 1 is pointed at stderr at start-up and the protocol writes to a
  private duplicate of it, so whatever Keras, rich, absl or a C library prints cannot corrupt
  the stream; a program's own prints are captured and returned as "stdout".
* From the command line, for humans:
      python test/oracle/keras/support/oracle.py --models model.py   (or a .ipynb)
      python test/oracle/keras/support/oracle.py --program model.py --inspect y,layer
  prints one response as indented JSON.

Requests (every field but "kind" optional; "id" is echoed back):

  {"id": 1, "kind": "program", "source": "...", "filename": "case.py", "inspect": ["y"]}
      Execs the program as a fresh __main__ module and describes each inspected name.
  {"id": 2, "kind": "models", "source": "...", "filename": "case.py"}
      The same run, plus every Keras model the program built, in construction order.
  {"id": 3, "kind": "notebook-models", "path": "nb.ipynb"}   (or "source": the .ipynb JSON)
      Runs the notebook's code cells in order as one program; positions are per cell.
  {"id": 4, "kind": "versions"}
  Shared options: "timeoutSeconds" (default 60: the program is interrupted with TimeoutError),
  "summary": {"columns": 200, "expandNested": false, "showTrainable": false, "lineLength": null}
  (the terminal width Keras's summary believes it has, see summary_of), "inspect" (also for
  the models kinds).

Responses: {"id": ..., "ok": true, "result": {...}} or, when the request itself could not be
served (bad JSON, unknown kind, a bug here), {"id": ..., "ok": false, "error": "..."}. A
program that raises is not a failed request: its exception is result.raised.

Positions are 1-based lines and 1-based columns counted in characters (Python's own column
offsets are 0-based UTF-8 byte offsets; we convert), like the editor and our JSON report.

Standard library + keras only.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import json
import linecache
import os
import re
import signal
import sys
import traceback
import types
import warnings

# --- Process set-up, before Keras is imported -------------------------------------------------

os.environ.setdefault("KERAS_BACKEND", "numpy")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# Keras's summary sizes its table from the terminal (see summary_of); never guess from ours.
os.environ["COLUMNS"] = "200"

# The protocol channel: a private duplicate of the real stdout. File descriptor 1 then points
# at stderr, so anything else that writes to "stdout" (Python or C) lands on stderr.
_PROTOCOL_FD = os.dup(1)
os.dup2(2, 1)
PROTOCOL = os.fdopen(_PROTOCOL_FD, "w", encoding="utf-8", buffering=1, newline="\n")
sys.stdout = sys.stderr

import keras  # noqa: E402  (after the environment above)
from keras.src.models.functional import Functional  # noqa: E402
from keras.src.models.model import Model  # noqa: E402
from keras.src.models.sequential import Sequential  # noqa: E402

sys.dont_write_bytecode = True  # no __pycache__ beside the sources in the work tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tf_shim  # noqa: E402

MAX_CAPTURED_CHARS = 200_000
DEFAULT_TIMEOUT_S = 60.0


# --- Positions ----------------------------------------------------------------------------

class Unit:
    """One compiled piece of the program: a whole script, or one notebook code cell."""

    def __init__(self, filename: str, source: str, cell: int | None):
        self.filename = filename
        self.source = source
        self.cell = cell  # 1-based code-cell index, None for a script
        self.lines = source.splitlines(True)


def _char_column(unit: Unit, line: int, byte_col: int | None) -> int | None:
    """A 0-based UTF-8 byte offset on a 1-based line → a 1-based character column."""
    if byte_col is None or line < 1 or line > len(unit.lines):
        return None
    raw = unit.lines[line - 1].encode("utf-8")
    return len(raw[:byte_col].decode("utf-8", errors="replace")) + 1


def _instruction_span(code: types.CodeType, lasti: int) -> tuple[int | None, int | None, int | None, int | None]:
    """(line, endLine, byteCol, endByteCol) of the instruction at byte offset `lasti`.

    Python 3.11+: co_positions() yields one entry per 2-byte code unit, so the entry of the
    instruction at f_lasti / tb_lasti is at index lasti // 2. For a call that is the whole
    call expression, `keras.Sequential([...])` from its first character.
    """
    try:
        positions = list(code.co_positions())
        if 0 <= lasti // 2 < len(positions):
            return positions[lasti // 2]
    except (AttributeError, ValueError):
        pass
    return (None, None, None, None)


def _site(unit: Unit, code: types.CodeType, lasti: int, fallback_line: int | None) -> dict:
    line, end_line, col, end_col = _instruction_span(code, lasti)
    if line is None:
        return {"line": fallback_line, "column": None, "endLine": None, "endColumn": None}
    site = {
        "line": line,
        "column": _char_column(unit, line, col),
        "endLine": end_line,
        "endColumn": _char_column(unit, end_line, end_col) if end_line is not None else None,
    }
    return site


# --- Describing Keras objects ---------------------------------------------------------------

def _shape(shape) -> list | None:
    if shape is None:
        return None
    return [None if d is None else int(d) for d in shape]


def _structure_shapes(value):
    """KerasTensor → its shape; lists/tuples/dicts of them → the same structure of shapes."""
    if isinstance(value, keras.KerasTensor):
        return _shape(value.shape)
    if isinstance(value, (list, tuple)):
        return [_structure_shapes(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _structure_shapes(v) for k, v in value.items()}
    return None


def _weights_size(weights) -> int:
    total = 0
    for w in weights:
        n = 1
        for d in w.shape:
            n *= int(d)
        total += n
    return total


def _count_params(layer) -> tuple[int | None, str | None]:
    try:
        return int(layer.count_params()), None
    except Exception as e:  # Keras raises ValueError for an unbuilt layer
        return None, f"{type(e).__name__}: {_first_line(str(e))}"


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return text.strip()


def _output_shape(layer):
    """The layer's output shape(s) at its first inbound node (layer.output for one node)."""
    nodes = getattr(layer, "_inbound_nodes", None) or []
    if not nodes:
        return None
    try:
        return _structure_shapes(nodes[0].output_tensors if len(nodes[0].output_tensors) != 1 else nodes[0].output_tensors[0])
    except Exception:
        return None


def _node_output_shapes(layer) -> list:
    out = []
    for node in getattr(layer, "_inbound_nodes", None) or []:
        tensors = node.output_tensors
        out.append(_structure_shapes(tensors[0] if len(tensors) == 1 else tensors))
    return out


def _plain_shapes(value):
    """A shape (tuple of ints/None) or a structure of them, as JSON lists."""
    if isinstance(value, (list, tuple)) and all(d is None or isinstance(d, int) for d in value):
        return [None if d is None else int(d) for d in value]
    if isinstance(value, (list, tuple)):
        return [_plain_shapes(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain_shapes(v) for k, v in value.items()}
    return None


def describe_layer(layer, relevant_nodes=None) -> dict:
    params, params_error = _count_params(layer)
    info = {
        "className": type(layer).__name__,
        "name": layer.name,
        "built": bool(getattr(layer, "built", False)),
        "params": params,
        "trainable": _weights_size(layer.trainable_weights),
        "nonTrainable": _weights_size(layer.non_trainable_weights),
        "outputShape": _output_shape(layer),
        "nodeOutputShapes": _node_output_shapes(layer),
        # The shapes build() was called with ({argument: shape}); the only shape record of a
        # layer used inside a subclassed model's call(), which leaves no inbound nodes.
        "buildShapes": _plain_shapes(getattr(layer, "_build_shapes_dict", None) or {}) or None,
    }
    if params_error is not None:
        info["paramsError"] = params_error
    if relevant_nodes is not None:
        info["inbound"] = _connections(layer, relevant_nodes)
    return info


def _connections(layer, relevant_nodes) -> list:
    """Keras summary's "Connected to": per inbound node inside the model, its input tensors as
    {layer, nodeIndex, tensorIndex} (summary writes them `layer[node][tensor]`)."""
    result = []
    for node in layer._inbound_nodes:
        if relevant_nodes and node not in relevant_nodes:
            continue  # a node from another model that shares this layer
        refs = []
        for kt in node.input_tensors:
            history = kt._keras_history
            refs.append({"layer": history.operation.name, "nodeIndex": history.node_index, "tensorIndex": history.tensor_index})
        result.append(refs)
    return result


def summary_of(model, options: dict) -> tuple[str | None, str | None]:
    """model.summary() captured through print_fn, verbatim.

    Keras 3 sizes the table as min(88, terminal columns - 4) (108 with "Connected to", +12 with
    show_trainable), reading the terminal through shutil.get_terminal_size(), i.e. $COLUMNS
    or the real tty, else 80. A piped process therefore gets 76-wide tables. We set $COLUMNS
    (default 200) so the widths are Keras's documented defaults, as in a wide terminal.
    """
    columns = int(options.get("columns") or 200)
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(columns)
    captured: list[str] = []
    try:
        model.summary(
            print_fn=lambda text, **_kw: captured.append(text),
            line_length=options.get("lineLength"),
            expand_nested=bool(options.get("expandNested", False)),
            show_trainable=bool(options.get("showTrainable", False)),
        )
        return "".join(captured), None
    except Exception as e:
        return None, f"{type(e).__name__}: {_first_line(str(e))}"
    finally:
        if previous is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = previous


def model_kind(model) -> str:
    if isinstance(model, Sequential):
        return "sequential"
    if isinstance(model, Functional):
        return "functional"
    return "subclass"


def describe_model(record: "ModelRecord", summary_options: dict) -> dict:
    model = record.model
    relevant = None
    if isinstance(model, Functional) and not isinstance(model, Sequential):
        relevant = [n for nodes in model._nodes_by_depth.values() for n in nodes]
    params, params_error = _count_params(model)
    info = {
        "className": type(model).__name__,
        "kind": model_kind(model),
        "name": model.name,
        **record.site,
        "built": bool(model.built),
        "params": params,
        "trainable": _weights_size(model.trainable_weights),
        "nonTrainable": _weights_size(model.non_trainable_weights),
        "layers": [describe_layer(layer, relevant) for layer in model.layers],
    }
    if record.cell is not None:
        info["cell"] = record.cell
    if params_error is not None:
        info["paramsError"] = params_error
    for key, attr in (("inputShapes", "inputs"), ("outputShapes", "outputs")):
        try:
            tensors = getattr(model, attr, None)
            info[key] = _structure_shapes(list(tensors)) if tensors is not None else None
        except Exception:
            info[key] = None
    text, error = summary_of(model, summary_options)
    info["summary"] = text
    if error is not None:
        info["summaryError"] = error
    return info


def inspect_value(value) -> dict:
    if isinstance(value, keras.KerasTensor):
        return {"kind": "tensor", "shape": _shape(value.shape)}
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, keras.KerasTensor) for v in value):
        return {"kind": "tensors", "shapes": [_shape(v.shape) for v in value]}
    if isinstance(value, keras.Layer):
        info = {"kind": "model" if isinstance(value, Model) else "layer", **describe_layer(value)}
        return info
    text = repr(value)
    return {"kind": "value", "type": type(value).__name__, "repr": text[:500]}


# --- Recording model construction ------------------------------------------------------------

class ModelRecord:
    def __init__(self, model, site: dict, cell: int | None):
        self.model = model
        self.site = site
        self.cell = cell


class Recorder:
    """Every keras.Model constructed while a program runs, once each, in construction order.

    Mechanism: Model.__init__ is wrapped once, at the class level. Every model reaches it,
    whatever its class: Sequential.__init__ calls super().__init__(); Functional.__init__
    calls Function.__init__, whose super().__init__() is Model.__init__ in Functional's MRO; a
    user subclass calls super().__init__(). The first time a given object arrives we walk up
    the stack past the frames that are initialising that same object (MyModel.__init__,
    Sequential.__init__, ...: their first argument is the object), reaching the frame that
    called the constructor, then on to the first frame in the program: its current
    instruction is the constructor call (or the call of a Keras function that built the
    model, e.g. keras.applications.MobileNetV2(...)). A subclass's super().__init__() arrives
    with an object already seen, so it is not a second model. Model.__init__'s signature is
    (self, *args, **kwargs) and stays so, so Keras's own signature inspection is unaffected.

    Left out: the Functional that Sequential.build() makes for itself (it consumes a
    functional_N name, see the survey, but is not a model of the program), and models whose
    construction raised out of the program (their constructor frame is on the traceback).
    """

    def __init__(self, units: list[Unit]):
        self.by_filename = {u.filename: u for u in units}
        self.records: list[ModelRecord] = []
        # Every model seen, kept alive so that no id() is reused while the program runs.
        self._seen: dict[int, object] = {}

    def on_model_init(self, model, frame) -> None:
        if id(model) in self._seen:
            return
        self._seen[id(model)] = model
        # Past the frames that are constructing this object.
        caller = frame
        while caller is not None and _frame_self(caller) is model:
            caller = caller.f_back
        if caller is not None and caller.f_code is _SEQUENTIAL_BUILD_CODE:
            return  # Sequential's internal Functional
        site_frame = caller
        while site_frame is not None and site_frame.f_code.co_filename not in self.by_filename:
            site_frame = site_frame.f_back
        if site_frame is None:
            site = {"line": None, "column": None, "endLine": None, "endColumn": None}
            cell = None
        else:
            unit = self.by_filename[site_frame.f_code.co_filename]
            site = _site(unit, site_frame.f_code, site_frame.f_lasti, site_frame.f_lineno)
            cell = unit.cell
        self.records.append(ModelRecord(model, site, cell))

    def drop_failed(self, tb) -> None:
        """Drops models whose constructor is on the traceback of the program's exception."""
        failing: set[int] = set()
        while tb is not None:
            obj = _frame_self(tb.tb_frame)
            if obj is not None and tb.tb_frame.f_code.co_name == "__init__":
                failing.add(id(obj))
            tb = tb.tb_next
        self.records = [r for r in self.records if id(r.model) not in failing]


def _frame_self(frame):
    code = frame.f_code
    if code.co_argcount < 1:
        return None
    return frame.f_locals.get(code.co_varnames[0])


_SEQUENTIAL_BUILD_CODE = Sequential.build.__code__
_ACTIVE_RECORDER: Recorder | None = None
_original_model_init = Model.__init__


def _recording_model_init(self, *args, **kwargs):
    if _ACTIVE_RECORDER is not None:
        _ACTIVE_RECORDER.on_model_init(self, sys._getframe(1))
    return _original_model_init(self, *args, **kwargs)


_recording_model_init.__wrapped__ = _original_model_init
_recording_model_init.__doc__ = _original_model_init.__doc__
Model.__init__ = _recording_model_init


# --- Running a program ---------------------------------------------------------------------

class OracleTimeout(BaseException):
    """Raised inside the program when its time is up (a BaseException, so `except Exception`
    in the program or in Keras does not swallow it; re-raised every 0.5 s until it ends)."""


def _on_alarm(_signum, _frame):
    raise OracleTimeout("the program ran past its time limit")


def reset_keras_state() -> None:
    """A fresh process's Keras: name counters restart (conv2d, conv2d_1...), default config."""
    keras.backend.clear_session()  # resets the auto-name uids too (tested in harness.test.ts)
    keras.config.set_image_data_format("channels_last")
    keras.config.set_floatx("float32")
    keras.config.set_epsilon(1e-7)
    keras.config.set_dtype_policy("float32")


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_KERAS_WRAPPED = re.compile(r"^Exception encountered when calling [^\n]*\n\n\x1b\[1m(.*?)\x1b\[0m", re.S)


def _plain(text: str) -> str:
    """Keras puts ANSI bold codes in some messages; the terminal would hide them, so do we."""
    return _ANSI.sub("", text)


def _raised_info(exc: BaseException, units: list[Unit]) -> dict:
    by_filename = {u.filename: u for u in units}
    text = str(exc)
    info: dict = {"type": type(exc).__name__, "message": _plain(text), "line": None, "column": None}
    # Errors raised inside a layer's call() arrive wrapped: "Exception encountered when
    # calling Reshape.call().\n\n<bold>the real message</bold>\n\nArguments received by...".
    wrapped = _KERAS_WRAPPED.match(text)
    info["detail"] = _plain(wrapped.group(1)).strip() if wrapped else _first_line(_plain(text))
    if isinstance(exc, OracleTimeout):
        info["type"] = "TimeoutError"
    # The innermost frame of the program itself (not of Keras) that was executing.
    innermost = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in by_filename:
            innermost = tb
        tb = tb.tb_next
    if isinstance(exc, SyntaxError) and exc.filename in by_filename and innermost is None:
        unit = by_filename[exc.filename]
        info.update({"line": exc.lineno, "column": exc.offset, "message": exc.msg})
        if unit.cell is not None:
            info["cell"] = unit.cell
    elif innermost is not None:
        unit = by_filename[innermost.tb_frame.f_code.co_filename]
        site = _site(unit, innermost.tb_frame.f_code, innermost.tb_lasti, innermost.tb_lineno)
        info["line"] = innermost.tb_lineno
        info["column"] = site["column"] if site["line"] == innermost.tb_lineno else None
        if unit.cell is not None:
            info["cell"] = unit.cell
    info["traceback"] = "".join(traceback.format_exception(exc))[-8000:]
    return info


def _cap(text: str) -> str:
    if len(text) <= MAX_CAPTURED_CHARS:
        return text
    return text[:MAX_CAPTURED_CHARS] + f"\n[... {len(text) - MAX_CAPTURED_CHARS} more characters cut by the oracle]\n"


def _forget_project_modules(paths: list[str]) -> None:
    """Drops the project's modules from sys.modules: the next run imports its files afresh."""
    if not paths:
        return
    prefixes = tuple(os.path.join(p, "") for p in paths)
    for name, mod in list(sys.modules.items()):
        file = getattr(mod, "__file__", None)
        if isinstance(file, str) and os.path.abspath(file).startswith(prefixes):
            del sys.modules[name]


def run_units(units: list[Unit], request: dict, want_models: bool) -> dict:
    """Execs the units in order in one fresh __main__ namespace and reports on it."""
    global _ACTIVE_RECORDER
    reset_keras_state()
    tf_shim.install()
    for u in units:
        linecache.cache[u.filename] = (len(u.source), None, u.lines, u.filename)

    module = types.ModuleType("__main__")
    module.__file__ = units[0].filename if units else "<program>"
    module.__builtins__ = __builtins__
    # A project's entry: its folders importable, and (run as `python -m pkg.entry`) its package,
    # so that `from .config import X` and `import config` find the project's own files.
    project_paths = [os.path.abspath(str(p)) for p in (request.get("sysPath") or [])]
    if request.get("package"):
        module.__package__ = str(request["package"])
    namespace = module.__dict__

    recorder = Recorder(units)
    stdout = io.StringIO()
    caught_warnings: list[dict] = []
    by_filename = {u.filename: u for u in units}

    def show_warning(message, category, filename, lineno, file=None, line=None):
        # Where in the program the warning was raised: the innermost program frame now.
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename not in by_filename:
            frame = frame.f_back
        entry = {"category": category.__name__, "message": _plain(str(message)), "line": None}
        if frame is not None:
            entry["line"] = frame.f_lineno
            unit = by_filename[frame.f_code.co_filename]
            if unit.cell is not None:
                entry["cell"] = unit.cell
        if len(caught_warnings) < 200:
            caught_warnings.append(entry)

    raised = None
    saved_main = sys.modules.get("__main__")
    saved_argv = sys.argv
    saved_stdin = sys.stdin
    timeout = float(request.get("timeoutSeconds") or DEFAULT_TIMEOUT_S)
    previous_handler = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        sys.path[0:0] = project_paths
        importlib.invalidate_caches()
        sys.modules["__main__"] = module
        sys.argv = [module.__file__]
        sys.stdin = io.StringIO("")  # the real stdin is the protocol
        _ACTIVE_RECORDER = recorder if want_models else None
        with warnings.catch_warnings(), contextlib.redirect_stdout(stdout):
            warnings.simplefilter("always")
            warnings.showwarning = show_warning
            signal.setitimer(signal.ITIMER_REAL, timeout, 0.5)
            try:
                for unit in units:
                    code = compile(unit.source, unit.filename, "exec", dont_inherit=True)
                    exec(code, namespace)
            except BaseException as e:  # SystemExit and timeouts too: all are the program's
                raised = e
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0, 0)
    finally:
        _ACTIVE_RECORDER = None
        signal.signal(signal.SIGALRM, previous_handler)
        for p in project_paths:
            if p in sys.path:
                sys.path.remove(p)
        _forget_project_modules(project_paths)
        sys.modules["__main__"] = saved_main
        sys.argv = saved_argv
        sys.stdin = saved_stdin

    result: dict = {
        "raised": _raised_info(raised, units) if raised is not None else None,
        "stdout": _cap(stdout.getvalue()),
        "warnings": caught_warnings,
    }
    inspect_names = request.get("inspect") or []
    result["inspected"] = {name: inspect_value(namespace[name]) if name in namespace else {"kind": "missing"} for name in inspect_names}
    if want_models:
        if raised is not None:
            recorder.drop_failed(raised.__traceback__)
        summary_options = request.get("summary") or {}
        result["models"] = [describe_model(r, summary_options) for r in recorder.records]
    return result


# --- Notebooks -----------------------------------------------------------------------------

# Cell magics whose body is Python that IPython runs; any other %%magic cell is not Python.
PYTHON_CELL_MAGICS = {"time", "timeit", "capture", "prun", "debug"}


def notebook_units(notebook: dict, filename: str) -> list[Unit]:
    """The code cells as units, IPython-only lines blanked so line numbers stay per cell.

    Line magics (`%matplotlib inline`), shell lines (`!pip install ...`) and help lines
    (`model?`, `?model`) become `pass` at their indentation; a `%%time`-like cell magic line
    becomes blank and its body runs; a cell under any other cell magic (`%%bash`,
    `%%writefile`, `%%html`...) is skipped. Cells count from 1 over code cells only.
    """
    units = []
    code_index = 0
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        code_index += 1
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(source)
        lines = source.splitlines(True)
        first = lines[0].strip() if lines else ""
        if first.startswith("%%"):
            magic = first[2:].split()[0] if first[2:].split() else ""
            if magic not in PYTHON_CELL_MAGICS:
                continue
            lines[0] = "\n"
        out = []
        for line in lines:
            stripped = line.lstrip()
            indent = line[: len(line) - len(stripped)]
            body = stripped.rstrip("\r\n")
            if stripped.startswith(("%", "!")) or (body.endswith("?") and not body.startswith("#")) or body.startswith("?"):
                out.append(f"{indent}pass\n")
            else:
                out.append(line)
        units.append(Unit(f"{filename}#cell{code_index}", "".join(out), code_index))
    return units


# --- Requests --------------------------------------------------------------------------------

def versions() -> dict:
    import numpy

    return {
        "python": sys.version.split()[0],
        "keras": keras.__version__,
        "backend": keras.backend.backend(),
        "numpy": numpy.__version__,
    }


def handle(request: dict) -> dict:
    kind = request.get("kind")
    if kind == "versions":
        return versions()
    if kind in ("program", "models"):
        source = request.get("source")
        if not isinstance(source, str):
            raise ValueError(f'a "{kind}" request needs "source", the program text')
        filename = str(request.get("filename") or "program.py")
        return run_units([Unit(filename, source, None)], request, want_models=(kind == "models"))
    if kind == "notebook-models":
        if isinstance(request.get("path"), str):
            path = request["path"]
            with open(path, encoding="utf-8") as f:
                notebook = json.load(f)
            filename = os.path.abspath(path)
        elif isinstance(request.get("source"), str):
            notebook = json.loads(request["source"])
            filename = str(request.get("filename") or "notebook.ipynb")
        else:
            raise ValueError('a "notebook-models" request needs "path" or "source" (the .ipynb JSON)')
        return run_units(notebook_units(notebook, filename), request, want_models=True)
    raise ValueError(f"unknown request kind {kind!r} (program, models, notebook-models, versions)")


def respond(request_id, payload: dict) -> None:
    PROTOCOL.write(json.dumps({"id": request_id, **payload}, allow_nan=False, separators=(",", ":")) + "\n")
    PROTOCOL.flush()


def serve() -> int:
    respond(None, {"ready": True, "versions": versions()})
    for raw in sys.stdin:
        raw = raw.strip()
        if not raw:
            continue
        request_id = None
        try:
            request = json.loads(raw)
            if not isinstance(request, dict):
                raise ValueError("a request is a JSON object")
            request_id = request.get("id")
            result = handle(request)
            respond(request_id, {"ok": True, "result": result})
        except Exception:
            respond(request_id, {"ok": False, "error": traceback.format_exc()[-8000:]})
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Run Python with real Keras 3 and report what it built.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--models", metavar="FILE", help="report every model FILE (.py or .ipynb) builds")
    group.add_argument("--program", metavar="FILE", help="run FILE and describe the names given to --inspect")
    parser.add_argument("--inspect", default="", help="comma-separated names to describe")
    parser.add_argument("--serve", action="store_true", help="JSON-lines server on stdin/stdout (the default)")
    args = parser.parse_args(argv)
    if not args.models and not args.program:
        return serve()
    path = args.models or args.program
    inspect_names = [n for n in args.inspect.split(",") if n]
    if path.endswith(".ipynb"):
        request = {"kind": "notebook-models", "path": path, "inspect": inspect_names}
    else:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        request = {"kind": "models" if args.models else "program", "source": source, "filename": os.path.abspath(path), "inspect": inspect_names}
    try:
        out = {"ok": True, "result": handle(request)}
    except Exception:
        out = {"ok": False, "error": traceback.format_exc()}
    PROTOCOL.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    PROTOCOL.flush()
    return 0 if out["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
