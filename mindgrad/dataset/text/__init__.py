"""`mindspore.dataset.text`: vocabularies, tokenizers and string transforms."""

from . import transforms, utils
from .transforms import *  # noqa: F403
from .transforms import __all__ as _transform_names
from .utils import *  # noqa: F403
from .utils import __all__ as _util_names

__all__ = [*_transform_names, *_util_names, "transforms", "utils"]
