"""ops.GradOperation checked three ways: against hand-written `jax.vjp` of the same math, against
finite differences in float64 (`jax.test_util`), and against MindSpore's own results (the golden
fixtures in `tests/golden/`, replayed by test_golden_grad.py). Every test runs under
`jax.checking_leaks()`."""

import itertools
import threading

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jax.test_util import check_grads, check_vjp

import mindgrad as ms
from mindgrad import Parameter, ParameterTuple, Tensor, nn, ops
from mindgrad._engine import cache

from tests.conftest import assert_tree_close

pytestmark = pytest.mark.usefixtures("leak_check")

GO = ops.GradOperation
FLAGS = list(itertools.product([False, True], repeat=3))


class DocNet(nn.Cell):
    """The network of MindSpore's GradOperation page."""

    def __init__(self, dtype=np.float32):
        super().__init__()
        self.matmul = ops.MatMul()
        self.z = Parameter(Tensor(np.array([1.0], dtype)), name="z")

    def construct(self, x, y):
        return self.matmul(x * self.z, y)


def doc_math(x, y, z):
    return jnp.matmul(x * z, y)


def _inputs(dtype=np.float32, seed=0):
    rs = np.random.RandomState(seed)
    return (rs.randn(2, 3).astype(dtype), rs.randn(3, 3).astype(dtype), rs.randn(2, 3).astype(dtype))


def _expected(flags, dx, dy, dz):
    get_all, get_by_list, _ = flags
    if get_all and get_by_list:
        return ((dx, dy), (dz,))
    if get_all:
        return (dx, dy)
    if get_by_list:
        return (dz,)
    return dx


