"""Composite operations (`from mindspore.ops import composite as C`): gradients and mapping."""

from .base import GradOperation
from .grad_func import get_grad, grad, jacfwd, jacrev, jvp, value_and_grad, vjp
from .hyper_map import HyperMap, Map
from .multitype_graph import MultitypeFuncGraph
from .partial import Partial, partial

__all__ = ["GradOperation", "HyperMap", "Map", "MultitypeFuncGraph", "Partial", "get_grad", "grad", "jacfwd",
           "jacrev", "jvp", "partial", "value_and_grad", "vjp"]
