"""mindgrad: MindSpore's API on JAX. `import mindgrad as ms` and run MindSpore code.

JAX's 64-bit mode is switched on (MindSpore has Int64 and Float64 Tensors);
every default dtype stays MindSpore's (Float32 for Python floats).
"""

import jax as _jax

_jax.config.update("jax_enable_x64", True)

from . import common, context, nn, ops  # noqa: E402
from .common import dtype  # noqa: E402
from .common.dtype import (bfloat16, bool_, complex64, complex128, double, float16, float32, float64,  # noqa: E402
                           float_, half, int8, int16, int32, int64, int_, single, uint8, uint16, uint32, uint64)
from .common.parameter import Parameter, ParameterTuple  # noqa: E402
from .common.seed import get_seed, set_seed  # noqa: E402
from .common.tensor import Tensor  # noqa: E402
from .common.api import _no_grad, jit, mutable  # noqa: E402
from .ops.composite import get_grad, grad, jvp, value_and_grad, vjp  # noqa: E402
from .context import GRAPH_MODE, PYNATIVE_MODE, get_context, set_context, set_device  # noqa: E402
from . import communication, dataset, train  # noqa: E402
from .train import *  # noqa: E402,F401,F403  (as MindSpore: ms.Model, ms.LossMonitor, ms.save_checkpoint, ...)
from .train import Model, load_checkpoint, load_param_into_net, save_checkpoint  # noqa: E402
from ._porting import install_as_mindspore  # noqa: E402
from ._jax_export import from_jax, to_jax  # noqa: E402

__version__ = "0.1.0"
