"""`python -m mindgrad demo`: the GradOperation documentation examples, run on mindgrad."""

from __future__ import annotations

import numpy as np

import mindgrad as ms
from mindgrad import Parameter, ParameterTuple, Tensor, nn, ops
from mindgrad import dtype as mstype


class Net(nn.Cell):
    """The network of MindSpore's GradOperation page: `matmul(x * z, y)`."""

    def __init__(self) -> None:
        super().__init__()
        self.matmul = ops.MatMul()
        self.z = Parameter(Tensor(np.array([1.0], np.float32)), name="z")

    def construct(self, x, y):
        x = x * self.z
        return self.matmul(x, y)


def main() -> None:
    x = Tensor([[0.5, 0.6, 0.4], [1.2, 1.3, 1.1]], dtype=mstype.float32)
    y = Tensor([[0.01, 0.3, 1.1], [0.1, 0.2, 1.3], [2.1, 1.2, 3.3]], dtype=mstype.float32)
    s = Tensor([[0.1, 0.6, 0.2], [0.8, 1.3, 1.1]], dtype=mstype.float32)
    net = Net()
    params = ParameterTuple(net.trainable_params())
    examples = [
        ("ops.GradOperation()(net)(x, y)", lambda: ops.GradOperation()(net)(x, y)),
        ("ops.GradOperation(get_all=True)(net)(x, y)", lambda: ops.GradOperation(get_all=True)(net)(x, y)),
        ("ops.GradOperation(get_by_list=True)(net, params)(x, y)",
         lambda: ops.GradOperation(get_by_list=True)(net, params)(x, y)),
        ("ops.GradOperation(get_all=True, get_by_list=True)(net, params)(x, y)",
         lambda: ops.GradOperation(get_all=True, get_by_list=True)(net, params)(x, y)),
        ("ops.GradOperation(get_all=True, sens_param=True)(net)(x, y, s)",
         lambda: ops.GradOperation(get_all=True, sens_param=True)(net)(x, y, s)),
        ("ops.GradOperation(get_all=True, sens_param=True)(net)(x, y, sens=s)",
         lambda: ops.GradOperation(get_all=True, sens_param=True)(net)(x, y, sens=s)),
        ("ops.GradOperation(get_by_list=True)(net, ParameterTuple([]))(x, y)",
         lambda: ops.GradOperation(get_by_list=True)(net, ParameterTuple([]))(x, y)),
    ]
    print(f"mindgrad {ms.__version__}: the GradOperation examples of MindSpore's documentation\n")
    print("x =", repr(x))
    print("y =", repr(y))
    print("net.z =", repr(net.z), "\n")
    for title, call in examples:
        print(">>>", title)
        print(repr(call()), "\n")
    print(">>> ops.GradOperation(get_all=1)")
    try:
        ops.GradOperation(get_all=1)
    except TypeError as e:
        print(f"TypeError: {e}")
