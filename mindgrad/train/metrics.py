"""`mindspore.train.metrics`: the same metric classes and name lookup as `mindgrad.nn.metrics`."""

from ..nn.metrics import *  # noqa: F401,F403
from ..nn.metrics import __all__, get_metrics  # noqa: F401
