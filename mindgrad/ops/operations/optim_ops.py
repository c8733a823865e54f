"""Optimizer Primitives (`mindspore.ops.operations.nn_ops`: `ApplyMomentum`, `Adam`, `ApplyAdagrad`, ...).

Each one applies one update step: it writes the new values into its Parameter inputs (through `ops.assign`'s
store, so it also works inside `ms.jit` and gradient calls) and returns MindSpore's documented outputs (the
updated variables). The math runs in the dtype of `var`; scalar inputs may be Python numbers or Tensors; the
kernels are shared with the `nn` optimizers (`_optim_kernels.py`).

Where MindSpore 2.10's CPU kernel returns zeros instead of the updated values (`Adam`, `AdamWeightDecay`,
`FusedCastAdamWeightDecay`, `ApplyRMSProp`, `ApplyCenteredRMSProp`), mindgrad returns the documented values; where
it ignores an attribute (`ApplyMomentum`'s use_nesterov, `ApplyAdagrad`'s update_slots) or flips a sign
(`ApplyFtrl`'s and `ApplyAdagradDA`'s l1 shrinkage of a negative accumulator), mindgrad follows the documented
formula. `FusedWeightScaleApplyMomentum` and `ApplyKerasMomentum` (no CPU kernel in MindSpore) follow MindSpore's
documented formulas.
"""

from __future__ import annotations

import jax.numpy as jnp

from ...common.tensor import Tensor, wrap
from ..function.parameter_func import _store
from ..primitive import Primitive, prim_attr_register
from . import _optim_kernels as K

__all__ = ["ApplyMomentum", "Adam", "AdamWeightDecay", "AdamNoUpdateParam", "FusedSparseAdam",
           "FusedCastAdamWeightDecay", "FusedWeightScaleApplyMomentum", "ApplyAdaMax", "ApplyAdadelta", "ApplyAdagrad",
           "ApplyAdagradV2", "ApplyAdagradDA", "ApplyAdamWithAmsgrad", "ApplyAdamWithAmsgradV2", "ApplyAddSign",
           "ApplyPowerSign", "ApplyCenteredRMSProp", "ApplyRMSProp", "ApplyFtrl", "ApplyGradientDescent",
           "ApplyProximalGradientDescent", "ApplyKerasMomentum", "ApplyProximalAdagrad", "SGD"]


class _ApplyOptimizer(Primitive):
    """Shared call: validate `_inputs`, compute `_update` (new values by input name, plus extra outputs), write the
    new values into the Tensor inputs, return `_outputs`."""

    _inputs: tuple = ()
    _outputs: tuple = ("var",)
    _compute_dtype = None  # the dtype of the math; None: that of the first input

    def _update(self, a: dict) -> dict:
        raise NotImplementedError

    def __call__(self, *args, **kwargs):
        op = self.name
        if len(args) + len(kwargs) != len(self._inputs):
            raise TypeError(f"For '{op}', the number of inputs should be {len(self._inputs)}, but got "
                            f"{len(args) + len(kwargs)}.")
        named = dict(zip(self._inputs, args, strict=False))
        named.update(kwargs)
        target = named[self._inputs[0]]
        if not isinstance(target, Tensor):
            raise TypeError(f"For '{op}', the '{self._inputs[0]}' should be a Parameter or Tensor, but got "
                            f"{type(target).__name__}.")
        dtype = self._compute_dtype or target._arr.dtype
        if not jnp.issubdtype(target._arr.dtype, jnp.floating):
            raise TypeError(f"For '{op}', the '{self._inputs[0]}' should be a float tensor (float16 or float32), "
                            f"but got {target.dtype}.")
        a = {}
        for name, value in named.items():
            if isinstance(value, Tensor):
                x = value._arr
                a[name] = x.astype(dtype) if jnp.issubdtype(x.dtype, jnp.floating) else x
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                a[name] = jnp.asarray(value, dtype)
            else:
                raise TypeError(f"For '{op}', the '{name}' should be a Tensor or a number, but got "
                                f"{type(value).__name__}.")
        new = self._update(a)
        out = {}
        for name, value in new.items():
            if name in named and isinstance(named[name], Tensor):
                out[name] = _store(named[name], wrap(value), op)
            else:
                out[name] = wrap(value.astype(dtype))
        results = tuple(out[n] for n in self._outputs)
        return results[0] if len(results) == 1 else results


