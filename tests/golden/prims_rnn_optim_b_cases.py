"""Issue 17: `mindspore.experimental.optim` (every optimizer of MindSpore 2.10's module): losses, parameters and
state after a few steps, parameter groups, state names, `lr_scheduler` interplay and steps inside `ms.jit`.
Recorded with `record.py prims_rnn_optim_b`; replayed by tests/test_experimental_optim.py.
"""

import numpy as np

X = np.array([[1.0, -1.0, 0.5], [0.5, 2.0, -1.5], [-0.3, 0.2, 1.0], [1.2, 0.1, -0.4]], np.float32)
Y = np.array([[0.5, -1.0], [1.0, 0.2], [-0.4, 0.3], [0.0, 1.0]], np.float32)


def _net(ms):
    net = ms.nn.Dense(3, 2)
    net.weight.set_data(ms.Tensor(np.array([[0.2, -0.4, 0.6], [0.5, 0.1, -0.3]], np.float32)))
    net.bias.set_data(ms.Tensor(np.array([0.1, -0.2], np.float32)))
    return net


def _train(ms, make_opt, n=4, groups=False, steplr=False, jit=False):
    """Losses and parameters after each of `n` steps (a StepLR halving the rate every 2 steps with `steplr`), then
    the optimizer's state Parameters (name, value)."""
    net = _net(ms)
    params = ([{"params": [net.weight], "lr": 0.05}, {"params": [net.bias], "weight_decay": 0.1}] if groups
              else net.trainable_params())
    opt = make_opt(params)
    sched = ms.experimental.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5) if steplr else None
    x, y = ms.Tensor(X), ms.Tensor(Y)

    def loss_fn(a, b):
        return ((net(a) - b) ** 2).mean()

    grad_fn = ms.value_and_grad(loss_fn, None, opt.parameters)

    def step(a, b):
        loss, grads = grad_fn(a, b)
        opt(grads)
        return loss

    if jit:
        step = ms.jit(step)
    out = []
    for _ in range(n):
        loss = step(x, y)
        if sched:
            sched.step()
        out.append((loss, net.weight.value(), net.bias.value()))
    trainable = {p.name for p in net.trainable_params()}
    state = sorted((p.name, p.value()) for p in opt.get_parameters() if p.name not in trainable)
    return out, state


OPTIMIZERS = {
    "SGD": lambda o: lambda p: o.SGD(p, lr=0.1, momentum=0.9, weight_decay=0.01),
    "Adam": lambda o: lambda p: o.Adam(p, lr=0.05),
    "AdamW": lambda o: lambda p: o.AdamW(p, lr=0.05, amsgrad=True),
    "Adadelta": lambda o: lambda p: o.Adadelta(p),
    "Adadelta_wd": lambda o: lambda p: o.Adadelta(p, lr=0.5, rho=0.8, weight_decay=0.1, maximize=True),
    "Adagrad": lambda o: lambda p: o.Adagrad(p, lr=0.1),
    "Adagrad_decay": lambda o: lambda p: o.Adagrad(p, lr=0.1, lr_decay=0.5, weight_decay=0.1,
                                                   initial_accumulator_value=0.2),
    "Adamax": lambda o: lambda p: o.Adamax(p, lr=0.05),
    "Adamax_wd": lambda o: lambda p: o.Adamax(p, lr=0.05, betas=(0.8, 0.9), weight_decay=0.1, maximize=True),
    "ASGD": lambda o: lambda p: o.ASGD(p, lr=0.1),
    "ASGD_t0": lambda o: lambda p: o.ASGD(p, lr=0.1, lambd=0.01, alpha=0.5, t0=2.0, weight_decay=0.05),
    "NAdam": lambda o: lambda p: o.NAdam(p, lr=0.05),
    "NAdam_wd": lambda o: lambda p: o.NAdam(p, lr=0.05, betas=(0.8, 0.9), weight_decay=0.1, momentum_decay=0.01),
    "RAdam": lambda o: lambda p: o.RAdam(p, lr=0.05),
    "RAdam_rectified": lambda o: lambda p: o.RAdam(p, lr=0.05, betas=(0.5, 0.6), weight_decay=0.1),
    "RMSprop": lambda o: lambda p: o.RMSprop(p, lr=0.01),
    "RMSprop_centered": lambda o: lambda p: o.RMSprop(p, lr=0.01, momentum=0.9, centered=True, weight_decay=0.1),
    "Rprop": lambda o: lambda p: o.Rprop(p, lr=0.05),
    "Rprop_max": lambda o: lambda p: o.Rprop(p, lr=0.05, etas=(0.3, 1.5), step_sizes=(0.01, 0.06), maximize=True),
}


def _case(key, **kw):
    def case(ms):
        return _train(ms, OPTIMIZERS[key](ms.experimental.optim), **kw)
    return case


for _key in OPTIMIZERS:
    globals()[f"case_{_key}"] = _case(_key)
for _key in ("Adadelta", "Adagrad_decay", "Adamax", "ASGD", "NAdam", "RAdam_rectified", "RMSprop_centered", "Rprop"):
    globals()[f"case_{_key}_groups"] = _case(_key, groups=True)
for _key in ("Adagrad_decay", "NAdam", "RMSprop", "ASGD_t0"):
    globals()[f"case_{_key}_steplr"] = _case(_key, steplr=True)
for _key in ("Adagrad", "Adamax", "NAdam", "RAdam", "Rprop", "ASGD", "RMSprop_centered", "Adadelta"):
    globals()[f"case_{_key}_jit"] = _case(_key, jit=True)


