"""Op database, issue 17 (c): convolution, pooling, unfold, dense, normalisation, losses, dropout.

Recorded from MindSpore 2.10 with `record.py ops_more_c`; replayed by tests/test_opdb.py.
"""

import numpy as np
from opdb import OpInfo, S, call, cases


def u(*shape, seed=0, lo=-1.0, hi=1.0):
    return np.random.RandomState(seed).uniform(lo, hi, shape).astype(np.float32)


def i32(values):
    return np.asarray(values, np.int32)


IMG = u(1, 2, 5, 5, seed=1)
W = u(3, 2, 3, 3, seed=2)
VOL = u(1, 2, 4, 4, 4, seed=3)
X = u(2, 3, seed=4)
PROB = u(2, 3, seed=5, lo=0.05, hi=0.95)
TARGET = u(2, 3, seed=6, lo=0.0, hi=1.0)

OPS = [
    OpInfo("ops.conv2d", [S(IMG, W), S(IMG, W, u(3, seed=7), 2, "same"), S(IMG, W, None, 1, "pad", (1, 2), 2),
                          S(IMG, u(4, 1, 2, 2, seed=8), None, (2, 1), "pad", (1, 0, 2, 1), 1, 2)], grad=True,
           rtol=1e-4, atol=1e-5),
    OpInfo("ops.conv2d", [S(IMG, W, pad_mode="full"), S(IMG, u(3, 3, 3, 3, seed=9)), S(IMG, W, padding=1)],
           tag="errors"),
    OpInfo("ops.conv1d", [S(IMG[:, :, 0], W[:, :, 0]), S(IMG[:, :, 0], W[:, :, 0], None, 2, "same"),
                          S(IMG[:, :, 0], W[:, :, 0], u(3, seed=10), 1, "pad", 1, 2)], grad=True, rtol=1e-4, atol=1e-5),
    OpInfo("ops.Conv2D", [S(IMG, W)], init={"out_channel": 3, "kernel_size": 3}, grad=True, rtol=1e-4, atol=1e-5),
    OpInfo("ops.Conv2D", [S(IMG, W)], init={"out_channel": 3, "kernel_size": 3, "pad_mode": "pad", "pad": (1, 0, 2, 1),
                                            "stride": 2, "dilation": (1, 2)}, tag="pad", grad=True, rtol=1e-4,
           atol=1e-5),
    OpInfo("ops.Conv2D", [S(IMG, W)], init={"out_channel": 3, "kernel_size": 3, "pad_mode": "same", "stride": 2},
           tag="same", grad=True, rtol=1e-4, atol=1e-5),
    OpInfo("ops.Conv2D", [S(IMG, W)], init={"out_channel": 4, "kernel_size": 3}, tag="errors"),
    OpInfo("ops.Conv2DBackpropInput", [S(u(1, 3, 3, 3, seed=11), W, (1, 2, 5, 5))],
           init={"out_channel": 3, "kernel_size": 3}, grad=True, rtol=1e-4, atol=1e-5),
    OpInfo("ops.Conv2DTranspose", [S(u(1, 3, 3, 3, seed=11), W, (1, 2, 5, 5))],
           init={"out_channel": 3, "kernel_size": 3, "pad_mode": "same", "stride": 2}, grad=True, rtol=1e-4,
           atol=1e-5),
    OpInfo("ops.dense", [S(X, u(4, 3, seed=12)), S(X, u(4, 3, seed=12), u(4, seed=13)), S(X, X[0])], grad=True),
    OpInfo("ops.dense", [S(X, u(4, 2, seed=12))], tag="errors"),
    OpInfo("ops.unfold", [S(IMG, 2), S(IMG, (2, 3), 1, 1, 2), S(IMG, 3, 2, (1, 0), 1)], grad=True),
    # ---- pooling ----
    OpInfo("ops.avg_pool2d", [S(IMG, 2), S(IMG, 2, 2, 1), S(IMG, 3, 2, 1, True, False), S(IMG, 2, 2, 0, True),
                              S(IMG, (2, 3), 1, 0, False, True, 4)], grad=True),
    OpInfo("ops.avg_pool2d", [S(IMG, 2, 2, 2)], tag="errors"),
    OpInfo("ops.adaptive_avg_pool2d", [S(IMG, 2), S(IMG, (2, 3)), S(IMG[0], (3, None)), S(IMG, (5, 4))], grad=True),
    OpInfo("ops.AdaptiveAvgPool2D", [S(IMG)], init={"output_size": (3, 2)}, grad=True),
    OpInfo("ops.MaxPool3D", [S(VOL)], init={"kernel_size": 2, "strides": 1}, grad=True),
    OpInfo("ops.MaxPool3D", [S(VOL)], init={"kernel_size": 3, "strides": 2, "pad_mode": "SAME"}, tag="same", grad=True),
    OpInfo("ops.MaxPool3D", [S(VOL)], init={"kernel_size": 2, "strides": 2, "pad_mode": "PAD", "pad_list": 1},
           tag="pad"),
    OpInfo("ops.AvgPool3D", [S(VOL)], init={"kernel_size": 2, "strides": 1}, grad=True),
    OpInfo("ops.AvgPool3D", [S(VOL)], init={"kernel_size": 3, "strides": 2, "pad_mode": "same"}, tag="same", grad=True),
    OpInfo("ops.AvgPool3D", [S(VOL)], init={"kernel_size": 2, "strides": 2, "pad_mode": "pad", "pad": 1,
                                            "count_include_pad": False}, tag="pad", grad=True),
    # ---- normalisation and activations ----
    OpInfo("ops.LayerNorm", [S(X, u(3, seed=14), u(3, seed=15))], init={}),
    OpInfo("ops.LayerNorm", [S(u(2, 3, 4, seed=16), u(4, seed=17), u(4, seed=18))],
           init={"begin_norm_axis": -1, "begin_params_axis": -1, "epsilon": 1e-5}, tag="axis"),
    OpInfo("ops.LayerNorm", [S(u(2, 3, 4, seed=16), u(3, 4, seed=17), u(3, 4, seed=18))],
           init={"begin_norm_axis": -2, "begin_params_axis": -2}, tag="axis_errors"),
    OpInfo("ops.LayerNorm", [S(X, u(2, seed=14), u(2, seed=15))], init={}, tag="errors"),
    OpInfo("ops.PReLU", [S(X, np.array([0.1, 0.2, 0.3], np.float32)), S(u(2, 3, 2, seed=19), np.array([0.25],
                                                                                                        np.float32))],
           init={}, grad=True),
    OpInfo("ops.PReLU", [S(X, np.array([0.1, 0.2], np.float32))], init={}, tag="errors"),
    OpInfo("ops.cosine_similarity", [S(X, u(2, 3, seed=20)), S(X, u(1, 3, seed=21), 0), S(X, X, -1, 0.5)],
           grad=True),
    # ---- losses ----
    OpInfo("ops.binary_cross_entropy", [S(PROB, TARGET), S(PROB, TARGET, u(2, 3, seed=22, lo=0, hi=1), "sum"),
                                        S(PROB, TARGET, None, "none")], grad=True),
    OpInfo("ops.binary_cross_entropy", [S(PROB, TARGET[0]), S(PROB, TARGET, reduction="max")], tag="errors"),
    OpInfo("ops.BinaryCrossEntropy", [S(PROB, TARGET)], init={"reduction": "sum"}, grad=True),
    OpInfo("ops.KLDivLoss", [S(np.log(PROB), TARGET)], init={}),
    OpInfo("ops.KLDivLoss", [S(np.log(PROB), TARGET)], init={"reduction": "batchmean"}, tag="batchmean"),
    OpInfo("ops.KLDivLoss", [S(np.log(PROB), TARGET)], init={"reduction": "none"}, tag="none"),
    OpInfo("ops.L2Loss", [S(X)], init={}, grad=True, dtypes=("float32", "float16"), rtol=1e-3),
    OpInfo("ops.NLLLoss", [S(np.log(PROB), i32([2, 0]), u(3, seed=23, lo=0.5, hi=1.5))], init={}),
    OpInfo("ops.NLLLoss", [S(np.log(PROB), i32([2, 1]), u(3, seed=23, lo=0.5, hi=1.5))],
           init={"reduction": "none", "ignore_index": 1}, tag="none"),
    OpInfo("ops.NLLLoss", [S(np.log(PROB), i32([2, 0]), u(3, seed=23, lo=0.5, hi=1.5))], init={"reduction": "none"},
           tag="none_kept"),
    OpInfo("ops.NLLLoss", [S(np.log(PROB), i32([2, 0]), u(3, seed=23, lo=0.5, hi=1.5))], init={"reduction": "sum"},
           tag="sum"),
    # ---- dropout: only the deterministic paths ----
    OpInfo("ops.dropout", [S(X, 0.5, False), S(X, 0.0)], grad=True),
    OpInfo("ops.dropout", [S(X, 1.5), S(np.ones(3, np.int32))], tag="errors", dtypes=None),
]

