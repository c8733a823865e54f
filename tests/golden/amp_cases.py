"""Golden cases of mixed precision (`mindspore.amp`, `Cell.to_float`, `Model(amp_level=...)`, loss scaling).

Each ``case_<name>(ms)`` uses only the MindSpore API (``ms`` is mindspore or mindgrad) and NumPy. The MLP
trains in Float16 to MindSpore's numbers within 1e-5; the CNN's losses agree to 4e-7 for 7 steps, after
which Float32 ulp differences outside mixed precision (the softmax cross-entropy, BatchNorm's backward,
XLA's fused multiply-add in the Momentum update) start to flip Float16 roundings of the BatchNorm output:
its tolerance (set with :func:`tol`) is a few such flips after 20 steps. Record with
``cd /tmp && GLOG_v=3 /work/ms-oracle/bin/python /work/main/tests/golden/record.py amp``.
"""

import numpy as np


def tol(rtol=None, atol=None):
    def mark(fn):
        fn.rtol, fn.atol = rtol, atol
        return fn
    return mark


def fill(ms, cell, seed, scale=0.4):
    for i, p in enumerate(cell.get_parameters()):
        rs = np.random.RandomState(seed + i)
        if p.name.split(".")[-1] in ("moving_variance", "gamma"):
            values = rs.uniform(0.5, 1.5, size=tuple(p.shape))
        else:
            values = rs.standard_normal(tuple(p.shape)) * scale
        p.set_data(ms.Tensor(values.astype(np.float32)))
    return cell


def mlp(ms):
    nn = ms.nn
    return fill(ms, nn.SequentialCell([nn.Dense(6, 8), nn.ReLU(), nn.Dense(8, 4)]), 1900)


def cnn(ms):
    nn = ms.nn

    class CNN(nn.Cell):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(1, 3, 3, pad_mode="valid", has_bias=True)
            self.bn = nn.BatchNorm2d(3)
            self.relu = nn.ReLU()
            self.pool = nn.MaxPool2d(2, 2)
            self.flatten = nn.Flatten()
            self.fc = nn.Dense(12, 4)

        def construct(self, x):
            return self.fc(self.flatten(self.pool(self.relu(self.bn(self.conv(x))))))

    globals()["CNN"] = CNN  # MindSpore's O1 rewrites the class from its source and looks it up by name
    return fill(ms, CNN(), 1950)


def data(ms, kind, n=8, seed=1990):
    rs = np.random.RandomState(seed)
    shape = (n, 6) if kind == "mlp" else (n, 1, 6, 6)
    return ms.Tensor(rs.standard_normal(shape).astype(np.float32)), ms.Tensor(rs.randint(0, 4, n).astype(np.int32))


def params(net):
    return [(p.name, p) for p in net.trainable_params()] + [(p.name, p) for p in net.untrainable_params()]


def model_run(ms, kind, level, steps=20):
    """Model(amp_level=level, FixedLossScaleManager(128, drop_overflow_update=False)) trained `steps` steps."""
    nn = ms.nn
    net = mlp(ms) if kind == "mlp" else cnn(ms)
    loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    opt = nn.Momentum(net.trainable_params(), 0.05, 0.9, loss_scale=128.0)
    manager = ms.amp.FixedLossScaleManager(128.0, drop_overflow_update=False)
    model = ms.Model(net, loss, opt, amp_level=level, loss_scale_manager=manager)
    step = model.train_network
    x, y = data(ms, kind)
    losses = [step(x, y) for _ in range(steps)]
    return type(step).__name__, losses, params(net), str(net(x).dtype)


@tol(1e-5, 1e-6)
def case_model_mlp_O0(ms):
    return model_run(ms, "mlp", "O0")


@tol(1e-5, 1e-6)
def case_model_mlp_O1(ms):
    return model_run(ms, "mlp", "O1")