def _prox(v, lr, l1, l2):
    """sign(v) * max(|v| - lr * l1, 0) / (1 + lr * l2): the proximal step of the L1/L2 penalties."""
    return jnp.sign(v) * jnp.maximum(jnp.abs(v) - lr * l1, 0) / (1 + lr * l2)


class ApplyMomentum(_ApplyOptimizer):
    """`ApplyMomentum(use_nesterov=False, use_locking=False, gradient_scale=1.0)(variable, accumulation,
    learning_rate, gradient, momentum)`: accum = momentum * accum + gradient; variable -= lr * accum (Nesterov:
    variable -= lr * (gradient + momentum * accum)). Returns variable."""

    _inputs = ("variable", "accumulation", "learning_rate", "gradient", "momentum")
    _outputs = ("variable",)

    @prim_attr_register
    def __init__(self, use_nesterov: bool = False, use_locking: bool = False, gradient_scale: float = 1.0) -> None:
        pass

    def _update(self, a):
        var, acc = K._momentum_kernel(a["variable"], a["accumulation"], a["learning_rate"], a["gradient"],
                                      a["momentum"], nesterov=bool(self.use_nesterov))
        return {"accumulation": acc, "variable": var}


class FusedWeightScaleApplyMomentum(_ApplyOptimizer):
    """`FusedWeightScaleApplyMomentum()(weight_decay, loss_scale, variable, accumulation, learning_rate, gradient,
    momentum)`: ApplyMomentum on the gradient `gradient * loss_scale + weight_decay * variable` (the GPU kernel's
    formula; MindSpore's optimizers pass the reciprocal of the loss scale). Returns variable."""

    _inputs = ("variable", "accumulation", "learning_rate", "gradient", "momentum")
    _outputs = ("variable",)

    @prim_attr_register
    def __init__(self) -> None:
        pass

    def __call__(self, weight_decay, loss_scale, variable, accumulation, learning_rate, gradient, momentum):
        if not isinstance(variable, Tensor):
            raise TypeError(f"For '{self.name}', the 'variable' should be a Parameter or Tensor, but got "
                            f"{type(variable).__name__}.")
        scaled = gradient * loss_scale + weight_decay * wrap(variable._arr)
        return super().__call__(variable, accumulation, learning_rate, scaled, momentum)

    def _update(self, a):
        var, acc = K._momentum_kernel(a["variable"], a["accumulation"], a["learning_rate"], a["gradient"],
                                      a["momentum"], nesterov=False)
        return {"accumulation": acc, "variable": var}


class Adam(_ApplyOptimizer):
    """`Adam(use_locking=False, use_nesterov=False)(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon,
    grad)`: m, v moments; var -= lr * sqrt(1 - beta2_power) / (1 - beta1_power) * m / (sqrt(v) + epsilon), with
    `beta1 * m + (1 - beta1) * grad` for m under Nesterov. Returns (var, m, v)."""

    _inputs = ("var", "m", "v", "beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon", "grad")
    _outputs = ("var", "m", "v")

    @prim_attr_register
    def __init__(self, use_locking: bool = False, use_nesterov: bool = False) -> None:
        pass

    def _update(self, a):
        var, m, v = K._adam_kernel(*(a[k] for k in Adam._inputs), nesterov=bool(self.use_nesterov))
        return {"m": m, "v": v, "var": var, "update": var - a["var"]}


