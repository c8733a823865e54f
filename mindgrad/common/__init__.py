"""`mindspore.common`: Tensor, Parameter, dtypes, initializers, seeds."""

from . import dtype, initializer
from .parameter import Parameter, ParameterTuple
from .seed import get_seed, set_seed
from .tensor import Tensor
from .api import _no_grad, jit, mutable  # noqa: F401 - as MindSpore: ms.common.mutable, ms.common.jit
from .dtype import bool_, float16, float32, float64, int8, int16, int32, int64, uint8  # noqa: E402,F401
from .._toplevel import COOTensor, CSRTensor, JitConfig, RowTensor  # noqa: E402,F401
