"""Golden cases of amp_level="auto" on functional ops: a function network (which MindSpore 2.10 accepts at
this level) and the functional ops, Tensor methods and operators called inside a Cell's `construct`.

Each ``case_<name>(ms)`` uses only the MindSpore API (``ms`` is mindspore or mindgrad) and NumPy. Which ops
are cast was observed on MindSpore 2.10's CPU build: the white list's matmul/convolution ops run in
Float16, the black list's (and the composites reaching one, like `ops.cross_entropy`) in Float32, the
promote list's in the widest float type of their inputs, every other op in the type of its inputs.
"""

import numpy as np


def tol(rtol=None, atol=None):
    def mark(fn):
        fn.rtol, fn.atol = rtol, atol
        return fn
    return mark


def tensors(ms, seed=2500):
    rs = np.random.RandomState(seed)

    def t(*shape, pos=False):
        a = rs.uniform(0.1, 0.9, shape) if pos else rs.standard_normal(shape)
        return ms.Tensor(a.astype(np.float32))

    return {"x": t(3, 4), "w": t(4, 3), "m": t(3, 3, pos=True), "b": t(2, 3, 3), "v": t(3), "img": t(1, 2, 5, 5),
            "k": t(3, 2, 3, 3), "seq": t(1, 2, 6), "k1": t(3, 2, 3),
            "lab": ms.Tensor(np.array([0, 2, 1], np.int32))}


def ops_calls(ms, d):
    """The functional calls, by name: white, black, promote and unlisted ops."""
    ops, mint = ms.ops, ms.mint
    mf = ms.mint.nn.functional
    x, w, m, b, v = d["x"], d["w"], d["m"], d["b"], d["v"]
    return {
        "matmul": lambda: ops.matmul(x, w), "mm": lambda: ops.mm(x, w), "bmm": lambda: ops.bmm(b, b),
        "dense": lambda: ops.dense(x, w.T, v), "mv": lambda: ops.mv(m, v), "dot": lambda: ops.dot(x, w),
        "conv2d": lambda: ops.conv2d(d["img"], d["k"]), "conv1d": lambda: ops.conv1d(d["seq"], d["k1"]),
        "mint_matmul": lambda: mint.matmul(x, w), "mint_bmm": lambda: mint.bmm(b, b),
        "linear": lambda: mf.linear(x, w.T),
        "at": lambda: x @ w, "tensor_matmul": lambda: x.matmul(w),
        "exp": lambda: ops.exp(m), "log": lambda: ops.log(m), "softmax": lambda: ops.softmax(x),
        "log_softmax": lambda: ops.log_softmax(x), "sum": lambda: ops.sum(x), "prod": lambda: ops.prod(m),
        "pow": lambda: ops.pow(m, 2.0), "rsqrt": lambda: ops.rsqrt(m), "reciprocal": lambda: ops.reciprocal(m),
        "cumsum": lambda: ops.cumsum(m, 0), "cumprod": lambda: ops.cumprod(m, 0), "softplus": lambda: ops.softplus(x),
        "logsumexp": lambda: ops.logsumexp(m, 1), "nll_loss": lambda: ops.nll_loss(ops.log_softmax(m), d["lab"]),
        "cross_entropy": lambda: ops.cross_entropy(m, d["lab"]),
        "smooth_l1_loss": lambda: ops.smooth_l1_loss(m, m * 2),
        "bce_logits": lambda: ops.binary_cross_entropy_with_logits(m, m * 0.5, m, m),
        "tensor_sum": lambda: x.sum(), "tensor_exp": lambda: m.exp(), "square_op": lambda: m ** 2,
        "mint_sum": lambda: mint.sum(x), "mint_exp": lambda: mint.exp(m), "mf_softmax": lambda: mf.softmax(x, 1),
        "relu": lambda: ops.relu(x), "mean": lambda: ops.mean(x),
        "add": lambda: x + 1, "mul": lambda: ops.mul(x, x), "addmm": lambda: ops.addmm(m, m, m),
        "tanh": lambda: ops.tanh(x), "sqrt": lambda: ops.sqrt(m),
    }


def run_ops(ms, d, low):
    """Each op's result (dtype and value) with the inputs in Float32, or (low) Float16."""
    if low:
        d = {k: (t.astype(ms.float16) if t.dtype == ms.float32 else t) for k, t in d.items()}
    calls = ops_calls(ms, d)
    names = sorted(calls)

    def net():
        return tuple(calls[n]() for n in names)

    outs = ms.amp.auto_mixed_precision(net, "auto")()
    return [(n, str(o.dtype), o) for n, o in zip(names, outs, strict=True)]


def case_function_network_float32_inputs(ms):
    """A function network at "auto" on Float32 inputs: the white ops' results in Float16, others Float32."""
    return run_ops(ms, tensors(ms), False)


def case_function_network_float16_inputs(ms):
    """The same on Float16 inputs: the black ops' results in Float32, others Float16."""
    return run_ops(ms, tensors(ms), True)


