"""`from mindspore.ops import functional as F`: the functional ops, and MindSpore's older `F.` names.

The autodiff functions (`F.grad`, `F.vjp`, `F.vmap`, `F.jet`, ...) come with the functional ops and
are the same objects as `ops.<name>`. The older names are Primitive instances (`F.tensor_add` is
`P.Add()`, `F.reduce_sum` is `P.ReduceSum()`) or functions, as in MindSpore; MindSpore also exposes
them as `ops.<name>`.
"""

from . import operations as P
from .function import *  # noqa: F401,F403
from .function import __all__ as _function_all
from .function import abs, greater, less

tensor_add = P.Add()
tensor_sub = P.Sub()
tensor_mul = P.Mul()
tensor_div = P.RealDiv()
tensor_pow = P.Pow()
tensor_floordiv = P.FloorDiv()
tensor_mod = P.FloorMod()
tensor_gt = greater
tensor_lt = less
tensor_ge = P.GreaterEqual()
tensor_le = P.LessEqual()
tensor_exp = P.Exp()
tensor_slice = P.Slice()
tensor_range = P.Range()
reduce_sum = P.ReduceSum()
reduce_mean = P.ReduceMean()
reduce_max = P.ReduceMax()
reduce_min = P.ReduceMin()
absolute = abs

OLD_NAMES = ["tensor_add", "tensor_sub", "tensor_mul", "tensor_div", "tensor_pow", "tensor_floordiv", "tensor_mod",
             "tensor_gt", "tensor_lt", "tensor_ge", "tensor_le", "tensor_exp", "tensor_slice", "tensor_range",
             "reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "absolute"]
__all__ = list(_function_all) + OLD_NAMES
