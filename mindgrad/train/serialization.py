"""`mindspore.train.serialization`: `save_checkpoint`, `load_checkpoint`, `load_param_into_net`.

Files are MindSpore's own formats, so checkpoints move both ways between MindSpore and mindgrad:
`.ckpt` (MindSpore's protobuf `Checkpoint` message, see `_ckpt_codec`) and, with
`format="safetensors"`, safetensors files with MindSpore's metadata (`{"format": "ms"}`, names
sorted). As in MindSpore, a save writes a temporary file and renames it over the target, which is
then left read-only for its owner; `append_dict` values are saved as Tensors (int -> Int64,
float -> Float32) or strings; `load_checkpoint` returns `{name: Parameter or str}`;
`load_param_into_net` returns `(param_not_load, ckpt_not_load)` and, unless `strict_load`, casts
between float dtypes or between int dtypes and retries names without a common prefix.

Deliberate differences: loading never executes anything from a file (no pickle); a truncated or
corrupt file, an unknown dtype or a shape mismatch raises an error naming the file and the
parameter; and `load_param_into_net` checks every parameter before it changes any, so on an error
the network keeps all its previous values (MindSpore stops half-way). Encryption (`enc_key`,
`dec_key`), map parameters and `remove_redundancy` (a parallel feature) are not implemented.
"""

from __future__ import annotations

import logging
import math
import os
import stat
import tempfile
import weakref
from collections import OrderedDict
from io import BytesIO
from typing import Callable

import numpy as np

from ..common import dtype as mstype
from ..common.parameter import Parameter
from ..common.tensor import Tensor
from ..nn.cell import Cell
from . import _ckpt_codec as codec
from ._ckpt_codec import CheckpointError

__all__ = ["save_checkpoint", "load_checkpoint", "load_param_into_net", "CheckpointError"]

logger = logging.getLogger("mindgrad")

_SLICE_BYTES = 512 * 1024 * 1024          # MindSpore cuts tensors over 512 MiB into slices
_NP_BY_NAME = {str(t): t.np_dtype for t in mstype.all_types + mstype.complex_type}
_FLOATS = {"Float16", "Float32", "Float64", "BFloat16"}
_INTS = {"Int8", "Int16", "Int32", "Int64"}

# The file each loaded Parameter came from (by id, dropped with the Parameter), for error messages.
_SOURCES: dict[int, str] = {}


def _note_source(param: Parameter, file: str) -> None:
    _SOURCES[id(param)] = file
    weakref.finalize(param, _SOURCES.pop, id(param), None)


def _from_file(param) -> str:
    file = _SOURCES.get(id(param))
    return f" The value was read from the checkpoint file {file}." if file else ""


# ---------------------------------------------------------------------------------------------
# Saving
# ---------------------------------------------------------------------------------------------

def _checked_save_name(save_obj, ckpt_file_name, format: str) -> str:
    if format not in ("safetensors", "ckpt"):
        raise ValueError(f"For 'save_checkpoint', the format must be 'safetensors' or 'ckpt', but got {format}.")
    if not isinstance(save_obj, (Cell, list, dict)):
        raise TypeError(f"For 'save_checkpoint', the parameter 'save_obj' must be nn.Cell, list or dict, "
                        f"but got {type(save_obj)}.")
    if not isinstance(ckpt_file_name, str):
        raise TypeError(f"For 'save_checkpoint', the parameter {ckpt_file_name} for checkpoint file name is "
                        f"invalid,'ckpt_file_name' must be string, but got {type(ckpt_file_name)}.")
    name = os.path.realpath(ckpt_file_name)
    if os.path.isdir(name):
        raise IsADirectoryError(f"For 'save_checkpoint', the parameter `ckpt_file_name`: {name} is a directory, "
                                f"it must be a file name.")
    return name if name.endswith(format) else f"{name}.{format}"


def _array(value) -> np.ndarray:
    return np.asarray(value.asnumpy() if isinstance(value, Tensor) else value, order="C")