class AdamNoUpdateParam(Adam):
    """`AdamNoUpdateParam(use_locking=False, use_nesterov=False)(m, v, beta1_power, beta2_power, lr, beta1, beta2,
    epsilon, grad)`: updates m and v as `Adam` does and returns the step to add to the parameter."""

    _inputs = ("m", "v", "beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon", "grad")
    _outputs = ("update",)

    def _update(self, a):
        new = Adam._update(self, {**a, "var": jnp.zeros_like(a["m"])})
        del new["var"]
        return new


class FusedSparseAdam(Adam):
    """`FusedSparseAdam(use_locking=False, use_nesterov=False)(var, m, v, beta1_power, beta2_power, lr, beta1,
    beta2, epsilon, grad, indices)`: `Adam` with the rows `grad` of `indices` scattered (summed) into a zero
    gradient; every row of var, m and v is updated. Returns (var, m, v)."""

    _inputs = ("var", "m", "v", "beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon", "grad",
               "indices")

    def _update(self, a):
        idx = a.pop("indices")
        if not jnp.issubdtype(idx.dtype, jnp.integer):
            raise TypeError(f"For '{self.name}', the 'indices' should be an int32 tensor, but got {idx.dtype}.")
        dense = jnp.zeros_like(a["var"]).at[idx].add(a["grad"])
        return super()._update({**a, "grad": dense})


class FusedCastAdamWeightDecay(_ApplyOptimizer):
    """`FusedCastAdamWeightDecay(use_locking=False)(var, m, v, lr, beta1, beta2, epsilon, decay, gradient,
    global_norm)`: `AdamWeightDecay` in float32 on a float16 or float32 `var` (float32 m and v), with the gradient
    divided by `global_norm`. Returns (var, m, v)."""

    _inputs = ("var", "m", "v", "lr", "beta1", "beta2", "epsilon", "decay", "grad", "global_norm")
    _outputs = ("var", "m", "v")
    _compute_dtype = jnp.float32

    @prim_attr_register
    def __init__(self, use_locking: bool = False) -> None:
        pass

    def _update(self, a):
        a = {**a, "grad": a["grad"] / a.pop("global_norm")}
        var, m, v = K._adam_weight_decay_kernel(*(a[k] for k in AdamWeightDecay._inputs))
        return {"m": m, "v": v, "var": var}


class AdamWeightDecay(_ApplyOptimizer):
    """`AdamWeightDecay(use_locking=False)(var, m, v, lr, beta1, beta2, epsilon, decay, gradient)`: m, v moments;
    var -= lr * (m / (sqrt(v) + epsilon) + decay * var). Returns (var, m, v)."""

    _inputs = ("var", "m", "v", "lr", "beta1", "beta2", "epsilon", "decay", "grad")
    _outputs = ("var", "m", "v")

    @prim_attr_register
    def __init__(self, use_locking: bool = False) -> None:
        pass

    def _update(self, a):
        var, m, v = K._adam_weight_decay_kernel(*(a[k] for k in self._inputs))
        return {"m": m, "v": v, "var": var}


class ApplyAdaMax(_ApplyOptimizer):
    """`ApplyAdaMax()(var, m, v, beta1_power, lr, beta1, beta2, epsilon, grad)`: m = beta1 m + (1 - beta1) g;
    v = max(beta2 v, |g|); var -= lr / (1 - beta1_power) * m / (v + epsilon). Returns (var, m, v)."""

    _inputs = ("var", "m", "v", "beta1_power", "lr", "beta1", "beta2", "epsilon", "grad")
    _outputs = ("var", "m", "v")

    @prim_attr_register
    def __init__(self) -> None:
        pass

    def _update(self, a):
        g = a["grad"]
        m = a["beta1"] * a["m"] + (1 - a["beta1"]) * g
        v = jnp.maximum(a["beta2"] * a["v"], jnp.abs(g))
        var = a["var"] - a["lr"] / (1 - a["beta1_power"]) * m / (v + a["epsilon"])
        return {"m": m, "v": v, "var": var}


