"""Issue 17: optimizer Primitives (`ops.ApplyMomentum`, `ops.Adam`, ...) and recurrent Primitives (`ops.LSTM`).

Recorded from MindSpore 2.10 (CPU) with `record.py prims_rnn_optim`; replayed by tests/test_prims_rnn_optim.py and
tests/test_opdb.py. An optimizer case runs two steps on Parameters and returns the outputs of the second step and
the updated Parameters. MindSpore's CPU kernels of `Adam`, `AdamWeightDecay`, `FusedCastAdamWeightDecay`,
`ApplyRMSProp`, `ApplyCenteredRMSProp` (and `FusedSparseAdam`'s m, v) return zeros instead of the documented
updated values: those outputs are `_quirk` cases. `FusedWeightScaleApplyMomentum`, `ApplyKerasMomentum`,
`DynamicRNN` and `DynamicGRUV2` have no CPU kernel: tests/test_prims_rnn_optim.py checks them against hand-written
NumPy/JAX of MindSpore's documented formulas.
"""

import numpy as np
from opdb import OpInfo, S, cases


def covers(*names):
    def deco(fn):
        fn.covers = names
        return fn
    return deco


def _arr(seed, shape=(2, 3), low=0.1, high=1.0, dtype=np.float32):
    return np.random.RandomState(seed).uniform(low, high, shape).astype(dtype)


# op -> (init kwargs, inputs): "p" a Parameter (seeded positive values), "q" one with smaller values, "g" a gradient
# Tensor (signed), a float a float32 scalar Tensor, ("f", x) the Python float x, ("i", x) an int32 Tensor.
OPTIM = {
    "ApplyMomentum": ({}, ["p", "p", 0.1, "g", 0.9]),
    # MindSpore's CPU kernel ignores use_nesterov (and ApplyAdagrad's update_slots=False): documented formula here
    "ApplyMomentum_nesterov_quirk": ({"use_nesterov": True}, ["p", "p", 0.1, "g", 0.9]),
    "Adam": ({}, ["p", "p", "p", 0.9, 0.999, 0.01, 0.9, 0.999, 1e-8, "g"]),
    "Adam_nesterov": ({"use_nesterov": True}, ["p", "p", "p", 0.9, 0.999, 0.01, 0.9, 0.999, 1e-8, "g"]),
    "AdamWeightDecay": ({}, ["p", "p", "p", 0.01, 0.9, 0.999, 1e-8, 0.1, "g"]),
    "AdamNoUpdateParam": ({}, ["p", "p", 0.9, 0.999, 0.01, 0.9, 0.999, 1e-8, "g"]),
    "ApplyAdaMax": ({}, ["p", "p", "p", 0.9, 0.01, 0.9, 0.99, 1e-8, "g"]),
    "ApplyAdadelta": ({}, ["p", "p", "p", 0.01, 0.9, 1e-6, "g"]),
    "ApplyAdagrad": ({}, ["p", "p", 0.01, "g"]),
    "ApplyAdagrad_noslots_quirk": ({"update_slots": False}, ["p", "p", 0.01, "g"]),
    "ApplyAdagradV2": ({"epsilon": 1e-6}, ["p", "p", 0.01, "g"]),
    "ApplyAdagradDA": ({}, ["p", "p", "p", "g", 0.01, 0.0, 0.001, ("i", 2)]),
    # MindSpore's CPU kernel shrinks a negative accumulator away from zero (acc - l1 * step) instead of the
    # documented sign(acc) * max(|acc| - l1 * step, 0)
    "ApplyAdagradDA_l1_quirk": ({}, ["p", "p", "p", "g", 0.01, 0.001, 0.001, ("i", 2)]),
    "ApplyAdamWithAmsgrad": ({"beta1": 0.8, "beta2": 0.99, "epsilon": 1e-6},
                             ["p", "p", "p", "p", 0.9, 0.999, 0.01, "g"]),
    "ApplyAdamWithAmsgradV2": ({}, ["p", "p", "p", "p", 0.9, 0.999, 0.01, 0.9, 0.999, 1e-8, "g"]),
    "ApplyAddSign": ({}, ["p", "p", 0.01, 1.0, 0.99, 0.9, "g"]),
    "ApplyPowerSign": ({}, ["p", "p", 0.01, float(np.e), 0.99, 0.9, "g"]),
    "ApplyCenteredRMSProp": ({}, ["p", "q", "p", "p", "g", 0.01, 0.9, 0.9, 1e-6]),
    "ApplyRMSProp": ({}, ["p", "p", "p", 0.01, "g", ("f", 0.9), ("f", 0.9), ("f", 1e-6)]),
    "ApplyFtrl": ({}, ["p", "p", "p", "g", 0.01, 0.0, 0.002, -0.5]),
    # MindSpore's CPU kernel uses -sign(linear) * l1 where the FTRL-proximal formula has +sign(linear) * l1
    "ApplyFtrl_l1_quirk": ({}, ["p", "p", "p", "g", 0.01, 0.001, 0.002, -0.5]),
    "ApplyGradientDescent": ({}, ["p", 0.01, "g"]),
    "ApplyProximalGradientDescent": ({}, ["p", 0.1, 0.05, 0.01, "g"]),
    "ApplyProximalAdagrad": ({}, ["p", "p", 0.1, 0.05, 0.01, "g"]),
    "SGD": ({"dampening": 0.1, "weight_decay": 0.01}, ["p", "g", 0.01, "p", 0.9, "p"]),
    "SGD_nesterov": ({"nesterov": True}, ["p", "g", 0.01, "p", 0.9, "p"]),
}
# Ops whose MindSpore CPU kernel returns zeros instead of the updated values (outputs are _quirk cases).
ZERO_OUTPUTS = {"Adam", "Adam_nesterov", "AdamWeightDecay", "ApplyCenteredRMSProp", "ApplyRMSProp"}


