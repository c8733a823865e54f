"""`mindspore.nn.thor` / `nn.optim.thor`: the THOR second-order optimizer, as MindSpore's GPU version (`ThorGpu`).

`thor(net, ...)` converts `net`'s Dense, Conv2d and Embedding layers in place into Thor layers (`ConvertNetUtils`)
and returns a `ThorGpu` over `net`'s trainable Parameters. A step with the `thor` flag on (every step, unless
`ModelThor`'s sink loop or `add_flags(thor=False)` says otherwise) takes the layers' statistics A and G of this
step, damps them with `sqrt(damping[cov_step])` (for a convolution divided by its normalizer first), scales G by
(batch_size / loss_scale)^2, inverts each by diagonal blocks of 128 (Cholesky), multiplies both inverses of a
convolution by sqrt(1 / a_normalizer), stores them (`matrix_a_inv_<i>`, `matrix_g_inv_<i>`) and preconditions the
weight gradient as G^-1 grad A^-1 (an embedding: A^-1 a vector of 1 / (count / batch_size + sqrt(damping)), its
G^-1 MindSpore's `L^-1 L^-1`); other steps use the stored inverses. LayerNorm gradients become
g / (g^2 / batch_size + sqrt(damping)); other gradients are unchanged. Then `cov_step` advances, weight decay adds
`weight_decay * w` where `decay_filter(param)` holds, `enable_clip_grad` clips each gradient to norm 1, and a
momentum step (ApplyMomentum) with the learning rate of `global_step` updates the Parameters.

The G statistic reaches the optimizer as the gradient of each Thor layer's hidden probe Parameter: `parameters`
(what `TrainOneStepCell` differentiates) lists the probes after the trainable Parameters, then a unit probe whose
gradient is 1 from the backward pass, so that a division of every gradient after it (the loss scale
`TrainOneStepWithLossScaleCell` divides out) is undone on G, which MindSpore takes from the backward pass itself;
the gradients passed to the optimizer are those of `parameters`.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.initializer import initializer
from ...common.parameter import Parameter, ParameterTuple
from ...common.tensor import Tensor, wrap
from ...ops.operations._optim_kernels import _momentum_kernel
from .. import _validator as V
from ..layer import LayerNorm
from ..layer import _thor_math as M
from ..layer.thor_layer import Conv2dThor, DenseThor, EmbeddingThor, thor_on
from ._thor_convert import ConvertNetUtils
from .optimizer import Optimizer

__all__ = ["thor", "ThorGpu"]

# MindSpore's layer types
OTHER, CONV, FC, EMBEDDING, LAYER_NORM = -1, 1, 2, 3, 4


def _check_param(momentum, frequency, lr, cls_name: str) -> None:
    V.check_value_type("momentum", momentum, [float], cls_name)
    if momentum < 0.0:
        raise ValueError(f"For 'thor', the argument 'momentum' must be at least 0.0, but got 'momentum' {momentum}.")
    V.check_value_type("frequency", frequency, [int], cls_name)
    if frequency < 2:
        raise ValueError(f"For 'thor', the argument 'frequency' must be at least 2, but got 'frequency' {frequency}.")
    V.check_value_type("learning rate", lr, [Tensor], cls_name)


def thor(net, learning_rate, damping, momentum, weight_decay=0.0, loss_scale=1.0, batch_size=32, use_nesterov=False,
         decay_filter=lambda x: x.name not in [], split_indices=None, enable_clip_grad=False, frequency=100):
    """Convert `net` to Thor layers and return its THOR optimizer (MindSpore's GPU `ThorGpu`)."""
    ConvertNetUtils().convert_to_thor_net(net)
    return ThorGpu(net, learning_rate, damping, momentum, weight_decay, loss_scale, batch_size, use_nesterov,
                   decay_filter, split_indices=split_indices, enable_clip_grad=enable_clip_grad, frequency=frequency)


def _layer_types(net) -> dict:
    """{id(Parameter): (layer type, its Cell)} for the Parameters of `net`'s layers."""
    out: dict = {}
    for _, cell in net.cells_and_names():
        if isinstance(cell, Conv2dThor):
            kind = CONV
        elif isinstance(cell, DenseThor):
            kind = FC
        elif isinstance(cell, EmbeddingThor):
            kind = EMBEDDING
        elif isinstance(cell, LayerNorm):
            kind = LAYER_NORM
        else:
            kind = OTHER
        for p in cell.get_parameters(expand=False):
            if kind != OTHER or id(p) not in out:
                out[id(p)] = (kind, cell)
    return out


def _clip_by_norm(g):
    """nn.ClipByNorm with clip value 1.0."""
    norm = jnp.sqrt(jnp.sum(jnp.square(g)))
    return g / jnp.where(norm > 1.0, norm, 1.0).astype(g.dtype)


class ThorGpu(Optimizer):
    """MindSpore's THOR optimizer for GPU; made by `nn.thor`."""

    def __init__(self, net, learning_rate, damping, momentum, weight_decay=0.0, loss_scale=1.0, batch_size=32,
                 use_nesterov=False, decay_filter=lambda x: x.name not in [], split_indices=None,
                 enable_clip_grad=False, frequency=100) -> None:
        params = [p for p in net.get_parameters() if p.requires_grad]
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        _check_param(momentum, frequency, learning_rate, type(self).__name__)
        self.momentum = Parameter(Tensor(momentum, mstype.float32), name="momentum")
        self.params = self._parameters
        self.use_nesterov = V.check_bool(use_nesterov)
        self.moments = self.params.clone(prefix="moments", init="zeros")
        self.damping = damping
        self.batch_size = float(batch_size)
        self.g_scale = float(batch_size) ** 2 / (float(loss_scale) ** 2)
        self.cov_step = Parameter(initializer(0, [1], mstype.int32), name="cov_step", requires_grad=False)
        self.split_dim = M.SPLIT_DIM
        self.weight_decay = weight_decay
        self.decay_flags = tuple(decay_filter(x) for x in self._parameters)
        self.enable_clip_grad = enable_clip_grad
        self.frequency = frequency
        self.split_indices = split_indices
        self._map_layers(net)
        # 1: this step computes new inverses (ModelThor's sink loop sets it per step); not a checkpointed Parameter
        self.__dict__["thor_flag"] = Parameter(Tensor(np.ones([1], np.int32)), name="thor_flag", requires_grad=False)

    def _map_layers(self, net) -> None:
        """Per trainable Parameter its layer type and Thor layer; the stored inverses in MindSpore's shapes."""
        types = _layer_types(net)
        kinds, layers, inv_a, inv_g = [], [], [], []
        for param in self.params:
            kind, cell = types.get(id(param), (OTHER, None))
            is_weight = kind in (CONV, FC, EMBEDDING) and "bias" not in param.name.lower()
            if kind in (CONV, FC) and not is_weight:
                kind = OTHER
            kinds.append(kind)
            if not is_weight:
                layers.append(None)
                continue
            index = len(inv_a)
            if kind == EMBEDDING:
                a_shape, g_shape = (param.shape[0],), (param.shape[1],) * 2
            else:
                a_dim = int(np.prod(param.shape[1:]))
                a_shape, g_shape = M.split_shapes(a_dim, param.shape[0], self.split_dim)
            inv_a.append(Parameter(Tensor(np.zeros(a_shape, np.float32)), name=f"matrix_a_inv_{index}",
                                   requires_grad=False))
            inv_g.append(Parameter(Tensor(np.zeros(g_shape, np.float32)), name=f"matrix_g_inv_{index}",
                                   requires_grad=False))
            layers.append((index, cell, kind))
        self.kinds = tuple(kinds)
        self.matrix_a = ParameterTuple(inv_a)
        self.matrix_g = ParameterTuple(inv_g)
        self.__dict__["thor_layers"] = layers
        self.__dict__["thor_cells"] = [(e[1], e[2]) for e in layers if e is not None]
        probes = []
        for entry, param in zip(layers, self.params, strict=True):
            if entry is not None:
                probe = entry[1].__dict__["thor_probe"]
                probe.name = f"{param.name}.thor_probe"
                probes.append(probe)
        if probes:  # the unit probe: its gradient (1 from the backward pass) shows how the step rescaled gradients
            unit = Parameter(Tensor(np.zeros([1], np.float32)), name="thor_unit")
            self.thor_cells[0][0].__dict__["thor_unit"] = unit
            probes.append(unit)
        self.__dict__["probes"] = probes
        self.__dict__["parameters"] = ParameterTuple(tuple(self.params) + tuple(probes))

    def get_frequency(self) -> int:
        """The number of steps of one THOR cycle (one step with new inverses, then frequency - 1 without)."""
        return self.frequency

    # ---- the preconditioners ----------------------------------------------------------------------------
    def _fresh(self, damping, stats):
        """New (A^-1, G^-1, G) per Thor layer from this step's statistics (one batched Cholesky for all)."""
        root = jnp.sqrt(damping)
        mats, whole, parts = [], [], []
        for (cell, kind), stat in zip(self.thor_cells, stats, strict=True):
            g_cov = stat.astype(jnp.float32)
            eye_g = jnp.eye(g_cov.shape[0], dtype=jnp.float32)
            if kind == EMBEDDING:
                parts.append((g_cov, 1.0 / (cell.matrix_a._arr / self.batch_size + root), None))
                mats.append(g_cov * self.g_scale + root * eye_g)
                whole.append(True)
                continue
            if kind == CONV:
                a_cov, a_norm, g_norm = cell.matrix_a_cov._arr, cell.a_normalizer._arr, cell.g_normalizer._arr
                damp_a, damp_g = jnp.sqrt(damping / a_norm), jnp.sqrt(damping / g_norm)
                feature = jnp.sqrt(1.0 / a_norm)
            else:
                a_cov, damp_a, damp_g, feature = cell.matrix_a._arr, root, root, jnp.ones((1,), jnp.float32)
            parts.append((g_cov, None, feature))
            mats += [a_cov + damp_a * jnp.eye(a_cov.shape[0], dtype=jnp.float32), g_cov * self.g_scale + damp_g * eye_g]
            whole += [False, False]
        factors = iter(M.inverse_factors(mats, whole, self.split_dim))
        out = []
        for index, (g_cov, emb_a_inv, feature) in enumerate(parts):
            if emb_a_inv is not None:
                g_factor = next(factors)[0]
                out.append((emb_a_inv, g_factor @ g_factor, g_cov))  # MindSpore's MatMul(L^-1, L^-1)
                continue
            a_inv = jnp.broadcast_to(M.inverse(next(factors)), self.matrix_a[index].shape) * feature
            out.append((a_inv, M.inverse(next(factors)) * feature, g_cov))
        return tuple(out)

    def _stored(self):
        return tuple((a._arr, g._arr, self._g_param(cell)._arr)
                     for a, g, (cell, _) in zip(self.matrix_a, self.matrix_g, self.thor_cells, strict=True))

    @staticmethod
    def _g_param(cell):
        return cell.matrix_g_cov if isinstance(cell, Conv2dThor) else cell.matrix_g

    def _inverses(self, damping, stats):
        """(A^-1, G^-1, G) per Thor layer: new where this is a THOR step, else the stored ones."""
        if not thor_on(self):
            return self._stored()
        flag = self.thor_flag._arr
        if not isinstance(flag, jax.core.Tracer):
            return self._fresh(damping, stats) if int(np.asarray(flag)[0]) else self._stored()
        return jax.lax.cond(flag[0] != 0, lambda: self._fresh(damping, stats), self._stored)

    # ---- the step ---------------------------------------------------------------------------------------
    def construct(self, gradients) -> tuple:
        n = self.param_length
        if not isinstance(gradients, (tuple, list)) or len(gradients) != n + len(self.probes):
            got = len(gradients) if isinstance(gradients, (tuple, list)) else 1
            raise ValueError(f"For '{self.cls_name}', the 'gradients' must be the {n + len(self.probes)} gradients "
                             f"of the optimizer's 'parameters' (the trainable Parameters, then the probes that carry "
                             f"the Thor layers' G statistics), but got {got}. Differentiate with respect to "
                             f"'optimizer.parameters'.")
        grads = self.scale_grad(tuple(gradients[:n]))
        stats = [g._arr for g in gradients[n:-1]]
        if stats:  # undo a division of the probes' gradients (TrainOneStepWithLossScaleCell's loss scale)
            unit = gradients[-1]._arr.astype(jnp.float32)
            restore = jnp.where(unit > 0, 1.0 / jnp.where(unit > 0, unit, 1.0), 1.0)
            stats = [s.astype(jnp.float32) * restore for s in stats]
        damping_all = jnp.atleast_1d(jnp.asarray(self.damping._arr if isinstance(self.damping, Tensor)
                                                 else self.damping, jnp.float32))
        damping = jnp.take(damping_all, self.cov_step._arr, axis=0, mode="fill", fill_value=0)
        inverses = self._inverses(damping, stats)
        if thor_on(self):
            for (a_inv, g_inv, g_cov), a_param, g_param, (cell, _) in zip(
                    inverses, self.matrix_a, self.matrix_g, self.thor_cells, strict=True):
                a_param.set_data(wrap(a_inv))
                g_param.set_data(wrap(g_inv))
                self._g_param(cell).set_data(wrap(g_cov))
        new_grads = []
        for grad, kind, entry in zip(grads, self.kinds, self.thor_layers, strict=True):
            g = grad._arr
            if entry is not None:
                a_inv, g_inv, _ = inverses[entry[0]]
                if kind == EMBEDDING:
                    g = (a_inv[:, None] * g) @ g_inv
                else:
                    g = M.precondition(g_inv, g.reshape(g.shape[0], -1), a_inv).reshape(g.shape)
            elif kind == LAYER_NORM:
                g = g / (jnp.square(g) / self.batch_size + jnp.sqrt(damping))
            new_grads.append(g)
        self.cov_step.set_data(wrap(self.cov_step._arr + 1))
        if self.weight_decay > 0:
            new_grads = [g + p._arr * self.weight_decay if flag else g
                         for g, p, flag in zip(new_grads, self.params, self.decay_flags, strict=True)]
        if self.enable_clip_grad:
            new_grads = [_clip_by_norm(g) for g in new_grads]
        lrs = self._step_lr()
        momentum = self.momentum._arr
        for param, g, lr, moment in zip(self.params, new_grads, lrs, self.moments, strict=True):
            dtype = param._arr.dtype
            new_param, new_moment = _momentum_kernel(param._arr, moment._arr, lr.astype(dtype), g.astype(dtype),
                                                     momentum.astype(dtype), nesterov=self.use_nesterov)
            param.set_data(wrap(new_param))
            moment.set_data(wrap(new_moment))
        return (True,) * n
