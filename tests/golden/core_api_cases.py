"""Golden cases pinning Tensor, dtype, Parameter/ParameterTuple and nn.Cell behaviour (MindSpore 2.10.0).

Every ``case_<name>(ms)`` takes the module under test (real ``mindspore`` when
recording with ``python -m tests.golden.record core_api``, ``mindgrad`` when replaying) and returns
a result (Tensor, tuple/list/dict nests, Python scalars, strings) or raises;
``_encode.py`` turns it into JSON. Only the module passed in is used.

Names start with the area they pin (``dtype_``, ``ctor_``, ``attr_``,
``method_``, ``op_``, ``index_``, ``repr_``, ``param_``, ``ptuple_``,
``cell_``); each test module replays its areas through ``replay.suite("core_api")``.

A case that raises is recorded as its exception class; the recorder runs the
next case in a fresh MindSpore process, because a failed MindSpore op can leave
later ops in the same process failing too. So a case raises at most once, as
its result; checks of pure-Python errors inside a case use :func:`err`.

``PROMOTION_DTYPES`` / ``PROMOTION_OPS`` / ``PROMOTION_SCALARS`` define the
promotion table (result dtype of ``a <op> b``) that the recorder also stores (``extra_jobs``).
"""

import contextlib
import io
import operator
import re
import sys
from collections import OrderedDict

import numpy as np



# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def err(fn):
    """The class name of what ``fn()`` raises, or 'no error'."""
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - the class is the result
        return type(exc).__name__
    return "no error"


def describe(t):
    """(class name, str(dtype), shape as list) of a Tensor."""
    return (type(t).__name__, str(t.dtype), list(t.shape))


def auto_named(p):
    """Whether a Parameter still has MindSpore's generated name ``Parameter#N``."""
    return re.fullmatch(r"Parameter#\d+", p.name) is not None


def names(pairs):
    return [n for n, _ in pairs]


def param_names(params):
    return [p.name for p in params]


def arange(ms, shape, dtype=np.float32):
    return ms.Tensor(np.arange(int(np.prod(shape))).reshape(shape).astype(dtype))


def printed(obj):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        print(obj)
    return buf.getvalue()


# --------------------------------------------------------------------------
# dtype
# --------------------------------------------------------------------------

DTYPE_NAMES = ["bool_", "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
               "float16", "float32", "float64", "bfloat16", "complex64", "complex128",
               "half", "single", "double", "float_", "int_", "uint"]


def case_dtype_str_repr(ms):
    return [[n, str(getattr(ms.dtype, n)), repr(getattr(ms.dtype, n))] for n in DTYPE_NAMES]


def case_dtype_top_level_exports(ms):
    return [n for n in DTYPE_NAMES if hasattr(ms, n)]


def case_dtype_aliases(ms):
    md = ms.dtype
    return [ms.half is ms.float16, ms.single is ms.float32, ms.double is ms.float64,
            md.bool_ is md.bool, ms.float32 == md.float32, ms.float32 is md.float32,
            ms.bfloat16 == md.bfloat16, hash(ms.float32) == hash(md.float32)]


def case_dtype_equality(ms):
    return [ms.float32 == ms.float16, ms.float32 != ms.float16, ms.int32 == ms.int64,
            ms.float_ == ms.float32, ms.int_ == ms.int64, ms.int_ == ms.int32,
            ms.float32 == np.float32, ms.float32 == "Float32", ms.float32 == None,  # noqa: E711
            ms.float32 in (ms.float16, ms.float32), {ms.float32: 1}.get(ms.dtype.float32)]


def case_dtype_of_tensor(ms):
    t = ms.Tensor([1.0, 2.0])
    i = ms.Tensor([1, 2])
    return [t.dtype == ms.float32, t.dtype is ms.float32, t.dtype == ms.dtype.float32, t.dtype != ms.float64,
            i.dtype == ms.int64, str(t.dtype), repr(i.dtype), ms.Tensor(True).dtype == ms.bool_]


def case_dtype_groups(ms):
    md = ms.dtype
    keep = ["Bool", "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Float16",
            "Float32", "Float64", "BFloat16", "Complex64", "Complex128"]
    return [[str(t) for t in getattr(md, g) if str(t) in keep]
            for g in ("int_type", "uint_type", "float_type", "number_type", "all_types", "signed_type",
                      "complex_type")]


def case_dtype_conversions(ms):
    md = ms.dtype
    return [[np.dtype(md.dtype_to_nptype(t)).name for t in (ms.bool_, ms.int8, ms.int32, ms.uint8, ms.float16,
                                                       ms.float32, ms.float64, ms.complex64)],
            [str(md.pytype_to_dtype(t)) for t in (int, float, bool, complex, np.float16, np.int32)],
            [str(md.get_py_obj_dtype(v)) for v in (1, 1.5, True, np.float32(1))],
            [md.dtype_to_pytype(t).__name__ for t in (ms.bool_, ms.int32, ms.uint8, ms.float16, ms.float64)]]


# --------------------------------------------------------------------------
# Tensor construction
# --------------------------------------------------------------------------

def case_ctor_python_float(ms):
    return ms.Tensor(1.5)


def case_ctor_float_list(ms):
    return ms.Tensor([1.0, 2.5, -3.0])


def case_ctor_python_int(ms):
    return ms.Tensor(3)


def case_ctor_int_list(ms):
    return ms.Tensor([1, 2, -3])


def case_ctor_bool(ms):
    return [ms.Tensor(True), ms.Tensor([True, False])]


def case_ctor_mixed_lists(ms):
    return [ms.Tensor([1, 2.5]), ms.Tensor([True, 2]), ms.Tensor([True, 2.5]), ms.Tensor([[1.0], [2]]),
            ms.Tensor((1, 2)), ms.Tensor((1.0, (2.0)))]


def case_ctor_nested(ms):
    return [ms.Tensor([[1, 2], [3, 4]]), ms.Tensor([[[1.5]], [[2.5]]]), ms.Tensor([[True], [False]])]


def case_ctor_empty(ms):
    return [ms.Tensor([]), ms.Tensor(np.array([], np.float64)), ms.Tensor(np.zeros((0, 3), np.int32))]


