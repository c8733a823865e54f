"""`Cell.load_state_dict` and `Cell.check_names` (MindSpore 2.10): values, return values and errors."""

import numpy as np


def _net(ms):
    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.l1 = ms.nn.Dense(2, 1, weight_init="zeros")
            self.l2 = ms.nn.Dense(1, 1, weight_init="ones", has_bias=False)

        def construct(self, x):
            return self.l2(self.l1(x))

    return Net()


def case_load_state_dict_all_keys(ms):
    net = _net(ms)
    result = net.load_state_dict({"l1.weight": ms.Tensor(np.array([[1.5, -2.0]], np.float32)),
                                  "l1.bias": ms.Tensor(np.array([0.25], np.float32)),
                                  "l2.weight": ms.Tensor(np.array([[3.0]], np.float64))})
    return (repr(result), list(result.missing_keys), list(result.unexpected_keys),
            [(n, p.asnumpy().tolist(), str(p.dtype)) for n, p in net.parameters_and_names()])


def case_load_state_dict_not_strict(ms):
    net = _net(ms)
    result = net.load_state_dict({"l1.bias": ms.Tensor(np.array([2.0], np.float32)), "extra": ms.Tensor(1.0)},
                                 strict=False)
    return repr(result), net.l1.bias.asnumpy().tolist(), net.l1.weight.asnumpy().tolist()


def case_load_state_dict_errors_name_every_problem(ms):
    net = _net(ms)
    try:
        net.load_state_dict({"l1.weight": ms.Tensor(np.ones((3, 2), np.float32)), "zz": ms.Tensor(1.0)})
    except RuntimeError as e:
        return str(e), net.l1.weight.asnumpy().tolist()


def case_load_state_dict_not_a_tensor(ms):
    net = _net(ms)
    try:
        net.load_state_dict({"l1.weight": np.ones((1, 2), np.float32), "l1.bias": [2.0],
                             "l2.weight": ms.Tensor(np.ones((1, 1), np.float32))})
    except RuntimeError as e:
        return str(e), net.l2.weight.asnumpy().tolist()


def case_load_state_dict_not_a_mapping(ms):
    return _net(ms).load_state_dict([1])


def case_check_names(ms):
    net = _net(ms)
    net.check_names()
    net.l2.weight.name = "l1.weight"
    return net.check_names()
