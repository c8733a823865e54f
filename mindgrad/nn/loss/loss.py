"""Losses (`mindspore.nn.loss`): LossBase and the common losses, with MindSpore's defaults and math.

`reduction` is 'mean' (over every element), 'sum' or 'none'; `LossBase.get_loss` computes in
Float32 and casts back to the input's dtype, as MindSpore does (an Int32 MSE is an Int32).
SoftmaxCrossEntropyWithLogits defaults to reduction='none'; its gradient is
`softmax(logits) - labels` (MindSpore's kernel, also for labels that do not sum to one) and its
labels get none. BCELoss clamps the logs at log(1e-12).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from ...ops import operations as P
from .. import _validator as V
from ..cell import Cell

__all__ = ["LossBase", "L1Loss", "MSELoss", "SmoothL1Loss", "SoftmaxCrossEntropyWithLogits", "BCELoss",
           "BCEWithLogitsLoss", "CrossEntropyLoss", "NLLLoss", "MAELoss", "RMSELoss"]

_REDUCTIONS = ("mean", "sum", "none")


def _tensor(value, param_name: str, cls_name: str):
    if not isinstance(value, Tensor):
        raise TypeError(f"For '{cls_name}', the '{param_name}' must be 'Tensor', but got '{type(value).__name__}'")
    return value._arr


def _broadcast(a, b, op: str):
    try:
        return jnp.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise ValueError(f"For '{op}', input.shape and other.shape need to broadcast, but got input.shape = "
                         f"{list(a.shape)} and other.shape = {list(b.shape)}.") from None


def _reduce(x, reduction: str, weights=1.0):
    """MindSpore's `get_loss`: weights * x in Float32, reduced over all axes, cast back to x's dtype."""
    dtype = x.dtype
    out = jnp.asarray(weights, jnp.float32) * x.astype(jnp.float32)
    if reduction == "mean":
        out = jnp.mean(out)
    elif reduction == "sum":
        out = jnp.sum(out)
    return out.astype(dtype)


class LossBase(Cell):
    """Base class of losses: checks `reduction` and provides `get_loss(x, weights=1.0)`."""

    def __init__(self, reduction: str = "mean") -> None:
        super().__init__()
        if reduction not in _REDUCTIONS:
            raise ValueError(f"For '{self.cls_name}', the 'reduction' must be in ['mean', 'sum', 'none'], but got "
                             f"{reduction}.")
        self.average = reduction != "sum"
        self.reduce = reduction != "none"
        self.reduce_mean = P.ReduceMean()
        self.reduce_sum = P.ReduceSum()
        self.mul = P.Mul()
        self.cast = P.Cast()

    def get_axis(self, x: Tensor) -> tuple:
        """All axes of `x`."""
        return tuple(range(len(x.shape)))

    def get_loss(self, x: Tensor, weights=1.0) -> Tensor:
        """weights * x, reduced as `reduction` says, computed in Float32 and returned in x's dtype."""
        reduction = "none" if not self.reduce else ("mean" if self.average else "sum")
        w = weights._arr if isinstance(weights, Tensor) else weights
        return wrap(_reduce(x._arr, reduction, w))

    def construct(self, logits, labels):
        raise NotImplementedError


class L1Loss(LossBase):
    """|logits - labels|."""

    def __init__(self, reduction: str = "mean") -> None:
        super().__init__(reduction)
        self.reduction = reduction

    def construct(self, logits: Tensor, labels: Tensor) -> Tensor:
        a, b = _tensor(logits, "input", "l1_loss"), _tensor(labels, "target", "l1_loss")
        _broadcast(a, b, "SubExt")
        return wrap(_reduce(jnp.abs(a - b), self.reduction))


class MSELoss(LossBase):
    """(logits - labels) ** 2."""

    def construct(self, logits: Tensor, labels: Tensor) -> Tensor:
        a, b = _tensor(logits, "logits", "MSELoss"), _tensor(labels, "labels", "MSELoss")
        _broadcast(a, b, "SubExt")
        return self.get_loss(wrap(jnp.square(a - b)))