@tol(1e-5, 1e-6)
def case_model_mlp_O2(ms):
    return model_run(ms, "mlp", "O2")


@tol(1e-5, 1e-6)
def case_model_mlp_O3(ms):
    return model_run(ms, "mlp", "O3")


@tol(1e-5, 1e-6)
def case_model_cnn_O0(ms):
    return model_run(ms, "cnn", "O0")


@tol(5e-4, 5e-5)
def case_model_cnn_O1(ms):
    return model_run(ms, "cnn", "O1")


@tol(5e-4, 5e-5)
def case_model_cnn_O2(ms):
    return model_run(ms, "cnn", "O2")


@tol(5e-4, 5e-5)
def case_model_cnn_O3(ms):
    return model_run(ms, "cnn", "O3")


@tol(1e-5, 1e-6)
def case_model_mlp_auto(ms):
    return model_run(ms, "mlp", "auto", steps=8)


@tol(1e-3, 1e-4)
def case_model_cnn_auto(ms):
    return model_run(ms, "cnn", "auto", steps=8)


@tol(1e-5, 1e-6)
def case_model_train_loop_fixed_manager(ms):
    """Model.train over a dataset at O2: the losses a callback sees and the manager untouched."""
    nn = ms.nn
    net = mlp(ms)
    opt = nn.Momentum(net.trainable_params(), 0.05, 0.9, loss_scale=64.0)
    manager = ms.FixedLossScaleManager(64.0, False)
    model = ms.Model(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"), opt, amp_level="O2",
                     loss_scale_manager=manager, keep_batchnorm_fp32=False)
    rs = np.random.RandomState(7)
    ds = ms.dataset.NumpySlicesDataset((rs.standard_normal((12, 6)).astype(np.float32),
                                        rs.randint(0, 4, 12).astype(np.int32)), shuffle=False).batch(4)
    seen = []

    class Collect(ms.train.Callback):
        def on_train_step_end(self, run_context):
            seen.append(float(run_context.original_args().net_outputs.asnumpy()))

    model.train(2, ds, callbacks=[Collect()])
    return seen, manager.get_loss_scale(), type(model.train_network).__name__


def structure(ms, net):
    return [(name, type(cell).__name__, cell.__dict__.get("fp16"), cell.__dict__.get("fp32"))
            for name, cell in net.cells_and_names()]


def case_levels_structure_and_forward(ms):
    """What each level does to a CNN with BatchNorm: Cell tree, flags, output dtype and values, to the bit
    (O3's Float16 BatchNorm computed in Float32 and rounded once, as MindSpore's CPU kernel does)."""
    x, _ = data(ms, "cnn", n=2)
    out = []
    for level in ("O0", "O2", "O3"):
        net = ms.amp.auto_mixed_precision(cnn(ms), level)
        y = net(x)
        out.append((structure(ms, net), str(y.dtype), y, getattr(net, "_amp_level", "")))
    o1 = ms.amp.auto_mixed_precision(cnn(ms), "O1")
    y = o1(x)
    out.append((str(y.dtype), y, [c.__dict__.get("fp16") for _, c in o1.cells_and_names()]))
    return out


def case_to_float_dtypes(ms):
    """to_float: a Float16 Dense gets Float16 results from Float32 inputs; a Float32 Cell inside casts back."""
    nn = ms.nn
    x = ms.Tensor(np.random.RandomState(3).standard_normal((2, 6)).astype(np.float32))
    d = fill(ms, nn.Dense(6, 3), 5).to_float(ms.float16)
    seq = fill(ms, nn.SequentialCell([nn.Dense(6, 4), nn.Dense(4, 2)]), 9)
    seq.to_float(ms.float16)
    seq[1].to_float(ms.float32)
    flags = [(c.__dict__.get("fp16"), c.__dict__.get("fp32"), c.__dict__.get("bf16")) for _, c in seq.cells_and_names()]
    return d(x), str(d.weight.dtype), seq(x), flags, str(d.to_float(ms.float32)(x).dtype)


