"""More losses of `mindspore.nn.loss`: DiceLoss and SoftMarginLoss.

DiceLoss: 1 - 2 * sum(x * y) / (sum(x * x) + sum(y * y) + smooth) over all elements.
SoftMarginLoss: log(1 + exp(-y * x)), reduced by `reduction` (checked when called, as MindSpore does;
MindSpore has no CPU kernel for it, so this is its documented formula).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from .loss import LossBase, _reduce, _tensor

__all__ = ["DiceLoss", "SoftMarginLoss"]


class DiceLoss(LossBase):
    """1 - Dice coefficient of `logits` and `label` (same shape)."""

    def __init__(self, smooth: float = 1e-5) -> None:
        super().__init__()
        if not isinstance(smooth, float):
            raise TypeError(f"The 'smooth' must be float, but got '{smooth}' with type '{type(smooth).__name__}'.")
        if smooth <= 0:
            raise ValueError(f"The 'smooth' must be float and must > 0, but got '{smooth}' with type "
                             f"'{type(smooth).__name__}'.")
        self.smooth = smooth

    def construct(self, logits: Tensor, label: Tensor) -> Tensor:
        x, y = _tensor(logits, "logits", self.cls_name), _tensor(label, "labels", self.cls_name)
        if x.shape != y.shape:
            raise ValueError(f"For '{self.cls_name}', the 'logits_shape' should be = label_shape: {tuple(y.shape)}, "
                             f"but got {tuple(x.shape)}.")
        for arg_name, a in (("logits", x), ("labels", y)):
            if a.dtype == jnp.uint8:
                raise TypeError(f"For '{self.cls_name}', the dtype of '{arg_name}' can not be uint8.")
        x, y = x.reshape(-1), y.reshape(-1)
        intersection = jnp.sum(x * y)
        union = jnp.sum(x * x) + jnp.sum(y * y)
        return wrap(1 - (2 * intersection) / (union + self.smooth))


class SoftMarginLoss(LossBase):
    """log(1 + exp(-labels * logits)), reduced by 'mean' (default), 'sum' or 'none'."""

    def __init__(self, reduction: str = "mean") -> None:
        super().__init__()  # MindSpore checks `reduction` when called
        self.reduction = reduction

    def construct(self, logits: Tensor, labels: Tensor) -> Tensor:
        x, y = _tensor(logits, "logits", self.cls_name), _tensor(labels, "labels", self.cls_name)
        V.check_string(self.reduction, ["none", "mean", "sum"], "reduction", "SoftMarginLoss")
        if x.shape != y.shape:
            raise ValueError(f"For primitive[SoftMarginLoss], the input_shape: {list(x.shape)} must be equal to "
                             f"{list(y.shape)}")
        for arg_name, a in (("logits", x), ("labels", y)):
            if a.dtype not in (jnp.float16, jnp.float32):
                raise TypeError(f"For primitive[SoftMarginLoss], the input argument[{arg_name}] must be a type of "
                                f"{{Tensor[Float16], Tensor[Float32]}}, but got "
                                f"Tensor[{mstype.from_numpy(a.dtype)}].")
        return wrap(_reduce(jax.nn.softplus(-y * x), self.reduction))