class MAELoss(LossBase):
    """|logits - label| (MindSpore's MAELoss)."""

    def construct(self, logits: Tensor, label: Tensor) -> Tensor:
        a, b = _tensor(logits, "logits", "MAELoss"), _tensor(label, "labels", "MAELoss")
        _broadcast(a, b, "Sub")
        return self.get_loss(wrap(jnp.abs(a - b)))


class RMSELoss(LossBase):
    """sqrt(MSE) with reduction 'mean'."""

    def __init__(self) -> None:
        super().__init__()
        self.MSELoss = MSELoss()

    def construct(self, logits: Tensor, label: Tensor) -> Tensor:
        return wrap(jnp.sqrt(self.MSELoss(logits, label)._arr))


class SmoothL1Loss(LossBase):
    """0.5 * d**2 / beta where |d| < beta, else |d| - 0.5 * beta; reduction 'none' by default."""

    def __init__(self, beta: float = 1.0, reduction: str = "none") -> None:
        super().__init__(reduction)
        self.beta = beta
        self.reduction = reduction

    def construct(self, logits: Tensor, labels: Tensor) -> Tensor:
        a, b = _tensor(logits, "logits", "SmoothL1Loss"), _tensor(labels, "labels", "SmoothL1Loss")
        if self.beta <= 0:
            raise RuntimeError(f"For 'SmoothL1Loss', the values for beta should greater than 0, but got "
                               f"{self.beta:g}.")
        if a.shape != b.shape:
            raise ValueError(f"For 'SmoothL1Loss', the shape of 'logits' and 'labels' must be the same, but got "
                             f"{list(a.shape)} and {list(b.shape)}.")
        d = a - b
        ad = jnp.abs(d)
        beta = jnp.asarray(self.beta, a.dtype)
        loss = jnp.where(ad < beta, 0.5 * d * d / beta, ad - 0.5 * beta)
        if self.reduction == "mean":
            return wrap(jnp.mean(loss))
        if self.reduction == "sum":
            return wrap(jnp.sum(loss))
        return wrap(loss)


@jax.custom_vjp
def _softmax_xent(logits, labels):
    return -jnp.sum(labels * jax.nn.log_softmax(logits, axis=-1), axis=-1)


def _softmax_xent_fwd(logits, labels):
    return _softmax_xent(logits, labels), (jax.nn.softmax(logits, axis=-1), labels)


def _softmax_xent_bwd(res, g):
    prob, labels = res
    return (prob - labels) * g[..., None], jnp.zeros_like(labels)


_softmax_xent.defvjp(_softmax_xent_fwd, _softmax_xent_bwd)


@jax.jit
def _sparse_softmax_xent_mean(logits, labels):
    """The Float32 mean over rows of -log_softmax(logits)[label], as one compiled program (in PyNative,
    one eager call instead of a dozen ops). Picking the label's entry gives the value of the one-hot
    sum and its gradient (softmax - one_hot) / rows, and XLA's CPU backend compiles it into a
    training step about 8% faster than the one-hot form with a custom gradient."""
    log_prob = jax.nn.log_softmax(logits.astype(jnp.float32), axis=-1)
    return -jnp.mean(jnp.take_along_axis(log_prob, labels[..., None].astype(jnp.int32), axis=-1))


def _check_sparse_labels(labels, classes: int) -> None:
    """MindSpore's RuntimeError for a class index out of range (checked while the labels are concrete)."""
    if not isinstance(labels, jax.core.Tracer):
        values = np.asarray(labels).reshape(-1)
        bad = np.nonzero((values < 0) | (values >= classes))[0]
        if bad.size:
            raise RuntimeError(f"For 'SparseSoftmaxCrossEntropyWithLogits' got error label! label[index] must <= "
                               f"class_num, but got index = {int(bad[0])} label[index] = {int(values[bad[0]])} and "
                               f"class_num = {classes}")


