"""`Distribution`: the base Cell of MindSpore's `nn.probability.distribution`.

A distribution holds default parameters given at construction (kept as Tensors in
`parameter_type`; a Parameter stays a Parameter, so it trains). Every method accepts the
distribution's parameters again per call (`dist_spec_args`, Tensors only), which override the
defaults for that call; a parameter given neither way is a TypeError. Per-call parameters must
share the first one's dtype and broadcast together. Methods a subclass lacks come from the ones it
has, as in MindSpore (`prob` from `_log_prob`, `sd` from `_var`, `survival_function` from `cdf`,
...); others raise NotImplementedError. Calling the Cell, `dist('log_prob', value, ...)`, runs the
named method. Samples are drawn from JAX's generator (MindSpore's numbers cannot be reproduced):
shapes, dtypes and distribution match; after `set_seed` the same program draws the same samples.
"""

from __future__ import annotations

import jax.numpy as jnp

from ....common import dtype as mstype
from ....common import seed as _seed
from ....common.tensor import Tensor, wrap
from ... import _validator as V
from ...cell import Cell
from .. import _checks as C

# public method -> ((attributes that must exist, method called, post-processing of its result), ...)
_DERIVED = {
    "prob": ((("_prob",), "_prob", None), (("_log_prob",), "_log_prob", jnp.exp)),
    "log_prob": ((("_log_prob",), "_log_prob", None), (("_prob",), "_prob", jnp.log)),
    "cdf": ((("_cdf",), "_cdf", None), (("_log_cdf",), "_log_cdf", jnp.exp),
            (("_survival_function",), "_survival_function", lambda s: 1.0 - s),
            (("_log_survival",), "_log_survival", lambda s: 1.0 - jnp.exp(s))),
    "survival_function": ((("_survival_function",), "_survival_function", None),
                          (("_log_survival",), "_log_survival", jnp.exp),
                          (("_cdf", "_log_cdf"), "cdf", lambda c: 1.0 - c)),
    "log_cdf": ((("_log_cdf",), "_log_cdf", None),
                (("_cdf", "_survival_function", "_log_survival"), "cdf", jnp.log)),
    "log_survival": ((("_log_survival",), "_log_survival", None),
                     (("_survival_function", "_cdf", "_log_cdf"), "survival_function", jnp.log)),
    "sd": ((("_sd",), "_sd", None), (("_var",), "_var", jnp.sqrt)),
    "var": ((("_var",), "_var", None), (("_sd",), "_sd", jnp.square)),
    "cross_entropy": ((("_cross_entropy",), "_cross_entropy", None),),
}

_CONSTRUCT = {"log_prob": "log_prob", "prob": "prob", "cdf": "cdf", "log_cdf": "log_cdf",
              "survival_function": "survival_function", "log_survival": "log_survival", "kl_loss": "_kl_loss",
              "mean": "_mean", "mode": "_mode", "sd": "sd", "var": "var", "entropy": "_entropy",
              "cross_entropy": "cross_entropy", "sample": "_sample", "get_dist_args": "_get_dist_args",
              "get_dist_type": "_get_dist_type"}


def _cast(a, dtype):
    """`a` in MindSpore dtype `dtype` (no op when it already is)."""
    np_dtype = mstype.to_numpy(dtype)
    return a if a.dtype == np_dtype else a.astype(np_dtype)


