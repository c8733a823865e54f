"""Golden cases pinning the functional autodiff family (MindSpore 2.10.0, PyNative).

Covers ``ms.grad`` / ``ops.grad`` / ``ms.value_and_grad`` (grad_position, weights, has_aux,
return_ids with ``ops.get_grad``, sens_param, keyword arguments, dropped non-Tensor arguments),
``ops.vjp`` / ``ops.jvp`` / ``ops.jacfwd`` / ``ops.jacrev``, ``ops.stop_gradient``,
``Cell.bprop``, the optimizer plumbing (``ops.HyperMap``, ``ops.Map``, ``ops.Partial`` /
``ops.partial``, ``ops.MultitypeFuncGraph``, ``ops.depend``, ``ops.assign``, ``ops.AssignAdd``),
``ms._no_grad``, and the argument errors.

Every ``case_<name>(ms)`` takes the module under test (real ``mindspore`` when recording,
``mindgrad`` when replaying) and returns a result (Tensor, tuple/list/dict nests, Python
scalars, strings) or raises.  Only the module passed in is used, never a global import of it.

A case may carry ``rtol`` / ``atol`` attributes (set with :func:`tol`) that override the
default comparison tolerance (rtol=1e-5, atol=1e-6).

A case whose name ends with ``_quirk`` pins a MindSpore result that is mathematically wrong
(a MindSpore bug); the replaying test marks it xfail.

Functions given to vjp / jvp / jacfwd / jacrev are written with ``def``: MindSpore fails to
parse lambdas written inline in those calls ("Parse Lambda Function Fail").

The data deliberately differs from the public conformance cases: values are fixed small
numbers or drawn from ``np.random.RandomState(seed)`` and rounded.
"""

import numpy as np


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def tol(rtol=None, atol=None):
    def deco(fn):
        if rtol is not None:
            fn.rtol = rtol
        if atol is not None:
            fn.atol = atol
        return fn
    return deco


def T(ms, a, dtype=np.float32):
    return ms.Tensor(np.asarray(a, dtype=dtype))


def rnd(seed, shape, lo=-1.0, hi=1.0, dtype=np.float32):
    """Deterministic small numbers, rounded to 2 decimals."""
    a = np.random.RandomState(seed).uniform(lo, hi, size=shape)
    return np.round(a, 2).astype(dtype)


def R(ms, seed, shape, lo=-1.0, hi=1.0):
    return T(ms, rnd(seed, shape, lo, hi))


def P(ms, a, name, dtype=np.float32, requires_grad=True):
    return ms.Parameter(ms.Tensor(np.asarray(a, dtype=dtype)), name=name,
                        requires_grad=requires_grad)


def abc(ms):
    """Three 2x3 inputs."""
    return R(ms, 101, (2, 3)), R(ms, 102, (2, 3)), R(ms, 103, (2, 3), 0.5, 1.5)


def f3(ms):
    """A three-input function with distinct partials: sin(a) * b + a * c * c."""
    def f(a, b, c):
        return ms.ops.sin(a) * b + a * c * c
    return f


def f_two_out(ms):
    """Two outputs: (a * b, exp(a) - b * b)."""
    def f(a, b):
        return a * b, ms.ops.exp(a) - b * b
    return f


def f_three_out(ms):
    """Three outputs: ((a*b).sum(), a + 1, b * 2)."""
    def f(a, b):
        return (a * b).sum(), a + 1.0, b * 2.0
    return f


def param_net(ms):
    """A Cell with hand-written Parameters: (tanh(x @ w + b) * s * y).sum()."""

    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = P(ms, rnd(201, (3, 2)), 'ad_w')
            self.b = P(ms, rnd(202, (2,)), 'ad_b')
            self.s = P(ms, 0.75, 'ad_s')

        def construct(self, x, y):
            return (ms.ops.tanh(ms.ops.matmul(x, self.w) + self.b) * self.s * y).sum()

    return Net()


def param_inputs(ms):
    return R(ms, 203, (4, 3)), R(ms, 204, (4, 2))


def aux_net(ms):
    """A Cell with Parameters and two outputs (loss, logits)."""

    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = P(ms, rnd(211, (3, 2)), 'ax_w')
            self.b = P(ms, [0.2, -0.3], 'ax_b')

        def construct(self, x, y):
            logits = ms.ops.matmul(x, self.w) + self.b
            loss = ((logits - y) ** 2).mean()
            return loss, logits

    return Net()


def aux_inputs(ms):
    return R(ms, 212, (3, 3)), R(ms, 213, (3, 2))


# --------------------------------------------------------------------------
# ms.grad: grad_position
# --------------------------------------------------------------------------

def case_grad_default_first_input(ms):
    return ms.grad(f3(ms))(*abc(ms))


def case_grad_position_int_1(ms):
    return ms.grad(f3(ms), 1)(*abc(ms))


def case_grad_position_int_2_keyword(ms):
    return ms.grad(f3(ms), grad_position=2)(*abc(ms))


def case_grad_position_one_tuple_unwrapped(ms):
    return ms.grad(f3(ms), (2,))(*abc(ms))


def case_grad_position_tuple_all(ms):
    return ms.grad(f3(ms), (0, 1, 2))(*abc(ms))


def case_grad_position_tuple_unsorted(ms):
    return ms.grad(f3(ms), (2, 0, 1))(*abc(ms))


def case_ops_grad_same_as_ms_grad(ms):
    a, b, c = abc(ms)
    return ms.ops.grad(f3(ms), (1, 0))(a, b, c), ms.ops.grad is ms.grad


def case_grad_multi_output_summed(ms):
    a, b, _ = abc(ms)
    return ms.grad(f_two_out(ms), (0, 1))(a, b)