def case_o1_relu_and_primitive_rounding(ms):
    """O1: nn.ReLU and a MatMul Primitive attribute give Float32 results rounded to Float16; ops.matmul does not."""
    nn, ops = ms.nn, ms.ops
    x = ms.Tensor(np.random.RandomState(0).standard_normal((2, 5)).astype(np.float32))

    class M(nn.Cell):
        def __init__(self):
            super().__init__()
            self.mm = ops.MatMul()
            self.w = ms.Parameter(ms.Tensor(np.full((5, 3), 0.1234567, np.float32)), name="w")

        def construct(self, x):
            return self.mm(x, self.w), ops.matmul(x, self.w)

    globals().update(M=M, ms=ms, ops=ops)  # MindSpore's O1 rewrites the class from its source and looks it up by name

    def rounded(t):
        a = t.asnumpy()
        return a.dtype.name, bool(np.array_equal(a, a.astype(np.float16).astype(np.float32)))

    r = ms.amp.auto_mixed_precision(nn.ReLU(), "O1")(x)
    y, z = ms.amp.auto_mixed_precision(M(), "O1")(x)
    return rounded(r), rounded(y), rounded(z)


def case_lists(ms):
    return [c.__name__ for c in ms.amp.get_white_list()], [c.__name__ for c in ms.amp.get_black_list()]


def case_custom_mixed_precision(ms):
    nn = ms.nn
    x, _ = data(ms, "cnn", n=2)
    black = ms.amp.custom_mixed_precision(cnn(ms), black_list=[nn.BatchNorm2d, nn.Dense])
    white = ms.amp.custom_mixed_precision(cnn(ms), white_list=[nn.Conv2d])
    return structure(ms, black), black(x), white(x)


def outcome(fn):
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - recorded as the error class
        return type(exc).__name__


def case_bad_input(ms):
    nn, amp = ms.nn, ms.amp
    opt = nn.Momentum(nn.Dense(2, 2).trainable_params(), 0.1, 0.9)
    fns = [lambda: amp.auto_mixed_precision(nn.Dense(2, 2), "O5"),
           lambda: amp.auto_mixed_precision(nn.Dense(2, 2), "O2", ms.float32),
           lambda: amp.auto_mixed_precision(nn.Dense(2, 2), "O2", "float16"),
           lambda: amp.auto_mixed_precision(lambda x: x, "O2"),
           lambda: nn.Dense(2, 2).to_float(ms.int32),
           lambda: amp.FixedLossScaleManager(0.5),
           lambda: amp.FixedLossScaleManager(0),
           lambda: amp.DynamicLossScaleManager(0.5),
           lambda: amp.DynamicLossScaleManager(4, 0),
           lambda: amp.DynamicLossScaleManager(4, 2, 0),
           lambda: amp.StaticLossScaler(0.5),
           lambda: amp.StaticLossScaler("a"),
           lambda: amp.DynamicLossScaler(4, 2, 0),
           lambda: amp.DynamicLossScaler(4, 0, 1),
           lambda: amp.DynamicLossScaler(4, 2.0, 1),
           lambda: amp.custom_mixed_precision(nn.Dense(2, 2)),
           lambda: amp.custom_mixed_precision(nn.Dense(2, 2), white_list=[], black_list=[]),
           lambda: amp.custom_mixed_precision(nn.Dense(2, 2), white_list=(nn.Dense,)),
           lambda: amp.custom_mixed_precision(nn.Dense(2, 2), white_list=[1]),
           lambda: amp.custom_mixed_precision(nn.Dense(2, 2), black_list=[ms.ops.MatMul]),
           lambda: amp.custom_mixed_precision(1, black_list=[]),
           lambda: amp.custom_mixed_precision(nn.Dense(2, 2), black_list=[], dtype=ms.float32),
           lambda: amp.build_train_network(nn.Dense(2, 2), opt, nn.MSELoss(), level="O4"),
           lambda: amp.build_train_network(nn.Dense(2, 2), opt, nn.MSELoss(), level=1),
           lambda: amp.build_train_network(nn.Dense(2, 2), opt, nn.MSELoss(), level="O1", foo=1),
           lambda: amp.build_train_network(nn.Dense(2, 2), opt, nn.MSELoss(), level="O1", cast_model_type=ms.int32),
           lambda: amp.build_train_network(nn.Dense(2, 2), opt, nn.MSELoss(), level="O1", keep_batchnorm_fp32=1),
           lambda: amp.build_train_network(nn.Dense(2, 2), opt, nn.MSELoss(), level="O1", loss_scale_manager=3),
           lambda: amp.build_train_network(nn.Dense(2, 2), opt, nn.MSELoss(), level="O1", boost_level="O5"),
           lambda: amp.build_train_network(nn.Dense(2, 2), 1),
           lambda: ms.Model(nn.Dense(2, 2), nn.MSELoss(), None, amp_level="O2"),
           lambda: ms.Model(nn.Dense(2, 2), nn.MSELoss(), opt, amp_level="O7"),
           lambda: ms.Model(nn.Dense(2, 2), nn.MSELoss(), opt, foo=1)]
    return [outcome(f) for f in fns]


