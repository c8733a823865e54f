"""Golden cases: gradients w.r.t. integer and bool inputs and Parameters, and the engine-side edges
of the autodiff family (MindSpore 2.10.0, PYNATIVE_MODE and GRAPH_MODE).

MindSpore gives an integer/bool input or Parameter a gradient of its own dtype: the real
gradient, cast (truncated for integers, nonzero for bool); outputs computed from integers keep
their integer dtype, and a `sens` of such an output must have it. Also pinned: GradOperation of
a network without inputs or with an empty weight list, `ops.get_grad` inside `construct`, and
how a custom `bprop`'s result is validated.

Every ``case_<name>(ms)`` takes the module under test (real ``mindspore`` when recording,
``mindgrad`` when replaying). Functions are written with ``def`` (GRAPH_MODE cannot parse lambdas
written inline in a call). ``*_differs`` cases pin a deliberate difference (see the docstring).
"""

import numpy as np


def _graph(ms, fn):
    """`fn()` in GRAPH_MODE."""
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        return fn()
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


def _both(ms, fn):
    """`(fn() in PYNATIVE_MODE, fn() in GRAPH_MODE)`."""
    return fn(), _graph(ms, fn)


def _int_net(ms, dtype="int32"):
    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(ms.Tensor(np.array([6, 3], dtype)), name="w")
            self.b = ms.Parameter(ms.Tensor(np.array([2, -1], dtype)), name="b")

        def construct(self, x):
            return self.w * x * x + self.b

    return Net()


def _xi(ms):
    return ms.Tensor(np.array([10, -3], np.int32))


# --------------------------------------------------------------------------
# integer Parameters
# --------------------------------------------------------------------------

def case_int_params_grad_operation_all_and_list(ms):
    def run():
        net = _int_net(ms)
        return ms.ops.GradOperation(get_all=True, get_by_list=True)(net, ms.ParameterTuple(net.trainable_params()))(
            _xi(ms))
    return _both(ms, run)


def case_int_params_grad_operation_by_list(ms):
    def run():
        net = _int_net(ms)
        return ms.ops.GradOperation(get_by_list=True)(net, ms.ParameterTuple(net.trainable_params()))(_xi(ms))
    return _both(ms, run)


def case_int_params_weights_none_pynative(ms):
    net = _int_net(ms)
    return ms.ops.GradOperation(get_by_list=True)(net)(_xi(ms))


def case_int_params_first_input(ms):
    def run():
        return ms.ops.GradOperation()(_int_net(ms))(_xi(ms))
    return _both(ms, run)


def case_int_params_float_input_truncated(ms):
    def run():
        net = _int_net(ms)
        x = ms.Tensor(np.array([10.5, -3.25], np.float32))
        return ms.ops.GradOperation(get_all=True, get_by_list=True)(net, ms.ParameterTuple(net.trainable_params()))(x)
    return _both(ms, run)


def case_int_params_sens_int(ms):
    def run():
        net = _int_net(ms)
        sens = ms.Tensor(np.array([2, 3], np.int32))
        return ms.ops.GradOperation(get_all=True, get_by_list=True, sens_param=True)(
            net, ms.ParameterTuple(net.trainable_params()))(_xi(ms), sens)
    return _both(ms, run)


def case_int_params_ms_grad(ms):
    def run():
        net = _int_net(ms)
        return ms.grad(net, 0, net.trainable_params())(_xi(ms))
    return _both(ms, run)


def case_int_params_value_and_grad(ms):
    def run():
        net = _int_net(ms)
        return ms.value_and_grad(net, 0, net.trainable_params())(_xi(ms))
    return _both(ms, run)


def case_int_params_value_and_grad_weights_only(ms):
    def run():
        net = _int_net(ms)
        return ms.value_and_grad(net, None, net.trainable_params())(_xi(ms))
    return _both(ms, run)


