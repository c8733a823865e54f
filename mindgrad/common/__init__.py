"""`mindspore.common`: Tensor, Parameter, dtypes, initializers, seeds."""

from . import dtype, initializer
from .parameter import Parameter, ParameterTuple
from .seed import get_seed, set_seed
from .tensor import Tensor
