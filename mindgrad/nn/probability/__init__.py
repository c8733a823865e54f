"""`mindspore.nn.probability`: distributions (`distribution`) and bijectors (`bijector`) as Cells."""

from . import bijector, distribution

__all__ = ["bijector", "distribution"]