def case_function_network_promote(ms):
    """Promote-list ops on a Float16 and a Float32 input: computed in Float32; on two Float16 inputs: Float16."""
    ops, mint = ms.ops, ms.mint
    d = tensors(ms, 2510)
    m, v = d["m"], d["v"]
    h = m.astype(ms.float16)

    def net(a, c):
        return (ops.cat((a, c)), ops.concat((a, c)), mint.cat((a, c)), ops.addn((a, c)), ops.cross(a, c),
                ops.addcdiv(a, c, c), ops.addcmul(a, c, c), ops.bias_add(a, v), ops.add(a, c))

    fn = ms.amp.auto_mixed_precision(net, "auto")
    out = []
    for a, c in ((h, m), (m, h), (h, h)):
        res = fn(a, c)
        out.append(([str(r.dtype) for r in res], res))
    return out


def case_function_network_attrs(ms):
    """What auto_mixed_precision returns for a function: a function keeping the name, with `_amp_level`."""
    def my_net(x):
        return ms.ops.matmul(x, x)

    fn = ms.amp.auto_mixed_precision(my_net, "auto")
    x = ms.Tensor(np.eye(2, dtype=np.float32))
    return callable(fn), fn.__name__, fn._amp_level, str(fn(x).dtype), str(my_net(x).dtype)


def case_cell_construct_functional_ops(ms):
    """A Cell at "auto" whose construct calls functional ops, Tensor methods and operators on Parameters."""
    nn, ops = ms.nn, ms.ops

    class FuncNet(nn.Cell):
        def __init__(self):
            super().__init__()
            rs = np.random.RandomState(2520)
            self.w = ms.Parameter(ms.Tensor(rs.standard_normal((4, 5)).astype(np.float32) * 0.5), name="w")
            self.k = ms.Parameter(ms.Tensor(rs.standard_normal((2, 1, 3, 3)).astype(np.float32) * 0.5), name="k")
            self.b = ms.Parameter(ms.Tensor(rs.standard_normal(5).astype(np.float32)), name="b")

        def construct(self, x, img):
            h = ops.matmul(x, self.w)
            g = x @ self.w + self.b
            c = ops.conv2d(img, self.k)
            s = ops.softmax(h, -1)
            e = ops.exp(h)
            r = ops.relu(h)
            q = (h * h).sum(axis=1)
            p = h ** 2
            z = ops.cat((h, g))
            return h, g, c, s, e, r, q, p, z

    rs = np.random.RandomState(2521)
    x = ms.Tensor(rs.standard_normal((3, 4)).astype(np.float32))
    img = ms.Tensor(rs.standard_normal((1, 1, 5, 5)).astype(np.float32))
    net = ms.amp.auto_mixed_precision(FuncNet(), "auto")
    outs = net(x, img)
    return [str(o.dtype) for o in outs], outs, str(ops.matmul(x, x.T).dtype)


@tol(5e-3, 1e-3)
def case_function_network_training(ms):
    """value_and_grad through a function network at "auto", 4 SGD steps: losses, gradients (in the Parameters'
    Float32) and final weights. The forward is exact; the backward of MindSpore's composite cross_entropy rounds
    some Float16 gradients differently (a Float16 ulp), hence the tolerance."""
    ops = ms.ops
    rs = np.random.RandomState(2530)
    w1 = ms.Parameter(ms.Tensor(rs.standard_normal((6, 8)).astype(np.float32) * 0.4), name="w1")
    w2 = ms.Parameter(ms.Tensor(rs.standard_normal((8, 4)).astype(np.float32) * 0.4), name="w2")
    x = ms.Tensor(rs.standard_normal((5, 6)).astype(np.float32))
    y = ms.Tensor(rs.randint(0, 4, 5).astype(np.int32))

    def forward(x, y):
        h = ops.relu(ops.matmul(x, w1))
        logits = ops.matmul(h, w2)
        return ops.cross_entropy(logits, y), logits

    net = ms.amp.auto_mixed_precision(forward, "auto")
    grad_fn = ms.value_and_grad(net, None, [w1, w2], has_aux=True)
    out = []
    for _ in range(4):
        (loss, logits), grads = grad_fn(x, y)
        out.append((loss, str(logits.dtype), grads))
        for p, g in zip((w1, w2), grads, strict=True):
            ops.assign(p, p - g * 0.5)
    return out, w1, w2


def case_primitives_created_inside_construct(ms):
    """Primitives created inside the network (`ops.MatMul()(x, w)`) follow the lists by their class."""
    ops, P = ms.ops, ms.ops.operations
    d = tensors(ms, 2540)
    x, w, m, b = d["x"], d["w"], d["m"], d["b"]
    h = m.astype(ms.float16)

    def net(x, w, m, h, b):
        return (ops.MatMul()(x, w), P.MatMul(transpose_b=True)(x, x), P.BatchMatMul()(b, b), ops.Exp()(h),
                P.Softmax()(h), P.Log()(h), P.Pow()(h, 2.0), P.ReduceProd()(h), P.CumSum()(h, 0), ops.ReLU()(x),
                P.Neg()(h), P.Concat()((h, m)), P.BiasAdd()(h, m[0]), P.AddN()((h, m)), P.Tanh()(h))

    outs = ms.amp.auto_mixed_precision(net, "auto")(x, w, m, h, b)
    return [str(o.dtype) for o in outs], outs
