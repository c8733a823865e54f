"""`mindspore.dataset.core`: the constants and type helpers scripts import from MindSpore's dataset core."""

from . import datatypes, validator_helpers

__all__ = ["datatypes", "validator_helpers"]
