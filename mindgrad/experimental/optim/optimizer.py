"""`mindspore.experimental.optim.optimizer`: the base class of the PyTorch-style optimizers.

An optimizer is a Cell: `optimizer(grads)` applies one step to its parameters (the gradients in parameter order)
and returns True. `param_groups` is a list of dicts (`params`, `lr` and the hyper-parameters); each group's `lr` is a
Float32 Parameter named `learning_rate_group_<i>`, which the `lr_scheduler` classes change. The writes go through
`ops.assign`, so a step also works inside `ms.jit` and gradient calls.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.parameter import Parameter, ParameterTuple
from ...common.tensor import Tensor
from ...nn.cell import Cell
from ...ops.function import assign

__all__ = ["Optimizer"]


class Optimizer(Cell):
    """Base class: `Optimizer(params, defaults)`; `params` is an iterable of Parameters or of dicts (groups)."""

    def __init__(self, params, defaults: dict) -> None:
        super().__init__(auto_prefix=False)
        params = list(params) if not isinstance(params, Parameter) else [params]
        if not params:
            raise ValueError("For 'Optimizer', the 'params' should not be empty.")
        groups = params if isinstance(params[0], dict) else [{"params": params}]
        lr = defaults.get("lr")
        if isinstance(lr, (int, float)) and lr < 0:
            raise ValueError(f"For '{type(self).__name__}', the 'lr' should be >= 0, but got {lr}.")
        self.defaults = defaults
        self.param_groups: list = []
        self.lrs = []
        for i, group in enumerate(groups):
            group = {**defaults, **group, "params": list(group["params"])}
            group.setdefault("weight_decay", 0.0)
            group["lr"] = Parameter(Tensor(np.float32(_value(group["lr"]))), name=f"learning_rate_group_{i}")
            self.lrs.append(group["lr"])
            self.param_groups.append(group)
        self.parameters = ParameterTuple([p for g in self.param_groups for p in g["params"]])
        self.group_start_id = np.cumsum([0] + [len(g["params"]) for g in self.param_groups]).tolist()

    def add_param_group(self, param_group: dict) -> None:
        i = len(self.param_groups)
        group = {**self.defaults, **param_group, "params": list(param_group["params"])}
        group.setdefault("weight_decay", 0.0)
        group["lr"] = Parameter(Tensor(np.float32(_value(group["lr"]))), name=f"learning_rate_group_{i}")
        self.lrs.append(group["lr"])
        self.param_groups.append(group)

    def _state(self, prefix: str, init: float = 0.0) -> ParameterTuple:
        return ParameterTuple([Parameter(Tensor(np.full(p.shape, init, p._arr.dtype)), name=f"{prefix}.{p.name}",
                                         requires_grad=False) for p in self.parameters])

    def _scalars(self, prefix: str, init: float) -> list:
        """One Float32 scalar Parameter `<prefix>_<name>` per parameter (ASGD's `eta`/`mu`, NAdam's `mu_product`); a
        plain list, so, as in MindSpore, not among the Cell's Parameters."""
        return [Parameter(Tensor(np.float32(init)), name=f"{prefix}_{p.name}", requires_grad=False)
                for p in self.parameters]

    def _count(self):
        """The Int32 step counter `step_t`, advanced by one; returns the new count as an array."""
        step = _arr(self.step_t) + 1
        assign(self.step_t, Tensor(step))
        return step

    @staticmethod
    def _grad(group: dict, grad, param, decay: bool = True):
        """The gradient after `maximize` (negated) and L2 `weight_decay` (grad + weight_decay * param)."""
        g = _arr(grad)
        if group.get("maximize"):
            g = -g
        if decay and group.get("weight_decay"):
            g = g + group["weight_decay"] * param._arr
        return g

    def _grads(self, grads) -> list:
        grads = list(grads)
        if len(grads) != len(self.parameters):
            raise ValueError(f"For '{type(self).__name__}', the number of gradients {len(grads)} should equal the "
                             f"number of parameters {len(self.parameters)}.")
        return grads

    def _each(self):
        """(group, index, parameter) for every parameter."""
        k = 0
        for group in self.param_groups:
            for p in group["params"]:
                yield group, k, p
                k += 1

    def construct(self, grads):
        raise NotImplementedError

    def __call__(self, grads):
        return self.construct(grads)


def _value(x):
    return float(x.asnumpy()) if isinstance(x, Tensor) else float(x)


def _arr(x):
    return x._arr if isinstance(x, Tensor) else jnp.asarray(x)


def _check_positive(opt, strict: bool = True, **values) -> None:
    """MindSpore's ValueError for a hyper-parameter <= 0 (`strict`) or < 0."""
    for name, value in values.items():
        if value < 0 or (strict and value == 0):
            bound = "greater than 0.0" if strict else "greater than or equal to 0.0"
            raise ValueError(f"For {type(opt).__name__}, the {name} must be {bound}, but got {value}.")


def _check_betas(opt, betas) -> None:
    for k, beta in enumerate(betas):
        if not 0.0 <= beta < 1.0:
            raise ValueError(f"For '{type(opt).__name__}', the 'betas[{k}]' should be in range [0.0, 1.0), but got "
                             f"{beta}.")
