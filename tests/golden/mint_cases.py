"""Op database: `mindspore.mint`, `mint.nn.functional` and `mint.nn` layers, recorded from MindSpore 2.10's CPU
build (see opdb.py). Ops without a CPU kernel in that build are tested in tests/test_mint.py against
hand-written JAX of MindSpore's documented semantics instead."""

import numpy as np
from opdb import Dtype, OpInfo, S, cases

_r = np.random.RandomState(0)
X = _r.uniform(-2, 2, (2, 3)).astype(np.float32)
Y = _r.uniform(-2, 2, (2, 3)).astype(np.float32)
P = _r.uniform(0.5, 2, (2, 3)).astype(np.float32)          # positive
A = _r.uniform(-1, 1, (2, 3, 4)).astype(np.float32)
B = _r.uniform(-1, 1, (2, 4, 2)).astype(np.float32)
M = _r.uniform(-1, 1, (3, 4)).astype(np.float32)
W = _r.uniform(-1, 1, (2, 3)).astype(np.float32)            # (out, in) as mint.nn.Linear
BIAS = _r.uniform(-1, 1, (2,)).astype(np.float32)
C4 = _r.uniform(-1, 1, (2, 4, 3)).astype(np.float32)
IMG = _r.uniform(-1, 1, (1, 1, 2, 3)).astype(np.float32)
IN = np.array([[1, -2, 3], [4, 0, -6]], np.int32)
COND = X > 0

OPS = [
    OpInfo("mint.cat", [S([X, Y], 1), S([X, Y], dim=0), S([X, Y], 2)]),
    OpInfo("mint.concat", [S([X, Y], dim=-1)]),
    OpInfo("mint.zeros", [S((2, 3)), S(2), S((2,), dtype=Dtype("int32"))], dtypes=None),
    OpInfo("mint.ones", [S((2, 3)), S(3), S((2,), dtype=Dtype("int32"))], dtypes=None),
    OpInfo("mint.matmul", [S(X, M), S(A, B)], grad=True),
    OpInfo("mint.matmul", [S(IN, IN.T)], dtypes=None, tag="int"),
    OpInfo("mint.bmm", [S(A, B)], grad=True),
    OpInfo("mint.exp", [S(X)], grad=True),
    OpInfo("mint.exp", [S(IN)], dtypes=None, tag="int"),
    OpInfo("mint.log", [S(P)], grad=True),
    OpInfo("mint.sin", [S(X)], grad=True),
    OpInfo("mint.cos", [S(X)], grad=True),
    OpInfo("mint.sqrt", [S(P)], grad=True),
    OpInfo("mint.sqrt", [S(IN * IN)], dtypes=None, tag="int"),
    OpInfo("mint.rsqrt", [S(P)], grad=True),
    OpInfo("mint.tanh", [S(X)], grad=True),
    OpInfo("mint.sigmoid", [S(X)], grad=True),
    OpInfo("mint.abs", [S(X)], grad=True),
    OpInfo("mint.clamp", [S(X, -1.0, 1.0), S(X, min=0.5)], grad=True),
    OpInfo("mint.sum", [S(X), S(X, 1, True), S(X, dim=0)], grad=True),
    OpInfo("mint.sum", [S(IN), S(IN, dim=1)], dtypes=None, tag="int"),
    OpInfo("mint.mean", [S(X), S(X, 1, True), S(X, dim=(0, 1))], grad=True),
    OpInfo("mint.max", [S(X, 1), S(X, dim=0, keepdim=True), S(X, 3)]),
    OpInfo("mint.max", [S(X), S(X, Y)], grad=True, tag="reduce"),
    OpInfo("mint.min", [S(X, 1), S(X, dim=1, keepdim=True)]),
    OpInfo("mint.chunk", [S(X, 2, 1), S(X, 2, dim=0)]),
    OpInfo("mint.split", [S(X, 2, 1), S(X, [1, 2], dim=1)]),
    OpInfo("mint.triu", [S(X), S(X, 1)], grad=True),
    OpInfo("mint.permute", [S(A, (2, 0, 1))], grad=True),
    OpInfo("mint.transpose", [S(A, 0, 2)], grad=True),
    OpInfo("mint.unsqueeze", [S(X, 0), S(X, -1)]),
    OpInfo("mint.reshape", [S(X, (3, 2)), S(X, (-1,))]),
    OpInfo("mint.flatten", [S(A), S(A, 1)]),
    OpInfo("mint.softmax", [S(X, 1), S(X, dim=0)], grad=True),
    OpInfo("mint.where", [S(COND, X, Y)], grad=True),
    OpInfo("mint.mul", [S(X, Y)], grad=True),
    OpInfo("mint.div", [S(X, P)], grad=True),
    OpInfo("mint.add", [S(X, Y), S(X, Y, alpha=2.0)], grad=True),
    OpInfo("mint.sub", [S(X, Y)], grad=True),
    OpInfo("mint.pow", [S(P, 2.0)], grad=True),
    OpInfo("mint.nn.functional.softmax", [S(X, 1), S(X)], grad=True),
    OpInfo("mint.nn.functional.silu", [S(X)], grad=True),
    OpInfo("mint.nn.functional.relu", [S(X)], grad=True),
    OpInfo("mint.nn.functional.softplus", [S(X), S(X, beta=2, threshold=1)]),  # no CPU grad kernel
    # no CPU kernel (tests/test_mint.py): l1_loss, adaptive_avg_pool2d, index_select, sort, argsort, std, var, baddbmm
    OpInfo("mint.nn.functional.linear", [S(X, W, BIAS), S(X, W)], grad=True),
    OpInfo("mint.nn.functional.dropout", [S(X, 0.5, False), S(X, p=0.3, training=False)]),
    OpInfo("mint.nn.functional.interpolate", [S(IMG, scale_factor=2.0), S(IMG, size=(3, 4))]),
    OpInfo("mint.nn.functional.gelu", [S(X, approximate="bad")]),
    OpInfo("mint.nn.functional.binary_cross_entropy_with_logits", [S(X, P / 2), S(X, P / 2, None, "sum")],
           grad=True),
    OpInfo("mint.nn.functional.smooth_l1_loss", [S(X, Y), S(X, Y, "none", 0.5)], grad=True),
    OpInfo("mint.nn.functional.group_norm", [S(C4, 2), S(C4, 4, C4[0, :, 0], C4[1, :, 1]), S(A, 2)], grad=True),
    OpInfo("ops.group_norm", [S(C4, 2), S(C4, 1, C4[0, :, 0], C4[1, :, 1], 1e-3)], grad=True),
    OpInfo("mint.squeeze", [S(X[None]), S(X[None], dim=0)]),
    OpInfo("mint.swapaxes", [S(A, 0, 2)]),
    OpInfo("mint.unbind", [S(X, 1)]),
    OpInfo("mint.amax", [S(X, 1), S(X, dim=0, keepdim=True)]),
    OpInfo("mint.narrow", [S(X, 1, 1, 2)]),
    OpInfo("mint.eye", [S(3), S(2, 3)], dtypes=None),
]
globals().update(cases(OPS))


