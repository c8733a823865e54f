"""Op database, issue 17 tail (part 2, ops17): `P.nn_ops.DeformableOffsets` and `ops.deformable_conv2d`, the
deprecated `P.MaxPoolWithArgmax` / `P.identity`, `ScatterUpdate`, `SparseTensorDenseMatmul` and the `ops` forms of
pooling / folding / pixel-shuffle functions. Recorded from MindSpore 2.10 with `record.py tail7`; replayed by
tests/test_opdb.py. DeformableOffsets takes Float16/Float32 only and MaxPoolWithArgmax returns an Int32 index, so
their gradients are recorded by the extra cases below and `check_grads` runs in tests/test_tail7.py."""

import numpy as np
from opdb import Dtype, OpInfo, S, cases

RS = np.random.RandomState(7)

X = RS.randn(1, 2, 4, 5).astype(np.float32)
OFF = (RS.randn(1, 12, 3, 4) * 1.5).astype(np.float32)           # 2x2 kernel, one group, offsets past the borders
X4 = RS.randn(2, 4, 4, 4).astype(np.float32)
OFF2 = RS.randn(2, 3 * 2 * 6, 4, 2).astype(np.float32)           # 2x3 kernel, two groups, stride (1, 2), pads
W = RS.randn(3, 2, 2, 2).astype(np.float32)
BIAS = RS.randn(3).astype(np.float32)
DEF = dict(strides=(1, 1, 1, 1), pads=(0, 0, 0, 0), ksize=(2, 2))
DEF2 = dict(strides=(1, 1, 1, 2), pads=(1, 0, 0, 1), ksize=(2, 3), dilations=(1, 1, 1, 1), deformable_groups=2)
P4 = RS.randn(2, 3, 5, 6).astype(np.float32)
COLS = RS.randn(1, 8, 9).astype(np.float32)
X23 = RS.randn(2, 3).astype(np.float32)
SQ = np.array([[[1.0, 2.0], [3.0, 4.0]], [[2.0, 0.5], [0.0, -3.0]]], np.float32)
SQ3 = RS.randn(3, 4).astype(np.float32)
NANS = np.array([[1.0, np.nan, 3.0], [np.nan, np.nan, 2.0]], np.float32)
CHOICES = [[0, 1, 2, 3], [10, 11, 12, 13], [20, 21, 22, 23], [30, 31, 32, 33]]
V3 = np.array([0.5, -1.25, 2.0], np.float32)
POS3 = np.array([1.5, 0.75, 2.5], np.float32)
VOL = RS.randn(1, 2, 3, 3, 2).astype(np.float32)
VW = RS.randn(2, 3, 2, 2, 3).astype(np.float32)
VW_G = RS.randn(2, 2, 2, 1, 2).astype(np.float32)

