"""`mindspore.train.summary.summary_record.SummaryRecord`: records scalars, tensors and text for each step.

MindSpore writes MindInsight event files; mindgrad writes one JSON object per line to
`<log_dir>/<file_prefix>.<time><file_suffix>.jsonl` (`{"step", "tag", "kind", "value"}`), readable with any JSON
tool; images and histograms are written as their array values.
"""

from __future__ import annotations

import json
import os
import time

import numpy as np

from ...common.tensor import Tensor

__all__ = ["SummaryRecord"]

_KINDS = ("scalar", "image", "tensor", "histogram", "text")


class SummaryRecord:
    """`with SummaryRecord(log_dir) as rec: rec.add_value("scalar", "loss", loss); rec.record(step)`."""

    def __init__(self, log_dir: str, file_prefix: str = "events", file_suffix: str = "_MS", num_process: int = 32,
                 network=None, max_file_size=None, raise_exception: bool = False, export_options=None) -> None:
        if not isinstance(log_dir, str) or not log_dir:
            raise ValueError(f"For 'SummaryRecord', the 'log_dir' should be a non-empty str, but got {log_dir!r}.")
        os.makedirs(log_dir, exist_ok=True)
        self.log_dir = log_dir
        self.file_path = os.path.join(log_dir, f"{file_prefix}.out.events.summary.{int(time.time())}{file_suffix}"
                                               f".jsonl")
        self._pending: list = []
        self._file = open(self.file_path, "a")  # noqa: SIM115 - closed by close()

    def add_value(self, plugin: str, name: str, value) -> None:
        """Queue `value` under `name` for the next `record`; `plugin` is 'scalar', 'image', 'tensor', 'histogram'
        or 'text'."""
        if plugin not in _KINDS:
            raise ValueError(f"For 'add_value', the 'plugin' should be one of {_KINDS}, but got {plugin!r}.")
        if not isinstance(name, str) or not name:
            raise ValueError(f"For 'add_value', the 'name' should be a non-empty str, but got {name!r}.")
        v = value.asnumpy() if isinstance(value, Tensor) else value
        if plugin == "scalar" and np.size(v) != 1:
            raise ValueError(f"For 'add_value', a scalar value should have one element, but got shape {np.shape(v)}.")
        self._pending.append((name, plugin, np.asarray(v).tolist() if plugin != "text" else str(v)))

    def record(self, step: int, train_network=None, plugin_filter=None) -> bool:
        """Write the queued values for `step`."""
        if not isinstance(step, int) or isinstance(step, bool):
            raise ValueError(f"For 'record', the 'step' should be int, but got {type(step).__name__}.")
        for name, kind, value in self._pending:
            self._file.write(json.dumps({"step": step, "tag": name, "kind": kind, "value": value}) + "\n")
        self._pending.clear()
        return True

    def flush(self) -> None:
        self._file.flush()

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()

    def set_mode(self, mode: str) -> None:
        if mode not in ("train", "eval"):
            raise ValueError(f"For 'set_mode', the 'mode' should be 'train' or 'eval', but got {mode!r}.")

    def __enter__(self) -> SummaryRecord:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
