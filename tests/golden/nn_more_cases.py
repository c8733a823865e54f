"""Golden cases for the optimizers RMSProp, Adagrad, Adadelta and FTRL (a few steps on fixed weights and
gradients: every Parameter of the optimizer after each step, by name; Lamb has no CPU kernel in
MindSpore, so tests/test_nn_more.py checks it against its documented formula), the metrics Loss, F1, ROC and
ConfusionMatrixMetric on fixed inputs, metrics by name, CellDict, opt_init_args_register, the AdaSum wrappers in
stand-alone mode and bad input."""

import numpy as np

W = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], np.float32)
G = np.array([[0.1, -0.2, 0.3], [-0.4, 0.5, 0.05]], np.float32)
GAMMA = np.array([1.0, -0.5], np.float32)
GG = np.array([0.3, 0.7], np.float32)


def _params(ms):
    return [ms.Parameter(ms.Tensor(W), name="fc.weight"), ms.Parameter(ms.Tensor(GAMMA), name="bn.gamma")]


def _run(ms, make, steps=3, group=False):
    params = _params(ms)
    opt = make(ms, [{"params": params[:1], "lr": 0.05}, {"params": params[1:]}] if group else params)
    out = []
    for step in range(steps):
        scale = np.float32(1.0 + step)
        opt((ms.Tensor(G * scale), ms.Tensor(GG * scale)))
        out.append({p.name: ms.Tensor(p.asnumpy()) for p in opt.get_parameters()})
    return out


def case_rmsprop(ms):
    return _run(ms, lambda ms, p: ms.nn.RMSProp(p, learning_rate=0.01))


def case_rmsprop_momentum_decay(ms):
    return _run(ms, lambda ms, p: ms.nn.RMSProp(p, learning_rate=0.01, momentum=0.9, weight_decay=0.1,
                                                loss_scale=2.0))


def case_rmsprop_centered(ms):
    return _run(ms, lambda ms, p: ms.nn.RMSProp(p, learning_rate=0.01, decay=0.8, momentum=0.5, epsilon=1e-6,
                                                centered=True))


def case_rmsprop_group(ms):
    return _run(ms, lambda ms, p: ms.nn.RMSProp(p, learning_rate=0.01), group=True)


def case_adagrad(ms):
    return _run(ms, lambda ms, p: ms.nn.Adagrad(p, learning_rate=0.1))


def case_adagrad_options(ms):
    return _run(ms, lambda ms, p: ms.nn.Adagrad(p, accum=0.5, learning_rate=[0.1, 0.2, 0.3], weight_decay=0.01))


def case_adagrad_no_update_slots_quirk(ms):
    """MindSpore's CPU ApplyAdagrad accumulates even with update_slots=False, against its documentation."""
    return _run(ms, lambda ms, p: ms.nn.Adagrad(p, accum=0.5, learning_rate=0.1, update_slots=False))


def case_adadelta(ms):
    return _run(ms, lambda ms, p: ms.nn.Adadelta(p))


def case_adadelta_options(ms):
    return _run(ms, lambda ms, p: ms.nn.Adadelta(p, learning_rate=0.5, rho=0.5, epsilon=1e-3, weight_decay=0.1))


def case_ftrl(ms):
    return _run(ms, lambda ms, p: ms.nn.FTRL(p, learning_rate=0.1))


def case_ftrl_l2(ms):
    return _run(ms, lambda ms, p: ms.nn.FTRL(p, initial_accum=0.2, learning_rate=0.5, lr_power=-0.3, l2=0.1,
                                             weight_decay=0.01))


def case_ftrl_l1_l2_quirk(ms):
    """MindSpore's CPU ApplyFtrl computes (l1 - linear) / quadratic where linear < -l1: its documentation (and
    mindgrad) has (sign(linear) * l1 - linear) / quadratic."""
    return _run(ms, lambda ms, p: ms.nn.FTRL(p, initial_accum=0.2, learning_rate=0.5, lr_power=-0.3, l1=0.05,
                                             l2=0.1, weight_decay=0.01))


def case_ftrl_l1_positive_linear(ms):
    params = [ms.Parameter(ms.Tensor(-np.abs(W)), name="w"), ms.Parameter(ms.Tensor(-np.abs(GAMMA)), name="b")]
    opt = ms.nn.FTRL(params, learning_rate=0.5, l1=0.01)
    opt((ms.Tensor(np.abs(G)), ms.Tensor(np.abs(GG))))
    return [ms.Tensor(p.asnumpy()) for p in params]



