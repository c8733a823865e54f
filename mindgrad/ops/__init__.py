"""`mindspore.ops`: Primitive classes, functional ops and composite operations."""

from . import composite, functional, operations
from .composite import *  # noqa: F401,F403
from .functional import *  # noqa: F401,F403 - the functional ops and MindSpore's older `F.` names
from .operations import *  # noqa: F401,F403
from .primitive import Primitive, PrimitiveWithCheck, PrimitiveWithInfer, constexpr, prim_attr_register
