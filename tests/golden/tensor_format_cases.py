"""How MindSpore prints tensors and parameters: the `tensor_format` suite, recorded into tensor_format.json.

    GLOG_v=3 ../ms-oracle/bin/python -m tests.golden.record tensor_format

Each case is a MindSpore dtype name plus a NumPy expression (evaluated with only ``np`` in scope)
that rebuilds the input; for BFloat16 the expression yields float32 values. ``record(ms)`` writes
the whole document (``repr`` and ``str`` of each Tensor, ``repr`` of each Parameter, NumPy's print
options); ``tests/test_tensor_format.py`` replays it against ``mindgrad.common._tensor_format``.

``repr`` comes from MindSpore's C++ printer; ``str(Tensor)`` is ``str(tensor.asnumpy())``, i.e.
NumPy's printing. The oracle runs NumPy 1.26 (MindSpore 2.10.0's extension is built against NumPy
1.x), so the recorded ``str`` is NumPy-1.26 output, which ``tensor_str`` reproduces under NumPy 2.x.
"""

import numpy as np

NUMPY_DTYPES = {
    "Float16": np.float16, "Float32": np.float32, "Float64": np.float64,
    "BFloat16": np.float32, "Int8": np.int8, "Int16": np.int16,
    "Int32": np.int32, "Int64": np.int64, "UInt8": np.uint8,
    "UInt16": np.uint16, "UInt32": np.uint32, "UInt64": np.uint64,
    "Bool": np.bool_, "Complex64": np.complex64, "Complex128": np.complex128,
}