def _inputs(ms, spec, dtype=np.float32):
    out = []
    for k, kind in enumerate(spec):
        if kind in ("p", "q"):
            values = _arr(k, dtype=dtype) * (0.1 if kind == "q" else 1)
            out.append(ms.Parameter(ms.Tensor(values), name=f"p{k}"))
        elif kind == "g":
            out.append(ms.Tensor(_arr(100 + k, low=-1.0, dtype=dtype)))
        elif isinstance(kind, tuple):
            out.append(kind[1] if kind[0] == "f" else ms.Tensor(np.int32(kind[1])))
        else:
            out.append(ms.Tensor(np.asarray(kind, dtype)))
    return out


def _run(ms, key, dtype=np.float32, steps=2):
    init, spec = OPTIM[key]
    op = getattr(ms.ops, key.split("_")[0])(**init)
    args = _inputs(ms, spec, dtype)
    for _ in range(steps):
        out = op(*args)
    return out, [a for a in args if isinstance(a, ms.Parameter)]


def _optim_case(key):
    @covers(key.split("_")[0])
    def case(ms):
        out, params = _run(ms, key)
        return params if key in ZERO_OUTPUTS else (out, params)
    return case


def _zero_outputs_case(key):
    def case(ms):
        return _run(ms, key)[0]
    return case


for _key in OPTIM:
    globals()[f"case_optim_{_key}"] = _optim_case(_key)
for _key in ZERO_OUTPUTS:
    globals()[f"case_optim_{_key}_outputs_quirk"] = _zero_outputs_case(_key)


def case_optim_ApplyMomentum_float16(ms):
    out, params = _run(ms, "ApplyMomentum", np.float16)
    return out, params


def case_optim_ApplyAdagrad_float16(ms):
    return _run(ms, "ApplyAdagrad", np.float16)


@covers("FusedSparseAdam")
def case_optim_FusedSparseAdam(ms):
    params = [ms.Parameter(ms.Tensor(_arr(k, (3, 2))), name=f"p{k}") for k in range(3)]
    scalars = [ms.Tensor(np.float32(x)) for x in (0.9, 0.999, 0.01, 0.9, 0.999, 1e-8)]
    grad = ms.Tensor(_arr(7, (3, 2), -1.0))
    indices = ms.Tensor(np.array([0, 2, 0], np.int32))
    out = ms.ops.FusedSparseAdam()(*params, *scalars, grad, indices)
    return out[0], params


def _fused_cast(ms, var_dtype):
    params = [ms.Parameter(ms.Tensor(_arr(0, dtype=var_dtype)), name="var")]
    params += [ms.Parameter(ms.Tensor(_arr(k)), name=f"p{k}") for k in (1, 2)]
    scalars = [ms.Tensor(np.float32(x)) for x in (0.01, 0.9, 0.999, 1e-8, 0.1)]
    op = ms.ops.FusedCastAdamWeightDecay()
    for _ in range(2):
        out = op(*params, *scalars, ms.Tensor(_arr(7, low=-1.0, dtype=np.float16)), ms.Tensor(np.float32(2.0)))
    return out, params


@covers("FusedCastAdamWeightDecay")
def case_optim_FusedCastAdamWeightDecay(ms):
    return [_fused_cast(ms, dt)[1] for dt in (np.float16, np.float32)]


def case_optim_FusedCastAdamWeightDecay_outputs_quirk(ms):
    return _fused_cast(ms, np.float32)[0]


def case_optim_ApplyMomentum_tensor_var(ms):
    """A plain Tensor `variable` is updated in place too."""
    var = ms.Tensor(_arr(0))
    acc = ms.Tensor(_arr(1))
    out = ms.ops.ApplyMomentum()(var, acc, ms.Tensor(np.float32(0.1)), ms.Tensor(_arr(2, low=-1.0)),
                                 ms.Tensor(np.float32(0.9)))
    return out, var, acc


