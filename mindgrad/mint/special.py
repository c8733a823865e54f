"""`mindspore.mint.special`: special functions under torch's names."""

from .. import ops as _ops
from ..ops.function import mint_fn_support_func as _fn
from ._alias import alias as _alias

erfc = _ops.erfc
exp2 = _ops.exp2
expm1 = _ops.expm1
log1p = _ops.log1p
round = _ops.round
round_op = _fn.mint_round_op
sinc = _ops.sinc
log_softmax = _alias(_ops.log_softmax, "log_softmax", dim="axis")

