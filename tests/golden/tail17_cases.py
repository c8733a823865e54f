"""Golden cases for tail17's names: nn.KLDivLoss, nn.CosineEmbeddingLoss, nn.MarginRankingLoss (values for every
reduction, gradients, bad input), nn.CentralCrop, nn.BiDense and the ops.composite aliases."""

import numpy as np

X = np.array([[0.2, -0.5, 1.0], [1.5, 0.3, -0.7]], np.float32)
Y = np.array([[0.3, 0.1, 0.6], [0.0, 0.5, 0.5]], np.float32)
X2 = np.array([[0.4, 0.5, -1.0], [1.0, -0.3, 0.2]], np.float32)


def tol(rtol=None, atol=None):
    def mark(fn):
        fn.rtol, fn.atol = rtol, atol
        return fn
    return mark


def _grad(ms, fn, *args, argnums=0):
    return ms.grad(fn, grad_position=argnums)(*args)


# KLDivLoss

def case_kldiv_reductions(ms):
    x, y = ms.Tensor(X), ms.Tensor(Y)
    return [ms.nn.KLDivLoss(r)(x, y) for r in ("mean", "sum", "none", "batchmean")]


@tol(1e-3, 1e-3)
def case_kldiv_default_f16(ms):
    """Float16 within one float16 step (MindSpore rounds each term to float16)."""
    return ms.nn.KLDivLoss()(ms.Tensor(X, ms.float16), ms.Tensor(Y, ms.float16))


def case_kldiv_grad(ms):
    net = ms.nn.KLDivLoss("batchmean")
    return _grad(ms, lambda a, b: net(a, b), ms.Tensor(X), ms.Tensor(Y))


def case_kldiv_bad_reduction(ms):
    return ms.nn.KLDivLoss("avg")(ms.Tensor(X), ms.Tensor(Y))


def case_kldiv_not_tensor(ms):
    return ms.nn.KLDivLoss()(X, ms.Tensor(Y))


# CosineEmbeddingLoss

def case_cosine_embedding_reductions(ms):
    a, b = ms.Tensor(X), ms.Tensor(X2)
    t = ms.Tensor(np.array([1, -1], np.int32))
    return [ms.nn.CosineEmbeddingLoss(reduction=r)(a, b, t) for r in ("mean", "sum", "none")]


def case_cosine_embedding_margin(ms):
    a, b = ms.Tensor(X), ms.Tensor(-X2)
    t = ms.Tensor(np.array([-1, -1], np.int32))
    return ms.nn.CosineEmbeddingLoss(margin=-0.5, reduction="none")(a, b, t)


def case_cosine_embedding_3d(ms):
    a = ms.Tensor(np.arange(12, dtype=np.float32).reshape(2, 3, 2) - 5)
    b = ms.Tensor(np.linspace(-1, 1, 12, dtype=np.float32).reshape(2, 3, 2))
    return ms.nn.CosineEmbeddingLoss(reduction="none")(a, b, ms.Tensor(np.array([[1, -1], [-1, 1]], np.int32)))


def case_cosine_embedding_grad(ms):
    net = ms.nn.CosineEmbeddingLoss(margin=0.1)
    t = ms.Tensor(np.array([1, -1], np.int32))
    return _grad(ms, lambda a, b: net(a, b, t), ms.Tensor(X), ms.Tensor(X2), argnums=(0, 1))


def case_cosine_embedding_margin_int(ms):
    return ms.nn.CosineEmbeddingLoss(margin=1)


def case_cosine_embedding_margin_range(ms):
    return ms.nn.CosineEmbeddingLoss(margin=1.5)


def case_cosine_embedding_bad_reduction(ms):
    return ms.nn.CosineEmbeddingLoss(reduction="max")


# MarginRankingLoss

def case_margin_ranking_reductions(ms):
    a, b = ms.Tensor(X), ms.Tensor(X2)
    t = ms.Tensor(np.array([[1, -1, 1], [-1, 1, -1]], np.float32))
    return [ms.nn.MarginRankingLoss(0.2, r)(a, b, t) for r in ("mean", "sum", "none")]


