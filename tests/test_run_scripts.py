"""`python -m mindgrad run` / `check`, the `mindspore` import alias, and the examples against MindSpore's output.

The examples' golden files are what MindSpore 2.10 printed for the same scripts
(`tests/golden/port_record_examples.py`). Anything that installs the alias runs in a subprocess,
so this test process keeps plain mindgrad.
"""

import glob
import os
import re
import subprocess
import sys
import textwrap

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = sorted(glob.glob(os.path.join(ROOT, "examples", "*.py")))
GOLDEN = os.path.join(ROOT, "tests", "golden", "port_examples")
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def mindgrad(*args, cwd, check=True):
    env = dict(os.environ, JAX_PLATFORMS="cpu", PYTHONPATH=ROOT)
    env.pop("MINDGRAD_PROGRESS", None)
    done = subprocess.run([sys.executable, "-m", "mindgrad", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=300)
    if check and done.returncode:
        raise AssertionError(f"mindgrad {' '.join(args)} failed:\n{done.stderr}")
    return done


def assert_same_output(got: str, want: str, rtol=1e-4, atol=1e-5):
    """Line by line: the same text, and every number within tolerance."""
    got_lines, want_lines = got.splitlines(), want.splitlines()
    assert len(got_lines) == len(want_lines), f"{len(got_lines)} lines, MindSpore printed {len(want_lines)}"
    for g, w in zip(got_lines, want_lines, strict=False):
        assert NUMBER.sub("#", g) == NUMBER.sub("#", w), f"\n  mindgrad:  {g}\n  MindSpore: {w}"
        for a, b in zip(NUMBER.findall(g), NUMBER.findall(w), strict=False):
            assert abs(float(a) - float(b)) <= atol + rtol * abs(float(b)), f"\n  mindgrad:  {g}\n  MindSpore: {w}"


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: os.path.basename(p))
def test_example_prints_what_mindspore_printed(script, tmp_path):
    name = os.path.splitext(os.path.basename(script))[0]
    with open(os.path.join(GOLDEN, name + ".txt")) as f:
        want = f.read()
    assert_same_output(mindgrad("run", script, cwd=tmp_path).stdout, want)


def test_run_passes_arguments_and_runs_as_main(tmp_path):
    (tmp_path / "helper.py").write_text("VALUE = 41\n")
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent("""
        import sys
        import mindspore as ms
        import mindspore.nn as nn
        from mindspore import ops, Tensor
        from helper import VALUE
        if __name__ == "__main__":
            print(sys.argv[1:], VALUE + 1, ms.__name__, nn.Dense.__module__.split(".")[0])
            print(ops.matmul(Tensor([[1.0, 2.0]]), Tensor([[3.0], [4.0]])))
    """))
    out = mindgrad("run", str(script), "--lr", "0.1", "x", cwd=tmp_path).stdout
    assert out.splitlines() == ["['--lr', '0.1', 'x'] 42 mindgrad mindgrad", "[[11.]]"]


@pytest.mark.parametrize("code, message", [
    ("import mindspore.ops as ops\nops.FooBar()", "mindgrad does not implement mindspore.ops.FooBar yet"),
    ("from mindspore.ops import FooBar", "mindgrad does not implement mindspore.ops.FooBar yet"),
    ("import mindspore.rewrite", "mindgrad does not implement mindspore.rewrite yet"),
    ("import mindspore as ms\nms.Tensor([1.0]).no_such_method()",
     "mindgrad does not implement mindspore.Tensor.no_such_method yet"),
])
def test_missing_apis_are_named_by_their_mindspore_name(tmp_path, code, message):
    script = tmp_path / "script.py"
    script.write_text(code + "\n")
    done = mindgrad("run", str(script), cwd=tmp_path, check=False)
    assert done.returncode == 1 and message in done.stderr, done.stderr