OPS = [
    OpInfo("ops.operations.nn_ops.DeformableOffsets", [S(X, OFF)], init=DEF, dtypes=("float32", "float16"),
           rtol=1e-3, atol=1e-3),
    OpInfo("ops.operations.nn_ops.DeformableOffsets", [S(X4, OFF2)], init=DEF2, tag="groups"),
    OpInfo("ops.operations.nn_ops.DeformableOffsets", [S(X.astype(np.float64), OFF.astype(np.float64)),
                                                      S(X.astype(np.int32), OFF), S(X[0], OFF), S(X, OFF[:, :6]),
                                                      S(X, OFF[:, :, :2])], init=DEF, dtypes=None, tag="bad"),
    OpInfo("ops.deformable_conv2d", [S(X, W, OFF, (2, 2), (1, 1, 1, 1), (0, 0, 0, 0)),
                                     S(X, W, OFF, (2, 2), (1, 1, 1, 1), (0, 0, 0, 0), bias=BIAS),
                                     S(X, W, OFF, (2, 2), [1, 1, 1, 1], (0, 0, 0, 0)),
                                     S(X, W, OFF, (2, 2), (1, 2, 1, 1), (0, 0, 0, 0)),
                                     S(X, W, OFF, (2, 2), (1, 1, 1, 1), (0, 0, 0, 0), modulated=False)]),
    OpInfo("ops.operations.MaxPoolWithArgmax", [S(P4)], init=dict(kernel_size=2, strides=2)),
    OpInfo("ops.operations.MaxPoolWithArgmax", [S(P4)], init=dict(kernel_size=(3, 2), strides=(2, 1), pad_mode="same"),
           tag="same"),
    OpInfo("ops.operations.identity", [S(X)], init={}),
    OpInfo("ops.ScatterUpdate", [S(np.zeros((3, 2), np.float32), np.array([2, 0], np.int32),
                                   RS.randn(2, 2).astype(np.float32)),
                                 S(np.zeros((3, 2), np.float32), np.array([[2], [0]], np.int64),
                                   RS.randn(2, 1, 2).astype(np.float32)),
                                 S(np.zeros((3, 2), np.float32), np.array([2, 0], np.int32),
                                   RS.randn(3, 2).astype(np.float32))], init={}),
    OpInfo("ops.SparseTensorDenseMatmul", [S(np.array([[0, 1], [1, 0], [1, 2]], np.int64), np.array([1., 2., -3.],
                                                                                                     np.float32),
                                             (2, 3), RS.randn(3, 2).astype(np.float32))], init={}, grad=True),
    OpInfo("ops.SparseTensorDenseMatmul", [S(np.array([[0, 1], [1, 0]], np.int32), np.array([1., 2.], np.float32),
                                             (2, 3), RS.randn(2, 4).astype(np.float32))],
           init=dict(adjoint_st=True), tag="adjoint_st"),
    OpInfo("ops.SparseTensorDenseMatmul", [S(np.array([[0, 1], [1, 0]], np.int32), np.array([1., 2.], np.float32),
                                             (2, 3), RS.randn(4, 3).astype(np.float32))],
           init=dict(adjoint_dt=True), tag="adjoint_dt"),
    OpInfo("ops.adaptive_max_pool2d", [S(P4, (2, 3)), S(P4, (None, 2))], grad=True),
    OpInfo("ops.adaptive_max_pool2d", [S(P4[0], 2, True)], tag="indices"),
    OpInfo("ops.avg_pool1d", [S(P4[0], 2), S(P4[0]), S(P4[0], 3, 2, 1, True, False), S(P4[0, 0], 2)], grad=True),
    OpInfo("ops.fold", [S(COLS, np.array([4, 4], np.int32), 2), S(COLS, np.array([5, 5], np.int32), 2, 1, 1, 2),
                        S(COLS, (4, 4), 2)]),
    OpInfo("ops.logsigmoid", [S(np.array([1.5, -2.0, 0.0, -20.0], np.float32)), S(np.array([1, 2], np.int32))],
           dtypes=("float32", "float16", "float64"), grad=True),
    OpInfo("ops.pixel_shuffle", [S(RS.randn(1, 8, 2, 3).astype(np.float32), 2)], grad=True),
    OpInfo("ops.pixel_unshuffle", [S(RS.randn(1, 2, 4, 6).astype(np.float32), 2)], grad=True),
    OpInfo("ops.pixel_shuffle", [S(np.arange(16).reshape(1, 4, 2, 2), 2)], tag="int"),
    OpInfo("ops.pixel_unshuffle", [S(np.arange(16).reshape(1, 1, 4, 4), 2), S(np.arange(12).reshape(1, 1, 3, 4), 2),
                                   S(np.arange(16).reshape(4, 4), 2)], tag="int"),
    OpInfo("ops.Conv3DTranspose", [S(VOL[:, :1, :2, :2, :1], VW[:1, :1, :, :1, :2])],
           init=dict(in_channel=1, out_channel=1, kernel_size=(2, 1, 2), stride=2), grad=True, tag="small"),
    OpInfo("ops.Conv3DTranspose", [S(VOL, VW)], init=dict(in_channel=2, out_channel=3, kernel_size=(2, 2, 3))),
    *[OpInfo("ops.Conv3DTranspose", [S(VOL, VW)], init=dict(in_channel=2, out_channel=3, kernel_size=(2, 2, 3), **kw),
             tag=tag) for tag, kw in (
        ("s3", dict(stride=3)), ("same2", dict(pad_mode="same", stride=2)), ("same3", dict(pad_mode="same", stride=3)),
        ("same1", dict(pad_mode="same")), ("pad", dict(pad_mode="pad", pad=(1, 0, 0, 1, 1, 1), stride=2)),
        ("outpad", dict(pad_mode="pad", pad=1, stride=2, output_padding=1)),
        ("dil", dict(dilation=(1, 2, 1), stride=(1, 2, 2))), ("dil_depth", dict(dilation=2)),
        ("pad_valid", dict(pad=1)))],
    OpInfo("ops.Conv3DTranspose", [S(VOL, VW_G)], init=dict(in_channel=2, out_channel=4, kernel_size=(2, 1, 2),
                                                            group=2, stride=2), tag="group"),
    # index_fill / slogdet / nanmean and the Tensor methods (tensor_methods_tail2)
    OpInfo("ops.index_fill", [S(X23, 1, np.array([0, 2], np.int32), 9.0), S(X23, -2, np.array([1], np.int32), 5),
                              S(X23, 0, np.array(1, np.int32), np.float32(2.5)),
                              S(X23, 1, np.array([1], np.int64), 9.0), S(X23, 2, np.array([1], np.int32), 9.0)],
           grad=True),
    OpInfo("ops.index_fill", [S(np.arange(6, dtype=np.int32).reshape(2, 3), 1, np.array([1], np.int32), 7)],
           tag="int"),
    OpInfo("ops.index_fill", [S(X23, 1, np.array([1], np.int32), np.array(3.0, np.float32))], tag="tensor_value"),
    OpInfo("ops.slogdet", [S(SQ), S(np.array([[1, 2], [3, 4]], np.int32)), S(np.zeros(2, np.float32))], grad=True),
    OpInfo("ops.slogdet", [S(np.zeros((2, 2), np.float32))], tag="singular"),
    OpInfo("ops.nanmean", [S(NANS), S(NANS, 1, True), S(NANS, (0, 1)), S(NANS, dtype=Dtype("float16")),
                           S(np.array([1, 2], np.int32))], grad=True),
    OpInfo("Tensor.index_fill", [S(X23, 1, np.array([0, 2], np.int32), 9.0)]),
    OpInfo("Tensor.slogdet", [S(SQ)]),
    OpInfo("Tensor.nanmean", [S(NANS, axis=1, keepdims=True)]),
    OpInfo("Tensor.byte", [S(np.array([-1.0, 2.7, 300.0], np.float32)), S(np.array([-3, 258], np.int32)),
                           S(np.array([True, False]))], dtypes=None),
    OpInfo("Tensor.choose", [S(np.array([2, 3, 1, 0], np.int32), CHOICES),
                             S(np.array([2, 5, -1, 0], np.int32), CHOICES, "wrap"),
                             S(np.array([2, 5, -1, 0], np.int32), CHOICES)], dtypes=None),
    OpInfo("Tensor.bincount", [S(np.array([0, 1, 1, 3], np.int32), np.array([1.0, 2.0, 3.0, 4.0], np.float32),
                                 minlength=5), S(np.array([0, 1, 1, 3], np.int32))]),
    OpInfo("Tensor.fill_diagonal", [S(np.zeros((5, 2), np.float32), 2.0, wrap=True),
                                    S(np.zeros((3, 3), np.float32), 5.0)]),
    # not sorted=False: MindSpore's CPU kernel returns its heap's order
    OpInfo("Tensor.top_k", [S(np.array([1.0, 5.0, 3.0, 4.0], np.float32), 2), S(SQ3, 2)]),
    OpInfo("Tensor.itemset", [S(X23, (0, 1), 4), S(X23, 3, 7.0), S(np.array([2.0], np.float32), 5.0),
                              S(X23, 5.0), S(X23, (0,), 1.0)]),
    OpInfo("Tensor.storage_offset", [S(X23)]),
    OpInfo("Tensor.multinomial", [S(np.array([0.0, 1.0, 0.0], np.float32), 1, False)]),
    OpInfo("Tensor.exp_", [S(np.array([0.0, 1.0], np.float32))]),
    OpInfo("Tensor.atanh", [S(np.array([0.5, -0.2], np.float32))]),
    OpInfo("Tensor.frac", [S(np.array([1.5, -2.25, 3.0], np.float32))]),
    OpInfo("Tensor.logaddexp", [S(np.array([1.0, 2.0], np.float32), np.array([3.0, 0.0], np.float32))]),
    OpInfo("Tensor.erfinv", [S(np.array([0.1, -0.5], np.float32))]),
    OpInfo("Tensor.conj", [S(np.array([1 + 2j, -3j], np.complex64)), S(np.array([1.0], np.float32))], dtypes=None),
    OpInfo("Tensor.bmm", [S(RS.randn(2, 2, 3).astype(np.float32), RS.randn(2, 3, 1).astype(np.float32))]),
    # small Primitives over existing functions, ops.mish / glu / logdet
    OpInfo("ops.Addcdiv", [S(V3, V3, POS3, np.array([0.5], np.float32)), S(V3, V3, POS3, 0.5)], init={}),
    OpInfo("ops.Addcmul", [S(V3, V3, POS3, np.array([0.5], np.float32))], init={}),
    OpInfo("ops.Lerp", [S(V3, POS3, 0.3), S(V3, POS3, V3)], init={}),
    OpInfo("ops.Sinc", [S(np.array([0.0, 0.5, -1.5], np.float32)), S(np.array([1, 0], np.int32))], init={}),
    OpInfo("ops.Trace", [S(SQ3), S(V3)], init={}),
    OpInfo("ops.Trunc", [S(np.array([1.7, -2.5], np.float32)), S(np.array([3, -4], np.int32))], init={}),
    OpInfo("ops.Polar", [S(POS3, V3)], init={}),
    OpInfo("ops.Diag", [S(V3), S(np.array([[1, 2], [3, 4]], np.int32))], init={}),
    OpInfo("ops.LogMatrixDeterminant", [S(SQ)], init={}, grad=True),
    OpInfo("ops.Mish", [S(V3)], init={}),
    OpInfo("ops.SeLU", [S(V3)], init={}),
    # MindSpore's SeLU gradient below 0 is scale * (selu(x) + 1) (an ELU gradient of the output), not
    # scale * alpha * exp(x): mindgrad keeps the derivative (check_grads in tests/test_tail7.py)
    OpInfo("ops.SeLU", [S(V3)], init={}, grad=True, expect="quirk"),
    OpInfo("ops.Cummax", [S(SQ3)], init=dict(axis=1)),
    OpInfo("ops.Cummin", [S(SQ3)], init=dict(axis=0)),
    OpInfo("ops.Cummax", [S(SQ3)], init=dict(axis=1.0), tag="bad"),
    OpInfo("ops.Tril", [S(SQ3)], init=dict(diagonal=1)),
    OpInfo("ops.Triu", [S(SQ3)], init=dict(diagonal=-1)),
    OpInfo("ops.Triu", [S(SQ3)], init=dict(diagonal=1.5), tag="bad"),
    OpInfo("ops.Cross", [S(RS.randn(2, 3).astype(np.float32), RS.randn(2, 3).astype(np.float32))], init={}),
    OpInfo("ops.Cross", [S(RS.randn(3, 3).astype(np.float32), RS.randn(3, 3).astype(np.float32))],
           init=dict(dim=1), tag="dim"),
    OpInfo("ops.Cdist", [S(RS.randn(2, 3).astype(np.float32), RS.randn(4, 3).astype(np.float32))], init={}),
    OpInfo("ops.Cdist", [S(RS.randn(2, 3).astype(np.float32), RS.randn(4, 3).astype(np.float32))],
           init=dict(p=1.0), tag="p1"),
    OpInfo("ops.mish", [S(V3), S(np.array([1, 2], np.int32))], grad=True),
    OpInfo("ops.glu", [S(SQ3), S(SQ3, 0), S(SQ3, axis=3), S(V3)], grad=True),
    OpInfo("ops.logdet", [S(np.array([[2.0, 1.0], [1.0, 3.0]], np.float32)), S(SQ)], grad=True),
    OpInfo("ops.Addcmul", [S(V3, V3, POS3, 0.5)], init={}, tag="float_value"),
    OpInfo("ops.print_", [S("tail7", np.array([1, 2], np.int32), 3)], dtypes=None),
]