def case_int64_params(ms):
    def run():
        net = _int_net(ms, "int64")
        return ms.ops.GradOperation(get_all=True, get_by_list=True)(net, ms.ParameterTuple(net.trainable_params()))(
            ms.Tensor(np.array([4, 5], np.int64)))
    return _both(ms, run)


def case_int_param_mixed_with_float_param(ms):
    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(ms.Tensor(np.array([1.5, -2.0], np.float32)), name="w")
            self.k = ms.Parameter(ms.Tensor(np.array([3, 4], np.int32)), name="k")

        def construct(self, x):
            return (self.w * x) * self.k

    def run():
        net = Net()
        return ms.ops.GradOperation(get_by_list=True)(net, net.trainable_params())(
            ms.Tensor(np.array([2.0, 0.5], np.float32)))
    return _both(ms, run)


# --------------------------------------------------------------------------
# integer and bool inputs
# --------------------------------------------------------------------------

def _ab(ms):
    return ms.Tensor(np.array([3, 4], np.int32)), ms.Tensor(np.array([5, -2], np.int32))


def case_int_inputs_grad(ms):
    def f(a, b):
        return a * b * b

    def run():
        return ms.grad(f, (0, 1))(*_ab(ms))
    return _both(ms, run)


def case_int_inputs_value_and_grad(ms):
    def f(a, b):
        return a * b * b

    def run():
        return ms.value_and_grad(f, (0, 1))(*_ab(ms))
    return _both(ms, run)


def case_int_inputs_vjp(ms):
    def f(a, b):
        return a * b * b

    def run():
        out, vjp_fn = ms.ops.vjp(f, *_ab(ms))
        return out, vjp_fn(ms.Tensor(np.array([2, 3], np.int32)))
    return _both(ms, run)


def case_int_inputs_vjp_float_sens_error(ms):
    def f(a, b):
        return a * b * b

    _, vjp_fn = ms.ops.vjp(f, *_ab(ms))
    return vjp_fn(ms.Tensor(np.array([1.0, 1.0], np.float32)))


def case_int_inputs_vjp_float_sens_error_graph(ms):
    def f(a, b):
        return a * b * b

    def run():
        _, vjp_fn = ms.ops.vjp(f, *_ab(ms))
        return vjp_fn(ms.Tensor(np.array([1.0, 1.0], np.float32)))
    return _graph(ms, run)


def case_int_matmul(ms):
    def f(a, b):
        return ms.ops.matmul(a, b)

    def run():
        a = ms.Tensor(np.array([[1, 2], [3, 4]], np.int32))
        b = ms.Tensor(np.array([[5, 6], [7, -8]], np.int32))
        return ms.value_and_grad(f, (0, 1))(a, b)
    return _both(ms, run)


def case_int_cast_to_float(ms):
    def f(a):
        return ms.ops.cast(a, ms.float32) * 1.5

    def run():
        return ms.value_and_grad(f)(_ab(ms)[0])
    return _both(ms, run)


def case_int_times_float_input_truncated(ms):
    def f(a, b):
        return a * b + a

    def run():
        return ms.value_and_grad(f, (0, 1))(_ab(ms)[0], ms.Tensor(np.array([1.5, -2.5], np.float32)))
    return _both(ms, run)


def case_int_dtypes_mul(ms):
    def f(a, b):
        return a * b

    def run():
        return tuple(ms.grad(f, (0, 1))(ms.Tensor(np.array([3, 4], dt)), ms.Tensor(np.array([5, 6], dt)))
                     for dt in (np.int8, np.int16, np.int64, np.uint8))
    return _both(ms, run)


def case_int_unary_ops(ms):
    def f(a):
        return -a, ms.ops.abs(a), ms.ops.relu(a), ms.ops.square(a), a.reshape(2, 1) * 3

    def run():
        return ms.value_and_grad(f)(_ab(ms)[1])
    return _both(ms, run)