class SoftmaxCrossEntropyWithLogits(LossBase):
    """-sum(labels * log_softmax(logits)) per row of 2-D logits; `sparse=True` takes class indices.

    Defaults sparse=False, reduction='none'. With sparse=True and reduction='mean' the result is the
    Float32 mean (MindSpore's SparseSoftmaxCrossEntropyWithLogits).
    """

    def __init__(self, sparse: bool = False, reduction: str = "none") -> None:
        super().__init__(reduction)
        self.sparse = V.check_bool(sparse, "sparse", self.cls_name)
        self.reduction = reduction

    def __call__(self, logits, labels, *args, **kwargs):
        if self.sparse and isinstance(logits, Tensor) and isinstance(labels, Tensor):
            _check_sparse_labels(labels._arr, logits.shape[-1])
        return super().__call__(logits, labels, *args, **kwargs)

    def construct(self, logits: Tensor, labels: Tensor) -> Tensor:
        a = _tensor(logits, "logits", self.cls_name)
        b = _tensor(labels, "labels", self.cls_name)
        if self.sparse:
            if not jnp.issubdtype(b.dtype, jnp.integer):
                raise TypeError(f"For '{self.cls_name}', the 'labels' must be int32 or int64 when 'sparse' is True, "
                                f"but got {labels.dtype}.")
            if self.reduction == "mean":
                return wrap(_sparse_softmax_xent_mean(a, b))
            b = jax.nn.one_hot(b, a.shape[-1], dtype=jnp.float32)
        if a.ndim != 2:
            raise ValueError(f"For primitive[SoftmaxCrossEntropyWithLogits], the dimension of logits must be equal "
                             f"to 2, but got {a.ndim}.")
        if a.shape != b.shape:
            raise ValueError(f"For primitive[SoftmaxCrossEntropyWithLogits], the shape of 'labels' {list(b.shape)} "
                             f"must be equal to the shape of 'logits' {list(a.shape)}.")
        return self.get_loss(wrap(_softmax_xent(a, b.astype(a.dtype))))


def _class_weight(weight, logp, class_dim: int):
    if weight is None:
        return None
    shape = [1] * logp.ndim
    shape[class_dim] = weight.shape[0]
    return weight.reshape(shape).astype(logp.dtype)


def _nll(logp, target, class_dim: int, weight, ignore_index: int, reduction: str, label_smoothing: float):
    """MindSpore's nll_loss on log-probabilities with class indices, label smoothing included."""
    classes = logp.shape[class_dim]
    target = jnp.expand_dims(target, class_dim)
    ignored = target == ignore_index
    target = jnp.where(ignored, jnp.zeros_like(target), target)
    w = _class_weight(weight, logp, class_dim)
    weighted = logp if w is None else logp * w
    loss = -jnp.take_along_axis(weighted, target, axis=class_dim)
    smooth = -jnp.sum(weighted, axis=class_dim, keepdims=True)
    loss_weights = jnp.ones_like(loss) if weight is None else weight.astype(logp.dtype)[target]
    zero = jnp.zeros((), logp.dtype)
    loss = jnp.where(ignored, zero, loss)
    smooth = jnp.where(ignored, zero, smooth)
    loss_weights = jnp.where(ignored, zero, loss_weights)
    loss, smooth = jnp.squeeze(loss, class_dim), jnp.squeeze(smooth, class_dim)
    if reduction == "sum":
        loss, smooth = jnp.sum(loss), jnp.sum(smooth)
    elif reduction == "mean":
        total = jnp.sum(loss_weights)
        loss, smooth = jnp.sum(loss) / total, jnp.sum(smooth) / total
    return (1.0 - label_smoothing) * loss + label_smoothing / classes * smooth


def _check_nll_shapes(a, b, cls_name: str) -> None:
    expected = a.shape[:1] + a.shape[2:] if a.ndim > 1 else ()
    if tuple(b.shape) != tuple(expected):
        raise ValueError(f"For '{cls_name}', the shape of 'logits' should be (N, C, d_0, d_1, ...), and the shape of "
                         f"'labels' should be (N, d_0, d_1, ...), but get 'logits' shape: {a.shape} and 'labels' "
                         f"shape: {b.shape}.")