def case_margin_ranking_grad(ms):
    net = ms.nn.MarginRankingLoss(margin=0.3)
    t = ms.Tensor(np.array([[1, -1, 1], [-1, 1, -1]], np.float32))
    return _grad(ms, lambda a, b: net(a, b, t), ms.Tensor(X), ms.Tensor(X2), argnums=(0, 1))


def case_margin_ranking_bad_reduction(ms):
    return ms.nn.MarginRankingLoss(reduction="max")(ms.Tensor(X), ms.Tensor(X2), ms.Tensor(X))


def case_margin_ranking_int_margin(ms):
    return ms.nn.MarginRankingLoss(margin=1)(ms.Tensor(X), ms.Tensor(X2), ms.Tensor(X))


# CentralCrop

IMG = np.arange(2 * 2 * 5 * 6, dtype=np.float32).reshape(2, 2, 5, 6)


def case_central_crop_4d(ms):
    return [ms.nn.CentralCrop(f)(ms.Tensor(IMG)) for f in (0.5, 0.7, 1.0, 0.1)]


def case_central_crop_3d(ms):
    return ms.nn.CentralCrop(0.6)(ms.Tensor(IMG[0]))


def case_central_crop_int(ms):
    return ms.nn.CentralCrop(0.5)(ms.Tensor(IMG.astype(np.int32)))


def case_central_crop_zero(ms):
    return ms.nn.CentralCrop(0.0)


def case_central_crop_not_float(ms):
    return ms.nn.CentralCrop(1)


def case_central_crop_rank(ms):
    return ms.nn.CentralCrop(0.5)(ms.Tensor(IMG[0, 0]))


# BiDense

W3 = np.linspace(-1, 1, 4 * 3 * 2, dtype=np.float32).reshape(4, 3, 2)
B4 = np.array([0.1, -0.2, 0.3, 0.0], np.float32)
IN1 = np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]], np.float32)
IN2 = np.array([[1.0, 2.0], [-0.5, 0.25]], np.float32)


def _bidense(ms, **kw):
    return ms.nn.BiDense(3, 2, 4, weight_init=ms.Tensor(W3), bias_init=ms.Tensor(B4), **kw)


def case_bidense_2d(ms):
    return _bidense(ms)(ms.Tensor(IN1), ms.Tensor(IN2))


def case_bidense_3d_no_bias(ms):
    net = _bidense(ms, has_bias=False)
    return net(ms.Tensor(np.stack([IN1, IN1[::-1]])), ms.Tensor(np.stack([IN2, -IN2])))


def case_bidense_params(ms):
    net = ms.nn.BiDense(3, 2, 4)
    return [(p.name, tuple(p.shape), str(p.dtype)) for p in net.trainable_params()]


def case_bidense_grad(ms):
    net = _bidense(ms)
    fn = ms.value_and_grad(lambda a, b: net(a, b).sum(), grad_position=(0, 1), weights=net.trainable_params())
    return fn(ms.Tensor(IN1), ms.Tensor(IN2))


def case_bidense_bad_weight(ms):
    return ms.nn.BiDense(3, 2, 4, weight_init=ms.Tensor(W3[:, :, :1]))


def case_bidense_bad_bias(ms):
    return ms.nn.BiDense(3, 2, 4, bias_init=ms.Tensor(B4[:2]))


def case_bidense_bad_channels(ms):
    return ms.nn.BiDense(0, 2, 4)


def case_bidense_bad_input(ms):
    return _bidense(ms)(ms.Tensor(IN1), ms.Tensor(IN1))


# ops.composite

def case_composite_aliases(ms):
    C = ms.ops.composite
    a = ms.Tensor(np.arange(6, dtype=np.float32).reshape(2, 3))
    b = ms.Tensor(np.arange(12, dtype=np.float32).reshape(3, 4))
    return [C.tensor_dot(a, b, 1), C.repeat_elements(a, 2, 1), C.matmul(a, b), C.matmul(a, b, ms.float16),
            C.normal is ms.ops.normal, C.uniform is ms.ops.uniform]


