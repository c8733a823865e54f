"""Primitive classes (`from mindspore.ops import operations as P`)."""

from .array_ops import (BroadcastTo, Cast, Concat, DType, ExpandDims, Fill, OnesLike, Reshape, Select, Shape,
                        Squeeze, StopGradient, Transpose, ZerosLike)
from .math_ops import (Abs, Add, BatchMatMul, Cos, Div, Exp, Log, MatMul, Maximum, Minimum, Mul, Neg, Pow, RealDiv,
                       ReduceMax, ReduceMean, ReduceMin, ReduceSum, Sin, Sqrt, Square, Sub, Tanh)
from .nn_ops import LogSoftmax, ReLU, Sigmoid, Softmax
from .other_ops import Assign, AssignAdd, Depend
