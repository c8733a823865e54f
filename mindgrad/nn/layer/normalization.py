"""Normalization layers: BatchNorm1d, BatchNorm2d, LayerNorm, GroupNorm (`mindspore.nn.layer.normalization`).

BatchNorm keeps MindSpore's names (`gamma`, `beta`, and the moving statistics as attributes
`moving_mean` / `moving_variance` whose Parameters are named `mean` / `variance` until a parent
renames them), its `momentum` attribute (1 - the constructor's keep factor), and its update: in
training mode the batch statistics normalize (biased variance) and
`moving = moving * momentum_arg + batch * (1 - momentum_arg)` with the unbiased variance. The
update is a Parameter write, so it also happens inside gradient and compiled calls (applied after).
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.initializer import Initializer, initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from ...communication import _collective as _c
from .. import _validator as V
from ..cell import Cell
from ._util import arr

__all__ = ["BatchNorm1d", "BatchNorm2d", "LayerNorm", "GroupNorm", "BatchNorm3d", "SyncBatchNorm", "InstanceNorm1d",
           "InstanceNorm2d", "InstanceNorm3d"]


class _BatchNorm(Cell):
    """Batch normalization over axis 1 of an (N, C, ...) input."""

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.9, affine: bool = True,
                 gamma_init="ones", beta_init="zeros", moving_mean_init="zeros", moving_var_init="ones",
                 use_batch_statistics: bool | None = None, data_format: str = "NCHW", dtype=mstype.float32) -> None:
        super().__init__()
        name = self.cls_name
        V.check_value_type("num_features", num_features, [int], name)
        if num_features < 1:
            raise ValueError(f"For '{name}', the 'num_features' must be at least 1, but got {num_features}.")
        if momentum < 0 or momentum > 1:
            raise ValueError(f"For '{name}', the 'momentum' must be a number in range [0, 1], but got {momentum}.")
        self.format = V.check_string(data_format, ["NCHW", "NHWC"], "format", name)
        if self.format == "NHWC":
            raise ValueError(f"For '{name}', the 'NHWC' format only support in GPU target, but got device target "
                             f"CPU.")
        if use_batch_statistics is not None and not isinstance(use_batch_statistics, bool):
            raise ValueError(f"For '{name}', the 'use_batch_statistics' must be a boolean value or None, but got "
                             f"{use_batch_statistics}.")
        self.use_batch_statistics = use_batch_statistics
        self.num_features = num_features
        self.eps = eps
        self.beta_init = beta_init
        self.gamma_init = gamma_init
        self.moving_mean_init = moving_mean_init
        self.moving_var_init = moving_var_init
        self.moving_mean = Parameter(initializer(moving_mean_init, num_features, dtype=dtype), name="mean",
                                     requires_grad=False)
        self.moving_variance = Parameter(initializer(moving_var_init, num_features, dtype=dtype), name="variance",
                                         requires_grad=False)
        self.gamma = Parameter(initializer(gamma_init, num_features, dtype=dtype), name="gamma", requires_grad=affine)
        self.beta = Parameter(initializer(beta_init, num_features, dtype=dtype), name="beta", requires_grad=affine)
        self.momentum = 1.0 - momentum

    def _check_input_dim(self, ndim: int) -> None:
        raise NotImplementedError

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, self.cls_name)
        self._check_input_dim(a.ndim)
        if a.shape[1] != self.num_features:
            raise ValueError(f"For BatchNorm, scale.shape[0] should be equal to input_x's channel dimension: "
                             f"{a.shape[1]}, bug got scale.shape[0]: {self.num_features}.")
        batch_stats = self.training if self.use_batch_statistics is None else self.use_batch_statistics
        axes = (0,) + tuple(range(2, a.ndim))
        shape = (1, -1) + (1,) * (a.ndim - 2)
        gamma, beta = self.gamma._arr.reshape(shape), self.beta._arr.reshape(shape)
        if not batch_stats:
            mean, var = self.moving_mean._arr.reshape(shape), self.moving_variance._arr.reshape(shape)
            return wrap(((a - mean) / jnp.sqrt(var + self.eps) * gamma + beta).astype(a.dtype))
        mean, var, count = self._moments(a, axes)
        unbiased = jax.lax.stop_gradient(var.reshape(-1) * (count / max(count - 1, 1)))
        momentum = self.momentum
        new_mean = self.moving_mean._arr * (1 - momentum) + jax.lax.stop_gradient(mean.reshape(-1)) * momentum
        new_var = self.moving_variance._arr * (1 - momentum) + unbiased * momentum
        self.moving_mean.set_data(wrap(new_mean))
        self.moving_variance.set_data(wrap(new_var))
        return wrap(((a - mean) / jnp.sqrt(var + self.eps) * gamma + beta).astype(a.dtype))

    def _moments(self, a, axes: tuple):
        """The batch mean and biased variance over `axes` (keepdims), and how many values they average."""
        mean = jnp.mean(a, axis=axes, keepdims=True)
        return mean, jnp.mean(jnp.square(a - mean), axis=axes, keepdims=True), a.size // a.shape[1]

    def extend_repr(self) -> str:
        return (f"num_features={self.num_features}, eps={self.eps}, momentum={1.0 - self.momentum}, "
                f"gamma={self.gamma}, beta={self.beta}, moving_mean={self.moving_mean}, "
                f"moving_variance={self.moving_variance}")


class BatchNorm1d(_BatchNorm):
    """BatchNorm over (N, C) or (N, C, L) input."""

    def _check_input_dim(self, ndim: int) -> None:
        if ndim not in (2, 3):
            raise ValueError(f"For '{self.cls_name}', the must have 2 dims or 3 dims, but got {ndim}.")


class BatchNorm2d(_BatchNorm):
    """BatchNorm over (N, C, H, W) input."""

    def _check_input_dim(self, ndim: int) -> None:
        if ndim != 4:
            raise ValueError(f"For '{self.cls_name}', the in_shape must have 4 dims, but got {ndim}.")


class LayerNorm(Cell):
    """Normalize over the axes from `begin_norm_axis` on; gamma and beta (shape `normalized_shape`) apply
    from `begin_params_axis` on. Defaults -1, -1 and epsilon 1e-7."""

    def __init__(self, normalized_shape, begin_norm_axis: int = -1, begin_params_axis: int = -1,
                 gamma_init="ones", beta_init="zeros", epsilon: float = 1e-7, dtype=mstype.float32) -> None:
        super().__init__()
        if not isinstance(normalized_shape, (tuple, list)):
            raise TypeError(f"For 'LayerNorm', the type of 'normalized_shape' must be tuple[int] or list[int], but "
                            f"got {normalized_shape} and the type is {type(normalized_shape)}.")
        if not normalized_shape:
            raise ValueError("Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one "
                             f"element, but got normalized_shape = {normalized_shape}")
        self.normalized_shape = normalized_shape
        self.begin_norm_axis = begin_norm_axis
        self.begin_params_axis = begin_params_axis
        self.epsilon = epsilon
        self.gamma = Parameter(initializer(gamma_init, normalized_shape, dtype=dtype), name="gamma")
        self.beta = Parameter(initializer(beta_init, normalized_shape, dtype=dtype), name="beta")

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, "LayerNorm", "input_x")
        ndim = a.ndim
        for axis_name, axis in (("begin_norm_axis", self.begin_norm_axis),
                                ("begin_params_axis", self.begin_params_axis)):
            if not -ndim <= axis < ndim:
                raise ValueError(f"For 'LayerNorm', the '{axis_name}' must be in range [{-ndim}, {ndim}), but got "
                                 f"{axis}.")
        norm_axis, params_axis = self.begin_norm_axis % ndim, self.begin_params_axis % ndim
        gamma, beta = self.gamma._arr.astype(a.dtype), self.beta._arr.astype(a.dtype)
        if tuple(gamma.shape) != tuple(a.shape[params_axis:]) or tuple(beta.shape) != tuple(a.shape[params_axis:]):
            raise ValueError(f"For 'LayerNorm', gamma or beta shape must match input shape, but got input shape: "
                             f"{list(a.shape)}, gamma shape: {list(gamma.shape)}, beta shape: {list(beta.shape)}.")
        axes = tuple(range(norm_axis, ndim))
        mean = jnp.mean(a, axis=axes, keepdims=True)
        var = jnp.mean(jnp.square(a - mean), axis=axes, keepdims=True)
        return wrap((a - mean) / jnp.sqrt(var + self.epsilon) * gamma + beta)

    def extend_repr(self) -> str:
        # MindSpore prints "gamma" without "=".
        return (f"normalized_shape={self.normalized_shape}, begin_norm_axis={self.begin_norm_axis}, "
                f"begin_params_axis={self.begin_params_axis}, gamma{self.gamma}, beta={self.beta}")


class GroupNorm(Cell):
    """Normalize each of `num_groups` channel groups of an (N, C, ...) input; per-channel gamma and beta."""

    def __init__(self, num_groups: int, num_channels: int, eps: float = 1e-5, affine: bool = True,
                 gamma_init="ones", beta_init="zeros", dtype=mstype.float32) -> None:
        super().__init__()
        self.num_groups = V.check_positive_int(num_groups, "num_groups", "GroupNorm")
        self.num_channels = V.check_positive_int(num_channels, "num_channels", "GroupNorm")
        if num_channels % num_groups != 0:
            raise ValueError(f"For 'GroupNorm', the 'num_channels' must be divided by 'num_groups', but got "
                             f"'num_channels': {num_channels}, 'num_groups': {num_groups}.")
        self.eps = V.check_value_type("eps", eps, (float,), "GroupNorm")
        self.affine = V.check_bool(affine, "affine", "GroupNorm")
        self.gamma = Parameter(initializer(gamma_init, num_channels, dtype=dtype), name="gamma", requires_grad=affine)
        self.beta = Parameter(initializer(beta_init, num_channels, dtype=dtype), name="beta", requires_grad=affine)

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, "GroupNorm")
        if a.ndim < 2:
            raise ValueError(f"For GroupNorm, the input must have at least 2 dims, but got {a.ndim}.")
        n, c = a.shape[0], a.shape[1]
        if c % self.num_groups != 0:
            raise ValueError(f"For GroupNorm, the 'num_channels' must be divided by 'num_groups', but got "
                             f"'num_channels': {c} ,'num_groups': {self.num_groups}")
        if c != self.num_channels:
            raise ValueError(f"For GroupNorm, the channel of the input {c} must be equal to 'num_channels' "
                             f"{self.num_channels}.")
        grouped = a.reshape((n, self.num_groups, -1))
        mean = jnp.mean(grouped, axis=2, keepdims=True)
        var = jnp.mean(jnp.square(grouped - mean), axis=2, keepdims=True)
        normed = ((grouped - mean) / jnp.sqrt(var + self.eps)).reshape(a.shape)
        shape = (1, -1) + (1,) * (a.ndim - 2)
        gamma, beta = self.gamma._arr.astype(a.dtype).reshape(shape), self.beta._arr.astype(a.dtype).reshape(shape)
        return wrap(normed * gamma + beta)

    def extend_repr(self) -> str:
        return f"num_groups={self.num_groups}, num_channels={self.num_channels}"


class BatchNorm3d(Cell):
    """BatchNorm over (N, C, D, H, W) input, computed by a child `bn2d` (BatchNorm2d) on (N, C, D * H, W),
    so its Parameters are `bn2d.*` as in MindSpore."""

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.9, affine: bool = True,
                 gamma_init="ones", beta_init="zeros", moving_mean_init="zeros", moving_var_init="ones",
                 use_batch_statistics: bool | None = None, dtype=mstype.float32) -> None:
        super().__init__()
        self.bn2d = BatchNorm2d(num_features, eps, momentum, affine, gamma_init, beta_init, moving_mean_init,
                                moving_var_init, use_batch_statistics, data_format="NCHW", dtype=dtype)

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, self.cls_name)
        if a.ndim != 5:
            raise ValueError(f"For '{self.cls_name}', the in_shape must have 5 dims, but got {a.ndim}.")
        n, c, d, h, w = a.shape
        return wrap(self.bn2d(wrap(a.reshape((n, c, d * h, w))))._arr.reshape(a.shape))


def sync_moments(a, axes: tuple, groups: list | None = None, name: str = "SyncBatchNorm"):
    """The mean and biased variance of `a` over `axes` (keepdims), and how many values they average: inside a
    mapped program (axis "data": `jax.shard_map` over the data-parallel mesh, `jax.vmap(axis_name="data")`) over
    the ranks of this rank's group of `groups` (None: every rank), as SyncBatchNorm gathers them; elsewhere over
    `a`, which in mindgrad's data-parallel mode is already the global batch of every rank."""
    count = a.size // a.shape[1]
    n = _c.mapped_size()
    if n is None:
        world = list(range(_c.group_size()))
        if groups is not None and len(world) > 1 and sorted(max(groups, key=len, default=[])) != world:
            raise NotImplementedError(f"For '{name}', mindgrad syncs 'process_groups' of some ranks only inside a "
                                      "mapped program (shard_map over the data-parallel mesh, or a named vmap)")
        mean = jnp.mean(a, axis=axes, keepdims=True)
        return mean, jnp.mean(jnp.square(a - mean), axis=axes, keepdims=True), count
    if groups is None:
        total = functools.partial(jax.lax.psum, axis_name=_c.AXIS)
        size = n
    else:
        member = _c.group_matrix(groups, n, name)
        row = jnp.asarray(member)[jax.lax.axis_index(_c.AXIS)]

        def total(v):
            return jnp.tensordot(row.astype(v.dtype), jax.lax.all_gather(v, _c.AXIS), axes=1)
        size = int(member.sum(axis=1).max()) if len({int(k) for k in member.sum(axis=1)}) == 1 else None
        if size is None:
            raise NotImplementedError(f"For '{name}', mindgrad needs 'process_groups' that give every rank a group "
                                      f"of one size (ranks in no group count as groups of one), but got {groups}.")
    count *= size
    mean = total(jnp.sum(a, axis=axes, keepdims=True)) / count
    return mean, total(jnp.sum(jnp.square(a - mean), axis=axes, keepdims=True)) / count, count


