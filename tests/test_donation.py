"""Buffer donation in compiled calls: Parameters' buffers that only mindgrad holds are reused by XLA,
and no array a user may still hold is ever invalidated. Donation is on by default only on GPU/TPU;
these tests switch it on (`donate_parameters=True`) on the CPU."""

import threading

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import mindgrad as ms
from mindgrad import Parameter, ParameterTuple, Tensor, nn, ops


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        w = np.array([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], np.float32)
        self.dense = nn.Dense(3, 2, weight_init=Tensor(w), bias_init="zeros")

    def construct(self, x):
        return self.dense(x)


def _train_step(mode):
    ms.set_context(mode=mode)
    net = Net()
    opt = nn.Momentum(net.trainable_params(), learning_rate=0.1, momentum=0.9)
    step = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), opt)
    return net, opt, step


X = Tensor(np.arange(12, dtype=np.float32).reshape(4, 3) / 10)
Y = Tensor(np.ones((4, 2), np.float32))


@pytest.fixture(autouse=True)
def donating():
    ms.set_context(donate_parameters=True)
    yield
    ms.set_context(mode=ms.PYNATIVE_MODE, donate_parameters=None)


def _reference_losses(n):
    """The same training without compilation (nothing donated)."""
    ms.set_context(pynative_compile=False)
    try:
        _, _, step = _train_step(ms.PYNATIVE_MODE)
        return [float(step(X, Y).asnumpy()) for _ in range(n)]
    finally:
        ms.set_context(pynative_compile=True)


@pytest.mark.parametrize("mode", [ms.GRAPH_MODE, ms.PYNATIVE_MODE])
def test_steady_state_steps_donate_the_previous_buffers(mode):
    net, opt, step = _train_step(mode)
    losses = [float(step(X, Y).asnumpy()) for _ in range(3)]
    params = list(net.trainable_params()) + list(opt.moments)
    assert all(p._owned for p in params)
    before = [p._value for p in params]
    losses.append(float(step(X, Y).asnumpy()))
    assert all(a.is_deleted() for a in before)          # updated in place
    assert all(not p._value.is_deleted() for p in params)
    np.testing.assert_allclose(losses, _reference_losses(4), rtol=1e-6)


def test_arrays_the_user_holds_stay_valid():
    ms.set_context(mode=ms.GRAPH_MODE)
    init = Tensor(np.ones((2, 3), np.float32))
    net = Net()
    net.dense.weight.set_data(init)                     # the user keeps `init`
    opt = nn.SGD(net.trainable_params(), learning_rate=0.1)
    step = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), opt)
    step(X, Y)
    held = jnp.asarray(net.dense.weight)                # read out: no longer mindgrad's alone
    value = net.dense.bias.value()
    exported = ms.to_jax(net)[0]
    for _ in range(3):
        step(X, Y)
    np.testing.assert_array_equal(init.asnumpy(), np.ones((2, 3), np.float32))
    assert not held.is_deleted() and not value._arr.is_deleted()
    assert all(not a.is_deleted() for a in jax.tree_util.tree_leaves(exported))


def test_a_parameter_written_from_an_input_does_not_donate_the_input():
    class Store(nn.Cell):
        def __init__(self):
            super().__init__()
            self.p = Parameter(Tensor(np.zeros(3, np.float32)), name="p")

        def construct(self, x):
            ops.assign(self.p, x)
            return self.p * 2

    ms.set_context(mode=ms.GRAPH_MODE)
    cell = Store()
    x = Tensor(np.arange(3, dtype=np.float32))
    for _ in range(3):
        cell(x)
    np.testing.assert_array_equal(x.asnumpy(), [0.0, 1.0, 2.0])
    np.testing.assert_array_equal(cell.p.asnumpy(), [0.0, 1.0, 2.0])


def test_ms_jit_step_donates_and_matches():
    net = Net()
    opt = nn.SGD(net.trainable_params(), learning_rate=0.1)
    grad_fn = ms.value_and_grad(nn.WithLossCell(net, nn.MSELoss()), None, opt.parameters)

    @ms.jit
    def train(x, y):
        loss, grads = grad_fn(x, y)
        opt(grads)
        return loss

    losses = [float(train(X, Y).asnumpy()) for _ in range(3)]
    before = net.dense.weight._value
    losses.append(float(train(X, Y).asnumpy()))
    assert before.is_deleted()
    ref = Net()
    ref_opt = nn.SGD(ref.trainable_params(), learning_rate=0.1)
    ref_step = nn.TrainOneStepCell(nn.WithLossCell(ref, nn.MSELoss()), ref_opt)
    ms.set_context(pynative_compile=False)
    try:
        ref_losses = [float(ref_step(X, Y).asnumpy()) for _ in range(4)]
    finally:
        ms.set_context(pynative_compile=True)
    np.testing.assert_allclose(losses, ref_losses, rtol=1e-6)


def test_threads_training_one_network_never_see_a_donated_buffer():
    net, _, step = _train_step(ms.GRAPH_MODE)
    errors = []

    def work():
        try:
            for _ in range(20):
                step(X, Y)
        except Exception as e:  # noqa: BLE001 - collected and asserted below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert np.isfinite(net.dense.weight.asnumpy()).all()


def test_a_forward_inside_a_user_jax_jit_still_works():
    net = Net()
    net(X)
    net(X)                                               # compiled from here on
    out = jax.jit(lambda: net(X)._arr)()
    np.testing.assert_allclose(np.asarray(out), net(X).asnumpy(), rtol=1e-6)
    assert not net.dense.weight._value.is_deleted()


def test_a_failing_step_leaves_parameters_usable():
    class Bad(nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = Parameter(Tensor(np.ones(3, np.float32)), name="w")

        def construct(self, x):
            ops.assign(self.w, self.w + 1)
            return ops.matmul(x, self.w)

    ms.set_context(mode=ms.GRAPH_MODE)
    cell = Bad()
    cell(Tensor(np.ones((2, 3), np.float32)))
    cell(Tensor(np.ones((2, 3), np.float32)))
    with pytest.raises((ValueError, RuntimeError), match="MatMul"):
        cell(Tensor(np.ones((2, 4), np.float32)))
    np.testing.assert_array_equal(cell.w.asnumpy(), [3.0, 3.0, 3.0])
    assert ParameterTuple([cell.w])[0] is cell.w


def test_default_is_off_on_cpu_only_and_the_option_is_checked():
    ms.set_context(donate_parameters=None)
    on_cpu = ms.get_context("device_target") == "CPU"
    net, _, step = _train_step(ms.GRAPH_MODE)
    for _ in range(3):
        step(X, Y)
    before = net.dense.weight._value
    step(X, Y)
    assert before.is_deleted() is not on_cpu
    with pytest.raises(TypeError, match="donate_parameters"):
        ms.set_context(donate_parameters="yes")