def case_linear_layer(ms):
    """mint.nn.Linear: parameter names, shapes and the forward pass with set weights."""
    net = ms.mint.nn.Linear(3, 2)
    net.weight.set_data(ms.Tensor(W))
    net.bias.set_data(ms.Tensor(BIAS))
    params = [(p.name, tuple(p.shape)) for p in net.get_parameters()]
    return params, net(ms.Tensor(X)), ms.mint.nn.Linear(3, 2, bias=False)(ms.Tensor(X)).shape


def case_activation_layers(ms):
    """ReLU, SiLU, Tanh, Sigmoid, Softmax(dim) and Identity layers."""
    nn = ms.mint.nn
    x = ms.Tensor(X)
    return [c(x) for c in (nn.ReLU(), nn.SiLU(), nn.Tanh(), nn.Sigmoid(), nn.Softmax(dim=1), nn.Identity())]


def case_dropout_layer(ms):
    """mint.nn.Dropout is identity in eval mode (a new Cell)."""
    return ms.mint.nn.Dropout(p=0.4)(ms.Tensor(X))


def case_adamw_state_names(ms):
    """mint.optim.AdamW's state Parameters (names, shapes), as its checkpoints store them."""
    net = ms.mint.nn.Linear(3, 2)
    opt = ms.mint.optim.AdamW(net.trainable_params(), lr=0.01)
    sgd = ms.mint.optim.SGD(net.trainable_params(), lr=0.1, momentum=0.9)
    return ([(p.name, tuple(p.shape), str(p.dtype)) for p in opt.get_parameters()],
            [(p.name, tuple(p.shape), str(p.dtype)) for p in sgd.get_parameters()])