def case_grad_nested_output_summed(ms):
    def f(a, b):
        return a * b, (a + b, a * a)
    a, b, _ = abc(ms)
    return ms.grad(f, (0, 1))(a, b)


def case_grad_0d_inputs(ms):
    def f(a, b):
        return a * a * b + b
    return ms.grad(f, (0, 1))(T(ms, 1.5), T(ms, -2.0))


def case_grad_unused_input_zero(ms):
    def f(a, b):
        return ms.ops.exp(a).sum()
    a, b, _ = abc(ms)
    return ms.grad(f, (0, 1))(a, b)


def case_grad_higher_order(ms):
    def f(x):
        return x * x * x
    return ms.grad(ms.grad(f))(T(ms, [1.0, -2.0, 0.5]))


def case_grad_float64_input(ms):
    def f(a, b):
        return (a * b * b).sum()
    a = ms.Tensor(rnd(105, (3,), dtype=np.float64))
    b = ms.Tensor(rnd(106, (3,), dtype=np.float64))
    return ms.grad(f, (0, 1))(a, b)


# --------------------------------------------------------------------------
# ms.grad: weights
# --------------------------------------------------------------------------

def case_grad_weights_parametertuple(ms):
    net = param_net(ms)
    return ms.grad(net, None, ms.ParameterTuple([net.s, net.w]))(*param_inputs(ms))


def case_grad_weights_list(ms):
    net = param_net(ms)
    return ms.grad(net, None, [net.b, net.w, net.s])(*param_inputs(ms))


def case_grad_weights_tuple(ms):
    net = param_net(ms)
    return ms.grad(net, None, (net.w, net.b))(*param_inputs(ms))


def case_grad_weights_one_element_list(ms):
    net = param_net(ms)
    return ms.grad(net, None, [net.b])(*param_inputs(ms))


def case_grad_weights_single_parameter_bare(ms):
    net = param_net(ms)
    return ms.grad(net, None, net.s)(*param_inputs(ms))


def case_grad_weights_plain_tensor_zero(ms):
    # PyNative: a non-Parameter Tensor in weights gets a zero gradient.
    w = T(ms, [1.5, -0.5])

    def f(x):
        return (x * w).sum()
    return ms.grad(f, None, (w,))(T(ms, [2.0, 3.0]))


def case_grad_weights_unused_param_zero(ms):
    net = param_net(ms)
    spare = P(ms, [1.0, 2.0, 3.0], 'ad_spare')
    net.spare = spare
    return ms.grad(net, None, [net.s, spare])(*param_inputs(ms))


def case_grad_position_int_and_weights(ms):
    net = param_net(ms)
    return ms.grad(net, 1, ms.ParameterTuple([net.w, net.b]))(*param_inputs(ms))


def case_grad_position_tuple_and_weights(ms):
    net = param_net(ms)
    return ms.grad(net, (1, 0), [net.s])(*param_inputs(ms))


def case_grad_position_and_single_parameter(ms):
    net = param_net(ms)
    return ms.grad(net, 0, net.b)(*param_inputs(ms))


def case_grad_function_closing_over_parameters(ms):
    w = P(ms, rnd(221, (2, 2)), 'cl_w')
    b = P(ms, [0.5, -1.0], 'cl_b')

    def f(x):
        return ms.ops.relu(ms.ops.matmul(x, w) + b).sum()
    return ms.grad(f, 0, [w, b])(R(ms, 222, (3, 2)))


# --------------------------------------------------------------------------
# has_aux
# --------------------------------------------------------------------------

def case_grad_has_aux_two_outputs(ms):
    a, b, _ = abc(ms)
    return ms.grad(f_two_out(ms), 0, has_aux=True)(a, b)


def case_grad_has_aux_three_outputs_tuple_position(ms):
    a, b, _ = abc(ms)
    return ms.grad(f_three_out(ms), (1, 0), has_aux=True)(a, b)


def case_grad_has_aux_nested_aux(ms):
    def f(a, b):
        return (a * b).sum(), (a - b, b * 3.0)
    a, b, _ = abc(ms)
    return ms.grad(f, 1, has_aux=True)(a, b)


def case_grad_has_aux_weights(ms):
    net = aux_net(ms)
    return ms.grad(net, None, net.trainable_params(), has_aux=True)(*aux_inputs(ms))


def case_grad_has_aux_position_and_weights(ms):
    net = aux_net(ms)
    return ms.grad(net, 0, ms.ParameterTuple([net.b]), has_aux=True)(*aux_inputs(ms))


def case_value_and_grad_default(ms):
    def f(a, b):
        return (a * a * b).sum()
    a, b, _ = abc(ms)
    return ms.value_and_grad(f)(a, b)


def case_value_and_grad_multi_output_full_value(ms):
    a, b, _ = abc(ms)
    return ms.value_and_grad(f_two_out(ms), (0, 1))(a, b)


def case_value_and_grad_has_aux_full_value(ms):
    a, b, _ = abc(ms)
    return ms.value_and_grad(f_three_out(ms), 0, has_aux=True)(a, b)


def case_value_and_grad_weights(ms):
    net = param_net(ms)
    return ms.value_and_grad(net, None, net.trainable_params())(*param_inputs(ms))


def case_value_and_grad_weights_has_aux(ms):
    net = aux_net(ms)
    return ms.value_and_grad(net, None, net.trainable_params(), has_aux=True)(*aux_inputs(ms))


def case_value_and_grad_position_and_weights(ms):
    net = param_net(ms)
    return ms.value_and_grad(net, (0, 1), [net.w])(*param_inputs(ms))


def case_ops_value_and_grad(ms):
    a, b, _ = abc(ms)
    return ms.ops.value_and_grad(f_two_out(ms), 1)(a, b)


# --------------------------------------------------------------------------
# return_ids / get_grad
# --------------------------------------------------------------------------

