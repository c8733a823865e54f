"""Jupyter niceties: what IPython shows for mindgrad objects and for errors in user code.

- Tensor, Parameter and Cell are displayed with their `repr`, MindSpore's text, and with no other
  representation (HTML, Markdown, ...) that a notebook would show instead.
- `mindgrad._engine.tracebacks`: an error leaving a public entry point loses mindgrad's and JAX's
  internal frames (removed in scripts, hidden in IPython), keeping its type and message.
"""

from __future__ import annotations

import importlib.util
import os
import re
import traceback

import jax
import numpy as np
import pytest

import mindgrad as ms
from mindgrad import Parameter, Tensor, nn, ops
from mindgrad._engine import tracebacks

if importlib.util.find_spec("IPython") is None:    # IPython runs in a child process, never imported here
    pytest.skip("IPython comes with the test extra (ipykernel)", allow_module_level=True)

MINDGRAD_DIR = os.path.dirname(ms.__file__)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.matmul = ops.MatMul()
        self.z = Parameter(Tensor(np.array([1.0], np.float32)), name="z")

    def construct(self, x, y):
        return self.matmul(x * self.z, y)


X = Tensor([[0.5, 0.6, 0.4], [1.2, 1.3, 1.1]], ms.float32)
Y = Tensor([[0.01, 0.3, 1.1], [0.1, 0.2, 1.3], [2.1, 1.2, 3.3]], ms.float32)
BAD_SENS = Tensor(np.ones((3, 3), np.float32))
BAD_Y = Tensor(np.ones((2, 2), np.float32))


# IPython runs in a child process: an IPython shell started inside pytest would stay installed
# (builtins, display hooks) for every later test.
_IPYTHON_SCRIPT = r"""
import json, sys
import numpy as np
from IPython.testing.globalipapp import start_ipython
from IPython.utils.capture import capture_output

ip = start_ipython()
ip.run_cell(sys.argv[1])                      # the setup code
results = {}
for name, code in json.loads(sys.argv[2]).items():
    if name.startswith("display:"):
        obj = ip.ev(code)
        data, _ = ip.display_formatter.format(obj)
        results[name] = {"mimetypes": sorted(data), "text": data.get("text/plain"), "repr": repr(obj)}
    else:
        with capture_output() as out:
            ip.run_cell(code)
        results[name] = out.stdout + out.stderr
print("@@RESULTS@@" + json.dumps(results))
"""

_SETUP = """
import numpy as np
import mindgrad as ms
from mindgrad import Parameter, Tensor, nn, ops
from mindgrad._engine import tracebacks

class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.matmul = ops.MatMul()
        self.z = Parameter(Tensor(np.array([1.0], np.float32)), name="z")

    def construct(self, x, y):
        return self.matmul(x * self.z, y)

X = Tensor([[0.5, 0.6, 0.4], [1.2, 1.3, 1.1]], ms.float32)
Y = Tensor([[0.01, 0.3, 1.1], [0.1, 0.2, 1.3], [2.1, 1.2, 3.3]], ms.float32)
BAD_SENS = Tensor(np.ones((3, 3), np.float32))
BAD_Y = Tensor(np.ones((2, 2), np.float32))
"""

DISPLAYED = {"tensor": "X", "scalar": "Tensor(3.0)", "parameter": "Net().z", "cell": "Net()",
             "sequential": "nn.SequentialCell([nn.Dense(2, 3), nn.ReLU()])"}
MISTAKES = {
    "bad_flag": ("ops.GradOperation(get_all=1)", "TypeError: For 'GradOperation', the 'get_all' should be bool"),
    "bad_sens": ("ops.GradOperation(sens_param=True)(Net())(X, Y, BAD_SENS)",
                 "ValueError: For 'GradOperation', the shape of 'sens' should be [2, 3]"),
    "grad_shape_mismatch": ("ops.GradOperation()(Net())(X, BAD_Y)",
                            "ValueError: For 'MatMul' the input dimensions must be equal"),
    "call_shape_mismatch": ("Net()(X, BAD_Y)", "ValueError: For 'MatMul' the input dimensions must be equal"),
}
SYNTHETIC = "tracebacks.api_boundary(lambda: ops.GradOperation()(Net())(X, BAD_Y))()"


