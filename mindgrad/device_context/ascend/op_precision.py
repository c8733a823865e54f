"""`mindspore.device_context.ascend.op_precision`: Ascend operator precision settings, kept in `settings` (XLA
computes in the dtypes of the program; `ms.set_context` has no Ascend modes)."""

from __future__ import annotations

__all__ = ["precision_mode", "op_precision_mode", "matmul_allow_hf32", "conv_allow_hf32"]

settings: dict = {}


def precision_mode(mode: str) -> None:
    settings["precision_mode"] = mode


def op_precision_mode(path: str) -> None:
    settings["op_precision_mode"] = path


def matmul_allow_hf32(value: bool) -> None:
    settings["matmul_allow_hf32"] = value


def conv_allow_hf32(value: bool) -> None:
    settings["conv_allow_hf32"] = value
