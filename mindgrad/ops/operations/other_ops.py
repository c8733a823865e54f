"""Parameter-writing and ordering Primitives (`mindspore.ops.operations.other_ops`)."""

from __future__ import annotations

from ..function import parameter_func as F
from ..primitive import functional_primitive

Assign = functional_primitive("Assign", F.assign, __name__)
AssignAdd = functional_primitive("AssignAdd", F.assign_add, __name__)
AssignSub = functional_primitive("AssignSub", F.assign_sub, __name__)
Depend = functional_primitive("Depend", F.depend, __name__)