@pytest.fixture(scope="module")
def ipython():
    """What IPython shows, by name: `display:NAME` -> the formatted data, `NAME` -> the printed traceback."""
    import json
    import subprocess
    import sys
    cells = {f"display:{k}": v for k, v in DISPLAYED.items()}
    cells.update({k: code for k, (code, _) in MISTAKES.items()})
    cells["synthetic"] = SYNTHETIC
    env = dict(os.environ, JAX_TRACEBACK_FILTERING="auto", JAX_PLATFORMS="cpu")
    proc = subprocess.run([sys.executable, "-c", _IPYTHON_SCRIPT, _SETUP, json.dumps(cells)], env=env,
                          capture_output=True, text=True, timeout=300,
                          cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    marker = "@@RESULTS@@"
    assert marker in proc.stdout, proc.stdout + proc.stderr
    results = json.loads(proc.stdout.split(marker, 1)[1])
    return {k: v if isinstance(v, dict) else _ANSI.sub("", v) for k, v in results.items()}


@pytest.fixture
def remove_frames():
    """Scripts' behaviour (frames removed), whatever environment the tests run in."""
    jax.config.update("jax_traceback_filtering", "quiet_remove_frames")
    yield
    jax.config.update("jax_traceback_filtering", "auto")


def _internal(filename: str) -> bool:
    return tracebacks._internal_path(filename)


# ---- display --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", DISPLAYED)
def test_ipython_displays_mindspores_text_and_nothing_else(ipython, name):
    shown = ipython[f"display:{name}"]
    assert shown["mimetypes"] == ["text/plain"]
    assert shown["text"] == shown["repr"]


def test_repr_is_mindspores_text():
    assert repr(Net().z) == "Parameter (name=z, shape=(1,), dtype=Float32, requires_grad=True)"
    assert repr(Tensor([1.0, 2.0])) == "Tensor(shape=[2], dtype=Float32, value= [ 1.00000000e+00,  2.00000000e+00])"


# ---- tracebacks: removing frames (scripts, pytest) ----------------------------------------------

def _raise_through_boundary(call):
    try:
        tracebacks.api_boundary(call)()
    except Exception as e:  # noqa: BLE001
        return e
    raise AssertionError("no error")


@pytest.mark.parametrize("call, error, message", [
    (lambda: ops.GradOperation(get_all=1), TypeError, "For 'GradOperation', the 'get_all' should be bool"),
    (lambda: ops.GradOperation(sens_param=True)(Net())(X, Y, BAD_SENS), ValueError, "the shape of 'sens' should be"),
    (lambda: ops.GradOperation()(Net())(X, BAD_Y), ValueError, "For 'MatMul' the input dimensions must be equal"),
    (lambda: Net()(X, BAD_Y), ValueError, "For 'MatMul' the input dimensions must be equal"),
], ids=["bad_flag", "bad_sens", "grad_shape_mismatch", "call_shape_mismatch"])
def test_removed_frames_leave_user_lines_and_the_message(call, error, message, remove_frames):
    e = _raise_through_boundary(call)
    assert isinstance(e, error) and message in str(e)
    files = [f.filename for f in traceback.extract_tb(e.__traceback__)]
    assert files and not any(_internal(f) for f in files), files
    assert files[0] == __file__
    assert e.__notes__.count(tracebacks.NOTE) == 1
    assert not any("JAX has removed" in n for n in e.__notes__)   # one note, not JAX's and mindgrad's


def test_user_frames_inside_construct_are_kept(remove_frames):
    class Bad(nn.Cell):
        def construct(self, x):
            return self.helper(x)

        def helper(self, x):
            return ops.matmul(x, BAD_Y)

    e = _raise_through_boundary(lambda: ops.GradOperation()(Bad())(X))
    names = [f.name for f in traceback.extract_tb(e.__traceback__)]
    assert "construct" in names and "helper" in names


def test_filtering_off_keeps_every_frame():
    jax.config.update("jax_traceback_filtering", "off")
    try:
        e = _raise_through_boundary(lambda: ops.GradOperation()(Net())(X, BAD_Y))
    finally:
        jax.config.update("jax_traceback_filtering", "auto")
    files = [f.filename for f in traceback.extract_tb(e.__traceback__)]
    assert any(f.startswith(MINDGRAD_DIR) for f in files)
    assert tracebacks.NOTE not in getattr(e, "__notes__", [])


def test_only_the_outermost_boundary_filters(remove_frames):
    seen = []
    inner = tracebacks.api_boundary(lambda: ops.GradOperation()(Net())(X, BAD_Y))

    def outer_body():
        try:
            inner()
        except ValueError as e:
            seen.append([f.filename for f in traceback.extract_tb(e.__traceback__)])
            raise

    e = _raise_through_boundary(outer_body)
    assert any(_internal(f) for f in seen[0])             # the inner boundary left the frames alone
    assert not any(_internal(f.filename) for f in traceback.extract_tb(e.__traceback__))


def test_a_boundary_does_not_change_results_or_eager_fallbacks():
    def branchy(x):
        if x.sum() > 0:            # Python needs the value: mindgrad runs this eagerly
            return x * x
        return -x

    grad = tracebacks.api_boundary(ops.GradOperation()(branchy))
    assert grad(Tensor([2.0])).asnumpy().tolist() == [4.0]
    assert grad(Tensor([-2.0])).asnumpy().tolist() == [-1.0]
    assert tracebacks.api_boundary(Net())(X, Y).shape == (2, 3)


def test_mindgrad_files_are_internal_to_jax_too():
    from jax._src import traceback_util
    if not hasattr(traceback_util, "include_filename"):
        pytest.skip("this JAX has no traceback_util.include_filename")
    assert not traceback_util.include_filename(os.path.join(MINDGRAD_DIR, "_engine", "runner.py"))
    assert traceback_util.include_filename(__file__)


# ---- tracebacks in IPython ------------------------------------------------------------------------

def _frames(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(("File ", "Cell In"))]


def test_ipython_hides_internal_frames_below_a_boundary(ipython):
    text = ipython["synthetic"]
    assert "ValueError: For 'MatMul' the input dimensions must be equal" in text
    assert "skipping hidden" in text
    frames = _frames(text)
    # the cell, the lambda, the user's construct, and the raising line (IPython always shows the last frame)
    assert len(frames) <= 4, text
    assert not any("_engine" in f for f in frames), text


def _hooked() -> bool:
    from mindgrad.nn import cell
    from mindgrad.ops.composite import base
    return all(getattr(f, "__code__", None) is tracebacks._BOUNDARY_CODE
               for f in (base._GradFunction.__call__, base.GradOperation.__init__, cell.Cell.__call__))


@pytest.mark.skipif(not _hooked(), reason="the public entry points are not wrapped with "
                                          "mindgrad._engine.tracebacks.api_boundary yet")
@pytest.mark.parametrize("name", MISTAKES)
def test_user_mistakes_show_short_tracebacks_in_ipython(ipython, name):
    text = ipython[name]
    assert MISTAKES[name][1] in text, text
    assert len(_frames(text)) <= 3, text
