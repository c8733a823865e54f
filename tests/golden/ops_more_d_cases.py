"""Op database, issue 17 (d): detection Primitives, scalar/inner Primitives, debug Primitives and the
`F.`/`C.` helpers. Recorded from MindSpore 2.10 with `record.py ops_more_d`; replayed by tests/test_opdb.py.
"""

import numpy as np
from opdb import Dtype, OpInfo, S, cases


def f32(values):
    return np.asarray(values, np.float32)


def i32(values):
    return np.asarray(values, np.int32)


ANCHORS = f32([[2, 2, 2, 3], [1, 1, 5, 4], [0, 0, 3, 3]])
GT = f32([[1, 2, 2, 4], [0, 0, 6, 5], [1, 1, 2, 2]])
DELTAS = f32([[0.1, 0.2, 0.3, -0.2], [1, -1, 5, -5], [-0.3, 0.1, 0.0, 0.2]])
FEAT = np.random.RandomState(2).uniform(-1, 1, (2, 2, 6, 6)).astype(np.float32)
ROIS = f32([[0, 0.5, 1.0, 6.0, 7.5], [1, 2.0, 0.0, 9.0, 5.0], [0, -2.0, -1.0, 3.0, 2.0]])
IMAGE = np.random.RandomState(3).uniform(0, 1, (2, 5, 6, 2)).astype(np.float32)
X = np.random.RandomState(1).uniform(-1, 1, (2, 3)).astype(np.float32)

OPS = [
    OpInfo("ops.BoundingBoxEncode", [S(ANCHORS, GT)], init={}),
    OpInfo("ops.BoundingBoxEncode", [S(ANCHORS, GT)],
           init={"means": (0.1, 0.0, -0.1, 0.2), "stds": (0.1, 0.1, 0.2, 0.2)}, tag="scaled"),
    OpInfo("ops.BoundingBoxDecode", [S(ANCHORS, DELTAS)], init={"max_shape": (6, 7)}),
    OpInfo("ops.BoundingBoxDecode", [S(ANCHORS, DELTAS)], init={"max_shape": (10, 12), "means": (0.1, 0.0, -0.1, 0.2),
                                                                "stds": (0.1, 0.1, 0.2, 0.2), "wh_ratio_clip": 0.1},
           tag="scaled"),
    OpInfo("ops.IOU", [S(ANCHORS, GT), S(ANCHORS, GT[:2])], init={}),
    OpInfo("ops.IOU", [S(ANCHORS, GT)], init={"mode": "iof"}, tag="iof"),
    OpInfo("ops.CheckValid", [S(f32([[1, 1, 3, 3], [-1, 0, 2, 2], [0, 0, 9, 3], [0, 0, 5, 4], [0, 0, 4, 5]]),
                                f32([5, 6, 1])), S(f32([[0, 0, 9, 9]]), f32([5, 6, 2]))], init={}),
    OpInfo("ops.ROIAlign", [S(FEAT, ROIS)], init={"pooled_height": 2, "pooled_width": 2, "spatial_scale": 0.5}),
    OpInfo("ops.ROIAlign", [S(FEAT, ROIS)], init={"pooled_height": 3, "pooled_width": 2, "spatial_scale": 1.0,
                                                  "sample_num": 1}, tag="s1"),
    # the legacy roi_end_mode=0 is not implemented (NotImplementedError)
    OpInfo("ops.ROIAlign", [S(FEAT, ROIS)], init={"pooled_height": 3, "pooled_width": 2, "spatial_scale": 1.0,
                                                  "sample_num": 1, "roi_end_mode": 0}, tag="mode0", expect="differs"),
    OpInfo("ops.CropAndResize", [S(IMAGE, f32([[0.1, 0.2, 0.8, 0.9], [-0.2, 0.0, 0.5, 1.2]]), i32([1, 0]), (3, 2))],
           init={}),
    OpInfo("ops.CropAndResize", [S(IMAGE, f32([[0.1, 0.2, 0.8, 0.9], [-0.2, 0.0, 0.5, 1.2]]), i32([1, 0]), (3, 2))],
           init={"method": "nearest", "extrapolation_value": -1.0}, tag="nearest"),
    OpInfo("ops.ScalarToTensor", [S(3), S(2.5, Dtype("float16")), S(True, Dtype("int32")), S(X)], init={},
           dtypes=None),
    OpInfo("ops.TupleToArray", [S((1, 2)), S((1.0, 2.5)), S([1, 2]), S(()), S((1, 2.5))], init={}, dtypes=None),
    OpInfo("ops.ScalarCast", [S(2.7, Dtype("int64")), S(2, Dtype("float64")), S(1, Dtype("bool_")),
                              S(2.7, Dtype("int32"))], init={}, dtypes=None),
    OpInfo("ops.operations.TensorAdd", [S(X, X)], init={}, grad=True),
    OpInfo("ops.Print", [S("loss", X, 3, (1, 2))], init={}, dtypes=None),
    OpInfo("ops.ScalarSummary", [S("loss", X[0, 0])], init={}, dtypes=None),
    OpInfo("ops.TensorSummary", [S("x", X)], init={}, dtypes=None),
    OpInfo("ops.ImageSummary", [S("img", np.zeros((1, 3, 2, 2), np.float32))], init={}, dtypes=None),
    OpInfo("ops.HistogramSummary", [S("h", X)], init={}, dtypes=None),
    # F. and C. helpers
    OpInfo("ops.functional.make_range", [S(3), S(1, 7, 2), S(5, 1, -2)], dtypes=None),
    OpInfo("ops.functional.tuple_len", [S((1, 2, 3)), S([X, X])], dtypes=None),
    OpInfo("ops.functional.mixed_precision_cast", [S(Dtype("float16"), X), S(Dtype("float16"), (X, 1, [X])),
                                                   S(Dtype("float32"), i32([1, 2]))], dtypes=None),
    OpInfo("ops.composite.ones_like", [S(X), S((X, 2, True)), S((X, 2, 1.5))], dtypes=None),
    OpInfo("ops.composite.clip_by_value", [S(X, -0.5, 0.5)], grad=True),
    OpInfo("ops.composite.clip_by_global_norm", [S((X, X[0]), 1.0)], dtypes=None),
]