def case_ctor_numpy_keeps_dtype(ms):
    return [ms.Tensor(np.array([1.0, 2.0])), ms.Tensor(np.array([1, 2], np.int32)),
            ms.Tensor(np.array([1.5], np.float16)), ms.Tensor(np.array([1, 2], np.int8)),
            ms.Tensor(np.array([1, 2], np.uint8)), ms.Tensor(np.array([True])),
            ms.Tensor(np.array([1, 2], np.int64)), ms.Tensor(np.arange(6).reshape(2, 3).T)]


def case_ctor_numpy_scalars(ms):
    return [ms.Tensor(np.float64(2.0)), ms.Tensor(np.int32(3)), ms.Tensor(np.float16(1.5)),
            ms.Tensor(np.bool_(True)), ms.Tensor(np.array(3, np.int8))]


def case_ctor_lists_of_numpy_scalars_and_tensors(ms):
    return [ms.Tensor([np.float64(1), np.float64(2)]), ms.Tensor([np.int32(1)]),
            ms.Tensor([ms.Tensor(1.0), ms.Tensor(2.0)]),
            ms.Tensor([ms.Tensor(np.array([1, 2], np.int32)), ms.Tensor(np.array([3, 4], np.int32))])]


def case_ctor_complex(ms):
    return [str(ms.Tensor(1 + 2j).dtype), str(ms.Tensor([1 + 2j, 1]).dtype),
            str(ms.Tensor(np.array([1j], np.complex64)).dtype)]


def case_ctor_dtype_cast(ms):
    return [ms.Tensor([1, 2], dtype=ms.float32), ms.Tensor(1.5, dtype=ms.int32),
            ms.Tensor(np.array([1.7, -1.7]), dtype=ms.int32), ms.Tensor([0, 2], ms.bool_),
            ms.Tensor(np.array([1.5, 2.5]), ms.float16), ms.Tensor(True, ms.float32)]


def case_ctor_from_tensor(ms):
    a = ms.Tensor(np.array([1, 2], np.int32))
    b = ms.Tensor(a)
    c = ms.Tensor(a, dtype=ms.float16)
    return [b, c, b is a]


def _initializer_mod(ms):
    return sys.modules[ms.__name__ + ".common.initializer"]


def case_ctor_shape_init(ms):
    init = _initializer_mod(ms)
    t = ms.Tensor(shape=(2, 3), dtype=ms.float32, init=init.One())
    u = ms.Tensor(shape=[2], dtype=ms.float16, init=init.Zero())
    return [describe(t), t.init_data(), u.init_data()]


def case_ctor_shape_init_string(ms):
    return ms.Tensor(shape=(2, 2), dtype=ms.float32, init="zeros").init_data()


def case_ctor_err_none(ms):
    return ms.Tensor(None)


def case_ctor_err_str(ms):
    return ms.Tensor("abc")


def case_ctor_err_dict(ms):
    return ms.Tensor({1: 2})


def case_ctor_err_ragged(ms):
    return ms.Tensor([[1, 2], [3]])


def case_ctor_err_mixed_str(ms):
    return ms.Tensor([1, "a"])


def case_ctor_err_numpy_dtype(ms):
    return ms.Tensor([1, 2], dtype=np.float32)


def case_ctor_err_python_dtype(ms):
    return ms.Tensor([1, 2], dtype=float)


def case_ctor_err_generic_dtype(ms):
    return ms.Tensor([1.0], ms.float_)


# --------------------------------------------------------------------------
# attributes
# --------------------------------------------------------------------------

def case_attr_basic(ms):
    x = arange(ms, (2, 3))
    return [x.shape, type(x.shape).__name__, str(x.dtype), x.ndim, x.size, x.itemsize, x.nbytes, x.strides,
            x.T, x.T.shape]


def case_attr_per_dtype(ms):
    out = []
    for dt in (np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8, np.float16, np.float32, np.float64):
        t = ms.Tensor(np.zeros((3, 2), dt))
        out.append([str(t.dtype), t.itemsize, t.nbytes, t.strides, t.ndim, t.size])
    return out


def case_attr_scalar_and_3d(ms):
    s = ms.Tensor(2.5)
    x = arange(ms, (2, 3, 4))
    return [s.shape, s.ndim, s.size, s.nbytes, x.T.shape, x.T]


def case_attr_no_requires_grad(ms):
    return hasattr(ms.Tensor([1.0]), "requires_grad")


# --------------------------------------------------------------------------
# methods
# --------------------------------------------------------------------------

def case_method_item(ms):
    return [ms.Tensor(3.5).item(), ms.Tensor([[7]], ms.int32).item(), ms.Tensor([True]).item(),
            ms.Tensor(np.float16(0.5)).item(), type(ms.Tensor(np.float64(1.0)).item()).__name__]


def case_method_item_err_many(ms):
    return arange(ms, (2, 3)).item()


def case_method_tolist(ms):
    return [arange(ms, (2, 3)).tolist(), ms.Tensor(2.5).tolist(), ms.Tensor([True]).tolist(),
            ms.Tensor(np.array([[1, 2]], np.int32)).tolist()]


def case_method_astype(ms):
    x = ms.Tensor([[0.5, -1.5, 2.7]])
    return [x.astype(ms.int32), x.astype(np.float16), x.astype("float16"), x.astype(float), x.astype(int),
            x.astype(bool), x.astype(ms.bool_), x.astype(ms.float64), ms.Tensor([0.5, 1.5, 255.0]).astype(ms.uint8)]


def case_method_astype_err_generic(ms):
    return ms.Tensor([1.0]).astype(ms.float_)


def case_method_reshape_view(ms):
    x = arange(ms, (2, 3))
    return [x.reshape(3, 2), x.reshape((3, -1)), x.reshape([6]), x.view(3, 2), x.view((6,)), x.reshape(1, 2, 3),
            ms.Tensor(5.0).reshape(1, 1)]


def case_method_view_dtype(ms):
    return [ms.Tensor(np.array([1.0, -2.0], np.float32)).view(ms.int32),
            ms.Tensor(np.array([1, 2], np.int32)).view(ms.float32)]


def case_method_transpose_permute(ms):
    x = arange(ms, (2, 3, 4))
    return [x.transpose(), x.transpose(1, 0, 2), x.transpose((2, 0, 1)), x.permute(1, 0, 2), x.permute((2, 0, 1)),
            arange(ms, (2, 3)).transpose()]


def case_method_squeeze(ms):
    y = ms.Tensor(np.zeros((1, 2, 1, 3), np.float32))
    return [y.squeeze().shape, y.squeeze(0).shape, y.squeeze((0, 2)).shape, y.squeeze(1).shape,
            y.squeeze(-2).shape, ms.Tensor([[5]]).squeeze()]


