"""`mindspore.mint.linalg`: linear algebra under torch's names."""

from .. import ops as _ops

inv = _ops.inverse
norm = _ops.norm