def case_build_train_network_structure(ms):
    """The training Cell each level builds (a Fixed manager without overflow drop: TrainOneStepCell)."""
    nn, amp = ms.nn, ms.amp
    out = []
    for level in ("O0", "O1", "O2", "O3"):
        net = cnn(ms)
        opt = nn.Momentum(net.trainable_params(), 0.1, 0.9)
        kw = {"loss_scale_manager": amp.FixedLossScaleManager(8.0, False)} if level == "O2" else {}
        step = amp.build_train_network(net, opt, nn.SoftmaxCrossEntropyWithLogits(sparse=True), level=level, **kw)
        # O1: MindSpore rewrites each class of the network from its source as `<name>Opt`; mindgrad keeps them
        out.append([(name, type(c).__name__.removesuffix("Opt")) for name, c in step.cells_and_names()])
    return out


@tol(1e-3, 1e-5)
def case_loss_scalers(ms):
    amp = ms.amp
    s = amp.StaticLossScaler(1024)
    g = (ms.Tensor(np.array([1.5, 1.0], np.float16)), ms.Tensor(np.array([1.2], np.float32)))
    scaled = s.scale(g)
    out = [s.scale(ms.Tensor(np.float32(0.25))), scaled, s.unscale(scaled), s.adjust(ms.Tensor(False)),
           s.scale_value]
    d = amp.DynamicLossScaler(scale_value=2 ** 10, scale_factor=2, scale_window=2)
    trace = []
    for finite in (True, True, False, True, True, True, False, False):
        out.append(d.adjust(ms.Tensor(finite)))
        trace.append((float(d.scale_value.asnumpy()), int(d.counter.asnumpy())))
    big = amp.DynamicLossScaler(scale_value=3e38, scale_factor=4, scale_window=1)
    big.adjust(ms.Tensor(True))
    one = amp.DynamicLossScaler(scale_value=1, scale_factor=4, scale_window=1)
    one.adjust(ms.Tensor(False))
    names = [d.scale_value.name, d.counter.name, str(d.counter.dtype), str(d.scale_value.dtype)]
    return out, trace, big.scale_value, one.scale_value, names


def case_all_finite(ms):
    amp, T = ms.amp, ms.Tensor
    f = np.float32
    return [amp.all_finite((T(np.ones(3, f)), T(np.zeros(2, np.float16)))),
            amp.all_finite([T(np.array([1.0, np.inf], f))]),
            amp.all_finite((T(np.ones(2, f)), T(np.array([np.nan], np.float16)))),
            amp.all_finite((T(np.array([-np.inf], f)),)),
            amp.all_finite((T(np.ones((2, 2), f)),)).shape]