def test_no_missing_api_note_for_an_attribute_of_a_private_wrapper(tmp_path):
    """A user's mistake on mindgrad's private amp wrapper is a plain AttributeError, not a missing MindSpore API."""
    script = tmp_path / "script.py"
    script.write_text("import mindspore as ms\nnet = ms.amp.auto_mixed_precision(ms.nn.Dense(2, 2), 'O2')\n"
                      "net.gamma\n")
    done = mindgrad("run", str(script), cwd=tmp_path, check=False)
    assert done.returncode == 1 and "AttributeError" in done.stderr and "does not implement" not in done.stderr


def test_alias_modules_are_mindgrads_and_install_refuses_after_real_mindspore(tmp_path):
    script = tmp_path / "aliases.py"
    script.write_text(textwrap.dedent("""
        import importlib, sys, types
        import mindgrad
        names = ["mindspore", "mindspore.nn", "mindspore.ops", "mindspore.ops.operations", "mindspore.ops.functional",
                 "mindspore.common.initializer", "mindspore.dataset", "mindspore.train", "mindspore.train.callback",
                 "mindspore.communication", "mindspore.context", "mindspore.dtype",
                 "mindspore.dataset.vision.c_transforms"]
        for name in names:
            module = importlib.import_module(name)
            assert module.__name__.startswith("mindgrad"), (name, module)
        import mindspore as ms
        from mindspore.ops import operations as P
        from mindspore.train.callback import LossMonitor
        from mindspore.communication import get_rank, get_group_size, init
        init()
        assert ms is mindgrad and P is mindgrad.ops.operations and ms.dtype is mindgrad.common.dtype
        assert (get_rank(), get_group_size()) == (0, 1) and ms.float32 is mindgrad.float32
        assert not hasattr(ms.ops, "FooBar")
        del sys.modules["mindspore"]
        sys.modules["mindspore"] = types.ModuleType("mindspore")
        try:
            mindgrad.install_as_mindspore()
        except RuntimeError as exc:
            assert "already imported" in str(exc)
        else:
            raise AssertionError("install_as_mindspore() accepted the real MindSpore")
        print("ok")
    """))
    assert mindgrad("run", str(script), cwd=tmp_path).stdout == "ok\n"


def test_check_lists_used_apis_without_running_the_script(tmp_path):
    script = tmp_path / "train.py"
    script.write_text(textwrap.dedent("""
        import mindspore as ms
        import mindspore.nn as nn
        from mindspore import Tensor, ops
        from mindspore.ops import operations as P
        raise SystemExit("never run")
        class Net(nn.Cell):
            def __init__(self):
                super().__init__()
                self.dense = nn.Dense(2, 2)
                self.op = P.NoSuchPrimitive()
            def construct(self, x):
                return ops.relu(self.dense(x))
        ms.set_context(mode=ms.GRAPH_MODE)
        net = Net()
        ms.save_checkpoint(net, "x.ckpt")
        ms.ops.no_such_function(Tensor([1]))
    """))
    notebook = tmp_path / "nb.ipynb"
    notebook.write_text('{"cells": [{"cell_type": "code", "source": ["%matplotlib inline\\n", '
                        '"import mindspore as ms\\n", "ms.Tensor([1])"]}]}')
    done = mindgrad("check", str(script), str(notebook), cwd=tmp_path, check=False)
    assert done.returncode == 1
    out = done.stdout
    assert f"{script}: 13 MindSpore APIs used, 11 supported, 2 not supported" in out
    missing = out.split("not supported:")[1].split("supported:")[0]
    assert "mindspore.ops.operations.NoSuchPrimitive" in missing and "mindspore.ops.no_such_function" in missing
    assert re.search(r"mindspore\.nn\.Dense +\(line 10\)", out)
    assert re.search(r"mindspore\.ops\.relu +\(line 13\)", out)
    assert f"{notebook}: 2 MindSpore APIs used, 2 supported, 0 not supported" in out
