"""`mindspore.nn.thor` / `nn.optim.thor`: the THOR second-order optimizer, not implemented by mindgrad yet.

MindSpore's `thor(net, ...)` converts the network's `Dense`, `Conv2d` and `Embedding` layers in place into
`DenseThor`, `Conv2dThor` and `EmbeddingThor` layers, which record the Kronecker factors of each layer (the
covariance of its inputs, A, and of its output gradients, G) during the forward and backward passes; every
`frequency` steps the optimizer inverts the damped factors and preconditions each weight gradient as
G^-1 grad A^-1 before a momentum step. mindgrad has neither the Thor layers nor that step: `thor` checks its
arguments as MindSpore does, then raises NotImplementedError.
"""

from __future__ import annotations

from ...common.tensor import Tensor
from .. import _validator as V

__all__ = ["thor"]


def thor(net, learning_rate, damping, momentum, weight_decay=0.0, loss_scale=1.0, batch_size=32, use_nesterov=False,
         decay_filter=lambda x: x.name not in [], split_indices=None, enable_clip_grad=False, frequency=100):
    """MindSpore's argument checks (`momentum` a float >= 0, `frequency` an int >= 2, `learning_rate` a Tensor),
    then NotImplementedError: mindgrad does not implement THOR (use `nn.Momentum`, its first-order step)."""
    V.check_value_type("momentum", momentum, [float], "thor")
    if momentum < 0.0:
        raise ValueError(f"For 'thor', the argument 'momentum' must be at least 0.0, but got 'momentum' {momentum}.")
    V.check_value_type("frequency", frequency, [int], "thor")
    if frequency < 2:
        raise ValueError(f"For 'thor', the argument 'frequency' must be at least 2, but got 'frequency' {frequency}.")
    V.check_value_type("learning rate", learning_rate, [Tensor], "thor")
    raise NotImplementedError(
        "mindgrad does not implement nn.thor yet: THOR needs MindSpore's DenseThor/Conv2dThor/EmbeddingThor layers "
        "(they record each layer's input and output-gradient covariances) and the preconditioned second-order step, "
        "neither of which mindgrad provides. Use nn.Momentum for a first-order step instead.")
