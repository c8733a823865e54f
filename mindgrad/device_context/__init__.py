"""`mindspore.device_context`: per-backend device settings. mindgrad's devices are JAX's; the Ascend settings are
accepted and kept (documented no-ops), and `device_count` counts JAX's TPU devices as MindSpore's accelerators."""

from . import ascend

__all__ = ["ascend"]