def _grads(ms, fn, *arrays):
    rs = np.random.RandomState(0)
    tensors = [ms.Tensor(a) for a in arrays]
    out = fn(*tensors)
    sens = ms.Tensor(rs.standard_normal(out.shape).astype(np.float32))
    return out, ms.ops.GradOperation(get_all=True, sens_param=True)(fn)(*tensors, sens)


def case_deformable_offsets_grad(ms):
    op = ms.ops.operations.nn_ops.DeformableOffsets(**DEF)
    return _grads(ms, lambda x, o: op(x, o), X, OFF)


def case_deformable_conv2d_grad(ms):
    return _grads(ms, lambda x, w, o, b: ms.ops.deformable_conv2d(x, w, o, (2, 2), (1, 1, 1, 1), (0, 0, 0, 0), b),
                  X, W, OFF, BIAS)


def case_max_pool_with_argmax_grad(ms):
    op = ms.ops.operations.MaxPoolWithArgmax(kernel_size=3, strides=2, pad_mode="same")
    return _grads(ms, lambda x: op(x)[0], P4)


def case_fold_grad(ms):
    """The gradient of `input` (`output_size` is a shape, not differentiated: a constant here)."""
    size = ms.Tensor(np.array([5, 5], np.int32))
    return _grads(ms, lambda c: ms.ops.fold(c, size, 2, 1, 1, 2), COLS)


