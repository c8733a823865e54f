"""`mindspore.ops.op_info_register`: the registration of Ascend TBE kernels and of `Custom` ops' kernel info.

`TBERegOp(op_name)` builds the information with MindSpore's chained builder API (each setter checks its
argument's type as MindSpore does and returns the builder) and `get_op_info()` returns it as MindSpore's
dict; `DataType` holds MindSpore's (dtype, format) pairs. `op_info_register(info)` checks the info
(a JSON string or a dict) and records it in `REGISTERED` by op name; `custom_info_register(*infos)` sets
`reg_info` on the decorated function. Both decorators return a function calling the original. mindgrad
compiles no TBE kernel: a `Custom` op whose `func_type` needs one raises NotImplementedError when created.

`mindspore.ops.op_info_register` names both this module and its decorator; here the module is callable as
the decorator, so `ops.op_info_register(info)` and `ops.op_info_register.DataType` both work.
"""

from __future__ import annotations

import functools
import json
import sys
import types
from typing import Any, Callable

from ..nn import _validator as V

__all__ = ["op_info_register", "custom_info_register", "RegOp", "TBERegOp", "DataType", "REGISTERED"]

REGISTERED: dict[str, dict] = {}
"""The op info registered with `op_info_register`, by op name."""


def op_info_register(op_info) -> Callable:
    """Decorator recording `op_info` (a JSON string or a dict) for the decorated kernel function."""

    def register_decorator(func: Callable) -> Callable:
        info = json.dumps(op_info) if isinstance(op_info, dict) else op_info
        V.check_value_type("op_info", info, [str], None)
        try:
            parsed = json.loads(info)
        except ValueError:
            raise ValueError(f"Invalid op info {func.__name__}:\n{info}\n") from None
        REGISTERED[parsed.get("op_name", "") if isinstance(parsed, dict) else ""] = parsed

        def wrapped_function(*args, **kwargs):
            return func(*args, **kwargs)

        return wrapped_function

    return register_decorator


def custom_info_register(*reg_info) -> Callable:
    """Decorator setting `func.reg_info = reg_info` (the tuple of infos) for `ops.Custom`."""

    def decorator(func: Callable) -> Callable:
        func.reg_info = reg_info

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            return func(*args, **kwargs)

        return wrapper

    return decorator


def _is(value: Any, kind: type, word: str) -> bool:
    if not isinstance(value, kind):
        raise TypeError(f"{value} value must be {word}")
    return True


class RegOp:
    """Base of the op-info builders: inputs, outputs, attributes, fusion type and dtype/format rows."""

    def __init__(self, op_name: str = "") -> None:
        if not isinstance(op_name, str):
            raise ValueError("op name value must be string")
        if not op_name.strip():
            raise ValueError("op name is empty")
        self.op_name = op_name
        self.inputs: list = []
        self.outputs: list = []
        self.attr_: list = []
        self.fusion_type_ = ""
        self.dtype_format_: list = []

    def _is_string(self, value) -> bool:
        return _is(value, str, "str")

    def _is_int(self, value) -> bool:
        return _is(value, int, "int")

    def _is_bool(self, value) -> bool:
        return _is(value, bool, "bool")

    @staticmethod
    def _is_list(value) -> bool:
        return _is(value, list, "list")

    def _check_param(self, param_list: list, key_list: list, fn_list: list, kwargs: dict) -> dict:
        """{key: value} of the given (not None) values, each checked by its function, plus `kwargs`."""
        out = {}
        for i, value in enumerate(param_list):
            if value is not None:
                (fn_list[0] if len(fn_list) == 1 else fn_list[i])(value)
                out[key_list[i]] = value
        return {**out, **kwargs}

    def fusion_type(self, fusion_type: str) -> RegOp:
        self._is_string(fusion_type)
        self.fusion_type_ = fusion_type
        return self

    def dtype_format(self, *args) -> RegOp:
        """One supported row: a (dtype, format) pair (`DataType.*`) per input then per output."""
        if len(self.inputs) + len(self.outputs) != len(args):
            raise ValueError("input size add output size must be equal to dtype format size")
        for arg in args:
            if not isinstance(arg, tuple) or len(arg) not in (2, 3):
                raise ValueError("dtype and format value must be tuple of two or three elements")
            for item in arg:
                self._is_string(item)
        self.dtype_format_.append(tuple(args))
        return self

    def get_op_info(self) -> dict:
        """The info as MindSpore's dict: attributes, with a trailing '_' dropped (and a few keys camel-cased)."""
        renames = {"dynamic_shape_support": "dynamicShapeSupport", "dynamic_rank_support": "dynamicRankSupport",
                   "dynamic_compile_static": "dynamicCompileStatic", "need_check_support": "needCheckSupport",
                   "dynamic_format": "dynamicFormat"}
        out = {}
        for key, value in self.__dict__.items():
            if key.endswith("_"):
                key = key.rstrip("_")
                key = renames.get(key, key)
            out[key] = value
        return out


