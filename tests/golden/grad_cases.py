"""Golden cases pinning ``ops.GradOperation`` behaviour (MindSpore 2.10.0, PyNative).

Every ``case_<name>(ms)`` takes the module under test (real ``mindspore`` when
recording, ``mindgrad`` when replaying) and returns a result (Tensor,
tuple/list/dict nests, Python scalars, strings) or raises.  Only the module
passed in is used, never a global import of it.

A case may carry ``rtol`` / ``atol`` attributes (set with :func:`tol`) that
override the default comparison tolerance (rtol=1e-5, atol=1e-6).

A case whose name ends with ``_quirk`` pins a MindSpore result that is
mathematically wrong (a MindSpore bug); the replaying test marks it xfail.

The data deliberately differs from the public conformance cases: values are
fixed small numbers or drawn from ``np.random.RandomState(seed)`` and rounded.
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


def P(ms, a, name, dtype=np.float32, requires_grad=True):
    return ms.Parameter(ms.Tensor(np.asarray(a, dtype=dtype)), name=name,
                        requires_grad=requires_grad)


def GO(ms, **kw):
    return ms.ops.GradOperation(**kw)


def grad_all(ms, net, *args, **kwargs):
    return GO(ms, get_all=True)(net)(*args, **kwargs)


def make_cell(ms, construct, params=None):
    """A Cell whose construct is ``construct(self, *args)``.

    ``params`` maps attribute name to a Parameter (set as attributes, so they
    are registered by the Cell).
    """
    def __init__(self):
        ms.nn.Cell.__init__(self)
        for k, v in (params or {}).items():
            setattr(self, k, v)

    # Built like a class statement, so construct is in the class body.
    cls = type("_Cell", (ms.nn.Cell,), {"__init__": __init__, "construct": construct})
    return cls()


# --------------------------------------------------------------------------
# the three networks used for the flag matrix
# --------------------------------------------------------------------------

def doc_net(ms):
    """The documented GradOperation net: x = x * z; return MatMul(x, y)."""
    nn, ops = ms.nn, ms.ops

    class DocNet(nn.Cell):
        def __init__(self):
            super().__init__()
            self.matmul = ops.MatMul()
            self.z = ms.Parameter(ms.Tensor(np.array([1.0], np.float32)), name='z')

        def construct(self, x, y):
            x = x * self.z
            return self.matmul(x, y)

    x = T(ms, rnd(11, (2, 3)))
    y = T(ms, rnd(12, (3, 2)))
    sens = T(ms, [[1.0, -0.5], [2.0, 0.25]])
    return DocNet(), (x, y), sens


def mlp_net(ms):
    """Two layers of hand-written Parameters: tanh(x @ w1 + b1) @ w2 + b2."""
    nn, ops = ms.nn, ms.ops

    class MLP(nn.Cell):
        def __init__(self):
            super().__init__()
            self.w1 = P(ms, rnd(21, (3, 4)), 'mlp_w1')
            self.b1 = P(ms, rnd(22, (4,)), 'mlp_b1')
            self.w2 = P(ms, rnd(23, (4, 2)), 'mlp_w2')
            self.b2 = P(ms, rnd(24, (2,)), 'mlp_b2')

        def construct(self, x):
            h = ops.tanh(ops.matmul(x, self.w1) + self.b1)
            return ops.matmul(h, self.w2) + self.b2

    x = T(ms, rnd(25, (2, 3)))
    sens = T(ms, [[0.5, -1.0], [1.5, 2.0]])
    return MLP(), (x,), sens


def tuple_net(ms):
    """A net with a tuple output: (x * y, x + y * w)."""
    nn = ms.nn

    class TupleOut(nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = P(ms, [0.5, -2.0, 3.0], 'tup_w')

        def construct(self, x, y):
            return x * y, x + y * self.w

    x = T(ms, rnd(31, (2, 3)))
    y = T(ms, rnd(32, (2, 3)))
    sens = (T(ms, [[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]]),
            T(ms, [[0.25, 0.25, -4.0], [1.0, 1.0, 2.0]]))
    return TupleOut(), (x, y), sens


_NETS = {"doc": doc_net, "mlp": mlp_net, "tupout": tuple_net}


def _grad_wrapper(ms, net, grad_op, weights, use_weights):
    """The GradNet pattern: the gradient function is built in construct."""
    nn = ms.nn

    class GradNet(nn.Cell):
        def __init__(self):
            super().__init__()
            self.net = net
            self.grad_op = grad_op
            self.params = weights

        def construct(self, *inputs):
            if use_weights:
                gradient_function = self.grad_op(self.net, self.params)
            else:
                gradient_function = self.grad_op(self.net)
            return gradient_function(*inputs)

    return GradNet()


def _flag_case(net_name, get_all, get_by_list, sens_param, wrapped):
    def case(ms):
        net, inputs, sens = _NETS[net_name](ms)
        grad_op = ms.ops.GradOperation(get_all=get_all, get_by_list=get_by_list,
                                       sens_param=sens_param)
        weights = ms.ParameterTuple(net.trainable_params())
        args = inputs + ((sens,) if sens_param else ())
        if wrapped:
            return _grad_wrapper(ms, net, grad_op, weights, get_by_list)(*args)
        fn = grad_op(net, weights) if get_by_list else grad_op(net)
        return fn(*args)
    return case


def _register_flag_cases():
    g = globals()
    for net_name in _NETS:
        for ga in (False, True):
            for gl in (False, True):
                for sp in (False, True):
                    for wrapped in (False, True):
                        name = "case_flags_%s_all%d_list%d_sens%d_%s" % (
                            net_name, ga, gl, sp, "wrapped" if wrapped else "direct")
                        fn = _flag_case(net_name, ga, gl, sp, wrapped)
                        fn.__name__ = name
                        fn.__qualname__ = name
                        g[name] = fn


_register_flag_cases()


# --------------------------------------------------------------------------
# weights
# --------------------------------------------------------------------------

def case_weights_list(ms):
    net, (x,), _ = mlp_net(ms)
    return GO(ms, get_by_list=True)(net, [net.w2, net.b1])(x)


def case_weights_tuple_order(ms):
    net, (x,), _ = mlp_net(ms)
    return GO(ms, get_by_list=True)(net, (net.b2, net.w1))(x)


def case_weights_single_parameter(ms):
    net, (x,), _ = mlp_net(ms)
    return GO(ms, get_by_list=True)(net, net.b1)(x)


def case_weights_single_parameter_get_all(ms):
    net, (x, y), _ = doc_net(ms)
    return GO(ms, get_all=True, get_by_list=True)(net, net.z)(x, y)


def case_weights_empty_parametertuple(ms):
    net, (x,), _ = mlp_net(ms)
    return GO(ms, get_by_list=True)(net, ms.ParameterTuple(()))(x)


def case_weights_empty_parametertuple_get_all(ms):
    net, (x, y), _ = tuple_net(ms)
    return GO(ms, get_all=True, get_by_list=True)(net, ms.ParameterTuple(()))(x, y)


def case_weights_subset(ms):
    net, (x,), _ = mlp_net(ms)
    return GO(ms, get_by_list=True)(net, ms.ParameterTuple([net.w2]))(x)


def case_weights_none_get_by_list(ms):
    # PyNative: weights=None with get_by_list -> grads of every used
    # requires_grad parameter.
    net, (x,), _ = mlp_net(ms)
    return GO(ms, get_by_list=True)(net)(x)


def case_weights_none_get_by_list_get_all(ms):
    net, (x, y), _ = doc_net(ms)
    return GO(ms, get_all=True, get_by_list=True)(net)(x, y)


def _net_with_unused_and_frozen(ms):
    def construct(self, x):
        return ms.ops.sum(x * self.a + self.frozen * x * x)
    return make_cell(ms, construct, {
        "a": P(ms, [1.5, -0.5], 'uf_a'),
        "unused": P(ms, [[7.0, 8.0]], 'uf_unused'),
        "frozen": P(ms, [2.0, 3.0], 'uf_frozen', requires_grad=False),
    })


def case_weights_unused_param_zeros(ms):
    net = _net_with_unused_and_frozen(ms)
    x = T(ms, [0.5, 4.0])
    return GO(ms, get_by_list=True)(net, [net.unused, net.a])(x)


def case_weights_frozen_param_listed(ms):
    net = _net_with_unused_and_frozen(ms)
    x = T(ms, [0.5, 4.0])
    return GO(ms, get_by_list=True)(net, (net.a, net.frozen))(x)


def case_weights_none_skips_frozen_and_unused(ms):
    # weights=None: only used requires_grad params appear (unused ones are
    # left out rather than given zeros).
    net = _net_with_unused_and_frozen(ms)
    x = T(ms, [0.5, 4.0])
    return GO(ms, get_by_list=True)(net)(x)


def case_weights_trainable_params_skips_frozen(ms):
    net = _net_with_unused_and_frozen(ms)
    x = T(ms, [0.5, 4.0])
    return GO(ms, get_by_list=True)(net, net.trainable_params())(x)


def _shared_net(ms):
    nn = ms.nn
    shared = P(ms, [[1.0, 2.0], [-1.0, 0.5]], 'shared_w')

    class Sub(nn.Cell):
        def __init__(self, scale):
            super().__init__()
            self.w = shared
            self.scale = scale

        def construct(self, x):
            return ms.ops.matmul(x, self.w) * self.scale

    class Outer(nn.Cell):
        def __init__(self):
            super().__init__()
            self.first = Sub(2.0)
            self.second = Sub(-3.0)
            self.bias = P(ms, [0.1, 0.2], 'shared_bias')

        def construct(self, x):
            return self.first(x) + self.second(x * x) + self.bias

    return Outer()


def case_weights_shared_param_summed(ms):
    # trainable_params lists the shared param once (after the outer cell's
    # own bias); its gradient is the sum over both uses.
    net = _shared_net(ms)
    x = T(ms, [[1.0, -2.0], [0.5, 3.0]])
    params = net.trainable_params()
    return (len(params), GO(ms, get_by_list=True)(net, ms.ParameterTuple(params))(x))


def case_weights_same_param_listed_twice(ms):
    net, (x, y), _ = doc_net(ms)
    return GO(ms, get_by_list=True)(net, [net.z, net.z])(x, y)


def case_weights_param_not_in_net(ms):
    net, (x, y), _ = doc_net(ms)
    other = P(ms, [[1.0, 2.0]], 'foreign_param')
    return GO(ms, get_by_list=True)(net, [other, net.z])(x, y)


def case_weights_plain_tensor_in_list(ms):
    # MindSpore does not reject a plain Tensor in the weights list: it gets a
    # zero gradient like any parameter the net does not use.
    net, (x, y), _ = doc_net(ms)
    return GO(ms, get_by_list=True)(net, [T(ms, [1.0])])(x, y)


# --------------------------------------------------------------------------
# sens (positional sens is covered by the flags_*_sens1_* cases)
# --------------------------------------------------------------------------

def case_sens_keyword(ms):
    net, (x, y), sens = doc_net(ms)
    return GO(ms, get_all=True, sens_param=True)(net)(x, y, sens=sens)


def case_sens_list_for_tuple_output(ms):
    net, (x, y), sens = tuple_net(ms)
    return GO(ms, get_all=True, sens_param=True)(net)(x, y, list(sens))


def _nested_out_net(ms):
    def construct(self, x, y):
        return x * y, (ms.ops.exp(x), x * x * y)
    return make_cell(ms, construct)


def case_sens_nested_tuple(ms):
    net = _nested_out_net(ms)
    x, y = T(ms, [0.5, -1.0, 2.0]), T(ms, [3.0, 0.25, 1.5])
    sens = (T(ms, [1.0, 2.0, 3.0]), (T(ms, [0.5, 0.0, -1.0]), T(ms, [2.0, 2.0, 2.0])))
    return GO(ms, get_all=True, sens_param=True)(net)(x, y, sens)


def case_sens_default_nested_ones(ms):
    net = _nested_out_net(ms)
    x, y = T(ms, [0.5, -1.0, 2.0]), T(ms, [3.0, 0.25, 1.5])
    return GO(ms, get_all=True)(net)(x, y)


def case_sens_default_int_output_through_cast(ms):
    # The int32 output gets sens ones, which flow back through Cast: dx = y + 2.
    def construct(self, x, y):
        return x * y, ms.ops.cast(x * 2.0, ms.int32)
    net = make_cell(ms, construct)
    x, y = T(ms, [1.5, -2.0, 0.25]), T(ms, [4.0, 0.5, -1.0])
    return GO(ms, get_all=True)(net)(x, y)


def case_sens_default_bool_output_zero(ms):
    def construct(self, a, b):
        return a * b, a > 1
    net = make_cell(ms, construct)
    a, b = T(ms, [0.5, 2.0, 3.0]), T(ms, [-1.0, 4.0, 0.5])
    return GO(ms, get_all=True)(net)(a, b)


def case_sens_default_list_output(ms):
    def construct(self, x, y):
        return [x * y, x + y]
    net = make_cell(ms, construct)
    return grad_all(ms, net, T(ms, [1.0, 2.0]), T(ms, [3.0, -1.0]))


def case_sens_list_for_list_output(ms):
    def construct(self, x, y):
        return [x * y, x + y]
    net = make_cell(ms, construct)
    sens = [T(ms, [1.0, -1.0]), T(ms, [2.0, 0.5])]
    return GO(ms, get_all=True, sens_param=True)(net)(T(ms, [1.0, 2.0]), T(ms, [3.0, -1.0]), sens)


def case_sens_default_dict_output(ms):
    def construct(self, x, y):
        return {"prod": x * y, "ident": x}
    net = make_cell(ms, construct)
    return grad_all(ms, net, T(ms, [1.0, 2.0]), T(ms, [3.0, -1.0]))


def case_sens_default_python_scalar_output_ignored(ms):
    def construct(self, x, y):
        return x * y, 2
    net = make_cell(ms, construct)
    return grad_all(ms, net, T(ms, [1.0, 2.0]), T(ms, [3.0, -1.0]))


def case_sens_python_scalars_for_0d_output(ms):
    def construct(self, x):
        return ms.ops.sum(x * x)
    net = make_cell(ms, construct)
    x = T(ms, [1.0, -2.0])
    g = GO(ms, sens_param=True)(net)
    return (g(x, 2.0), g(x, 3))


def case_sens_0d_output(ms):
    def construct(self, x):
        return ms.ops.sum(x * x)
    net = make_cell(ms, construct)
    x = T(ms, [[1.0, -2.0], [0.5, 3.0]])
    return GO(ms, sens_param=True)(net)(x, T(ms, 2.5))


# --------------------------------------------------------------------------
# inputs
# --------------------------------------------------------------------------

def case_inputs_python_scalar_dropped(ms):
    def construct(self, x, s, y):
        return x * s + y * y
    net = make_cell(ms, construct)
    return grad_all(ms, net, T(ms, [1.0, 2.0]), 3.0, T(ms, [-1.0, 0.5]))


def case_inputs_tuple_arg_dropped(ms):
    def construct(self, x, pair):
        return x * pair[0] * pair[1]
    net = make_cell(ms, construct)
    return grad_all(ms, net, T(ms, [1.5, -1.0]), (T(ms, [2.0, 3.0]), T(ms, [4.0, -0.5])))


def case_inputs_keyword_call_order(ms):
    def construct(self, x, q, r):
        return x * 2.0 + q * q + r * 5.0
    net = make_cell(ms, construct)
    x, y, z = T(ms, [1.0, -1.0]), T(ms, [3.0, 0.5]), T(ms, [0.25, 0.75])
    return grad_all(ms, net, x, r=z, q=y)


def case_inputs_keyword_only_first_position(ms):
    net, (x,), _ = mlp_net(ms)
    return grad_all(ms, net, x=x)


def case_inputs_int32_grad_stays_int32(ms):
    def construct(self, a, b):
        return a * b + a
    net = make_cell(ms, construct)
    a = T(ms, [[1, 2], [3, -4]], np.int32)
    b = T(ms, [[5, -6], [7, 8]], np.int32)
    return grad_all(ms, net, a, b)


def case_inputs_mixed_int_float(ms):
    # The int32 input's gradient (f*f = 0.25, 2.25, 4.0) is cast back to
    # int32 and so truncated: 0, 2, 4.
    def construct(self, a, f):
        return ms.ops.cast(a, ms.float32) * f * f
    net = make_cell(ms, construct)
    a = T(ms, [1, 2, -3], np.int32)
    f = T(ms, [0.5, 1.5, 2.0])
    return grad_all(ms, net, a, f)


def case_inputs_bool_input(ms):
    # A bool input gets a Bool tensor of False as its gradient.
    def construct(self, m, x):
        return ms.ops.where(m, x * 3.0, x * x)
    net = make_cell(ms, construct)
    m = T(ms, [True, False, True], np.bool_)
    x = T(ms, [1.0, 2.0, -4.0])
    return grad_all(ms, net, m, x)


@tol(rtol=2e-3, atol=2e-3)
def case_inputs_float16(ms):
    def construct(self, x, y):
        return ms.ops.sum(x * y * x)
    net = make_cell(ms, construct)
    x = T(ms, [[0.5, 1.25], [-2.0, 3.0]], np.float16)
    y = T(ms, [[2.0, -1.0], [0.75, 0.5]], np.float16)
    return grad_all(ms, net, x, y)


def case_inputs_float64(ms):
    def construct(self, x, y):
        return ms.ops.exp(x) * y
    net = make_cell(ms, construct)
    x = T(ms, [0.1, -0.7, 1.3], np.float64)
    y = T(ms, [2.0, 0.5, -1.0], np.float64)
    return grad_all(ms, net, x, y)


def case_inputs_unused_inputs_zeros(ms):
    def construct(self, x, unused_f, unused_i):
        return x * x
    net = make_cell(ms, construct)
    return grad_all(ms, net, T(ms, [1.0, -3.0]), T(ms, [[5.0, 6.0]]), T(ms, [7, 8, 9], np.int32))


def case_inputs_0d_tensors(ms):
    def construct(self, x, y):
        return x * x * y
    net = make_cell(ms, construct)
    return grad_all(ms, net, T(ms, 3.0), T(ms, -2.0))


def case_inputs_no_inputs_get_all(ms):
    def construct(self):
        return self.p * self.p
    net = make_cell(ms, construct, {"p": P(ms, [2.0, -3.0], 'noin_p')})
    return GO(ms, get_all=True)(net)()


def case_inputs_no_inputs_get_by_list(ms):
    def construct(self):
        return self.p * self.p
    net = make_cell(ms, construct, {"p": P(ms, [2.0, -3.0], 'noin_p')})
    return GO(ms, get_by_list=True)(net, net.trainable_params())()


def case_inputs_no_inputs_default(ms):
    # get_all=False on a net without inputs returns (), not an error.
    def construct(self):
        return self.p * self.p
    net = make_cell(ms, construct, {"p": P(ms, [2.0, -3.0], 'noin_p')})
    return GO(ms)(net)()


def case_inputs_same_tensor_twice(ms):
    # PyNative sums both gradients at each position.
    def construct(self, a, b):
        return a * 2.0 + b * b
    net = make_cell(ms, construct)
    x = T(ms, [3.0, -1.0])
    return grad_all(ms, net, x, x)


def case_inputs_equal_but_distinct_tensors(ms):
    def construct(self, a, b):
        return a * 2.0 + b * b
    net = make_cell(ms, construct)
    return grad_all(ms, net, T(ms, [3.0, -1.0]), T(ms, [3.0, -1.0]))


def case_inputs_parameter_as_input(ms):
    def construct(self, x, y):
        return x * y
    net = make_cell(ms, construct)
    p = P(ms, [2.0, 5.0], 'param_input')
    return grad_all(ms, net, p, T(ms, [-1.0, 3.0]))


def case_inputs_plain_function(ms):
    def f(x, y):
        return ms.ops.sin(x) * y
    return GO(ms, get_all=True)(f)(T(ms, [0.3, -1.2]), T(ms, [2.0, 0.5]))


# --------------------------------------------------------------------------
# higher order
# --------------------------------------------------------------------------

def _cube_net(ms):
    def construct(self, x):
        return x * x * x
    return make_cell(ms, construct)


def _grad_cell(ms, inner, grad_op):
    nn = ms.nn

    class GradOf(nn.Cell):
        def __init__(self):
            super().__init__()
            self.inner = inner
            self.grad_op = grad_op

        def construct(self, *xs):
            return self.grad_op(self.inner)(*xs)

    return GradOf()


def case_higher_first_order(ms):
    return GO(ms)(_cube_net(ms))(T(ms, [2.0, -1.5]))


def case_higher_second_order(ms):
    first = _grad_cell(ms, _cube_net(ms), GO(ms))
    return GO(ms)(first)(T(ms, [2.0, -1.5]))


def case_higher_third_order(ms):
    first = _grad_cell(ms, _cube_net(ms), GO(ms))
    second = _grad_cell(ms, first, GO(ms))
    return GO(ms)(second)(T(ms, [2.0, -1.5]))


def case_higher_second_order_get_all_two_inputs(ms):
    def construct(self, x, y):
        return x * x * y * y * y
    net = make_cell(ms, construct)
    first = _grad_cell(ms, net, GO(ms, get_all=True))
    return GO(ms, get_all=True)(first)(T(ms, [1.5, -1.0]), T(ms, [2.0, 0.5]))


def case_higher_second_order_functions(ms):
    def f(x):
        return ms.ops.sin(x) * x

    g1 = GO(ms)(f)

    def df(x):
        return g1(x)

    return GO(ms)(df)(T(ms, [0.4, -1.1]))


# --------------------------------------------------------------------------
# ops in the forward pass
# --------------------------------------------------------------------------

def _op_case(ms, fn, *arrays):
    """Gradient of ``fn`` w.r.t. all tensor inputs, default sens."""
    def construct(self, *xs):
        return fn(*xs)
    net = make_cell(ms, construct)
    return grad_all(ms, net, *[T(ms, a) for a in arrays])


def case_op_matmul_transpose_a(ms):
    mm = ms.ops.MatMul(transpose_a=True)
    return _op_case(ms, lambda a, b: mm(a, b) * mm(a, b), rnd(41, (3, 2)), rnd(42, (3, 4)))


def case_op_matmul_transpose_b(ms):
    mm = ms.ops.MatMul(transpose_b=True)
    return _op_case(ms, lambda a, b: mm(a, b), rnd(43, (2, 3)), rnd(44, (4, 3)))


def case_op_matmul_transpose_both_sens(ms):
    mm = ms.ops.MatMul(transpose_a=True, transpose_b=True)

    def construct(self, a, b):
        return mm(a, b)
    net = make_cell(ms, construct)
    sens = T(ms, rnd(47, (2, 4)))
    return GO(ms, get_all=True, sens_param=True)(net)(T(ms, rnd(45, (3, 2))), T(ms, rnd(46, (4, 3))), sens)


def case_op_mul_add_broadcast(ms):
    return _op_case(ms, lambda a, b, c: ms.ops.Add()(ms.ops.Mul()(a, b), c),
                    rnd(50, (2, 3)), rnd(51, (3,)), rnd(52, (2, 1)))


def case_op_reducesum_keep_dims(ms):
    rs = ms.ops.ReduceSum(keep_dims=True)
    return _op_case(ms, lambda x, w: rs(x * w, 1) * w[:, :1], rnd(53, (3, 4)), rnd(54, (3, 4)))


def case_op_sum_axis(ms):
    return _op_case(ms, lambda x: ms.ops.sum(x * x, dim=0), rnd(55, (3, 2)))


def case_op_reducemean(ms):
    rm = ms.ops.ReduceMean(keep_dims=False)
    return _op_case(ms, lambda x: rm(x * x, 0), rnd(56, (4, 3)))


def case_op_mean(ms):
    return _op_case(ms, lambda x: ms.ops.mean(ms.ops.exp(x)), rnd(57, (2, 3)))


def case_op_exp_log(ms):
    return _op_case(ms, lambda x, y: ms.ops.exp(x) + ms.ops.log(y),
                    rnd(58, (2, 2)), rnd(59, (2, 2), 0.5, 3.0))


def case_op_tanh_sigmoid(ms):
    return _op_case(ms, lambda x: ms.ops.tanh(x) * ms.ops.sigmoid(x), rnd(60, (3, 3), -2, 2))


def case_op_relu_with_zero(ms):
    x = np.array([[-1.0, 0.0, 2.0], [0.5, -0.25, 0.0]], np.float32)
    return _op_case(ms, lambda a: ms.ops.relu(a) * 3.0, x)


def case_op_softmax(ms):
    w = rnd(62, (2, 4))
    return _op_case(ms, lambda x: ms.ops.softmax(x, axis=-1) * T(ms, w), rnd(61, (2, 4)))


def case_op_reshape_transpose(ms):
    w = rnd(64, (3, 2))
    return _op_case(ms, lambda x: ms.ops.transpose(ms.ops.reshape(x, (2, 3)), (1, 0)) * T(ms, w),
                    rnd(63, (6,)))


def case_op_concat(ms):
    w = rnd(67, (2, 5))
    return _op_case(ms, lambda a, b: ms.ops.concat((a, b), axis=1) * T(ms, w),
                    rnd(65, (2, 2)), rnd(66, (2, 3)))


def case_op_where(ms):
    cond = np.array([[True, False], [False, True]])
    return _op_case(ms, lambda a, b: ms.ops.where(T(ms, cond, np.bool_), a * a, b * 2.0),
                    rnd(68, (2, 2)), rnd(69, (2, 2)))


def case_op_maximum_ties(ms):
    a = np.array([1.0, 2.0, 3.0, -1.0], np.float32)
    b = np.array([1.0, 5.0, 0.0, -1.0], np.float32)
    return _op_case(ms, lambda x, y: ms.ops.maximum(x, y), a, b)


def case_op_minimum_ties(ms):
    a = np.array([1.0, 2.0, 3.0], np.float32)
    b = np.array([1.0, 5.0, 0.0], np.float32)
    return _op_case(ms, lambda x, y: ms.ops.minimum(x, y) * 2.0, a, b)


def case_op_reduce_max_ties(ms):
    # ties of a max reduction share the gradient equally
    return _op_case(ms, lambda x: ms.ops.amax(x * 2.0), np.array([1.0, 3.0, -2.0, 3.0], np.float32))


def case_op_clamp_boundaries(ms):
    # at x == min and x == max MindSpore passes the full gradient (1, not 0.5)
    return _op_case(ms, lambda x: ms.ops.clamp(x, -1.0, 1.0) * 3.0,
                    np.array([-2.0, -1.0, 0.5, 1.0, 2.0], np.float32))


def case_op_pow_tensor_exponent(ms):
    return _op_case(ms, lambda x, e: ms.ops.pow(x, e),
                    rnd(70, (3,), 0.5, 2.0), np.array([2.0, 0.5, 3.0], np.float32))


def case_op_pow_scalar_exponent(ms):
    return _op_case(ms, lambda x: ms.ops.pow(x, 3.0), rnd(71, (2, 2)))


def case_op_sqrt_square(ms):
    return _op_case(ms, lambda x, y: ms.ops.sqrt(x) + ms.ops.square(y),
                    rnd(72, (3,), 0.25, 4.0), rnd(73, (3,)))


def case_op_abs_with_zero(ms):
    x = np.array([-2.0, 0.0, 1.5], np.float32)
    return _op_case(ms, lambda a: ms.ops.abs(a) * 2.0, x)


def case_op_broadcast_to(ms):
    w = rnd(75, (3, 2))
    return _op_case(ms, lambda x: ms.ops.broadcast_to(x, (3, 2)) * T(ms, w), rnd(74, (1, 2)))


def case_op_expand_dims_squeeze(ms):
    w = rnd(77, (1, 3))
    return _op_case(ms, lambda x, y: ms.ops.expand_dims(x, 0) * T(ms, w) + ms.ops.squeeze(y, 1),
                    rnd(76, (3,)), rnd(78, (1, 1)))


def case_op_cast_roundtrip(ms):
    return _op_case(ms, lambda x: ms.ops.cast(ms.ops.cast(x, ms.float16), ms.float32) * 2.0,
                    np.array([0.5, -1.25, 3.0], np.float32))


def case_op_cast_to_float64(ms):
    return _op_case(ms, lambda x: ms.ops.cast(x, ms.float64) * ms.ops.cast(x, ms.float64),
                    np.array([0.5, -1.25, 3.0], np.float32))


def case_op_stop_gradient(ms):
    return _op_case(ms, lambda x, y: x * ms.ops.stop_gradient(y * y) + ms.ops.stop_gradient(x) * y,
                    np.array([1.0, 2.0], np.float32), np.array([3.0, -1.0], np.float32))


def case_op_assign_in_construct(ms):
    # No gradient flows through the assigned value: self.buf is read as a
    # parameter after the assign, so dx = buf + w, not 4x + w.
    def construct(self, x):
        ms.ops.assign(self.buf, x * 2.0)
        return self.buf * x + self.w * x
    net = make_cell(ms, construct, {
        "buf": P(ms, [0.0, 0.0], 'assign_buf'),
        "w": P(ms, [1.0, -1.0], 'assign_w'),
    })
    x = T(ms, [1.5, -2.0])
    g = GO(ms, get_all=True, get_by_list=True)(net, ms.ParameterTuple([net.w]))(x)
    return (g, net.buf * 1.0)


def case_op_index_row(ms):
    return _op_case(ms, lambda x: x[0] * x[1], rnd(79, (3, 2)))


def case_op_slice_columns(ms):
    w = rnd(81, (3, 2))
    return _op_case(ms, lambda x: x[:, 1:] * T(ms, w), rnd(80, (3, 3)))


def case_op_index_scalar_element(ms):
    return _op_case(ms, lambda x: x[1, 0] * x, rnd(82, (2, 2)))


# --------------------------------------------------------------------------
# errors
# --------------------------------------------------------------------------

def case_error_get_all_int(ms):
    GO(ms, get_all=1)
    return "no error"


def case_error_get_by_list_none(ms):
    GO(ms, get_by_list=None)
    return "no error"


def case_error_sens_param_str(ms):
    GO(ms, sens_param="True")
    return "no error"


def case_error_missing_sens(ms):
    # MindSpore takes the last positional argument (y) as sens and then
    # calls construct(x), which is missing y -> TypeError.
    net, (x, y), _ = doc_net(ms)
    return GO(ms, sens_param=True)(net)(x, y)


def case_error_sens_wrong_shape(ms):
    net, (x, y), _ = doc_net(ms)
    return GO(ms, sens_param=True)(net)(x, y, T(ms, np.ones((3, 3))))


def case_error_sens_wrong_dtype(ms):
    net, (x, y), _ = doc_net(ms)
    return GO(ms, sens_param=True)(net)(x, y, T(ms, np.ones((2, 2)), np.float64))


def case_error_sens_tensor_for_tuple_output(ms):
    net, (x, y), _ = tuple_net(ms)
    return GO(ms, get_all=True, sens_param=True)(net)(x, y, T(ms, np.ones((2, 3))))


def case_error_sens_tuple_too_short(ms):
    net, (x, y), sens = tuple_net(ms)
    return GO(ms, get_all=True, sens_param=True)(net)(x, y, (sens[0],))


def case_error_non_callable_fn(ms):
    fn = GO(ms)(5)
    return fn(T(ms, [1.0]))
