"""Golden cases for tailmisc's names: nn.AdaFactor (several steps on a matrix and a vector parameter, with
each option; argument errors), nn.MSSSIM (values for float/uint8 images, argument and input errors),
ops.op_info_register's registration objects (TBERegOp / DataType / op_info_register / custom_info_register),
Tensor.storage, context.K_CONTEXT.set_backend_policy, Validator.check_isinstance and save_mindir's checks."""

import numpy as np

RNG = np.random.default_rng(7)
W0 = RNG.standard_normal((3, 4)).astype(np.float32)
B0 = RNG.standard_normal((4,)).astype(np.float32)
GRADS = [(RNG.standard_normal((3, 4)).astype(np.float32), RNG.standard_normal((4,)).astype(np.float32))
         for _ in range(6)]
IMG1 = RNG.random((2, 2, 20, 20)).astype(np.float32)
IMG2 = np.clip(IMG1 + 0.1 * RNG.standard_normal((2, 2, 20, 20)), 0, 1).astype(np.float32)


def tol(rtol=None, atol=None):
    def mark(fn):
        fn.rtol, fn.atol = rtol, atol
        return fn
    return mark


# AdaFactor

def _adafactor_run(ms, steps=6, **kwargs):
    w = ms.Parameter(ms.Tensor(W0), name="w")
    b = ms.Parameter(ms.Tensor(B0), name="b")
    opt = ms.nn.AdaFactor([w, b], **kwargs)
    out = []
    for gw, gb in GRADS[:steps]:
        opt((ms.Tensor(gw), ms.Tensor(gb)))
        out.append((ms.Tensor(w.asnumpy()), ms.Tensor(b.asnumpy())))
    state = [ms.Tensor(p.asnumpy()) for p in (*opt.exp_avg_sq_row, *opt.exp_avg_sq_col, *opt.exp_avg_sq)]
    return out, state


@tol(1e-4, 1e-5)
def case_adafactor_default(ms):
    return _adafactor_run(ms)


@tol(1e-4, 1e-5)
def case_adafactor_manual_lr(ms):
    return _adafactor_run(ms, learning_rate=0.05, relative_step=False, scale_parameter=False, beta1=0.0)


@tol(1e-4, 1e-5)
def case_adafactor_weight_decay(ms):
    return _adafactor_run(ms, weight_decay=0.1, clip_threshold=0.5, decay_rate=0.6)


@tol(1e-4, 1e-5)
def case_adafactor_warmup(ms):
    return _adafactor_run(ms, steps=4, warmup_init=True)


@tol(1e-4, 1e-5)
def case_adafactor_manual_scaled(ms):
    return _adafactor_run(ms, steps=4, learning_rate=0.1, relative_step=False)


@tol(1e-3, 1e-4)
def case_adafactor_compression(ms):
    """The vector's running mean kept in Float16."""
    return _adafactor_run(ms, steps=3, compression=True)


@tol(1e-4, 1e-5)
def case_adafactor_rank3(ms):
    p = ms.Parameter(ms.Tensor(np.linspace(-1, 1, 24).reshape(2, 3, 4).astype(np.float32)), name="p")
    opt = ms.nn.AdaFactor([p], beta1=0.5)
    for k in range(3):
        opt((ms.Tensor(np.cos(np.arange(24) * (k + 1)).reshape(2, 3, 4).astype(np.float32)),))
    return p, opt.exp_avg_sq_row[0], opt.exp_avg_sq_col[0], opt.exp_avg[0]


def case_adafactor_state_names(ms):
    w = ms.Parameter(ms.Tensor(W0), name="w")
    b = ms.Parameter(ms.Tensor(B0), name="b")
    opt = ms.nn.AdaFactor([w, b])
    return [(p.name, tuple(p.shape)) for p in (*opt.exp_avg, *opt.exp_avg_sq_row, *opt.exp_avg_sq_col,
                                                 *opt.exp_avg_sq)]


def _adafactor_error(ms, **kwargs):
    return ms.nn.AdaFactor([ms.Parameter(ms.Tensor(B0), name="b")], **kwargs)


def case_adafactor_lr_with_relative_step(ms):
    return _adafactor_error(ms, learning_rate=0.1)


def case_adafactor_no_lr(ms):
    return _adafactor_error(ms, relative_step=False)


def case_adafactor_warmup_without_relative(ms):
    return _adafactor_error(ms, learning_rate=0.1, relative_step=False, warmup_init=True)


def case_adafactor_eps_length(ms):
    return _adafactor_error(ms, eps=(1e-30,))


def case_adafactor_eps_type(ms):
    return _adafactor_error(ms, eps=(1, 1e-3))


def case_adafactor_decay_rate_range(ms):
    return _adafactor_error(ms, decay_rate=1.0)


def case_adafactor_clip_type(ms):
    return _adafactor_error(ms, clip_threshold=1)


def case_adafactor_scale_parameter_type(ms):
    return _adafactor_error(ms, scale_parameter=1)


# MSSSIM