# PipelineCell / MicroBatchInterleaved / PipelineGradReducer (one stage), ParameterUpdate, auc

def _dense(ms):
    return ms.nn.Dense(3, 2, weight_init=ms.Tensor(W3[:2, :, 0]), bias_init=ms.Tensor(B4[:2]))


XB = np.arange(12, dtype=np.float32).reshape(4, 3) / 4


def case_pipeline_cell(ms):
    net = _dense(ms)
    return [ms.nn.PipelineCell(net, 2)(ms.Tensor(XB)), ms.nn.PipelineCell(net, 4)(ms.Tensor(XB)),
            ms.nn.wrap.cell_wrapper.MicroBatchInterleaved(net, 2)(ms.Tensor(XB)),
            ms.nn.wrap.cell_wrapper.PipelineCell is ms.nn.PipelineCell]


def case_pipeline_cell_grad(ms):
    cell = ms.nn.PipelineCell(_dense(ms), 2)
    fn = ms.value_and_grad(lambda x: cell(x).sum(), grad_position=0, weights=cell.trainable_params())
    return fn(ms.Tensor(XB))


def case_pipeline_cell_indivisible(ms):
    return ms.nn.PipelineCell(_dense(ms), 3)(ms.Tensor(XB))


def case_pipeline_cell_bad_micro(ms):
    return ms.nn.PipelineCell(_dense(ms), 0)


def case_pipeline_cell_not_int(ms):
    return ms.nn.PipelineCell(_dense(ms), 2.0)


def case_pipeline_cell_not_cell(ms):
    return ms.nn.PipelineCell(lambda x: x, 2)


def case_pipeline_cell_stage_config(ms):
    net = ms.nn.SequentialCell([_dense(ms), ms.nn.ReLU()])
    ms.nn.PipelineCell(net, 1, stage_config={"0": 1}, segment_config={"1": 2})
    return net[0].pipeline_stage, net[1].pipeline_segment


def case_pipeline_cell_stage_config_missing(ms):
    return ms.nn.PipelineCell(_dense(ms), 1, segment_config={"nope": 1})


def case_micro_batch_interleaved_bad(ms):
    return ms.nn.wrap.cell_wrapper.MicroBatchInterleaved(_dense(ms), -1)


def case_pipeline_grad_reducer(ms):
    net = _dense(ms)
    grads = (ms.Tensor(np.ones((2, 3), np.float32)), ms.Tensor(np.ones(2, np.float32)))
    params = ms.ParameterTuple(net.trainable_params())
    red, shard = ms.nn.PipelineGradReducer(params, 2.0), ms.nn.PipelineGradReducer(params, 4.0, opt_shard=True)
    return red(grads), shard(grads), [p.name for p in shard.get_parameters()]


def case_parameter_update(ms):
    p = ms.Parameter(ms.Tensor(np.zeros(3, np.float32)), name="p")
    out = ms.nn.ParameterUpdate(p)(ms.Tensor(np.array([1.0, 2.0, 3.0], np.float32)))
    return out, ms.Tensor(p.asnumpy())


def case_parameter_update_bad(ms):
    return ms.nn.ParameterUpdate(ms.Tensor(np.zeros(3, np.float32)))


def case_auc(ms):
    x = np.array([0.0, 0.1, 0.3, 0.7, 1.0])
    y = np.array([0.0, 0.4, 0.6, 0.9, 1.0])
    return [ms.nn.auc(x, y), ms.nn.auc(x[::-1], y[::-1]), ms.nn.auc(x[[2, 0, 4, 1, 3]], y[[2, 0, 4, 1, 3]], True),
            ms.nn.auc(x.reshape(5, 1), y.astype(np.float32))]


def case_auc_not_monotonic(ms):
    return ms.nn.auc(np.array([0.0, 0.5, 0.2]), np.array([1.0, 2.0, 3.0]))