class Distribution(Cell):
    """Base class of distributions: `Distribution(seed, dtype, name, param)`; `param` is the
    subclass's `locals()` with `param['param_dict']` naming its distribution parameters."""

    def __init__(self, seed: int | None, dtype, name: str, param: dict) -> None:
        super().__init__()
        seed = 0 if seed is None else seed
        V.check_value_type("name", name, [str], type(self).__name__)
        V.check_non_negative_int(seed, "seed", name)
        self._name = name
        self._seed = seed
        self._dtype = dtype
        self._parameters = {k: v for k, v in param.items() if k != "self" and not k.startswith("_")}
        self.default_parameters = []
        self.parameter_names = []
        if "distribution" not in self._parameters:
            self.parameter_type = C.param_type(self._parameters.get("param_dict", {}), dtype)
            self._batch_shape = self._calc_batch_shape()
            self._is_scalar_batch = all(v is None or isinstance(v, (int, float))
                                        for v in self._parameters.get("param_dict", {}).values())
            self._broadcast_shape = self._batch_shape
        self.__dict__["_mindgrad_rng"] = _seed.new_stream(name)

    name = property(lambda self: self._name)
    dtype = property(lambda self: self._dtype)
    seed = property(lambda self: self._seed)
    parameters = property(lambda self: self._parameters)
    is_scalar_batch = property(lambda self: self._is_scalar_batch)
    batch_shape = property(lambda self: self._batch_shape)
    broadcast_shape = property(lambda self: self._broadcast_shape)

    def _calc_batch_shape(self):
        shape = ()
        for value in self._parameters.get("param_dict", {}).values():
            if value is None:
                return None
            shape = jnp.broadcast_shapes(shape, tuple(C.cast_to_tensor(value).shape))
        return shape

    def _reset_parameters(self) -> None:
        self.default_parameters = []
        self.parameter_names = []

    def _add_parameter(self, value, name: str):
        """Keep `value` (as a Tensor in `parameter_type`, or None) as the default of parameter `name`."""
        value_t = None if value is None else C.cast_to_tensor(value, self.parameter_type)
        self.default_parameters.append(value_t)
        self.parameter_names.append(name)
        return value_t

    # -- parameter and value handling (JAX arrays inside, Tensors at the API) --

    def _args(self, *args) -> tuple:
        """The parameters of one call as JAX arrays in `parameter_type`, broadcast together."""
        out, shape, first = [], None, None
        for arg, name, default in zip(args, self.parameter_names, self.default_parameters, strict=True):
            if arg is not None:
                C.check_tensor(arg, name)
            elif default is None:
                raise TypeError(f"the type {name} must be subclass of Tensor. It can not be None since it is not "
                                "specified during initialization.")
            else:
                arg = default
            a = arg._arr
            if shape is None:
                shape, first = a.shape, a.dtype
            else:
                try:
                    shape = jnp.broadcast_shapes(shape, a.shape)
                except ValueError:
                    raise ValueError(f"For '{self.name}', {name} of shape {list(a.shape)} and the other parameters "
                                     f"of shape {list(shape)} need to broadcast.") from None
                if a.dtype != first:
                    raise TypeError(f"For '{self.name}', the dtype of {name} should be the same as the other "
                                    f"parameters': {first}, but got {a.dtype}.")
            out.append(_cast(a, self.parameter_type))
        return tuple(a if a.shape == shape else jnp.broadcast_to(a, shape) for a in out)

    def _check_param_type(self, *args):
        """MindSpore's `_check_param_type`: the call's parameters as Tensors (one Tensor for one parameter)."""
        out = tuple(wrap(a) for a in self._args(*args))
        return out[0] if len(out) == 1 else out

    def _check_value(self, value, name: str):
        return C.check_tensor(value, name)

    def _value(self, value, dtype=None):
        """`value` (a Tensor) as a JAX array cast to `dtype` (default: the distribution's dtype)."""
        C.check_tensor(value, "value")
        return _cast(value._arr, self.dtype if dtype is None else dtype)

    def _other(self, value, name: str):
        """A parameter of the second distribution of `kl_loss` / `cross_entropy`, in `parameter_type`."""
        return _cast(C.check_tensor(value, name)._arr, self.parameter_type)

    def _dist_args(self, *args) -> tuple:
        """`get_dist_args`: each given Tensor, else the default."""
        for arg, name in zip(args, self.parameter_names, strict=True):
            if arg is not None:
                C.check_tensor(arg, name)
        return tuple(a if a is not None else d for a, d in zip(args, self.default_parameters, strict=True))

    def _key(self):
        return _seed.next_key(self.__dict__["_mindgrad_rng"])

    def _sample_shape(self, shape, *params) -> tuple:
        return C.check_tuple(shape, "shape") + jnp.broadcast_shapes(*(p.shape for p in params))

    def _out(self, a, dtype=None) -> Tensor:
        """A result array as a Tensor of `dtype` (default: the distribution's dtype)."""
        return wrap(_cast(a, self.dtype if dtype is None else dtype))

    def _scalar_repr(self) -> str | None:
        """The repr of a scalar-batch distribution (None: the class has no repr of its own)."""
        return None

    def extend_repr(self) -> str:
        if self._scalar_repr() is None:
            return ""
        if self.is_scalar_batch:
            return self._scalar_repr()
        return f"batch_shape = {self._broadcast_shape}"

    # -- the public methods --

    def _derived(self, fname: str, *args, **kwargs):
        for needs, method, post in _DERIVED[fname]:
            if any(hasattr(self, n) for n in needs):
                out = getattr(self, method)(*args, **kwargs)
                return out if post is None else wrap(post(C.arr(out)))
        return C.not_implemented(fname, self.name)

    def prob(self, value, *args, **kwargs):
        """The probability (density or mass) at `value`."""
        return self._derived("prob", value, *args, **kwargs)

    def log_prob(self, value, *args, **kwargs):
        """The log probability (density or mass) at `value`."""
        return self._derived("log_prob", value, *args, **kwargs)

    def cdf(self, value, *args, **kwargs):
        """The cumulative distribution function at `value`."""
        return self._derived("cdf", value, *args, **kwargs)

    def log_cdf(self, value, *args, **kwargs):
        """The log of the cumulative distribution function at `value`."""
        return self._derived("log_cdf", value, *args, **kwargs)

    def survival_function(self, value, *args, **kwargs):
        """1 - cdf at `value`."""
        return self._derived("survival_function", value, *args, **kwargs)

    def log_survival(self, value, *args, **kwargs):
        """The log of the survival function at `value`."""
        return self._derived("log_survival", value, *args, **kwargs)

    def sd(self, *args, **kwargs):
        """The standard deviation."""
        return self._derived("sd", *args, **kwargs)

    def var(self, *args, **kwargs):
        """The variance."""
        return self._derived("var", *args, **kwargs)

    def cross_entropy(self, dist, *args, **kwargs):
        """The cross entropy H(a, b) against distribution `dist` (its name) with b's parameters in `args`."""
        return self._derived("cross_entropy", dist, *args, **kwargs)

    def kl_loss(self, dist, *args, **kwargs):
        """KL(a||b) against distribution `dist` (its name) with b's parameters in `args`."""
        return self._kl_loss(dist, *args, **kwargs)

    def mean(self, *args, **kwargs):
        """The mean."""
        return self._mean(*args, **kwargs)

    def mode(self, *args, **kwargs):
        """The mode."""
        return self._mode(*args, **kwargs)

    def entropy(self, *args, **kwargs):
        """The entropy."""
        return self._entropy(*args, **kwargs)

    def sample(self, *args, **kwargs):
        """Samples of shape `shape + batch_shape` (`sample(shape=(), *params)`)."""
        return self._sample(*args, **kwargs)

    def get_dist_args(self, *args, **kwargs):
        """The parameters of a call: each given one, else the default."""
        return self._get_dist_args(*args, **kwargs)

    def get_dist_type(self) -> str:
        """The distribution's name, e.g. 'Normal'."""
        return self._get_dist_type()

    def _kl_loss(self, *args, **kwargs):
        return C.not_implemented("kl_loss", self.name)

    def _mean(self, *args, **kwargs):
        return C.not_implemented("mean", self.name)

    def _mode(self, *args, **kwargs):
        return C.not_implemented("mode", self.name)

    def _entropy(self, *args, **kwargs):
        return C.not_implemented("entropy", self.name)

    def _sample(self, *args, **kwargs):
        return C.not_implemented("sample", self.name)

    def _get_dist_args(self, *args, **kwargs):
        return C.not_implemented("get_dist_args", self.name)

    def _get_dist_type(self):
        return C.not_implemented("get_dist_type", self.name)

    def construct(self, name: str, *args, **kwargs):
        """`dist(name, *args)`: the method `name` ('log_prob', 'mean', 'sample', ...)."""
        if name not in _CONSTRUCT:
            return C.not_implemented(name, self.name)
        if name == "get_dist_type":  # MindSpore drops the arguments here
            return self._get_dist_type()
        return getattr(self, _CONSTRUCT[name])(*args, **kwargs)

