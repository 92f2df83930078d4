#!/usr/bin/env bash
# Creates .cache/keras-venv: real Keras 3 (numpy backend) for the Keras oracle
# (test/oracle/keras), with every package pinned to the versions the oracle was written
# against. Installs from the machine's local package mirror only: these machines reach no
# Python package index. About 30 s the first time; instant afterwards.
#
# Idempotent: a complete, verified install leaves a marker file holding the pin list and
# the Python version; when the marker matches, the script does nothing. A venv without the
# marker (interrupted, or made by hand) is checked against the pins and kept if it matches
# exactly, else removed and made again. Works as root in CI (CI=true) on a clean clone.
#
# Usage: bash scripts/ensure-keras-venv.sh [--force]
# Environment: KERAS_VENV_PYTHON (default python3; must be CPython 3.11, the mirror's wheels
# are cp311), KERAS_PIP_INDEX (default file:///opt/pypi/simple), KERAS_PIP_EXTRA_INDEX
# (default file:///opt/pypi-more/simple, used only when that folder exists).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO_ROOT/.cache/keras-venv"
MARKER="$VENV/.shapelens-keras-venv"
PYTHON="${KERAS_VENV_PYTHON:-python3}"
INDEX="${KERAS_PIP_INDEX:-file:///opt/pypi/simple}"
EXTRA_INDEX="${KERAS_PIP_EXTRA_INDEX:-file:///opt/pypi-more/simple}"

# `pip freeze` of the venv the oracle and the survey were verified with. keras pulls in
# absl-py, h5py, ml-dtypes, namex, numpy, optree, packaging, rich (markdown-it-py, mdurl,
# pygments) and typing-extensions; jax/jaxlib/scipy/opt-einsum are there so other backends
# can be tried (KERAS_BACKEND=jax); the oracle itself uses numpy.
PINS="absl-py==2.5.0
h5py==3.16.0
jax==0.10.2
jaxlib==0.10.2
keras==3.15.1
markdown-it-py==4.2.0
mdurl==0.1.2
ml_dtypes==0.6.0
namex==0.1.0
numpy==2.4.6
opt_einsum==3.4.0
optree==0.20.0
packaging==26.3
Pygments==2.21.0
rich==15.0.0
scipy==1.17.1
typing_extensions==4.16.0"

log() { printf 'ensure-keras-venv: %s\n' "$*"; }
fail() { printf 'ensure-keras-venv: error: %s\n' "$*" >&2; exit 1; }

command -v "$PYTHON" >/dev/null 2>&1 || fail "$PYTHON not found; install CPython 3.11 or set KERAS_VENV_PYTHON"
py_version="$("$PYTHON" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')"
[[ "$py_version" == 3.11.* ]] || fail "$PYTHON is Python $py_version; the mirror's wheels are for CPython 3.11 (set KERAS_VENV_PYTHON)"

want_marker="python $py_version
$PINS"

if [[ "${1:-}" != "--force" && -f "$MARKER" ]] && [[ "$(cat "$MARKER")" == "$want_marker" ]]; then
  log "up to date ($VENV)"
  exit 0
fi

# pip's normalised names: lower case, runs of -_. as one '-'.
normalise() { printf '%s' "$1" | tr 'A-Z' 'a-z' | sed -E 's/[-_.]+/-/g'; }
frozen_pins() { printf '%s\n' "$PINS" | while IFS='=' read -r name _ version; do printf '%s==%s\n' "$(normalise "$name")" "$version"; done | sort; }

# Verifies that $VENV has exactly the pinned packages and that Keras imports; prints why not.
verify() {
  [[ -x "$VENV/bin/python" ]] || { echo "no $VENV/bin/python"; return 1; }
  local have want
  have="$("$VENV/bin/python" -m pip freeze --disable-pip-version-check 2>/dev/null | while IFS='=' read -r name _ version; do printf '%s==%s\n' "$(normalise "$name")" "$version"; done | sort)" || { echo "pip freeze failed"; return 1; }
  want="$(frozen_pins)"
  if [[ "$have" != "$want" ]]; then
    echo "installed packages differ from the pins:"
    diff <(printf '%s\n' "$want") <(printf '%s\n' "$have") | sed -n 's/^[<>]/  &/p' | head -20
    return 1
  fi
  KERAS_BACKEND=numpy "$VENV/bin/python" -c 'import keras, sys; assert keras.__version__ == "3.15.1", keras.__version__; assert keras.backend.backend() == "numpy"' 2>&1 || { echo "keras does not import"; return 1; }
}

if [[ "${1:-}" != "--force" && -d "$VENV" ]]; then
  if why="$(verify)"; then
    printf '%s\n' "$want_marker" > "$MARKER"
    log "existing venv matches the pins; marked complete ($VENV)"
    exit 0
  fi
  log "existing venv is not the pinned one, making it again: $why"
fi

# The mirror must hold every pinned version; say which one is missing before pip does.
index_dir="${INDEX#file://}"
extra_dir="${EXTRA_INDEX#file://}"
pip_index_args=(--index-url "$INDEX")
if [[ "$INDEX" == file://* ]]; then
  [[ -d "$index_dir" ]] || fail "the local package mirror $index_dir does not exist on this machine; Keras cannot be installed here (set KERAS_PIP_INDEX to another mirror)"
  missing=()
  need_extra=no
  while IFS='=' read -r name _ version; do
    project="$(normalise "$name")"
    wheel_name="$(printf '%s' "$name" | tr 'A-Z' 'a-z' | sed -E 's/[-_.]+/_/g')"
    has() { [[ -f "$1/$project/index.html" ]] && grep -qi -- "$wheel_name-$version-" "$1/$project/index.html"; }
    if has "$index_dir"; then :
    elif [[ "$EXTRA_INDEX" == file://* ]] && has "$extra_dir"; then need_extra=yes
    else missing+=("$name==$version"); fi
  done <<< "$PINS"
  # The second mirror only when a pin is there alone (pip warns about every folder it lacks).
  [[ "$need_extra" == yes ]] && pip_index_args+=(--extra-index-url "$EXTRA_INDEX")
  [[ ${#missing[@]} -eq 0 ]] || fail "the local package mirror ($INDEX) lacks: ${missing[*]}. Update the pins in $0 to versions the mirror has (ls $index_dir/<name>/), then verify the Keras oracle tests again."
fi

started=$SECONDS
rm -rf "$VENV"
mkdir -p "$(dirname "$VENV")"
log "1/3 $PYTHON -m venv $VENV (Python $py_version)"
"$PYTHON" -m venv "$VENV"

log "2/3 pip install the pinned packages from $INDEX"
requirements="$(mktemp)"
trap 'rm -f "$requirements"' EXIT
printf '%s\n' "$PINS" > "$requirements"
# Binary wheels only (nothing to compile), no network index, no questions; root is fine.
PIP_ROOT_USER_ACTION=ignore PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
  "$VENV/bin/python" -m pip install --quiet --no-cache-dir --only-binary=:all: \
  "${pip_index_args[@]}" -r "$requirements" \
  || fail "pip could not install the pinned packages from $INDEX (its message is above). If it says 'No matching distribution', the mirror lacks that version: update the pins in $0."

log "3/3 verify"
why="$(verify)" || fail "the new venv does not match the pins: $why"
printf '%s\n' "$want_marker" > "$MARKER"
log "done in $((SECONDS - started)) s: keras 3.15.1 in $VENV"
