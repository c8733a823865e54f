"""Neural-network Primitives (`mindspore.ops.operations.nn_ops`): activations, normalization, pooling, losses."""

from __future__ import annotations

from ...common import seed as _seed
from ...common.tensor import wrap
from ..function import nn_func as F
from ..function._helpers import check_reduction, float_only
from ..primitive import Primitive, functional_primitive, prim_attr_register


def _fp(name: str, fn):
    return functional_primitive(name, fn, __name__)


ReLU = _fp("ReLU", F.relu)
ReLU6 = _fp("ReLU6", F.relu6)
Sigmoid = _fp("Sigmoid", F.sigmoid)
FastGeLU = _fp("FastGeLU", F.fast_gelu)
Softplus = _fp("Softplus", F.softplus)
SigmoidCrossEntropyWithLogits = _fp("SigmoidCrossEntropyWithLogits", F.sigmoid_cross_entropy_with_logits)
SoftmaxCrossEntropyWithLogits = _fp("SoftmaxCrossEntropyWithLogits", F.softmax_cross_entropy_with_logits)


class GeLU(Primitive):
    """GELU with the tanh approximation (`ops.gelu(x, approximate='tanh')`)."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x):
        return F.gelu(x, approximate="tanh")


class Elu(Primitive):
    @prim_attr_register
    def __init__(self, alpha: float = 1.0):
        pass

    def __call__(self, input_x):
        return F.elu(input_x, self.alpha)


class Softmax(Primitive):
    """Softmax along `axis` (an int or a 1-tuple)."""

    @prim_attr_register
    def __init__(self, axis=-1):
        pass

    def __call__(self, x):
        return F.softmax(x, self.axis)


class LogSoftmax(Primitive):
    @prim_attr_register
    def __init__(self, axis: int = -1):
        pass

    def __call__(self, logits):
        if not isinstance(self.axis, int):
            raise TypeError(f"For 'LogSoftmax', the 'axis' should be int, but got {type(self.axis).__name__}.")
        return F.log_softmax(logits, self.axis)


class L2Normalize(Primitive):
    """x / sqrt(max(sum(x**2, axis), epsilon)); see `nn_func.l2_normalize` for the gradient rule."""

    @prim_attr_register
    def __init__(self, axis=0, epsilon: float = 1e-4):
        pass

    def __call__(self, input_x):
        return F.l2_normalize(input_x, self.axis, self.epsilon)


class BiasAdd(Primitive):
    @prim_attr_register
    def __init__(self, data_format: str = "NCHW"):
        pass

    def __call__(self, input_x, bias):
        return F.bias_add(input_x, bias, self.data_format)


class Pad(Primitive):
    """Zero padding by `paddings`, one (before, after) pair per axis."""

    @prim_attr_register
    def __init__(self, paddings):
        pass

    def __call__(self, input_x):
        return F.pad_pairs(input_x, self.paddings)


class MaxPool(Primitive):
    @prim_attr_register
    def __init__(self, kernel_size=1, strides=1, pad_mode: str = "valid", data_format: str = "NCHW"):
        pass

    def __call__(self, x):
        return F.max_pool(x, self.kernel_size, self.strides, self.pad_mode, self.data_format)


class AvgPool(Primitive):
    @prim_attr_register
    def __init__(self, kernel_size=1, strides=1, pad_mode: str = "VALID", data_format: str = "NCHW"):
        pass

    def __call__(self, x):
        return F.avg_pool(x, self.kernel_size, self.strides, self.pad_mode, self.data_format)


class SparseSoftmaxCrossEntropyWithLogits(Primitive):
    @prim_attr_register
    def __init__(self, is_grad: bool = False):
        pass

    def __call__(self, logits, labels):
        return F.sparse_softmax_cross_entropy_with_logits(logits, labels)


class SmoothL1Loss(Primitive):
    @prim_attr_register
    def __init__(self, beta: float = 1.0, reduction: str = "none"):
        check_reduction(reduction, "SmoothL1Loss")

    def __call__(self, prediction, target):
        return F.smooth_l1_loss(prediction, target, self.beta, self.reduction)


class BCEWithLogitsLoss(Primitive):
    @prim_attr_register
    def __init__(self, reduction: str = "mean"):
        check_reduction(reduction, "BCEWithLogitsLoss")

    def __call__(self, logits, label, weight=None, pos_weight=None):
        return F.binary_cross_entropy_with_logits(logits, label, weight, pos_weight, self.reduction)


class RmsNorm(Primitive):
    """(y, rstd) of RMS normalization over gamma's axes (MindSpore 2.10 has no CPU kernel for it)."""

    @prim_attr_register
    def __init__(self, epsilon: float = 1e-6):
        pass

    def __call__(self, x, gamma):
        return F.rms_norm(x, gamma, self.epsilon)


class Dropout(Primitive):
    """(x * mask / keep_prob, mask): each element kept with probability `keep_prob`; a new mask per call."""

    @prim_attr_register
    def __init__(self, keep_prob: float = 0.5, Seed0: int = 0, Seed1: int = 0):  # noqa: N803 - MindSpore's names
        self.__dict__["_stream"] = _seed.new_stream("Dropout")

    def __call__(self, x):
        out, mask = F.dropout_with_key(float_only(x, "Dropout", "x"), self.keep_prob, _seed.next_key(self._stream))
        return wrap(out), wrap(mask.astype(out.dtype))

# MindSpore's `P.nn_ops.<name>` paths of the Primitives defined beside this module.
from .nn_more_ops import (AdaptiveAvgPool2D, AvgPool3D, BinaryCrossEntropy, Conv2D, Conv2DBackpropInput,  # noqa: E402,F401
                          Conv2DTranspose, FlashAttentionScore, KLDivLoss, L2Loss, LayerNorm, MaxPool3D, NLLLoss, PReLU)
from .tail_ops import CTCLoss, GridSampler2D, GridSampler3D  # noqa: E402,F401 - P.nn_ops paths
from .tail2_ops import DeformableOffsets  # noqa: E402,F401 - P.nn_ops path
from .tailpb_ops import (AdaptiveAvgPool3D, AdaptiveMaxPool2D, CeLU, Conv3D, CTCLossV2, HShrink,  # noqa: E402,F401
                         InstanceNorm, PadV3, SoftShrink, Softsign)  # P.nn_ops paths (tailprimB)
from .tail2_ops import Mish  # noqa: E402,F401 - P.nn_ops path (tailprimB)
from .tailpb_gen_ops import PagedAttention, PagedAttentionMask, ReshapeAndCache  # noqa: E402,F401 - (tailprimB)
