"""Automatic mixed precision (MindSpore's `mindspore.train.amp`): `auto_mixed_precision`,
`custom_mixed_precision`, `build_train_network`, `get_white_list`, `get_black_list`.

The levels, as MindSpore 2.10 applies them to a Cell:

- "O0": the network unchanged.
- "O1": each Cell of the white list (Dense, the convolutions, the RNN cells) runs in the low-precision
  type with its outputs cast back to Float32, and so does each white-listed Primitive held as a Cell
  attribute (`self.matmul = ops.MatMul()`) and the Cells whose MindSpore implementation calls one
  (`nn.ReLU`, `nn.PReLU`): their results are the low-precision results in Float32. Cells set with
  `to_float` are left alone. (MindSpore rewrites the network's source to insert these casts.)
- "O2": `to_float(dtype)` on the whole network, then each black-listed Cell (BatchNorm, LayerNorm) set
  to Float32 and wrapped to cast its output to `dtype`; the network's outputs are cast to Float32.
- "O3": `to_float(dtype)` on the whole network; the outputs are cast to Float32.
- "auto": MindSpore's per-operator rules (its auto white, black and promote lists) where the operators are
  reached from the Cell tree (see `_auto.py`), and those of the functional ops the network calls (see
  `_autocast.py`); a function network runs with the latter. The outputs are not cast.

`build_train_network` (and `Model(amp_level=...)`) follow MindSpore's own route: "O2" and "O3" call
`to_float(float16)` (with "O2", `keep_batchnorm_fp32` keeps the black-listed Cells in Float32), "O1"
is `auto_mixed_precision(network, "O1")`; the loss is computed on Float32 outputs and labels; "O2"
defaults to a `DynamicLossScaleManager`.
"""

from __future__ import annotations

import inspect

from .. import _state, nn
from ..common import dtype as mstype
from ..ops import operations as P
from ..ops.primitive import Primitive
from ..train.loss_scale_manager import DynamicLossScaleManager, LossScaleManager
from ._auto import auto_level
from ._autocast import auto_function
from ._cast import CastPrimitive, cast_floats, precision_set_by_user, set_precision, to_float

__all__ = ["auto_mixed_precision", "custom_mixed_precision", "build_train_network", "get_white_list",
           "get_black_list"]

# MindSpore 2.10's lists (mindspore/train/amp.py), by name; names mindgrad does not define yet are left out.
_WHITE_CELLS = ("Conv1d", "Conv2d", "Conv3d", "Conv1dTranspose", "Conv2dTranspose", "Conv3dTranspose", "Dense",
                "LSTMCell", "RNNCell", "GRUCell")
_WHITE_PRIMITIVES = ("Conv2D", "Conv3D", "Conv2DTranspose", "Conv3DTranspose", "Conv2DBackpropInput", "MatMul",
                     "BatchMatMul", "PReLU", "ReLU", "Ger")
