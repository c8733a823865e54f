"""The functional ops, by family (MindSpore's `mindspore.ops.function`)."""

import types as _types

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
from .tensor_more_func import diff, index_add, inverse, lerp, movedim, scatter, searchsorted

from .array_select_func import (argsort, argwhere, bucketize, count_nonzero, is_floating_point, is_tensor,
                                masked_select, scatter_nd_update, tensor_scatter_elements, typeof, unique,
                                unique_consecutive)
from .array_shape_func import (diag, diagonal, meshgrid, numel, repeat_elements, repeat_interleave, reverse,
                               reverse_sequence, roll, tensor_split, tril, triu)
from .conv_pool_func import adaptive_avg_pool2d, avg_pool2d, conv1d, conv2d, dense, unfold
from .creation_func import linspace, logspace
from .elementwise_func import (acos, atan, atan2, bitwise_and, bitwise_or, bitwise_xor, cumprod, eq, expm1, log1p,
                               log2, multiply, nan_to_num, pows)
from .inner_func import make_range, mixed_precision_cast, tuple_len
from .linalg_func import addmm, baddbmm, dot, einsum, outer, pinv, quantile, svd, tensor_dot
from .nn_more_func import binary_cross_entropy, cosine_similarity, dropout, flash_attention_score, gumbel_softmax
from .sampling_func import bernoulli, multinomial, rand_like, randint, randn_like, randperm
from .batchnorm_func import acosh, asin, asinh, atanh, cosh, digamma, erfinv, lgamma, sinh, tan, xlogy
from .complex_func import angle, conj, imag, real
from .grad.grad_func import (get_grad, grad, jacfwd, jacrev, jvp, partial, stop_gradient_, value_and_grad,
                             vjp)
from .taylor_func import derivative, jet, linearize
from .vmap_func import vmap
from .mint_shared_func import embedding, group_norm
from .tail_func import *  # noqa: F401,F403 - issue 17 tail (ops17): the names in tail_func.__all__
from .mint_fn_support_func import (addbmm, addcdiv, addcmul, addmv, bincount, cross, cummax, cummin, dstack, exp2,
                                   float_power, fmod, frac, gcd, histc, hstack, log10, logaddexp,
                                   logaddexp2, matrix_norm, median, mv, nansum, qr, randint_like, ravel,
                                   sinc, std_mean, t, trace, var_mean, vector_norm)
from .tail17_func import hardtanh, tanhshrink, threshold  # noqa: E402
from .tail2_func import *  # noqa: E402,F401,F403 - issue 17 tail, part 2 (ops17): tail2_func.__all__
from .products_shapes_func import *  # noqa: E402,F401,F403 - session 8 tail (tailfn): its __all__
from .nn_pool3d_func import *  # noqa: E402,F401,F403 - session 8 tail (tailfn): its __all__

__all__ = [name for name in dir() if not name.startswith("_") and not isinstance(globals()[name], _types.ModuleType)]
