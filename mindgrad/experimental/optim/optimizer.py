"""The optimizers of `mindspore.experimental.optim`, with PyTorch's update rules as MindSpore implements them.

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

__all__ = ["Optimizer", "SGD", "Adam", "AdamW"]


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
            group["lr"] = Parameter(Tensor(np.float32(_value(group["lr"]))), name=f"learning_rate_group_{i}")
            self.lrs.append(group["lr"])
            self.param_groups.append(group)
        self.parameters = ParameterTuple([p for g in self.param_groups for p in g["params"]])
        self.group_start_id = np.cumsum([0] + [len(g["params"]) for g in self.param_groups]).tolist()

    def add_param_group(self, param_group: dict) -> None:
        i = len(self.param_groups)
        group = {**self.defaults, **param_group, "params": list(param_group["params"])}
        group["lr"] = Parameter(Tensor(np.float32(_value(group["lr"]))), name=f"learning_rate_group_{i}")
        self.lrs.append(group["lr"])
        self.param_groups.append(group)

    def _state(self, prefix: str, init: float = 0.0) -> ParameterTuple:
        return ParameterTuple([Parameter(Tensor(np.full(p.shape, init, p._arr.dtype)), name=f"{prefix}.{p.name}",
                                         requires_grad=False) for p in self.parameters])

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


class SGD(Optimizer):
    """`SGD(params, lr, momentum=0, dampening=0, weight_decay=0.0, nesterov=False, *, maximize=False)`."""

    def __init__(self, params, lr, momentum=0, dampening=0, weight_decay=0.0, nesterov: bool = False, *,
                 maximize: bool = False) -> None:
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("For 'SGD', Nesterov momentum requires a momentum and zero dampening.")
        super().__init__(params, {"lr": lr, "momentum": momentum, "dampening": dampening,
                                  "weight_decay": weight_decay, "nesterov": nesterov, "maximize": maximize})
        self.momentum_buffer = self._state("momentum_buffer")
        self.step_t = Parameter(Tensor(np.int32(0)), name="step_t", requires_grad=False)

    def construct(self, grads):
        grads = self._grads(grads)
        first = _arr(self.step_t) == 0
        for group, k, p in self._each():
            g = _arr(grads[k])
            g = -g if group["maximize"] else g
            if group["weight_decay"]:
                g = g + group["weight_decay"] * p._arr
            mom = group["momentum"]
            if mom:
                buf = self.momentum_buffer[k]
                new_buf = jnp.where(first, g, mom * buf._arr + (1 - group["dampening"]) * g)
                assign(buf, Tensor(new_buf))
                g = g + mom * new_buf if group["nesterov"] else new_buf
            assign(p, Tensor(p._arr - _arr(group["lr"]).astype(p._arr.dtype) * g))
        assign(self.step_t, Tensor(_arr(self.step_t) + 1))
        return True


class Adam(Optimizer):
    """`Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False, *, maximize=False)`:
    bias-corrected moments; weight decay is added to the gradient (L2)."""

    _decoupled = False

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad: bool = False, *,
                 maximize: bool = False) -> None:
        if not 0.0 <= betas[0] < 1.0 or not 0.0 <= betas[1] < 1.0:
            raise ValueError(f"For '{type(self).__name__}', the 'betas' should be in [0, 1), but got {betas}.")
        if eps < 0:
            raise ValueError(f"For '{type(self).__name__}', the 'eps' should be >= 0, but got {eps}.")
        super().__init__(params, {"lr": lr, "betas": tuple(betas), "eps": eps, "weight_decay": weight_decay,
                                  "amsgrad": amsgrad, "maximize": maximize})
        self.exp_avg = self._state("exp_avg")
        self.exp_avg_sq = self._state("exp_avg_sq")
        self.max_exp_avg_sq = self._state("max_exp_avg_sq")
        self.state_step = Parameter(Tensor(np.float32(0)), name="state_step", requires_grad=False)

    def construct(self, grads):
        grads = self._grads(grads)
        step = _arr(self.state_step) + 1
        for group, k, p in self._each():
            g = _arr(grads[k])
            g = -g if group["maximize"] else g
            lr = _arr(group["lr"]).astype(p._arr.dtype)
            b1, b2 = group["betas"]
            w = p._arr
            if group["weight_decay"]:
                if self._decoupled:
                    w = w * (1 - lr * group["weight_decay"])
                else:
                    g = g + group["weight_decay"] * w
            m = b1 * self.exp_avg[k]._arr + (1 - b1) * g
            v = b2 * self.exp_avg_sq[k]._arr + (1 - b2) * g * g
            assign(self.exp_avg[k], Tensor(m))
            assign(self.exp_avg_sq[k], Tensor(v))
            if group["amsgrad"]:
                v = jnp.maximum(self.max_exp_avg_sq[k]._arr, v)
                assign(self.max_exp_avg_sq[k], Tensor(v))
            c1 = 1 - b1 ** step
            c2 = 1 - b2 ** step
            denom = jnp.sqrt(v) / jnp.sqrt(c2).astype(w.dtype) + group["eps"]
            assign(p, Tensor(w - (lr / c1).astype(w.dtype) * m / denom))
        assign(self.state_step, Tensor(step))
        return True


class AdamW(Adam):
    """`AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, *, maximize=False)`:
    Adam with decoupled weight decay (`param *= 1 - lr * weight_decay` before the step)."""

    _decoupled = True

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad: bool = False, *,
                 maximize: bool = False) -> None:
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, maximize=maximize)
