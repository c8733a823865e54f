"""`mindspore.communication`: rank and group size for one process (see `management`)."""

from . import management
from .management import *  # noqa: F401,F403
from .management import __all__