# (id, dtype, numpy expression[, options]).  Option "bf16_bits": build the
# BFloat16 tensor from the bit patterns of the (exactly representable) float32
# values instead of MindSpore's float32->bfloat16 cast (which drops a NaN sign).
CASES = [
    # --- Float32
    ("f32_2x3", "Float32", "np.arange(6, dtype=np.float32).reshape(2, 3) / np.float32(7)"),
    ("f32_1d", "Float32", "np.array([0.5, 1.25], dtype=np.float32)"),
    ("f32_1elem", "Float32", "np.array([0.5], dtype=np.float32)"),
    ("f32_0d", "Float32", "np.array(2.5, dtype=np.float32)"),
    ("f32_0d_third", "Float32", "np.array(1 / 3, dtype=np.float32)"),
    ("f32_0d_small", "Float32", "np.array(1e-5, dtype=np.float32)"),
    ("f32_0d_large", "Float32", "np.array(123456789.0, dtype=np.float32)"),
    ("f32_0d_negzero", "Float32", "np.array(-0.0, dtype=np.float32)"),
    ("f32_0d_hundred", "Float32", "np.array(100.0, dtype=np.float32)"),
    ("f32_0d_nan", "Float32", "np.array(np.nan, dtype=np.float32)"),
    ("f32_0d_negnan", "Float32", "-np.array(np.nan, dtype=np.float32)"),
    ("f32_0d_neginf", "Float32", "np.array(-np.inf, dtype=np.float32)"),
    ("f32_nan_inf_1d", "Float32", "np.array([np.nan, 1.0, -np.inf, np.inf, -2.5], dtype=np.float32)"),
    ("f32_nan_inf_2d", "Float32", "np.array([[np.nan, 1.0], [-np.inf, 3.0]], dtype=np.float32)"),
    ("f32_negnan_1d", "Float32", "np.array([-np.float32(np.nan), 1.0], dtype=np.float32)"),
    ("f32_negative_2d", "Float32", "np.linspace(-3, 3, 12, dtype=np.float32).reshape(3, 4)"),
    ("f32_magnitudes", "Float32", "np.array([1e30, 1e-30, -1e38, 3.4e38, 1e-45], dtype=np.float32)"),
    ("f32_column", "Float32", "np.array([[1e-5], [123.0]], dtype=np.float32)"),
    ("f32_3d", "Float32", "(np.arange(12, dtype=np.float32) - 5).reshape(2, 2, 3) / 4"),
    ("f32_4d", "Float32", "np.arange(8, dtype=np.float32).reshape(2, 1, 2, 2) * np.float32(0.1)"),
    ("f32_wrap_12", "Float32", "np.arange(12, dtype=np.float32)"),
    ("f32_wrap_30", "Float32", "np.arange(30, dtype=np.float32) - 10"),
    ("f32_big_1d", "Float32", "np.arange(2000, dtype=np.float32)"),
    ("f32_big_40x40", "Float32", "np.arange(1600, dtype=np.float32).reshape(40, 40) / 3"),
    ("f32_big_3x20x20", "Float32", "np.arange(1200, dtype=np.float32).reshape(3, 20, 20)"),
    ("f32_1001x1", "Float32", "np.arange(1001, dtype=np.float32).reshape(1001, 1)"),
    ("f32_1x1002", "Float32", "np.arange(1002, dtype=np.float32).reshape(1, 1002)"),
    ("f32_2x7", "Float32", "np.arange(14, dtype=np.float32).reshape(2, 7)"),
    ("f32_7x2", "Float32", "np.arange(14, dtype=np.float32).reshape(7, 2)"),
    ("f32_3x6", "Float32", "np.arange(18, dtype=np.float32).reshape(3, 6)"),
    ("f32_empty_1d", "Float32", "np.zeros((0,), dtype=np.float32)"),
    ("f32_empty_2d", "Float32", "np.zeros((2, 0), dtype=np.float32)"),
    # --- Float16
    ("f16_1d", "Float16", "np.array([1.5, 2.25, 1 / 3], dtype=np.float16)"),
    ("f16_nan_max", "Float16", "np.array([np.nan, 65504, -np.inf], dtype=np.float16)"),
    ("f16_tie", "Float16", "np.array([[1.03125, -1.0], [6e-8, 0.0]], dtype=np.float16)"),
    ("f16_0d", "Float16", "np.array(1 / 3, dtype=np.float16)"),
    ("f16_wrap_30", "Float16", "np.arange(30, dtype=np.float16)"),
    ("f16_big_1d", "Float16", "np.arange(1001, dtype=np.float16)"),
    # --- Float64
    ("f64_1d", "Float64", "np.array([1.5, 2.25, 1 / 3], dtype=np.float64)"),
    ("f64_tiny_neg", "Float64", "np.array([-1e-300, 1.0, np.nan], dtype=np.float64)"),
    ("f64_huge", "Float64", "np.array([[1e300, np.nan], [1e-300, -1e300]], dtype=np.float64)"),
    ("f64_0d", "Float64", "np.array(1 / 3, dtype=np.float64)"),
    ("f64_0d_e100", "Float64", "np.array(1e100, dtype=np.float64)"),
    # --- BFloat16 (float32 values)
    ("bf16_1d", "BFloat16", "np.array([1.5, 2.25], dtype=np.float32)"),
    ("bf16_2d", "BFloat16", "np.array([[1.5, 2.25]], dtype=np.float32)"),
    ("bf16_rounding", "BFloat16", "np.array([[1.0, 3.0], [-123456.0, 0.1]], dtype=np.float32)"),
    ("bf16_mixed", "BFloat16", "np.array([1.5, 2.25, -1 / 3, 100.0, 1e-3, 1e-8, 1e10], dtype=np.float32)"),
    ("bf16_special", "BFloat16", "np.array([np.inf, -np.inf, np.nan, -0.0, 0.0], dtype=np.float32)"),
    ("bf16_negnan", "BFloat16", "np.array([-np.float32(np.nan), np.nan, 1.0, -0.0], dtype=np.float32)",
     {"bf16_bits": True}),
    ("bf16_0d", "BFloat16", "np.array(1.5, dtype=np.float32)"),
    ("bf16_wrap_40", "BFloat16", "np.arange(40, dtype=np.float32) / 4"),
    ("bf16_big_1d", "BFloat16", "np.arange(1001, dtype=np.float32)"),
    ("bf16_7x7", "BFloat16", "np.arange(49, dtype=np.float32).reshape(7, 7) - 20"),
    # --- integers
    ("i32_1d", "Int32", "np.array([-1, 20, 300], dtype=np.int32)"),
    ("i32_0d", "Int32", "np.array(3, dtype=np.int32)"),
    ("i32_1x1", "Int32", "np.array([[7]], dtype=np.int32)"),
    ("i32_1000", "Int32", "np.arange(1000, dtype=np.int32)"),
    ("i32_1001_hidden", "Int32", "np.where(np.arange(1001) == 500, -123456, np.arange(1001)).astype(np.int32)"),
    ("i32_8x2_hidden", "Int32", "np.where(np.arange(16) == 8, -999999, np.arange(16)).astype(np.int32).reshape(8, 2)"),
    ("i32_6x6x6x6", "Int32", "np.arange(1296, dtype=np.int32).reshape(6, 6, 6, 6)"),
    ("i32_7x7x7x7", "Int32", "np.arange(2401, dtype=np.int32).reshape(7, 7, 7, 7)"),
    ("i32_5d", "Int32", "np.arange(5, dtype=np.int32).reshape(1, 1, 1, 1, 5)"),
    ("i32_empty_3d", "Int32", "np.zeros((3, 0, 2), dtype=np.int32)"),
    ("i64_large", "Int64", "np.array([2 ** 62, -5], dtype=np.int64)"),
    ("i64_0d_min", "Int64", "np.array(-2 ** 63, dtype=np.int64)"),
    ("i64_wrap_30", "Int64", "np.full(30, 2 ** 62, dtype=np.int64)"),
    ("i8_wrap_100", "Int8", "np.arange(100, dtype=np.int8)"),
    ("i16_1d", "Int16", "np.array([1, -2], dtype=np.int16)"),
    ("u8_1d", "UInt8", "np.array([1, 255], dtype=np.uint8)"),
    ("u8_0d", "UInt8", "np.array(7, dtype=np.uint8)"),
    ("u16_2d", "UInt16", "np.array([[1, 2], [65535, 0]], dtype=np.uint16)"),
    ("u32_1d", "UInt32", "np.array([1, 4294967295], dtype=np.uint32)"),
    ("u64_1d", "UInt64", "np.array([1, 2 ** 64 - 1], dtype=np.uint64)"),
    # --- Bool
    ("bool_0d_true", "Bool", "np.array(True)"),
    ("bool_0d_false", "Bool", "np.array(False)"),
    ("bool_1d", "Bool", "np.array([True, False])"),
    ("bool_all_true", "Bool", "np.array([True, True])"),
    ("bool_2d", "Bool", "np.array([[True, False], [False, True]])"),
    ("bool_wrap_40", "Bool", "np.arange(40) % 3 == 0"),
    ("bool_big_1d", "Bool", "np.ones(1001, dtype=np.bool_)"),
    # --- Complex
    ("c64_1d", "Complex64", "np.array([1 + 2j, 3 - 4j], dtype=np.complex64)"),
    ("c64_mixed", "Complex64", "np.array([1.5 + 0.25j, -3.125 - 4j, 1e-7 + 1e8j], dtype=np.complex64)"),
    ("c64_0d", "Complex64", "np.array(1.5 - 2j, dtype=np.complex64)"),
    ("c64_7x7", "Complex64", "(np.arange(49).reshape(7, 7) + 1j).astype(np.complex64)"),
    ("c128_2d", "Complex128", "np.array([[1.5 + 0.25j, -3 - 4j], [0j, complex(np.nan, 1)]], dtype=np.complex128)"),
    ("c128_special", "Complex128",
     "np.array([complex(1, -0.0), complex(1, np.nan), complex(np.inf, -np.inf), complex(-0.0, 2),"
     " complex(1e20, 1e-20), complex(1 / 3, -1 / 7)], dtype=np.complex128)"),
    ("c128_wrap_30", "Complex128", "(np.arange(30) + 1j).astype(np.complex128)"),
]

