"""The steady call: a repeated compiled call runs its compiled function directly, and gives what the
full path gives whatever changes between calls (shapes, dtypes, aliasing, Parameter values, mode,
context options)."""

import traceback

import jax
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mindgrad as ms
from mindgrad import Parameter, ParameterTuple, Tensor, nn, ops
from mindgrad.nn.cell import _runners

pytestmark = pytest.mark.usefixtures("leak_check")


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.z = Parameter(Tensor(np.array([1.5], np.float32)), name="z")

    def construct(self, x, y):
        return ops.matmul(x * self.z, y)


def _expected(x, y, z):
    """Gradients of sum(matmul(x * z, y)) in float64: (dx, dy), dz."""
    ones = np.ones((x.shape[0], y.shape[1]))
    dx = ones @ y.T * z
    dy = (x * z).T @ ones
    dz = np.sum(x * (ones @ y.T))
    return dx, dy, np.array([dz])


STEPS = st.lists(st.sampled_from(["same", "rows", "alias", "set_z", "float64", "mode"]), min_size=3, max_size=9)


@settings(max_examples=10, deadline=None)
@given(steps=STEPS, seed=st.integers(0, 2**16))
def test_repeated_grad_calls_follow_every_change(steps, seed):
    rs = np.random.RandomState(seed)
    net = Net()
    op = ops.GradOperation(get_all=True, get_by_list=True)
    params = ParameterTuple(net.trainable_params())
    rows, dtype, alias = 3, np.float32, False
    try:
        for step in ["same"] + steps:
            if step == "rows":
                rows = 5 if rows == 3 else 3
            elif step == "alias":
                alias = not alias
            elif step == "set_z":
                net.z.set_data(Tensor(np.array([rs.uniform(-2, 2)], np.float32)))
            elif step == "float64":
                dtype = np.float64 if dtype == np.float32 else np.float32
            elif step == "mode":
                graph = ms.get_context("mode") == ms.GRAPH_MODE
                ms.set_context(mode=ms.PYNATIVE_MODE if graph else ms.GRAPH_MODE)
            y = Tensor(rs.randn(3, 3).astype(dtype))
            x = y if alias else Tensor(rs.randn(rows, 3).astype(dtype))
            (dx, dy), (dz,) = op(net, params)(x, y)
            z = float(net.z.asnumpy()[0])
            ex, ey, ez = _expected(x.asnumpy().astype(np.float64), y.asnumpy().astype(np.float64), z)
            if alias and ms.get_context("mode") == ms.PYNATIVE_MODE:
                ex = ey = ex + ey   # one Tensor at two positions: PyNative sums its gradients
            tol = 1e-4 if dtype == np.float32 else 1e-10
            assert dx.asnumpy().dtype == dtype and dy.asnumpy().dtype == dtype
            np.testing.assert_allclose(dx.asnumpy(), ex, rtol=tol, atol=tol)
            np.testing.assert_allclose(dy.asnumpy(), ey, rtol=tol, atol=tol)
            np.testing.assert_allclose(dz.asnumpy(), ez, rtol=1e-4, atol=1e-4)   # z is float32
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


def _train(toggles: list) -> list:
    ms.set_seed(1)
    net = nn.Dense(4, 3)
    step = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), nn.SGD(net.trainable_params(), 0.1))
    rs = np.random.RandomState(0)
    x, y = Tensor(rs.randn(6, 4).astype(np.float32)), Tensor(rs.randn(6, 3).astype(np.float32))
    losses = []
    for donate in toggles:
        ms.set_context(donate_parameters=donate)
        losses.append(float(step(x, y).asnumpy()))
    return losses + net.weight.asnumpy().ravel().tolist()


@pytest.mark.parametrize("mode", [ms.PYNATIVE_MODE, ms.GRAPH_MODE])
def test_training_steps_follow_context_changes(mode):
    ms.set_context(mode=mode)
    try:
        reference = _train([False] * 6)
        assert _train([True, True, False, False, True, None]) == reference
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE, donate_parameters=None)


