"""Golden cases of issue 16, MindSpore's wider autodiff surface: vmap (axes, Cells, nesting, modes,
errors), linearize / jet / derivative (orders 1-4), nn.grad.Vjp / Jvp, the functional spellings,
complex Tensors, integer Parameters, mutable, jit's keywords, custom_vjp, cell_attr_register.
`ms` is mindspore or mindgrad. Record: cd /tmp && GLOG_v=3 /work/ms-oracle/bin/python
/work/main/tests/golden/record.py autodiff_surface"""

import importlib

import numpy as np


def _mod(ms, path):
    return importlib.import_module(ms.__name__ + "." + path)


def _t(ms, a, dtype=np.float32):
    return ms.Tensor(np.asarray(a, dtype=dtype))


def _graph(ms, fn):
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        return fn()
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


def _x(ms, shape=(2, 3), seed=0):
    return ms.Tensor(np.random.RandomState(seed).uniform(-1, 1, shape).astype(np.float32))


def _mul(a, b):
    return a * b


def _twice(a):
    return a * 2


def _pair_out(a):
    return a * 2, a.sum()


# ---------------------------------------------------------------------------------------------
# vmap: axes
# ---------------------------------------------------------------------------------------------

def case_vmap_in_axes_int_none(ms):
    return ms.ops.vmap(_mul, in_axes=(0, None))(_x(ms), _t(ms, [1.0, 2.0, 3.0]))


def case_vmap_in_axes_1_out_axes_1(ms):
    return ms.ops.vmap(_twice, in_axes=1, out_axes=1)(_x(ms))


def case_vmap_in_axes_negative(ms):
    return ms.vmap(_twice, in_axes=-1)(_x(ms))


def case_vmap_out_axes_tuple(ms):
    return ms.ops.vmap(_pair_out, out_axes=(1, 0))(_x(ms))


def case_vmap_out_axes_negative(ms):
    return ms.ops.vmap(_twice, out_axes=-1)(_x(ms, (2, 3, 4)))


def case_vmap_out_axes_none_unbatched(ms):
    y = _t(ms, [1.0, 2.0, 3.0])

    def f(a):
        return a * 2, y

    return ms.ops.vmap(f, out_axes=(0, None))(_x(ms))


def case_vmap_nested_tuple_axes(ms):
    x = _x(ms)

    def f(t):
        return t[0] + t[1]

    return ms.ops.vmap(f, in_axes=((0, 1),))((x, x.T))


def case_vmap_list_axes(ms):
    def f(t):
        return t[0] * t[1]

    return ms.ops.vmap(f, in_axes=[[0, None]])([_x(ms), _t(ms, [1.0, 2.0, 3.0])])


def case_vmap_dict_argument_int_axis(ms):
    def f(d):
        return d["a"] * d["b"]

    return ms.ops.vmap(f, in_axes=0)({"a": _x(ms), "b": _x(ms, seed=1)})


def case_vmap_scalar_argument_none(ms):
    return ms.ops.vmap(_mul, in_axes=(0, None))(_x(ms), 2.0)


def case_vmap_python_number_output(ms):
    def f(a):
        return 3

    return ms.ops.vmap(f)(_x(ms))


def case_vmap_int_tensor(ms):
    return ms.ops.vmap(_twice)(ms.Tensor(np.arange(6).reshape(2, 3).astype(np.int32)))


def case_vmap_functional_spelling(ms):
    F = _mod(ms, "ops.functional")
    return F.vmap(_mul, in_axes=(1, 0))(_x(ms, (3, 2)), _x(ms, (2, 3), seed=2))


# ---------------------------------------------------------------------------------------------
# vmap: errors
# ---------------------------------------------------------------------------------------------

def case_vmap_error_in_axes_str(ms):
    return ms.ops.vmap(_twice, in_axes="a")(_x(ms))


def case_vmap_error_in_axes_float(ms):
    return ms.ops.vmap(_twice, in_axes=1.0)(_x(ms))


def case_vmap_error_in_axes_dict(ms):
    def f(d):
        return d["a"]

    return ms.ops.vmap(f, in_axes=({"a": 0},))({"a": _x(ms)})


def case_vmap_error_in_axes_out_of_bounds(ms):
    return ms.ops.vmap(_twice, in_axes=2)(_x(ms))


def case_vmap_error_in_axes_length(ms):
    return ms.ops.vmap(_mul, in_axes=(0,))(_x(ms), _x(ms))


def case_vmap_error_axis_sizes(ms):
    return ms.ops.vmap(_mul, in_axes=(0, 0))(_x(ms), _t(ms, [1.0, 2.0, 3.0]))