def case_int_maximum_and_floordiv(ms):
    def f(a, b):
        return ms.ops.maximum(a, b), a // b

    def run():
        return ms.value_and_grad(f, (0, 1))(*_ab(ms))
    return _both(ms, run)


def case_int_sum_int64_value(ms):
    def f(a):
        return a.sum()

    def run():
        return ms.value_and_grad(f)(_ab(ms)[0])
    return _both(ms, run)


def case_int_compare_output(ms):
    def f(a):
        return a > 3

    def run():
        return ms.value_and_grad(f)(_ab(ms)[0])
    return _both(ms, run)


def case_int_index_input(ms):
    def f(x, i):
        return ms.ops.gather(x, i, 0)

    def run():
        return ms.grad(f, (0, 1))(ms.Tensor(np.array([1.5, 2.5], np.float32)), ms.Tensor(np.array([1, 0], np.int32)))
    return _both(ms, run)


def case_bool_inputs(ms):
    def f(a, b):
        return a * b

    def run():
        return (ms.grad(f, (0, 1))(ms.Tensor(np.array([True, False])), ms.Tensor(np.array([1.5, 0.0], np.float32))),
                ms.value_and_grad(f, (0, 1))(ms.Tensor(np.array([True, False])), ms.Tensor(np.array([True, True]))))
    return _both(ms, run)


def case_bool_cast_and_logical(ms):
    def f(a):
        return ms.ops.cast(a, ms.float32) * 2.5

    def g(a, b):
        return ms.ops.logical_and(a, b)

    def run():
        a, b = ms.Tensor(np.array([True, False])), ms.Tensor(np.array([True, True]))
        return ms.value_and_grad(f)(a), ms.value_and_grad(g, (0, 1))(a, b)
    return _both(ms, run)


def case_int_true_divide_differs(ms):
    """MindSpore's Div and ReduceMean bprops give an integer input a float gradient; mindgrad casts
    every integer input's gradient to its dtype (here 0)."""
    def f(a, b):
        return a / b

    def g(a):
        return a.mean()

    a, b = _ab(ms)
    return ms.grad(f, (0, 1))(a, b), ms.grad(g)(a)


# --------------------------------------------------------------------------
# GradOperation without inputs, with empty weight lists
# --------------------------------------------------------------------------

class _Sq:
    @staticmethod
    def make(ms):
        class NoInputs(ms.nn.Cell):
            def __init__(self):
                super().__init__()
                self.w = ms.Parameter(ms.Tensor(np.array([2.0, -3.0], np.float32)), name="w")

            def construct(self):
                return self.w * self.w

        return NoInputs()


def case_no_inputs(ms):
    def run():
        net = _Sq.make(ms)
        go = ms.ops.GradOperation
        return (go()(net)(), go(get_all=True)(net)(), go(get_by_list=True)(net, net.trainable_params())(),
                go(get_all=True, get_by_list=True)(net, net.trainable_params())(), go(get_by_list=True)(net, [])())
    return _both(ms, run)


def case_no_inputs_weights_none(ms):
    def run():
        net = _Sq.make(ms)
        return ms.ops.GradOperation(get_by_list=True)(net)()
    return _both(ms, run)