globals().update(cases(OPS))


def case_dropout_statistics(ms):
    """Kept values are scaled by 1 / (1 - p); about 1 - p of them are kept."""
    out = ms.ops.dropout(ms.Tensor(np.ones((4000,), np.float32)), p=0.25).asnumpy()
    kept = out[out != 0]
    return out.shape, bool(np.allclose(kept, 1 / 0.75)), bool(0.7 < kept.size / out.size < 0.8)


# Gradients of ops whose MindSpore gradient leaves some inputs out (labels, weights, the mean and variance
# outputs of LayerNorm): recorded here, not as grad=True entries, whose check_grads compares against the
# full finite-difference gradient; tests/test_ops_more.py runs check_grads on the differentiable inputs.
def _grad_case(path, sample, init):
    info = OpInfo(path, [sample], init=init, grad=True)
    return lambda ms: call(ms, info, sample, "float32")


case_LayerNorm_grads = _grad_case("ops.LayerNorm", S(X, u(3, seed=14), u(3, seed=15)), {})
case_LayerNorm_axis_grads = _grad_case("ops.LayerNorm", S(u(2, 3, 4, seed=16), u(4, seed=17), u(4, seed=18)),
                                       {"begin_norm_axis": -1, "begin_params_axis": -1})
case_KLDivLoss_grads = _grad_case("ops.KLDivLoss", S(np.log(PROB), TARGET), {"reduction": "batchmean"})
case_NLLLoss_grads = _grad_case("ops.NLLLoss", S(np.log(PROB), i32([2, 1]), u(3, seed=23, lo=0.5, hi=1.5)),
                                {"ignore_index": 1})