def _setter(attr: str, check: str, doc: str):
    def setter(self, value):
        getattr(self, check)(value)
        setattr(self, attr, value)
        return self
    setter.__doc__ = doc
    return setter


def _list_setter(attr: str, append: bool, doc: str):
    def setter(self, value):
        RegOp._is_list(value)
        if append:
            getattr(self, attr).append(value)
        else:
            setattr(self, attr, value)
        return self
    setter.__doc__ = doc
    return setter


class TBERegOp(RegOp):
    """Information of an Ascend TBE kernel (`imply_type` 'TBE'), built with MindSpore's chained setters."""

    def __init__(self, op_name: str) -> None:
        super().__init__(op_name)
        self.imply_type = "TBE"
        self.async_flag_ = False
        self.binfile_ = ""
        self.compute_cost_ = 10
        self.kernel_ = ""
        self.partial_flag_ = False
        self.reshape_type_ = ""
        self.dynamic_rank_support_ = False
        self.dynamic_shape_support_ = False
        self.dynamic_compile_static_ = False
        self.need_check_support_ = False
        self.dynamic_format_ = False
        self.op_pattern_ = ""
        self.real_input_index_: list = []
        self.input_to_attr_index_: list = []
        self.unknown_shape_formats_: list = []

    unknown_shape_formats = _list_setter("unknown_shape_formats_", True, "Add the formats of a dynamic-shape case.")
    real_input_index = _list_setter("real_input_index_", False, "Front-end to TBE input index mapping.")
    input_to_attr_index = _list_setter("input_to_attr_index_", False, "Indices of inputs turned into attributes.")
    dynamic_rank_support = _setter("dynamic_rank_support_", "_is_bool", "Whether dynamic rank is supported.")
    binfile_name = _setter("binfile_", "_is_string", "The kernel's binary file name.")
    kernel_name = _setter("kernel_", "_is_string", "The kernel's name.")
    reshape_type = _setter("reshape_type_", "_is_string", "The reshape type (e.g. 'NC').")

    def async_flag(self, async_flag: bool = False) -> TBERegOp:
        self._is_bool(async_flag)
        self.async_flag_ = async_flag
        return self

    def compute_cost(self, compute_cost: int = 10) -> TBERegOp:
        self._is_int(compute_cost)
        self.compute_cost_ = compute_cost
        return self

    def partial_flag(self, partial_flag: bool = True) -> TBERegOp:
        self._is_bool(partial_flag)
        self.partial_flag_ = partial_flag
        return self

    def dynamic_shape(self, dynamic_shape: bool = False) -> TBERegOp:
        self._is_bool(dynamic_shape)
        self.dynamic_shape_support_ = dynamic_shape
        return self

    def dynamic_compile_static(self, dynamic_compile_static: bool = False) -> TBERegOp:
        self._is_bool(dynamic_compile_static)
        self.dynamic_compile_static_ = dynamic_compile_static
        return self

    def need_check_supported(self, need_check_supported: bool = False) -> TBERegOp:
        self._is_bool(need_check_supported)
        self.need_check_support_ = need_check_supported
        return self

    def is_dynamic_format(self, is_dynamic_format: bool = False) -> TBERegOp:
        self._is_bool(is_dynamic_format)
        self.dynamic_format_ = is_dynamic_format
        return self

    def op_pattern(self, pattern: str | None = None) -> TBERegOp:
        if pattern is not None and self._is_string(pattern):
            self.op_pattern_ = pattern
        return self

    def attr(self, name=None, param_type=None, value_type=None, value=None, default_value=None,
             **kwargs) -> TBERegOp:
        self.attr_.append(self._check_param([name, param_type, value_type, value, default_value],
                                            ["name", "paramType", "type", "value", "defaultValue"],
                                            [self._is_string], kwargs))
        return self

    def input(self, index=None, name=None, need_compile=None, param_type=None, shape=None, value_depend=None,
              **kwargs) -> TBERegOp:
        info = self._check_param([index, name, need_compile, param_type, shape, value_depend],
                                 ["index", "name", "needCompile", "paramType", "shape", "valueDepend"],
                                 [self._is_int, self._is_string, self._is_bool, self._is_string, self._is_string,
                                  self._is_string], kwargs)
        allowed = ("ignored", "optional", "required")
        if value_depend and value_depend.lower() not in allowed:
            raise ValueError(f"Operator {self.op_name} input{index}'s value_depend's value ({value_depend}) is not "
                             f"in {allowed}.")
        self.inputs.append(info)
        return self

    def output(self, index=None, name=None, need_compile=None, param_type=None, shape=None, **kwargs) -> TBERegOp:
        self.outputs.append(self._check_param([index, name, need_compile, param_type, shape],
                                              ["index", "name", "need_compile", "paramType", "shape"],
                                              [self._is_int, self._is_string, self._is_bool, self._is_string,
                                               self._is_string], kwargs))
        return self