def _entries(save_obj, choice_func: Callable | None) -> OrderedDict:
    """`{name: ndarray or str}` of what MindSpore saves for a Cell, a list or a dict."""
    chosen = (lambda name: True) if choice_func is None else choice_func
    out: OrderedDict = OrderedDict()
    if isinstance(save_obj, Cell):
        for _, param in save_obj.parameters_and_names():
            if chosen(param.name):
                out[param.name] = param
    elif isinstance(save_obj, list):
        for item in save_obj:
            if isinstance(item, dict) and "name" in item and "data" in item:
                if not isinstance(item["name"], str):
                    raise TypeError(f"For save_checkpoint, when save_obj is a list of dict items, the name in dict "
                                    f"should be string, but got {type(item['name'])}.")
                if not isinstance(item["data"], Tensor):
                    raise TypeError(f"For save_checkpoint, when save_obj is a list of dict items, the data in dict "
                                    f"should be parameter, but got {type(item['data'])}.")
                name, data = item["name"], item["data"]
            elif isinstance(item, Parameter):
                name, data = item.name, item
            elif isinstance(item, dict):
                raise TypeError(f"For save_checkpoint, save_obj should be a list of dict items, and the dict should "
                                f"have key values 'name' and 'value', but got {type(item)} and {item}.")
            else:
                raise TypeError(f"For save_checkpoint, when save_obj is made up by list of Parameter,the param "
                                f"should be parameter, but got {type(item)}")
            if chosen(name):
                out[name] = data
    else:
        for key, value in save_obj.items():
            if not isinstance(key, str) or not isinstance(value, (Tensor, str, np.ndarray)):
                raise TypeError(f"For save_checkpoint, when save_obj is made up by dict, the key should be str "
                                f"andvalue should be Parameter, but got the type of key is {type(key)} andthe type "
                                f"of value is {type(value)}")
            if chosen(key):
                out[key] = value
    return OrderedDict((k, v if isinstance(v, str) else _array(v)) for k, v in out.items())


def _append_entries(entries: OrderedDict, append_dict: dict | None) -> None:
    if append_dict is None:
        return
    if not isinstance(append_dict, dict):
        raise TypeError(f"For 'save_checkpoint', the argument 'append_dict' must be dict, but got "
                        f"{type(append_dict)}.")
    for key, value in append_dict.items():
        if not isinstance(key, str) or not isinstance(value, (int, float, bool, str, Tensor)):
            raise TypeError(f"For 'save_checkpoint', the type of dict 'append_info' must be key: string, value: int, "
                            f"float, bool or Generator, but got key: {type(key)}, value: {type(value)}")
        entries[key] = value if isinstance(value, str) else _array(Tensor(value))


def _ckpt_bytes(entries: OrderedDict, crc_check: bool) -> bytes:
    parts = []
    for name, value in entries.items():
        if isinstance(value, str):
            parts.append(codec.encode_value(name, [0], "str", np.array(value).tobytes()))
            continue
        type_name = str(mstype.from_numpy(value.dtype))
        slices = math.ceil(value.nbytes / _SLICE_BYTES) if value.nbytes > _SLICE_BYTES else 1
        for piece in (np.array_split(value, slices) if slices > 1 else [value]):
            parts.append(codec.encode_value(name, value.shape, type_name, np.asarray(piece, order="C").tobytes()))
    content = b"".join(parts)
    return content + codec.crc_trailer(content) if crc_check else content


def _safetensors_bytes(entries: OrderedDict) -> bytes:
    from safetensors.numpy import save

    arrays = {}
    for name in sorted(entries):
        value = entries[name]
        if isinstance(value, str):
            raise ValueError(f"For 'save_checkpoint', the safetensors format holds only tensors, but '{name}' is the "
                             f"string {value!r}.")
        arrays[name] = value
    return save(arrays, metadata={"format": "ms"} if arrays else None)


