"""The "auto" level's casts of functional ops: while a network processed with `auto_mixed_precision(net,
"auto")` runs (MindSpore pushes an amp strategy around its `construct`, or around the call of a function
network), the functional ops whose MindSpore implementation runs an operator of its auto white list take
their float inputs in the low type, those reaching an operator of its black list in Float32, and those of
its promote list in the widest float type of their inputs. The tables are by public name and namespace,
as observed on MindSpore 2.10's CPU build (where, for example, `ops.cross_entropy` is cast through its
inner log-softmax and `mint.dot` is not cast).

mindgrad applies the casts where user code reaches the ops: the listed names of `ops` (and of
`ops.function` / `ops.functional`, which Tensor methods and operators such as `x @ w` and `x ** 2` call),
`mint` and `mint.nn.functional` are replaced by casting wrappers while such a network runs (in any
thread; the wrappers cast only in the threads running one), and restored after, so that no op pays for
it when "auto" is not in use; a call of an "auto" network pays for the swap (some 30 microseconds). The
Primitive classes of MindSpore's lists are swapped the same way in `ops`, `ops.operations` and
`ops.auto_generate`, for subclasses whose calls cast (a Primitive created inside `construct`). An op or
class imported by name (`from mindspore.ops import matmul`) into the module of an "auto" network's code
(its Cells' `construct`, a function network) is swapped in that module's globals too (`watch_globals`);
one imported into a module whose functions the network only calls is not.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import threading
from typing import Any, Callable

import jax.numpy as jnp

from ..common import dtype as mstype
from ..common.tensor import Tensor
from ..ops.function.nn_func import nll_loss
from ..ops.function.reduction_func import amax, logsumexp
from ._cast import cast_floats

# MindSpore 2.10's AMP_AUTO_WHITE_LIST, AMP_AUTO_BLACK_LIST and promote list, by Primitive class name.
AUTO_WHITE_PRIMITIVES = ("Conv2D", "Conv3D", "Conv2DExt", "Conv3DExt", "ConvTranspose2D", "Conv2DTranspose",
                         "Conv3DTranspose", "Convolution", "MatMul", "MatMulExt", "BatchMatMul", "BatchMatMulExt",
                         "PReLU", "Einsum", "Dense", "Addmm", "Addbmm", "Addmv", "Baddbmm", "Mv")
AUTO_BLACK_PRIMITIVES = ("Pow", "ACos", "Asin", "Cosh", "Erfinv", "Exp", "Expm1", "Log", "Log10", "Log1p", "Log2",
                         "Reciprocal", "Rsqrt", "Sinh", "Tan", "Softplus", "SoftplusExt", "LayerNorm", "LayerNormExt",
                         "BatchNorm", "BatchNormExt", "GroupNorm", "Norm", "KLDivLoss", "SmoothL1Loss",
                         "MultilabelMarginLoss", "SoftMarginLoss", "TripletMarginLoss", "MultiMarginLoss",
                         "BCEWithLogitsLoss", "Pdist", "Cdist", "Renorm", "ReduceProd", "Softmax", "LogSoftmax",
                         "LogSoftmaxExt", "CumProd", "CumSum", "CumsumExt", "ProdExt", "SumExt", "L1LossExt",
                         "MSELossExt", "NLLLoss", "NLLLoss2d")
AUTO_PROMOTE_PRIMITIVES = ("Addcdiv", "Addcmul", "Cross", "Dot", "GridSampler2D", "GridSampler3D", "BiasAdd", "AddN",
                           "Concat")

WHITE, BLACK, PROMOTE = "white", "black", "promote"
# MindSpore composites whose inner operators are cast one by one: `addmm`-like ops run their matmul in the
# low type (its result added to the Float32 input), `logsumexp` subtracts the maximum in its input's type
# before its black-listed exp/sum/log, and `cross_entropy` (class indices) is `nll_loss(x - logsumexp(x))`.
MATMUL_ARGS, LOGSUMEXP, CROSS_ENTROPY = "matmul_args", "logsumexp", "cross_entropy"

_OPS = {WHITE: ("matmul", "mm", "bmm", "conv1d", "conv2d", "dense", "mv", "dot"),
        BLACK: ("acos", "asin", "cosh", "erfinv", "exp", "exp2", "expm1", "log", "log10", "log1p", "log2",
                "log_softmax", "pow", "pows", "prod", "reciprocal", "rsqrt", "sinh", "softmax", "softplus", "sum",
                "tan", "tensor_exp", "tensor_pow", "cumsum", "cumprod", "group_norm", "nll_loss", "smooth_l1_loss",
                "binary_cross_entropy_with_logits", "kl_div", "cdist", "logaddexp", "logaddexp2", "var",
                "cosine_similarity"),
        PROMOTE: ("cat", "concat", "addn", "cross", "addcdiv", "addcmul", "bias_add"),
        MATMUL_ARGS: ("addmm", "baddbmm", "addmv"), LOGSUMEXP: ("logsumexp",), CROSS_ENTROPY: ("cross_entropy",)}
_MINT = {WHITE: ("matmul", "bmm"),
         BLACK: ("cdist", "cosh", "erfinv", "exp", "expm1", "log", "log1p", "pow", "prod", "reciprocal", "rsqrt",
                 "sinh", "sum", "tan", "cumprod"),
         PROMOTE: ("cat", "concat", "cross")}
_MINT_FUNCTIONAL = {WHITE: ("linear",),
                    BLACK: ("binary_cross_entropy_with_logits", "smooth_l1_loss", "softmax", "softplus", "nll_loss",
                            "layer_norm"),
                    PROMOTE: ()}
_PRIMITIVE_MODULES = ("mindgrad.ops", "mindgrad.ops.operations", "mindgrad.ops.auto_generate")
_TABLES = (("mindgrad.ops", _OPS), ("mindgrad.ops.function", _OPS), ("mindgrad.ops.functional", _OPS),
           ("mindgrad.mint", _MINT), ("mindgrad.mint.nn.functional", _MINT_FUNCTIONAL))


class _Local(threading.local):
    dtypes: list

    def __init__(self) -> None:
        self.dtypes = []


_local = _Local()
_lock = threading.Lock()
_active = 0                  # threads' nested runs in progress; the wrappers are installed while > 0
_swaps: list | None = None   # (module namespace, {name: wrapper}, {name: original}), built on first use
_by_original: dict = {}      # id(original) -> (original, wrapper): the first table's rule for an op in several
_watched: dict = {}          # id(user module globals) -> the globals, to scan for ops imported by name
_scanned: set = set()        # ids of the watched globals already in `_swaps`


def _float_dtypes(value: Any) -> list:
    if isinstance(value, Tensor):
        return [value._arr.dtype] if jnp.issubdtype(value._arr.dtype, jnp.floating) else []
    if isinstance(value, (tuple, list)):
        return [d for v in value for d in _float_dtypes(v)]
    return []


def _low_float(x: Any) -> bool:
    return isinstance(x, Tensor) and x._arr.dtype in (jnp.float16, jnp.bfloat16)


def _matmul_args(fn: Callable, *args, **kwargs):
    low = _local.dtypes[-1]
    args = args[:1] + cast_floats(tuple(args[1:3]), low) + tuple(args[3:])
    kwargs = {k: cast_floats(v, low) if k in ("mat1", "mat2", "batch1", "batch2", "mat", "vec") else v
              for k, v in kwargs.items()}
    return fn(*args, **kwargs)


def _logsumexp(fn: Callable, x, dim, keepdim: bool = False):
    if not _low_float(x):
        return fn(cast_floats(x, mstype.float32), dim, keepdim)
    top = amax(x, dim, True)
    out = fn((x - top).astype(mstype.float32), dim, keepdim)
    return out + (top if keepdim else amax(x, dim, False)).astype(mstype.float32)


def _cross_entropy(fn: Callable, input, target, weight=None, ignore_index: int = -100,  # noqa: A002
                   reduction: str = "mean", label_smoothing: float = 0.0):
    f32 = mstype.float32
    if not _low_float(input) or jnp.issubdtype(target._arr.dtype, jnp.floating):
        return fn(cast_floats(input, f32), cast_floats(target, f32), cast_floats(weight, f32), ignore_index,
                  reduction, label_smoothing)
    logp = input - _logsumexp(logsumexp, input, 0 if input.ndim == 1 else 1, True)
    return nll_loss(logp, target, cast_floats(weight, f32), ignore_index, reduction, label_smoothing)


_SPECIAL = {MATMUL_ARGS: _matmul_args, LOGSUMEXP: _logsumexp, CROSS_ENTROPY: _cross_entropy}


def _cast_call(fn: Callable, rule: str, args: tuple, kwargs: dict):
    """`fn(*args, **kwargs)` with the rule's casts when an "auto" network runs in this thread."""
    if not _local.dtypes:
        return fn(*args, **kwargs)
    special = _SPECIAL.get(rule)
    if special is not None:
        return special(fn, *args, **kwargs)
    if rule == WHITE:
        dtype = _local.dtypes[-1]
    elif rule == BLACK:
        dtype = mstype.float32
    else:
        found = _float_dtypes((args, tuple(kwargs.values())))
        if not found:
            return fn(*args, **kwargs)
        widest = found[0]
        for d in found[1:]:
            widest = jnp.promote_types(widest, d)
        dtype = mstype.from_numpy(widest)
    return fn(*cast_floats(args, dtype), **{k: cast_floats(v, dtype) for k, v in kwargs.items()})


