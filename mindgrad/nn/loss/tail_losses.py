"""Losses `nn.KLDivLoss`, `nn.CosineEmbeddingLoss` and `nn.MarginRankingLoss`, as MindSpore defines them."""

from __future__ import annotations

import jax.numpy as jnp

from ...common.tensor import Tensor, wrap
from ...ops.function.tail_func import kl_div, margin_ranking_loss
from .. import _validator as V
from .loss import LossBase, _reduce, _tensor

__all__ = ["CosineEmbeddingLoss", "KLDivLoss", "MarginRankingLoss"]


class KLDivLoss(LossBase):
    """`ops.kl_div(logits, labels, reduction)`; `reduction` ('none', 'mean', 'sum', 'batchmean') is checked
    when the loss is called, as in MindSpore."""

    def __init__(self, reduction: str = "mean") -> None:
        super().__init__()
        self.reduction = reduction

    def construct(self, logits, labels) -> Tensor:
        _tensor(logits, "logits", self.cls_name)
        _tensor(labels, "labels", self.cls_name)
        return kl_div(logits, labels, self.reduction)


class CosineEmbeddingLoss(LossBase):
    """1 - cos(x1, x2) where labels == 1, max(0, cos(x1, x2) - margin) where labels == -1 (0 elsewhere); the
    cosine is taken over axis 1. `margin` is a float in [-1, 1]."""

    def __init__(self, margin: float = 0.0, reduction: str = "mean") -> None:
        super().__init__(reduction)
        V.check_value_type("margin", margin, [float], self.cls_name)
        self.margin = V.check_float_range(margin, -1.0, 1.0, (True, True), "margin", self.cls_name)
        self.reduction = reduction

    def construct(self, logits_x1, logits_x2, labels) -> Tensor:
        a = _tensor(logits_x1, "logits_x1", self.cls_name)
        b = _tensor(logits_x2, "logits_x2", self.cls_name)
        y = _tensor(labels, "labels", self.cls_name)
        if a.dtype != b.dtype or a.shape != b.shape:
            raise TypeError(f"For '{self.cls_name}', 'logits_x1' and 'logits_x2' should have the same dtype and "
                            f"shape, but got {a.dtype}{list(a.shape)} and {b.dtype}{list(b.shape)}.")
        cosine = jnp.sum(a * b, 1) / (jnp.sqrt(jnp.sum(a * a, 1)) * jnp.sqrt(jnp.sum(b * b, 1)))
        zero = jnp.zeros_like(cosine)
        loss = (jnp.where(y == 1, 1.0 - cosine, zero)
                + jnp.where(y == -1, jnp.maximum(cosine - self.margin, 0.0), zero)).astype(cosine.dtype)
        return wrap(_reduce(loss, self.reduction))


class MarginRankingLoss(LossBase):
    """`ops.margin_ranking_loss(input1, input2, target, margin, reduction)`: max(0, -target * (input1 - input2)
    + margin), reduced; `margin` must be a float (checked when called)."""

    def __init__(self, margin: float = 0.0, reduction: str = "mean") -> None:
        super().__init__(reduction)
        self.margin = margin
        self.reduction = reduction

    def construct(self, input1, input2, target) -> Tensor:
        return margin_ranking_loss(input1, input2, target, self.margin, self.reduction)