def _atomic_write(path: str, data: bytes) -> None:
    """Write a temporary file beside `path`, then rename it over `path`, leaving it read-only (MindSpore's mode)."""
    directory = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(path) + ".", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, stat.S_IRUSR)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def save_checkpoint(save_obj, ckpt_file_name: str, integrated_save: bool = True, async_save=False,
                    append_dict: dict | None = None, enc_key: bytes | None = None, enc_mode: str = "AES-GCM",
                    choice_func: Callable[[str], bool] | None = None, crc_check: bool = False,
                    format: str = "ckpt", **kwargs) -> None:
    """Save a Cell's Parameters, a list of Parameters / `{"name", "data"}` dicts, or a dict, as MindSpore does.

    `ckpt_file_name` gets the format's extension if it lacks it. `async_save` is accepted and the
    save is done before returning. `crc_check` appends MindSpore's CRC32 trailer (`.ckpt` only).
    """
    path = _checked_save_name(save_obj, ckpt_file_name, format)
    for name, value in (("integrated_save", integrated_save), ("crc_check", crc_check)):
        if not isinstance(value, bool):
            raise TypeError(f"For 'save_checkpoint', the type of '{name}' must be bool, but got {type(value)}.")
    if not isinstance(async_save, (bool, str)) or (isinstance(async_save, str)
                                                   and async_save not in ("process", "thread")):
        raise TypeError(f"For 'save_checkpoint', the parameter 'async_save' must be bool, 'process' or 'thread', "
                        f"but got {async_save!r}.")
    if enc_key is not None:
        raise NotImplementedError("mindgrad does not implement mindspore.save_checkpoint(enc_key=...) "
                                  "(encrypted checkpoints) yet")
    if format == "safetensors" and (crc_check or enc_mode != "AES-GCM"):
        raise ValueError("For 'save_checkpoint', when format is 'safetensors', other param must be default.")
    entries = _entries(save_obj, choice_func)
    _append_entries(entries, append_dict)
    data = _ckpt_bytes(entries, crc_check) if format == "ckpt" else _safetensors_bytes(entries)
    _atomic_write(path, data)


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------

def _check_prefix(prefix):
    if prefix is None:
        return None
    if not isinstance(prefix, (str, list, tuple)):
        raise TypeError(f"For 'load_checkpoint', the type of 'specify_prefix' or 'filter_prefix' must be string, "
                        f"list[string] or tuple[string], but got {type(prefix)}.")
    prefix = (prefix,) if isinstance(prefix, str) else tuple(prefix)
    if not prefix:
        raise ValueError("For 'load_checkpoint', the argument 'specify_prefix' or 'filter_prefix' can't be empty when"
                         " 'specify_prefix' or 'filter_prefix' is list or tuple.")
    for index, pre in enumerate(prefix):
        if not isinstance(pre, str):
            raise TypeError(f"For 'load_checkpoint', when 'specify_prefix' or 'filter_prefix' is list or tuple, the "
                            f"element in it must be string, but got {type(pre)} at index {index}.")
        if pre == "":
            raise ValueError("For 'load_checkpoint', the value of 'specify_prefix' or 'filter_prefix' can't include "
                             "''.")
    return prefix


def _checked_load_name(file, format: str):
    if format not in ("ckpt", "safetensors"):
        raise ValueError("For 'load_checkpoint', the checkpoint file should end with '.ckpt' or '.safetensors', "
                         "please input the correct 'format'.")
    if isinstance(file, BytesIO):
        if format == "ckpt":
            raise TypeError("ckpt don't support BytesIO as input type, please change to safetensors.")
        return file
    if not isinstance(file, str):
        raise TypeError(f"For 'load_checkpoint', the argument 'ckpt_file_name' must be string, but got {type(file)}.")
    if not file.endswith(format):
        raise ValueError(f"For 'load_checkpoint', the checkpoint file format must same with 'format', but got "
                         f"file_name:'{file}', format:'{format}'")
    path = os.path.realpath(file)
    if not os.path.exists(path):
        raise ValueError(f"For 'load_checkpoint', the checkpoint file: {path} does not exist, please check whether the "
                         f"'ckpt_file_name' is correct.")
    return path


def _what_it_is(head: bytes) -> str:
    """A guess at what a file that is not a checkpoint of the expected format is."""
    if head.startswith(b"PK\x03\x04"):
        return "a zip archive (a PyTorch checkpoint or a NumPy .npz?)"
    if head[:1] == b"\x80":
        return "a Python pickle (mindgrad never unpickles: it could run code)"
    if head.startswith(b"\x93NUMPY"):
        return "a NumPy .npy file"
    if head.startswith(b"\x89HDF"):
        return "an HDF5 file"
    if len(head) >= 9 and head[8:9] == b"{":
        return "a safetensors file (load it with format='safetensors')"
    if head[:1] == b"\x0a":
        return "a MindSpore .ckpt file (load it with format='ckpt')"
    return f"not a checkpoint (it starts with bytes {head[:8].hex(' ')})"