class SyncBatchNorm(_BatchNorm):
    """BatchNorm over (N, C) or (N, C, H, W) input whose training statistics are those of the batches of every
    rank of the group (see `sync_moments`): `process_groups` None (every rank), 0 (this rank's batch only), or a
    list of lists of ranks (each rank syncs with the ranks of its list; a rank in none, with itself)."""

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.9, affine: bool = True,
                 gamma_init="ones", beta_init="zeros", moving_mean_init="zeros", moving_var_init="ones",
                 use_batch_statistics: bool | None = None, process_groups: list | None = None,
                 dtype=mstype.float32) -> None:
        super().__init__(num_features, eps, momentum, affine, gamma_init, beta_init, moving_mean_init,
                         moving_var_init, use_batch_statistics, dtype=dtype)
        if process_groups not in (None, 0):
            if not isinstance(process_groups, list):
                raise TypeError(f"The argument 'process_groups' must be a list, but got "
                                f"{type(process_groups).__name__}.")
            seen: set = set()
            for group in process_groups:
                if not isinstance(group, list):
                    raise TypeError(f"The argument 'sub group' must be a list, but got {type(group).__name__}.")
                for r in group:
                    V.check_value_type("rank id in process_groups", r, [int], self.cls_name)
                    if r in seen:
                        raise ValueError(f"For '{self.cls_name}', rank id in 'process_groups' must not be "
                                         f"duplicated, but got {process_groups}.")
                    seen.add(r)
        self.process_groups = process_groups

    def _check_input_dim(self, ndim: int) -> None:
        if ndim not in (2, 4):
            raise ValueError(f"For '{self.cls_name}', the must have 2 dims or 4 dims, but got {ndim}.")

    def _moments(self, a, axes: tuple):
        if self.process_groups == 0:
            return super()._moments(a, axes)
        return sync_moments(a, axes, self.process_groups, self.cls_name)