def case_optim_ApplyMomentum_int_var_error(ms):
    var = ms.Parameter(ms.Tensor(np.ones((2, 2), np.int32)), name="v")
    acc = ms.Parameter(ms.Tensor(np.ones((2, 2), np.int32)), name="a")
    return ms.ops.ApplyMomentum()(var, acc, ms.Tensor(np.float32(0.1)), ms.Tensor(np.ones((2, 2), np.int32)),
                                  ms.Tensor(np.float32(0.9)))


def case_optim_ApplyAdagradV2_epsilon_error(ms):
    return ms.ops.ApplyAdagradV2(epsilon=1)


def case_optim_SGD_int_dampening(ms):
    """An int `dampening` is accepted."""
    op = ms.ops.SGD(dampening=1)
    return op.dampening


def _train_net(ms, use_jit):
    """A TrainOneStep-style Cell: loss, gradients, `ApplyMomentum` on each weight, inside `construct`."""

    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(ms.Tensor(_arr(0, (3, 2))), name="w")
            self.b = ms.Parameter(ms.Tensor(_arr(1, (2,))), name="b")

        def construct(self, x, y):
            return ((ms.ops.matmul(x, self.w) + self.b - y) ** 2).mean()

    class Train(ms.nn.Cell):
        def __init__(self, net):
            super().__init__()
            self.net = net
            self.weights = ms.ParameterTuple(net.trainable_params())
            self.moments = self.weights.clone(prefix="moments", init="zeros")
            self.grad = ms.ops.GradOperation(get_by_list=True)
            self.opt = ms.ops.ApplyMomentum()
            self.lr = ms.Tensor(np.float32(0.1))
            self.mom = ms.Tensor(np.float32(0.9))

        def construct(self, x, y):
            loss = self.net(x, y)
            grads = self.grad(self.net, self.weights)(x, y)
            for w, m, g in zip(self.weights, self.moments, grads, strict=True):
                self.opt(w, m, self.lr, g, self.mom)
            return loss

    train = Train(Net())
    x = ms.Tensor(_arr(5, (4, 3), -1.0))
    y = ms.Tensor(_arr(6, (4, 2), -1.0))
    if use_jit:
        ms.set_context(mode=ms.GRAPH_MODE)
    losses = [train(x, y) for _ in range(3)]
    return losses, list(train.weights), list(train.moments)


@covers("ApplyMomentum")
def case_optim_train_step_pynative(ms):
    return _train_net(ms, False)


@covers("ApplyMomentum")
def case_optim_train_step_graph(ms):
    return _train_net(ms, True)


def case_optim_adam_jit(ms):
    """`ops.Adam` inside `ms.jit`: the Parameters are updated by the compiled call."""
    var, m, v = (ms.Parameter(ms.Tensor(_arr(k)), name=f"p{k}") for k in range(3))
    op = ms.ops.Adam()
    grad = ms.Tensor(_arr(9, low=-1.0))
    scalars = [ms.Tensor(np.float32(x)) for x in (0.9, 0.999, 0.01, 0.9, 0.999, 1e-8)]

    @ms.jit
    def step(g):
        op(var, m, v, *scalars, g)
        return var * 1

    first = step(grad)
    second = step(grad)
    return first, second, var, m, v


def _lstm_sample(seed, input_size, hidden, layers, bidirectional, bias, proj=0, steps=3, batch=2):
    """(x, h, c, w) for `ops.LSTM`; `w` sized as MindSpore's kernel expects (two biases per layer and direction)."""
    rs = np.random.RandomState(seed)
    dirs, real = (2 if bidirectional else 1), proj or hidden
    size = sum(dirs * (4 * hidden * ((input_size if k == 0 else real * dirs) + real + (2 if bias else 0))
                       + proj * hidden) for k in range(layers))
    x = rs.uniform(-1, 1, (steps, batch, input_size)).astype(np.float32)
    h = rs.uniform(-0.5, 0.5, (layers * dirs, batch, real)).astype(np.float32)
    c = rs.uniform(-0.5, 0.5, (layers * dirs, batch, hidden)).astype(np.float32)
    return S(x, h, c, (rs.uniform(-0.5, 0.5, (size, 1, 1))).astype(np.float32))


def _lstm_init(input_size, hidden, layers, bidirectional, bias, proj=0):
    return {"input_size": input_size, "hidden_size": hidden, "num_layers": layers, "has_bias": bias,
            "bidirectional": bidirectional, "dropout": 0.0, "proj_size": proj}


