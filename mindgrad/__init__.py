"""mindgrad: MindSpore's API on JAX. `import mindgrad as ms` and run MindSpore code.

Importing it sets two JAX options, for MindSpore's numbers: 64-bit mode (MindSpore has Int64
and Float64 Tensors; every default dtype stays MindSpore's, Float32 for Python floats), and full
float32 precision for matrix products (JAX would use TF32 on recent GPUs and bf16 passes on
TPUs; set `jax_default_matmul_precision` after the import to trade precision for speed).
"""

import jax as _jax

_jax.config.update("jax_enable_x64", True)
_jax.config.update("jax_default_matmul_precision", "highest")

from . import common, context, nn, ops  # noqa: E402
from .common import dtype  # noqa: E402
from .common.dtype import (bfloat16, bool_, complex64, complex128, double, float16, float32, float64,  # noqa: E402
                           float_, half, int8, int16, int32, int64, int_, single, uint8, uint16, uint32, uint64)
from .common.parameter import Parameter, ParameterTuple  # noqa: E402
from .common.seed import get_seed, set_seed  # noqa: E402
from .common.tensor import Tensor  # noqa: E402
from .common.api import _no_grad, jit, mutable  # noqa: E402
from .ops.composite import get_grad, grad, jacfwd, jacrev, jvp, value_and_grad, vjp  # noqa: E402
from .ops.function.vmap_func import vmap  # noqa: E402
from .context import (GRAPH_MODE, PYNATIVE_MODE, ParallelMode, get_auto_parallel_context, get_context,  # noqa: E402
                      reset_auto_parallel_context, set_auto_parallel_context, set_context, set_device)
from . import amp, communication, dataset, train  # noqa: E402
from . import mindrecord  # noqa: E402
from . import numpy  # noqa: E402
from . import mint  # noqa: E402
from .train import *  # noqa: E402,F401,F403  (as MindSpore: ms.Model, ms.LossMonitor, ms.save_checkpoint, ...)
from .train import Model, load_checkpoint, load_param_into_net, save_checkpoint  # noqa: E402
from ._porting import install_as_mindspore  # noqa: E402
from ._jax_export import export, from_jax, load, to_jax  # noqa: E402
from ._toplevel import (LAX, STRICT, COOTensor, CSRTensor, Generator, JitConfig, RowTensor, SparseTensor,  # noqa: E402
                        Symbol, TensorType, bool, byte, data_sink, float, from_numpy, get_rng_state, initial_seed,
                        int, is_tensor, jit_class, lazy_inline, long, manual_seed, ms_memory_recycle, recompute,
                        run_check, seed, set_cpu_affinity, set_deterministic, set_ps_context, set_recursion_limit,
                        set_rng_state, synchronize, tensor)
from .common.dtype import QuantDtype, Type, dtype_to_nptype, intp, uintp  # noqa: E402
from .amp import build_train_network  # noqa: E402
from . import boost, device_context, experimental, hal, log, parallel, profiler, runtime, scipy, version  # noqa: E402,E501
from .profiler import Profiler  # noqa: E402
from .parallel import load_distributed_checkpoint  # noqa: E402
from .context import get_ps_context, reset_ps_context  # noqa: E402
from ._toplevel_misc import (connect_network_with_dataset, empty_cache, save_mindir, set_memory, string,  # noqa: E402,F401,E501
                             sync_pipeline_shared_parameters)
from . import multiprocessing  # noqa: E402,F401
from .common.dtype import dtype_to_pytype, get_py_obj_dtype, pytype_to_dtype  # noqa: E402,F401

__version__ = "0.1.0"