def _decode_ckpt(path: str, crc_check: bool) -> list[codec.Record]:
    with open(path, "rb") as f:
        data = f.read()
    if not data:
        raise CheckpointError(f"Failed to read the checkpoint file {path}: the file is empty.")
    if data[:1] != b"\x0a":
        raise CheckpointError(f"Failed to read the checkpoint file {path}: it is {_what_it_is(data[:16])}; a "
                              f"MindSpore .ckpt file starts with byte 0a.")
    content, has_crc = codec.strip_crc(data, path, crc_check)
    if crc_check and not has_crc:
        logger.warning("For 'load_checkpoint', the ckpt file do not contain the crc code, please check the file.")
    return codec.decode(content, path)


def _record_value(record: codec.Record, content: bytes | memoryview, path: str):
    """A Parameter (or str) from one checkpoint entry; errors name the file and the parameter."""
    where = f"Failed to read the checkpoint file {path}: parameter '{record.tag}'"
    if record.is_map:
        raise CheckpointError(f"{where} is a MapParameter, which mindgrad does not implement yet.")
    if record.tensor_type == "str":
        if len(content) % 4:
            raise CheckpointError(f"{where} holds a string of {len(content)} bytes, not a whole number of "
                                  f"characters. The file is truncated or corrupt.")
        return str(np.frombuffer(content, f"<U{len(content) // 4}")[0]) if len(content) else ""
    np_dtype = _NP_BY_NAME.get(record.tensor_type)
    if np_dtype is None:
        raise CheckpointError(f"{where} has the unknown data type '{record.tensor_type}'.")
    dims = [] if record.dims == [0] else record.dims
    if any(d < 0 for d in dims):
        raise CheckpointError(f"{where} has the negative shape {tuple(dims)}. The file is corrupt.")
    need = math.prod(dims) * np_dtype.itemsize
    if len(content) != need:
        raise CheckpointError(f"{where} has {len(content)} bytes of data, but its shape {tuple(dims)} and dtype "
                              f"{record.tensor_type} need {need}. The file is truncated or corrupt.")
    param = Parameter(Tensor(np.frombuffer(content, np_dtype).reshape(dims)), name=record.tag)
    _note_source(param, path)
    return param


def _load_ckpt(path: str, keep: Callable[[str], bool], crc_check: bool) -> dict:
    records = _decode_ckpt(path, crc_check)
    out: dict = {}
    i = 0
    while i < len(records):
        j = i + 1
        while j < len(records) and records[j].tag == records[i].tag:      # slices of one large tensor
            j += 1
        if keep(records[i].tag):
            group = records[i:j]
            content = group[0].content if len(group) == 1 else b"".join(r.content for r in group)
            out[records[i].tag] = _record_value(records[i], content, path)
        i = j
    return out


def _check_safetensors_head(file, name: str) -> None:
    if isinstance(file, BytesIO):
        head, size = file.getbuffer()[:16].tobytes(), file.getbuffer().nbytes
    else:
        size = os.path.getsize(file)
        with open(file, "rb") as f:
            head = f.read(16)
    header = int.from_bytes(head[:8], "little") if len(head) >= 8 else -1
    if size == 0:
        raise CheckpointError(f"Failed to read the checkpoint file {name}: the file is empty.")
    if header < 0 or header > size - 8 or head[8:9] != b"{":
        raise CheckpointError(f"Failed to read the checkpoint file {name}: it is {_what_it_is(head)}, not a "
                              f"complete safetensors file.")


def _load_safetensors(file, keep: Callable[[str], bool]) -> dict:
    from safetensors import SafetensorError, safe_open
    from safetensors.numpy import load

    name = "<BytesIO>" if isinstance(file, BytesIO) else file
    _check_safetensors_head(file, name)
    try:
        if isinstance(file, BytesIO):
            arrays = load(file.getvalue())
        else:
            with safe_open(file, framework="np") as f:
                arrays = {k: f.get_tensor(k) for k in f.keys()}
    except (SafetensorError, OSError, ValueError) as exc:
        raise CheckpointError(f"Failed to read the checkpoint file {name}: {exc}. The file is truncated or "
                              f"corrupt.") from None
    out = {}
    for key in sorted(arrays):
        if keep(key):
            param = Parameter(Tensor(arrays[key]), name=key)
            _note_source(param, name)
            out[key] = param
    return out