def _wrapper(fn: Callable, rule: str) -> Callable:
    @functools.wraps(fn)
    def autocast(*args, **kwargs):
        return _cast_call(fn, rule, args, kwargs)

    return autocast


def _primitive_class(cls: type, rule: str) -> type:
    """A subclass of a Primitive class (same name) whose calls follow `rule`: a Primitive created inside an
    "auto" network's `construct` (`ops.MatMul()(x, w)`) is one of these."""
    def __call__(self, *args, **kwargs):
        return _cast_call(functools.partial(cls.__call__, self), rule, args, kwargs)

    return type(cls.__name__, (cls,), {"__call__": __call__, "__module__": cls.__module__,
                                       "__qualname__": cls.__qualname__})


def _primitive_tables() -> tuple:
    table = {WHITE: AUTO_WHITE_PRIMITIVES, BLACK: AUTO_BLACK_PRIMITIVES, PROMOTE: AUTO_PROMOTE_PRIMITIVES}
    return tuple((name, table) for name in _PRIMITIVE_MODULES)


def _build_swaps() -> list:
    swaps, made = [], {}
    for module_name, table in _TABLES + _primitive_tables():
        namespace = importlib.import_module(module_name).__dict__
        originals = {name: namespace[name] for names in table.values() for name in names if name in namespace}
        wrappers = {}
        for rule, names in table.items():
            for name in names:
                value = namespace.get(name)
                if value is None:
                    continue
                key = (id(value), rule)   # one wrapper per function or class: `mint.exp is ops.exp` holds
                if key not in made:
                    made[key] = _primitive_class(value, rule) if isinstance(value, type) else _wrapper(value, rule)
                wrappers[name] = made[key]
        swaps.append((namespace, wrappers, originals))
        for name, original in originals.items():
            _by_original.setdefault(id(original), (original, wrappers[name]))
    return swaps