def test_a_parameter_replaced_between_steady_calls_is_read_afresh():
    net = Net()
    grad = ops.GradOperation(get_by_list=True)
    params = ParameterTuple(net.trainable_params())
    x, y = Tensor(np.ones((2, 3), np.float32)), Tensor(np.eye(3, dtype=np.float32))
    for _ in range(3):
        grad(net, params)(x, y)
    net.z.set_data(Tensor(np.array([4.0], np.float32)))
    assert net(x, y).asnumpy().tolist() == [[4.0] * 3] * 2
    assert grad(net, params)(x, y)[0].asnumpy().tolist() == [6.0]


@pytest.mark.parametrize("mode", [ms.PYNATIVE_MODE, ms.GRAPH_MODE])
def test_an_output_structure_that_depends_on_shapes_is_followed(mode):
    class ByRows(nn.Cell):
        def construct(self, x):
            if x.shape[0] == 1:
                return x * 2
            return x[0], x[1:] + 1

    ms.set_context(mode=mode)
    try:
        net = ByRows()
        one, two = Tensor(np.ones((1, 2), np.float32)), Tensor(np.ones((3, 2), np.float32))
        for x in (one, one, two, two, one, two, one):
            out = net(x)
            if x is one:
                assert isinstance(out, Tensor) and out.asnumpy().tolist() == [[2.0, 2.0]]
            else:
                assert isinstance(out, tuple) and out[1].asnumpy().tolist() == [[2.0, 2.0]] * 2
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


@pytest.mark.parametrize("mode, flags, weights", [
    (mode, flags, weights) for mode in (ms.PYNATIVE_MODE, ms.GRAPH_MODE)
    for flags, weights in [((False, False), None), ((True, False), None), ((False, True), "single"),
                           ((True, True), "tuple"), ((False, True), None)]] + [
    (ms.GRAPH_MODE, (True, True), "dict")])   # a dict of weights: GRAPH_MODE only
def test_grad_operation_results_are_the_same_on_repeated_calls(mode, flags, weights):
    """GradOperation's steady shortcut gives the first call's result shapes and values, whatever the
    flags and the form of the weights; a call under no_grad still raises."""
    ms.set_context(mode=mode)
    try:
        net = Net()
        form = {None: None, "single": net.z, "tuple": ParameterTuple([net.z]), "dict": {"z": net.z}}[weights]
        op = ops.GradOperation(get_all=flags[0], get_by_list=flags[1])
        x, y = Tensor(np.full((2, 3), 0.5, np.float32)), Tensor(np.eye(3, dtype=np.float32))
        first = op(net, form)(x, y)
        flat = lambda r: [t.asnumpy().tolist() for t in jax_leaves(r)]
        for _ in range(3):
            again = op(net, form)(x, y)
            assert type(again) is type(first) and flat(again) == flat(first)
            assert str(jax.tree_util.tree_structure(again, is_leaf=_is_tensor)) == \
                str(jax.tree_util.tree_structure(first, is_leaf=_is_tensor))
        with ms._no_grad():
            with pytest.raises(RuntimeError, match="no_grad"):
                op(net, form)(x, y)
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


def _is_tensor(t):
    return isinstance(t, Tensor)


def jax_leaves(r):
    return jax.tree_util.tree_leaves(r, is_leaf=_is_tensor)