def case_return_ids_position_0(ms):
    a, b, c = abc(ms)
    return ms.grad(f3(ms), 0, return_ids=True)(a, b, c)


def case_return_ids_position_tuple(ms):
    a, b, c = abc(ms)
    return ms.grad(f3(ms), (0, 2), return_ids=True)(a, b, c)


def case_return_ids_weights_only(ms):
    net = param_net(ms)
    return ms.grad(net, None, [net.b, net.s], return_ids=True)(*param_inputs(ms))


def case_return_ids_position_0_and_weights(ms):
    net = param_net(ms)
    return ms.grad(net, 0, [net.w, net.s], return_ids=True)(*param_inputs(ms))


def case_return_ids_position_tuple_and_weights(ms):
    net = param_net(ms)
    return ms.value_and_grad(net, (1, 0), ms.ParameterTuple([net.b]), return_ids=True)(*param_inputs(ms))


def case_return_ids_int_position_1_quirk(ms):
    # MindSpore: ((1, first row of the gradient),); mindgrad: (1, full gradient).
    a, b, c = abc(ms)
    return ms.grad(f3(ms), 1, return_ids=True)(a, b, c)


def case_return_ids_one_tuple_position_2_quirk(ms):
    # Same MindSpore quirk with a 1-tuple position.
    a, b, c = abc(ms)
    return ms.grad(f3(ms), (2,), return_ids=True)(a, b, c)


def case_return_ids_int_position_1_weights_quirk(ms):
    net = param_net(ms)
    return ms.grad(net, 1, [net.s], return_ids=True)(*param_inputs(ms))


def case_get_grad_by_position(ms):
    a, b, c = abc(ms)
    res = ms.grad(f3(ms), (0, 1, 2), return_ids=True)(a, b, c)
    return ms.ops.get_grad(res, 1), ms.ops.get_grad(res, 2)


def case_get_grad_by_parameter(ms):
    net = param_net(ms)
    res = ms.grad(net, (0, 1), net.trainable_params(), return_ids=True)(*param_inputs(ms))
    return (ms.ops.get_grad(res, net.b), ms.ops.get_grad(res, net.s), ms.ops.get_grad(res, 0),
            ms.get_grad(res, net.w))


def case_get_grad_missing_position_error(ms):
    a, b, c = abc(ms)
    res = ms.grad(f3(ms), (0, 1), return_ids=True)(a, b, c)
    return ms.ops.get_grad(res, 2)


def case_get_grad_missing_parameter_error(ms):
    net = param_net(ms)
    res = ms.grad(net, None, [net.w], return_ids=True)(*param_inputs(ms))
    return ms.ops.get_grad(res, net.s)


# --------------------------------------------------------------------------
# sens_param
# --------------------------------------------------------------------------

def case_sens_param_positional(ms):
    a, b, c = abc(ms)
    sens = R(ms, 111, (2, 3))
    return ms.grad(f3(ms), (0, 2), sens_param=True)(a, b, c, sens)


def case_sens_param_keyword(ms):
    a, b, c = abc(ms)
    sens = R(ms, 112, (2, 3))
    return ms.grad(f3(ms), 1, sens_param=True)(a, b, c, sens=sens)


def case_sens_param_tuple_output(ms):
    a, b, _ = abc(ms)
    sens = (R(ms, 113, (2, 3)), R(ms, 114, (2, 3)))
    return ms.grad(f_two_out(ms), (0, 1), sens_param=True)(a, b, sens)


def case_sens_param_value_and_grad_weights(ms):
    net = param_net(ms)
    return ms.value_and_grad(net, None, [net.s, net.b], sens_param=True)(*param_inputs(ms), T(ms, 2.5))


def case_sens_param_list_for_tuple_output(ms):
    a, b, _ = abc(ms)
    sens = [R(ms, 115, (2, 3)), R(ms, 116, (2, 3))]
    return ms.value_and_grad(f_two_out(ms), (0, 1), sens_param=True)(a, b, sens)


def case_sens_param_has_aux_sens_for_first_output(ms):
    a, b, _ = abc(ms)
    return ms.grad(f_two_out(ms), 0, has_aux=True, sens_param=True)(a, b, R(ms, 117, (2, 3)))


def case_return_ids_has_aux_value_and_grad(ms):
    a, b, _ = abc(ms)
    return ms.value_and_grad(f_two_out(ms), (0, 1), has_aux=True, return_ids=True)(a, b)


# --------------------------------------------------------------------------
# arguments: keywords, Python scalars, tuples
# --------------------------------------------------------------------------

def _kw_fn(ms):
    def f(x, q=None, r=None):
        return x * q + r * r * x
    return f


def case_kwargs_call_order(ms):
    x, y, z = abc(ms)
    return ms.grad(_kw_fn(ms), (0, 1, 2))(x, r=z, q=y)


def case_kwargs_signature_order_call(ms):
    x, y, z = abc(ms)
    return ms.grad(_kw_fn(ms), (0, 1, 2))(x, q=y, r=z)


def case_kwargs_position_selects_kwarg(ms):
    x, y, z = abc(ms)
    return ms.grad(_kw_fn(ms), 1)(x, r=z, q=y)


def case_kwargs_value_and_grad(ms):
    x, y, z = abc(ms)
    return ms.value_and_grad(_kw_fn(ms), (2, 0))(x, r=z, q=y)


def case_python_scalar_argument_dropped(ms):
    def f(a, s, b):
        return a * s + b * b
    a, b, _ = abc(ms)
    return ms.grad(f, (0, 1))(a, 2.5, b)


def case_tuple_argument_dropped(ms):
    def f(t, c):
        return t[0] * t[1] * c
    a, b, c = abc(ms)
    return ms.grad(f, (0, 1))((a, b), c)


