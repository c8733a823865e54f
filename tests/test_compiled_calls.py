"""When mindgrad compiles: GRAPH_MODE, `ms.jit`, compiled PyNative Cell calls, and their limits."""

import numpy as np
import pytest

import mindgrad as ms
from mindgrad import Parameter, Tensor, nn, ops
from mindgrad._engine import cache

pytestmark = pytest.mark.usefixtures("leak_check")


class Counter(nn.Cell):
    """A Cell with state: every call adds one to a Parameter."""

    def __init__(self):
        super().__init__()
        self.count = Parameter(Tensor(np.array([0.0], np.float32)), name="count", requires_grad=False)
        self.w = Parameter(Tensor(np.array([2.0], np.float32)), name="w")

    def construct(self, x):
        ops.assign(self.count, self.count + 1)
        return x * self.w * self.count


@pytest.mark.parametrize("mode", ["pynative", "graph"])
def test_compiled_cell_calls_apply_writes_and_trace_once(mode):
    ms.set_context(mode=ms.GRAPH_MODE if mode == "graph" else ms.PYNATIVE_MODE)
    try:
        net = Counter()
        outs = [net(Tensor([1.0])).asnumpy().tolist() for _ in range(3)]
        before = cache.trace_count()
        outs += [net(Tensor([1.0])).asnumpy().tolist() for _ in range(5)]
        assert cache.trace_count() == before
        assert outs == [[2.0 * k] for k in range(1, 9)]
        assert net.count.asnumpy().tolist() == [8.0]
        net.w.set_data(Tensor([3.0]))  # a new value is an input, not a baked constant
        assert net(Tensor([1.0])).asnumpy().tolist() == [27.0]
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


def test_pynative_side_effects_run_every_call(capsys):
    class Printing(nn.Cell):
        def construct(self, x):
            print("step", x)
            return x + 1

    net = Printing()
    for i in range(4):
        net(Tensor([float(i)]))
    assert capsys.readouterr().out.count("step") == 4


def test_pynative_control_flow_on_values():
    class Branch(nn.Cell):
        def construct(self, x):
            if x.sum() > 0:
                return x * 2
            return x - 1

    net = Branch()
    got = [net(Tensor([v])).asnumpy().tolist() for v in (1.0, -1.0, 2.0, -2.0, 3.0)]
    assert got == [[2.0], [-2.0], [4.0], [-3.0], [6.0]]


def test_pynative_compile_can_be_switched_off():
    ms.set_context(pynative_compile=False)
    try:
        net = Counter()
        before = cache.trace_count()
        for _ in range(3):
            net(Tensor([1.0]))
        assert cache.trace_count() == before
        assert net.count.asnumpy().tolist() == [3.0]
    finally:
        ms.set_context(pynative_compile=True)


def test_jit_function_reads_parameters_as_inputs():
    net = Counter()

    @ms.jit
    def double(x):
        return net(x) * 2

    assert double(Tensor([1.0])).asnumpy().tolist() == [4.0]
    net.w.set_data(Tensor([10.0]))
    assert double(Tensor([1.0])).asnumpy().tolist() == [40.0]
    assert net.count.asnumpy().tolist() == [2.0]


def test_jit_method_and_keyword_options():
    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = Parameter(Tensor([2.0]), name="w")

        @ms.jit(jit_level="O1")
        def construct(self, x):
            return x * self.w

    a, b = Net(), Net()
    b.w.set_data(Tensor([5.0]))
    assert a(Tensor([3.0])).asnumpy().tolist() == [6.0]
    assert b(Tensor([3.0])).asnumpy().tolist() == [15.0]
    assert ms.grad(a, None, a.trainable_params())(Tensor([3.0]))[0].asnumpy().tolist() == [3.0]