def case_method_expand_dims(ms):
    x = arange(ms, (2, 3))
    return [x.expand_dims(0).shape, x.expand_dims(-1).shape, x.expand_dims(axis=1).shape,
            ms.Tensor(1.0).expand_dims(0)]


def case_method_flatten(ms):
    x = arange(ms, (2, 3))
    y = ms.Tensor(np.zeros((1, 2, 1, 3), np.float32))
    return [x.flatten(), y.flatten().shape, ms.Tensor(3.0).flatten(), y.flatten(start_dim=1).shape,
            x.flatten(order="F")]


def case_method_sum(ms):
    i = ms.Tensor(np.array([[1, 2], [3, 4]], np.int32))
    x = arange(ms, (2, 3))
    return [i.sum(), i.sum(0), i.sum(axis=1, keepdims=True), x.sum(), x.sum(axis=(0, 1)),
            ms.Tensor([True, True]).sum(), ms.Tensor(np.array([1, 2], np.int8)).sum(),
            ms.Tensor(np.array([1, 2], np.uint8)).sum(), ms.Tensor(np.array([1, 2], np.float16)).sum(),
            ms.Tensor(np.array([1, 2], np.float64)).sum(), i.sum(dtype=ms.float32), x.sum(initial=10.0),
            ms.Tensor(np.array([1, 2], np.int64)).sum()]


def case_method_sum_unsigned(ms):
    return [ms.Tensor(np.array([1, 2], d)).sum() for d in (np.uint16, np.uint32, np.uint64)]


def case_method_mean(ms):
    x = arange(ms, (2, 3))
    return [ms.Tensor(np.array([1, 2, 2, 2], np.int32)).mean(), ms.Tensor(np.array([-1, -2], np.int32)).mean(),
            x.mean(), x.mean(0), x.mean(axis=1, keep_dims=True), ms.Tensor([1, 2]).mean(), x.mean((0, 1)),
            ms.Tensor(np.array([1, 2], np.uint8)).mean(), ms.Tensor(np.array([1.5, 2.0], np.float16)).mean()]


def case_method_mean_err_bool(ms):
    return ms.Tensor([True, False]).mean()


def case_method_copy(ms):
    x = arange(ms, (2, 2))
    c = x.copy()
    return [type(c).__name__, c is x, c]


def case_method_len(ms):
    return [len(arange(ms, (2, 3))), len(ms.Tensor([1])), len(ms.Tensor(np.zeros((0, 2))))]


def case_method_len_err_0d(ms):
    return len(ms.Tensor(1.0))


def case_method_bool(ms):
    return [bool(ms.Tensor(0.0)), bool(ms.Tensor([1.0])), bool(ms.Tensor([[2]])), bool(ms.Tensor(False)),
            bool(ms.Tensor(np.array([0], np.int32)))]


def case_method_bool_err_many(ms):
    return bool(arange(ms, (2, 3)))


def case_method_bool_err_empty(ms):
    return bool(ms.Tensor([]))


def case_method_float_int(ms):
    return [float(ms.Tensor(2)), float(ms.Tensor([2.5])), int(ms.Tensor(2.7)), int(ms.Tensor(-2.7)),
            int(ms.Tensor([[3]])), float(ms.Tensor(True)), int(ms.Tensor(np.float16(7.9)))]


def case_method_float_err_many(ms):
    return float(arange(ms, (2, 3)))


def case_method_index(ms):
    return [[10, 20, 30][ms.Tensor(1)], [10, 20, 30][ms.Tensor(2, ms.int32)], (ms.Tensor(1)).__index__()]


def case_method_index_err_float(ms):
    return [10, 20][ms.Tensor(1.0)]


def case_method_hash(ms):
    x = arange(ms, (2, 3))
    y = arange(ms, (2, 3))
    d = {x: "x"}
    return [hash(x) == hash(x), hash(x) == hash(y), type(hash(x)).__name__, d[x], y in d]


# --------------------------------------------------------------------------
# operators
# --------------------------------------------------------------------------

def _i32(ms, values=(1, 2, 3)):
    return ms.Tensor(np.array(values, np.int32))


