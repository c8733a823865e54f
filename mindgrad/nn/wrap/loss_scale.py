"""Loss scaling (`mindspore.nn.wrap.loss_scale`): DynamicLossScaleUpdateCell, FixedLossScaleUpdateCell,
TrainOneStepWithLossScaleCell, and the `grad_scale` / `shard_grad_scale` MultitypeFuncGraphs of gradient
accumulation (`(scale, grad, accu_grad)`: the accumulated, or the current, gradient divided by the scale;
`accu_grad` is set to zeros).

TrainOneStepWithLossScaleCell differentiates with sensitivity `scale_sense`, divides the
gradients by it, flags overflow when any gradient is not finite (MindSpore's GPU check; its CPU
build has no kernel for it), lets the update cell adjust the scale, skips the optimizer on
overflow, and returns `(loss, overflow, scale)`, the scale after its update (the value of the
Parameter `scale_sense`, which MindSpore's PyNative mode returns). DynamicLossScaleUpdateCell divides the
scale by `scale_factor` (not below 1) on overflow and multiplies it after `scale_window`
overflow-free steps.

The skip happens inside the compiled step, with no host synchronisation: the optimizer runs and each
Parameter it writes keeps its old value where the step overflowed (`jnp.where`), so an overflowing
step leaves weights, moments and `global_step` as they were.
"""

from __future__ import annotations

import jax.numpy as jnp

from ... import _state
from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from ...context import ParallelMode
from ...ops.composite import HyperMap, MultitypeFuncGraph
from ...ops.function.parameter_func import assign
from ..cell import Cell
from .cell_wrapper import TrainOneStepCell

__all__ = ["DynamicLossScaleUpdateCell", "FixedLossScaleUpdateCell", "TrainOneStepWithLossScaleCell"]

grad_scale = MultitypeFuncGraph("grad_scale")
shard_grad_scale = MultitypeFuncGraph("shard_grad_scale")


@grad_scale.register("Tensor", "Tensor", "Tensor")
def _accumulated_grad_scale(scale: Tensor, grad: Tensor, accu_grad: Parameter) -> Tensor:
    new_grad = wrap(accu_grad._arr * jnp.reciprocal(scale._arr))
    assign(accu_grad, wrap(jnp.zeros_like(accu_grad._arr)))
    return new_grad


@shard_grad_scale.register("Tensor", "Tensor", "Tensor")
def _shard_grad_scale(scale: Tensor, grad: Tensor, accu_grad: Parameter) -> Tensor:
    new_grad = wrap(grad._arr * jnp.reciprocal(scale._arr))
    assign(accu_grad, wrap(jnp.zeros_like(accu_grad._arr)))
    return new_grad


class DynamicLossScaleUpdateCell(Cell):
    """Updates the loss-scale Parameter passed to it from the overflow flag; returns the flag."""

    def __init__(self, loss_scale_value, scale_factor, scale_window) -> None:
        super().__init__()
        self.scale_window = Tensor(scale_window, dtype=mstype.int32)
        self.scale_factor = Tensor(scale_factor, dtype=mstype.float32)
        self.loss_scale_value = loss_scale_value
        self.cur_iter = Parameter(Tensor(1, dtype=mstype.int32), name="current_iterator_step")
        self.last_overflow_iter = Parameter(Tensor(0, dtype=mstype.int32), name="last_overflow_iterator_step")
        self.minimum_loss_scale = Tensor(1.0, dtype=mstype.float32)

    def get_loss_scale(self):
        return self.loss_scale_value

    def construct(self, loss_scale: Parameter, overflow: Tensor) -> Tensor:
        cond = overflow._arr.astype(bool) if isinstance(overflow, Tensor) else jnp.asarray(bool(overflow))
        scale = loss_scale._arr
        factor = self.scale_factor._arr.astype(scale.dtype)
        floor = self.minimum_loss_scale._arr.astype(scale.dtype)
        on_overflow = jnp.where(cond, jnp.maximum(scale * (1 / factor), floor), scale)
        cur, last = self.cur_iter._arr, self.last_overflow_iter._arr
        should_inc = self.scale_window._arr <= cur - last
        assign(self.last_overflow_iter, wrap(jnp.where(cond | should_inc, cur, last)))
        assign(loss_scale, wrap(jnp.where(should_inc & ~cond, on_overflow * factor, on_overflow)))
        assign(self.cur_iter, wrap(cur + 1))
        return overflow


