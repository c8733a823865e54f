"""`from mindspore.ops import functional as F`: the functional ops under MindSpore's old module name."""

from .function import *  # noqa: F401,F403
from .function import __all__  # noqa: F401
