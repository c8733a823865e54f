"""`mindspore.ops`: Primitive classes, functional ops and composite operations."""

from . import _tensor_methods, composite, functional, operations
from .composite import *  # noqa: F401,F403
from .functional import *  # noqa: F401,F403 - the functional ops and MindSpore's older `F.` names
from .operations import *  # noqa: F401,F403
from .functional import identity  # noqa: F401 - the op; `from .operations import *` brought P.identity (a class)
from .primitive import Primitive, PrimitiveWithCheck, PrimitiveWithInfer, constexpr, prim_attr_register
from ..common.tensor import Tensor  # noqa: F401 - MindSpore exposes `ops.Tensor`
from . import tensor_methods_more as _tensor_methods_more

_tensor_methods_more.register(_tensor_methods_more.Tensor)
from . import tensor_methods_tail2  # noqa: E402,F401 - attaches issue 17's tail of Tensor methods (ops17)
from . import auto_generate  # noqa: E402,F401 - `ops.auto_generate` is an attribute in MindSpore (tailprimB)
from . import operations as P  # noqa: E402,F401,N812 - MindSpore's `ops.P` is the Primitive module (tailprimA)
from .op_info_register import DataType, TBERegOp, custom_info_register  # noqa: E402,F401 - the module is callable
from ..common import storage as _storage  # noqa: E402,F401 - attaches Tensor.storage