@pytest.mark.parametrize("mode", [ms.PYNATIVE_MODE, ms.GRAPH_MODE])
def test_steady_calls_inside_the_users_own_jax_jit_run_inline(mode):
    """Once a Cell, an `ms.jit` function and a gradient function run steadily, the same calls on Tensors
    around tracers (inside the user's `jax.jit`) take the general path, which runs them in that trace."""
    ms.set_context(mode=mode)
    net = Net()
    grad_fn = ops.GradOperation(get_all=True, get_by_list=True)(net, ParameterTuple(net.trainable_params()))
    jitted = ms.jit(lambda a, b: net(a, b) * 2)
    x = np.array([[0.5, 0.6, 0.4], [1.2, 1.3, 1.1]], np.float32)
    y = np.arange(9, dtype=np.float32).reshape(3, 3) / 4
    for _ in range(3):  # steady from the second call
        out, twice, grads = net(Tensor(x), Tensor(y)), jitted(Tensor(x), Tensor(y)), grad_fn(Tensor(x), Tensor(y))

    @jax.jit
    def users(a, b):
        ta, tb = Tensor(a), Tensor(b)
        (gx, gy), (gz,) = grad_fn(ta, tb)
        return net(ta, tb)._arr, jitted(ta, tb)._arr, gx._arr, gy._arr, gz._arr

    got = users(x, y)
    dx, dy, dz = _expected(x, y, 1.5)
    for g, want in zip(got, (out.asnumpy(), twice.asnumpy(), dx, dy, dz), strict=True):
        np.testing.assert_allclose(np.asarray(g), want, rtol=1e-6)
    np.testing.assert_allclose(grads[1][0].asnumpy(), dz, rtol=1e-6)
    assert isinstance(net.z._value, jax.Array) and not isinstance(net.z._value, jax.core.Tracer)


def test_an_error_in_a_steady_call_keeps_a_short_traceback():
    """The steady shortcut sits outside the traceback-filtering wrapper and filters an escaping error itself."""
    ms.set_context(mode=ms.GRAPH_MODE)

    class Checked(nn.Cell):
        def construct(self, x):
            return ops.matmul(x, x)

    net = Checked()
    for _ in range(3):
        net(Tensor(np.ones((2, 2), np.float32)))
    with pytest.raises(Exception) as info:  # noqa: B017 - whatever JAX raises for mismatched shapes
        net(Tensor(np.ones((2, 3), np.float32)))
    frames = [f.f_code.co_filename for f, _ in traceback.walk_tb(info.value.__traceback__)]
    assert not any("/mindgrad/_engine/" in f for f in frames), frames


class Wide(nn.Cell):
    """20 Parameters (more than the steady call writes out one per line) and five inputs."""

    def __init__(self):
        super().__init__()
        self.ws = nn.CellList([nn.Dense(3, 3, weight_init="ones", bias_init="zeros") for _ in range(10)])

    def construct(self, a, b, c, k, d):
        h = a + b * c + d
        for layer in self.ws:
            h = layer(h)
        return h * k


@pytest.mark.parametrize("mode", [ms.PYNATIVE_MODE, ms.GRAPH_MODE])
def test_wide_layouts_give_the_general_paths_results(mode):
    """Many Parameters, weights in another order than the network's (the others bound as state), and
    the same Tensor at two positions: repeated calls give the first call's results."""
    ms.set_context(mode=mode)
    try:
        net = Wide()
        params = net.trainable_params()
        weights = ParameterTuple(params[::-1][:15])
        grad = ops.GradOperation(get_all=True, get_by_list=True)
        rs = np.random.RandomState(0)
        a, b, c, d = (Tensor(rs.randn(2, 3).astype(np.float32) * 0.1) for _ in range(4))
        k = Tensor(np.array([[1], [2]], np.float32))
        for args in [(a, b, c, k, d), (a, b, c, k, a)]:
            first = grad(net, weights)(*args)
            for _ in range(3):
                again = grad(net, weights)(*args)
                leaves = jax.tree_util.tree_leaves((first, again), is_leaf=lambda t: isinstance(t, Tensor))
                half = len(leaves) // 2
                assert half == len(first[0]) + 15
                for x, y in zip(leaves[:half], leaves[half:], strict=True):
                    np.testing.assert_array_equal(x.asnumpy(), y.asnumpy())
            assert first[1][0].shape == (3,) and first[1][1].shape == (3, 3)  # the last bias, then its weight
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