@tol(1e-4, 1e-5)
def case_msssim_float(ms):
    ms.set_context(mode=ms.GRAPH_MODE)  # MindSpore's PyNative MSSSIM fails in ScalarCast on the CPU
    net = ms.nn.MSSSIM(power_factors=(0.3, 0.3, 0.4), filter_size=3)
    return net(ms.Tensor(IMG1), ms.Tensor(IMG2))


@tol(1e-4, 1e-5)
def case_msssim_two_levels(ms):
    ms.set_context(mode=ms.GRAPH_MODE)
    net = ms.nn.MSSSIM(max_val=2, power_factors=[0.5, 0.5], filter_size=5, filter_sigma=1.0, k1=0.02, k2=0.05)
    return net(ms.Tensor(IMG1), ms.Tensor(IMG2))


@tol(1e-4, 1e-5)
def case_msssim_uint8(ms):
    ms.set_context(mode=ms.GRAPH_MODE)
    net = ms.nn.MSSSIM(max_val=255, power_factors=(0.5, 0.5), filter_size=3)
    a = (IMG1 * 255).astype(np.uint8)
    b = (IMG2 * 255).astype(np.uint8)
    return net(ms.Tensor(a), ms.Tensor(b))


@tol(1e-4, 1e-5)
def case_msssim_identical(ms):
    ms.set_context(mode=ms.GRAPH_MODE)
    net = ms.nn.MSSSIM(power_factors=(0.5, 0.5), filter_size=3)
    return net(ms.Tensor(IMG1), ms.Tensor(IMG1))


def case_msssim_not_4d(ms):
    return ms.nn.MSSSIM(power_factors=(0.5, 0.5), filter_size=3)(ms.Tensor(IMG1[0]), ms.Tensor(IMG2[0]))


def case_msssim_bad_dtype(ms):
    net = ms.nn.MSSSIM(power_factors=(0.5, 0.5), filter_size=3)
    return net(ms.Tensor(IMG1.astype(np.int32)), ms.Tensor(IMG2.astype(np.int32)))


def case_msssim_bad_power_factors(ms):
    return ms.nn.MSSSIM(power_factors=0.5)


def case_msssim_bad_max_val(ms):
    return ms.nn.MSSSIM(max_val=0)


def case_msssim_bad_filter_size(ms):
    return ms.nn.MSSSIM(filter_size=0)


def case_msssim_bad_k1(ms):
    return ms.nn.MSSSIM(k1=1)


# op_info_register

def _oir(ms):
    """The module `mindspore.ops.op_info_register` (the `ops` attribute of that name is its decorator)."""
    import importlib
    return importlib.import_module(ms.__name__ + ".ops.op_info_register")


def _tbe_info(ms):
    DataType, TBERegOp = _oir(ms).DataType, _oir(ms).TBERegOp
    return (TBERegOp("Abs").fusion_type("ELEMWISE").async_flag(False).binfile_name("abs.so").compute_cost(10)
            .kernel_name("abs").partial_flag(True).op_pattern("formatAgnostic").attr("format", "required", "str", "all")
            .input(0, "x", None, "required", None).output(0, "y", True, "required", "all")
            .dtype_format(DataType.F16_None, DataType.F16_None).dtype_format(DataType.F32_None, DataType.F32_5HD)
            .dtype_format(DataType.I32_None, DataType.I32_None).get_op_info())


def case_tbe_op_info(ms):
    info = _tbe_info(ms)
    return sorted((k, repr(v)) for k, v in info.items())


def case_op_info_register_wraps(ms):
    op_info_register = _oir(ms).op_info_register

    @op_info_register(_tbe_info(ms))
    def _abs_tbe(x):
        return x + 1
    return _abs_tbe(2)


def case_op_info_register_bad_info(ms):
    op_info_register = _oir(ms).op_info_register

    @op_info_register(3)
    def _f():
        return None
    return _f()


def case_datatype_values(ms):
    DataType = _oir(ms).DataType
    names = sorted(n for n in dir(DataType) if not n.startswith("_"))
    return [(n, getattr(DataType, n)) for n in names]


def case_tbe_dtype_format_count(ms):
    DataType, TBERegOp = _oir(ms).DataType, _oir(ms).TBERegOp
    return TBERegOp("X").input(0, "x").dtype_format(DataType.F16_None, DataType.F16_None)


def case_tbe_bad_name(ms):
    return ms.ops.TBERegOp("  ")


def case_tbe_bad_flag(ms):
    return ms.ops.TBERegOp("X").async_flag(1)


def case_tbe_bad_value_depend(ms):
    return ms.ops.TBERegOp("X").input(0, "x", value_depend="maybe")


def case_custom_info_register(ms):
    info = {"op_name": "f", "target": "CPU"}

    @ms.ops.custom_info_register(info, '{"op_name": "g"}')
    def func(x):
        """doc of func"""
        return x * 3
    return func(2), func.reg_info, func.__name__, func.__doc__


# Tensor.storage

def case_storage(ms):
    out = []
    for arr in (np.arange(4, dtype=np.float32), np.arange(6, dtype=np.int16).reshape(2, 3)):
        s = ms.Tensor(arr).storage()
        out.append((type(s).__name__, s.size(), s.nbytes(), s.element_size(), str(s.dtype), s.is_shared()))
    return out


