"""More callbacks of `mindspore.train.callback`: `SummaryCollector` (the loss and learning rate of each step,
written through `SummaryRecord`) and `LearningRateScheduler` (sets the optimizer's learning rate each step)."""

from __future__ import annotations

import numpy as np

from ..common.tensor import Tensor
from .callback import Callback
from .summary import SummaryRecord

__all__ = ["SummaryCollector", "LearningRateScheduler"]


def _scalar(value):
    if isinstance(value, (tuple, list)):
        value = value[0]
    return float(value.asnumpy()) if isinstance(value, Tensor) else float(value)


class SummaryCollector(Callback):
    """Record the loss of every `collect_freq`-th step (and the learning rate when the optimizer has one) under
    `summary_dir` (JSON lines; see `SummaryRecord`)."""

    def __init__(self, summary_dir: str, collect_freq: int = 10, num_process: int = 32, collect_specified_data=None,
                 keep_default_action: bool = True, custom_lineage_data=None, collect_tensor_freq=None,
                 max_file_size=None, export_options=None) -> None:
        if not isinstance(collect_freq, int) or isinstance(collect_freq, bool) or collect_freq <= 0:
            raise ValueError(f"For 'collect_freq', the value should be greater than 0, but got {collect_freq}.")
        self.summary_dir = summary_dir
        self.collect_freq = collect_freq
        self._record: SummaryRecord | None = None

    def begin(self, run_context) -> None:
        self._record = SummaryRecord(self.summary_dir)

    def step_end(self, run_context) -> None:
        cb = run_context.original_args()
        step = cb.get("cur_step_num", 0)
        if self._record is None or step % self.collect_freq:
            return
        if cb.get("net_outputs") is not None:
            self._record.add_value("scalar", "loss", Tensor(np.float32(_scalar(cb["net_outputs"]))))
        opt = cb.get("optimizer")
        lr = getattr(opt, "learning_rate", None)
        if isinstance(lr, Tensor) and lr.size == 1:
            self._record.add_value("scalar", "learning_rate", lr)
        self._record.record(step)
        self._record.flush()

    def end(self, run_context) -> None:
        if self._record is not None:
            self._record.close()


class LearningRateScheduler(Callback):
    """`LearningRateScheduler(fn)`: after every step, set the optimizer's learning rate to
    `fn(current_lr, cur_step_num)` when it differs."""

    def __init__(self, learning_rate_function) -> None:
        self.learning_rate_function = learning_rate_function

    def step_end(self, run_context) -> None:
        cb = run_context.original_args()
        opt = cb.get("optimizer") or cb.get("train_network", None) and getattr(cb["train_network"], "optimizer", None)
        lr = getattr(opt, "learning_rate", None)
        if lr is None:
            return
        old = _scalar(lr)
        new = self.learning_rate_function(old, cb.get("cur_step_num", 0))
        if new != old:
            lr.set_data(Tensor(np.asarray(new, lr.asnumpy().dtype)))