def case_int_argument_dropped_value_and_grad(ms):
    def f(a, n, b):
        return a * n - b
    a, b, _ = abc(ms)
    return ms.value_and_grad(f, (0, 1))(a, 3, b)


# --------------------------------------------------------------------------
# Cells with Parameters, Cell training-style usage
# --------------------------------------------------------------------------

def case_cell_two_layers_grad_inputs_and_weights(ms):
    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w1 = P(ms, rnd(231, (3, 4)), 'tl_w1')
            self.w2 = P(ms, rnd(232, (4, 1)), 'tl_w2')

        def construct(self, x):
            return ms.ops.matmul(ms.ops.sigmoid(ms.ops.matmul(x, self.w1)), self.w2).sum()

    net = Net()
    return ms.value_and_grad(net, 0, net.trainable_params())(R(ms, 233, (2, 3)))


def case_cell_frozen_parameter_excluded(ms):
    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = P(ms, [1.5, -2.0], 'fz_w')
            self.k = P(ms, [0.5, 0.5], 'fz_k', requires_grad=False)

        def construct(self, x):
            return (x * self.w * self.k).sum()

    net = Net()
    return ms.grad(net, None, net.trainable_params())(T(ms, [3.0, 4.0])), len(net.trainable_params())


def case_cell_parameter_values_unchanged_by_grad(ms):
    net = param_net(ms)
    ms.grad(net, (0, 1), net.trainable_params())(*param_inputs(ms))
    return net.w.value(), net.s.value()


def case_exception_inside_grad_keeps_parameter(ms):
    p = P(ms, [1.0, 2.0], 'ex_p')

    def f(x):
        y = (x * p).sum()
        if y is not None:
            raise ValueError("failing on purpose")
        return y

    try:
        ms.value_and_grad(f, None, [p])(T(ms, [1.0, 1.0]))
        raised = "none"
    except ValueError as exc:
        raised = type(exc).__name__

    def g(x):
        return (x * p * p).sum()
    return raised, p.value(), ms.grad(g, 0, p)(T(ms, [1.0, -1.0]))


def case_exception_after_assign_inside_grad_differs(ms):
    # PyNative runs ops.assign eagerly: the assignment made before the failure stays.
    # mindgrad deliberately leaves every Parameter as it was before a failed call (README).
    p = P(ms, [1.0, 2.0], 'ex_q')

    def f(x):
        ms.ops.assign(p, p * 3.0)
        y = (x * p).sum()
        if y is not None:
            raise ValueError("failing on purpose")
        return y

    try:
        ms.grad(f, 0, [p])(T(ms, [1.0, 1.0]))
        raised = "none"
    except ValueError as exc:
        raised = type(exc).__name__
    return raised, p.value()


# --------------------------------------------------------------------------
# vjp
# --------------------------------------------------------------------------

def case_vjp_single_input(ms):
    def f(x):
        return ms.ops.tanh(x) * 2.0
    out, vjp_fn = ms.ops.vjp(f, R(ms, 121, (2, 3)))
    return out, vjp_fn(R(ms, 122, (2, 3)))


def case_vjp_multi_input(ms):
    a, b, c = abc(ms)
    out, vjp_fn = ms.ops.vjp(f3(ms), a, b, c)
    return out, vjp_fn(R(ms, 123, (2, 3)))


def case_vjp_multi_output(ms):
    a, b, _ = abc(ms)
    out, vjp_fn = ms.ops.vjp(f_two_out(ms), a, b)
    return out, vjp_fn(R(ms, 124, (2, 3)), R(ms, 125, (2, 3)))


def case_vjp_cell(ms):
    net = param_net(ms)
    x, y = param_inputs(ms)
    out, vjp_fn = ms.ops.vjp(net, x, y)
    return out, vjp_fn(T(ms, -1.5))


def case_vjp_weights(ms):
    net = param_net(ms)
    x, y = param_inputs(ms)
    out, vjp_fn = ms.ops.vjp(net, x, y, weights=ms.ParameterTuple([net.w, net.s]))
    return out, vjp_fn(T(ms, 2.0))


def case_vjp_has_aux_two_outputs_aux_bare(ms):
    a, b, _ = abc(ms)
    out, vjp_fn, aux = ms.ops.vjp(f_two_out(ms), a, b, has_aux=True)
    return out, vjp_fn(R(ms, 126, (2, 3))), aux


def case_vjp_has_aux_three_outputs_aux_tuple(ms):
    def f(a, b):
        return a * b * b, a + 1.0, b - 1.0
    a, b, _ = abc(ms)
    out, vjp_fn, aux = ms.ops.vjp(f, a, b, has_aux=True)
    return out, vjp_fn(R(ms, 127, (2, 3))), aux


def case_vjp_fn_called_twice(ms):
    def f(x, y):
        return x * ms.ops.exp(y)
    x, y, _ = abc(ms)
    out, vjp_fn = ms.ops.vjp(f, x, y)
    first = vjp_fn(R(ms, 128, (2, 3)))
    second = vjp_fn(R(ms, 129, (2, 3)))
    return out, first, second


def case_ms_vjp_alias(ms):
    def f(x):
        return x * x
    out, vjp_fn = ms.vjp(f, T(ms, [1.0, -3.0]))
    return out, vjp_fn(T(ms, [0.5, 2.0]))


# --------------------------------------------------------------------------
# jvp
# --------------------------------------------------------------------------

def case_jvp_single_tensor(ms):
    def f(x):
        return x * x * x
    return ms.ops.jvp(f, T(ms, [1.0, 2.0, -1.0]), T(ms, [1.0, 0.5, 2.0]))


