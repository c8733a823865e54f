"""`WithBNNLossCell`: a network's loss plus the KL losses of its Bayesian layers."""

from __future__ import annotations

from ...cell import Cell
from .conv_variational import _ConvVariational
from .dense_variational import _DenseVariational

__all__ = ["WithBNNLossCell"]


def _check_factor(value, name: str, must: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"The type of `{name}` must be `int` or `float`")
    if value < 0:
        raise ValueError(f"The value of `{name}` {must} >= 0")


class WithBNNLossCell(Cell):
    """loss = loss_fn(backbone(x), label) * dnn_factor + sum of the Bayesian layers' KL losses * bnn_factor."""

    def __init__(self, backbone: Cell, loss_fn: Cell, dnn_factor=1, bnn_factor=1) -> None:
        super().__init__(auto_prefix=False)
        _check_factor(dnn_factor, "dnn_factor", "should")
        _check_factor(bnn_factor, "bnn_factor", "must")
        self._backbone = backbone
        self._loss_fn = loss_fn
        self.dnn_factor = dnn_factor
        self.bnn_factor = bnn_factor
        self.kl_loss = []
        self._add_kl_loss(backbone)

    def construct(self, x, label):
        loss = self._loss_fn(self._backbone(x), label) * self.dnn_factor
        kl = 0
        for kl_fn in self.kl_loss:
            kl = kl + kl_fn()
        return loss + kl * self.bnn_factor

    def _add_kl_loss(self, net: Cell) -> None:
        for layer in net.name_cells().values():
            if isinstance(layer, (_DenseVariational, _ConvVariational)):
                self.kl_loss.append(layer.compute_kl_loss)
            else:
                self._add_kl_loss(layer)

    @property
    def backbone_network(self) -> Cell:
        return self._backbone
