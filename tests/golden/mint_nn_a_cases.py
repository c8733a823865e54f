"""Op database: the `mint.nn` layers and `mint.nn.functional` functions of issue 20 that MindSpore 2.10's CPU build
runs, and the structure (parameter names, shapes, dtypes, initial values, defaults) of the layers it cannot run.
The values of those are checked in tests/test_mint_nn.py against hand-written NumPy of the documented semantics."""

import numpy as np
from opdb import OpInfo, S, cases

_r = np.random.RandomState(5)
X = _r.uniform(-2, 2, (2, 3)).astype(np.float32)
P = _r.uniform(0.05, 0.95, (2, 3)).astype(np.float32)          # probabilities
Q = _r.uniform(0.05, 0.95, (2, 3)).astype(np.float32)
X4 = _r.uniform(-1, 1, (1, 2, 5, 5)).astype(np.float32)
X3 = _r.uniform(-1, 1, (2, 4, 3)).astype(np.float32)
PS = _r.uniform(-1, 1, (1, 8, 2, 3)).astype(np.float32)
W2 = np.array([0.25, -0.5], np.float32)
LOGP = np.log(_r.dirichlet(np.ones(3), 2)).astype(np.float32)
TGT = np.array([0, 2], np.int32)
IN = np.array([[1, -2, 3], [0, 4, -1]], np.int32)

F = "mint.nn.functional."
OPS = [
    OpInfo(F + "hardshrink", [S(X), S(X, 1.0), S(X, lambd=0.1), S(IN)], grad=True),
    OpInfo(F + "softshrink", [S(X), S(X, 1.0)], grad=True),
    OpInfo(F + "hardsigmoid", [S(X * 2)], grad=True),
    OpInfo(F + "hardswish", [S(X * 2)], grad=True),
    OpInfo(F + "glu", [S(X3, 1), S(X, dim=0), S(X4), S(X)], grad=True),
    # grad=True where the gradient is new code (the aliases of ops functions have theirs checked in the ops suites)
    OpInfo(F + "prelu", [S(X4, W2), S(X, W2[:1]), S(X4, np.ones(3, np.float32))], grad=True),
    OpInfo(F + "silu_func", [S(X)]),
    OpInfo(F + "binary_cross_entropy", [S(P, Q), S(P, Q, Q, "sum"), S(P, Q, reduction="none"), S(P, Q[:1]),
                                         S(P, Q, reduction="bad")]),
    OpInfo(F + "adaptive_max_pool2d", [S(X4, 2), S(X4, (3, 2)), S(X4[0], (2, 4)), S(X, 2), S(X4, (1, 2, 3))],
           grad=True),
    OpInfo(F + "adaptive_max_pool2d", [S(X4, 2, True), S(X4, (3, None), return_indices=True)], tag="indices"),
    OpInfo(F + "pixel_shuffle", [S(PS, 2), S(PS, 3), S(X, 2)], grad=True),
    OpInfo(F + "flatten", [S(X4), S(X4, 1), S(X4, 1, 2), S(X4, start_dim=2)]),
    OpInfo(F + "upsample", [S(X4, scale_factor=2.0), S(X4, size=(3, 7))]),
    OpInfo(F + "clamp", [S(X, -1.0, 1.0), S(X, min=0.5)]),
    OpInfo(F + "broadcast_to", [S(X, (2, 2, 3)), S(X, (-1, 3))]),
    OpInfo("mint.nn.nllloss", [S(LOGP, TGT), S(LOGP, TGT, reduction="sum")]),
    OpInfo("mint.nn.upsample_nearest2d_op", [S(X4, None, [2.0, 2.0]), S(X4, (3, 4))]),
    OpInfo("mint.nn.Hardshrink", [S(X)], init={"lambd": 0.3}),
    OpInfo("mint.nn.Softshrink", [S(X)], init={}),
    OpInfo("mint.nn.Hardsigmoid", [S(X)], init={}),
    OpInfo("mint.nn.Hardswish", [S(X)], init={}),
    OpInfo("mint.nn.GLU", [S(X4)], init={"dim": 1}),
    OpInfo("mint.nn.Flatten", [S(X4)], init={}),
    OpInfo("mint.nn.Flatten", [S(X4)], init={"start_dim": 0, "end_dim": 2}, tag="dims"),
    OpInfo("mint.nn.PixelShuffle", [S(PS)], init={"upscale_factor": 2}),
    OpInfo("mint.nn.Upsample", [S(X4)], init={"scale_factor": 2.0}),
    OpInfo("mint.nn.UpsamplingNearest2d", [S(X4)], init={"size": (6, 6)}),
    OpInfo("mint.nn.AdaptiveMaxPool2d", [S(X4)], init={"output_size": (2, 3)}),
    OpInfo("mint.nn.Dropout2d", [S(X4)], init={"p": 0.3}),              # a new Cell: eval mode
    OpInfo("mint.nn.SmoothL1Loss", [S(X, P)], init={"beta": 0.5}),
    OpInfo("mint.nn.NLLLoss", [S(LOGP, TGT)], init={"reduction": "none"}),
    OpInfo("mint.nn.BCELoss", [S(P, Q)], init={}),
    OpInfo("mint.nn.PReLU", [S(X4)], init={"num_parameters": 2, "init": 0.1}),
]
globals().update(cases(OPS))


