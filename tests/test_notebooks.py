"""The notebooks in `notebooks/` run top to bottom in a fresh Jupyter kernel, so they never rot.

Each notebook is executed with nbclient in its own directory (it reads `data/` relative to
itself), with this interpreter as the kernel and matplotlib's headless Agg backend. A cell that
raises fails the test, showing the cell and its traceback, unless the cell is tagged
`raises-exception` (a deliberate error shown to the reader). The notebooks' own `assert`s
compare mindgrad with hand-written JAX, so a wrong number fails here too.

Notebooks are committed without outputs (readable diffs); a test checks that. To strip them:
`.venv/bin/python tests/test_notebooks.py --strip`. They are marked `notebooks`: `-m 'not notebooks'`
skips them.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import re
import sys

import pytest

nbformat = pytest.importorskip("nbformat", reason="the test extra (nbformat, nbclient, ipykernel) is not installed")
nbclient = pytest.importorskip("nbclient")
if importlib.util.find_spec("ipykernel") is None:   # not imported here: the kernel runs in its own process, and
    pytest.skip("ipykernel is not installed", allow_module_level=True)   # ProgressBar reads sys.modules
from jupyter_client import KernelManager  # noqa: E402
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager  # noqa: E402

NOTEBOOKS_DIR = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "notebooks"))
NOTEBOOKS = sorted(glob.glob(os.path.join(NOTEBOOKS_DIR, "*.ipynb")))
CELL_TIMEOUT_S = 300

pytestmark = pytest.mark.notebooks
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class _ThisInterpreter(KernelSpecManager):
    """The kernel runs with the Python running the tests (not whatever `python3` kernel Jupyter finds)."""

    def get_kernel_spec(self, kernel_name):
        return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                          display_name="Python (mindgrad tests)", language="python",
                          env={"MPLBACKEND": "Agg"})


def execute(path: str):
    """Run the notebook at `path` in a fresh kernel; returns the executed notebook."""
    nb = nbformat.read(path, as_version=4)
    km = KernelManager(kernel_name="python3", kernel_spec_manager=_ThisInterpreter())
    client = nbclient.NotebookClient(nb, km=km, timeout=CELL_TIMEOUT_S, allow_errors=False,
                                     resources={"metadata": {"path": os.path.dirname(path)}})
    client.execute()
    return nb


def test_there_are_notebooks():
    names = [os.path.basename(p) for p in NOTEBOOKS]
    assert {"01_grad_operation.ipynb", "02_port_a_training_script.ipynb", "03_speed_and_devices.ipynb"} <= set(names)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=os.path.basename)
def test_notebook_runs(path):
    try:
        nb = execute(path)
    except nbclient.exceptions.CellExecutionError as e:
        # nbclient's message holds the failing cell's source and the kernel's traceback; nbclient's
        # own frames say nothing about the notebook, so they are left out.
        pytest.fail(f"{os.path.basename(path)} failed:\n{_ANSI.sub('', str(e))}", pytrace=False)
    errors = [c for c in nb.cells if c.cell_type == "code" and any(o.output_type == "error" for o in c.outputs)]
    assert all("raises-exception" in c.metadata.get("tags", []) for c in errors)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=os.path.basename)
def test_notebook_is_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and (c.outputs or c.execution_count is not None)]
    assert not dirty, (f"{os.path.basename(path)} has outputs in cells {dirty}; strip them with "
                       f"`.venv/bin/python tests/test_notebooks.py --strip`")


def strip(path: str) -> None:
    """Remove outputs, execution counts and per-machine metadata from a notebook file."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    if "language_info" in nb.metadata:          # Jupyter adds the Python version, which differs per machine
        nb.metadata["language_info"] = {"name": nb.metadata["language_info"].get("name", "python")}
    nbformat.write(nb, path)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--strip"]:
        for notebook in sys.argv[2:] or NOTEBOOKS:
            strip(notebook)
            print("stripped", notebook)
    else:
        print(__doc__)
