"""tailmisc's names: golden cases from MindSpore 2.10 (tests/golden/tailmisc_cases.py), plus behaviour the oracle
cannot show on its CPU build (checked against MindSpore's documented semantics)."""

import os
import signal
import stat
import types

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import mindgrad as ms
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("tailmisc")


@pytest.mark.parametrize("name", SUITE.params())
def test_golden(name):
    SUITE.check(name, ms)


def _dense_model(opt_factory):
    net = ms.nn.Dense(4, 3)
    net.weight.set_data(ms.Tensor(np.linspace(-1, 1, 12).reshape(3, 4).astype(np.float32)))
    loss = ms.nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    return net, loss, ms.train.Model(net, loss, opt_factory(net.trainable_params()))


X = np.random.RandomState(0).randn(12, 4).astype(np.float32)
Y = np.random.RandomState(1).randint(0, 3, 12).astype(np.int32)


def _data():
    return ms.dataset.NumpySlicesDataset({"x": X, "y": Y}, shuffle=False).batch(4)


def test_adafactor_compiled_matches_eager():
    """AdaFactor's step inside `ms.jit` (state Parameters written by the compiled call) equals the eager step."""
    rng = np.random.default_rng(0)
    grads = [(rng.standard_normal((3, 4)).astype(np.float32), rng.standard_normal(4).astype(np.float32))
             for _ in range(3)]

    def run(compiled):
        w = ms.Parameter(ms.Tensor(X[:3]), name="w")
        b = ms.Parameter(ms.Tensor(X[3]), name="b")
        opt = ms.nn.AdaFactor([w, b], weight_decay=0.01)
        step = ms.jit(lambda gw, gb: opt((gw, gb))) if compiled else (lambda gw, gb: opt((gw, gb)))
        for gw, gb in grads:
            step(ms.Tensor(gw), ms.Tensor(gb))
        return [p.asnumpy() for p in (w, b, opt.step, *opt.exp_avg, *opt.exp_avg_sq_row, *opt.exp_avg_sq)]

    for eager, compiled in zip(run(False), run(True), strict=True):
        np.testing.assert_allclose(compiled, eager, rtol=1e-6, atol=1e-7)


def test_adafactor_in_model_train_reduces_the_loss():
    net, loss, model = _dense_model(lambda p: ms.nn.AdaFactor(p))
    before = float(loss(net(ms.Tensor(X)), ms.Tensor(Y)).asnumpy())
    model.train(3, _data())
    assert float(loss(net(ms.Tensor(X)), ms.Tensor(Y)).asnumpy()) < before
    assert float(model._optimizer.step.asnumpy()[0]) == 9.0


def test_msssim_gradient_is_finite_and_zero_for_identical_images():
    net = ms.nn.MSSSIM(power_factors=(0.5, 0.5), filter_size=3)
    a = ms.Tensor(np.random.RandomState(2).rand(1, 1, 12, 12).astype(np.float32))
    with jax.checking_leaks():
        g = ms.grad(lambda x, y: net(x, y).sum())(a, a)
    np.testing.assert_allclose(g.asnumpy(), 0.0, atol=1e-5)


def test_comm_func_isend_irecv_between_vmapped_ranks():
    """Rank 0 sends to rank 1; irecv returns a new Tensor (the given one only sets shape and dtype)."""
    from mindgrad.communication import comm_func

    xs = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 4.0], [2.0, 2.0]], np.float32)

    def program(x):
        comm_func.isend(ms.Tensor(x * 2), dst=1)
        given = ms.Tensor(jnp.full((2,), 7.0, jnp.float32))
        out, handle = comm_func.irecv(given, src=0)
        handle.wait()
        return out._arr, given._arr

    got, given = jax.vmap(program, axis_name="data")(xs)
    want = np.zeros((4, 2), np.float32)
    want[1] = xs[0] * 2
    np.testing.assert_array_equal(np.asarray(got), want)
    np.testing.assert_array_equal(np.asarray(given), 7.0)


def test_comm_func_argument_errors():
    from mindgrad.communication import comm_func
    t = ms.Tensor(np.ones(2, np.float32))
    with pytest.raises(TypeError, match="'dst' must be type of int"):
        comm_func.isend(t, dst="1")
    with pytest.raises(TypeError, match="'group' must be type of string"):
        comm_func.irecv(t, src=0, group=3)


