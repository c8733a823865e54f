"""`mindspore.device_context.ascend`: `device_count`, `is_available`, and the `op_precision` settings (kept, no-ops)."""

from __future__ import annotations

import jax

from . import op_precision

__all__ = ["device_count", "is_available", "op_precision"]


def device_count() -> int:
    """JAX's TPU devices (0 where there are none)."""
    try:
        return len(jax.devices("tpu"))
    except RuntimeError:
        return 0


def is_available() -> bool:
    return device_count() > 0