def case_managers_host_rule(ms):
    amp = ms.amp
    m = amp.DynamicLossScaleManager(init_loss_scale=16, scale_factor=2, scale_window=3)
    trace = []
    for overflow in (False, False, False, True, True, False, False, False, False, True):
        m.update_loss_scale(overflow)
        trace.append((m.get_loss_scale(), m.cur_iter, m.last_overflow_iter, m.bad_step))
    f = amp.FixedLossScaleManager(32.0)
    nf = amp.FixedLossScaleManager(32.0, drop_overflow_update=False)
    f.update_loss_scale(True)
    same = (ms.LossScaleManager is amp.LossScaleManager,
            ms.train.DynamicLossScaleManager is amp.DynamicLossScaleManager)
    return (trace, m.get_drop_overflow_update(), type(m.get_update_cell()).__name__,
            m.get_update_cell().get_loss_scale(), f.get_loss_scale(), f.get_drop_overflow_update(),
            type(f.get_update_cell()).__name__, nf.get_update_cell(), nf.get_drop_overflow_update(),
            ms.train.loss_scale_manager.LossScaleManager.__name__, same)


def functional_run(ms, mode):
    """MindSpore 2.x training with value_and_grad, DynamicLossScaler and all_finite on an O3 (Float16) MLP:
    the first scale overflows Float16 gradients, so those steps are skipped and the scale falls."""
    nn, ops, amp = ms.nn, ms.ops, ms.amp
    ms.set_context(mode=mode)
    net = amp.auto_mixed_precision(mlp(ms), "O3")
    loss_fn = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    opt = nn.Momentum(net.trainable_params(), 0.05, 0.9)
    scaler = amp.DynamicLossScaler(scale_value=2 ** 24, scale_factor=2, scale_window=3)

    def forward(x, y):
        loss = loss_fn(net(x), y)
        return scaler.scale(loss), loss

    grad_fn = ms.value_and_grad(forward, None, opt.parameters, has_aux=True)

    def step(x, y):
        (_, loss), grads = grad_fn(x, y)
        grads = scaler.unscale(grads)
        finite = amp.all_finite(grads)
        if finite:
            loss = ops.depend(loss, opt(grads))
        scaler.adjust(finite)
        return loss, finite

    x, y = data(ms, "mlp")
    trace = []
    for _ in range(12):
        loss, finite = step(x, y)
        trace.append((loss, finite, float(scaler.scale_value.asnumpy()), int(scaler.counter.asnumpy())))
    return trace, params(net)


@tol(1e-3, 1e-4)
def case_functional_dynamic_scaler(ms):
    return functional_run(ms, ms.PYNATIVE_MODE)


def case_train_amp_black_list_extended(ms):
    """Scripts extend `mindspore.train.amp.AMP_BLACK_LIST`; O2 then keeps those Cells in Float32."""
    nn = ms.nn
    lists = ms.train.amp
    names = [c.__name__ for c in lists.AMP_BLACK_LIST]
    lists.AMP_BLACK_LIST.append(nn.Dense)
    try:
        net = ms.amp.auto_mixed_precision(mlp(ms), "O2")
    finally:
        lists.AMP_BLACK_LIST.remove(nn.Dense)
    x, _ = data(ms, "mlp", n=2)
    return names, structure(ms, net), net(x), len(ms.amp.get_black_list())