def case_group_keys(ms):
    """The keys and values of each parameter group (`lr` a Float32 Parameter `learning_rate_group_<i>`)."""
    out = []
    o = ms.experimental.optim
    for make in (lambda p: o.Adadelta(p), lambda p: o.Adagrad(p), lambda p: o.Adamax(p), lambda p: o.ASGD(p),
                 lambda p: o.NAdam(p), lambda p: o.RAdam(p), lambda p: o.RMSprop(p), lambda p: o.Rprop(p)):
        opt = make(_net(ms).trainable_params())
        group = opt.param_groups[0]
        out.append(sorted((k, v.name if k == "lr" else (len(v) if k == "params" else v)) for k, v in group.items()))
    return out


def case_defaults(ms):
    o = ms.experimental.optim
    return [sorted(cls(_net(ms).trainable_params()).defaults.items())
            for cls in (o.Adadelta, o.Adagrad, o.Adamax, o.ASGD, o.NAdam, o.RAdam, o.RMSprop, o.Rprop)]


def case_bad_lr_error(ms):
    return ms.experimental.optim.NAdam(_net(ms).trainable_params(), lr=0.0)


def case_bad_eps_error(ms):
    return ms.experimental.optim.Adagrad(_net(ms).trainable_params(), eps=-1.0)


def case_bad_weight_decay_error(ms):
    return ms.experimental.optim.RMSprop(_net(ms).trainable_params(), weight_decay=-0.1)


def case_bad_betas_error(ms):
    return ms.experimental.optim.Adamax(_net(ms).trainable_params(), betas=(1.0, 0.9))


def case_bad_rho_error(ms):
    return ms.experimental.optim.Adadelta(_net(ms).trainable_params(), rho=1.5)


def case_asgd_lambd_int_error(ms):
    return ms.experimental.optim.ASGD(_net(ms).trainable_params(), lambd=1)


def case_nn_init_args(ms):
    """`opt_init_args_register` on nn.SGD, nn.Adam and nn.Momentum: `init_args`, `init_learning_rate`,
    `init_params`."""
    nn = ms.nn
    params = _net(ms).trainable_params()
    out = []
    for opt in (nn.SGD(params, momentum=0.5, nesterov=True), nn.Adam(params, learning_rate=0.01, weight_decay=0.1),
                nn.Momentum(params, 0.1, 0.9), nn.Momentum(params, ms.Tensor(np.array([0.1, 0.2], np.float32)), 0.9),
                nn.Adam(params, learning_rate=nn.ExponentialDecayLR(0.1, 0.9, 2)),
                nn.SGD([{"params": params[:1], "lr": 0.3}, {"params": params[1:]}])):
        groups = opt.init_params["params"]
        names = [sorted((k, [p.name for p in v] if k == "params" else v) for k, v in g.items())
                 if isinstance(g, dict) else g.name for g in groups]
        out.append((sorted(opt.init_args.items()), opt.init_learning_rate, names))
    return out


def case_thor_lr_float_error(ms):
    return ms.nn.thor(_net(ms), 0.1, 0.03, 0.9)


def case_thor_frequency_error(ms):
    return ms.nn.optim.thor(_net(ms), ms.Tensor(np.float32(0.1)), 0.03, 0.9, frequency=1)


def case_thor_momentum_int_error(ms):
    return ms.nn.thor(_net(ms), ms.Tensor(np.float32(0.1)), 0.03, 1)


def _schedule(ms, make, n=9, epochs=()):
    net = _net(ms)
    opt = ms.experimental.optim.SGD([{"params": [net.weight]}, {"params": [net.bias], "lr": 0.2}], lr=0.1)
    sched = make(ms.experimental.optim.lr_scheduler, opt)
    out = [sched.get_last_lr()]
    for _ in range(n):
        sched.step()
        out.append(sched.get_last_lr())
    for epoch in epochs:
        sched.step(epoch)
        out.append(sched.get_last_lr())
    return out, [g["lr"].value() for g in opt.param_groups]


def case_cyclic_lr(ms):
    return _schedule(ms, lambda L, o: L.CyclicLR(o, base_lr=0.01, max_lr=[0.1, 0.3], step_size_up=3))


def case_cyclic_lr_triangular2(ms):
    return _schedule(ms, lambda L, o: L.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=2, step_size_down=3,
                                                 mode="triangular2"), n=12)


def case_cyclic_lr_exp_range(ms):
    return _schedule(ms, lambda L, o: L.CyclicLR(o, base_lr=[0.01, 0.02], max_lr=0.1, step_size_up=2,
                                                 mode="exp_range", gamma=0.9))


def case_cosine_warm_restarts(ms):
    return _schedule(ms, lambda L, o: L.CosineAnnealingWarmRestarts(o, T_0=3, eta_min=0.01), epochs=(7, 2))


def case_cosine_warm_restarts_mult(ms):
    return _schedule(ms, lambda L, o: L.CosineAnnealingWarmRestarts(o, T_0=2, T_mult=2), n=10, epochs=(1,))


def case_cosine_warm_restarts_mult_epoch_quirk(ms):
    """MindSpore's `step(epoch)` with T_mult > 1 and epoch >= T_0 calls `ops.Log` with two arguments (TypeError);
    mindgrad jumps to the epoch's place in its cycle."""
    return _schedule(ms, lambda L, o: L.CosineAnnealingWarmRestarts(o, T_0=2, T_mult=2), n=1, epochs=(9,))


def case_cosine_warm_restarts_error(ms):
    return ms.experimental.optim.lr_scheduler.CosineAnnealingWarmRestarts(
        ms.experimental.optim.SGD(_net(ms).trainable_params(), lr=0.1), T_0=0)
