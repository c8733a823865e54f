"""`mindspore.mint.linalg`: linear algebra under torch's names."""

from .. import ops as _ops
from ._alias import alias as _alias

inv = _ops.inverse
norm = _ops.norm
matrix_norm = _alias(_ops.matrix_norm, "matrix_norm", dim="axis", keepdim="keepdims")
qr = _alias(_ops.qr, "qr", A="input")
vector_norm = _alias(_ops.vector_norm, "vector_norm", dim="axis", keepdim="keepdims")