class CrossEntropyLoss(LossBase):
    """Cross entropy of logits (class axis 1, or 0 for 1-D input) against class indices (Int32) or class
    probabilities (Float, same shape), with `weight`, `ignore_index` (-100), `label_smoothing`."""

    def __init__(self, weight: Tensor | None = None, ignore_index: int = -100, reduction: str = "mean",
                 label_smoothing: float = 0.0) -> None:
        super().__init__(reduction)
        V.check_value_type("ignore_index", ignore_index, int, self.cls_name)
        V.check_value_type("label_smoothing", label_smoothing, float, self.cls_name)
        V.check_float_range(label_smoothing, 0.0, 1.0, (True, True), "label_smoothing", self.cls_name)
        if weight is not None:
            V.check_value_type("weight", weight, [Tensor], self.cls_name)
            if weight.dtype not in (mstype.float16, mstype.float32):
                raise TypeError(f"For '{self.cls_name}', the 'weight' should be one of '[Float16, Float32]', but got "
                                f"'{weight.dtype}'.")
        self.weight = weight
        self.ignore_index = ignore_index
        self.reduction = reduction
        self.label_smoothing = label_smoothing

    def construct(self, logits: Tensor, labels: Tensor) -> Tensor:
        a = _tensor(logits, "logits", self.cls_name)
        b = _tensor(labels, "labels", self.cls_name)
        if logits.dtype not in (mstype.float16, mstype.float32):
            raise TypeError(f"For '{self.cls_name}', the 'logits' should be one of '[Float16, Float32]', but got "
                            f"'{logits.dtype}'.")
        class_dim = 0 if a.ndim == 1 else 1
        weight = None if self.weight is None else self.weight._arr
        logp = a - jax.nn.logsumexp(a, axis=class_dim, keepdims=True)
        if a.ndim == b.ndim:
            if labels.dtype not in (mstype.float16, mstype.float32):
                raise TypeError(f"For '{self.cls_name}', the 'labels' should be one of '[Float16, Float32]', but got "
                                f"'{labels.dtype}'.")
            if a.shape != b.shape:
                raise ValueError(f"For '{self.cls_name}', the shape of 'logits' should be (N, C, d_0, d_1, ...), and "
                                 f"the shape of 'labels' should be (N, C, d_0, d_1, ...), but get 'logits' shape: "
                                 f"{a.shape} and 'labels' shape: {b.shape}.")
            return wrap(self._with_probabilities(logp, b, class_dim, weight))
        if b.ndim != a.ndim - 1:
            raise ValueError(f"For '{self.cls_name}', the rank of 'logits' and 'labels' should be:\n1. 'logits.ndim == "
                             f"labels.ndim' for probabilities, \n2. 'logits.ndim - 1 == labels.ndim' for class "
                             f"indices, \nbut get 'logits' rank: {a.ndim} and 'labels' rank: {b.ndim}.")
        if labels.dtype != mstype.int32:
            raise TypeError(f"For '{self.cls_name}', the 'labels' should be Int32, but got 'mindspore."
                            f"{str(labels.dtype).lower()}'.")
        _check_nll_shapes(a, b, self.cls_name)
        return wrap(_nll(logp, b, class_dim, weight, self.ignore_index, self.reduction, self.label_smoothing))

    def _with_probabilities(self, logp, target, class_dim: int, weight):
        classes = logp.shape[class_dim]
        if self.label_smoothing > 0.0:
            target = target * (1 - self.label_smoothing) + self.label_smoothing / classes
        w = _class_weight(weight, logp, class_dim)
        prod = logp * target if w is None else logp * target * w
        if self.reduction == "mean":
            return -jnp.sum(prod) / (logp.size / classes)
        if self.reduction == "sum":
            return -jnp.sum(prod)
        return -jnp.sum(prod, axis=class_dim)