def test_jit_training_step_matches_pynative():
    def make():
        ms.set_seed(3)
        net = nn.Dense(4, 2)
        opt = nn.SGD(net.trainable_params(), learning_rate=0.1)
        loss_fn = nn.MSELoss()
        grad_fn = ms.value_and_grad(lambda x, y: loss_fn(net(x), y), None, opt.parameters)
        return net, opt, grad_fn

    x = Tensor(np.random.RandomState(0).randn(8, 4).astype(np.float32))
    y = Tensor(np.random.RandomState(1).randn(8, 2).astype(np.float32))
    results = []
    for compiled in (False, True):
        net, opt, grad_fn = make()

        def step(x, y):
            loss, grads = grad_fn(x, y)  # noqa: B023 - used within this iteration only
            opt(grads)  # noqa: B023
            return loss

        run = ms.jit(step) if compiled else step
        losses = [float(run(x, y).asnumpy()) for _ in range(5)]
        results.append((losses, net.weight.asnumpy()))
    np.testing.assert_allclose(results[0][0], results[1][0], rtol=1e-6)
    np.testing.assert_allclose(results[0][1], results[1][1], rtol=1e-6)


def test_pynative_lazy_initialisation_gets_a_second_chance():
    class Lazy(nn.Cell):
        """Sets an attribute on its first call only (lazy initialisation)."""

        def __init__(self):
            super().__init__()
            self.scale = None
            self.w = Parameter(Tensor([2.0]), name="w")

        def construct(self, x):
            if self.scale is None:
                self.scale = 3.0
            return x * self.w * self.scale

    net = Lazy()
    assert net(Tensor([1.0])).asnumpy().tolist() == [6.0]      # the trace fails: plain Python once
    before = cache.trace_count()
    assert net(Tensor([2.0])).asnumpy().tolist() == [12.0]     # traced again: compiles now
    assert cache.trace_count() > before
    before = cache.trace_count()
    assert [net(Tensor([float(v)])).asnumpy().tolist() for v in range(3)] == [[0.0], [6.0], [12.0]]
    assert cache.trace_count() == before


def test_pynative_side_effects_need_two_failed_traces_to_run_eagerly(capsys):
    class EveryCall(nn.Cell):
        def __init__(self):
            super().__init__()
            self.calls = 0

        def construct(self, x):
            self.calls += 1
            return x + self.calls

    net = EveryCall()
    assert [net(Tensor([0.0])).asnumpy().tolist() for _ in range(4)] == [[1.0], [2.0], [3.0], [4.0]]
    assert net.calls == 4


def test_a_cells_unused_parameters_are_not_passed_to_its_compiled_call():
    ms.set_context(donate_parameters=True)
    try:
        net = nn.Dense(3, 2)
        opt = nn.SGD(net.trainable_params(), learning_rate=0.1)   # momentum 0: accum/stat unused
        step = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), opt)
        state = list(opt.accum) + list(opt.stat)
        held = [p._value for p in state]
        x, y = Tensor(np.ones((4, 3), np.float32)), Tensor(np.zeros((4, 2), np.float32))
        for _ in range(3):
            step(x, y)
        # Not passed in and out: each still holds the very buffer it had (a bound one comes back new).
        assert all(p._value is h for p, h in zip(state, held, strict=False))
        assert not any(h.is_deleted() for h in held)
        assert [float(np.asarray(h).sum()) for h in held] == [0.0, 0.0, 6.0, 2.0]
    finally:
        ms.set_context(donate_parameters=None)


@pytest.mark.parametrize("mode", [ms.PYNATIVE_MODE, ms.GRAPH_MODE])
def test_a_compiled_call_gives_back_dicts_in_their_own_order(mode):
    class Named(nn.Cell):
        def construct(self, x):
            return {"z": x * 2, "a": (x + 1, {"y": x, "b": 3})}

    ms.set_context(mode=mode)
    try:
        net = Named()
        for _ in range(3):   # the first call and compiled ones
            out = net(Tensor([1.0]))
            assert list(out) == ["z", "a"] and list(out["a"][1]) == ["y", "b"]
            assert out["z"].asnumpy().tolist() == [2.0] and out["a"][0].asnumpy().tolist() == [2.0]
            assert out["a"][1]["y"].asnumpy().tolist() == [1.0] and out["a"][1]["b"] == 3
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