def case_vmap_error_all_none(ms):
    return ms.ops.vmap(_mul, in_axes=(None, None))(_x(ms), _x(ms))


def case_vmap_error_not_callable(ms):
    return ms.ops.vmap(3)(_x(ms))


def case_vmap_error_out_axes_str(ms):
    return ms.ops.vmap(_twice, out_axes="x")(_x(ms))


def case_vmap_error_out_axes_out_of_bounds(ms):
    return ms.ops.vmap(_twice, out_axes=3)(_x(ms))


def case_vmap_error_out_axes_length(ms):
    return ms.ops.vmap(_pair_out, out_axes=(1,))(_x(ms))


def case_vmap_error_out_axes_single_none(ms):
    return ms.ops.vmap(_twice, out_axes=None)(_x(ms))


def case_vmap_error_scalar_batched(ms):
    return ms.ops.vmap(_mul, in_axes=(0, 0))(_x(ms), 2.0)


def case_vmap_error_keyword(ms):
    return ms.ops.vmap(_mul)(_x(ms), b=_x(ms))


# ---------------------------------------------------------------------------------------------
# vmap: Cells, nesting, gradients, modes
# ---------------------------------------------------------------------------------------------

def _dense(ms):
    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(_t(ms, [[1.0, -1.0], [0.5, 2.0], [0.0, 1.0]]), name="w")
            self.b = ms.Parameter(_t(ms, [0.1, -0.2]), name="b")

        def construct(self, x):
            return ms.ops.tanh(ms.ops.matmul(x, self.w) + self.b)

    return Net()


def case_vmap_cell_parameters_unbatched(ms):
    net = _dense(ms)
    out = ms.ops.vmap(net, in_axes=0)(_x(ms, (4, 2, 3)))
    return out, net.w


def case_vmap_cell_in_axes_1_quirk(ms):
    """MindSpore 2.10's vmap of MatMul leaves the mapped axis first whatever `out_axes` says."""
    return ms.ops.vmap(_dense(ms), in_axes=1, out_axes=1)(_x(ms, (2, 4, 3)))


def case_vmap_nested(ms):
    inner = ms.ops.vmap(_mul, in_axes=(0, None))
    return ms.ops.vmap(inner, in_axes=(0, None))(_x(ms, (2, 3, 4)), _t(ms, [1.0, 2.0, 3.0, 4.0]))


def case_vmap_nested_axes_1(ms):
    inner = ms.ops.vmap(_twice, in_axes=1, out_axes=0)
    return ms.ops.vmap(inner, in_axes=2, out_axes=1)(_x(ms, (2, 3, 4)))


def _cube_sum(a):
    return (a ** 3).sum()


def case_vmap_of_grad(ms):
    return ms.ops.vmap(ms.ops.grad(_cube_sum))(_x(ms))


def case_grad_of_vmap(ms):
    def f(a):
        return ms.ops.vmap(_cube_sum)(a).sum()

    return ms.ops.grad(f)(_x(ms))


def case_grad_of_vmap_cell_weights(ms):
    net = _dense(ms)
    x = _x(ms, (4, 2, 3))

    def loss(x):
        return ms.ops.vmap(net)(x).sum()

    return ms.value_and_grad(loss, 0, net.trainable_params())(x)


def case_vmap_of_value_and_grad_cell(ms):
    net = _dense(ms)

    def loss(x):
        return (net(x) ** 2).sum()

    return ms.ops.vmap(ms.value_and_grad(loss))(_x(ms, (4, 2, 3)))


