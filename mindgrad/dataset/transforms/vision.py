"""`mindspore.dataset.transforms.vision` (MindSpore 0.x/1.0's path of the vision transforms): `dataset.vision`."""

from ..vision import *  # noqa: F403
from ..vision import __all__  # noqa: F401