def case_accumulation_grad_scale(ms):
    """`nn.wrap.loss_scale.grad_scale` / `shard_grad_scale` (gradient accumulation): the accumulated (or the
    current) gradient divided by the scale, the accumulator zeroed."""
    loss_scale = ms.nn.wrap.loss_scale
    ops = ms.ops
    scale = ms.Tensor(np.float32(4.0))
    grads = (ms.Tensor(np.array([1.0, 2.0], np.float32)), ms.Tensor(np.array([[3.0]], np.float32)))
    accu = ms.ParameterTuple([ms.Parameter(ms.Tensor(np.array([8.0, 6.0], np.float32)), name="a0"),
                              ms.Parameter(ms.Tensor(np.array([[2.0]], np.float32)), name="a1")])
    hyper_map = ops.HyperMap()
    scaled = hyper_map(ops.partial(loss_scale.grad_scale, scale), grads, accu)
    zeroed = [a.asnumpy().tolist() for a in accu]
    for a, v in zip(accu, ([8.0, 6.0], [[2.0]]), strict=True):
        a.set_data(ms.Tensor(np.array(v, np.float32)))
    shard = hyper_map(ops.partial(loss_scale.shard_grad_scale, scale), grads, accu)
    return scaled, zeroed, shard, [a.asnumpy().tolist() for a in accu]


@tol(1e-3, 1e-4)
def case_model_eval_and_predict_o2(ms):
    """Model at O2 with a BatchNorm: eval casts outputs (and a float label) to Float32, an int label stays;
    predict runs the Float16 network."""
    nn = ms.nn
    net = fill(ms, nn.SequentialCell([nn.Dense(6, 8), nn.BatchNorm1d(8), nn.Dense(8, 4)]), 2100)
    model = ms.Model(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"),
                     nn.Momentum(net.trainable_params(), 0.1, 0.9, loss_scale=64.0), metrics={"acc", "loss"},
                     amp_level="O2", loss_scale_manager=ms.FixedLossScaleManager(64.0, False))
    rs = np.random.RandomState(2101)
    ds = ms.dataset.NumpySlicesDataset((rs.standard_normal((8, 6)).astype(np.float32),
                                        rs.randint(0, 4, 8).astype(np.int32)), shuffle=False).batch(4)
    model.train(2, ds)
    result = model.eval(ds)
    out = model.predict(ms.Tensor(rs.standard_normal((2, 6)).astype(np.float32)))
    return sorted(result), float(result["loss"]), float(result["acc"]), str(out.dtype), out


def case_batchnorm_float16_rounding(ms):
    """A Float16 BatchNorm (to_float) as MindSpore's CPU kernel computes it: in Float32 on the Float16 input,
    rounded once; training keeps gamma/beta and the moving statistics in Float32, inference rounds every
    Parameter to Float16 first. Bit-exact outputs."""
    nn = ms.nn
    x = ms.Tensor((np.random.RandomState(2200).standard_normal((4, 3, 5, 5)) * 3 + 1).astype(np.float32))
    out = []
    for train in (True, False):
        bn = nn.BatchNorm2d(3)
        for i, p in enumerate(bn.get_parameters()):
            rs = np.random.RandomState(2210 + i)
            p.set_data(ms.Tensor(np.abs(rs.standard_normal(3) * 0.7 + 0.2).astype(np.float32)))
        bn.to_float(ms.float16)
        bn.set_train(train)
        y = bn(x)
        out.append((y, bn.moving_mean, bn.moving_variance))
    three = nn.BatchNorm1d(3).to_float(ms.float16)
    three.set_train(True)
    out.append(three(ms.Tensor(np.linspace(-2, 3, 12, dtype=np.float32).reshape(4, 3))))
    return out