class ManyParams(nn.Cell):
    """More Parameters than the steady call writes out one per line (fastpath.UNROLL)."""

    def __init__(self, n=20):
        super().__init__()
        self.ws = nn.CellList([nn.Dense(1, 1, weight_init="ones", bias_init="zeros") for _ in range(n // 2)])
        self.scale = Parameter(Tensor(np.array([2.0], np.float32)), name="scale", requires_grad=False)

    def construct(self, x):
        for d in self.ws:
            x = d(x)
        return x * self.scale


@pytest.mark.parametrize("weights", ["all", "reversed", "none"])
def test_steady_gradients_past_the_written_out_parameters(weights):
    """Past 16 Parameters the steady call reads them with `map`; the gradients keep the requested order, and an
    empty weight list gives `()`, on every repeated call as on the first."""
    net = ManyParams()
    params = net.trainable_params()
    form = {"all": ParameterTuple(params), "reversed": ParameterTuple(params[::-1]), "none": ParameterTuple([])}[
        weights]
    grad = ops.GradOperation(get_all=True, get_by_list=True)(net, form)
    x = Tensor(np.array([[3.0]], np.float32))
    results = [grad(x) for _ in range(3)]
    (dx,), dws = results[-1]
    assert dx.asnumpy().tolist() == [[2.0]]
    expected = {p.name: (6.0 if "weight" in p.name else 2.0) for p in params}
    assert [g.asnumpy().item() for g in dws] == [expected[p.name] for p in form]
    for (dx_k,), dws_k in results:
        assert dx_k.asnumpy().tolist() == [[2.0]] and len(dws_k) == len(form)
    assert net(x).asnumpy().tolist() == [[6.0]] == net(x).asnumpy().tolist()


def test_steady_cell_outputs_keep_their_nest():
    """A steady call writes plain tuple/list outputs out directly; other outputs (a dict, a Parameter, a constant)
    are rebuilt as the first call's: every repeated call gives the first call's structure and values."""
    class Nests(nn.Cell):
        def __init__(self, kind):
            super().__init__()
            self.kind = kind
            self.p = Parameter(Tensor(np.array([1.0], np.float32)), name="p")

        def construct(self, x):
            if self.kind == 0:
                return [x + 1, (x * 2, x)], x - 1
            if self.kind == 1:
                return {"b": x, "a": x * 3}
            return x, self.p, 7

    x = Tensor(np.array([2.0], np.float32))
    nets = [Nests(kind) for kind in range(3)]
    for net in nets:
        first = net(x)
        for _ in range(3):
            again = net(x)
            assert str(jax.tree_util.tree_structure(again, is_leaf=_is_tensor)) == \
                str(jax.tree_util.tree_structure(first, is_leaf=_is_tensor))
            assert [t.asnumpy().tolist() if isinstance(t, Tensor) else t for t in jax_leaves(again)] == \
                [t.asnumpy().tolist() if isinstance(t, Tensor) else t for t in jax_leaves(first)]
        assert _runners[id(net)][1][False]._steady is not None  # (the repeated calls were steady)
    assert type(nets[0](x)[0]) is list and list(nets[1](x)) == ["b", "a"] and nets[2](x)[1] is nets[2].p


def test_steady_calls_on_tensors_around_numpy_arrays():
    """A Tensor may hold a NumPy array (`wrap`, as `jax.test_util.check_grads` feeds a Cell): repeated calls on
    such Tensors, and then on JAX-backed ones, give the same values."""
    from mindgrad.common.tensor import wrap

    net = nn.Dense(3, 2, weight_init="ones", bias_init="zeros")
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    outs = [net(wrap(x.copy())).asnumpy().tolist() for _ in range(3)] + [net(Tensor(x)).asnumpy().tolist()]
    assert outs == [[[3.0, 3.0], [12.0, 12.0]]] * 4
