"""GRAPH_MODE and ms.jit: MindSpore's GRAPH_MODE gradient semantics (spec table 1.8) and
compiled Cell calls. Each GRAPH_MODE case restores PYNATIVE_MODE in a `finally`."""

import numpy as np

def _T(ms, a, dtype=np.float32):
    return ms.Tensor(np.asarray(a, dtype=dtype))

def _in_graph(ms, fn):
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        return fn()
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)

def _net(ms, frozen=True):
    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(ms.Tensor(np.array([2.0], np.float32)), name='w')
            self.b = ms.Parameter(ms.Tensor(np.array([3.0], np.float32)), name='b', requires_grad=not frozen)
            self.u = ms.Parameter(ms.Tensor(np.array([1.0], np.float32)), name='u')
        def construct(self, x):
            return x * self.w + self.b * x
    return Net()

def case_weights_none(ms):
    return _in_graph(ms, lambda: ms.ops.GradOperation(get_by_list=True)(_net(ms))(_T(ms, [3.0])))

def case_weights_none_get_all(ms):
    return _in_graph(ms, lambda: ms.ops.GradOperation(get_all=True, get_by_list=True)(_net(ms))(_T(ms, [3.0])))

def case_frozen_listed(ms):
    def run():
        n = _net(ms)
        return ms.ops.GradOperation(get_by_list=True)(n, ms.ParameterTuple([n.w, n.b, n.u]))(_T(ms, [3.0]))
    return _in_graph(ms, run)

def case_mutable_tuple(ms):
    class N(ms.nn.Cell):
        def construct(self, t, z):
            return t[0] * t[1] * z
    def run():
        a, b, z = _T(ms, [2.0]), _T(ms, [3.0]), _T(ms, [4.0])
        return ms.ops.GradOperation(get_all=True)(N())(ms.mutable((a, b)), z)
    return _in_graph(ms, run)

def case_mutable_tuple_pynative(ms):
    class N(ms.nn.Cell):
        def construct(self, t, z):
            return t[0] * t[1] * z
    a, b, z = _T(ms, [2.0]), _T(ms, [3.0]), _T(ms, [4.0])
    return ms.ops.GradOperation(get_all=True)(N())(ms.mutable((a, b)), z)

def case_alias(ms):
    class N(ms.nn.Cell):
        def construct(self, p, q):
            return p * q
    def run():
        a = _T(ms, [2.0])
        return ms.ops.GradOperation(get_all=True)(N())(a, a)
    return _in_graph(ms, run)

def case_list_sens(ms):
    class N(ms.nn.Cell):
        def construct(self, a, b):
            return a * b, a + b
    def run():
        x, y = _T(ms, [1.0, 2.0]), _T(ms, [3.0, 4.0])
        return ms.ops.GradOperation(sens_param=True)(N())(x, y, [x, y])
    return _in_graph(ms, run)

def case_kwargs_grad(ms):
    class N(ms.nn.Cell):
        def construct(self, x, r):
            return x * r
    def run():
        return ms.grad(N(), (0, 1))(_T(ms, [1.0]), r=_T(ms, [2.0]))
    return _in_graph(ms, run)

def case_empty_output(ms):
    class N(ms.nn.Cell):
        def construct(self, x):
            return ()
    return _in_graph(ms, lambda: ms.ops.GradOperation()(N())(_T(ms, [1.0])))

def case_weights_dict(ms):
    def run():
        n = _net(ms, frozen=False)
        return ms.ops.GradOperation(get_by_list=True)(n, {"w": n.w, "b": n.b})(_T(ms, [3.0]))
    return _in_graph(ms, run)

def case_position_out_of_range(ms):
    class N(ms.nn.Cell):
        def construct(self, x, y):
            return x * y
    return _in_graph(ms, lambda: ms.grad(N(), 5)(_T(ms, [1.0]), _T(ms, [2.0])))

def case_has_aux_single(ms):
    class N(ms.nn.Cell):
        def construct(self, x):
            return x * 2
    return _in_graph(ms, lambda: ms.grad(N(), 0, has_aux=True)(_T(ms, [1.0])))

def case_sens_wrong_dtype(ms):
    class N(ms.nn.Cell):
        def construct(self, x):
            return x * 2
    return _in_graph(ms,
                     lambda: ms.ops.GradOperation(sens_param=True)(N())(_T(ms, [1.0]), ms.Tensor(np.ones(1, np.int32))))

def case_sens_tensor_for_tuple(ms):
    class N(ms.nn.Cell):
        def construct(self, x):
            return x * 2, x
    return _in_graph(ms, lambda: ms.ops.GradOperation(sens_param=True)(N())(_T(ms, [1.0]), _T(ms, [1.0])))

def case_graph_cell_call_bn_like(ms):
    class N(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.count = ms.Parameter(ms.Tensor(np.array([0.0], np.float32)), name='count', requires_grad=False)
        def construct(self, x):
            ms.ops.assign(self.count, self.count + 1)
            return x * self.count
    def run():
        n = N()
        outs = [n(_T(ms, [2.0])) for _ in range(3)]
        return outs, n.count.asnumpy()
    return _in_graph(ms, run)

def case_jit_function_with_param_quirk(ms):
    # MindSpore 2.10's ms.jit keeps using a Parameter's old data after set_data; mindgrad uses the new.
    n = _net(ms, frozen=False)
    @ms.jit
    def f(x):
        return n(x) * 2
    r1 = f(_T(ms, [1.0]))
    n.w.set_data(_T(ms, [10.0]))
    r2 = f(_T(ms, [1.0]))
    return r1, r2

def case_jit_method(ms):
    class N(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(ms.Tensor(np.array([2.0], np.float32)), name='w')
        @ms.jit
        def construct(self, x):
            return x * self.w
    n = N()
    return n(_T(ms, [3.0])), ms.grad(n, None, n.trainable_params())(_T(ms, [3.0]))

def case_non_callable(ms):
    return _in_graph(ms, lambda: ms.ops.GradOperation()(3))

def _assigning_net(ms):
    class N(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.p = ms.Parameter(ms.Tensor(np.float32(1.0)), name="p")
        def construct(self, x):
            ms.ops.assign(self.p, self.p * 2)
            return x + 1, self.p
    return N()

def case_parameter_output_after_assign(ms):
    net = _assigning_net(ms)
    return [net(_T(ms, 0.0)) for _ in range(3)]

def case_parameter_output_after_assign_graph(ms):
    net = _assigning_net(ms)
    return _in_graph(ms, lambda: [net(_T(ms, 0.0)) for _ in range(3)])
