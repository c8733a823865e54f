"""Loss-scale managers (`mindspore.train.loss_scale_manager`, also `mindspore.amp` and `mindspore.train`):
`LossScaleManager`, `FixedLossScaleManager`, `DynamicLossScaleManager`.

As MindSpore: a manager gives `Model` / `amp.build_train_network` the loss scale (`get_loss_scale`) and
the Cell that updates it inside the training step (`get_update_cell`): None for
`FixedLossScaleManager(drop_overflow_update=False)` (the step is a `TrainOneStepCell` with `sens` the
scale, and the optimizer's `loss_scale` should be set to the same value), else a
`FixedLossScaleUpdateCell` or `DynamicLossScaleUpdateCell` for `TrainOneStepWithLossScaleCell`, which
skips the update of an overflowing step. `update_loss_scale(overflow)` is the manager's own host-side
copy of the rule, which `Model` calls after each step when `get_drop_overflow_update()` is True.
MindSpore's CPU build refuses an update Cell; mindgrad runs it on every device.
"""

from __future__ import annotations

from ..nn import _validator as V
from ..nn.wrap.loss_scale import DynamicLossScaleUpdateCell, FixedLossScaleUpdateCell

__all__ = ["LossScaleManager", "FixedLossScaleManager", "DynamicLossScaleManager"]


class LossScaleManager:
    """The interface of a loss-scale manager."""

    def get_loss_scale(self):
        """The current loss scale."""

    def update_loss_scale(self, overflow):
        """Update the loss scale from whether the step overflowed."""

    def get_update_cell(self):
        """The Cell that updates the loss scale inside the training step."""


class FixedLossScaleManager(LossScaleManager):
    """A fixed loss scale (>= 1); with `drop_overflow_update` an overflowing step skips its update."""

    def __init__(self, loss_scale: float = 128.0, drop_overflow_update: bool = True) -> None:
        if loss_scale < 1:
            raise ValueError(f"The argument 'loss_scale' must be >= 1, but got {loss_scale}")
        self._loss_scale = loss_scale
        self._drop_overflow_update = drop_overflow_update

    def get_loss_scale(self):
        return self._loss_scale

    def get_drop_overflow_update(self) -> bool:
        return self._drop_overflow_update

    def update_loss_scale(self, overflow) -> None:
        """A fixed scale does not change."""

    def get_update_cell(self) -> FixedLossScaleUpdateCell | None:
        if not self._drop_overflow_update:
            return None
        return FixedLossScaleUpdateCell(self._loss_scale)


class DynamicLossScaleManager(LossScaleManager):
    """A loss scale divided by `scale_factor` (not below 1) on overflow and multiplied by it after
    `scale_window` steps without one; overflowing steps skip their update."""

    def __init__(self, init_loss_scale=2 ** 24, scale_factor=2, scale_window=2000) -> None:
        if init_loss_scale < 1.0:
            raise ValueError(f"The argument 'init_loss_scale' must be > 1, but got {init_loss_scale}")
        self.loss_scale = init_loss_scale
        V.check_positive_int(scale_window, "scale_window", type(self).__name__)
        self.scale_window = scale_window
        if scale_factor <= 0:
            raise ValueError(f"The argument 'scale_factor' must be > 0, but got {scale_factor}")
        self.scale_factor = scale_factor
        self.increase_ratio = scale_factor
        self.decrease_ratio = 1 / scale_factor
        self.cur_iter = 1
        self.last_overflow_iter = 0
        self.bad_step_max = 1000
        self.bad_step = 0

    def get_loss_scale(self):
        return self.loss_scale

    def update_loss_scale(self, overflow) -> None:
        """MindSpore's host-side rule; more than `bad_step_max` overflows in a row is a RuntimeError."""
        if overflow:
            self.loss_scale = max(self.loss_scale * self.decrease_ratio, 1)
            self.last_overflow_iter = self.cur_iter
            self.bad_step += 1
        else:
            if (self.cur_iter - self.last_overflow_iter) % self.scale_window == 0:
                self.loss_scale *= self.increase_ratio
            self.bad_step = 0
        if self.bad_step > self.bad_step_max:
            raise RuntimeError("Dynamic loss scale Continuous overflow ", self.bad_step,
                               " times, has exceeded maximum threshold.")
        self.cur_iter += 1

    def get_drop_overflow_update(self) -> bool:
        return True

    def get_update_cell(self) -> DynamicLossScaleUpdateCell:
        return DynamicLossScaleUpdateCell(self.loss_scale, self.scale_factor, self.scale_window)
