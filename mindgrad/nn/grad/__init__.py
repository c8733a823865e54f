"""`mindspore.nn.grad`: Cells that wrap a network's vjp and jvp."""

from .cell_grad import Jvp, Vjp

__all__ = ["Jvp", "Vjp"]