globals().update(cases(OPS))


def case_random_choice_with_mask(ms):
    """Shapes, dtypes, the mask, and that each chosen index is a True element (the order is random)."""
    x = np.array([[True, False, True], [False, True, True]])
    idx, mask = ms.ops.RandomChoiceWithMask(count=6)(ms.Tensor(x))
    chosen = idx.asnumpy()[mask.asnumpy()]
    return idx.shape, str(idx.dtype), mask, sorted(map(tuple, chosen.tolist()))


def case_random_choice_with_mask_few(ms):
    idx, mask = ms.ops.RandomChoiceWithMask(count=2)(ms.Tensor(np.array([True, True, True, False])))
    return idx.shape, mask, bool(all(i in (0, 1, 2) for i in idx.asnumpy().ravel()))


def case_add_flags(ms):
    def f(x):
        return x

    g = ms.ops.composite.add_flags(f, defer_inline=True)
    h = ms.ops.add_flags(has_effect=True)(f)
    return g is f, h is f


def case_ops_tensor(ms):
    return ms.ops.Tensor is ms.Tensor


def case_data_type_names(ms):
    return ms.ops.DataType.F32_Default, ms.ops.DataType.F16_Default, ms.ops.DataType.I32_Default


def case_roi_align_grad(ms):
    """The gradient reaches the features only (MindSpore's ROIAlignGrad)."""
    op = ms.ops.ROIAlign(2, 2, 0.5)
    rois = ms.Tensor(ROIS)
    w = ms.Tensor(np.random.RandomState(4).uniform(-1, 1, (3, 2, 2, 2)).astype(np.float32))
    return ms.grad(lambda f: (op(f, rois) * w).sum())(ms.Tensor(FEAT))


case_random_choice_with_mask.covers = case_random_choice_with_mask_few.covers = ("RandomChoiceWithMask",)