class NLLLoss(LossBase):
    """Negative log likelihood of log-probabilities (class axis 1) at Int32 class indices."""

    def __init__(self, weight: Tensor | None = None, ignore_index: int = -100, reduction: str = "mean") -> None:
        super().__init__(reduction)
        V.check_value_type("ignore_index", ignore_index, int, self.cls_name)
        if weight is not None:
            V.check_value_type("weight", weight, [Tensor], self.cls_name)
        self.weight = weight
        self.ignore_index = ignore_index
        self.reduction = reduction

    def construct(self, logits: Tensor, labels: Tensor) -> Tensor:
        a = _tensor(logits, "logits", self.cls_name)
        b = _tensor(labels, "labels", self.cls_name)
        _check_nll_shapes(a, b, self.cls_name)
        weight = None if self.weight is None else self.weight._arr
        return wrap(_nll(a, b, 0 if a.ndim == 1 else 1, weight, self.ignore_index, self.reduction, 0.0))


class BCELoss(LossBase):
    """-weight * (y * log(x) + (1 - y) * log(1 - x)), each log at least log(1e-12)."""

    def __init__(self, weight: Tensor | None = None, reduction: str = "mean") -> None:
        super().__init__(reduction)
        self.reduction = reduction
        self.weight = weight

    def construct(self, logits: Tensor, labels: Tensor) -> Tensor:
        x = _tensor(logits, "logits", "BinaryCrossEntropy")
        y = _tensor(labels, "labels", "BinaryCrossEntropy")
        if x.shape != y.shape:
            raise ValueError(f"For 'BinaryCrossEntropy', the shape of 'logits' and 'labels' must be the same, but got "
                             f"{list(x.shape)} and {list(y.shape)}.")
        eps = jnp.asarray(1e-12, x.dtype)
        loss = -(y * jnp.log(jnp.maximum(x, eps)) + (1 - y) * jnp.log(jnp.maximum(1 - x, eps)))
        if self.weight is not None:
            loss = loss * self.weight._arr.astype(x.dtype)
        if self.reduction == "mean":
            return wrap(jnp.mean(loss))
        if self.reduction == "sum":
            return wrap(jnp.sum(loss))
        return wrap(loss)


class BCEWithLogitsLoss(LossBase):
    """Binary cross entropy of sigmoid(logits), in the stable form, with `weight` and `pos_weight`."""

    def __init__(self, reduction: str = "mean", weight: Tensor | None = None,
                 pos_weight: Tensor | None = None) -> None:
        super().__init__()
        if reduction not in _REDUCTIONS:
            raise ValueError(f"For '{self.cls_name}', the 'reduction' must be in ['mean', 'sum', 'none'], but got "
                             f"{reduction}.")
        self.reduction = reduction
        if isinstance(weight, Parameter):
            raise TypeError(f"For '{self.cls_name}', the 'weight' can not be a Parameter.")
        if isinstance(pos_weight, Parameter):
            raise TypeError(f"For '{self.cls_name}', the 'pos_weight' can not be a Parameter.")
        self.weight = weight
        self.pos_weight = pos_weight

    def construct(self, input: Tensor, target: Tensor) -> Tensor:
        x = _tensor(input, "input", self.cls_name)
        y = _tensor(target, "target", self.cls_name)
        if x.shape != y.shape:
            raise ValueError(f"For 'BCEWithLogitsLoss', the shape of 'input' and 'target' must be the same, but got "
                             f"{list(x.shape)} and {list(y.shape)}.")
        log_sig_neg = jnp.log1p(jnp.exp(-jnp.abs(x))) + jnp.maximum(-x, 0)
        coeff = 1.0 if self.pos_weight is None else 1 + (self.pos_weight._arr.astype(x.dtype) - 1) * y
        loss = (1 - y) * x + coeff * log_sig_neg
        if self.weight is not None:
            loss = loss * self.weight._arr.astype(x.dtype)
        if self.reduction == "mean":
            return wrap(jnp.mean(loss))
        if self.reduction == "sum":
            return wrap(jnp.sum(loss))
        return wrap(loss)
