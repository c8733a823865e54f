"""Golden cases, issue 17: top-level helpers (`ms.tensor`, `ms.from_numpy`, dtype aliases, load options), the
experimental optimizers and learning-rate schedulers, `train` metrics, gradient hooks on Tensors and
`ops.HookBackward`, `mindspore.scipy.linalg`, `parallel` settings and Tensor printing.

Recorded from MindSpore 2.10 with `record.py toplevel`; replayed by tests/test_toplevel.py.
"""

import importlib

import numpy as np


def _net(ms):
    net = ms.nn.Dense(2, 1)
    net.weight.set_data(ms.Tensor(np.array([[1.0, 2.0]], np.float32)))
    net.bias.set_data(ms.Tensor(np.array([0.5], np.float32)))
    return net


def _steps(ms, make_opt, n=3):
    net = _net(ms)
    opt = make_opt(net.trainable_params())
    grad_fn = ms.value_and_grad(lambda a: (net(a) ** 2).sum(), None, opt.parameters)
    x = ms.Tensor(np.array([[1.0, -1.0], [0.5, 2.0]], np.float32))
    out = []
    for _ in range(n):
        loss, grads = grad_fn(x)
        opt(grads)
        out.append((loss, net.weight.value(), net.bias.value()))
    return out


# ---- top level ------------------------------------------------------------------------------------------------------

def case_tensor_function(ms):
    a = np.arange(6, dtype=np.float64).reshape(2, 3)
    return (ms.tensor([1, 2, 3]), ms.tensor(a, ms.float32), ms.tensor(2.5), ms.tensor([1, 2], dtype=ms.float16),
            ms.tensor(np.float64(1.5)))


def case_from_numpy(ms):
    return ms.Tensor.from_numpy(np.ones((2,), np.float64)), ms.from_numpy(np.arange(3, dtype=np.int32))


def case_dtype_aliases(ms):
    return [str(t) for t in (ms.bool, ms.int, ms.long, ms.float, ms.byte)]


def case_type_class(ms):
    return (isinstance(ms.float32, ms.Type), isinstance(ms.int8, ms.Type), type(ms.float32).__name__,
            type(ms.uint8).__name__, type(ms.bool_).__name__)


def case_dtype_to_nptype(ms):
    return [np.dtype(ms.dtype_to_nptype(t)).name for t in (ms.float16, ms.float32, ms.int64, ms.bool_, ms.uint8)]


def case_more_dtype_names(ms):
    """`QuantDtype` (names, `str`, `value()`), `byte`/`intp`/`uintp`, the default Parameter name stem, and the names
    MindSpore also exports from `mindspore.common` / `mindspore.common.api` / the top level."""
    mstype = importlib.import_module(ms.__name__ + ".common.dtype")
    parameter = importlib.import_module(ms.__name__ + ".common.parameter")
    quant = [(m.name, str(m), m.value()) for m in ms.QuantDtype]
    return (quant, str(mstype.byte), str(ms.intp), str(mstype.uintp), parameter.PARAMETER_NAME_DEFAULT,
            ms.common.JitConfig is ms.JitConfig, ms.common.api.jit_class is ms.jit_class,
            ms.build_train_network is ms.amp.build_train_network)


def case_load_options(ms):
    return ms.STRICT, ms.LAX


def case_is_tensor(ms):
    return ms.is_tensor(ms.Tensor([1.0])), ms.is_tensor(np.ones(2)), ms.is_tensor(3)


def case_jit_config_dict(ms):
    return [sorted(ms.JitConfig(**kw).jit_config_dict.items()) for kw in ({}, {"jit_level": "O1"},
                                                                       {"jit_level": "O2"}, {"backend": "GE"})]


def case_jit_config_bad_level(ms):
    return ms.JitConfig(jit_level="O3")


def case_jit_class_not_a_class(ms):
    return ms.jit_class(lambda x: x)


def case_lazy_inline_keeps_init(ms):
    class Block(ms.nn.Cell):
        @ms.lazy_inline
        def __init__(self, k):
            super().__init__()
            self.k = k

        def construct(self, x):
            return x * self.k

    return Block(3.0)(ms.Tensor(np.array([1.0, 2.0], np.float32)))


