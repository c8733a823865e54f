"""`mindspore.mint.special`: special functions under torch's names."""

from .. import ops as _ops
from ._alias import alias as _alias

erfc = _ops.erfc
expm1 = _ops.expm1
log1p = _ops.log1p
round = _ops.round
log_softmax = _alias(_ops.log_softmax, "log_softmax", dim="axis")