# MindSpore's DataType table: dtype prefix -> its name, and the format suffixes each prefix has.
_DTYPES = {"BOOL": "bool", "I8": "int8", "U8": "uint8", "I16": "int16", "U16": "uint16", "I32": "int32",
           "U32": "uint32", "I64": "int64", "U64": "uint64", "F16": "float16", "F32": "float32", "F64": "float64",
           "BF16": "bfloat16", "C64": "complex64", "C128": "complex128"}
_FORMATS = {"None": ("",), "Default": ("DefaultFormat",), "5HD": ("NC1HWC0",), "FracZ": ("FRACTAL_Z",),
            "FracNZ": ("FRACTAL_NZ",), "C1HWNCoC0": ("C1HWNCoC0",), "NCHW": ("NCHW",), "NHWC": ("NHWC",),
            "HWCN": ("HWCN",), "NDHWC": ("NDHWC",), "ChannelLast": ("ChannelLast",),
            "Default_Tuple": ("DefaultFormat", "tuple"), "Default_List": ("DefaultFormat", "list"),
            "NCDHW": ("NCDHW",), "NDC1HWC0": ("NDC1HWC0",), "NC1HWC0": ("NC1HWC0",), "DHWCN": ("DHWCN",),
            "FRACTAL_Z_3D": ("FRACTAL_Z_3D",), "FracZNLSTM": ("FRACTAL_ZN_LSTM",), "FracZNRNN": ("FRACTAL_ZN_RNN",),
            "ND_RNNBIAS": ("ND_RNN_BIAS",)}
_COMMON = "None Default 5HD FracZ FracNZ C1HWNCoC0 NCHW NHWC HWCN NDHWC ChannelLast Default_Tuple Default_List"
_FLOAT_EXTRA = " NCDHW DHWCN NDC1HWC0 FRACTAL_Z_3D FracZNLSTM FracZNRNN ND_RNNBIAS"
_SUFFIXES = {"BOOL": _COMMON, "I8": _COMMON + " NCDHW NDC1HWC0 NC1HWC0", "U8": _COMMON + " NCDHW NDC1HWC0 NC1HWC0",
             "I16": _COMMON, "U16": _COMMON, "I32": _COMMON + " NDC1HWC0 NCDHW", "U32": _COMMON, "I64": _COMMON,
             "U64": _COMMON, "F16": _COMMON + _FLOAT_EXTRA, "F32": _COMMON + _FLOAT_EXTRA, "F64": _COMMON,
             "BF16": _COMMON + _FLOAT_EXTRA, "C64": "Default Default_Tuple", "C128": "Default Default_Tuple"}

DataType = type("DataType", (), {
    "__doc__": "MindSpore's (dtype, format) pairs of kernel registrations, e.g. `DataType.F16_None` is "
               "('float16', ''), `DataType.F32_5HD` ('float32', 'NC1HWC0').",
    "None_None": ("", ""), "None_Default": ("", "DefaultFormat"),
    **{f"{prefix}_{suffix}": (_DTYPES[prefix],) + _FORMATS[suffix]
       for prefix, suffixes in _SUFFIXES.items() for suffix in suffixes.split()},
})


class _CallableModule(types.ModuleType):
    """This module, callable as `op_info_register`."""

    def __call__(self, op_info) -> Callable:
        return op_info_register(op_info)


sys.modules[__name__].__class__ = _CallableModule