class ApplyAdadelta(_ApplyOptimizer):
    """`ApplyAdadelta()(var, accum, accum_update, lr, rho, epsilon, grad)`: Adadelta's running averages of the
    squared gradient and the squared step; var -= lr * step. Returns (var, accum, accum_update)."""

    _inputs = ("var", "accum", "accum_update", "lr", "rho", "epsilon", "grad")
    _outputs = ("var", "accum", "accum_update")

    @prim_attr_register
    def __init__(self) -> None:
        pass

    def _update(self, a):
        var, accum, upd = K._adadelta_kernel(*(a[k] for k in self._inputs))
        return {"accum": accum, "accum_update": upd, "var": var}


class ApplyAdagrad(_ApplyOptimizer):
    """`ApplyAdagrad(update_slots=True)(var, accum, lr, grad)`: accum += grad ** 2 (if update_slots);
    var -= lr * grad / sqrt(accum). Returns (var, accum)."""

    _inputs = ("var", "accum", "lr", "grad")
    _outputs = ("var", "accum")
    _eps = 0.0

    @prim_attr_register
    def __init__(self, update_slots: bool = True) -> None:
        pass

    def _update(self, a):
        var, accum = K._adagrad_kernel(a["var"], a["accum"], a["lr"], a["grad"], update_slots=bool(self.update_slots),
                                       eps=self._eps)
        return {"accum": accum, "var": var}


class ApplyAdagradV2(ApplyAdagrad):
    """`ApplyAdagradV2(epsilon, update_slots=True)(var, accum, lr, grad)`: `ApplyAdagrad` with
    var -= lr * grad / (sqrt(accum) + epsilon). Returns (var, accum)."""

    @prim_attr_register
    def __init__(self, epsilon: float, update_slots: bool = True) -> None:
        if not isinstance(epsilon, float):
            raise TypeError(f"For 'ApplyAdagradV2', the 'epsilon' should be a float, but got "
                            f"{type(epsilon).__name__}.")
        self._eps = epsilon


class ApplyAdagradDA(_ApplyOptimizer):
    """`ApplyAdagradDA(use_locking=False)(var, gradient_accumulator, gradient_squared_accumulator, grad, lr, l1, l2,
    global_step)`: the dual-averaging Adagrad step. Returns var."""

    _inputs = ("var", "gradient_accumulator", "gradient_squared_accumulator", "grad", "lr", "l1", "l2",
               "global_step")

    @prim_attr_register
    def __init__(self, use_locking: bool = False) -> None:
        pass

    def _update(self, a):
        g = a["grad"]
        acc = a["gradient_accumulator"] + g
        sq = a["gradient_squared_accumulator"] + g * g
        step = a["global_step"].astype(g.dtype)
        shrunk = jnp.sign(acc) * jnp.maximum(jnp.abs(acc) - a["l1"] * step, 0)
        var = -a["lr"] * shrunk / (a["l2"] * step * a["lr"] + jnp.sqrt(sq))
        return {"gradient_accumulator": acc, "gradient_squared_accumulator": sq, "var": var}


class ApplyAdamWithAmsgradV2(_ApplyOptimizer):
    """`ApplyAdamWithAmsgradV2(use_locking=False)(var, m, v, vhat, beta1_power, beta2_power, lr, beta1, beta2,
    epsilon, grad)`: Adam with vhat = max(vhat, v) in the denominator. Returns (var, m, v, vhat)."""

    _inputs = ("var", "m", "v", "vhat", "beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon", "grad")
    _outputs = ("var", "m", "v", "vhat")

    @prim_attr_register
    def __init__(self, use_locking: bool = False) -> None:
        pass

    def _update(self, a):
        var, m, v, vhat = K._amsgrad_kernel(*(a[k] for k in ApplyAdamWithAmsgradV2._inputs))
        return {"m": m, "v": v, "vhat": vhat, "var": var}