class _InstanceNorm(Cell):
    """Normalize each (sample, channel) plane by its own mean and biased variance; per-channel gamma and beta.

    MindSpore has no CPU kernel for this layer; the math is its documented formula. The moving statistics
    (`mean`, `variance`) are kept as Parameters for checkpoints but not used or updated.
    """

    _NDIM = 4

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1, affine: bool = True,
                 gamma_init="ones", beta_init="zeros", dtype=mstype.float32) -> None:
        super().__init__()
        name = self.cls_name
        V.check_value_type("num_features", num_features, [int], name)
        V.check_value_type("eps", eps, [float], name)
        V.check_value_type("momentum", momentum, [float], name)
        V.check_value_type("affine", affine, [bool], name)
        for key, val in (("gamma_init", gamma_init), ("beta_init", beta_init)):
            if not isinstance(val, (Tensor, int, float, str, Initializer)) or isinstance(val, bool):
                raise TypeError(f"For '{name}', the type of '{key}' must be in [Tensor, numbers.Number, str, "
                                f"Initializer], but got type {type(val).__name__}.")
            if isinstance(val, Tensor) and val.dtype != mstype.float32:
                raise TypeError(f"For '{name}', the type of '{key}' must be float32, but got {val.dtype}.")
        if num_features < 1:
            raise ValueError(f"For '{name}', the 'num_features' must be at least 1, but got {num_features}.")
        if momentum < 0 or momentum > 1:
            raise ValueError(f"For '{name}', the 'momentum' must be a number in range [0, 1], but got {momentum}.")
        self.num_features = num_features
        self.eps = eps
        self.moving_mean = Parameter(initializer("zeros", num_features, dtype=dtype), name="mean",
                                     requires_grad=False)
        self.moving_variance = Parameter(initializer("ones", num_features, dtype=dtype), name="variance",
                                         requires_grad=False)
        self.gamma = Parameter(initializer(gamma_init, num_features, dtype=dtype), name="gamma", requires_grad=affine)
        self.beta = Parameter(initializer(beta_init, num_features, dtype=dtype), name="beta", requires_grad=affine)
        self.momentum = momentum

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, self.cls_name)
        if a.ndim != self._NDIM:
            raise ValueError(f"For '{self.cls_name}', the in_shape must have {self._NDIM} dims, but got {a.ndim}.")
        axes = tuple(range(2, a.ndim))
        mean = jnp.mean(a, axis=axes, keepdims=True)
        var = jnp.mean(jnp.square(a - mean), axis=axes, keepdims=True)
        shape = (1, -1) + (1,) * (a.ndim - 2)
        gamma, beta = self.gamma._arr.astype(a.dtype).reshape(shape), self.beta._arr.astype(a.dtype).reshape(shape)
        return wrap((a - mean) / jnp.sqrt(var + self.eps) * gamma + beta)

    def extend_repr(self) -> str:
        return (f"num_features={self.num_features}, eps={self.eps}, momentum={self.momentum}, gamma={self.gamma}, "
                f"beta={self.beta}, moving_mean={self.moving_mean}, moving_variance={self.moving_variance}")


class InstanceNorm1d(_InstanceNorm):
    """Instance normalization over (N, C, L) input."""

    _NDIM = 3


class InstanceNorm2d(_InstanceNorm):
    """Instance normalization over (N, C, H, W) input."""

    _NDIM = 4


class InstanceNorm3d(_InstanceNorm):
    """Instance normalization over (N, C, D, H, W) input."""

    _NDIM = 5
