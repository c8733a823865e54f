"""Primitive classes (`from mindspore.ops import operations as P`)."""

from .array_ops import (ArgMaxWithValue, ArgMinWithValue, Argmax, Argmin, BroadcastTo, Cast, Concat, DType,
                        ExpandDims, Eye, Fill, Flatten, Gather, GatherD, GatherNd, Identity, MaskedFill, OneHot, Ones,
                        OnesLike, Range, Rank, Reshape, ScatterNd, Select, Shape, Size, Slice, Sort, Split, Squeeze,
                        Stack, StopGradient, StridedSlice, Tile, TopK, Transpose, Unstack, Zeros, ZerosLike)
from .comm_ops import (AllGather, AllReduce, AlltoAll, Barrier, Broadcast, CollectiveGather, CollectiveScatter, Reduce,
                       ReduceOp, ReduceScatter)
from .batchnorm_ops import (Acosh, Asin, Asinh, Atanh, BatchNorm, Cosh, Digamma, Erfinv, Lgamma, Sinh, Tan,
                            Xlogy)
from .complex_ops import Angle, Complex, ComplexAbs, Conj, Imag, Real
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
from .array_math_more_ops import (ACos, Atan, Atan2, BitwiseAnd, BitwiseOr, BitwiseXor, DepthToSpace, Einsum, Expm1,
                                  LinSpace, Log1p, LpNorm, MaskedSelect, Meshgrid, Mod, Multinomial, NonZero,
                                  RandomCategorical, ReverseSequence, ReverseV2, Rint, ScatterAdd, ScatterNdUpdate,
                                  Unique)
from .custom_ops import Custom, CustomRegOp, DataType, PyFunc
from .debug_ops import HistogramSummary, ImageSummary, Print, ScalarSummary, TensorSummary
from .detection_ops import (IOU, BoundingBoxDecode, BoundingBoxEncode, CheckValid, CropAndResize, RandomChoiceWithMask,
                            ROIAlign)
from .inner_ops import (DropoutDoMask, DropoutGenMask, FloatStatus, GatherV2, NPUAllocFloatStatus, NPUClearFloatStatus,
                        NPUGetFloatStatus, Randperm, ScalarCast, ScalarToArray, ScalarToTensor, TensorAdd, TupleToArray)
from .nn_more_ops import (AdaptiveAvgPool2D, AvgPool3D, BinaryCrossEntropy, Conv2D, Conv2DBackpropInput,
                          Conv2DTranspose, FlashAttentionScore, KLDivLoss, L2Loss, LayerNorm, MaxPool3D, NLLLoss, PReLU)
from ...nn._hooks import HookBackward  # noqa: E402,F401 - the hook logic lives beside the Cell hooks
from .optim_ops import *  # noqa: E402,F401,F403 - optimizer Primitives (ApplyMomentum, Adam, ...)
from .tail_ops import *  # noqa: E402,F401,F403 - issue 17 tail (ops17): the names in tail_ops.__all__
from .rnn_ops import *  # noqa: E402,F401,F403 - recurrent Primitives (LSTM, DynamicRNN, DynamicGRUV2)
from .tail2_ops import *  # noqa: E402,F401,F403 - issue 17 tail, part 2 (ops17): tail2_ops.__all__
from .comm_ops import Receive, Send  # noqa: E402,F401 - point-to-point Primitives (comm20)
from .tailpb_paths import *  # noqa: E402,F401,F403 - tailprimB's Primitives: tailpb_ops.__all__
from .pa_linalg_ops import *  # noqa: E402,F401,F403 - tailprimA's linear algebra Primitives (Cholesky, ...)
from .pa_math_nn_ops import *  # noqa: E402,F401,F403 - tailprimA's element-wise and nn Primitives (DivNoNan, LRN, ...)
