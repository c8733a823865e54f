"""`TransformedDistribution(bijector, distribution)`: the distribution of bijector(X) for X ~ distribution."""

from __future__ import annotations

import jax.numpy as jnp

from ....common import dtype as mstype
from ....common.tensor import wrap
from ... import _validator as V
from .. import _checks as C
from ..bijector import Bijector
from .distribution import Distribution


class TransformedDistribution(Distribution):
    """Y = bijector.forward(X), X ~ `distribution`: `log_prob(y)` is the base log_prob at the
    inverse plus the inverse log-Jacobian (-inf stays -inf), `cdf` the base cdf at the inverse,
    `sample` the forward of base samples, `mean` the forward of the base mean (only for a
    constant-Jacobian bijector). Per-call arguments are the base distribution's parameters."""

    def __init__(self, bijector, distribution, seed: int | None = None,
                 name: str = "transformed_distribution") -> None:
        param = dict(locals())
        V.check_value_type("bijector", bijector, [Bijector], type(self).__name__)
        V.check_value_type("distribution", distribution, [Distribution], type(self).__name__)
        C.check_dtype(distribution.dtype, mstype.float_type, type(self).__name__)
        super().__init__(seed, distribution.dtype, name, param)
        self._bijector = bijector
        self._distribution = distribution
        self._is_linear_transformation = bijector.is_constant_jacobian
        self._is_scalar_batch = distribution.is_scalar_batch and bijector.is_scalar_batch
        self._batch_shape = distribution.batch_shape
        self.parameter_type = distribution.parameter_type
        self._broadcast_shape = None
        if self._batch_shape is not None and bijector.batch_shape is not None:
            self._broadcast_shape = jnp.broadcast_shapes(bijector.batch_shape, self._batch_shape)

    bijector = property(lambda self: self._bijector)
    distribution = property(lambda self: self._distribution)
    is_linear_transformation = property(lambda self: self._is_linear_transformation)

    def _cdf(self, value, *args, **kwargs):
        return self.distribution("cdf", self.bijector("inverse", value), *args, **kwargs)

    def _log_cdf(self, value, *args, **kwargs):
        return wrap(jnp.log(self._cdf(value, *args, **kwargs)._arr))

    def _survival_function(self, value, *args, **kwargs):
        return wrap(1.0 - self._cdf(value, *args, **kwargs)._arr)

    def _log_survival(self, value, *args, **kwargs):
        return wrap(jnp.log(self._survival_function(value, *args, **kwargs)._arr))

    def _log_prob(self, value, *args, **kwargs):
        base = self.distribution("log_prob", self.bijector("inverse", value), *args, **kwargs)._arr
        log_jacobian = self.bijector("inverse_log_jacobian", value)._arr
        return wrap(jnp.where(base == -jnp.inf, base, base + log_jacobian))

    def _prob(self, value, *args, **kwargs):
        return wrap(jnp.exp(self._log_prob(value, *args, **kwargs)._arr))

    def _sample(self, *args, **kwargs):
        return self.bijector("forward", self.distribution("sample", *args, **kwargs))

    def _mean(self, *args, **kwargs):
        if not self.is_linear_transformation:
            raise ValueError("mean function must be implemented for non-linear transformation")
        return self.bijector("forward", self.distribution("mean", *args, **kwargs))


Bijector._distributions = (Distribution, TransformedDistribution)
