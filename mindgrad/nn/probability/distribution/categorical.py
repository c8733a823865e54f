"""`Categorical(probs)`: the categorical distribution over classes 0 .. n-1."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ....common import dtype as mstype
from ....common.tensor import wrap
from .. import _checks as C
from .distribution import Distribution


def _classes(x, table):
    """Values floored to class indices ((-1, 0) counts as 0), the table broadcast against them, the
    clipped indices and which values lie outside 0 .. n-1."""
    x = jnp.where((x < 0) & (x > -1), 0.0, jnp.floor(x))
    shape = jnp.broadcast_shapes(x.shape + (1,), table.shape)
    x = jnp.broadcast_to(x[..., None], shape)[..., 0]
    n = shape[-1]
    index = jnp.clip(x, 0, n - 1).astype(jnp.int32)[..., None]
    return x, jnp.take_along_axis(jnp.broadcast_to(table, shape), index, axis=-1)[..., 0]


class Categorical(Distribution):
    """Categorical distribution with class probabilities `probs` (last axis, rank >= 1, each row
    summing to one); `dtype` (Int32 by default) is the dtype of samples and modes. `log_prob` is
    nan outside 0 .. n-1; `mean` and `var` keep the class axis (size 1), `entropy` and `kl_loss`
    squeeze every size-1 axis, as MindSpore does."""

    def __init__(self, probs=None, seed: int | None = None, dtype=mstype.int32, name: str = "Categorical"):
        param = dict(locals())
        param["param_dict"] = {"probs": probs}
        C.check_dtype(dtype, mstype.uint_type + mstype.int_type + mstype.float_type, type(self).__name__)
        super().__init__(seed, dtype, name, param)
        self._probs = self._add_parameter(probs, "probs")
        if self._probs is not None:
            C.check_categorical_probs(self._probs)
            if self._probs.shape[:-1] == ():
                self._is_scalar_batch = True
            self._broadcast_shape = self._broadcast_shape[:-1]

    probs = property(lambda self: self._probs)

    def _scalar_repr(self) -> str:
        return f"probs = {self._probs}"

    def _get_dist_type(self) -> str:
        return "Categorical"

    def _get_dist_args(self, probs=None):
        return self._dist_args(probs)

    def _mean(self, probs=None):
        (p,) = self._args(probs)
        return wrap(jnp.sum(jnp.arange(p.shape[-1], dtype=p.dtype) * p, -1, keepdims=True))

    def _mode(self, probs=None):
        return self._out(jnp.argmax(self._args(probs)[0], axis=-1))

    def _var(self, probs=None):
        (p,) = self._args(probs)
        index = jnp.arange(p.shape[-1], dtype=p.dtype)
        return wrap(jnp.sum(jnp.square(index) * p, -1, keepdims=True)
                    - jnp.square(jnp.sum(index * p, -1, keepdims=True)))

    def _entropy(self, probs=None):
        (p,) = self._args(probs)
        return wrap(jnp.squeeze(-jnp.sum(jnp.log(p) * p, -1, keepdims=True)))

    def _kl_loss(self, dist, probs_b, probs=None):
        C.check_distribution_name(dist, "Categorical")
        pb = self._other(probs_b, "probs_b")
        (pa,) = self._args(probs)
        log_a = jax.nn.log_softmax(jnp.log(pa), axis=-1)
        kl = jnp.exp(log_a) * (log_a - jax.nn.log_softmax(jnp.log(pb), axis=-1))
        return wrap(jnp.squeeze(jnp.sum(kl, -1, keepdims=True)))

    def _cross_entropy(self, dist, probs_b, probs=None):
        C.check_distribution_name(dist, "Categorical")
        return wrap(self._entropy(probs)._arr + self._kl_loss(dist, probs_b, probs)._arr)

    def _log_prob(self, value, probs=None):
        (p,) = self._args(probs)
        x, out = _classes(self._value(value, self.parameter_type), jnp.log(p))
        return wrap(jnp.where((x < 0) | (x > p.shape[-1] - 1), jnp.nan, out))

    def _cdf(self, value, probs=None):
        (p,) = self._args(probs)
        x, out = _classes(self._value(value, self.parameter_type), jnp.cumsum(p, axis=-1))
        return wrap(jnp.where(x < 0, 0.0, out).astype(p.dtype))

    def _sample(self, shape=(), probs=None):
        (p,) = self._args(probs)
        shape = C.check_tuple(shape, "shape") + p.shape[:-1]
        return self._out(jax.lax.stop_gradient(jax.random.categorical(self._key(), jnp.log(p), shape=shape)))