# (name, shape, dtype, requires_grad)
PARAMETERS = [
    ("x", (2,), "Float32", True),
    ("w", (2, 3), "Int32", False),
    ("s", (), "Float32", True),
    ("e", (2, 0), "Float16", True),
    ("layer.weight", (4, 3), "BFloat16", True),
    ("mask", (3,), "Bool", False),
    ("c", (1, 1, 2), "Complex64", True),
]


def build_input(dtype, expr):
    """Evaluate a case's expression exactly as the replay test does."""
    return np.asarray(eval(expr, {"np": np}), dtype=NUMPY_DTYPES[dtype])


def bf16_from_bits(ms, values):
    """A BFloat16 tensor holding the top 16 bits of (exact bfloat16) float32s."""
    bits = values.view(np.uint32)
    assert not np.any(bits & 0xFFFF), "values must be exact bfloat16 numbers"
    return ms.Tensor((bits >> 16).astype(np.uint16).view(np.int16)).view(ms.bfloat16)


def make_tensor(ms, dtype, values, options):
    if dtype == "BFloat16":
        if options.get("bf16_bits"):
            return bf16_from_bits(ms, values)
        return ms.Tensor(values, dtype=ms.bfloat16)
    return ms.Tensor(values)


def record(ms) -> dict:
    """The whole recording (called by `record.py`)."""
    cases = []
    for entry in CASES:
        case_id, dtype, expr = entry[:3]
        options = entry[3] if len(entry) > 3 else {}
        values = build_input(dtype, expr)
        tensor = make_tensor(ms, dtype, values, options)
        assert str(tensor.dtype) == dtype, (case_id, tensor.dtype)
        assert tuple(tensor.shape) == values.shape, (case_id, tensor.shape)
        row = {"id": case_id, "dtype": dtype, "expr": expr, "shape": list(values.shape)}
        row.update(options)
        row["repr"] = repr(tensor)
        row["str"] = str(tensor)
        cases.append(row)

    params = []
    for name, shape, dtype, requires_grad in PARAMETERS:
        ms_dtype = getattr(ms, {"Bool": "bool_"}.get(dtype, dtype.lower()))
        data = ms.Tensor(np.zeros(shape, dtype=NUMPY_DTYPES[dtype]), dtype=ms_dtype)
        param = ms.Parameter(data, name=name, requires_grad=requires_grad)
        params.append({"name": name, "shape": list(shape), "dtype": dtype,
                       "requires_grad": requires_grad, "repr": repr(param)})

    printoptions = {k: v for k, v in np.get_printoptions().items()
                    if k in ("edgeitems", "threshold", "floatmode", "precision",
                             "suppress", "linewidth", "nanstr", "infstr", "sign")}
    return {
        "meta": {"mindspore_version": ms.__version__, "numpy": np.__version__,
                 "generator": "python -m tests.golden.record tensor_format"},
        "mindspore_version": ms.__version__,
        "numpy_version": np.__version__,
        "numpy_printoptions": printoptions,
        "cases": cases,
        "parameters": params,
    }