@pytest.mark.parametrize("flags", FLAGS, ids=lambda f: "all%d_list%d_sens%d" % f)
@pytest.mark.parametrize("in_cell", [False, True], ids=["direct", "in_cell"])
def test_every_flag_combination_equals_hand_written_vjp(flags, in_cell):
    get_all, get_by_list, sens_param = flags
    x, y, s = _inputs()
    net = DocNet()
    z = np.array([1.0], np.float32)
    out, vjp_fn = jax.vjp(doc_math, x, y, z)
    ct = s if sens_param else np.ones_like(out)
    dx, dy, dz = vjp_fn(ct)
    op = GO(get_all=get_all, get_by_list=get_by_list, sens_param=sens_param)
    params = ParameterTuple(net.trainable_params())

    class GradNet(nn.Cell):
        def __init__(self):
            super().__init__()
            self.net, self.op, self.params = net, op, params

        def construct(self, *args):
            return self.op(self.net, self.params)(*args)

    call = GradNet() if in_cell else op(net, params)
    args = (Tensor(x), Tensor(y)) + ((Tensor(s),) if sens_param else ())
    got = call(*args)
    assert_tree_close(got, _expected(flags, dx, dy, dz), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("flags", FLAGS, ids=lambda f: "all%d_list%d_sens%d" % f)
def test_every_flag_combination_in_float64_against_finite_differences(flags):
    """The sens path of mindgrad is a correct vjp (inner-product test against numerical jvp)."""
    get_all, get_by_list, _ = flags
    x, y, _ = _inputs(np.float64, seed=1)
    z = np.array([0.7])

    def f_vjp(x, y, z):
        net = DocNet(np.float64)
        net.z.set_data(Tensor(np.asarray(z)))
        out = doc_math(x, y, z)

        def vjp_fn(ct):
            grads = GO(get_all=True, get_by_list=True, sens_param=True)(net, net.trainable_params())(
                Tensor(np.asarray(x)), Tensor(np.asarray(y)), Tensor(np.asarray(ct)))
            (gx, gy), (gz,) = grads
            assert gx.dtype == ms.float64 and gz.dtype == ms.float64
            return gx.asnumpy(), gy.asnumpy(), gz.asnumpy()

        return out, vjp_fn

    check_vjp(doc_math, f_vjp, (x, y, z), atol=1e-6, rtol=1e-6)
    # and the chosen flags pick the right pieces of that vjp
    net = DocNet(np.float64)
    net.z.set_data(Tensor(z))
    got = GO(get_all=get_all, get_by_list=get_by_list)(net, ParameterTuple([net.z]))(Tensor(x), Tensor(y))
    dx, dy, dz = jax.vjp(doc_math, x, y, z)[1](np.ones((2, 3)))
    assert_tree_close(got, _expected(flags, dx, dy, dz), rtol=1e-12, atol=1e-12)


def test_gradients_of_mindgrad_gradients_are_correct():
    """GradOperation composes with JAX's own transforms: second order in float64."""
    def grad_of(x):
        return GO()(lambda a: ops.sin(a) * a * a)(Tensor(x))._arr

    check_grads(grad_of, (np.array([0.3, -1.2, 2.0]),), order=2, atol=1e-6, rtol=1e-6)
    x = np.array([0.3, -1.2, 2.0])
    second = GO()(GO()(lambda a: ops.sin(a) * a * a))(Tensor(x))
    want = jax.grad(lambda a: jax.grad(lambda b: jnp.sum(jnp.sin(b) * b * b))(a).sum())(x)
    np.testing.assert_allclose(second.asnumpy(), want, rtol=1e-12)


def test_higher_order_cube():
    cube = lambda x: x ** 3  # noqa: E731
    x = Tensor([3.0])
    assert GO()(cube)(x).asnumpy().tolist() == [27.0]
    assert GO()(GO()(cube))(x).asnumpy().tolist() == [18.0]
    assert GO()(GO()(GO()(cube)))(x).asnumpy().tolist() == [6.0]


# --------------------------------------------------------------------------
# Random flag combinations and input structures against a hand-written model
# --------------------------------------------------------------------------

class RandomNet(nn.Cell):
    def __init__(self, n_params, tuple_out):
        super().__init__()
        self.n_params, self.tuple_out = n_params, tuple_out
        for j in range(n_params):
            setattr(self, "p%d" % j, Parameter(Tensor(np.full((3,), 0.1 * (j + 1), np.float32))))

    def construct(self, *xs):
        y = xs[0] * 0.0
        for i, x in enumerate(xs):
            y = y + x * (i + 1.0)
        for j in range(self.n_params):
            y = y + ops.exp(getattr(self, "p%d" % j)) * xs[0]
        return (ops.sin(y), y * xs[-1]) if self.tuple_out else ops.sin(y)


def random_math(xs, ps, tuple_out):
    y = xs[0] * 0.0
    for i, x in enumerate(xs):
        y = y + x * (i + 1.0)
    for p in ps:
        y = y + jnp.exp(p) * xs[0]
    return (jnp.sin(y), y * xs[-1]) if tuple_out else jnp.sin(y)


@settings(max_examples=12, deadline=None)
@given(flags=st.tuples(st.booleans(), st.booleans(), st.booleans()),
       n_inputs=st.integers(1, 3), n_params=st.integers(0, 2), tuple_out=st.booleans(),
       weights_kind=st.sampled_from(["tuple", "list", "single", "none", "empty"]),
       seed=st.integers(0, 2 ** 16))
def test_random_flags_and_structures(flags, n_inputs, n_params, tuple_out, weights_kind, seed):
    get_all, get_by_list, sens_param = flags
    rs = np.random.RandomState(seed)
    xs = [rs.randn(3).astype(np.float32) for _ in range(n_inputs)]
    net = RandomNet(n_params, tuple_out)
    params = list(net.trainable_params())
    if weights_kind == "single" and not params:
        weights_kind = "empty"
    weights = {"tuple": ParameterTuple(params), "list": params, "single": params[0] if params else None,
               "none": None, "empty": ParameterTuple(())}[weights_kind]
    chosen = {"tuple": params, "list": params, "single": params[:1], "none": params, "empty": []}[weights_kind]
    p_vals = [np.asarray(p.asnumpy()) for p in params]
    out, vjp_fn = jax.vjp(lambda xs, ps: random_math(xs, ps, tuple_out), xs, p_vals)
    sens = jax.tree_util.tree_map(lambda o: rs.randn(*o.shape).astype(np.float32), out)
    ct = sens if sens_param else jax.tree_util.tree_map(jnp.ones_like, out)
    dxs, dps = vjp_fn(ct)
    by_param = {id(p): g for p, g in zip(params, dps, strict=False)}
    w_grads = tuple(by_param[id(p)] for p in chosen)
    if weights_kind == "single":
        w_grads = w_grads[0]
    if get_all and get_by_list:
        want = (tuple(dxs), w_grads)
    elif get_all:
        want = tuple(dxs)
    elif get_by_list:
        want = w_grads
    else:
        want = dxs[0]
    args = [Tensor(x) for x in xs]
    if sens_param:
        args.append(jax.tree_util.tree_map(Tensor, sens) if tuple_out else Tensor(sens))
    got = GO(get_all=get_all, get_by_list=get_by_list, sens_param=sens_param)(net, weights)(*args)
    assert_tree_close(got, want, rtol=2e-5, atol=2e-5)


# --------------------------------------------------------------------------
# Result shapes, inputs, sens
# --------------------------------------------------------------------------

def test_result_shapes():
    net = DocNet()
    x, y, _ = (Tensor(a) for a in _inputs())
    assert isinstance(GO()(net)(x, y), Tensor)
    assert len(GO(get_all=True)(net)(x, y)) == 2
    assert GO(get_by_list=True)(net, ParameterTuple([]))(x, y) == ()
    single = GO(get_by_list=True)(net, net.z)(x, y)
    assert isinstance(single, Tensor) and single.shape == (1,)
    both = GO(get_all=True, get_by_list=True)(net, net.z)(x, y)
    assert len(both[0]) == 2 and isinstance(both[1], Tensor)
    assert GO()(lambda: Tensor([1.0]))() == ()
    assert GO(get_all=True)(lambda a: a * 2.0)(x)[0].shape == (2, 3)
    assert GO()(net, ParameterTuple(net.trainable_params()))(x, y).shape == (2, 3)  # weights ignored


def test_non_tensor_arguments_are_dropped_and_kwargs_follow_call_order():
    f = lambda x, s, q=None, r=None: x * s * q * q + r  # noqa: E731
    x, q, r = Tensor([1.0]), Tensor([3.0]), Tensor([2.0])
    dx, dr, dq = GO(get_all=True)(f)(x, 5.0, r=r, q=q)
    assert (dx.asnumpy(), dr.asnumpy(), dq.asnumpy()) == (np.float32([45.0]), np.float32([1.0]), np.float32([30.0]))
    assert GO()(lambda t, y: t[0] * y)((x, q), r) == ()


def test_integer_and_bool_inputs_get_gradients_in_their_dtype():
    a = Tensor(np.array([3], np.int32))
    b = Tensor(np.array([5], np.int32))
    da, db = GO(get_all=True)(lambda a, b: a * a * b)(a, b)
    assert (da.dtype, db.dtype) == (ms.int32, ms.int32)
    assert (da.asnumpy().tolist(), db.asnumpy().tolist()) == ([30], [9])
    gb, gf = GO(get_all=True)(lambda a, b: a * b)(Tensor(np.array([True])), Tensor([2.0]))
    assert gb.dtype == ms.bool_ and gf.asnumpy().tolist() == [1.0]


def test_integer_input_used_as_an_index_keeps_working():
    table = Tensor(np.arange(6, dtype=np.float32).reshape(3, 2))
    idx = Tensor(np.array([2, 0], np.int32))
    dt, di = GO(get_all=True)(lambda t, i: t[i].sum())(table, idx)
    np.testing.assert_array_equal(dt.asnumpy(), [[1, 1], [0, 0], [1, 1]])
    assert di.dtype == ms.int32 and di.asnumpy().tolist() == [0, 0]


def test_default_sens_covers_every_output_leaf_and_casts():
    x, y = Tensor([1.0, 2.0]), Tensor([3.0, -1.0])
    dx = GO()(lambda a, b: (a * b, (a + b, a * a)))(x, y)
    np.testing.assert_allclose(dx.asnumpy(), y.asnumpy() + 1 + 2 * x.asnumpy())
    assert GO()(lambda a: ops.cast(a * 2, ms.int32))(Tensor([1.5])).asnumpy().tolist() == [2.0]
    assert GO()(lambda a: (a * 2, ops.cast(a * 3, ms.int32), a > 1))(Tensor([1.5])).asnumpy().tolist() == [5.0]
    assert GO()(lambda a: 3.0)(x).asnumpy().tolist() == [0.0, 0.0]


def test_same_tensor_twice_sums_gradients_as_pynative():
    a = Tensor([2.0])
    got = GO(get_all=True)(lambda p, q: p * q)(a, a)
    assert [g.asnumpy().tolist() for g in got] == [[4.0], [4.0]]
    got = GO(get_all=True)(lambda p, q: p * q)(a, Tensor([2.0]))
    assert [g.asnumpy().tolist() for g in got] == [[2.0], [2.0]]


def test_sens_list_keyword_and_python_scalar():
    f = lambda a, b: (a * b, a + b)  # noqa: E731
    x, y = Tensor([1.0, 2.0]), Tensor([3.0, 4.0])
    assert GO(sens_param=True)(f)(x, y, [x, y]).asnumpy().tolist() == [6.0, 12.0]
    assert GO(sens_param=True)(f)(x, y, sens=(x, y)).asnumpy().tolist() == [6.0, 12.0]
    assert GO(sens_param=True)(lambda a: (a * a).sum())(x, 2.0).asnumpy().tolist() == [4.0, 8.0]


@pytest.mark.parametrize("sens, error", [
    (Tensor(np.ones(3, np.float32)), ValueError),
    (Tensor(np.ones(2, np.float64)), TypeError),
    (Tensor(np.ones(2, np.int32)), TypeError),
    ((Tensor(np.ones(2, np.float32)),), RuntimeError),
    (2.0, RuntimeError),
])
def test_bad_sens_raises_mindspores_error_naming_sens(sens, error):
    with pytest.raises(error, match="sens"):
        GO(sens_param=True)(lambda a, b: a * b)(Tensor([1.0, 2.0]), Tensor([3.0, 4.0]), sens)


def test_missing_sens_is_an_arity_error():
    def mul(a, b):
        return a * b

    with pytest.raises(TypeError, match="missing 1 required positional argument"):
        GO(sens_param=True)(mul)(Tensor([1.0]), Tensor([2.0]))


@pytest.mark.parametrize("name", ["get_all", "get_by_list", "sens_param"])
@pytest.mark.parametrize("value", [1, None, "yes", 0.0])
def test_non_bool_flags_raise_type_error(name, value):
    with pytest.raises(TypeError, match=f"For 'GradOperation', the '{name}' should be bool, but got "
                                        f"{type(value).__name__}"):
        GO(**{name: value})


def test_non_callable_and_bad_weights():
    with pytest.raises(TypeError, match="callable"):
        GO()(3)
    net = DocNet()
    with pytest.raises(TypeError, match="weights"):
        GO(get_by_list=True)(net, net.get_parameters())
    with pytest.raises(TypeError, match="weights"):
        GO(get_by_list=True)(net, {"z": net.z})


# --------------------------------------------------------------------------
# Parameters: frozen, unused, shared, weights=None, writes, restoring
# --------------------------------------------------------------------------

class TwoParams(nn.Cell):
    def __init__(self, frozen=False):
        super().__init__()
        self.w = Parameter(Tensor([2.0]), name="w")
        self.b = Parameter(Tensor([3.0]), name="b", requires_grad=not frozen)
        self.unused = Parameter(Tensor([1.0]), name="unused")

    def construct(self, x):
        return x * self.w + self.b * x


def test_frozen_listed_unused_and_weights_none():
    net = TwoParams(frozen=True)
    x = Tensor([3.0])
    got = GO(get_by_list=True)(net, [net.w, net.b, net.unused])(x)
    assert [g.asnumpy().tolist() for g in got] == [[3.0], [0.0], [0.0]]
    got = GO(get_by_list=True)(net)(x)  # PyNative: trainable params the forward pass used
    assert [g.asnumpy().tolist() for g in got] == [[3.0]]
    got = GO(get_by_list=True)(lambda a: a * net.w * net.w)(x)  # plain function: discovered
    assert [g.asnumpy().tolist() for g in got] == [[12.0]]


def test_shared_parameter_gets_the_summed_gradient():
    class Scale(nn.Cell):
        def __init__(self, p):
            super().__init__()
            self.p = p

        def construct(self, x):
            return x * self.p

    class Top(nn.Cell):
        def __init__(self):
            super().__init__()
            p = Parameter(Tensor([3.0]), name="p")
            self.s1, self.s2 = Scale(p), Scale(p)

        def construct(self, x):
            return self.s1(x) + 2 * self.s2(x)

    net = Top()
    assert len(net.trainable_params()) == 1
    got = GO(get_by_list=True)(net, ParameterTuple(net.trainable_params() * 2))(Tensor([3.0]))
    assert [g.asnumpy().tolist() for g in got] == [[9.0], [9.0]]


def test_assign_in_construct_is_applied_after_the_call():
    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.p = Parameter(Tensor([1.0, 2.0]), name="p")

        def construct(self, x):
            ops.assign(self.p, x * 2.0)
            return self.p * x

    net = Net()
    (dx,), (dp,) = GO(get_all=True, get_by_list=True)(net, net.trainable_params())(Tensor([3.0, 4.0]))
    assert dx.asnumpy().tolist() == [6.0, 8.0] and dp.asnumpy().tolist() == [3.0, 4.0]
    assert net.p.asnumpy().tolist() == [6.0, 8.0]
    assert isinstance(net.p._value, jax.Array)


def test_parameters_keep_their_values_after_an_exception():
    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = Parameter(Tensor([1.0, 2.0]), name="w")

        def construct(self, x):
            ops.assign(self.w, self.w * 10.0)
            if x.shape[0] == 3:
                raise ValueError("bad input")
            return ops.matmul(x, self.w)

    net = Net()
    for bad in (Tensor([1.0, 2.0, 3.0]), Tensor(np.ones((2, 3), np.float32))):
        with pytest.raises((ValueError, RuntimeError)):  # ops.matmul's shape error is a RuntimeError
            GO(get_by_list=True)(net, net.trainable_params())(bad)
        assert net.w.asnumpy().tolist() == [1.0, 2.0]
        assert isinstance(net.w._value, jax.Array) and not isinstance(net.w._value, jax.core.Tracer)


def test_two_threads_take_gradients_of_one_network():
    net = TwoParams()
    results, errors = {}, []

    def work(k):
        try:
            op = GO(get_all=True, get_by_list=True)
            for i in range(30):
                (dx,), (dw, db, du) = op(net, net.trainable_params())(Tensor([float(k + i)]))
                assert dx.asnumpy().tolist() == [5.0]
                assert dw.asnumpy().tolist() == [float(k + i)] and db.asnumpy().tolist() == [float(k + i)]
            results[k] = True
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    _in_threads(work, 4)
    assert not errors and len(results) == 4


def _in_threads(work, n: int) -> None:
    """Run `work(k)` for k < n in n threads at once, and wait for them."""
    threads = [threading.Thread(target=work, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def test_threads_sharing_one_gradient_function_across_shapes():
    """Steady calls take no lock; a retrace (a new shape) in one thread while others call steadily still
    gives every thread its own gradients, shaped as GradOperation shapes them."""
    net = TwoParams()
    grad = GO(get_all=True, get_by_list=True)(net, net.trainable_params())
    errors = []

    def work(k):
        try:
            for i in range(40):
                n = 1 + (k + i) % 3
                x = np.arange(n, dtype=np.float32) + k
                (dx,), (dw, db, du) = grad(Tensor(x))
                assert dx.asnumpy().tolist() == [5.0] * n
                assert dw.asnumpy().tolist() == [float(x.sum())] == db.asnumpy().tolist()
                assert du.asnumpy().tolist() == [0.0]
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    _in_threads(work, 4)
    assert not errors, errors[:1]


# --------------------------------------------------------------------------
# Compilation: one trace per signature, eager where Python needs values
# --------------------------------------------------------------------------

def test_grad_inside_a_training_cell_traces_once():
    class GradNet(nn.Cell):
        def __init__(self, net):
            super().__init__()
            self.net = net
            self.weights = ParameterTuple(net.trainable_params())
            self.grad = GO(get_by_list=True, sens_param=True)

        def construct(self, x, y, sens):
            return self.grad(self.net, self.weights)(x, y, sens)

    step = GradNet(DocNet())
    x, y, s = (Tensor(a) for a in _inputs())
    step(x, y, s)   # the first call traces the Cell, finds its Parameters and traces again ...
    step(x, y, s)   # ... and the second runs compiled
    before = cache.trace_count()
    for _ in range(10):
        step(x, y, s)
    assert cache.trace_count() == before
    step(Tensor(np.ones((4, 3), np.float32)), y, Tensor(np.ones((4, 3), np.float32)))
    assert cache.trace_count() > before  # a new shape is a new signature


def test_python_control_flow_and_print_run_eagerly(capsys):
    def f(x):
        print("seen")
        if x.sum() > 0:
            return x * 2.0
        return x * 3.0

    g = GO()(f)
    assert g(Tensor([1.0])).asnumpy().tolist() == [2.0]
    assert g(Tensor([-1.0])).asnumpy().tolist() == [3.0]
    assert g(Tensor([1.0])).asnumpy().tolist() == [2.0]
    assert capsys.readouterr().out.count("seen") >= 3


def test_cell_attribute_changes_are_seen():
    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.scale = 2.0

        def construct(self, x):
            return x * self.scale

    net = Net()
    g = GO()(net)
    assert g(Tensor([1.0])).asnumpy().tolist() == [2.0]
    net.scale = 5.0
    assert g(Tensor([1.0])).asnumpy().tolist() == [5.0]
