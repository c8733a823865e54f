"""Composite operations (`from mindspore.ops import composite as C`): gradients and mapping."""

from .base import GradOperation
from .base_more import add_flags, clip_by_global_norm, clip_by_value, ones_like
from .grad_func import get_grad, grad, jacfwd, jacrev, jvp, value_and_grad, vjp
from .hyper_map import HyperMap, Map
from .multitype_graph import MultitypeFuncGraph
from .partial import Partial, partial
from ..function.array_func import zeros_like

__all__ = ["GradOperation", "HyperMap", "Map", "MultitypeFuncGraph", "Partial", "get_grad", "grad", "jacfwd",
           "jacrev", "jvp", "partial", "value_and_grad", "vjp"]
__all__ += ["add_flags", "clip_by_global_norm", "clip_by_value", "ones_like"]
__all__ += ["zeros_like"]
from .math_ops import matmul  # noqa: E402
from ..function.linalg_func import tensor_dot  # noqa: E402
from ..function.array_shape_func import repeat_elements  # noqa: E402
from ..function.random_func import normal, uniform  # noqa: E402
__all__ += ["matmul", "normal", "repeat_elements", "tensor_dot", "uniform"]