# context.K_CONTEXT

def case_backend_policy(ms):
    k = ms.context.K_CONTEXT
    return [k.set_backend_policy(p) for p in ("ge", "vm", "ms")]


def case_backend_policy_bad(ms):
    return ms.context.K_CONTEXT.set_backend_policy("xx")


# Validator

def case_validator_check_isinstance(ms):
    Validator = ms.train.serialization.Validator
    return Validator.check_isinstance("x", 3, int), Validator.check_isinstance("x", 3.0, (int, float))


def case_validator_check_isinstance_error(ms):
    Validator = ms.train.serialization.Validator
    return Validator.check_isinstance("x", "a", (int, float))


# save_mindir

def case_save_mindir_not_model(ms):
    return ms.save_mindir(object(), "/tmp/tailmisc_never.mindir")


def case_save_mindir_bad_name(ms):
    return ms.save_mindir(object(), 3)


def case_save_mindir_dir_name(ms):
    return ms.save_mindir(object(), "/tmp/")


# string, OnRequestExit

def case_string_type(ms):
    return repr(ms.string), str(ms.string)


def case_on_request_exit_bad(ms):
    return ms.train.callback.OnRequestExit(save_ckpt=1)


def case_on_request_exit_bad_sig(ms):
    return ms.train.callback.OnRequestExit(sig="x")


def case_on_request_exit_bad_dir(ms):
    return ms.train.callback.OnRequestExit(directory=3)


def case_on_request_exit_paths(ms):
    import os
    cb = ms.train.callback.OnRequestExit(file_name="LeNet", directory="/tmp/tailmisc_exit")
    return os.path.relpath(cb.train_name, "/tmp"), os.path.relpath(cb.eval_name, "/tmp"), cb.exit


def case_on_request_exit_kill(ms):
    import signal
    return ms.train.callback.OnRequestExit(sig=signal.SIGKILL)


# Checkpoint / ParallelStrategyMap (protobuf messages)

def case_checkpoint_message(ms):
    import os
    import tempfile
    net = ms.nn.Dense(3, 2)
    path = os.path.join(tempfile.mkdtemp(), "n.ckpt")
    ms.save_checkpoint(net, path)
    ckpt = ms.train.serialization.Checkpoint()
    with open(path, "rb") as f:
        ckpt.ParseFromString(f.read())
    out = [(v.tag, list(v.tensor.dims), v.tensor.tensor_type, len(v.tensor.tensor_content)) for v in ckpt.value]
    msg = ms.train.serialization.Checkpoint()
    item = msg.value.add()
    item.tag = "w"
    item.tensor.dims.extend([2])
    item.tensor.tensor_type = "Float32"
    item.tensor.tensor_content = np.array([1.0, 2.0], np.float32).tobytes()
    return out, list(msg.SerializeToString())


def case_parallel_strategy_map(ms):
    from importlib import import_module
    pb = import_module(ms.__name__ + ".train.node_strategy_pb2")
    m = pb.ParallelStrategyMap()
    m.current_stage = 1
    item = m.parallel_strategy_item.add()
    item.node_name = "MatMul-op0"
    item.parallel_strategys.stage = 0
    item.parallel_strategys.parallel_strategy.add().dim.extend([2, 1])
    lay = m.parallel_layout_item.add()
    lay.param_name = "w"
    pl = lay.parallel_layouts
    pl.dev_matrix.add().dim.extend([2, 4])
    pl.tensor_map.add().dim.extend([1, -1])
    pl.param_split_shape.add().dim.extend([8])
    pl.indices_offset.add().dim.extend([0])
    pl.field = 0
    pl.opt_weight_shard_step = 1
    pl.opt_weight_shard_size = 2
    data = m.SerializeToString()
    back = pb.ParallelStrategyMap()
    back.ParseFromString(data)
    return list(data), back.parallel_layout_item[0].param_name, list(back.parallel_layout_item[0]
                                                                     .parallel_layouts.tensor_map[0].dim)


# multiprocessing, AmpDecorator

def case_multiprocessing_process(ms):
    import multiprocessing
    mp = ms.multiprocessing
    return (issubclass(mp.Process, multiprocessing.Process), mp.Queue is multiprocessing.Queue,
            mp.cpu_count() == multiprocessing.cpu_count(), hasattr(mp, "Pool"))


def case_amp_decorator(ms):
    d = ms.train.amp.AmpDecorator("O0", ms.float16, [("MatMul", [])], [])
    return d.amp_level, d.amp_dtype, d.white_list, d.black_list


# top-level aliases

def case_toplevel_aliases(ms):
    return (ms.connect_network_with_dataset is ms.train.connect_network_with_dataset,
            ms.empty_cache is ms.runtime.empty_cache, ms.set_memory is ms.runtime.set_memory,
            ms.sync_pipeline_shared_parameters is ms.parallel.sync_pipeline_shared_parameters)


def case_sync_pipeline_not_cell(ms):
    return ms.sync_pipeline_shared_parameters(3)