# `reserve` is MindSpore's backend workspace (not reproduced: mindgrad returns zeros of its shape), so the LSTM
# cases compare output, h_n, c_n, reserve's shape, state and the gradients of (x, h, c, w) for random
# sensitivities of output, h_n and c_n. MindSpore's CPU kernel runs stacked layers only unidirectional with
# input_size == hidden_size.
LSTM_CONFIGS = {"basic": (0, 3, 2, 1, False, True), "nobias": (1, 3, 2, 1, False, False),
                "bidirectional": (2, 3, 2, 1, True, True), "layers": (3, 2, 2, 2, False, True),
                "proj": (7, 3, 3, 1, False, True, 2), "proj_bidirectional": (8, 3, 3, 1, True, True, 1),
                # MindSpore's gradient of `w` has only the elements its CPU kernel reads (no second bias);
                # mindgrad's has the shape of `w`, zero where `w` is not read
                "w_grad_shape_quirk": (0, 3, 2, 1, False, True)}


def _lstm_case(key):
    @covers("LSTM")
    def case(ms):
        seed, input_size, hidden, layers, bidirectional, bias, *proj = LSTM_CONFIGS[key]
        proj = proj[0] if proj else 0
        op = ms.ops.LSTM(**_lstm_init(input_size, hidden, layers, bidirectional, bias, proj))
        args = [ms.Tensor(a) for a in _lstm_sample(seed, input_size, hidden, layers, bidirectional, bias, proj).args]
        out = op(*args)
        rs = np.random.RandomState(seed + 10)
        sens = tuple(ms.Tensor(rs.standard_normal(o.shape).astype(np.float32)) for o in out[:3])
        sens += tuple(ms.ops.zeros(o.shape, o.dtype) for o in out[3:])

        def forward(x, h, c, w):
            return op(x, h, c, w)

        grads = ms.ops.GradOperation(get_all=True, sens_param=True)(forward)(*args, sens)
        if key.endswith("quirk"):
            return tuple(grads[3].shape)
        dirs = 2 if bidirectional else 1
        real = proj or hidden
        used = sum(dirs * (4 * hidden * ((input_size if k == 0 else real * dirs) + real + bias) + proj * hidden)
                   for k in range(layers))
        return out[:3], tuple(out[3].shape), out[4], grads[:3], grads[3].reshape(-1)[:used]
    return case


for _key in LSTM_CONFIGS:
    globals()[f"case_lstm_{_key}"] = _lstm_case(_key)


@covers("LSTM")
def case_lstm_short_w(ms):
    """A `w` longer than the weights and one bias per layer is accepted (the rest is not read)."""
    sample = _lstm_sample(5, 3, 2, 1, False, True)
    out = ms.ops.LSTM(**_lstm_init(3, 2, 1, False, True))(*(ms.Tensor(a) for a in sample.args[:3]),
                                                           ms.Tensor(np.ones((50, 1, 1), np.float32)))
    return out[:3]


OPS = [
    OpInfo("ops.LSTM", [_lstm_sample(4, 3, 2, 1, False, True)], init=_lstm_init(3, 4, 1, False, True),
           tag="bad_h"),
]
globals().update(cases(OPS))


def case_lstm_init_dropout_int_error(ms):
    return ms.ops.LSTM(3, 2, 1, True, False, 1)


def case_lstm_init_dropout_range_error(ms):
    return ms.ops.LSTM(3, 2, 1, True, False, 1.5)


def case_lstm_init_hidden_float_error(ms):
    return ms.ops.LSTM(3, 2.0, 1, True, False, 0.0)


def case_lstm_init_bias_int_error(ms):
    return ms.ops.LSTM(3, 2, 1, 1, False, 0.0)


def case_lstm_init_proj_size_error(ms):
    return ms.ops.LSTM(3, 2, 1, True, False, 0.0, proj_size=2)


@covers("DynamicRNN")
def case_dynamic_rnn_attrs(ms):
    op = ms.ops.DynamicRNN(forget_bias=1.0)
    return op.cell_type, op.direction, op.forget_bias, op.cell_clip, op.time_major


def case_dynamic_rnn_cell_type_error(ms):
    return ms.ops.DynamicRNN(cell_type="GRU")


def case_dynamic_rnn_keep_prob_int_error(ms):
    return ms.ops.DynamicRNN(keep_prob=1)


def case_dynamic_rnn_direction_error(ms):
    return ms.ops.DynamicRNN(direction="BIDIRECTIONAL")


@covers("DynamicGRUV2")
def case_dynamic_gru_v2_attrs(ms):
    op = ms.ops.DynamicGRUV2(gate_order="zrh", reset_after=False)
    return op.gate_order, op.reset_after, op.direction, op.activation


def case_dynamic_gru_v2_gate_order_error(ms):
    return ms.ops.DynamicGRUV2(gate_order="hzr")


def case_dynamic_gru_v2_cell_depth_error(ms):
    return ms.ops.DynamicGRUV2(cell_depth=1.0)