def test_on_request_exit_stops_after_the_signalled_step_and_saves(tmp_path):
    """The signal arrives during step 2: training stops after it, the checkpoint holds the weights and the step
    numbers, and a new run starts from it."""
    net, _, model = _dense_model(lambda p: ms.nn.Momentum(p, 0.1, 0.9))
    exit_cb = ms.train.callback.OnRequestExit(save_mindir=False, file_name="Net", directory=str(tmp_path),
                                              sig=signal.SIGUSR1)
    seen = []

    class Kill(ms.train.Callback):
        def on_train_step_begin(self, run_context):
            step = run_context.original_args().cur_step_num
            seen.append(step)
            if step == 2:
                os.kill(os.getpid(), signal.SIGUSR1)

    old = signal.getsignal(signal.SIGUSR1)
    try:
        model.train(3, _data(), callbacks=[Kill(), exit_cb])
    finally:
        signal.signal(signal.SIGUSR1, old)
    assert seen == [1, 2]
    path = os.path.join(str(tmp_path), "rank_0", "Net_train.ckpt")
    saved = ms.load_checkpoint(path)
    assert int(saved["step_num"].asnumpy()) == 2 and int(saved["epoch_num"].asnumpy()) == 1
    assert saved["global_step"].asnumpy().tolist() == [2]
    np.testing.assert_allclose(saved["weight"].asnumpy(), net.weight.asnumpy())

    fresh, _, again = _dense_model(lambda p: ms.nn.Momentum(p, 0.1, 0.9))
    cb = ms.train.callback.OnRequestExit(save_mindir=False, file_name="Net", directory=str(tmp_path),
                                         sig=signal.SIGUSR1)
    try:
        cb.on_train_begin(_Ctx(train_network=again.train_network))
    finally:
        signal.signal(signal.SIGUSR1, old)
    np.testing.assert_allclose(fresh.weight.asnumpy(), net.weight.asnumpy())


class _Ctx:
    """A RunContext stand-in: `original_args()` gives the fields."""

    def __init__(self, **fields):
        self.fields = types.SimpleNamespace(**fields)

    def original_args(self):
        return self.fields


def test_on_request_exit_config_file(tmp_path):
    config = tmp_path / "exit.json"
    cb = ms.train.callback.OnRequestExit(save_ckpt=False, save_mindir=False, config_file=str(config))
    assert not cb._requested()
    config.write_text('{"GracefulExit": 0}')
    assert not cb._requested()
    config.write_text('{"GracefulExit": 1}')
    assert cb._requested()


def test_amp_decorator_auto_casts_functional_ops_inside_the_block():
    x = ms.Tensor(np.ones((2, 2), np.float32))
    with ms.train.amp.AmpDecorator("auto", ms.float16, [], []):
        inside = ms.ops.matmul(x, x)
    with ms.train.amp.AmpDecorator("O0", ms.float16, [], []):
        plain = ms.ops.matmul(x, x)
    assert inside.dtype == ms.float16 and plain.dtype == ms.float32
    assert ms.ops.matmul(x, x).dtype == ms.float32


def test_storage_copy_and_device():
    t = ms.Tensor(np.arange(4, dtype=np.float32))
    src = ms.Tensor(np.arange(4, 8, dtype=np.float32)).storage()
    s = t.storage()
    assert s.copy_(src) is s and s.device == "CPU" and s.data_ptr() == t.data_ptr()
    np.testing.assert_array_equal(t.asnumpy(), [4, 5, 6, 7])
    with pytest.raises(RuntimeError, match="sizes differ"):
        s.copy_(ms.Tensor(np.ones(2, np.float32)).storage())


def test_protobuf_messages_and_their_stand_in_without_protobuf():
    from mindgrad.train import _proto, node_strategy_pb2
    msg = node_strategy_pb2.ParallelStrategyMap(current_stage=3)
    assert msg.SerializeToString() == b"\x08\x03"
    assert node_strategy_pb2.ParallelStrategyMap.DESCRIPTOR.full_name == "mindspore.straspb.ParallelStrategyMap"
    with pytest.raises(ImportError, match="pip install protobuf"):
        _proto._missing("Checkpoint")()


def test_save_mindir_writes_a_model_proto_read_only(tmp_path):
    """A protobuf message named mind_ir.ModelProto (MindSpore's MindIR model) is written as its bytes."""
    from mindgrad.train import _proto
    model_proto = _proto.build("mind_ir_test.proto", "mind_ir", {"ModelProto": [
        ("ir_version", 1, "optional", "string", None), ("producer_name", 2, "optional", "string", None)]})["ModelProto"]
    model = model_proto(ir_version="0.1.1", producer_name="MindSpore")
    ms.save_mindir(model, str(tmp_path / "net"))
    path = tmp_path / "net.mindir"
    assert path.read_bytes() == model.SerializeToString()
    assert stat.S_IMODE(os.stat(path).st_mode) == stat.S_IRUSR
    ms.save_mindir(model_proto(ir_version="2"), str(path))  # over a read-only file, as MindSpore
    assert model_proto.FromString(path.read_bytes()).ir_version == "2"


def test_backend_policy_needs_a_str():
    with pytest.raises(TypeError):
        ms.context.K_CONTEXT.set_backend_policy(1)


def test_multiprocessing_is_the_standard_module():
    import multiprocessing
    assert ms.multiprocessing.Process is multiprocessing.Process
    assert set(multiprocessing.__all__) <= set(dir(ms.multiprocessing))
