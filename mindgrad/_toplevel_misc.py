"""Top-level names of MindSpore found elsewhere in mindgrad (`connect_network_with_dataset`, `empty_cache`,
`set_memory`, `sync_pipeline_shared_parameters`), the `string` type, and `save_mindir`.

`save_mindir(model, file_name)` writes a MindIR `ModelProto` (a protobuf message of MindSpore's
`mind_ir.proto`, e.g. from MindSpore's `load_mindir`) to `file_name` (+ '.mindir'), read-only for its owner,
with MindSpore's checks. mindgrad builds no MindIR graph, so the model must come from elsewhere; anything
else raises MindSpore's TypeError.
"""

from __future__ import annotations

import os
import stat

from . import _context_handle  # noqa: F401 - sets context.K_CONTEXT
from ._checkparam import check_file_name_by_regular
from .common import dtype as mstype
from .parallel import sync_pipeline_shared_parameters
from .runtime import empty_cache, set_memory
from .train.dataset_helper import connect_network_with_dataset

__all__ = ["connect_network_with_dataset", "empty_cache", "set_memory", "sync_pipeline_shared_parameters", "string",
           "save_mindir"]

string = mstype._Generic("String", "string_", None)
"""MindSpore's type of Python strings (`mindspore.string`, printed `String`)."""


def save_mindir(model, file_name: str) -> None:
    """Write the MindIR ModelProto `model` to `file_name` ('.mindir' appended if missing)."""
    check_file_name_by_regular(file_name)
    file_name = os.path.realpath(file_name)
    if not file_name.endswith(".mindir"):
        file_name += ".mindir"
    os.makedirs(os.path.dirname(file_name), mode=0o700, exist_ok=True)
    if os.path.exists(file_name):
        os.chmod(file_name, stat.S_IWUSR)
    descriptor = getattr(model, "DESCRIPTOR", None)
    if getattr(descriptor, "full_name", None) != "mind_ir.ModelProto":
        raise TypeError(f"For 'save_mindir', the argument 'model' must be ModelProto, but got {type(model)}.")
    try:
        with os.fdopen(os.open(file_name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
            f.write(model.SerializeToString())
    except OSError as e:
        raise ValueError(str(e)) from e
    finally:
        if os.path.exists(file_name):
            os.chmod(file_name, stat.S_IRUSR)