class ApplyAdamWithAmsgrad(ApplyAdamWithAmsgradV2):
    """`ApplyAdamWithAmsgrad(beta1=0.9, beta2=0.999, epsilon=1e-8, use_locking=False)(var, m, v, vhat, beta1_power,
    beta2_power, lr, grad)`: `ApplyAdamWithAmsgradV2` with the hyper-parameters as attributes."""

    _inputs = ("var", "m", "v", "vhat", "beta1_power", "beta2_power", "lr", "grad")

    @prim_attr_register
    def __init__(self, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8,
                 use_locking: bool = False) -> None:
        pass

    def _update(self, a):
        dtype = a["var"].dtype
        hyper = {k: jnp.asarray(getattr(self, k), dtype) for k in ("beta1", "beta2", "epsilon")}
        return super()._update({**a, **hyper})


class ApplyAddSign(_ApplyOptimizer):
    """`ApplyAddSign()(var, m, lr, alpha, sign_decay, beta, grad)`: m = beta m + (1 - beta) g;
    var -= lr * (alpha + sign_decay * sign(g) * sign(m)) * g. Returns (var, m)."""

    _inputs = ("var", "m", "lr", "alpha", "sign_decay", "beta", "grad")
    _outputs = ("var", "m")

    @prim_attr_register
    def __init__(self) -> None:
        pass

    def _scale(self, a, agree):
        return a["alpha"] + a["sign_decay"] * agree

    def _update(self, a):
        g = a["grad"]
        m = a["beta"] * a["m"] + (1 - a["beta"]) * g
        return {"m": m, "var": a["var"] - a["lr"] * self._scale(a, jnp.sign(g) * jnp.sign(m)) * g}


class ApplyPowerSign(ApplyAddSign):
    """`ApplyPowerSign()(var, m, lr, logbase, sign_decay, beta, grad)`: `ApplyAddSign` with the scale
    exp(logbase * sign_decay * sign(g) * sign(m)). Returns (var, m)."""

    _inputs = ("var", "m", "lr", "logbase", "sign_decay", "beta", "grad")

    def _scale(self, a, agree):
        return jnp.exp(a["logbase"] * a["sign_decay"] * agree)


class ApplyRMSProp(_ApplyOptimizer):
    """`ApplyRMSProp(use_locking=False)(var, mean_square, moment, learning_rate, grad, decay, momentum, epsilon)`:
    mean_square = decay ms + (1 - decay) g^2; moment = momentum moment + lr g / sqrt(ms + epsilon); var -= moment.
    Returns var."""

    _inputs = ("var", "mean_square", "moment", "learning_rate", "grad", "decay", "momentum", "epsilon")

    @prim_attr_register
    def __init__(self, use_locking: bool = False) -> None:
        pass

    def _update(self, a):
        centered = "mean_gradient" in a
        var, mg, ms, mom = K._rmsprop_kernel(a["var"], a.get("mean_gradient", a["mean_square"]), a["mean_square"],
                                             a["moment"], a["learning_rate"], a["grad"], a["decay"], a["momentum"],
                                             a["epsilon"], centered=centered)
        return {"mean_square": ms, "moment": mom, "var": var, **({"mean_gradient": mg} if centered else {})}


class ApplyCenteredRMSProp(ApplyRMSProp):
    """`ApplyCenteredRMSProp(use_locking=False)(var, mean_gradient, mean_square, moment, grad, learning_rate, decay,
    momentum, epsilon)`: `ApplyRMSProp` with the variance `mean_square - mean_gradient ** 2`. Returns var."""

    _inputs = ("var", "mean_gradient", "mean_square", "moment", "grad", "learning_rate", "decay", "momentum",
               "epsilon")


class ApplyFtrl(_ApplyOptimizer):
    """`ApplyFtrl(use_locking=False)(var, accum, linear, grad, lr, l1, l2, lr_power)`: the FTRL-proximal step.
    Returns var."""

    _inputs = ("var", "accum", "linear", "grad", "lr", "l1", "l2", "lr_power")

    @prim_attr_register
    def __init__(self, use_locking: bool = False) -> None:
        pass

    def _update(self, a):
        var, accum, linear = K._ftrl_kernel(*(a[k] for k in self._inputs))
        return {"accum": accum, "linear": linear, "var": var}