def case_jvp_tuple_inputs(ms):
    a, b, c = abc(ms)
    va, vb, vc = R(ms, 131, (2, 3)), R(ms, 132, (2, 3)), R(ms, 133, (2, 3))
    return ms.ops.jvp(f3(ms), (a, b, c), (va, vb, vc))


def case_jvp_list_inputs(ms):
    a, b, _ = abc(ms)
    return ms.ops.jvp(f_two_out(ms), [a, b], [R(ms, 134, (2, 3)), R(ms, 135, (2, 3))])


def case_jvp_multi_output(ms):
    def f(x):
        return ms.ops.sin(x), x * 2.0, (x * x).sum()
    return ms.ops.jvp(f, R(ms, 136, (3,)), R(ms, 137, (3,)))


def case_jvp_has_aux_two_outputs(ms):
    a, b, _ = abc(ms)
    return ms.ops.jvp(f_two_out(ms), (a, b), (R(ms, 138, (2, 3)), R(ms, 139, (2, 3))), has_aux=True)


def case_jvp_has_aux_three_outputs(ms):
    a, b, _ = abc(ms)
    return ms.ops.jvp(f_three_out(ms), (a, b), (R(ms, 140, (2, 3)), R(ms, 141, (2, 3))), has_aux=True)


def case_jvp_cell(ms):
    net = param_net(ms)
    x, y = param_inputs(ms)
    return ms.ops.jvp(net, (x, y), (R(ms, 142, (4, 3)), R(ms, 143, (4, 2))))


# --------------------------------------------------------------------------
# jacfwd / jacrev
# --------------------------------------------------------------------------

def _jac_fn(ms):
    def f(x, y):
        return ms.ops.sin(x) * y + x * x
    return f


def _jac_inputs(ms):
    return T(ms, [0.5, -1.0, 2.0]), T(ms, [1.5, 0.25, -0.5])


def case_jacfwd_position_0(ms):
    return ms.ops.jacfwd(_jac_fn(ms))(*_jac_inputs(ms))


def case_jacrev_position_1(ms):
    return ms.ops.jacrev(_jac_fn(ms), grad_position=1)(*_jac_inputs(ms))


def case_jacfwd_position_tuple(ms):
    return ms.ops.jacfwd(_jac_fn(ms), grad_position=(0, 1))(*_jac_inputs(ms))


def _jac_multi(ms):
    def f(x, y):
        return x * y, (x * x).sum() + y
    return f


def case_jacfwd_multi_output(ms):
    return ms.ops.jacfwd(_jac_multi(ms), grad_position=(0, 1))(*_jac_inputs(ms))


def case_jacrev_multi_output(ms):
    return ms.ops.jacrev(_jac_multi(ms))(*_jac_inputs(ms))


def _jac_aux(ms):
    def f(x, y):
        return x * x * y, y + 1.0
    return f


def case_jacfwd_has_aux(ms):
    return ms.ops.jacfwd(_jac_aux(ms), grad_position=0, has_aux=True)(*_jac_inputs(ms))


def case_jacrev_has_aux(ms):
    return ms.ops.jacrev(_jac_aux(ms), grad_position=(0, 1), has_aux=True)(*_jac_inputs(ms))


def case_jacrev_matrix_input(ms):
    def f(m):
        return ms.ops.matmul(m, m).sum(axis=0)
    return ms.ops.jacrev(f)(T(ms, [[1.0, 2.0], [-0.5, 0.25]]))


# --------------------------------------------------------------------------
# stop_gradient
# --------------------------------------------------------------------------

def case_stop_gradient_tensor(ms):
    def f(a, b):
        return ms.ops.stop_gradient(a * b) * a + a * b
    a, b, _ = abc(ms)
    return ms.grad(f, (0, 1))(a, b)


def case_stop_gradient_tuple(ms):
    def f(a, b):
        p, q = ms.ops.stop_gradient((a * a, b * 2.0))
        return p * b + q * a + a
    a, b, _ = abc(ms)
    return ms.grad(f, (0, 1))(a, b)


def case_stop_gradient_primitive(ms):
    sg = ms.ops.StopGradient()

    def f(a, b):
        return sg(a) * b * b
    a, b, _ = abc(ms)
    return ms.value_and_grad(f, (0, 1))(a, b)


# --------------------------------------------------------------------------
# Cell.bprop
# --------------------------------------------------------------------------

def _scale_bprop_cell(ms):
    class Scale(ms.nn.Cell):
        """forward x * x; custom backward: dout * 4 (not the true 2x)."""

        def construct(self, x):
            return x * x

        def bprop(self, x, out, dout):
            return (dout * 4.0,)

    return Scale()


def case_bprop_alone_grad_operation(ms):
    return ms.ops.GradOperation()(_scale_bprop_cell(ms))(T(ms, [1.0, -2.0, 3.0]))


def case_bprop_alone_ms_grad(ms):
    return ms.grad(_scale_bprop_cell(ms))(T(ms, [0.5, 2.0]))


def case_bprop_uses_out_and_dout(ms):
    class Exp(ms.nn.Cell):
        def construct(self, x):
            return ms.ops.exp(x)

        def bprop(self, x, out, dout):
            return (out * dout * 0.5,)

    return ms.grad(Exp(), sens_param=True)(T(ms, [0.0, 1.0]), T(ms, [2.0, 3.0]))


