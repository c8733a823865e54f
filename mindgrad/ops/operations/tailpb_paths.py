"""tailprimB's Primitives (`tailpb_ops.__all__`) for `ops.operations`, and three submodule paths bound here, after
the modules exist, because the submodules cannot import the classes without an import cycle (tail2_ops ->
tail2_func -> inner_ops -> array_ops / math_ops): MindSpore's `array_ops.Tril` is `ops.Tril` (tail2_ops),
`math_ops.Ger` is `ops.Ger` and `nn_ops.LRN` is `ops.LRN` (tailprimA's pa_linalg_ops / pa_math_nn_ops)."""

from . import array_ops, math_ops, nn_ops
from .pa_linalg_ops import Ger
from .pa_math_nn_ops import LRN
from .tail2_ops import Tril
from .tailpb_ops import *  # noqa: F401,F403
from .tailpb_ops import __all__  # noqa: F401

array_ops.Tril = Tril
math_ops.Ger = Ger
nn_ops.LRN = LRN