_BLACK_CELLS = ("BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "LayerNorm")
# Cells whose MindSpore implementation calls a white-listed Primitive attribute (nn.ReLU: ops.ReLU,
# nn.PReLU: ops.PReLU): under O1 they run in low precision.
_PRIMITIVE_CELLS = ("ReLU", "PReLU")
_LEVELS = ["O0", "O1", "O2", "O3", "auto"]


def _classes(module, names) -> list:
    return [getattr(module, n) for n in names if hasattr(module, n)]


# The lists O1 and O2 use (MindSpore's module-level `AMP_WHITE_LIST` / `AMP_BLACK_LIST`, which scripts extend).
AMP_WHITE_LIST = _classes(nn, _WHITE_CELLS) + _classes(P, _WHITE_PRIMITIVES)
AMP_BLACK_LIST = _classes(nn, _BLACK_CELLS)


def get_white_list() -> list:
    """A copy of the O1 white list: Cell classes, then Primitive classes."""
    return AMP_WHITE_LIST.copy()


def get_black_list() -> list:
    """A copy of the O2 black list (BatchNorm and LayerNorm Cells)."""
    return AMP_BLACK_LIST.copy()


class _OutputTo16(nn.Cell):
    """Runs `backbone` and casts its output to `dtype` (around a Float32 Cell inside a low-precision network)."""

    def __init__(self, backbone: nn.Cell, dtype=mstype.float16) -> None:
        super().__init__(auto_prefix=False)
        self._backbone = backbone
        self.dtype = dtype
        _copy_amp_attrs(self, backbone)

    def construct(self, *args, **kwargs):
        return self._backbone(*args, **kwargs).astype(self.dtype)


class _OutputTo32(nn.Cell):
    """Runs `backbone` and casts its float outputs to Float32."""

    def __init__(self, backbone: nn.Cell) -> None:
        super().__init__(auto_prefix=False)
        self._backbone = backbone
        _copy_amp_attrs(self, backbone)

    def construct(self, *args, **kwargs):
        return cast_floats(self._backbone(*args, **kwargs), mstype.float32)


class WithLossCell(nn.Cell):
    """`loss_fn` on the backbone's output and the label, both cast to Float32 (MindSpore's class of this name
    inside `build_train_network`)."""

    def __init__(self, backbone: nn.Cell, loss_fn: nn.Cell) -> None:
        super().__init__(auto_prefix=False)
        self._backbone = backbone
        self._loss_fn = loss_fn
        _copy_amp_attrs(self, backbone)

    def construct(self, data, label):
        out = self._backbone(data)
        return self._loss_fn(cast_floats(out, mstype.float32), cast_floats(label, mstype.float32))


def _copy_amp_attrs(cell: nn.Cell, backbone: nn.Cell) -> None:
    level = backbone.__dict__.get("_amp_level")
    if level is not None:
        cell.__dict__["_amp_level"] = level


def _check_dtype(dtype) -> None:
    if dtype not in (mstype.float16, mstype.bfloat16):
        raise ValueError(f"The dtype should be one of (mstype.float16, mstype.bfloat16), but got {dtype}.")


def _white_list_cast(cell: nn.Cell, dtype, cells: tuple, prims: tuple) -> None:
    """O1 below `cell`: white-listed Primitive attributes and sub-Cells run in `dtype`."""
    for key, value in list(cell.__dict__.items()):
        if prims and isinstance(value, prims):
            cell.__dict__[key] = CastPrimitive(value, dtype)
            _state.bump()
    for sub in cell.name_cells().values():
        if precision_set_by_user(sub):
            continue
        if cells and isinstance(sub, cells):
            for _, inner in sub.cells_and_names():
                if inner is sub or not precision_set_by_user(inner):
                    set_precision(inner, dtype)
            set_precision(sub, dtype, out32=True)
        else:
            _white_list_cast(sub, dtype, cells, prims)


def _black_list_cast(network: nn.Cell, black_list: list, dtype) -> nn.Cell:
    """O2: the network in `dtype`, black-listed Cells in Float32 with their outputs cast to `dtype`."""
    to_float(network, dtype)
    for name, sub in network.name_cells().items():
        if sub is network:
            continue
        if black_list and isinstance(sub, tuple(black_list)):
            network.insert_child_to_cell(name, _OutputTo16(to_float(sub, mstype.float32), dtype))
        else:
            _black_list_cast(sub, black_list, dtype)
    return network


def _apply_white_list(network: nn.Cell, white_list: list, dtype) -> nn.Cell:
    cells = tuple(c for c in white_list if issubclass(c, nn.Cell))
    cells += tuple(c for c in _classes(nn, _PRIMITIVE_CELLS) if any(p.__name__ == c.__name__ for p in white_list))
    prims = tuple(c for c in white_list if not issubclass(c, nn.Cell))
    if isinstance(network, cells) and type(network).__name__ in _PRIMITIVE_CELLS:
        set_precision(network, dtype, out32=True)   # the network is one Primitive call
    _white_list_cast(network, dtype, cells, prims)
    return network


def auto_mixed_precision(network, amp_level: str = "O0", dtype=mstype.float16):
    """`network` processed for mixed precision at `amp_level` ("O0", "O1", "O2", "O3", "auto") in `dtype`
    (Float16 or BFloat16); see the module docstring for what each level does."""
    if not isinstance(network, nn.Cell):
        if amp_level == "auto":
            if not inspect.isfunction(network) and not inspect.ismethod(network):
                raise TypeError("For amp_level 'auto', the network type should be Cell or function.")
        else:
            raise TypeError(f"For amp_level '{amp_level}', the network type should be Cell.")
    _check_dtype(dtype)
    if amp_level == "O0":
        return network
    if amp_level == "O1":
        network = _apply_white_list(network, AMP_WHITE_LIST, dtype)
    elif amp_level == "O2":
        network = _OutputTo32(_black_list_cast(network, AMP_BLACK_LIST, dtype))
    elif amp_level == "O3":
        network = _OutputTo32(to_float(network, dtype))
    elif amp_level == "auto":
        network = auto_level(network, dtype) if isinstance(network, nn.Cell) else auto_function(network, dtype)
    else:
        raise ValueError(f"The amp level {amp_level} is not supported")
    network.__dict__["_amp_level"] = amp_level
    return network


def _list_check(custom_list, list_name: str) -> None:
    if not isinstance(custom_list, list):
        raise TypeError(f"The type of {list_name} should be list, but got {type(custom_list)}")
    for elem in custom_list:
        if not isinstance(elem, type):
            raise TypeError(f"The element in {list_name} should be a class, but got {elem}")
        if list_name == "white_list" and not issubclass(elem, (nn.Cell, Primitive)):
            raise TypeError(f"The subclass of element in {list_name} should be one of 'Cell' and 'Primitive', "
                            f"but got {elem}")
        if list_name == "black_list" and not issubclass(elem, nn.Cell):
            raise TypeError(f"The subclass of element in {list_name} should be one of 'Cell', but got {elem}")


def custom_mixed_precision(network, *, white_list: list | None = None, black_list: list | None = None,
                           dtype=mstype.float16):
    """Mixed precision from one custom list: with `white_list`, the O1 rule on its Cells and Primitives;
    with `black_list`, the O2 rule keeping its Cells in Float32."""
    if not isinstance(network, nn.Cell):
        raise TypeError("The network type should be Cell.")
    if white_list is None and black_list is None:
        raise ValueError("For custom_mixed_precision, one of white_list and black_list must be provided.")
    if white_list is not None and black_list is not None:
        raise ValueError("For custom_mixed_precision, the white_list or black_list cannot be provided at the same "
                         "time, please provide one or the other.")
    _check_dtype(dtype)
    if white_list is not None:
        _list_check(white_list, "white_list")
        return _apply_white_list(network, white_list, dtype)
    _list_check(black_list, "black_list")
    return _OutputTo32(_black_list_cast(network, black_list, dtype))


# ---- build_train_network --------------------------------------------------------------------------

def _level_config(level: str) -> dict:
    fp16 = level in ("O2", "O3")
    return {"keep_batchnorm_fp32": level == "O2", "cast_model_type": mstype.float16 if fp16 else mstype.float32,
            "loss_scale_manager": DynamicLossScaleManager() if level == "O2" else None}


def _check_kwargs(kwargs: dict) -> None:
    for arg in kwargs:
        if arg not in ("cast_model_type", "keep_batchnorm_fp32", "loss_scale_manager"):
            raise ValueError(f"Unsupported arg '{arg}'")
    if "cast_model_type" in kwargs and kwargs["cast_model_type"] not in (mstype.float16, mstype.float32):
        raise TypeError(f"The 'cast_model_type' should be one of [mindspore.float16, mindspore.float32], but got "
                        f"'{kwargs['cast_model_type']!r}'.")
    if "keep_batchnorm_fp32" in kwargs and not isinstance(kwargs["keep_batchnorm_fp32"], bool):
        raise TypeError(f"The type of 'keep_batchnorm_fp32' should be 'bool', but got type "
                        f"'{type(kwargs['keep_batchnorm_fp32']).__name__}'.")
    manager = kwargs.get("loss_scale_manager")
    if manager and not isinstance(manager, LossScaleManager):
        raise TypeError(f"The type of 'loss_scale_manager' should be one of '['LossScaleManager', "
                        f"'GroupLossScaleManager']', but got type '{type(manager).__name__}'.")


def check_level(level, boost_level) -> None:
    """MindSpore's checks of `level` and `boost_level`."""
    if not isinstance(level, str):
        raise TypeError(f"The argument `level` must be a string in {_LEVELS},but got type {type(level)}.")
    if level not in _LEVELS:
        raise ValueError(f"The 'level' should be in : {_LEVELS}, but got {level}.")
    if boost_level not in ("O0", "O1", "O2"):
        raise ValueError(f"The 'boost_level' should be in : ['O0', 'O1', 'O2'], but got {boost_level}.")


def _keep_batchnorm_fp32(network: nn.Cell) -> None:
    black = tuple(AMP_BLACK_LIST)
    for name, sub in network.name_cells().items():
        if sub is network:
            continue
        if isinstance(sub, black):
            network.insert_child_to_cell(name, _OutputTo16(to_float(sub, mstype.float32)))
        else:
            _keep_batchnorm_fp32(sub)


def _process_network(network: nn.Cell, config: dict, level: str) -> nn.Cell:
    if config["cast_model_type"] == mstype.float16:
        to_float(network, mstype.float16)
        if config["keep_batchnorm_fp32"]:
            _keep_batchnorm_fp32(network)
    elif not config["keep_batchnorm_fp32"] and level == "O2":
        to_float(network, mstype.float16)
    elif config["cast_model_type"] == mstype.float32 and level in ("O2", "O3"):
        pass
    else:
        network = auto_mixed_precision(network, level)
    return network


def build_train_network(network, optimizer, loss_fn=None, level: str = "O0", boost_level: str = "O0", **kwargs):
    """The mixed-precision training Cell of `network` (MindSpore's `amp.build_train_network`):
    `TrainOneStepWithLossScaleCell` when the loss-scale manager has an update Cell, else
    `TrainOneStepCell` with `sens` the manager's loss scale. `boost_level` is checked and has no effect."""
    if not isinstance(optimizer, nn.Optimizer):
        raise TypeError(f"The type of 'optimizer' should be one of '['Optimizer', 'FreezeOpt', "
                        f"'AdaSumByGradWrapCell', 'AdaSumByDeltaWeightWrapCell']', but got type "
                        f"'{type(optimizer).__name__}'.")
    check_level(level, boost_level)
    _check_kwargs(kwargs)
    config = dict(_level_config(level), **kwargs)
    network = _process_network(network, config, level)
    if loss_fn:
        if not isinstance(loss_fn, nn.Cell):
            raise TypeError(f"The type of 'loss_fn' should be 'Cell', but got type '{type(loss_fn).__name__}'.")
        if config["cast_model_type"] in (mstype.float16, mstype.bfloat16) or \
                network.__dict__.get("_amp_level") in ("O2", "O3", "auto"):
            network = WithLossCell(network, loss_fn)
        else:
            network = nn.WithLossCell(network, loss_fn)
    loss_scale = None
    manager = config["loss_scale_manager"]
    if manager is not None:
        loss_scale = manager.get_loss_scale()
        update_cell = manager.get_update_cell()
        if update_cell is not None:
            return nn.TrainOneStepWithLossScaleCell(network, optimizer, scale_sense=update_cell).set_train()
    return nn.TrainOneStepCell(network, optimizer, loss_scale).set_train()