def case_op_int_division(ms):
    i = ms.Tensor([1, 2, 3])
    return [i / 2, i // 2, _i32(ms) / _i32(ms, (2, 2, 2)), _i32(ms) // 2, ms.Tensor([-3, 3]) // 2,
            ms.Tensor([-7.5, 7.5]) // 2]


def case_op_int_with_float_scalar(ms):
    i = ms.Tensor([1, 2, 3])
    return [i + 1.5, _i32(ms) * 2.5, _i32(ms) - 0.5, _i32(ms) * 2, _i32(ms) + True, i * 2]


def case_op_float_widths_with_scalars(ms):
    h = ms.Tensor(np.array([1.0, 2.0], np.float16))
    d = ms.Tensor(np.array([1.0, 2.0], np.float64))
    return [h * 2.5, h + 1, d * 1.5, d + 1, ms.Tensor(np.array([1, 2], np.int8)) * 1.5,
            ms.Tensor(np.array([1, 2], np.uint8)) * 2.5]


def case_op_tensor_tensor_promotion(ms):
    f16 = ms.Tensor(np.array([1.0, 2.0], np.float16))
    return [_i32(ms, (1, 2)) + ms.Tensor([1.0, 2.0]), f16 + _i32(ms, (1, 2)),
            ms.Tensor(np.array([1, 2], np.uint8)) + ms.Tensor(np.array([1, 2], np.int8)),
            ms.Tensor(np.array([1, 2], np.int16)) + ms.Tensor(np.array([1, 2], np.uint8)),
            _i32(ms, (1, 2)) + ms.Tensor([1, 2]), f16 * ms.Tensor([1.0, 2.0]),
            ms.Tensor(np.array([1.0], np.float64)) + ms.Tensor([1.0])]


def case_op_bool(ms):
    t = ms.Tensor([True, False])
    return [t + t, t * t, t + True, t + 1, t + 1.5, ~t, t & ms.Tensor([False, False]), t | ms.Tensor([False, True])]


def case_op_comparisons(ms):
    i = _i32(ms)
    x = ms.Tensor([1.0, 2.0, 3.0])
    return [i < 2, i <= 2, i > 2.5, i >= 3, i == 2, i != 2.5, x == i, x >= x]


def case_op_eq_non_tensor(ms):
    x = ms.Tensor([1.0, 2.0])
    return [x == None, x != None, x == "a", x != "a"]  # noqa: E711


def case_op_reflected_python_scalars(ms):
    i = _i32(ms)
    return [2.5 * i, 1 - i, 2 / i, 2 ** i, 2.0 ** i, 10 // i, 7 % i, True + i]


def case_op_numpy_scalars_on_right(ms):
    i = _i32(ms)
    x = ms.Tensor([1.0, 2.0])
    return [i * np.float32(2), x * np.float64(2), i + np.int64(2), x + np.int32(1),
            ms.Tensor(np.array([1.0], np.float16)) * np.float64(2.5)]


def case_op_lists_and_tuples(ms):
    x = ms.Tensor([1.0, 2.0])
    i8 = ms.Tensor(np.array([1, 2], np.int8))
    return [x + [1.0, 2.0], [1.0, 2.0] + x, x + (1, 2), _i32(ms, (1, 2)) + [1, 2], i8 + [1.5, 2], i8 + [1000, 1],
            [1, 2] + i8, i8 + (1, 2), ms.Tensor(np.array([1, 2], np.float16)) + [1.5, 2.0], i8 + [True, False],
            ms.Tensor(np.array([1.0, 2.0])) + [1.5, 2]]


def case_op_other(ms):
    i = _i32(ms)
    x = ms.Tensor([1.0, 2.0])
    return [i % 2, -i, abs(ms.Tensor([-1.5])), i ** 2, i ** 0.5, x @ x, +x, i & 1, i | 4, i ^ 1,
            ms.Tensor([-7, 7]) % 3, ms.Tensor([-7.5, 7.5]) % 2]


def case_op_matmul(ms):
    a = arange(ms, (2, 3))
    b = arange(ms, (3, 2))
    return [a @ b, arange(ms, (3,)) @ b, a @ arange(ms, (3,))]


def case_op_integer_wraparound(ms):
    return [ms.Tensor(np.array([1, 2], np.uint8)) + 300, ms.Tensor(np.array([1, 2], np.int8)) + 1000,
            ms.Tensor(np.array([1, 2], np.int32)) + 2 ** 40, ms.Tensor(np.array([1, 2], np.uint8)) + (-1)]


def case_op_inplace_rebinds(ms):
    y = _i32(ms)
    alias = y
    y += 1
    z = _i32(ms)
    z += 1.5
    w = ms.Tensor([1.0, 2.0])
    w_alias = w
    w *= 2
    return [y is alias, alias, y, z, w_alias, w]


def case_op_broadcasting(ms):
    return [arange(ms, (2, 1)) + arange(ms, (3,)), arange(ms, (2, 3)) * ms.Tensor(2.0),
            ms.Tensor(np.ones((2, 1, 3), np.int32)) - ms.Tensor(np.ones((4, 1), np.int32))]


def case_op_numpy_asarray(ms):
    x = ms.Tensor([1.0, 2.0])
    a = np.asarray(x)
    b = np.asarray(x, dtype=np.float64)
    return [type(a).__name__, str(a.dtype), a.tolist(), str(b.dtype), np.array(ms.Tensor(3)).tolist()]


# --------------------------------------------------------------------------
# indexing
# --------------------------------------------------------------------------

def case_index_basic(ms):
    x = arange(ms, (2, 3, 4))
    return [x[1], x[-1, 2], x[0, 1, 2], x[:, 1:3], x[..., ::2], x[None, 0].shape, x[0, None, :, None].shape,
            x[1, ..., 0], x[:, -1]]


def case_index_masks_and_tensors(ms):
    x = arange(ms, (2, 3, 4))
    return [x[x > 20], x[ms.Tensor([True, False])], x[ms.Tensor([1, 0])].shape, x[[1, 0]].shape, x[0, [0, 2]],
            x[ms.Tensor(1)], x[1:, ms.Tensor([0, 2]), ::3], x[True].shape, x[::-1, 0, 0]]


def case_index_err_out_of_range(ms):
    return arange(ms, (2, 3, 4))[5]


def case_index_err_out_of_range_inner(ms):
    return arange(ms, (2, 3, 4))[0, 0, 9]


def case_index_err_out_of_range_after_ellipsis(ms):
    return arange(ms, (2, 3, 4))[..., -5]


def case_index_setitem(ms):
    y = ms.Tensor(np.arange(6, dtype=np.int32).reshape(2, 3))
    alias = y
    out = []
    y[0, 0] = 10
    out.append([alias.asnumpy().tolist(), y is alias])
    y[1] = 2.7
    out.append(y.copy())
    y[:, 1] = ms.Tensor([7, 8], ms.int32)
    out.append(y.copy())
    y[y > 7] = 0
    out.append(y.copy())
    y[..., 2] = -1
    out.append(y.copy())
    y[ms.Tensor([0])] = 5
    out.append(y.copy())
    y[0] = ms.Tensor([1.9, 2.9, 3.9])
    out.append(y.copy())
    z = ms.Tensor(np.zeros((2, 2), np.float32))
    z[0] = True
    z[1, :] = [3, 4]
    out.append(z)
    return out


# --------------------------------------------------------------------------
# repr / str / print
# --------------------------------------------------------------------------

def _repr_samples(ms):
    return [arange(ms, (2, 3)), ms.Tensor(np.float32(0.5)), ms.Tensor(np.array([-1, 20, 300], np.int32)),
            ms.Tensor([True, False]), ms.Tensor(3), ms.Tensor([0.5, 1.25]), ms.Tensor(np.float16(1.5))]


def case_repr_tensor(ms):
    return [repr(t) for t in _repr_samples(ms)]


def case_repr_str_and_print(ms):
    return [[str(t), printed(t), "%s" % (t,), f"{t}"] for t in _repr_samples(ms)]


def case_repr_parameter(ms):
    p = ms.Parameter(ms.Tensor([[1.0, 2.0], [3.0, 4.0]]), name="w2")
    q = ms.Parameter(ms.Tensor(3, ms.int32), name="s")
    b = ms.Parameter(ms.Tensor([True]), name="b", requires_grad=False)
    return [repr(p), str(p), printed(p), repr(q), repr(b), repr([p])]


def case_repr_parameter_tuple(ms):
    a = ms.Parameter(ms.Tensor([1.0]), name="weight")
    b = ms.Parameter(ms.Tensor([2.0, 3.0]), name="bias")
    return [repr(ms.ParameterTuple([a, b])), repr(ms.ParameterTuple([a])), repr(ms.ParameterTuple([]))]


# --------------------------------------------------------------------------
# Parameter
# --------------------------------------------------------------------------

def case_param_is_tensor(ms):
    p = ms.Parameter(ms.Tensor([1.0, 2.0]))
    return [isinstance(p, ms.Tensor), isinstance(p, ms.Parameter), auto_named(p), p.requires_grad, p,
            type(p).__name__]


def case_param_default_names_distinct(ms):
    a, b = ms.Parameter(ms.Tensor([1.0])), ms.Parameter(ms.Tensor([1.0]))
    return [auto_named(a), auto_named(b), a.name != b.name]


def case_param_default_input_types(ms):
    init = _initializer_mod(ms)
    return [ms.Parameter(3), ms.Parameter(3.5), ms.Parameter(np.array([1, 2])), ms.Parameter(np.array([1.0, 2.0])),
            ms.Parameter(np.array([1, 2], np.int32)), ms.Parameter([1, 2]), ms.Parameter([1.0, 2.5]),
            ms.Parameter(init.initializer("ones", (2,), ms.float32)), ms.Parameter(ms.Tensor([1], ms.int8))]


def case_param_err_bool(ms):
    return ms.Parameter(True)


def case_param_err_numpy_scalar(ms):
    return ms.Parameter(np.float32(1))


def case_param_err_tuple(ms):
    return ms.Parameter((1.0, 2.0))


def case_param_name_setter(ms):
    p = ms.Parameter(ms.Tensor([1.0, 2.0]), name="w")
    out = [p.name]
    p.name = "w2"
    out.append(p.name)
    p.name = "  padded  "
    out.append(p.name)
    p.name = "a.b"
    out.append(p.name)
    p.name = ""
    out.append(auto_named(p))
    p.name = None
    out.append(auto_named(p))
    out.append(err(lambda: setattr(p, "name", 5)))
    out.append(err(lambda: ms.Parameter(ms.Tensor([1.0]), name=3)))
    return out


def case_param_requires_grad_setter(ms):
    p = ms.Parameter(ms.Tensor([1.0]), name="w", requires_grad=False)
    out = [p.requires_grad]
    p.requires_grad = True
    out.append(p.requires_grad)
    out.append(err(lambda: setattr(p, "requires_grad", 1)))
    out.append(err(lambda: ms.Parameter(ms.Tensor([1.0]), requires_grad=1)))
    out.append(p.requires_grad)
    return out


def case_param_set_data(ms):
    p = ms.Parameter(ms.Tensor([1.0, 2.0]), name="w")
    r = p.set_data(ms.Tensor(np.array([3, 4, 5], np.int32)))
    out = [r is p, p, repr(p)]
    p.set_data(ms.Tensor(np.array([1.5, 2.5], np.float16)))
    out.append(p)
    p.set_data(2)
    out.append(p)
    p.set_data(2.5)
    out.append(p)
    p.set_data(True)
    out.append(p)
    q = ms.Parameter(ms.Tensor(np.array([1, 2], np.int32)), name="q")
    q.set_data(ms.Tensor([1.7, -2.7]))
    out.append(q)
    q.set_data(7)
    out.append(q)
    return out


def case_param_set_data_err_numpy(ms):
    return ms.Parameter(ms.Tensor([1.0]), name="w").set_data(np.array([1.0]))


def case_param_set_data_err_list(ms):
    return ms.Parameter(ms.Tensor([1.0]), name="w").set_data([1.0])


def case_param_set_data_err_float_into_int(ms):
    return ms.Parameter(ms.Tensor(np.array([1, 2], np.int32)), name="q").set_data(2.5)


def case_param_assign_value(ms):
    p = ms.Parameter(ms.Tensor([1.0, 2.0]), name="w")
    r = p.assign_value(ms.Tensor([5.0, 6.0]))
    out = [r is p, p]
    p.assign_value(ms.Tensor([1, 2]))
    out.append(p)
    p.assign_value(ms.Tensor([1.0, 2.0, 3.0]))
    out.append(p)
    p.assign_value(ms.Tensor(7.0))
    out.append([p, repr(p)])
    return out


def case_param_value(ms):
    p = ms.Parameter(ms.Tensor([1.0, 2.0]), name="w")
    v = p.value()
    return [type(v).__name__, v is p, v]


def case_param_arithmetic_gives_tensor(ms):
    p = ms.Parameter(ms.Tensor([1.0, 2.0]), name="w")
    return [p * 2 + 1, p + p, -p, p[0], p.reshape(2, 1), p.astype(ms.int32), 2 * p, p > 1, p.sum(), p @ p]


def case_param_copy(ms):
    p = ms.Parameter(ms.Tensor([1.0, 2.0]), name="w")
    c = p.copy()
    return [type(c).__name__, c.name, c is p, c]


def case_param_clone(ms):
    p = ms.Parameter(ms.Tensor([1.0, 2.0]), name="w")
    c = p.clone()
    p.requires_grad = False
    z = p.clone(init="zeros")
    o = p.clone("ones")
    p.set_data(ms.Tensor([9.0, 9.0]))
    return [[type(c).__name__, c.name, c.requires_grad, c is p, c],
            [z.name, z.requires_grad, z], [o.name, o]]


def case_param_clone_auto_named(ms):
    p = ms.Parameter(ms.Tensor([1.0]))
    c = p.clone()
    return [auto_named(c), c.name == p.name]


# --------------------------------------------------------------------------
# ParameterTuple
# --------------------------------------------------------------------------

def _wb(ms):
    return ms.Parameter(ms.Tensor([1.0]), name="weight"), ms.Parameter(ms.Tensor([2.0, 3.0]), name="bias")


def case_ptuple_is_tuple(ms):
    a, b = _wb(ms)
    pt = ms.ParameterTuple([a, b])
    return [isinstance(pt, tuple), [c.__name__ for c in type(pt).__mro__], len(pt), pt[0] is a,
            type(pt[0:1]).__name__, type(pt + (a,)).__name__, param_names(pt)]


def case_ptuple_from_iterables(ms):
    a, b = _wb(ms)
    return [param_names(ms.ParameterTuple(x for x in (a, b))), param_names(ms.ParameterTuple((b, a))),
            len(ms.ParameterTuple([]))]


def case_ptuple_duplicates(ms):
    a, _ = _wb(ms)
    pt = ms.ParameterTuple([a, a])
    return [len(pt), pt[0] is pt[1]]


def case_ptuple_err_tensor_in_list(ms):
    a, _ = _wb(ms)
    return ms.ParameterTuple([a, ms.Tensor([1.0])])


def case_ptuple_err_int_in_tuple(ms):
    a, _ = _wb(ms)
    return ms.ParameterTuple((a, 1))


def case_ptuple_err_not_iterable(ms):
    return ms.ParameterTuple(3)


def case_ptuple_error_message(ms):
    a, _ = _wb(ms)
    try:
        ms.ParameterTuple([a, ms.Tensor([1.0])])
    except TypeError as exc:
        return str(exc)
    return "no error"


def case_ptuple_clone(ms):
    a, b = _wb(ms)
    b.requires_grad = False
    pt = ms.ParameterTuple([a, b])
    m = pt.clone(prefix="moments", init="zeros")
    s = pt.clone("m")
    o = pt.clone("o", "ones")
    return [type(m).__name__, [[p.name, p.requires_grad, p] for p in m], [[p.name, p.requires_grad, p] for p in s],
            [p.name for p in o], o[1], [p.name for p in pt], m[0] is a]


def case_ptuple_clone_err_prefix(ms):
    a, b = _wb(ms)
    return ms.ParameterTuple([a, b]).clone(3)


# --------------------------------------------------------------------------
# Cell
# --------------------------------------------------------------------------

def _classes(ms):
    nn = ms.nn

    class Inner(nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(ms.Tensor([1.0, 2.0]), name="myw")
            self.b = ms.Parameter(ms.Tensor([0.5]), name="b", requires_grad=False)
            self.dense = nn.Dense(2, 3, weight_init="ones", bias_init="zeros")
            self.seq = nn.SequentialCell([nn.Dense(3, 2, weight_init="ones", bias_init="zeros"), nn.ReLU()])

        def construct(self, x):
            return self.seq(self.dense(x * self.w))

    class Outer(nn.Cell):
        def __init__(self):
            super().__init__()
            self.scale = ms.Parameter(ms.Tensor(2.0), name="scale")
            self.a = Inner()
            self.layers = nn.CellList([nn.Dense(2, 2, weight_init="ones"), nn.Dense(2, 1, weight_init="ones")])
            self.pt = ms.ParameterTuple([ms.Parameter(ms.Tensor([1.0]), name="pt0"),
                                         ms.Parameter(ms.Tensor([2.0]), name="pt1")])

        def construct(self, x):
            return self.a(x) * self.scale

    return Inner, Outer


def _outer(ms):
    return _classes(ms)[1]()


def case_cell_call_construct(ms):
    nn = ms.nn

    class K(nn.Cell):
        def construct(self, x, y=1, *, z=2):
            return x + y + z

    net = _outer(ms)
    return [K()(1), K()(1, y=5, z=10), net(ms.Tensor([[1.0, 2.0]]))]


def case_cell_err_no_construct(ms):
    return ms.nn.Cell()(1)


def case_cell_err_missing_attribute(ms):
    return ms.nn.Cell().nothing


def case_cell_err_no_init_parameter(ms):
    class NoInit(ms.nn.Cell):
        def __init__(self):
            self.w = ms.Parameter(ms.Tensor([1.0]), name="w")
    return NoInit()


def case_cell_err_no_init_cell(ms):
    class NoInit(ms.nn.Cell):
        def __init__(self):
            self.d = ms.nn.Dense(1, 1)
    return NoInit()


def case_cell_no_init_plain_attribute(ms):
    class NoInit(ms.nn.Cell):
        def __init__(self):
            self.x = 3
    return NoInit().x


def case_cell_parameters_and_names(ms):
    net = _outer(ms)
    return [[n, p.name, p.requires_grad, list(p.shape)] for n, p in net.parameters_and_names()]


def case_cell_parameter_lists(ms):
    net = _outer(ms)
    g = net.get_parameters()
    d = net.parameters_dict()
    return [param_names(net.trainable_params()), param_names(net.untrainable_params()), type(g).__name__,
            param_names(g), type(d).__name__, list(d.keys()), type(net.trainable_params()).__name__]


def case_cell_not_recursive(ms):
    nn = ms.nn

    class C2(nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(ms.Tensor([1.0]), name="w")
            self.d = nn.Dense(1, 1)

    c2 = C2()
    return [param_names(c2.get_parameters(expand=False)), param_names(c2.trainable_params(recurse=False)),
            list(c2.parameters_dict(recurse=False)), names(c2.parameters_and_names(expand=False)),
            names(c2.parameters_and_names(name_prefix="root")), names(c2.cells_and_names(name_prefix="root")),
            [type(x).__name__ for x in c2.cells()], param_names(c2.untrainable_params(recurse=False))]


def case_cell_cells_and_names(ms):
    net = _outer(ms)
    nc = net.name_cells()
    return [names(net.cells_and_names()), [type(c).__name__ for _, c in net.cells_and_names()], list(nc),
            type(nc).__name__, [type(c).__name__ for c in net.cells()]]


def case_cell_training_flags(ms):
    net = _outer(ms)
    out = [net.training, net.a.training, net.requires_grad, net.a.requires_grad]
    r = net.set_train()
    out += [r is net, net.training, net.a.training, net.a.seq.training, net.layers.training, net.layers[0].training]
    net.set_train(False)
    out += [net.training, net.a.training]
    r = net.set_grad()
    out += [r is net, net.requires_grad, net.a.requires_grad, net.a.dense.requires_grad]
    net.set_grad(False)
    out.append(net.requires_grad)
    out.append(ms.nn.Dense(1, 1).training)
    return out


def case_cell_naming_children(ms):
    net = _outer(ms)
    return [net.a.w.name, net.a.b.name, net.a.dense.weight.name, net.a.seq[0].bias.name, net.layers[1].weight.name,
            net.scale.name, _classes(ms)[0]().w.name]


def case_cell_naming_top_level(ms):
    nn = ms.nn

    class Top(nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(ms.Tensor([1.0]), name="given")
            self.v = ms.Parameter(ms.Tensor([1.0]))

    d = nn.Dense(2, 3)
    return [[[n, p.name] for n, p in Top().parameters_and_names()], param_names(d.get_parameters()),
            list(d.weight.shape), list(d.bias.shape)]


def case_cell_naming_containers(ms):
    nn = ms.nn
    s = nn.SequentialCell([nn.Dense(2, 3), nn.Dense(3, 1)])
    s2 = nn.SequentialCell(nn.Dense(2, 3), nn.ReLU())
    s3 = nn.SequentialCell(OrderedDict([("fc1", nn.Dense(2, 3)), ("act", nn.ReLU())]))
    cl = nn.CellList([nn.Dense(1, 2), nn.Dense(2, 1)])
    return [param_names(s.get_parameters()), param_names(s2.get_parameters()), param_names(s3.get_parameters()),
            names(s3.cells_and_names()), param_names(cl.get_parameters()), names(cl.cells_and_names())]


def case_cell_naming_auto_prefix_false(ms):
    nn = ms.nn

    class W(nn.Cell):
        def __init__(self, n):
            super().__init__(auto_prefix=False)
            self.net = n

    w = W(nn.Dense(2, 3))
    return [param_names(w.get_parameters()), names(w.parameters_and_names())]


def case_cell_naming_parameter_tuple(ms):
    nn = ms.nn

    class PT2(nn.Cell):
        def __init__(self):
            super().__init__()
            self.a = ms.Parameter(ms.Tensor([1.0]), name="a")
            self.pt = ms.ParameterTuple([ms.Parameter(ms.Tensor([1.0]), name="x"), ms.Parameter(ms.Tensor([1.0])),
                                         ms.Parameter(ms.Tensor([1.0]))])
            self.b = ms.Parameter(ms.Tensor([1.0]), name="b")

    class Holder(nn.Cell):
        def __init__(self):
            super().__init__()
            self.inner = PT2()

    p2 = PT2()
    h = Holder()
    return [[[n, p.name] for n, p in p2.parameters_and_names()], type(p2.pt).__name__, param_names(p2.pt),
            [[n, p.name] for n, p in h.parameters_and_names()], param_names(h.inner.pt), h.inner.x.name,
            h.inner.x is h.inner.pt[0]]


def case_cell_parameter_tuple_reassigned(ms):
    nn = ms.nn

    class PT(nn.Cell):
        def __init__(self):
            super().__init__()
            self.pt = ms.ParameterTuple([ms.Parameter(ms.Tensor([1.0]))])
            self.pt2 = ms.ParameterTuple([ms.Parameter(ms.Tensor([1.0]))])

    p = PT()
    first = names(p.parameters_and_names())
    p.pt = ms.ParameterTuple([ms.Parameter(ms.Tensor([1.0]))])
    return [first, names(p.parameters_and_names()), param_names(p.pt)]


def case_cell_err_parameter_tuple_duplicate_names(ms):
    c = ms.nn.Cell()
    c.pt = ms.ParameterTuple([ms.Parameter(ms.Tensor([1.0]), name="x"), ms.Parameter(ms.Tensor([1.0]), name="x")])
    return c


def case_cell_parameter_list_attribute_not_registered(ms):
    nn = ms.nn

    class LP(nn.Cell):
        def __init__(self):
            super().__init__()
            self.ps = [ms.Parameter(ms.Tensor([1.0]), name="l0"), ms.Parameter(ms.Tensor([1.0]), name="l1")]

    lp = LP()
    return [names(lp.parameters_and_names()), param_names(lp.ps)]


def case_cell_shared_parameter(ms):
    nn = ms.nn

    class Sub(nn.Cell):
        def __init__(self, p):
            super().__init__()
            self.p = p

        def construct(self, x):
            return x * self.p

    class Sh(nn.Cell):
        def __init__(self):
            super().__init__()
            shared = ms.Parameter(ms.Tensor([1.0]), name="s")
            self.first = Sub(shared)
            self.second = Sub(shared)

        def construct(self, x):
            return self.second(self.first(x))

    sh = Sh()
    return [[[n, p.name] for n, p in sh.parameters_and_names()], param_names(sh.trainable_params()),
            list(sh.parameters_dict()), sh.first.p is sh.second.p, sh(ms.Tensor([3.0]))]


def case_cell_shared_parameter_set_later(ms):
    nn = ms.nn

    class Sh(nn.Cell):
        def __init__(self):
            super().__init__()
            shared = ms.Parameter(ms.Tensor([1.0]), name="s")
            self.c1 = nn.Cell()
            self.c1.p = shared
            self.c2 = nn.Cell()
            self.c2.q = shared

    sh = Sh()
    return [[[n, p.name] for n, p in sh.parameters_and_names()], len(sh.trainable_params())]


def case_cell_shared_child(ms):
    nn = ms.nn

    class RA(nn.Cell):
        def __init__(self):
            super().__init__()
            d = nn.Dense(1, 1)
            self.x = d
            self.y = d

    ra = RA()
    return [[[n, p.name] for n, p in ra.parameters_and_names()], names(ra.cells_and_names()), list(ra.name_cells())]


def case_cell_insert_param_to_cell(ms):
    nn = ms.nn

    class Top(nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(ms.Tensor([1.0]), name="given")

    t = Top()
    t.insert_param_to_cell("extra", ms.Parameter(ms.Tensor([3.0]), name="ex"))
    t.insert_param_to_cell("auto", ms.Parameter(ms.Tensor([3.0])))
    out = [[[n, p.name] for n, p in t.parameters_and_names()], t.auto.name]
    out.append(err(lambda: t.insert_param_to_cell("a.b", ms.Parameter(ms.Tensor([3.0])))))
    out.append(err(lambda: t.insert_param_to_cell("", ms.Parameter(ms.Tensor([3.0])))))
    out.append(err(lambda: t.insert_param_to_cell("v", ms.Tensor([1.0]))))
    t.insert_param_to_cell("dotted.name", ms.Parameter(ms.Tensor([1.0])), check_name_contain_dot=False)
    t.insert_param_to_cell("none", None)
    out.append([[n, p.name] for n, p in t.parameters_and_names()])
    out.append(t.none is None)
    return out


def case_cell_insert_child_to_cell(ms):
    nn = ms.nn
    c = nn.Cell()
    c.insert_child_to_cell("child", nn.Dense(1, 1))
    out = [names(c.cells_and_names()), param_names(c.get_parameters()), repr(c)]
    out.append(err(lambda: c.insert_child_to_cell("a.b", nn.ReLU())))
    out.append(err(lambda: c.insert_child_to_cell(1, nn.ReLU())))
    out.append(err(lambda: c.insert_child_to_cell("x", 3)))
    return out


def case_cell_update_parameters_name(ms):
    nn = ms.nn

    class Top(nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(ms.Tensor([1.0]), name="given")
            self.d = nn.Dense(1, 1)

    t = Top()
    t.update_parameters_name("pre.")
    out = [[[n, p.name] for n, p in t.parameters_and_names()]]
    t.update_parameters_name("x.", recurse=False)
    out.append(param_names(t.get_parameters()))
    t.update_parameters_name()
    out.append(param_names(t.get_parameters()))
    out.append(err(lambda: t.update_parameters_name(3)))
    return out


def case_cell_attribute_replacement(ms):
    nn = ms.nn

    class R(nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(ms.Tensor([1.0]), name="w")
            self.d = nn.Dense(1, 1)

    r = R()
    r.w = ms.Tensor(np.array([5], np.int32))
    out = [type(r.w).__name__, r.w, names(r.parameters_and_names())]
    out.append(err(lambda: setattr(r, "w", 3)))
    out.append(err(lambda: setattr(r, "d", 3)))
    r.d = None
    out += [r.d is None, names(r.cells_and_names()), repr(r), names(r.parameters_and_names())]
    r.w = None
    out += [r.w is None, names(r.parameters_and_names())]
    r.w = ms.Parameter(ms.Tensor([2.0]))
    out += [r.w.name, names(r.parameters_and_names())]
    del r.w
    out += [names(r.parameters_and_names()), err(lambda: r.w)]
    return out


def case_cell_containers(ms):
    nn = ms.nn
    seq = nn.SequentialCell(nn.Dense(1, 2), nn.Dense(2, 1))
    out = [len(seq), type(seq[0]).__name__, type(seq[-1]).__name__, type(seq[0:1]).__name__, len(seq[0:1])]
    seq.append(nn.ReLU())
    out += [len(seq), names(seq.cells_and_names()), [type(c).__name__ for c in seq]]
    cl = nn.CellList([nn.Dense(1, 2)])
    cl.append(nn.Dense(2, 1))
    cl.insert(0, nn.ReLU())
    out += [names(cl.cells_and_names()), param_names(cl.trainable_params()), len(cl), type(cl[0]).__name__]
    cl.extend([nn.Dense(1, 1)])
    out += [param_names(cl.trainable_params())]
    out.append(err(lambda: seq[5]))
    out.append(err(lambda: cl.extend(nn.ReLU())))
    return out


def case_cell_containers_inside_parent(ms):
    nn = ms.nn

    class Holder(nn.Cell):
        def __init__(self):
            super().__init__()
            self.layers = nn.CellList([nn.Dense(1, 2)])
            self.layers.append(nn.Dense(2, 1))
            self.seq = nn.SequentialCell([nn.Dense(1, 1)])
            self.seq.append(nn.Dense(1, 1))

    hh = Holder()
    out = [param_names(hh.trainable_params())]
    hh.layers.insert(1, nn.Dense(2, 2))
    out.append(param_names(hh.trainable_params()))
    hh.layers[0] = nn.Dense(1, 3)
    out.append(param_names(hh.layers.trainable_params()))
    return out


def case_cell_sequential_call(ms):
    nn = ms.nn
    seq = nn.SequentialCell([nn.Dense(2, 3, weight_init="ones", bias_init="zeros"), nn.ReLU(),
                             nn.Dense(3, 1, weight_init="ones", bias_init="ones")])
    return seq(ms.Tensor([[1.0, -2.0], [0.5, 0.5]]))


def case_cell_repr(ms):
    nn = ms.nn

    class E(nn.Cell):
        def __init__(self):
            super().__init__()
            self.d = nn.Dense(1, 1)

        def extend_repr(self):
            return "hello=1"

    class F(nn.Cell):
        def extend_repr(self):
            return "k=2"

    class G(nn.Cell):
        def extend_repr(self):
            return "a=1\nb=2"

    return [repr(_outer(ms)), repr(nn.Dense(2, 3)), repr(nn.Dense(2, 3, has_bias=False, activation="relu")),
            repr(nn.Dense(2, 3, has_bias=False)), repr(nn.Dense(2, 3, activation=nn.ReLU())),
            repr(nn.SequentialCell([nn.Dense(2, 3), nn.ReLU()])), repr(nn.CellList([nn.Dense(2, 3), nn.ReLU()])),
            repr(nn.ReLU()), repr(E()), repr(F()), repr(G()), str(F()), repr(nn.Cell())]


def case_cell_misc(ms):
    nn = ms.nn
    d = nn.Dense(2, 3)
    return [nn.Cell().cls_name, d.cls_name, d.to_float(ms.float16) is d, d.in_channels, d.out_channels, d.has_bias]


# --------------------------------------------------------------------------
# promotion table (recorded through extra_jobs / extra_result)
# --------------------------------------------------------------------------

PROMOTION_DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "float16", "float32", "float64", "bfloat16"]
PROMOTION_SCALARS = {"pyint": 3, "pyfloat": 2.5, "pybool": True}
PROMOTION_OPS = {"add": operator.add, "sub": operator.sub, "mul": operator.mul, "truediv": operator.truediv,
                 "floordiv": operator.floordiv, "mod": operator.mod, "pow": operator.pow, "lt": operator.lt,
                 "eq": operator.eq}


def promotion_operand(ms, kind, values=(1, 2)):
    """A Tensor of dtype `kind` holding `values`, or the Python scalar named `kind`."""
    if kind in PROMOTION_SCALARS:
        return PROMOTION_SCALARS[kind]
    if kind == "bfloat16":
        return ms.Tensor(np.asarray(values, np.float32)).astype(ms.bfloat16)
    return ms.Tensor(np.asarray(values).astype(kind))


def promotion_keys():
    """Every (op, lhs, rhs) of the table: tensor op tensor, tensor op scalar, scalar op tensor."""
    keys = []
    for op in PROMOTION_OPS:
        for a in PROMOTION_DTYPES:
            for b in PROMOTION_DTYPES + list(PROMOTION_SCALARS):
                keys.append((op, a, b))
            for s in PROMOTION_SCALARS:
                keys.append((op, s, a))
    return keys


def extra_jobs():
    """The promotion table's entries, recorded by `record.py` into the table "promotion"."""
    return [("promotion",) + k for k in promotion_keys()]


def extra_result(ms, job):
    """str(dtype) of `a <op> b` on small operands."""
    _, op, a, b = job
    return str(PROMOTION_OPS[op](promotion_operand(ms, a), promotion_operand(ms, b)).dtype)
