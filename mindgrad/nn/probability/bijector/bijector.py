"""`Bijector`: the base Cell of MindSpore's `nn.probability.bijector`.

A bijector maps x to y = f(x) with `forward`, `inverse`, `forward_log_jacobian` and
`inverse_log_jacobian`; calling the Cell runs one by name, `b('forward', x)`, and calling it on a
Distribution, `b(dist)`, gives the `TransformedDistribution`. Inputs must be float Tensors (the
bijector's dtype if it has one); parameters are cast to the input's dtype.
"""

from __future__ import annotations

import jax.numpy as jnp

from ....common import dtype as mstype
from ....common.tensor import Tensor
from ... import _validator as V
from ...cell import Cell
from .. import _checks as C


class Bijector(Cell):
    """Base class of bijectors; a subclass defines `_forward`, `_inverse`, `_forward_log_jacobian`
    and `_inverse_log_jacobian` and registers its parameters with `_add_parameter`."""

    def __init__(self, is_constant_jacobian: bool = False, is_injective: bool = True, name: str | None = None,
                 dtype=None, param: dict | None = None) -> None:
        super().__init__()
        V.check_value_type("name", name, [str], type(self).__name__)
        V.check_value_type("is_constant_jacobian", is_constant_jacobian, [bool], name)
        V.check_value_type("is_injective", is_injective, [bool], name)
        if dtype is not None:
            C.check_dtype(dtype, mstype.float_type, type(self).__name__)
        self._name = name
        self._dtype = dtype
        param = param or {}
        self._parameters = {k: v for k, v in param.items() if k not in ("param", "self") and not k.startswith("_")}
        if "bijector" not in param:
            self._batch_shape = self._calc_batch_shape()
            self._is_scalar_batch = "param_dict" in self._parameters and all(
                v is None or isinstance(v, (int, float)) for v in self._parameters["param_dict"].values())
        self._is_constant_jacobian = is_constant_jacobian
        self._is_injective = is_injective
        self.default_parameters = []
        self.parameter_names = []
        self.common_dtype = None

    name = property(lambda self: self._name)
    dtype = property(lambda self: self._dtype)
    parameters = property(lambda self: self._parameters)
    is_constant_jacobian = property(lambda self: self._is_constant_jacobian)
    is_injective = property(lambda self: self._is_injective)
    batch_shape = property(lambda self: self._batch_shape)
    is_scalar_batch = property(lambda self: self._is_scalar_batch)

    def _calc_batch_shape(self):
        if "param_dict" not in self._parameters:
            return None
        shape = ()
        for value in self._parameters["param_dict"].values():
            if value is None:
                return None
            shape = jnp.broadcast_shapes(shape, tuple(C.cast_to_tensor(value).shape))
        return shape

    def _add_parameter(self, value, name: str) -> Tensor:
        """`value` as a Tensor of its own dtype, which must be a float type shared by all parameters
        (or the bijector's dtype)."""
        if isinstance(value, bool) or value is None:
            raise TypeError(f"{name} cannot be type {type(value)}")
        value_t = value if isinstance(value, Tensor) else Tensor(value)
        if self.dtype is None:
            if self.common_dtype is None:
                self.common_dtype = value_t.dtype
            elif value_t.dtype != self.common_dtype:
                raise TypeError(f"{name} should have the same dtype as other arguments.")
            C.check_dtype(value_t.dtype, mstype.float_type, type(self).__name__)
        elif value_t.dtype != self.dtype:
            raise TypeError(f"{name} should have the same dtype as the bijector's dtype.")
        self.default_parameters += [value]
        self.parameter_names += [name]
        return value_t

    def _check_value_dtype(self, value):
        C.check_tensor(value, "input value of bijector")
        if self.dtype is None:
            if value.dtype not in mstype.float_type:
                raise TypeError(f"For input value of bijector , the type must be or be subclass of Float, but got "
                                f"{value.dtype}")
        elif value.dtype != self.dtype:
            raise TypeError(f"For 'SameTypeShape', the dtype of input value of bijector should be {self.dtype}, "
                            f"but got {value.dtype}.")
        return value

    def _value_and(self, value, *params) -> tuple:
        """The input's array (checked) and each parameter's array cast to the input's dtype."""
        x = self._check_value_dtype(value)._arr
        return (x,) + tuple(p._arr.astype(x.dtype) for p in params)

    def cast_param_by_value(self, value, para):
        return Tensor(para._arr.astype(value._arr.dtype)) if isinstance(para, Tensor) else para

    def shape_mapping(self, shape: tuple) -> tuple:
        return jnp.broadcast_shapes(shape, self.batch_shape)

    def forward(self, value, *args, **kwargs):
        """y = f(value)."""
        return self._forward(value, *args, **kwargs)

    def inverse(self, value, *args, **kwargs):
        """x = f^-1(value)."""
        return self._inverse(value, *args, **kwargs)

    def forward_log_jacobian(self, value, *args, **kwargs):
        """log |df/dx| at x = value."""
        return self._forward_log_jacobian(value, *args, **kwargs)

    def inverse_log_jacobian(self, value, *args, **kwargs):
        """log |df^-1/dy| at y = value."""
        return self._inverse_log_jacobian(value, *args, **kwargs)

    # (Distribution, TransformedDistribution), registered by the distribution package (which imports
    # this one) so that `bijector(dist)` builds the transformed distribution.
    _distributions: tuple = ()

    def __call__(self, *args, **kwargs):
        if args and self._distributions and isinstance(args[0], self._distributions[0]):
            return self._distributions[1](self, args[0])
        return super().__call__(*args, **kwargs)

    def construct(self, name: str, *args, **kwargs):
        """`bijector(name, value)`: 'forward', 'inverse', 'forward_log_jacobian' or 'inverse_log_jacobian'."""
        if name in ("forward", "inverse", "forward_log_jacobian", "inverse_log_jacobian"):
            return getattr(self, name)(*args, **kwargs)
        raise Exception("Invalid name")  # noqa: TRY002 - MindSpore raises a bare Exception here