def auto_net(ms):
    nn, P = ms.nn, ms.ops.operations

    class AutoNet(nn.Cell):
        def __init__(self):
            super().__init__()
            self.dense = nn.Dense(4, 6)
            self.dense_nb = nn.Dense(6, 3, has_bias=False)
            self.dense_act = nn.Dense(6, 3, activation="relu")
            self.conv = nn.Conv2d(2, 3, 3, pad_mode="same", has_bias=True)
            self.conv_nb = nn.Conv2d(3, 2, 1)
            self.bn = nn.BatchNorm2d(2)
            self.prelu = nn.PReLU()
            self.softmax = nn.Softmax()
            self.ln = nn.LayerNorm((3,))
            self.relu = nn.ReLU()
            self.matmul = P.MatMul(transpose_b=True)
            self.exp = P.Exp()
            self.bias_add = P.BiasAdd()
            self.concat = P.Concat(0)

        def construct(self, x, img):
            h = self.dense(x)
            a = self.dense_nb(h)
            b = self.dense_act(h)
            c = self.conv(img)
            d = self.conv_nb(c)
            e = self.bn(d)
            f = self.prelu(a)
            g = self.softmax(a)
            k = self.ln(a)
            m = self.matmul(x, x)
            n = self.exp(m)
            q = self.bias_add(m, self.dense.bias[:2])
            r = self.concat((a, b))
            s = self.relu(a) * 3
            return h, a, b, c, d, e, f, g, k, m, n, q, r, s

    globals()["AutoNet"] = AutoNet
    return fill(ms, AutoNet(), 2300)


def case_auto_level_dtypes_and_values(ms):
    """amp_level="auto": MatMul/Conv (white list) in Float16, their bias added in Float32 (BiasAdd is in the
    promote list), BatchNorm/LayerNorm/Softmax/Exp (black list) in Float32, other operators in their input's
    type, the outputs not cast; each intermediate's dtype and value."""
    rs = np.random.RandomState(2301)
    x = ms.Tensor(rs.standard_normal((2, 4)).astype(np.float32))
    img = ms.Tensor(rs.standard_normal((2, 2, 4, 4)).astype(np.float32))
    net = ms.amp.auto_mixed_precision(auto_net(ms), "auto")
    net.set_train(False)
    outs = net(x, img)
    return [str(o.dtype) for o in outs], outs, net._amp_level


def case_auto_level_training_steps(ms):
    """Five SGD steps of an MLP with BatchNorm at amp_level="auto" (value_and_grad on the Float16 output
    cast to Float32 by hand, as MindSpore's docs advise)."""
    nn, ops = ms.nn, ms.ops
    net = fill(ms, nn.SequentialCell([nn.Dense(6, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dense(8, 4, has_bias=False)]),
               2400)
    net = ms.amp.auto_mixed_precision(net, "auto")
    loss_fn = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    opt = nn.SGD(net.trainable_params(), 0.1)
    x, y = data(ms, "mlp", seed=2401)

    def forward(x, y):
        return loss_fn(ops.cast(net(x), ms.float32), y)

    grad_fn = ms.value_and_grad(forward, None, opt.parameters)
    losses = []
    for _ in range(5):
        loss, grads = grad_fn(x, y)
        opt(grads)
        losses.append(loss)
    return losses, params(net)


def case_float16_bias_add_and_gradient(ms):
    """A Float16 Dense and Conv2d (to_float): the bias added as MindSpore's CPU BiasAdd adds it (in Float32,
    rounded once) and the bias gradient summed in Float32 before its rounding (a Float16 sum of the
    many cancelling terms below loses most digits); weight gradients and outputs too. Bit-exact."""
    nn, ops = ms.nn, ms.ops
    rs = np.random.RandomState(2600)
    dense = fill(ms, nn.Dense(6, 5), 2601).to_float(ms.float16)
    conv = fill(ms, nn.Conv2d(2, 3, 3, pad_mode="valid", has_bias=True), 2610).to_float(ms.float16)
    x = ms.Tensor(rs.standard_normal((64, 6)).astype(np.float32))
    img = ms.Tensor(rs.standard_normal((8, 2, 7, 7)).astype(np.float32))
    out = []
    for net, v in ((dense, x), (conv, img)):
        def loss(v, net=net):
            y = net(v).astype(ms.float32)
            return ops.sum(y * (y - ops.mean(y)) * 3.0)
        value, grads = ms.value_and_grad(loss, None, net.trainable_params())(v)
        out.append((net(v), value, grads))
    return out
