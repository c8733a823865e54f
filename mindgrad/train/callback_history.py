"""`mindspore.train.History`: the network output (and, with `Model.fit`, the evaluation metrics) of each epoch."""

from __future__ import annotations

import numpy as np

from ..common.tensor import Tensor
from .callback import Callback

__all__ = ["History"]


class History(Callback):
    """MindSpore's `History`: `history` maps "net_output" (and each metric) to one value per epoch; `epoch` is
    `{"epoch": [...]}`, reset when training begins. A Tensor output is recorded as the NumPy mean of its values, a
    tuple or list output by its first element (likewise when that is a Tensor)."""

    def __init__(self) -> None:
        super().__init__()
        self.history: dict = {}
        self.epoch: dict | None = None

    def begin(self, run_context) -> None:
        self.epoch = {"epoch": []}

    def epoch_end(self, run_context) -> None:
        cb_params = run_context.original_args()
        self.epoch["epoch"].append(cb_params.get("cur_epoch_num", 1))
        output = cb_params.net_outputs
        if isinstance(output, (tuple, list)) and isinstance(output[0], Tensor):
            output = output[0]
        if isinstance(output, Tensor):
            output = np.mean(output.asnumpy())
        record = {"net_output": output}
        record.update(cb_params.get("metrics") or {})
        for key, value in record.items():
            self.history.setdefault(key, []).append(value)
