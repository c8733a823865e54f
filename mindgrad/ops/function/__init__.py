"""The functional ops, by family (MindSpore's `mindspore.ops.function`)."""

from .array_func import (arange, broadcast_to, cast, cat, chunk, concat, dtype, expand_dims, eye, fill, flatten, flip,
                         full, full_like, gather, gather_d, gather_elements, gather_nd, identity, index_select,
                         masked_fill, narrow, nonzero, one_hot, ones, ones_like, permute, range, rank, reshape,
                         scalar_to_tensor, scatter_nd, select, shape, size, slice, sort, split, squeeze, stack,
                         stop_gradient, strided_slice, swapaxes, tile, top_k, topk, transpose, tuple_to_array, unbind,
                         unsqueeze, unstack, where, zeros, zeros_like)
from .clip_func import clamp, clip, clip_by_global_norm, clip_by_value
from .comparison_func import (equal, ge, greater, greater_equal, gt, isclose, isfinite, isinf, isnan, le, less,
                              less_equal, logical_and, logical_not, logical_or, lt, ne, not_equal)
from .math_func import (abs, add, addn, bmm, ceil, cos, cumsum, div, erf, erfc, exp, floor, floor_divide, floor_mod,
                        log, matmul, maximum, minimum, mm, mul, neg, pow, reciprocal, remainder, round, rsqrt, sign,
                        sin, sqrt, square, sub, tanh, true_divide, trunc)
from .nn_func import (bias_add, binary_cross_entropy_with_logits, cross_entropy, elu, fast_gelu, gelu, interpolate,
                      l1_loss, leaky_relu, log_softmax, max_pool2d, mse_loss, nll_loss, pad, relu, relu6, rms_norm,
                      sigmoid, silu, smooth_l1_loss, softmax, softplus)
from .parameter_func import assign, assign_add, assign_sub, depend
from .random_func import normal, rand, randn, standard_normal, uniform
from .reduction_func import (all, amax, amin, any, argmax, argmin, logsumexp, max, mean, min, norm, prod, std, sum,
                             var)

__all__ = [name for name in dir() if not name.startswith("_") and name not in (
    "array_func", "clip_func", "comparison_func", "math_func", "nn_func", "parameter_func", "random_func",
    "reduction_func")]