def watch_globals(code: Any) -> None:
    """Swap the listed ops that the module of `code` (a Cell class's `construct`, a function network)
    imported by name, while "auto" networks run; mindgrad's own modules are left alone."""
    namespace = getattr(inspect.unwrap(getattr(code, "construct", code)), "__globals__", None)
    if namespace is None or str(namespace.get("__name__", "")).split(".")[0] == "mindgrad":
        return
    with _lock:
        _watched.setdefault(id(namespace), namespace)


def _scan_watched() -> None:
    """Add the watched globals not yet scanned to `_swaps` (under `_lock`; installed at once if active)."""
    for key, namespace in list(_watched.items()):
        if key in _scanned:
            continue
        _scanned.add(key)
        originals = {name: value for name, value in list(namespace.items())
                     if id(value) in _by_original and _by_original[id(value)][0] is value}
        if originals:
            swap = (namespace, {name: _by_original[id(v)][1] for name, v in originals.items()}, originals)
            _swaps.append(swap)
            if _active:
                namespace.update(swap[1])


def _install(on: bool) -> None:
    for namespace, wrappers, originals in _swaps:
        namespace.update(wrappers if on else originals)


class autocast_ops:  # noqa: N801 - used as a context manager, like MindSpore's AmpDecorator
    """While active (nestable, per thread), the listed functional ops cast their inputs for `dtype`."""

    def __init__(self, dtype: mstype.Type) -> None:
        self.dtype = dtype

    def __enter__(self) -> None:
        global _active, _swaps
        _local.dtypes.append(self.dtype)
        with _lock:
            if _swaps is None:
                _swaps = _build_swaps()
            if len(_scanned) != len(_watched):
                _scan_watched()
            _active += 1
            if _active == 1:
                _install(True)

    def __exit__(self, *exc) -> None:
        global _active
        _local.dtypes.pop()
        with _lock:
            _active -= 1
            if _active == 0:
                _install(False)


def auto_function(fn: Callable, dtype: mstype.Type) -> Callable:
    """A function network under the "auto" level: `fn` called with the functional ops' casts active."""
    watch_globals(fn)

    @functools.wraps(fn)
    def amp_auto(*args, **kwargs):
        with autocast_ops(dtype):
            return fn(*args, **kwargs)

    return amp_auto


_AUTO_CLASSES: dict[type, type] = {}


def auto_class(cls: type) -> type:
    """The subclass of a Cell class whose `construct` runs with the functional ops' casts active for the
    instance's `_mindgrad_amp_auto` dtype (named as the class)."""
    if "_mindgrad_amp_auto_base" in cls.__dict__:
        return cls
    sub = _AUTO_CLASSES.get(cls)
    if sub is None:
        def construct(self, *args, **kwargs):
            with autocast_ops(self.__dict__["_mindgrad_amp_auto"]):
                return cls.construct(self, *args, **kwargs)

        sub = type(cls.__name__, (cls,), {"construct": construct, "__module__": cls.__module__,
                                          "__qualname__": cls.__qualname__, "_mindgrad_amp_auto_base": cls})
        _AUTO_CLASSES[cls] = sub
    return sub