def case_optim_names(ms):
    out = [callable(ms.nn.optim.optimizer.opt_init_args_register)]
    for cls in ("RMSProp", "Adagrad", "Adadelta", "FTRL", "Lamb"):
        opt = getattr(ms.nn, cls)(_params(ms), 0.1) if cls == "Lamb" else getattr(ms.nn, cls)(_params(ms))
        out.append([cls, getattr(ms.nn.optim, cls) is getattr(ms.nn, cls), sorted(opt.init_args.items()),
                    opt.init_learning_rate, len(opt.init_params["params"])])
    return out


def _bad(ms, cls, **kwargs):
    return getattr(ms.nn, cls)(_params(ms), **kwargs)


def case_err_rmsprop_decay_type(ms):
    return _bad(ms, "RMSProp", decay=1)


def case_err_rmsprop_momentum_negative(ms):
    return _bad(ms, "RMSProp", momentum=-0.1)


def case_err_rmsprop_epsilon_zero(ms):
    return _bad(ms, "RMSProp", epsilon=0.0)


def case_err_rmsprop_centered_type(ms):
    return _bad(ms, "RMSProp", centered=1)


def case_err_adagrad_accum_negative(ms):
    return _bad(ms, "Adagrad", accum=-0.1)


def case_err_adagrad_update_slots(ms):
    return _bad(ms, "Adagrad", update_slots=None)


def case_err_adadelta_rho(ms):
    return _bad(ms, "Adadelta", rho=1.5)


def case_err_adadelta_epsilon_type(ms):
    return _bad(ms, "Adadelta", epsilon=1)


def case_err_ftrl_lr_power(ms):
    return _bad(ms, "FTRL", lr_power=0.5)


def case_err_ftrl_dynamic_lr(ms):
    return _bad(ms, "FTRL", learning_rate=[0.1, 0.2])


def case_err_ftrl_l1(ms):
    return _bad(ms, "FTRL", l1=-1.0)


def case_err_lamb_beta1(ms):
    return _bad(ms, "Lamb", learning_rate=0.1, beta1=1.0)


def case_err_lamb_eps_type(ms):
    return _bad(ms, "Lamb", learning_rate=0.1, eps=1)


# ---- metrics ----------------------------------------------------------------------------------
X = np.array([[0.2, 0.5, 0.3], [0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.4, 0.4, 0.2], [0.05, 0.9, 0.05]], np.float32)
Y = np.array([1, 0, 1, 2, 1], np.int32)


def case_metric_loss(ms):
    m = ms.nn.Loss()
    m.update(ms.Tensor(np.array([0.5, 1.5], np.float32)))
    m.update(ms.Tensor(np.float32(2.0)))
    out = [ms.nn.Loss is ms.train.Loss, m.eval()]
    m.clear()
    try:
        m.eval()
    except RuntimeError as exc:
        out.append(type(exc).__name__)
    return out


def case_metric_f1(ms):
    m = ms.nn.F1()
    m.update(ms.Tensor(X), ms.Tensor(Y))
    return [ms.nn.F1 is ms.train.F1, ms.Tensor(m.eval()), m.eval(average=True)]


def case_metric_roc_binary(ms):
    m = ms.nn.ROC(pos_label=1)
    m.update(ms.Tensor(np.array([0.1, 0.4, 0.35, 0.8, 0.7], np.float32)), ms.Tensor(np.array([0, 0, 1, 1, 0])))
    return [ms.Tensor(x) for x in m.eval()]


def case_metric_roc_multiclass(ms):
    m = ms.nn.ROC(class_num=3)
    m.update(ms.Tensor(X), ms.Tensor(np.array([1, 0, 2, 2, 1], np.int32)))
    return [[ms.Tensor(x) for x in part] for part in m.eval()]


def case_metric_roc_empty(ms):
    return ms.nn.ROC().eval()


Y_SEG = np.array([[[0, 1, 1], [1, 0, 0]], [[1, 1, 0], [0, 0, 1]]], np.float32)
P_SEG = np.array([[[0, 1, 0], [1, 1, 0]], [[1, 0, 0], [0, 0, 0]]], np.float32)