def load_checkpoint(ckpt_file_name, net: Cell | None = None, strict_load: bool = False, filter_prefix=None,
                    dec_key: bytes | None = None, dec_mode: str = "AES-GCM", specify_prefix=None,
                    choice_func: Callable[[str], bool] | None = None, crc_check: bool = False,
                    remove_redundancy: bool = False, format: str = "ckpt") -> dict:
    """`{name: Parameter or str}` read from a `.ckpt` (or `format="safetensors"`) file; loaded into `net` if given.

    `specify_prefix` / `filter_prefix` keep / drop names starting with a prefix and then override
    `choice_func`, as in MindSpore; an empty result is a ValueError.
    """
    specify_prefix = _check_prefix(specify_prefix)
    filter_prefix = _check_prefix(filter_prefix)
    for arg, value in (("crc_check", crc_check), ("remove_redundancy", remove_redundancy)):
        if not isinstance(value, bool):
            raise TypeError(f"For 'load_checkpoint', the type of '{arg}' must be bool, but got {type(value)}.")
    if dec_key is not None:
        raise NotImplementedError("mindgrad does not implement mindspore.load_checkpoint(dec_key=...) "
                                  "(encrypted checkpoints) yet")
    file = _checked_load_name(ckpt_file_name, format)

    def keep(name: str) -> bool:
        if specify_prefix or filter_prefix:
            wanted = not specify_prefix or any(name.startswith(p) for p in specify_prefix)
            return wanted and not (filter_prefix and any(name.startswith(p) for p in filter_prefix))
        return choice_func is None or bool(choice_func(name))

    parameter_dict = _load_safetensors(file, keep) if format == "safetensors" else _load_ckpt(file, keep, crc_check)
    if not parameter_dict:
        raise ValueError("The loaded parameter dict is empty after filter or specify, please check whether "
                         "'filter_prefix' or 'specify_prefix' are set correctly.")
    if net is not None:
        load_param_into_net(net, parameter_dict, strict_load, remove_redundancy)
    return parameter_dict


def _new_value(param: Parameter, new: Parameter, strict_load: bool):
    """The array `param` takes from `new`: MindSpore's shape and dtype rules, or its RuntimeError."""
    arr = new._arr
    if tuple(param.shape) != tuple(new.shape):
        extra = tuple(new.shape)[len(param.shape):]
        if len(new.shape) > len(param.shape) and all(d == 1 for d in extra):    # (12, 2048, 1, 1) -> (12, 2048)
            arr = arr.reshape(param.shape)
        else:
            raise RuntimeError(
                f"For 'load_param_into_net', {param.name} in the argument 'net' should have the same shape as "
                f"{param.name} in the argument 'parameter_dict'. But got its shape {tuple(param.shape)} in the "
                f"argument 'net' and shape {tuple(new.shape)} in the argument 'parameter_dict'.May you need to check "
                f"whether the checkpoint you loaded is correct or the batch size and so on in the 'net' and "
                f"'parameter_dict' are same.{_from_file(new)} The network was not changed.")
    if param.dtype != new.dtype:
        pair = {str(param.dtype), str(new.dtype)}
        if strict_load or not (pair <= _FLOATS or pair <= _INTS):
            raise RuntimeError(
                f"For 'load_param_into_net', {param.name} in the argument 'net' should have the same type as "
                f"{param.name} in the argument 'parameter_dict'. but got its type {param.dtype} in the argument 'net' "
                f"and type {new.dtype} in the argument 'parameter_dict'.May you need to check whether the checkpoint "
                f"you loaded is correct.{_from_file(new)} The network was not changed.")
        logger.warning(f"The type of {new.name}:{new.dtype} in 'parameter_dict' is different from the type of it in "
                       f"'net':{param.dtype}, then the type convert from {new.dtype} to {param.dtype} in the network.")
        arr = arr.astype(mstype.to_numpy(param.dtype))
    return arr