def _lin(ms):
    class Lin(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(ms.Tensor(np.array([2.0, 3.0], np.float32)), name="w")

        def construct(self, x):
            return self.w * x

    return Lin()


def case_empty_weights(ms):
    def run():
        net = _lin(ms)
        x = ms.Tensor(np.array([1.0, -2.0], np.float32))
        go = ms.ops.GradOperation
        return (go(get_by_list=True)(net, ms.ParameterTuple([]))(x), go(get_by_list=True)(net, [])(x),
                go(get_by_list=True)(net, ())(x), go(get_all=True, get_by_list=True)(net, ms.ParameterTuple([]))(x),
                go(get_all=True, get_by_list=True)(net, [])(x))
    return _both(ms, run)


def case_ms_grad_empty_weights(ms):
    def run():
        net = _lin(ms)
        x = ms.Tensor(np.array([1.0, -2.0], np.float32))
        return ms.grad(net, None, [])(x), ms.grad(net, 0, [])(x)
    return _both(ms, run)


# --------------------------------------------------------------------------
# ops.get_grad inside construct
# --------------------------------------------------------------------------

def case_get_grad_inside_construct(ms):
    class Outer(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.net = _lin(ms)
            self.weights = ms.ParameterTuple(self.net.trainable_params())

        def construct(self, x):
            g = ms.grad(self.net, (0,), self.weights, return_ids=True)(x)
            return ms.ops.get_grad(g, 0), ms.ops.get_grad(g, self.net.w)

    def run():
        return Outer()(ms.Tensor(np.array([1.0, -2.0], np.float32)))
    return _both(ms, run)


def case_return_ids_inside_construct(ms):
    class Outer(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.net = _lin(ms)
            self.weights = ms.ParameterTuple(self.net.trainable_params())

        def construct(self, x):
            return ms.grad(self.net, 0, self.weights, return_ids=True)(x)

    def run():
        return Outer()(ms.Tensor(np.array([1.0, -2.0], np.float32)))
    return _both(ms, run)


# --------------------------------------------------------------------------
# custom bprop results, validated
# --------------------------------------------------------------------------

def _bprop_net(ms, kind):
    class Net(ms.nn.Cell):
        def construct(self, x, y):
            return x * y

        def bprop(self, x, y, out, dout):
            if kind == "few":
                return (dout,)
            if kind == "bare":
                return dout
            if kind == "list":
                return [dout, dout * 2]
            if kind == "many":
                return dout, dout * 2, dout * 3
            if kind == "none":
                return dout, None
            if kind == "int_dtype":
                return dout, ms.ops.ones((2,), ms.int32)
            if kind == "shape":
                return dout, ms.ops.ones((3,), ms.float32)
            if kind == "scalar_tensor":
                return dout, ms.Tensor(2.0, ms.float32)
            if kind == "python_float":
                return dout, 2.0
            return dout, "a"

    return Net()


def _bprop_grad(ms, kind):
    x = ms.Tensor(np.array([1.0, 2.0], np.float32))
    y = ms.Tensor(np.array([3.0, 4.0], np.float32))
    return ms.ops.GradOperation(get_all=True)(_bprop_net(ms, kind))(x, y)


def case_bprop_too_few_error(ms):
    return _bprop_grad(ms, "few")


def case_bprop_bare_error(ms):
    return _bprop_grad(ms, "bare")


def case_bprop_wrong_shape_error(ms):
    return _bprop_grad(ms, "shape")


def case_bprop_scalar_tensor_error(ms):
    return _bprop_grad(ms, "scalar_tensor")


def case_bprop_python_float_error(ms):
    return _bprop_grad(ms, "python_float")


def case_bprop_string_error(ms):
    return _bprop_grad(ms, "string")


def case_bprop_list_many_none_dtype(ms):
    return tuple(_bprop_grad(ms, k) for k in ("list", "many", "none", "int_dtype"))


def case_bprop_too_few_error_graph(ms):
    return _graph(ms, lambda: _bprop_grad(ms, "few"))


def case_bprop_list_error_graph(ms):
    return _graph(ms, lambda: _bprop_grad(ms, "list"))


def case_bprop_bare_error_graph(ms):
    return _graph(ms, lambda: _bprop_grad(ms, "bare"))


def case_bprop_many_graph(ms):
    return _graph(ms, lambda: _bprop_grad(ms, "many"))


def case_bprop_wrong_shape_graph_differs(ms):
    """GRAPH_MODE passes a mis-shaped bprop gradient on unchecked; a JAX custom VJP must return its
    input's shape, so mindgrad raises RuntimeError where the gradient does not broadcast."""
    return _graph(ms, lambda: _bprop_grad(ms, "shape"))