def case_tensor_type(ms):
    return str(ms.TensorType(ms.float32))


def case_print_float64(ms):
    return [str(ms.Tensor(np.array([1.5, -2.25, 1e-7], np.float64))),
            repr(ms.Tensor(np.array([[1.0, 2.0], [3.0, 4.5]], np.float64))),
            str(ms.Tensor(np.float64(3.25)))]


def case_print_int_and_bool(ms):
    return [repr(ms.Tensor(np.array([1, -2], np.int16))), repr(ms.Tensor(np.array([True, False]))),
            repr(ms.Tensor(np.array([3], np.uint8)))]


# ---- experimental optimizers ----------------------------------------------------------------------------------------

def case_optim_adam(ms):
    return _steps(ms, lambda p: ms.experimental.optim.Adam(p, lr=0.1))


def case_optim_adamw(ms):
    return _steps(ms, lambda p: ms.experimental.optim.AdamW(p, lr=0.1, weight_decay=0.1))


def case_optim_adam_amsgrad_wd(ms):
    return _steps(ms, lambda p: ms.experimental.optim.Adam(p, lr=0.05, weight_decay=0.01, amsgrad=True))


def case_optim_sgd_momentum(ms):
    return _steps(ms, lambda p: ms.experimental.optim.SGD(p, lr=0.1, momentum=0.9))


def case_optim_sgd_nesterov_wd(ms):
    return _steps(ms, lambda p: ms.experimental.optim.SGD(p, lr=0.1, momentum=0.5, nesterov=True,
                                                           weight_decay=0.1))


def case_optim_param_groups(ms):
    net = _net(ms)
    opt = ms.experimental.optim.SGD([{"params": [net.weight], "lr": 0.5}, {"params": [net.bias]}], lr=0.1)
    return [(g["lr"].name, g["lr"].value(), len(g["params"])) for g in opt.param_groups]


def case_optim_bad_lr(ms):
    return ms.experimental.optim.Adam(_net(ms).trainable_params(), lr=-1.0)


# ---- learning-rate schedulers -----------------------------------------------------------------------------------

def _sched(ms, make, n=6, metric=None):
    net = _net(ms)
    opt = ms.experimental.optim.SGD(net.trainable_params(), lr=0.1)
    s = make(opt)
    out = [s.get_last_lr()]
    for k in range(n):
        if metric is None:
            s.step()
        else:
            s.step(metric[k])
        out.append(s.get_last_lr())
    return out


def case_sched_step(ms):
    return _sched(ms, lambda o: ms.experimental.optim.lr_scheduler.StepLR(o, step_size=2, gamma=0.5))


def case_sched_lambda(ms):
    return _sched(ms, lambda o: ms.experimental.optim.lr_scheduler.LambdaLR(o, lambda e: 0.9 ** e))


def case_sched_linear(ms):
    return _sched(ms, lambda o: ms.experimental.optim.lr_scheduler.LinearLR(o, start_factor=0.5, total_iters=3))


def case_sched_cosine(ms):
    return _sched(ms, lambda o: ms.experimental.optim.lr_scheduler.CosineAnnealingLR(o, T_max=3, eta_min=0.01))


def case_sched_multistep_exponential(ms):
    L = ms.experimental.optim.lr_scheduler
    return (_sched(ms, lambda o: L.MultiStepLR(o, milestones=[1, 3], gamma=0.5)),
            _sched(ms, lambda o: L.ExponentialLR(o, gamma=0.8)))


def case_sched_plateau(ms):
    metrics = [1.0, 0.9, 0.95, 0.97, 0.99, 1.2]
    return _sched(ms, lambda o: ms.experimental.optim.lr_scheduler.ReduceLROnPlateau(o, patience=1, factor=0.5),
                  metric=metrics)


def case_sched_sequential(ms):
    L = ms.experimental.optim.lr_scheduler

    def make(o):
        return L.SequentialLR(o, [L.ConstantLR(o, factor=0.5, total_iters=2), L.ExponentialLR(o, gamma=0.9)],
                              milestones=[2])
    return _sched(ms, make)


# ---- train metrics ------------------------------------------------------------------------------------------------