def case_bprop_inside_bigger_net(ms):
    inner = _scale_bprop_cell(ms)

    class Outer(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.inner = inner

        def construct(self, x, y):
            return ms.ops.sin(self.inner(x * y)) + y

    x, y = T(ms, [0.5, 1.0]), T(ms, [2.0, -1.0])
    return ms.ops.GradOperation(get_all=True)(Outer())(x, y)


def case_bprop_two_inputs(ms):
    class Mul(ms.nn.Cell):
        def construct(self, x, y):
            return x * y

        def bprop(self, x, y, out, dout):
            return dout * 2.0, dout * -1.0

    x, y = T(ms, [1.0, 2.0]), T(ms, [3.0, 4.0])
    return ms.grad(Mul(), (0, 1))(x, y)


def case_bprop_returns_bare_value(ms):
    class Neg(ms.nn.Cell):
        def construct(self, x):
            return -x

        def bprop(self, x, out, dout):
            return dout * 10.0

    return ms.grad(Neg())(T(ms, [1.0, 2.0]))


def case_bprop_too_few_grads_error(ms):
    class Mul(ms.nn.Cell):
        def construct(self, x, y):
            return x * y

        def bprop(self, x, y, out, dout):
            return (dout,)

    return ms.grad(Mul(), (0, 1))(T(ms, [1.0, 2.0]), T(ms, [3.0, 4.0]))


def _bprop_param_cell(ms):
    class Affine(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = P(ms, [2.0, -1.0], 'bp_w')

        def construct(self, x):
            return x * self.w

        def bprop(self, x, out, dout):
            return (dout * self.w,)

    return Affine()


def case_bprop_parameter_in_construct_only_zero_grad(ms):
    class Affine(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = P(ms, [2.0, -1.0], 'bq_w')

        def construct(self, x):
            return x * self.w

        def bprop(self, x, out, dout):
            return (dout * 3.0,)

    net = Affine()
    return ms.value_and_grad(net, 0, net.w)(T(ms, [3.0, 5.0]))


def case_bprop_parameters_zero_grads(ms):
    net = _bprop_param_cell(ms)
    return ms.grad(net, 0, net.trainable_params())(T(ms, [3.0, 5.0]))


def case_bprop_parameters_zero_grads_grad_operation(ms):
    net = _bprop_param_cell(ms)
    return ms.ops.GradOperation(get_all=True, get_by_list=True)(net, net.trainable_params())(T(ms, [3.0, 5.0]))


def case_bprop_inside_net_with_outer_parameter(ms):
    inner = _bprop_param_cell(ms)

    class Outer(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.inner = inner
            self.v = P(ms, [0.5, 1.5], 'bp_v')

        def construct(self, x):
            return (self.inner(x * self.v) * x).sum()

    net = Outer()
    return ms.value_and_grad(net, 0, ms.ParameterTuple([net.v, net.inner.w]))(T(ms, [1.0, -2.0]))


def case_bprop_with_vjp(ms):
    class Exact(ms.nn.Cell):
        def construct(self, x, y):
            return ms.ops.sin(x) * y

        def bprop(self, x, y, out, dout):
            return ms.ops.cos(x) * y * dout, ms.ops.sin(x) * dout * 0.5

    out, vjp_fn = ms.ops.vjp(Exact(), T(ms, [0.5, 1.0]), T(ms, [2.0, 3.0]))
    return out, vjp_fn(T(ms, [1.0, -2.0]))


def case_bprop_value_and_grad_cell(ms):
    return ms.value_and_grad(_scale_bprop_cell(ms))(T(ms, [1.5, -0.5]))


# --------------------------------------------------------------------------
# HyperMap / Map / Partial / MultitypeFuncGraph
# --------------------------------------------------------------------------

def case_hypermap_python_function(ms):
    hm = ms.ops.HyperMap()

    def fma(a, b, c):
        return a * b + c
    xs = (T(ms, [1.0, 2.0]), T(ms, [3.0]))
    ys = (T(ms, [0.5, 0.5]), T(ms, [2.0]))
    zs = (T(ms, [1.0, 1.0]), T(ms, [-1.0]))
    return hm(fma, xs, ys, zs)


def case_hypermap_primitive(ms):
    hm = ms.ops.HyperMap()
    xs = (T(ms, [1.0, 2.0]), T(ms, [[3.0]]))
    ys = (T(ms, [4.0, -2.0]), T(ms, [[0.5]]))
    return hm(ms.ops.Mul(), xs, ys)


def case_hypermap_nested_tuples(ms):
    hm = ms.ops.HyperMap()

    def sub(a, b):
        return a - b
    xs = (T(ms, [1.0]), (T(ms, [2.0]), (T(ms, [3.0]), T(ms, [4.0]))))
    ys = (T(ms, [0.5]), (T(ms, [0.25]), (T(ms, [1.0]), T(ms, [-1.0]))))
    return hm(sub, xs, ys)


def case_hypermap_list_inputs(ms):
    hm = ms.ops.HyperMap()

    def add(a, b):
        return a + b
    return hm(add, [T(ms, [1.0]), T(ms, [2.0])], [T(ms, [10.0]), T(ms, [20.0])])


def case_hypermap_parametertuple(ms):
    hm = ms.ops.HyperMap()
    net = param_net(ms)
    params = ms.ParameterTuple([net.b, net.s])
    grads = (T(ms, [1.0, 2.0]), T(ms, 4.0))

    def step(p, g):
        return p - g * 0.5
    return hm(step, params, grads)


def case_hypermap_zip_truncates(ms):
    hm = ms.ops.HyperMap()

    def add(a, b):
        return a + b
    return hm(add, (T(ms, [1.0]), T(ms, [2.0]), T(ms, [3.0])), (T(ms, [5.0]), T(ms, [6.0])))


def case_hypermap_single_tree(ms):
    hm = ms.ops.HyperMap()

    def sq(a):
        return a * a
    return hm(sq, (T(ms, [3.0]), (T(ms, [-2.0]), T(ms, [0.5])))), hm(sq, ())


def case_hypermap_dict_is_a_leaf(ms):
    # PyNative HyperMap recurses into tuples and lists only; a dict is handed to fn whole.
    hm = ms.ops.HyperMap()

    def f(a, b):
        return a["k"] * b["k"]
    return hm(f, {"k": T(ms, [2.0, 3.0])}, {"k": T(ms, [4.0, 5.0])})


def _mfg(ms):
    mg = ms.ops.MultitypeFuncGraph("ad_mfg")

    @mg.register("Tensor", "Tensor")
    def _tt(a, b):
        return a * b

    @mg.register("Number", "Tensor")
    def _nt(s, b):
        return b * 100.0 + s

    return mg


def case_hypermap_with_multitype_funcgraph(ms):
    hm = ms.ops.HyperMap(_mfg(ms))
    return hm((T(ms, [2.0]), T(ms, [3.0])), (T(ms, [4.0]), T(ms, [5.0])))


def case_hypermap_mfg_with_partial_scalar(ms):
    hm = ms.ops.HyperMap()
    mg = _mfg(ms)
    return hm(ms.ops.partial(mg, 2.0), (T(ms, [1.0]), T(ms, [-1.0])))


def case_hypermap_sgd_step_with_assign(ms):
    hm = ms.ops.HyperMap()
    net = param_net(ms)
    params = ms.ParameterTuple([net.b, net.s])
    grads = (T(ms, [0.5, -1.0]), T(ms, 2.0))

    def apply(lr, p, g):
        return ms.ops.assign(p, p - lr * g)
    out = hm(ms.ops.partial(apply, 0.1), params, grads)
    return out, net.b.value(), net.s.value()


def case_map_flat(ms):
    mp = ms.ops.Map()

    def add(a, b):
        return a + b
    return mp(add, (T(ms, [1.0]), T(ms, [2.0])), (T(ms, [3.0]), T(ms, [4.0])))


def case_map_with_fixed_multitype_funcgraph(ms):
    mp = ms.ops.Map(_mfg2(ms))
    return mp((T(ms, [3.0]), T(ms, [-1.5, 2.0])), (T(ms, [1.0]), T(ms, [0.5, 0.5])))


def case_map_does_not_recurse(ms):
    mp = ms.ops.Map()

    def first_or_self(a):
        return a[0] if isinstance(a, tuple) else a * 2.0
    return mp(first_or_self, (T(ms, [3.0]), (T(ms, [5.0]), T(ms, [6.0]))))


def case_partial_primitive_form(ms):
    def lin(a, b, x):
        return a * x + b
    f = ms.ops.Partial()(lin, T(ms, [2.0]), T(ms, [1.0]))
    return f(T(ms, [3.0, 4.0]))


def case_partial_functional(ms):
    def lin(a, b, x):
        return a * x + b
    f = ms.ops.partial(lin, T(ms, [-1.0]))
    return f(T(ms, [0.5]), T(ms, [2.0, 6.0]))


def case_partial_inside_grad(ms):
    def lin(a, x):
        return (a * x * x).sum()

    def f(x, a):
        return ms.ops.partial(lin, a)(x)
    return ms.grad(f, (0, 1))(T(ms, [2.0, -1.0]), T(ms, [3.0, 1.0]))


def case_mfg_exact_dispatch(ms):
    mg = _mfg(ms)
    return mg(T(ms, [2.0]), T(ms, [5.0])), mg(3.0, T(ms, [1.0]))


def case_mfg_lenient_tensor_for_number(ms):
    mg = ms.ops.MultitypeFuncGraph("ad_lenient")

    @mg.register("Number", "Tensor")
    def _nt(s, b):
        return s * b + 1.0

    return mg(T(ms, [2.0]), T(ms, [3.0]))


def case_mfg_tuple_signature(ms):
    mg = ms.ops.MultitypeFuncGraph("ad_tuple")

    @mg.register("Tuple")
    def _t(t):
        return t[0] + t[1]

    @mg.register("Tensor")
    def _x(x):
        return x * -1.0

    return mg((T(ms, [1.0]), T(ms, [2.0]))), mg(T(ms, [4.0]))


def _mfg2(ms):
    mg = ms.ops.MultitypeFuncGraph("ad_mfg2")

    @mg.register("Tensor", "Tensor")
    def _tt(a, b):
        return a + b

    @mg.register("Number", "Number")
    def _nn(a, b):
        return a * b

    return mg


def case_mfg_number_and_bool_dispatch(ms):
    mg = _mfg2(ms)
    return mg(3, 2.5), mg(4, True), mg(T(ms, [1.0]), T(ms, [2.0])), _mfg(ms)(True, T(ms, [3.0]))


def case_mfg_single_entry_ignores_types(ms):
    # With exactly one registration MindSpore calls it whatever the argument types.
    mg = ms.ops.MultitypeFuncGraph("ad_single")

    @mg.register("Tensor", "Tensor")
    def _tt(a, b):
        return a * b

    return mg(2.5, 4.0), mg(T(ms, [2.0]), 3.0)


def case_mfg_no_match_error(ms):
    return _mfg2(ms)(T(ms, [1.0]), "text")


def case_mfg_tensor_for_number_with_several_entries_error(ms):
    # Tensor does not stand for Number once there is more than one registration.
    return _mfg2(ms)(T(ms, [1.0]), 2.0)


def case_mfg_wrong_arity_error(ms):
    return _mfg2(ms)(T(ms, [1.0]))


def case_mfg_list_is_not_tuple_error(ms):
    mg = ms.ops.MultitypeFuncGraph("ad_tl")

    @mg.register("Tuple")
    def _t(t):
        return t[0]

    @mg.register("Tensor")
    def _x(x):
        return x

    return mg([T(ms, [1.0])])


# --------------------------------------------------------------------------
# depend / assign / AssignAdd
# --------------------------------------------------------------------------

def case_depend_after_assign(ms):
    p = P(ms, [1.0, 1.0], 'dp_p')
    upd = ms.ops.assign(p, T(ms, [4.0, -4.0]))
    out = ms.ops.depend(T(ms, [0.5]), upd)
    return out, p.value(), ms.ops.depend(T(ms, [1.0, 2.0]), T(ms, [5.0]))


def case_depend_under_grad(ms):
    def f(a, b):
        return ms.ops.depend(a * b, b * 10.0)
    a, b, _ = abc(ms)
    return ms.grad(f, (0, 1))(a, b)


def case_assign_returns_new_value(ms):
    p = P(ms, [1.0, 2.0, 3.0], 'as_p')
    out = ms.ops.assign(p, T(ms, [7.0, 8.0, 9.0]))
    q = P(ms, [[1.0, 2.0]], 'as_q')
    ms.ops.Assign()(q, T(ms, [[0.0, -1.0]]))
    return out, p.value(), q.value()


def case_assign_add_primitive(ms):
    p = P(ms, [1.0, 2.0], 'aa_p')
    op = ms.ops.AssignAdd()
    op(p, T(ms, [0.5, 0.5]))
    op(p, T(ms, [1.0, -3.0]))
    return p.value()


def case_assign_inside_grad_post_assign_value(ms):
    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = P(ms, [2.0, -1.0], 'ag_w')

        def construct(self, x):
            ms.ops.assign(self.w, self.w * 3.0)
            return (x * self.w).sum()

    net = Net()
    g = ms.grad(net)(T(ms, [1.0, 1.0]))
    return g, net.w.value()


# --------------------------------------------------------------------------
# ms._no_grad
# --------------------------------------------------------------------------

def case_no_grad_ms_grad_error(ms):
    def f(x):
        return x * x
    with ms._no_grad():
        return ms.grad(f)(T(ms, [1.0]))


def case_no_grad_grad_operation_error(ms):
    def f(x):
        return x * x
    with ms._no_grad():
        return ms.ops.GradOperation()(f)(T(ms, [1.0]))


def case_no_grad_value_and_grad_error(ms):
    def f(x):
        return x * x
    with ms._no_grad():
        return ms.value_and_grad(f)(T(ms, [1.0]))


def case_no_grad_forward_ok_and_restored(ms):
    def f(x):
        return x * x * 3.0
    with ms._no_grad():
        y = f(T(ms, [2.0]))
    return y, ms.grad(f)(T(ms, [2.0]))


# --------------------------------------------------------------------------
# errors
# --------------------------------------------------------------------------

def case_error_position_duplicate(ms):
    a, b, c = abc(ms)
    return ms.grad(f3(ms), (1, 1))(a, b, c)


def case_error_position_negative_in_tuple(ms):
    a, b, c = abc(ms)
    return ms.grad(f3(ms), (0, -2))(a, b, c)


def case_error_position_negative_int(ms):
    a, b, c = abc(ms)
    return ms.value_and_grad(f3(ms), -3)(a, b, c)


def case_error_position_list(ms):
    a, b, c = abc(ms)
    return ms.grad(f3(ms), [0, 2])(a, b, c)


def case_error_position_float(ms):
    a, b, c = abc(ms)
    return ms.grad(f3(ms), 1.0)(a, b, c)


def case_error_position_out_of_range(ms):
    a, b, c = abc(ms)
    return ms.grad(f3(ms), 3)(a, b, c)


def case_error_position_tuple_out_of_range(ms):
    a, b, c = abc(ms)
    return ms.value_and_grad(f3(ms), (0, 7))(a, b, c)


def case_error_position_and_weights_none(ms):
    return ms.grad(f3(ms), None, None)


def case_error_value_and_grad_both_none(ms):
    return ms.value_and_grad(f3(ms), grad_position=None)


def case_error_has_aux_not_bool(ms):
    a, b, _ = abc(ms)
    return ms.value_and_grad(f_two_out(ms), has_aux="yes")(a, b)


def case_error_has_aux_single_output(ms):
    def f(a):
        return a * 2.0
    return ms.grad(f, has_aux=True)(T(ms, [1.0]))


def case_error_value_and_grad_has_aux_single_output(ms):
    def f(a):
        return (a * a).sum()
    return ms.value_and_grad(f, has_aux=True)(T(ms, [1.0, 2.0]))


def case_error_non_callable(ms):
    return ms.value_and_grad("not a function")(T(ms, [1.0]))


def case_error_vjp_non_tensor_inputs(ms):
    def f(x, y):
        return x * y
    return ms.ops.vjp(f, T(ms, [1.0]), [2.0])


def case_error_vjp_has_aux_single_output(ms):
    def f(x):
        return x * x
    return ms.ops.vjp(f, T(ms, [1.0, 2.0]), has_aux=True)


def case_error_vjp_fn_too_many_vectors(ms):
    def f(x, y):
        return x * y
    out, vjp_fn = ms.ops.vjp(f, T(ms, [1.0]), T(ms, [2.0]))
    return vjp_fn(T(ms, [1.0]), T(ms, [1.0]))


def case_error_vjp_fn_too_few_vectors(ms):
    a, b, _ = abc(ms)
    out, vjp_fn = ms.ops.vjp(f_two_out(ms), a, b)
    return vjp_fn(R(ms, 151, (2, 3)))


def case_error_jvp_length_mismatch(ms):
    a, b, c = abc(ms)
    return ms.ops.jvp(f3(ms), (a, b, c), (a, b))


def case_error_jvp_non_tensor_inputs(ms):
    def f(x):
        return x * 2.0
    return ms.ops.jvp(f, 1.5, T(ms, [1.0]))


def case_error_jvp_non_tensor_v(ms):
    def f(x):
        return x * 2.0
    return ms.ops.jvp(f, T(ms, [1.0]), [1.0])
