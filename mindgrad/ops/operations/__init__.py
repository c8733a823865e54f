"""Primitive classes (`from mindspore.ops import operations as P`)."""

from .array_ops import (ArgMaxWithValue, ArgMinWithValue, Argmax, Argmin, BroadcastTo, Cast, Concat, DType,
                        ExpandDims, Eye, Fill, Flatten, Gather, GatherD, GatherNd, Identity, MaskedFill, OneHot, Ones,
                        OnesLike, Range, Rank, Reshape, ScatterNd, Select, Shape, Size, Slice, Sort, Split, Squeeze,
                        Stack, StopGradient, StridedSlice, Tile, TopK, Transpose, Unstack, Zeros, ZerosLike)
from .comm_ops import AllGather, AllReduce, ReduceOp
from .image_ops import NMSWithMask, ResizeBilinear, ResizeBilinearV2, ResizeNearestNeighbor
from .math_ops import (Abs, Add, AddN, BatchMatMul, Ceil, Cos, CumSum, Div, Equal, Erf, Erfc, Exp, Floor, FloorDiv,
                       FloorMod, Greater, GreaterEqual, IsFinite, IsInf, IsNan, Less, LessEqual, Log, LogicalAnd,
                       LogicalNot, LogicalOr, MatMul, Maximum, Minimum, Mul, Neg, NotEqual, Pow, RealDiv, Reciprocal,
                       ReduceAll, ReduceAny, ReduceMax, ReduceMean, ReduceMin, ReduceProd, ReduceSum, Round, Rsqrt,
                       Sign, Sin, Sqrt, Square, Sub, Tanh)
from .nn_ops import (AvgPool, BCEWithLogitsLoss, BiasAdd, Dropout, Elu, FastGeLU, GeLU, L2Normalize, LogSoftmax,
                     MaxPool, Pad, ReLU, ReLU6, RmsNorm, Sigmoid, SigmoidCrossEntropyWithLogits, SmoothL1Loss, Softmax,
                     SoftmaxCrossEntropyWithLogits, Softplus, SparseSoftmaxCrossEntropyWithLogits)
from .other_ops import Assign, AssignAdd, AssignSub, Depend
from .random_ops import StandardNormal, UniformInt, UniformReal