def case_deformable_offsets_init_errors(ms):
    out = []
    for kw in (dict(strides=(2, 1, 1, 1)), dict(strides=(1, 1, 1)), dict(strides=[1, 1, 1, 1]),
               dict(strides=(1, 1, 1.0, 1)), dict(ksize=(2,)), dict(dilations=(1, 2, 1, 1)), dict(modulated=False),
               dict(deformable_groups=0), dict(data_format="NCDHW")):
        try:
            ms.ops.operations.nn_ops.DeformableOffsets(**{**DEF, **kw})
            out.append("ok")
        except (TypeError, ValueError) as e:
            out.append(type(e).__name__)
    return out


def case_deformable_conv2d_is_conv_of_offsets(ms):
    """deformable_conv2d == Conv2D (stride = kernel size) of DeformableOffsets' samples."""
    samples = ms.ops.operations.nn_ops.DeformableOffsets(**DEF)(ms.Tensor(X), ms.Tensor(OFF))
    conv = ms.ops.Conv2D(3, (2, 2), stride=(2, 2))(samples, ms.Tensor(W))
    return conv, ms.ops.deformable_conv2d(ms.Tensor(X), ms.Tensor(W), ms.Tensor(OFF), (2, 2), (1, 1, 1, 1),
                                          (0, 0, 0, 0))


def case_scatter_update_grad(ms):
    """MindSpore's gradient: the sensitivity reaches `input_x` whole (the rows written too), and `updates` its rows
    `indices` (not the derivative of the result: `check_grads` cannot check it)."""
    idx = ms.Tensor(np.array([2, 0], np.int32))
    return _grads(ms, lambda x, u: ms.ops.ScatterUpdate()(x, idx, u), np.zeros((3, 2), np.float32),
                  RS.randn(2, 2).astype(np.float32))


def case_scatter_update_parameter(ms):
    p = ms.Parameter(ms.Tensor(np.zeros((3, 2), np.float32)), name="p")
    out = ms.ops.ScatterUpdate()(p, ms.Tensor(np.array([2, 0], np.int32)), ms.Tensor(np.ones((2, 2), np.float32)))
    return out, p.value()


globals().update(cases(OPS))
