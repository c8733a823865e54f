"""Array Primitives (`mindspore.ops.operations.array_ops`): shape, selection, creation and sorting."""

from __future__ import annotations

import math

from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..function import array_func as F
from ..function import reduction_func as R
from ..primitive import Primitive, functional_primitive, prim_attr_register


def _fp(name: str, fn):
    return functional_primitive(name, fn, __name__)


Reshape = _fp("Reshape", F.reshape)
Transpose = _fp("Transpose", F.transpose)
ExpandDims = _fp("ExpandDims", F.expand_dims)
Tile = _fp("Tile", F.tile)
GatherNd = _fp("GatherNd", F.gather_nd)
GatherD = _fp("GatherD", F.gather_d)
ScatterNd = _fp("ScatterNd", F.scatter_nd)
Slice = _fp("Slice", F.slice)
Fill = _fp("Fill", F.fill)
Zeros = _fp("Zeros", F.zeros)
Ones = _fp("Ones", F.ones)
ZerosLike = _fp("ZerosLike", F.zeros_like)
OnesLike = _fp("OnesLike", F.ones_like)
Eye = _fp("Eye", F.eye)
Select = _fp("Select", F.select)
MaskedFill = _fp("MaskedFill", F.masked_fill)
Cast = _fp("Cast", F.cast)
Shape = _fp("Shape", F.shape)
DType = _fp("DType", F.dtype)
Rank = _fp("Rank", F.rank)
Size = _fp("Size", F.size)
Identity = _fp("Identity", F.identity)
StopGradient = _fp("StopGradient", F.stop_gradient)


class Concat(Primitive):
    @prim_attr_register
    def __init__(self, axis: int = 0):
        pass

    def __call__(self, tensors):
        return F.concat(tensors, self.axis)


class Stack(Primitive):
    @prim_attr_register
    def __init__(self, axis: int = 0):
        pass

    def __call__(self, tensors):
        return F.stack(tensors, self.axis)


class Unstack(Primitive):
    @prim_attr_register
    def __init__(self, axis: int = 0, num=None):
        pass

    def __call__(self, input_x):
        return F.unstack(input_x, self.axis)


class Split(Primitive):
    """`output_num` equal parts along `axis` (`ops.split` takes chunk sizes instead)."""

    @prim_attr_register
    def __init__(self, axis: int = 0, output_num: int = 1):
        pass

    def __call__(self, input_x):
        return F.split_output_num(input_x, self.axis, self.output_num)


class Gather(Primitive):
    @prim_attr_register
    def __init__(self, batch_dims: int = 0):
        pass

    def __call__(self, input_params, input_indices, axis):
        return F.gather(input_params, input_indices, axis, self.batch_dims)


class StridedSlice(Primitive):
    @prim_attr_register
    def __init__(self, begin_mask: int = 0, end_mask: int = 0, ellipsis_mask: int = 0, new_axis_mask: int = 0,
                 shrink_axis_mask: int = 0):
        pass

    def __call__(self, input_x, begin, end, strides):
        return F.strided_slice(input_x, begin, end, strides, self.begin_mask, self.end_mask, self.ellipsis_mask,
                               self.new_axis_mask, self.shrink_axis_mask)


class OneHot(Primitive):
    """One-hot along `axis`; `on_value`/`off_value` must be Tensors (their dtype is the result's)."""

    @prim_attr_register
    def __init__(self, axis: int = -1):
        pass

    def __call__(self, indices, depth, on_value, off_value):
        if not isinstance(on_value, Tensor) or not isinstance(off_value, Tensor):
            raise TypeError("For 'OneHot', the 'on_value' and 'off_value' should be Tensors.")
        return F.one_hot(indices, depth, on_value, off_value, self.axis)


class Range(Primitive):
    @prim_attr_register
    def __init__(self, maxlen: int = 1000000):
        pass

    def __call__(self, start, end, step):
        return F.range(start, end, step, self.maxlen)


class Squeeze(Primitive):
    @prim_attr_register
    def __init__(self, axis=()):
        pass

    def __call__(self, input):
        return F.squeeze(input, self.axis)


class Flatten(Primitive):
    """Flatten to (N, -1); a 0-d input is refused (RuntimeError), as by MindSpore."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, input_x):
        shape = F.shape(input_x)
        if not shape:
            raise RuntimeError("For 'Flatten', the input shape should not be empty.")
        return F.reshape(input_x, (shape[0], math.prod(shape[1:])))


class BroadcastTo(Primitive):
    @prim_attr_register
    def __init__(self, shape):
        pass

    def __call__(self, input):
        return F.broadcast_to(input, self.shape)


class Sort(Primitive):
    @prim_attr_register
    def __init__(self, axis: int = -1, descending: bool = False):
        pass

    def __call__(self, x):
        return F.sort(x, self.axis, self.descending)


class TopK(Primitive):
    """The k largest entries along the last axis: (values, Int32 indices)."""

    @prim_attr_register
    def __init__(self, sorted: bool = True):  # noqa: A002 - MindSpore's name
        pass

    def __call__(self, input_x, k):
        return F.topk(input_x, k)


class Argmax(Primitive):
    """Index of the maximum along `axis` as `output_type` (Int32 by default, unlike `ops.argmax`)."""

    @prim_attr_register
    def __init__(self, axis: int = -1, output_type=mstype.int32):
        pass

    def _cast(self, index):
        if self.output_type not in (mstype.int32, mstype.int64):
            raise ValueError(f"Argmax error: dtype should be Int32 or Int64 but got {self.output_type}")
        return F.cast(index, self.output_type)

    def __call__(self, input_x):
        return self._cast(R.argmax(input_x, self.axis))


class Argmin(Argmax):
    def __call__(self, x):
        return self._cast(R.argmin(x, self.axis))


class ArgMaxWithValue(Primitive):
    """(Int64 index, value) of the maximum along `axis`; the gradient goes to the index."""

    @prim_attr_register
    def __init__(self, axis: int = 0, keep_dims: bool = False):
        pass

    def __call__(self, input):
        return R.argmax_with_value(input, self.axis, self.keep_dims)


class ArgMinWithValue(ArgMaxWithValue):
    def __call__(self, input):
        return R.argmax_with_value(input, self.axis, self.keep_dims, largest=False)


from .tailpb_ops import (RightShift, ScatterNdAdd, SearchSorted, TensorShape, UniqueConsecutive,  # noqa: E402,F401
                         UnravelIndex, UnsortedSegmentSum)  # P.array_ops paths (tailprimB)
from .array_math_more_ops import Meshgrid  # noqa: E402,F401 - P.array_ops path (tailprimB)