def case_vmap_graph_mode_cell(ms):
    class Outer(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.inner = _dense(ms)

        def construct(self, x):
            return ms.ops.vmap(self.inner, in_axes=0)(x)

    return _graph(ms, lambda: Outer()(_x(ms, (4, 2, 3))))


def case_vmap_graph_mode_grad(ms):
    def run():
        def f(a):
            return ms.ops.vmap(_cube_sum)(a).sum()

        return ms.ops.grad(f)(_x(ms))

    return _graph(ms, run)


def case_vmap_under_jit(ms):
    @ms.jit
    def f(a, b):
        return ms.ops.vmap(_mul, in_axes=(1, None))(a, b)

    return f(_x(ms, (3, 2)), _t(ms, [1.0, -1.0, 2.0]))


def case_vmap_celllist(ms):
    cells = ms.nn.CellList([_dense(ms), _dense(ms)])
    cells[1].w.set_data(_t(ms, [[2.0, 0.0], [0.0, 2.0], [1.0, 1.0]]))
    return ms.ops.vmap(cells, in_axes=0)(_x(ms, (2, 4, 3)))


def case_vmap_celllist_shared_input(ms):
    cells = ms.nn.CellList([_dense(ms), _dense(ms)])
    cells[0].b.set_data(_t(ms, [1.0, 1.0]))
    return ms.ops.vmap(cells, in_axes=None)(_x(ms, (4, 3)))


# ---------------------------------------------------------------------------------------------
# linearize, jet, derivative
# ---------------------------------------------------------------------------------------------

def _sin_exp(ms):
    def f(a):
        return ms.ops.sin(a) * ms.ops.exp(a)

    return f


def _series(order, n=2):
    s = np.zeros((order, n), np.float32)
    s[0] = 1.0
    return s


def case_jet_order_1(ms):
    return _mod(ms, "ops.functional").jet(_sin_exp(ms), _t(ms, [0.5, 1.0]), ms.Tensor(_series(1)))


def case_jet_order_2(ms):
    return _mod(ms, "ops.functional").jet(_sin_exp(ms), _t(ms, [0.5, 1.0]), ms.Tensor(_series(2)))


def case_jet_order_3(ms):
    return ms.ops.jet(_sin_exp(ms), _t(ms, [0.5, 1.0]), ms.Tensor(_series(3)))


def case_jet_order_4(ms):
    return ms.ops.jet(_sin_exp(ms), _t(ms, [0.5, 1.0]), ms.Tensor(_series(4)))


def case_jet_second_term(ms):
    s = np.array([[1.0, 0.5], [2.0, -1.0], [0.0, 1.0]], np.float32)

    def f(a):
        return ms.ops.cos(a) * a + ms.ops.log(a)

    return ms.ops.jet(f, _t(ms, [0.5, 1.5]), ms.Tensor(s))


def case_jet_tuple_primals(ms):
    def g(a, b):
        return a * a * b

    x, y = _t(ms, [0.5, 1.0]), _t(ms, [2.0, 3.0])
    return ms.ops.jet(g, (x, y), (_t(ms, [[1.0, 1.0], [0.0, 0.0]]), _t(ms, [[0.0, 0.0], [1.0, 0.0]])))


def case_jet_series_primal_shape(ms):
    return ms.ops.jet(_sin_exp(ms), _t(ms, [0.5, 1.0]), _t(ms, [1.0, 1.0]))


def case_jet_scalar_primal(ms):
    return ms.ops.jet(_sin_exp(ms), ms.Tensor(0.5, ms.float32), _t(ms, [1.0, 0.0]))


def case_jet_error_series_shape(ms):
    return ms.ops.jet(_sin_exp(ms), _t(ms, [0.5, 1.0]), _t(ms, [[1.0, 1.0, 1.0]]))


def case_jet_error_mixed_types(ms):
    return ms.ops.jet(_sin_exp(ms), (_t(ms, [0.5]),), _t(ms, [[1.0]]))


def case_derivative_order_1(ms):
    return ms.ops.derivative(_sin_exp(ms), _t(ms, [0.5, 1.0]), 1)


def case_derivative_order_2(ms):
    return ms.ops.derivative(_sin_exp(ms), _t(ms, [0.5, 1.0]), 2)


def case_derivative_order_3(ms):
    return _mod(ms, "ops.functional").derivative(_sin_exp(ms), _t(ms, [0.5, 1.0]), 3)


def case_derivative_order_4(ms):
    return _mod(ms, "ops.functional").derivative(_sin_exp(ms), _t(ms, [0.5, 1.0]), 4)


def case_derivative_tuple_primals(ms):
    def g(a, b):
        return a * a * b

    x, y = _t(ms, [0.5, 1.0]), _t(ms, [2.0, 3.0])
    return [ms.ops.derivative(g, (x, y), k) for k in (1, 2, 3)]


def case_derivative_two_outputs(ms):
    def f(a):
        return a * 2, ms.ops.cos(a)

    return ms.ops.derivative(f, _t(ms, [0.5, 1.0]), 2)


def case_derivative_int_primal(ms):
    return ms.ops.derivative(_sin_exp(ms), ms.Tensor([1, 2]), 1)


def case_derivative_float64(ms):
    return ms.ops.derivative(_sin_exp(ms), ms.Tensor(np.array([0.5, 2.0]), ms.float64), 3)


def case_derivative_error_order_zero(ms):
    return ms.ops.derivative(_sin_exp(ms), _t(ms, [0.5]), 0)


def case_derivative_error_order_float(ms):
    return ms.ops.derivative(_sin_exp(ms), _t(ms, [0.5]), 1.5)


def case_derivative_error_not_callable(ms):
    return ms.ops.derivative(3, _t(ms, [0.5]), 1)


def case_linearize_one_input(ms):
    out, jvp_fn = ms.ops.linearize(_sin_exp(ms), _t(ms, [0.5, 1.0]))
    return out, jvp_fn(_t(ms, [1.0, 1.0])), jvp_fn(_t(ms, [1.0, 0.0]))


def case_linearize_two_inputs(ms):
    def g(a, b):
        return a * a * b

    out, jvp_fn = _mod(ms, "ops.functional").linearize(g, (_t(ms, [0.5, 1.0]), _t(ms, [2.0, 3.0])))
    return out, jvp_fn((_t(ms, [1.0, 1.0]), _t(ms, [1.0, 0.0])))


def case_linearize_two_outputs(ms):
    def f(a):
        return a * 2, ms.ops.cos(a)

    out, jvp_fn = ms.ops.linearize(f, [_t(ms, [0.5, 1.0])])
    return out, jvp_fn(_t(ms, [1.0, -1.0]))


def case_linearize_error_inputs(ms):
    return ms.ops.linearize(_sin_exp(ms), 1.0)


# ---------------------------------------------------------------------------------------------
# nn.grad.Vjp / Jvp
# ---------------------------------------------------------------------------------------------

def _cube_net(ms):
    class Net(ms.nn.Cell):
        def construct(self, a, b):
            return a ** 3 + b

    return Net()


def _two_out_net(ms):
    class Net(ms.nn.Cell):
        def construct(self, a):
            return a ** 3, ms.ops.sin(a)

    return Net()


def _xx(ms):
    return _t(ms, [[1.0, 2.0], [3.0, 4.0]]), _t(ms, [[1.0, 1.0], [1.0, 1.0]])


def case_nn_grad_jvp_cell(ms):
    x, v = _xx(ms)
    return _mod(ms, "nn.grad").Jvp(_cube_net(ms))(x, x, (v, v))


def case_nn_grad_jvp_two_outputs(ms):
    x, v = _xx(ms)
    return _mod(ms, "nn.grad").Jvp(_two_out_net(ms))(x, v)


def case_nn_grad_vjp_two_outputs(ms):
    x, v = _xx(ms)
    return _mod(ms, "nn.grad").Vjp(_two_out_net(ms))(x, (v, v))


def case_nn_grad_vjp_parameter_net(ms):
    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(_t(ms, [2.0, 3.0]), name="w")

        def construct(self, a):
            return a * self.w

    g = _mod(ms, "nn.grad")
    x, v = _t(ms, [0.5, 1.0]), _t(ms, [1.0, 1.0])
    return g.Vjp(Net())(x, v), g.Jvp(Net())(x, v)


def case_nn_grad_function(ms):
    def g(a, b):
        return a * a * b

    mod = _mod(ms, "nn.grad")
    x, y, v = _t(ms, [0.5, 1.0]), _t(ms, [2.0, 3.0]), _t(ms, [1.0, 1.0])
    return mod.Jvp(g)(x, y, (v, v)), mod.Vjp(g)(x, y, v), isinstance(mod.Vjp(g), ms.nn.Cell)


def case_nn_grad_vjp_graph(ms):
    x, v = _xx(ms)
    return _graph(ms, lambda: _mod(ms, "nn.grad").Vjp(_cube_net(ms))(x, x, v))


# ---------------------------------------------------------------------------------------------
# the functional namespaces spell the same functions
# ---------------------------------------------------------------------------------------------

def case_spelling_grad_func_module(ms):
    gf = _mod(ms, "ops.function.grad.grad_func")
    x = _t(ms, [1.0, 2.0])

    def f(a):
        return (a ** 2).sum()

    return gf.grad(f)(x), gf.value_and_grad(f)(x), gf.jvp(f, x, _t(ms, [1.0, 0.0]))


def case_spelling_functional_vjp(ms):
    F = _mod(ms, "ops.functional")
    out, fn = F.vjp(_sin_exp(ms), _t(ms, [0.5, 1.0]))
    return out, fn(_t(ms, [1.0, 2.0])), F.stop_gradient(_t(ms, [3.0]))


def case_spelling_composite_gradoperation(ms):
    C = _mod(ms, "ops.composite")
    return C.GradOperation()(_sin_exp(ms))(_t(ms, [0.5, 1.0]))


def case_custom_vjp(ms):
    gf = _mod(ms, "ops.function.grad.grad_func")

    @gf.custom_vjp
    def f(a, b):
        return a * b

    def bwd(a, b, out, dout):
        return dout * 10, dout * b

    f.defbwd(bwd)
    return ms.ops.grad(f, (0, 1))(_t(ms, [1.0, 2.0]), _t(ms, [3.0, 4.0]))


def case_stop_gradient_inplace_quirk(ms):
    """MindSpore 2.10's CPU build has no InplaceStopGradient kernel (Ascend only): it raises; mindgrad
    stops the gradient as documented."""
    def net(x, y):
        out1 = ms.ops.matmul(x, y)
        out2 = ms.ops.matmul(x, y)
        ms.ops.stop_gradient_(out2)
        return out1, out2

    x = _t(ms, [[0.5, 0.6, 0.4], [1.2, 1.3, 1.1]])
    y = _t(ms, [[0.01, 0.3, 1.1], [0.1, 0.2, 1.3], [2.1, 1.2, 3.3]])
    return ms.ops.grad(net)(x, y)


# ---------------------------------------------------------------------------------------------
# complex Tensors
# ---------------------------------------------------------------------------------------------

def _z(ms, dtype=np.complex64):
    return ms.Tensor(np.array([1 + 2j, 3 - 1j, -0.5 + 0.25j], dtype))


def case_complex_print(ms):
    z = ms.Tensor(np.array([[1.5 + 2j, -3 - 1.25j], [0j, 1e-5 + 1e5j]], np.complex128))
    return repr(_z(ms)), str(_z(ms)), repr(z), str(z), repr(ms.Tensor(np.complex64(1 + 2j)))


def case_complex_convert(ms):
    z = _z(ms)
    return (z.asnumpy().tolist(), str(z.asnumpy().dtype), z.tolist(), ms.Tensor([1 + 2j, 3]).dtype == ms.complex128,
            ms.ops.cast(z, ms.float32),
            ms.ops.cast(_t(ms, [1.0, 2.0]), ms.complex64), ms.Tensor(np.complex64(1 - 1j)).item())


def case_complex_ops_forward(ms):
    z = _z(ms)
    return (ms.ops.real(z), ms.ops.imag(z), ms.ops.conj(z), ms.ops.angle(z), ms.ops.abs(z),
            ms.ops.ComplexAbs()(z), ms.ops.Conj()(z), ms.ops.Angle()(z), ms.ops.exp(z), z * z, z.sum())


def case_complex_primitive_complex(ms):
    return (ms.ops.Complex()(_t(ms, [1.0, 2.0]), _t(ms, [0.5, -1.0])),
            ms.ops.Complex()(ms.Tensor([1.0], ms.float64), ms.Tensor([2.0], ms.float64)))


def case_complex_of_real_tensor(ms):
    x = _t(ms, [1.0, -2.0])
    return ms.ops.real(x), ms.ops.imag(x), ms.ops.conj(x), ms.ops.real(ms.Tensor([1, 2]))


def case_complex_error_complex_dtypes(ms):
    return ms.ops.Complex()(_t(ms, [1.0]), ms.Tensor([2.0], ms.float64))


def case_complex_error_complex_int(ms):
    return ms.ops.Complex()(ms.Tensor([1]), ms.Tensor([2]))


def case_complex_error_real_not_tensor(ms):
    return ms.ops.real(3)


def case_complex_grad_through_complex(ms):
    def f(a, b):
        return ms.ops.real(ms.ops.Complex()(a, b)).sum() + 2 * ms.ops.imag(ms.ops.Complex()(a, b)).sum()

    return ms.ops.grad(f, (0, 1))(_t(ms, [1.0, 2.0]), _t(ms, [0.5, -1.0]))


def case_complex_grad_imag_differs(ms):
    """MindSpore reports dL/dx + i dL/dy for a complex input; mindgrad JAX's conjugate."""
    def f(a):
        return ms.ops.imag(a).sum() + ms.ops.real(a).sum() * 2

    return ms.ops.grad(f)(_z(ms))


def case_complex_grad_abs_differs(ms):
    def f(a):
        return ms.ops.abs(a).sum()

    return ms.ops.grad(f)(_z(ms))


def case_complex_grad_angle_differs(ms):
    def f(a):
        return ms.ops.angle(a).sum()

    return ms.ops.grad(f)(_z(ms))


# ---------------------------------------------------------------------------------------------
# integer Parameters and inputs
# ---------------------------------------------------------------------------------------------

def _int_net(ms):
    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(ms.Tensor([6], ms.int32), name="w")
            self.b = ms.Parameter(ms.Tensor([2], ms.int32), name="b")

        def construct(self, x):
            return self.w * x + self.b

    return Net()


def _int_gradoperation(ms):
    net = _int_net(ms)
    x = ms.Tensor([10], ms.int32)
    return ms.ops.GradOperation(get_all=True, get_by_list=True)(net, ms.ParameterTuple(net.trainable_params()))(x)


def case_int_parameters_gradoperation_pynative(ms):
    return _int_gradoperation(ms)


def case_int_parameters_gradoperation_graph(ms):
    return _graph(ms, lambda: _int_gradoperation(ms))


def _int_grad(ms):
    net = _int_net(ms)
    return ms.grad(net, 0, net.trainable_params())(ms.Tensor([10], ms.int32))


def case_int_parameters_grad_pynative(ms):
    return _int_grad(ms)


def case_int_parameters_grad_graph(ms):
    return _graph(ms, lambda: _int_grad(ms))


def case_int_parameters_value_and_grad(ms):
    net = _int_net(ms)
    return ms.value_and_grad(net, None, net.trainable_params())(ms.Tensor([10], ms.int32))


def case_int_parameters_vjp(ms):
    net = _int_net(ms)
    out, fn = ms.ops.vjp(net, ms.Tensor([10], ms.int32), weights=net.trainable_params())
    return out, fn(ms.Tensor([1], ms.int32))


# ---------------------------------------------------------------------------------------------
# mutable, jit keywords, the executor, cell_attr_register
# ---------------------------------------------------------------------------------------------

def case_mutable_values(ms):
    x = _t(ms, [1.0, 2.0])
    m = ms.mutable((x, x), dynamic_len=True)
    return (ms.mutable(x), ms.mutable(3), ms.mutable([x], True), isinstance(m, tuple), m == (x, x) or True,
            ms.mutable({"a": x}), ms.mutable(()))


def case_mutable_common_spelling(ms):
    from_common = _mod(ms, "common").mutable
    return from_common((_t(ms, [1.0]),))


def case_mutable_error_str(ms):
    return ms.mutable("a")


def case_mutable_error_nested(ms):
    return ms.mutable((_t(ms, [1.0]), "a"))


def case_mutable_error_dynamic_len_type(ms):
    return ms.mutable([_t(ms, [1.0])], dynamic_len=1)


def case_mutable_error_dynamic_len_tensor(ms):
    return ms.mutable(_t(ms, [1.0]), dynamic_len=True)


def case_mutable_list_grad_graph(ms):
    class Net(ms.nn.Cell):
        def construct(self, t):
            return t[0] * t[1]

    def run():
        t = ms.mutable([_t(ms, [1.0, 2.0]), _t(ms, [3.0, 4.0])])
        return ms.ops.GradOperation(get_all=True)(Net())(t)

    return _graph(ms, run)


def case_jit_keywords(ms):
    x = _t(ms, [1.0, 2.0])
    return (ms.jit(_twice, capture_mode="bytecode")(x), ms.jit(_twice, capture_mode="trace")(x),
            ms.jit(_twice, jit_level="O1", dynamic=1, fullgraph=True)(x), ms.jit(_twice, mode="PIJit")(x),
            ms.jit(_twice, backend="ms_backend")(x), ms.jit(capture_mode="ast")(_twice)(x))


def case_jit_error_capture_mode(ms):
    return ms.jit(_twice, capture_mode="xx")


def case_jit_error_jit_level(ms):
    return ms.jit(_twice, jit_level="O9")


def case_jit_error_dynamic_type(ms):
    return ms.jit(_twice, dynamic=True)


def case_jit_error_dynamic_value(ms):
    return ms.jit(_twice, dynamic=3)


def case_jit_error_fullgraph(ms):
    return ms.jit(_twice, fullgraph=1)


def case_jit_error_backend(ms):
    return ms.jit(_twice, backend="xx")(_t(ms, [1.0]))


def case_pynative_executor(ms):
    pe = _mod(ms, "common.api")._pynative_executor
    y = _t(ms, [1.0, 2.0]) * 3
    pe.sync()
    before = (pe.grad_flag(), pe.enable_grad(), pe.requires_grad(), pe.high_order())
    pe.set_grad_flag(True)
    flag = pe.grad_flag()
    pe.set_grad_flag(False)
    pe.clear_res()
    return y, before, flag


def case_cell_attr_register(ms):
    reg = _mod(ms, "_extends").cell_attr_register

    class A(ms.nn.Cell):
        @reg
        def __init__(self, a, b=2):
            super().__init__()
            self.a = a

    class B(ms.nn.Cell):
        @reg(attrs=["a"])
        def __init__(self, a, b=2):
            super().__init__()
            self.a = a

    return A(1).cell_init_args, A(1, b=3).cell_init_args, B(5, b=3).cell_init_args


# ---------------------------------------------------------------------------------------------
# primitives gradient code uses: BatchNorm, tan and its family
# ---------------------------------------------------------------------------------------------

def _bn_inputs(ms, shape=(2, 3, 2, 2)):
    rs = np.random.RandomState(0)
    return (ms.Tensor(rs.randn(*shape).astype(np.float32)), _t(ms, [1.0, 2.0, 0.5]), _t(ms, [0.1, 0.0, -0.1]))


def _bn_outputs(out, stats=True):
    """MindSpore's CPU kernel leaves outputs 1 and 2 (and 3, 4 in inference) uninitialized: their
    shapes and dtypes only."""
    kept = (out[0], out[3], out[4]) if stats else (out[0],)
    return kept, [(o.shape, str(o.dtype)) for o in out]


def case_batchnorm_inference(ms):
    x, scale, bias = _bn_inputs(ms)
    return _bn_outputs(ms.ops.BatchNorm()(x, scale, bias, _t(ms, [0.1, 0.2, 0.3]), _t(ms, [1.0, 2.0, 0.5])), False)


def case_batchnorm_training_updates_parameters(ms):
    x, scale, bias = _bn_inputs(ms)
    m = ms.Parameter(_t(ms, [0.1, 0.2, 0.3]), name="m")
    v = ms.Parameter(_t(ms, [1.0, 2.0, 0.5]), name="v")
    out = ms.ops.BatchNorm(is_training=True)(x, scale, bias, m, v)
    return _bn_outputs(out), m, v


def case_batchnorm_training_2d(ms):
    x, scale, bias = _bn_inputs(ms, (4, 3))
    return _bn_outputs(ms.ops.BatchNorm(is_training=True, momentum=0.2, epsilon=1e-3)(
        x, scale, bias, _t(ms, [0.0, 0.0, 0.0]), _t(ms, [1.0, 1.0, 1.0])))


def case_batchnorm_grad_training(ms):
    x, scale, bias = _bn_inputs(ms)
    w = ms.Tensor(np.arange(24).reshape(2, 3, 2, 2).astype(np.float32))

    def loss(x, scale, bias):
        y = ms.ops.BatchNorm(is_training=True)(x, scale, bias, _t(ms, [0.0, 0.0, 0.0]), _t(ms, [1.0, 1.0, 1.0]))[0]
        return (y * y * w).sum()

    return ms.ops.grad(loss, (0, 1, 2))(x, scale, bias)


def case_batchnorm_grad_inference(ms):
    x, scale, bias = _bn_inputs(ms)

    def loss(x, scale, bias):
        y = ms.ops.BatchNorm()(x, scale, bias, _t(ms, [0.1, 0.2, 0.3]), _t(ms, [1.0, 2.0, 0.5]))[0]
        return (y * y).sum()

    return ms.ops.grad(loss, (0, 1, 2))(x, scale, bias)


def case_batchnorm_in_graph_cell(ms):
    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.bn = ms.ops.BatchNorm(is_training=True)
            self.scale = ms.Parameter(_t(ms, [1.0, 2.0, 0.5]), name="scale")
            self.bias = ms.Parameter(_t(ms, [0.1, 0.0, -0.1]), name="bias")
            self.mean = ms.Parameter(_t(ms, [0.0, 0.0, 0.0]), name="mean", requires_grad=False)
            self.var = ms.Parameter(_t(ms, [1.0, 1.0, 1.0]), name="var", requires_grad=False)

        def construct(self, x):
            return (self.bn(x, self.scale, self.bias, self.mean, self.var)[0] ** 2).sum()

    def run():
        net = Net()
        grads = ms.ops.GradOperation(get_by_list=True)(net, ms.ParameterTuple(net.trainable_params()))(
            _bn_inputs(ms)[0])
        return grads, net.mean, net.var

    return _graph(ms, run)


def case_batchnorm_error_format(ms):
    return ms.ops.BatchNorm(data_format="X")


def case_batchnorm_error_shape(ms):
    x, _, bias = _bn_inputs(ms)
    return ms.ops.BatchNorm()(x, _t(ms, [1.0, 1.0]), bias, _t(ms, [0.0] * 3), _t(ms, [1.0] * 3))


def case_batchnorm_attributes(ms):
    bn = ms.ops.BatchNorm(is_training=True, epsilon=1e-3, momentum=0.2)
    return bn.is_training, bn.epsilon, bn.momentum, bn.data_format


def case_tan_family_forward_and_grad(ms):
    x = _t(ms, [0.2, 0.5])
    y = _t(ms, [1.5, 2.5])

    def f(a, b):
        return (ms.ops.tan(a) + ms.ops.sinh(a) * ms.ops.cosh(a) + ms.ops.asin(a) + ms.ops.asinh(a)
                + ms.ops.atanh(a) + ms.ops.acosh(b) + ms.ops.lgamma(b) + ms.ops.digamma(b)).sum()

    return (ms.ops.tan(x), ms.ops.Tan()(x), ms.ops.Sinh()(x), ms.ops.Cosh()(x), ms.ops.Asin()(x), ms.ops.Atanh()(x),
            ms.ops.Acosh()(y), ms.ops.Lgamma()(y), ms.ops.Digamma()(y), ms.ops.Erfinv()(x),
            ms.ops.grad(f, (0, 1))(x, y))


def case_tan_error_int(ms):
    return ms.ops.tan(ms.Tensor([1, 2]))


def case_xlogy_and_grad(ms):
    x, y = _t(ms, [0.0, 1.0, 2.0]), _t(ms, [3.0, 0.5, 2.0])
    return ms.ops.Xlogy()(x, y), ms.ops.grad(lambda a, b: ms.ops.xlogy(a, b).sum(), (0, 1))(x, y)


def case_init_parameters_data(ms):
    net = ms.nn.Dense(2, 2)
    got = net.init_parameters_data()
    return sorted(p.name for p in got), all(k is v for k, v in got.items())


# ---------------------------------------------------------------------------------------------
# behaviours gradient code relies on
# ---------------------------------------------------------------------------------------------

def _bprop_net(ms, bprop):
    class Net(ms.nn.Cell):
        def construct(self, x, y):
            return x * y

    Net.bprop = bprop
    return Net()


def case_bprop_error_count(ms):
    def bprop(self, x, y, out, dout):
        return (dout * y,)

    return ms.ops.GradOperation(get_all=True)(_bprop_net(ms, bprop))(_t(ms, [1.0, 2.0]), _t(ms, [3.0, 4.0]))


def case_bprop_error_shape(ms):
    def bprop(self, x, y, out, dout):
        return dout * y, _t(ms, [1.0, 2.0, 3.0])

    return ms.ops.GradOperation(get_all=True)(_bprop_net(ms, bprop))(_t(ms, [1.0, 2.0]), _t(ms, [3.0, 4.0]))


def case_bprop_error_type(ms):
    def bprop(self, x, y, out, dout):
        return dout * y, 1

    return ms.ops.GradOperation(get_all=True)(_bprop_net(ms, bprop))(_t(ms, [1.0, 2.0]), _t(ms, [3.0, 4.0]))


def case_get_grad_in_construct(ms):
    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(_t(ms, [2.0, 3.0]), name="w_gg")

        def construct(self, x):
            return (x * self.w).sum()

    class Wrap(ms.nn.Cell):
        def __init__(self, net):
            super().__init__()
            self.net = net
            self.grad = ms.ops.grad(net, 0, net.trainable_params(), return_ids=True)

        def construct(self, x):
            res = self.grad(x)
            return ms.ops.get_grad(res, self.net.w), ms.ops.get_grad(res, 0)

    return Wrap(Net())(_t(ms, [1.0, -1.0]))


def case_gradoperation_no_inputs(ms):
    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(_t(ms, [2.0, 3.0]), name="w_ni")

        def construct(self):
            return (self.w * self.w).sum()

    net = Net()
    return ms.ops.GradOperation(get_by_list=True)(net, ms.ParameterTuple(net.trainable_params()))()


def case_gradoperation_no_inputs_graph(ms):
    return _graph(ms, lambda: case_gradoperation_no_inputs(ms))


def case_gradoperation_empty_weights(ms):
    net = _dense(ms)
    return ms.ops.GradOperation(get_by_list=True)(net, ms.ParameterTuple([]))(_x(ms, (2, 3)))


def case_gradoperation_empty_weights_graph(ms):
    return _graph(ms, lambda: case_gradoperation_empty_weights(ms))


def case_ones_zeros_like_in_graph_grad(ms):
    class Net(ms.nn.Cell):
        def construct(self, x):
            return (x * ms.ops.ones_like(x) + ms.ops.zeros_like(x) * x).sum()

    C = _mod(ms, "ops.composite")

    def run():
        net = Net()
        x = _t(ms, [1.0, 2.0])
        return ms.ops.GradOperation()(net)(x), C.ones_like(x), C.zeros_like(x)

    return _graph(ms, run)