def _params(cell):
    return [(p.name, tuple(p.shape), str(p.dtype), p.requires_grad) for p in cell.get_parameters()]


def case_batch_norm_structure(ms):
    """BatchNorm1d/2d/3d and SyncBatchNorm: parameters, initial values, attributes, repr."""
    nn = ms.mint.nn
    out = []
    for cell in (nn.BatchNorm1d(3), nn.BatchNorm2d(2, eps=1e-3, momentum=0.2), nn.BatchNorm3d(2, affine=False),
                 nn.BatchNorm2d(2, track_running_stats=False), nn.SyncBatchNorm(2)):
        values = [p.asnumpy().tolist() for p in cell.get_parameters()]
        out.append((_params(cell), values, cell.eps, cell.momentum, cell.affine, cell.track_running_stats,
                    cell.training))
    return out


def case_sync_batch_norm_training(ms):
    """SyncBatchNorm on one device: eval output, then two training steps (output, running statistics, count)."""
    bn = ms.mint.nn.SyncBatchNorm(2)
    x = ms.Tensor(X4 * 3 + 1)
    first = bn(x)
    bn.set_train(True)
    steps = []
    for scale in (1.0, 2.0):
        y = bn(x * scale)
        steps.append((y, bn.running_mean.asnumpy().tolist(), bn.running_var.asnumpy().tolist(),
                      int(bn.num_batches_tracked.asnumpy())))
    bn.set_train(False)
    return first, steps, bn(x)


def case_conv_structure(ms):
    """Conv1d, Conv3d, ConvTranspose2d: parameter names, shapes, dtypes, attributes."""
    nn = ms.mint.nn
    out = []
    for cell in (nn.Conv1d(2, 4, 3), nn.Conv3d(2, 4, (1, 2, 3), stride=2, padding=1, groups=2, bias=False),
                 nn.ConvTranspose2d(2, 4, 3, stride=2, output_padding=1, groups=2),
                 nn.Conv1d(2, 2, 2, padding="same", dtype=ms.float16)):
        out.append((_params(cell), cell.stride, cell.padding, cell.dilation, cell.padding_mode, cell.groups))
    return out


def case_conv_init_bounds(ms):
    """mint conv weights and biases lie in +-1/sqrt(fan_in) (HeUniform(sqrt(5))), the weights spread over it."""
    nn = ms.mint.nn
    out = []
    for cell, fan_in in ((nn.Conv1d(2, 4, 3), 6), (nn.Conv3d(2, 4, 2, groups=2), 8),
                         (nn.ConvTranspose2d(2, 4, 3, groups=2), 18)):
        bound = 1 / np.sqrt(fan_in)
        out.append([bool(np.abs(p.asnumpy()).max() <= bound) for p in cell.get_parameters()])
        out.append(bool(cell.weight.asnumpy().std() > bound / 4))
    return out


def case_prelu_structure(ms):
    """mint.nn.PReLU: one `weight` of num_parameters filled with init."""
    cell = ms.mint.nn.PReLU(3, 0.1)
    return _params(cell), cell.weight.asnumpy().tolist()


def case_layer_defaults(ms):
    """Default attributes of the pooling, padding and activation layers."""
    nn = ms.mint.nn
    return (nn.Hardtanh().min_val, nn.Hardtanh().max_val, nn.ELU().alpha, nn.GLU().dim, nn.Threshold(0.1, 2.0).value,
            nn.Dropout2d().p)
