"""`mindspore.nn.CTCLoss`: the connectionist temporal classification loss of `ops.ctc_loss` as a Cell.

Inputs log_probs (T, N, C) or unbatched (T, C), targets (N, S) or (S,), input_lengths and target_lengths (N,);
`blank`, `reduction` and `zero_infinity` are checked when called, as MindSpore does.
"""

from __future__ import annotations

from ...common.tensor import Tensor
from ...ops.function.ctc_func import ctc_loss
from ..cell import Cell

__all__ = ["CTCLoss"]


class CTCLoss(Cell):
    """The CTC loss of `log_probs` for `targets`; 'mean' averages the losses divided by their target lengths."""

    def __init__(self, blank: int = 0, reduction: str = "mean", zero_infinity: bool = False) -> None:
        super().__init__()
        self.blank = blank
        self.reduction = reduction
        self.zero_infinity = zero_infinity

    def construct(self, log_probs: Tensor, targets: Tensor, input_lengths: Tensor, target_lengths: Tensor) -> Tensor:
        unbatched = isinstance(log_probs, Tensor) and log_probs.ndim == 2
        if unbatched:
            log_probs, targets = log_probs.expand_dims(1), targets.expand_dims(0)
        loss = ctc_loss(log_probs, targets, input_lengths, target_lengths, self.blank, self.reduction,
                        self.zero_infinity)[0]
        return loss.squeeze(0) if unbatched and self.reduction == "none" else loss
