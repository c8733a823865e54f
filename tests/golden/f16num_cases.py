"""Float16 numerics of the ops mixed-precision nets use (issue 19): samples of a few hundred elements,
large enough that the accumulation dtype and the rounding steps show (one Float16 step is ~1e-3 relative).

MindSpore 2.10 CPU rules pinned here: ReduceSum/ReduceProd (`ops.sum`, `Tensor.sum`, `ops.prod`) and
ReduceMean accumulate in Float32 and round once; CumSum adds left to right rounding every partial sum to
Float16; Sigmoid (and SiLU) round each step of 1 / (1 + exp(-x)) to Float16; Softmax rounds x - max,
exp and the division to Float16 with the sum accumulated in Float32; Exp, Log, Tanh and LogSoftmax are
their Float32 kernels rounded once; `ops.gelu` (erf) is Div, Erf, Add and Mul each rounded to Float16.
"""

import numpy as np
from opdb import OpInfo, S, cases

_rs = np.random.RandomState(19)
_LONG = _rs.rand(1024).astype(np.float32)                        # positive: a long sum drifts in Float16
_ROWS = _rs.standard_normal((6, 300)).astype(np.float32)
_NEAR_ONE = (1 + 0.02 * _rs.standard_normal((4, 60))).astype(np.float32)
_WIDE = (4 * _rs.standard_normal(300)).astype(np.float32)
_POS = (0.01 + 4 * _rs.rand(300)).astype(np.float32)
_F16 = ("float16",)

OPS = [
    OpInfo("ops.sum", [S(_LONG), S(_ROWS, 1)], dtypes=_F16, grad=True),
    OpInfo("ops.ReduceSum", [S(_ROWS, 1), S(_LONG)], init={}, dtypes=_F16),
    OpInfo("Tensor.sum", [S(_ROWS, 1), S(_LONG)], dtypes=_F16),
    OpInfo("ops.mean", [S(_ROWS, 1), S(_LONG)], dtypes=_F16, grad=True),
    OpInfo("ops.ReduceMean", [S(_ROWS, 1)], init={}, dtypes=_F16),
    OpInfo("ops.prod", [S(_NEAR_ONE, 1), S(_NEAR_ONE)], dtypes=_F16, grad=True),
    OpInfo("ops.cumsum", [S(_LONG, 0), S(_ROWS, 1)], dtypes=_F16, grad=True),
    OpInfo("ops.CumSum", [S(_LONG, 0)], init={"exclusive": True}, dtypes=_F16, tag="exclusive"),
    OpInfo("ops.CumSum", [S(_LONG, 0)], init={"exclusive": True, "reverse": True}, dtypes=_F16, tag="both"),
    OpInfo("ops.sigmoid", [S(_WIDE)], dtypes=_F16, grad=True),
    OpInfo("ops.silu", [S(_WIDE)], dtypes=_F16, grad=True),
    OpInfo("ops.softmax", [S(_ROWS, -1), S(4 * _ROWS, -1)], dtypes=_F16, grad=True),
    OpInfo("ops.Softmax", [S(4 * _ROWS)], init={}, dtypes=_F16),
    OpInfo("ops.log_softmax", [S(_ROWS, -1)], dtypes=_F16),
    OpInfo("ops.exp", [S(_WIDE)], dtypes=_F16, grad=True),
    OpInfo("ops.log", [S(_POS)], dtypes=_F16, grad=True),
    OpInfo("ops.tanh", [S(_WIDE)], dtypes=_F16, grad=True),
    OpInfo("ops.gelu", [S(_WIDE)], dtypes=_F16, grad=True),
    # GeLU's Float16 kernel is matched within a few Float16 steps only (Float32 evaluation rounded once).
    OpInfo("ops.gelu", [S(_WIDE, approximate="tanh")], dtypes=_F16, tag="tanh", rtol=2e-3, atol=1e-4),
]

globals().update(cases(OPS))