def _load_mismatched_prefix(net: Cell, parameter_dict: dict, param_not_load: list, strict_load: bool,
                            updates: list) -> None:
    """MindSpore's retry for names not found: find a prefix that checkpoint names have and the network's lack."""
    prefix_name, longest_name = "", param_not_load[0]
    while prefix_name != longest_name and param_not_load:
        prefix_name = longest_name
        for net_param_name in param_not_load:
            for dict_name, value in parameter_dict.items():
                if dict_name.endswith(net_param_name) and dict_name != net_param_name and isinstance(value, Parameter):
                    prefix_name = dict_name[:-len(net_param_name)]
                    break
            if prefix_name != longest_name:
                break
        if prefix_name != longest_name:
            logger.warning(f"For 'load_param_into_net', remove parameter prefix name: {prefix_name}, continue to "
                           f"load.")
            for _, param in net.parameters_and_names():
                new_name = prefix_name + param.name
                if param.name in param_not_load and isinstance(parameter_dict.get(new_name), Parameter):
                    updates.append((param, _new_value(param, parameter_dict[new_name], strict_load)))
                    param_not_load.remove(param.name)


def load_param_into_net(net: Cell, parameter_dict: dict, strict_load: bool = False,
                        remove_redundancy: bool = False) -> tuple[list[str], list[str]]:
    """Load `{name: Parameter}` into `net`'s Parameters of the same names: `(param_not_load, ckpt_not_load)`.

    `param_not_load` lists the network's Parameters that got no value, `ckpt_not_load` the
    dictionary's names that went into no Parameter (as in MindSpore, names matched only after a
    prefix was removed stay in it). Every value is checked before any Parameter changes.
    """
    if not isinstance(net, Cell):
        raise TypeError(f"For 'load_param_into_net', the argument 'net' should be a Cell, but got {type(net)}.")
    if not isinstance(parameter_dict, dict):
        raise TypeError(f"For 'load_param_into_net', the argument 'parameter_dict' should be a dict, but got "
                        f"{type(parameter_dict)}.")
    for key, value in parameter_dict.items():
        if not isinstance(key, str) or not isinstance(value, (Parameter, str, list)):
            raise TypeError(f"For 'parameter_dict', the element in the argument 'parameter_dict' should be a 'str' "
                            f"and 'Parameter' , but got {type(key)} and {type(value)}.")
    if not isinstance(strict_load, bool):
        raise TypeError(f"For 'load_param_into_net', the type of 'strict_load' must be bool, but got "
                        f"{type(strict_load)}.")
    if remove_redundancy:
        raise TypeError("The deduplication feature for loading checkpoint can only be used in parallel scenarios, "
                        "but got stand_alone.")
    param_not_load: list[str] = []
    ckpt_not_load = list(parameter_dict)
    updates: list = []
    for _, param in net.parameters_and_names():
        if param.name in parameter_dict:
            new = parameter_dict[param.name]
            if not isinstance(new, Parameter):
                continue
            updates.append((param, _new_value(param, new, strict_load)))
            if param.name in ckpt_not_load:
                ckpt_not_load.remove(param.name)
        elif not param.name.startswith("accu_grads"):
            param_not_load.append(param.name)
    if param_not_load and not strict_load:
        _load_mismatched_prefix(net, parameter_dict, param_not_load, strict_load, updates)
    for param, arr in updates:
        param.assign_value(Tensor(arr))
    if param_not_load:
        logger.warning(f"For 'load_param_into_net', {len(param_not_load)} parameters in the 'net' are not loaded, "
                       f"because they are not in the 'parameter_dict', please check whether the network structure "
                       f"is consistent when training and loading checkpoint.")
        logger.warning(f"{param_not_load} are not loaded.")
    return param_not_load, ckpt_not_load
from ._serialization_more import (build_searched_strategy, context, export, merge_sliced_parameter,  # noqa: E402,F401
                                   tensor_to_ms_type, tensor_to_np_type)
from .checkpoint_pb2 import Checkpoint  # noqa: E402,F401 - the protobuf message (needs protobuf)
from .. import _checkparam as Validator  # noqa: E402,F401,N812 - MindSpore's name for mindspore._checkparam