class FixedLossScaleUpdateCell(Cell):
    """A fixed loss scale: returns the overflow flag and changes nothing."""

    def __init__(self, loss_scale_value) -> None:
        super().__init__()
        self.loss_scale_value = loss_scale_value

    def get_loss_scale(self):
        return self.loss_scale_value

    def construct(self, _, overflow):
        return overflow


class TrainOneStepWithLossScaleCell(TrainOneStepCell):
    """TrainOneStepWithLossScaleCell(network, optimizer, scale_sense): scale_sense is an update Cell or a
    Float Tensor of shape () or (1,)."""

    def __init__(self, network: Cell, optimizer: Cell, scale_sense) -> None:
        super().__init__(network, optimizer, sens=None)
        self.loss_scaling_manager = None
        if isinstance(scale_sense, Cell):
            self.loss_scaling_manager = scale_sense
            self.scale_sense = Parameter(Tensor(scale_sense.get_loss_scale(), dtype=mstype.float32),
                                         name="scale_sense")
        elif isinstance(scale_sense, Tensor):
            if scale_sense.shape not in ((1,), ()):
                raise ValueError(f"For 'TrainOneStepWithLossScaleCell', the shape of 'scale_sense' must be (1,) or (), "
                                 f"but got {scale_sense.shape}.")
            self.scale_sense = Parameter(scale_sense, name="scale_sense")
        else:
            raise TypeError(f"For 'TrainOneStepWithLossScaleCell', the 'scale_sense' must be Cell or Tensor, but got "
                            f"'scale_sense' type: {type(scale_sense)}.")
        self.sense_flag = True
        self.hyper_map = HyperMap()
        self.base = Tensor(1, mstype.float32)
        self.base0 = Tensor(0, mstype.int32)
        self.is_distributed = self.parallel_mode != ParallelMode.STAND_ALONE
        self.__dict__["_mindgrad_core"] = self._make_core(self.scale_sense)

    def set_sense_scale(self, sens: Tensor) -> None:
        """Set the loss scale (a Tensor)."""
        if self.scale_sense is not None and isinstance(sens, Tensor):
            self.scale_sense.set_data(sens)
        else:
            raise TypeError(f"For 'TrainOneStepWithLossScaleCell', the type of 'sens' must be Tensor, but got "
                            f"{type(sens)}")

    def start_overflow_check(self, pre_cond, compute_input) -> tuple:
        """(status, compute_input): the status is unused where overflow is read from the gradients."""
        return Tensor([0] * 8, mstype.int32), compute_input

    def get_overflow_status(self, status, compute_output) -> Tensor:
        """True when any gradient holds an inf or a NaN."""
        flags = [~jnp.all(jnp.isfinite(g._arr)) for g in compute_output]
        return wrap(jnp.any(jnp.stack(flags)) if flags else jnp.asarray(False))

    def process_loss_scale(self, overflow: Tensor) -> Tensor:
        """Let the update Cell adjust the scale; the overflow flag it returns."""
        if self.loss_scaling_manager is not None:
            return self.loss_scaling_manager(self.scale_sense, overflow)
        return overflow

    def construct(self, *inputs):
        scaling_sens = self.scale_sense
        loss, grads = self._loss_and_grads(inputs)
        reciprocal = 1 / scaling_sens._arr
        grads = tuple(wrap(g._arr * reciprocal.astype(g._arr.dtype)) for g in grads)
        grads = self.grad_reducer(grads)
        cond = self.get_overflow_status(None, grads)
        overflow = self.process_loss_scale(cond)
        self._update_unless(overflow, grads)
        return loss, cond, self.scale_sense

    def _update_unless(self, overflow: Tensor, grads: tuple) -> None:
        """Run the optimizer, keeping every Parameter it writes unchanged where `overflow` is True."""
        frame = _state.current()
        if frame is None:
            if not overflow:
                self.optimizer(grads)
            return
        for p in self.optimizer.get_parameters():
            _state.read(p)
        values, writes = dict(frame.values), dict(frame.writes)
        self.optimizer(grads)
        skip = overflow._arr.astype(bool) if isinstance(overflow, Tensor) else jnp.asarray(bool(overflow))
        for key, entry in list(frame.writes.items()):
            if entry is not writes.get(key):
                param, new = entry
                old = values[key] if key in values else param._value
                _state.write(param, jnp.where(skip, old, new))
