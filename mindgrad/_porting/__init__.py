"""Running MindSpore scripts on mindgrad: the `mindspore` import alias, `run` and `check`."""

from .importer import install_as_mindspore

__all__ = ["install_as_mindspore"]
