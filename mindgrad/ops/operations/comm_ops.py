"""Communication Primitives (`mindspore.ops.operations.comm_ops`): not supported yet."""

from __future__ import annotations

from ..primitive import unsupported_primitive


class ReduceOp:
    """The reduction of AllReduce (`ReduceOp.SUM`, ...)."""
    SUM = "sum"
    MAX = "max"
    MIN = "min"
    PROD = "prod"


AllReduce = unsupported_primitive("AllReduce", "a distributed op", __name__,
                                  lambda self, op=ReduceOp.SUM, group="hccl_world_group": None)
AllGather = unsupported_primitive("AllGather", "a distributed op", __name__,
                                  lambda self, group="hccl_world_group": None)