def case_auc_not_array(ms):
    return ms.nn.auc([0.0, 1.0], np.array([1.0, 2.0]))


def case_auc_short(ms):
    return ms.nn.auc(np.array([0.0]), np.array([1.0]))


def case_auc_inconsistent(ms):
    return ms.nn.auc(np.array([0.0, 1.0]), np.array([1.0, 2.0, 3.0]))


# EarlyStopping / ReduceLROnPlateau driven by hand: epoch ends with given monitor values

class _Params(dict):
    __getattr__ = dict.__getitem__


def _epochs(ms, cb, values, net=None, opt=None, key="eval_loss", attrs=("wait", "best")):
    params = _Params(train_network=net, optimizer=opt)
    cb.on_train_begin(ms.train.RunContext(params))
    out = []
    for epoch, value in enumerate(values, 1):
        params.update(cur_epoch_num=epoch, eval_results={key: value}, net_outputs=ms.Tensor(np.float32(value)))
        if net is not None:
            for p in net.trainable_params():
                p.set_data(ms.Tensor(p.asnumpy() + np.float32(value)))
        ctx = ms.train.RunContext(params)
        cb.on_train_epoch_end(ctx)
        row = [ctx.get_stop_requested()] + [float(getattr(cb, a)) for a in attrs]
        if opt is not None:
            row.append(ms.Tensor(opt.learning_rate.asnumpy()))
        out.append(row)
    return out


LOSSES = [1.0, 0.8, 0.85, 0.9, 0.7, 0.75, 0.8, 0.9]


def case_early_stopping(ms):
    return _epochs(ms, ms.train.EarlyStopping(patience=2), LOSSES, attrs=("wait", "best", "stopped_epoch"))


def case_early_stopping_max_delta(ms):
    cb = ms.train.callback.EarlyStopping(monitor="acc", min_delta=0.1, patience=1, mode="auto")
    return _epochs(ms, cb, [0.5, 0.55, 0.7, 0.75], key="acc")


def case_early_stopping_loss_min(ms):
    return _epochs(ms, ms.train.EarlyStopping(monitor="loss", patience=1, mode="min"), [2.0, 1.0, 1.5])


def case_early_stopping_restore(ms):
    net = _dense(ms)
    _epochs(ms, ms.train.EarlyStopping(patience=1, restore_best_weights=True), [1.0, 0.5, 0.9], net=net)
    return [ms.Tensor(p.asnumpy()) for p in net.trainable_params()]


def case_early_stopping_bad_mode(ms):
    return ms.train.EarlyStopping(mode="up")


def case_early_stopping_bad_patience(ms):
    return ms.train.EarlyStopping(patience=-1)


def _opt(ms):
    return ms.nn.Momentum(_dense(ms).trainable_params(), 0.1, 0.9)


def case_reduce_lr_on_plateau(ms):
    cb = ms.train.ReduceLROnPlateau(factor=0.5, patience=1, cooldown=1, min_lr=0.02)
    return _epochs(ms, cb, LOSSES, opt=_opt(ms), attrs=("wait", "best", "cooldown_counter"))


def case_reduce_lr_on_plateau_max(ms):
    cb = ms.train.ReduceLROnPlateau(monitor="acc", factor=0.2, patience=2, min_delta=0.05)
    return _epochs(ms, cb, [0.5, 0.52, 0.6, 0.61, 0.62, 0.63], opt=_opt(ms), key="acc")


def case_reduce_lr_on_plateau_bad_factor(ms):
    return ms.train.ReduceLROnPlateau(factor=1.0)


def case_reduce_lr_on_plateau_bad_mode(ms):
    return ms.train.ReduceLROnPlateau(mode="x")


def case_reduce_lr_on_plateau_dynamic_lr(ms):
    opt = ms.nn.Momentum(_dense(ms).trainable_params(), [0.1, 0.05], 0.9)
    return _epochs(ms, ms.train.ReduceLROnPlateau(), [1.0], opt=opt)