class ApplyGradientDescent(_ApplyOptimizer):
    """`ApplyGradientDescent()(var, alpha, delta)`: var -= alpha * delta. Returns var."""

    _inputs = ("var", "alpha", "delta")

    @prim_attr_register
    def __init__(self) -> None:
        pass

    def _update(self, a):
        return {"var": a["var"] - a["alpha"] * a["delta"]}


class ApplyProximalGradientDescent(_ApplyOptimizer):
    """`ApplyProximalGradientDescent()(var, alpha, l1, l2, delta)`: the proximal step of var - alpha * delta.
    Returns var."""

    _inputs = ("var", "alpha", "l1", "l2", "delta")

    @prim_attr_register
    def __init__(self) -> None:
        pass

    def _update(self, a):
        return {"var": _prox(a["var"] - a["alpha"] * a["delta"], a["alpha"], a["l1"], a["l2"])}


class ApplyProximalAdagrad(_ApplyOptimizer):
    """`ApplyProximalAdagrad(use_locking=False)(var, accum, lr, l1, l2, grad)`: accum += grad ** 2, then the
    proximal step with the rate lr / sqrt(accum). Returns (var, accum)."""

    _inputs = ("var", "accum", "lr", "l1", "l2", "grad")
    _outputs = ("var", "accum")

    @prim_attr_register
    def __init__(self, use_locking: bool = False) -> None:
        pass

    def _update(self, a):
        g = a["grad"]
        accum = a["accum"] + g * g
        rate = a["lr"] / jnp.sqrt(accum)
        return {"accum": accum, "var": _prox(a["var"] - rate * g, rate, a["l1"], a["l2"])}


class ApplyKerasMomentum(_ApplyOptimizer):
    """`ApplyKerasMomentum(use_locking=False, use_nesterov=False)(var, accum, lr, grad, momentum)`:
    accum = momentum * accum - lr * grad; var += accum (Nesterov: var += momentum * accum - lr * grad).
    Returns (var, accum). MindSpore runs it on Ascend only; this is its documented formula."""

    _inputs = ("var", "accum", "lr", "grad", "momentum")
    _outputs = ("var", "accum")

    @prim_attr_register
    def __init__(self, use_locking: bool = False, use_nesterov: bool = False) -> None:
        pass

    def _update(self, a):
        step = a["lr"] * a["grad"]
        accum = a["momentum"] * a["accum"] - step
        var = a["var"] + (a["momentum"] * accum - step if self.use_nesterov else accum)
        return {"accum": accum, "var": var}


class SGD(_ApplyOptimizer):
    """`SGD(dampening=0.0, weight_decay=0.0, nesterov=False)(parameters, gradient, learning_rate, accum, momentum,
    stat)`: PyTorch-style SGD with momentum; `stat` > 0 marks the first step (accum = gradient) and is then set
    to 0. Returns parameters."""

    _inputs = ("parameters", "gradient", "learning_rate", "accum", "momentum", "stat")
    _outputs = ("parameters",)

    @prim_attr_register
    def __init__(self, dampening: float = 0.0, weight_decay: float = 0.0, nesterov: bool = False) -> None:
        if not isinstance(nesterov, bool):
            raise TypeError(f"For 'SGD', the 'nesterov' should be a bool, but got {type(nesterov).__name__}.")

    def _update(self, a):
        p, dtype = a["parameters"], a["parameters"].dtype
        grad = a["gradient"] + jnp.asarray(self.weight_decay, dtype) * p
        p, accum, stat = K._sgd_kernel(p, grad, a["learning_rate"], a["accum"], a["stat"], a["momentum"],
                                       jnp.asarray(self.dampening, dtype), nesterov=bool(self.nesterov))
        return {"accum": accum, "stat": stat, "parameters": p}
