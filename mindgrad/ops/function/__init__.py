"""The functional ops, by family (MindSpore's `mindspore.ops.function`)."""

from .array_func import (broadcast_to, cast, cat, concat, dtype, expand_dims, fill, ones, ones_like, rank, reshape,
                         select, shape, size, squeeze, stop_gradient, transpose, unsqueeze, where, zeros,
                         zeros_like)
from .math_func import (abs, add, clamp, clip, clip_by_value, cos, div, exp, log, matmul, maximum, minimum, mul,
                        neg, pow, sin, sqrt, square, sub, tanh)
from .reduction_func import amax, amin, mean, sum
from .nn_func import log_softmax, relu, sigmoid, softmax
from .parameter_func import assign, assign_add, assign_sub, depend

__all__ = ["abs", "add", "amax", "amin", "clamp", "clip", "clip_by_value", "assign", "assign_add", "assign_sub", "broadcast_to", "cast", "cat", "concat", "cos", "depend", "div", "dtype", "exp", "expand_dims", "fill", "log", "log_softmax", "matmul", "maximum", "mean", "minimum", "mul", "neg", "ones", "ones_like", "pow", "rank", "relu", "reshape", "select", "shape", "sigmoid", "sin", "size", "softmax", "sqrt", "square", "squeeze", "stop_gradient", "sub", "sum", "tanh", "transpose", "unsqueeze", "where", "zeros", "zeros_like"]