def case_metric_confusion_matrix_counts(ms):
    out = []
    for name in ("tpr", "ppv", "f1 score", "accuracy", "tnr", "mcc", "pt", "ba", "fm", "mk", "Threat Score"):
        for skip in (True, False):
            m = ms.nn.ConfusionMatrixMetric(skip_channel=skip, metric_name=name)
            m.update(ms.Tensor(P_SEG), ms.Tensor(Y_SEG))
            m.update(ms.Tensor(Y_SEG), ms.Tensor(Y_SEG))
            out.append([name, skip, ms.Tensor(m.eval())])
    return out


def case_metric_confusion_matrix_calculated(ms):
    out = []
    for name in ("tpr", "ppv", "f1", "acc"):
        for reduction in ("mean", "sum"):
            m = ms.nn.ConfusionMatrixMetric(metric_name=name, calculation_method=True, decrease=reduction)
            m.update(ms.Tensor(P_SEG), ms.Tensor(Y_SEG))
            m.update(ms.Tensor(Y_SEG), ms.Tensor(1 - Y_SEG))
            out.append([name, reduction, m.eval()])
    return out


def case_err_confusion_matrix_metric_mean_batch(ms):
    m = ms.nn.ConfusionMatrixMetric(metric_name="tpr", calculation_method=True, decrease="mean_batch")
    m.update(ms.Tensor(P_SEG), ms.Tensor(Y_SEG))
    return m.eval()


def case_err_confusion_matrix_metric_decrease(ms):
    return ms.nn.ConfusionMatrixMetric(decrease="max")


def case_err_confusion_matrix_metric_not_binary(ms):
    m = ms.nn.ConfusionMatrixMetric()
    m.update(ms.Tensor(P_SEG), ms.Tensor(Y_SEG * 0.5))


def case_err_roc_class_num(ms):
    m = ms.nn.ROC(class_num=2)
    m.update(ms.Tensor(X), ms.Tensor(Y))


def case_err_roc_no_negative(ms):
    m = ms.nn.ROC()
    m.update(ms.Tensor(np.array([0.2, 0.7], np.float32)), ms.Tensor(np.array([1, 1])))
    return m.eval()


def case_err_confusion_matrix_metric_name(ms):
    return ms.nn.ConfusionMatrixMetric(metric_name="nope").eval()


def case_metric_by_name(ms):
    out = []
    for name in ("precision", "recall", "F1", "mae", "mse", "loss", "accuracy", "roc", "confusion_matrix_metric"):
        out.append([name, type(ms.train.get_metric_fn(name)).__name__])
    return [out, ms.train.names()]


def case_err_metric_by_name(ms):
    return ms.train.get_metric_fn("no_such_metric")


# ---- CellDict -------------------------------------------------------------------------------------
def case_celldict(ms):
    d = ms.nn.CellDict({"conv": ms.nn.ReLU(), "pool": ms.nn.Tanh()})
    d["act"] = ms.nn.Sigmoid()
    d.update([("relu", ms.nn.ReLU())])
    out = [list(d.keys()), len(d), "pool" in d, type(d["act"]).__name__]
    popped = d.pop("pool")
    out += [type(popped).__name__, list(d.keys()), [type(v).__name__ for v in d.values()],
            [(k, type(v).__name__) for k, v in d.items()], list(iter(d))]
    x = ms.Tensor(np.array([-1.0, 0.5], np.float32))
    out.append([d[k](x) for k in d])
    d.clear()
    out.append(len(d))
    return out


def case_celldict_parameters(ms):
    d = ms.nn.CellDict({"a": ms.nn.Dense(2, 3, weight_init="ones"), "b": ms.nn.Dense(3, 1, weight_init="zeros")})
    return [[p.name for p in d.get_parameters()], [name for name, _ in d.cells_and_names()]]


def case_err_celldict_key_type(ms):
    d = ms.nn.CellDict()
    d[1] = ms.nn.ReLU()
    return len(d)


def case_err_celldict_value_type(ms):
    d = ms.nn.CellDict()
    d["a"] = 1
    return len(d)


def case_err_celldict_key_dot(ms):
    return ms.nn.CellDict({"a.b": ms.nn.ReLU()})


def case_err_celldict_call(ms):
    return ms.nn.CellDict({"a": ms.nn.ReLU()})(ms.Tensor(np.ones(2, np.float32)))


def case_err_adasum_by_grad_stand_alone(ms):
    return ms.nn.AdaSumByGradWrapCell(ms.nn.Momentum(_params(ms), 0.1, 0.9))


def case_err_adasum_by_delta_weight_stand_alone(ms):
    return ms.nn.AdaSumByDeltaWeightWrapCell(ms.nn.Momentum(_params(ms), 0.1, 0.9))
