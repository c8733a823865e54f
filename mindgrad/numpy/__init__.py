"""`mindspore.numpy`: NumPy's functions on mindgrad Tensors, with MindSpore's dtypes and argument rules.

`import mindgrad.numpy as mnp` (or `import mindspore.numpy as mnp` after `install_as_mindspore()`).
Every function takes and returns Tensors; Python numbers, lists and tuples count as Int32/Float32
Tensors; results follow MindSpore where they differ from NumPy's (Int32 `arange`, Float32
`linspace`, Int64 integer sums, ...). The functions are JAX code: they differentiate (`ms.grad`),
compile (`ms.jit`, GRAPH_MODE) and batch (`vmap`), except those whose output shape depends on the
input values (`unique`, `argwhere`, `where(condition)`, set functions, `bincount` without `length`).
Random functions draw from mindgrad's seeded streams (`ms.set_seed`).
"""

from ..common import dtype as _mstype
from . import _array_ops, _creation, _math_ops, _ufuncs
from ._array_ops import (append, apply_along_axis, apply_over_axes, argwhere, array_equal, array_equiv,  # noqa: F401
                         array_split, array_str, atleast_1d, atleast_2d, atleast_3d, broadcast_arrays, broadcast_to,
                         choose, column_stack, concatenate, diag, diagflat, diagonal, dsplit, dstack, expand_dims, flip,
                         fliplr, flipud, hsplit, hstack, in1d, intersect1d, isin, isscalar, moveaxis, pad, piecewise,
                         ravel, ravel_multi_index, repeat, reshape, roll, rollaxis, rot90, select, setdiff1d, size,
                         split, squeeze, stack, swapaxes, take, take_along_axis, tile, transpose, tril, triu, unique,
                         unravel_index, vsplit, vstack, where)
from ._creation import (arange, array, asarray, asfarray, bartlett, blackman, diag_indices, empty,  # noqa: F401
                        empty_like, eye, full, full_like, geomspace, hamming, hanning, histogram, histogram2d,
                        histogram_bin_edges, histogramdd, identity, indices, ix_, linspace, logspace, meshgrid, mgrid,
                        ogrid, ones, ones_like, tri, tril_indices, tril_indices_from, triu_indices, triu_indices_from,
                        vander, zeros, zeros_like)
from ._creation import copy_ as copy  # noqa: F401
from ._math_ops import (amax, amin, argmax, argmin, around, average, bincount, clip, convolve, corrcoef,  # noqa: F401
                        correlate, count_nonzero, cov, cross, cumprod, cumsum, diff, digitize, dot, ediff1d, gradient,
                        inner, interp, isclose, kron, matmul, matrix_power, max, mean, min, multi_dot, nancumsum,
                        nanmax, nanmean, nanmin, nanstd, nansum, nanvar, norm, outer, polyadd, polyder, polyint,
                        polymul, polysub, polyval, promote_types, ptp, result_type, round, searchsorted, sometrue,
                        std, sum, tensordot, trace, trapz, unwrap, var)
from ._random import rand, randint, randn  # noqa: F401

globals().update(_ufuncs.FUNCTIONS)

bool_ = _mstype.bool_
int8, int16, int32, int64 = _mstype.int8, _mstype.int16, _mstype.int32, _mstype.int64
uint8, uint16, uint32, uint64 = _mstype.uint8, _mstype.uint16, _mstype.uint32, _mstype.uint64
float16, float32, float64 = _mstype.float16, _mstype.float32, _mstype.float64
int_, uint, float_ = _mstype.int32, _mstype.uint32, _mstype.float32

pi = 3.141592653589793
inf = PINF = float("inf")
NINF = float("-inf")
nan = float("nan")

__all__ = sorted(n for n in globals() if not n.startswith("_") and n not in ("pi", "inf", "nan", "NINF", "PINF"))
del _array_ops, _creation, _math_ops
