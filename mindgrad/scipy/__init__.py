"""`mindspore.scipy` on `jax.scipy`: `linalg` (more to come)."""

from . import linalg

__all__ = ["linalg"]
