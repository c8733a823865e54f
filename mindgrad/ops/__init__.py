"""`mindspore.ops`: Primitive classes, functional ops and composite operations."""

from . import composite, functional, operations
from .composite import *  # noqa: F401,F403
from .function import *  # noqa: F401,F403
from .operations import *  # noqa: F401,F403
from .functional import (absolute, reduce_max, reduce_mean, reduce_min, reduce_sum, tensor_add, tensor_div,  # noqa: F401
                         tensor_exp, tensor_floordiv, tensor_ge, tensor_gt, tensor_le, tensor_lt, tensor_mod, tensor_mul,
                         tensor_pow, tensor_range, tensor_slice, tensor_sub)
from .primitive import Primitive, PrimitiveWithCheck, PrimitiveWithInfer, constexpr, prim_attr_register