def _metric(m, *updates):
    m.clear()
    for u in updates:
        m.update(*u)
    return m.eval()


def case_metric_mae_mse(ms):
    p = ms.Tensor(np.array([[0.1, 0.2], [0.6, 0.9]], np.float32))
    y = ms.Tensor(np.array([[0.1, 0.25], [0.7, 0.9]], np.float32))
    return _metric(ms.train.MAE(), (p, y), (y, p)), _metric(ms.train.MSE(), (p, y))


def case_metric_empty(ms):
    return ms.train.MAE().eval()


def case_metric_precision_recall(ms):
    x = ms.Tensor(np.array([[0.2, 0.5], [0.3, 0.1], [0.9, 0.6]]))
    y = ms.Tensor(np.array([1, 0, 1]))
    p, r = ms.train.Precision(), ms.train.Recall()
    return _metric(p, (x, y)).tolist(), p.eval(average=True), _metric(r, (x, y)).tolist(), r.eval(average=True)


def case_metric_multilabel(ms):
    a = ms.Tensor(np.array([[1, 0, 1], [0, 1, 1]]))
    b = ms.Tensor(np.array([[1, 0, 0], [0, 1, 1]]))
    return (_metric(ms.train.Precision("multilabel"), (a, b)).tolist(),
            _metric(ms.train.Recall("multilabel"), (a, b)).tolist())


def case_metric_fbeta_f1_dice(ms):
    x = ms.Tensor(np.array([[0.2, 0.5], [0.3, 0.1], [0.9, 0.6]]))
    y = ms.Tensor(np.array([1, 0, 1]))
    onehot = ms.Tensor(np.array([[0, 1], [1, 0], [0, 1]]))
    return (_metric(ms.train.F1(), (x, y)).tolist(), _metric(ms.train.Fbeta(1.5), (x, y)).tolist(),
            _metric(ms.train.Dice(smooth=1e-5), (x, onehot)))


# ---- gradient hooks ---------------------------------------------------------------------------------------------

def case_tensor_register_hook(ms):
    seen = []

    def hook(g):
        seen.append(g)
        return g * 2

    def f(a):
        b = a * 3
        b.register_hook(hook)
        return (b * b).sum()

    return ms.grad(f)(ms.Tensor(np.array([1.0, 2.0], np.float32))), seen


def case_hook_backward_sees_and_replaces(ms):
    seen = []
    hb = ms.ops.HookBackward(lambda g: seen.append(g))
    hb2 = ms.ops.HookBackward(lambda g: (g[0] * 0 + 5,))
    x = ms.Tensor(np.array([1.0, 2.0], np.float32))
    g1 = ms.grad(lambda a: (hb(a * 2.0) * 3.0).sum())(x)
    g2 = ms.grad(lambda a: (hb2(a * 2.0) * 3.0).sum())(x)
    return g1, g2, seen


def case_hook_backward_two_inputs(ms):
    seen = []
    hb = ms.ops.HookBackward(lambda g: seen.append(g))
    x = ms.Tensor(np.array([1.0, 2.0], np.float32))
    g = ms.grad(lambda a, b: (hb(a, b)[0] * 3.0).sum(), grad_position=(0, 1))(x, x)
    return g, seen


# ---- scipy, parallel, runtime ------------------------------------------------------------------------------------

def case_scipy_linalg(ms):
    lin = importlib.import_module(ms.__name__ + ".scipy.linalg")
    a = ms.Tensor(np.array([[4.0, 1.0], [1.0, 3.0]], np.float32))
    w, v = lin.eigh(a)
    return lin.inv(a), w, np.abs(v.asnumpy()).tolist(), lin.eigh(a, eigvals_only=True)


def case_parallel_algo_parameters(ms):
    ms.parallel.set_algo_parameters(elementwise_op_strategy_follow=True)
    got = ms.parallel.get_algo_parameters("elementwise_op_strategy_follow")
    ms.parallel.reset_algo_parameters()
    return got, ms.parallel.get_algo_parameters("elementwise_op_strategy_follow")


def case_parallel_algo_unknown(ms):
    ms.parallel.set_algo_parameters(no_such_option=True)
