"""`mindspore.nn.Optimizer`: the base class of optimizers, with MindSpore's bookkeeping.

As in MindSpore: parameters are a list of Parameters or of group dicts (keys 'params', 'lr',
'weight_decay', 'grad_centralization', 'order_params'); the learning rate is a float, a 0-d
Tensor (a Parameter named 'learning_rate'), a list / 1-D Tensor (one value per step) or a
LearningRateSchedule, read by `get_lr()` at `global_step` (an Int32 Parameter of shape (1,) that
the update advances; `get_lr` does not); without groups weight decay skips Parameters whose name
contains 'beta' or 'gamma'; `weight_decay` is multiplied by `loss_scale` and the decayed gradient
divided by it (`decay_weight`, `scale_grad`). Optimizer state Parameters are clones named
`<prefix>.<name>`. Calling an optimizer with the gradients updates the Parameters (through
Parameter writes, so it also works inside gradient and compiled calls) and returns MindSpore's
result (a tuple of True per Parameter for the built-in ones).
"""

from __future__ import annotations

from typing import Iterable

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.initializer import initializer
from ...common.parameter import Parameter, ParameterTuple
from ... import _state as binding
from ...common.tensor import Tensor, wrap
from ...ops import operations as P
from .. import _validator as V
from ..cell import Cell
from ..layer.container import CellList
from ..learning_rate_schedule import LearningRateSchedule
from ._init_args import opt_init_args_register  # noqa: F401  (MindSpore's place)

__all__ = ["Optimizer"]

_GROUP_KEYS = ["params", "lr", "weight_decay", "order_params", "grad_centralization"]


class Optimizer(Cell):
    """Base class for updating Parameters; subclasses implement `construct(gradients)`."""

    _support_parallel_optimizer = False

    def __init__(self, learning_rate, parameters, weight_decay: float = 0.0, loss_scale: float = 1.0) -> None:
        super().__init__(auto_prefix=False)
        parameters = self._parameters_base_check(parameters, "parameters")
        self.param_rank = None
        self.optim_filter = None
        if not all(isinstance(x, Parameter) for x in parameters) and not all(isinstance(x, dict)
                                                                            for x in parameters):
            raise TypeError("For 'Optimizer', all elements of the argument 'parameters' must be 'Parameter' or 'dict',"
                            " please check the 'parameters'.")
        if isinstance(loss_scale, int) and not isinstance(loss_scale, bool):
            loss_scale = float(loss_scale)
        V.check_value_type("loss_scale", loss_scale, [float], self.cls_name)
        V.check_positive_float(loss_scale, "loss_scale", self.cls_name)
        self.loss_scale = loss_scale
        self.dynamic_weight_decay = False
        self.grad_centralization = False
        self._unique = True
        self._target = "CPU"
        self.dynamic_lr = False
        self.assignadd = P.AssignAdd()
        self.global_step = Parameter(initializer(0, [1], mstype.int32), name="global_step")
        self.is_group = False
        self.is_group_lr = False
        self.is_group_params_ordered = False
        learning_rate = self._preprocess_single_lr(learning_rate)
        if isinstance(parameters[0], dict):
            self.is_group = True
            self.group_params = []
            self.group_lr = []
            self.group_weight_decay = []
            self.group_grad_centralization = []
            self._init_group_params(parameters, learning_rate, weight_decay, self.grad_centralization)
        self._init_opt_attrs(learning_rate, parameters, weight_decay)

    # ---- set-up ---------------------------------------------------------------------------
    def _init_opt_attrs(self, learning_rate, parameters, weight_decay) -> None:
        weight_decay = self._preprocess_weight_decay(weight_decay)
        if self.is_group_lr:
            if self.dynamic_lr:
                self.learning_rate = CellList(self.group_lr, auto_prefix=False)
            else:
                self.learning_rate = ParameterTuple(self.group_lr)
        else:
            self.learning_rate = self._build_single_lr(learning_rate, "learning_rate")
        if self.is_group:
            self.parameters = ParameterTuple(self.group_params)
            self.decay_flags = tuple(isinstance(x, Cell) or x > 0 for x in self.group_weight_decay)
            self.dynamic_decay_flags = tuple(isinstance(x, Cell) for x in self.group_weight_decay)
            pairs = zip(self.group_weight_decay, self.dynamic_decay_flags, strict=True)
            self.weight_decay = tuple(x if flag else Tensor(x, mstype.float32) for x, flag in pairs)
            self.exec_weight_decay = any(self.decay_flags)
            self.grad_centralization_flags = tuple(self.group_grad_centralization)
        else:
            self.parameters = ParameterTuple(parameters)
            self.decay_flags = tuple("beta" not in x.name and "gamma" not in x.name for x in self.parameters)
            self.dynamic_decay_flags = isinstance(weight_decay, Cell)
            self.exec_weight_decay = isinstance(weight_decay, Cell) or weight_decay > 0
            self.weight_decay = weight_decay if self.dynamic_decay_flags else Tensor(weight_decay, mstype.float32)
        self._parameters = self.parameters
        self.reciprocal_scale = Tensor(1.0 / self.loss_scale, mstype.float32)
        self.need_scale = self.loss_scale != 1.0
        self.global_step_increase_tensor = Tensor([1], mstype.int32)
        self.param_length = len(self._parameters)
        self.use_parallel = False
        self.optim_filter = (True,) * self.param_length

    @staticmethod
    def _parameters_base_check(parameters, param_info: str) -> list:
        if parameters is None:
            raise ValueError(f"For 'Optimizer', the argument {param_info} can not be None.")
        if not isinstance(parameters, Iterable) or isinstance(parameters, Tensor):
            raise TypeError(f"For 'Optimizer', the argument {param_info} must be Iterable type, but got "
                            f"{type(parameters)}.")
        parameters = list(parameters)
        if not parameters:
            raise ValueError(f"For 'Optimizer', the argument {param_info} must not be empty.")
        return parameters

    def _preprocess_weight_decay(self, weight_decay):
        if isinstance(weight_decay, (float, int)) and not isinstance(weight_decay, bool):
            weight_decay = float(weight_decay)
            V.check_non_negative_float(weight_decay, "weight_decay", self.cls_name)
            return weight_decay * self.loss_scale
        if isinstance(weight_decay, Cell):
            self.dynamic_weight_decay = True
            return _WrappedWeightDecay(weight_decay, self.loss_scale)
        raise TypeError(f"For 'Optimizer', the argument 'Weight_decay' must be int, float or Cell.but got "
                        f"{type(weight_decay)}")

    def _preprocess_single_lr(self, learning_rate):
        """A float, a 0-d Float32 Tensor, a 1-D Float32 Tensor (dynamic) or a LearningRateSchedule (dynamic)."""
        if isinstance(learning_rate, (float, int)) and not isinstance(learning_rate, bool):
            learning_rate = float(learning_rate)
            V.check_non_negative_float(learning_rate, "learning rate", self.cls_name)
            return learning_rate
        if isinstance(learning_rate, Tensor) and learning_rate.ndim == 0:
            return Tensor(learning_rate.asnumpy(), dtype=mstype.float32)
        self.dynamic_lr = True
        if isinstance(learning_rate, LearningRateSchedule):
            return learning_rate
        if isinstance(learning_rate, Tensor):
            if learning_rate.ndim > 1:
                raise ValueError(f"For 'Optimizer', if 'learning_rate' is Tensor type, then the dimension of it should "
                                 f"be 0 or 1, but got {learning_rate.ndim}.")
            return Tensor(learning_rate.asnumpy(), dtype=mstype.float32)
        if isinstance(learning_rate, Iterable):
            return Tensor(np.array(list(learning_rate)).astype(np.float32))
        raise TypeError(f"For 'Optimizer', the argument 'learning_rate' must be int, float, Tensor, Iterable or "
                        f"LearningRateSchedule, but got {type(learning_rate)}.")

    def _build_single_lr(self, learning_rate, name: str):
        if isinstance(learning_rate, float):
            learning_rate = Parameter(Tensor(learning_rate, mstype.float32), name)
            return _ConvertToCell(learning_rate) if self.is_group_lr and self.dynamic_lr else learning_rate
        if isinstance(learning_rate, Tensor) and learning_rate.ndim == 0:
            learning_rate = Parameter(learning_rate, name)
            return _ConvertToCell(learning_rate) if self.is_group_lr and self.dynamic_lr else learning_rate
        if isinstance(learning_rate, Tensor) and learning_rate.ndim == 1:
            return _IteratorLearningRate(learning_rate, name)
        return learning_rate

    def _check_group_params(self, parameters: list) -> None:
        for group_param in parameters:
            invalid = [key for key in group_param.keys() if key not in _GROUP_KEYS]
            if invalid:
                raise KeyError(f"For 'Optimizer', the key in group params must be one of in {_GROUP_KEYS}, but got "
                               f"{invalid}.")
            if "order_params" in group_param.keys():
                if len(group_param.keys()) > 1:
                    raise ValueError(f"For 'Optimizer', the order params dict in group parameters should only include "
                                     f"the 'order_params' key, but got {group_param.keys()}.")
                if not isinstance(group_param["order_params"], Iterable):
                    raise TypeError("For 'Optimizer', the value of 'order_params' in group parameters should be "
                                    f"Iterable type, but got {type(group_param['order_params'])}.")
                continue
            for index, param in enumerate(self._parameters_base_check(group_param["params"], "group `params`")):
                if not isinstance(param, Parameter):
                    raise TypeError(f"For 'Optimizer', the element in group parameters must be Parameter type, but got "
                                    f"{type(param)} at index {index}.")

    def _parse_group_params(self, parameters: list, learning_rate) -> None:
        self._check_group_params(parameters)
        tensor_lr_length = learning_rate.size if isinstance(learning_rate, Tensor) and learning_rate.ndim == 1 else 0
        for group_param in parameters:
            if "order_params" in group_param.keys():
                self.is_group_params_ordered = True
                continue
            if "lr" in group_param.keys():
                self.is_group_lr = True
                group_lr = self._preprocess_single_lr(group_param["lr"])
                if isinstance(group_lr, Tensor) and group_lr.ndim == 1:
                    if tensor_lr_length == 0:
                        tensor_lr_length = group_lr.size
                    elif group_lr.size != tensor_lr_length:
                        raise ValueError("For 'Optimizer', the Tensor type dynamic learning rate in group must be the "
                                         "same size as the argument 'learning_rate'.")

    def _init_group_params(self, parameters: list, learning_rate, weight_decay, grad_centralization: bool) -> None:
        self._parse_group_params(parameters, learning_rate)
        default_lr = self._build_single_lr(learning_rate, "learning_rate")
        params_store: list[str] = []
        ordered_parameters = []
        for group_num, group_param in enumerate(parameters):
            if "order_params" in group_param.keys():
                ordered_parameters = group_param["order_params"]
                continue
            self.group_params += group_param["params"]
            if "lr" in group_param.keys():
                lr = self._build_single_lr(self._preprocess_single_lr(group_param["lr"]),
                                           "learning_rate_group_" + str(group_num))
            else:
                lr = default_lr
            weight_decay_ = self._preprocess_weight_decay(group_param.get("weight_decay", weight_decay))
            if "grad_centralization" in group_param.keys():
                gc = group_param["grad_centralization"]
                if not isinstance(gc, bool):
                    raise TypeError(f"For 'Optimizer', the 'gradients_centralization' must be bool type, but got "
                                    f"{type(gc)}.")
                self.grad_centralization = gc
                grad_centralization_ = gc
            else:
                grad_centralization_ = grad_centralization
            for param in group_param["params"]:
                if param.name in params_store:
                    raise RuntimeError(f"For 'Optimizer', the {param.name} parameter already exists, it does not "
                                       f"support repeated setting. Please check whether the optimizer parameter has "
                                       f"been set multiple times.")
                params_store.append(param.name)
                self.group_lr.append(lr)
                self.group_weight_decay.append(weight_decay_)
                self.group_grad_centralization.append(grad_centralization_)
        if self.is_group_params_ordered and ordered_parameters:
            self._order_group_params(list(ordered_parameters))

    def _order_group_params(self, ordered_parameters: list) -> None:
        if len(ordered_parameters) != len(self.group_params):
            raise ValueError(f"For 'Optimizer',the length of order parameters must be the same as the length of group "
                             f"parameters, but got order parameters' length {len(ordered_parameters)}, group "
                             f"parameters' length {len(self.group_params)}.")
        names = [p.name for p in ordered_parameters]
        order = [names.index(p.name) for p in self.group_params]
        for attr in ("group_params", "group_lr", "group_weight_decay", "group_grad_centralization"):
            values = getattr(self, attr)
            reordered = [None] * len(values)
            for index, value in zip(order, values, strict=False):
                reordered[index] = value
            setattr(self, attr, reordered)

    # ---- properties -----------------------------------------------------------------------
    @property
    def unique(self) -> bool:
        return self._unique

    @unique.setter
    def unique(self, value: bool) -> None:
        if not isinstance(value, bool):
            raise TypeError(f"For 'Optimizer', the property 'unique' must be bool, but got {type(value)}")
        self._unique = value

    @property
    def target(self) -> str:
        return self._target

    @target.setter
    def target(self, value: str) -> None:
        raise NotImplementedError

    # ---- gradient transforms --------------------------------------------------------------
    def flatten_gradients(self, gradients: tuple) -> tuple:
        return gradients

    def decay_weight(self, gradients: tuple) -> tuple:
        """gradient + weight * weight_decay for the Parameters weight decay applies to."""
        if not self.exec_weight_decay:
            return gradients
        weight_decay = self.get_weight_decay()
        decays = weight_decay if self.is_group else (weight_decay,) * self.param_length
        out = []
        for wd, flag, param, grad in zip(decays, self.decay_flags, self._parameters, gradients, strict=False):
            if flag:
                p = param._arr
                grad = wrap(p * _array(wd).astype(p.dtype) + grad._arr)
            out.append(grad)
        return tuple(out)

    def gradients_centralization(self, gradients: tuple) -> tuple:
        """Subtract the mean over all but the first axis (grouped Parameters asking for it, dim 1 a multiple of 16)."""
        if not self.is_group:
            return gradients
        out = []
        for flag, grad in zip(self.grad_centralization_flags, gradients, strict=False):
            g = grad._arr
            if flag and g.ndim > 1 and g.shape[1] % 16 == 0:
                grad = wrap(g - jnp.mean(g, axis=tuple(range(1, g.ndim)), keepdims=True))
            out.append(grad)
        return tuple(out)

    def scale_grad(self, gradients: tuple) -> tuple:
        """gradient * (1 / loss_scale) when loss_scale is not 1."""
        if not self.need_scale:
            return gradients
        scale = self.reciprocal_scale._arr
        return tuple(wrap(g._arr * scale.astype(g._arr.dtype)) for g in gradients)

    # ---- hyper-parameters of the current step ---------------------------------------------
    def get_weight_decay(self):
        """The weight decay of the current step (a tuple per Parameter when grouped)."""
        if self.dynamic_weight_decay:
            if self.is_group:
                return tuple(wd(self.global_step) if flag else wd
                             for wd, flag in zip(self.weight_decay, self.dynamic_decay_flags, strict=False))
            return self.weight_decay(self.global_step)
        return self.weight_decay

    def get_lr(self):
        """The learning rate of the current step (a tuple per Parameter with group learning rates)."""
        lr = self.learning_rate
        if self.dynamic_lr:
            if self.is_group_lr:
                return tuple(cell(self.global_step).reshape(()) for cell in self.learning_rate)
            return self.learning_rate(self.global_step).reshape(())
        return lr

    def get_lr_parameter(self, param):
        """The learning-rate Parameter (or schedule) of `param` (a Parameter or a list of them)."""
        def value(learning_rate):
            if isinstance(learning_rate, (_ConvertToCell, _IteratorLearningRate)):
                return learning_rate.learning_rate
            return learning_rate

        if isinstance(param, Parameter):
            params = [param]
        elif isinstance(param, list):
            params = param
        else:
            raise TypeError(f"For 'get_lr_parameter', the 'param' must be 'Parameter' or 'list' type, but got "
                            f"{type(param)}.")
        ids = [id(p) for p in self._parameters]
        lrs = list(self.learning_rate) if self.is_group_lr else None
        out = []
        for p in params:
            V.check_value_type("parameter", p, [Parameter], self.cls_name)
            if id(p) not in ids:
                raise ValueError(f"For 'get_lr_parameter', the parameter {p.name} is not in optimizer, please check "
                                 f"whether the argument 'param' is correct.")
            out.append(value(lrs[ids.index(id(p))] if lrs is not None else self.learning_rate))
        return out if isinstance(param, list) else out[0]

    def _is_dynamic_lr_or_weight_decay(self) -> bool:
        return self.dynamic_lr or self.dynamic_weight_decay

    # ---- helpers for the built-in optimizers ----------------------------------------------
    def _step_lr(self) -> tuple:
        """The learning rate of this step per Parameter (as arrays), then advance `global_step`."""
        lr = self.get_lr()
        lrs = lr if self.is_group_lr else (lr,) * self.param_length
        self.assignadd(self.global_step, self.global_step_increase_tensor)
        return tuple(_array(x).astype(jnp.float32) for x in lrs)

    def _check_gradients(self, gradients) -> tuple:
        if not isinstance(gradients, (tuple, list)) or len(gradients) != self.param_length:
            raise ValueError(f"For '{self.cls_name}', the 'gradients' must be a tuple of {self.param_length} Tensors "
                             f"(one per Parameter), but got {type(gradients).__name__} of length "
                             f"{len(gradients) if isinstance(gradients, (tuple, list)) else 1}.")
        for g in gradients:
            if not isinstance(g, Tensor):
                raise TypeError(f"For '{self.cls_name}', each gradient must be a Tensor, but got {type(g).__name__}.")
        return tuple(gradients)

    def __call__(self, *args, **kwargs):
        """Check a per-step learning-rate list against the concrete `global_step` first (MindSpore raises a
        RuntimeError past its end), then update."""
        if binding.current() is None:
            schedules = self.learning_rate if isinstance(self.learning_rate, CellList) else (self.learning_rate,)
            lists = [s for s in schedules if isinstance(s, _IteratorLearningRate)]
            if lists:  # reading `global_step` waits for the step before: only where it is needed
                step = int(np.asarray(self.global_step._arr).reshape(-1)[0])
                for schedule in lists:
                    schedule.check_step(step)
        return super().__call__(*args, **kwargs)

    def construct(self, *hyper_params):
        raise NotImplementedError


def _array(value):
    """The JAX array of a Tensor, or a Python number as Float32."""
    return value._arr if isinstance(value, Tensor) else jnp.asarray(value, jnp.float32)


class _ConvertToCell(LearningRateSchedule):
    """A fixed group learning rate where another group's is dynamic: returns lr + 1.0 - 1.0 (Float32)."""

    def __init__(self, learning_rate: Parameter) -> None:
        super().__init__()
        if not isinstance(learning_rate, Parameter):
            raise TypeError(f"For 'Optimizer', the argument 'learning_rate' must be Parameter, but got "
                            f"{type(learning_rate)}.")
        self.learning_rate = learning_rate

    def construct(self, global_step: Tensor) -> Tensor:
        return wrap(self.learning_rate._arr + 1.0 - 1.0)


class _IteratorLearningRate(LearningRateSchedule):
    """A learning rate per step from a 1-D Tensor (Parameter `name`); past the end is a RuntimeError."""

    def __init__(self, learning_rate: Tensor, name: str) -> None:
        super().__init__()
        if not isinstance(learning_rate, Tensor):
            raise TypeError(f"For 'Optimizer', the argument 'learning_rate' must be Tensor, but got "
                            f"{type(learning_rate)}.")
        if learning_rate.ndim != 1:
            raise ValueError(f"For 'Optimizer', the dimension of the argument 'learning_rate' should be 1, but got "
                             f"{learning_rate.ndim}.")
        self.learning_rate = Parameter(learning_rate, name)

    def check_step(self, step: int) -> None:
        size = self.learning_rate.shape[0]
        if not 0 <= step < size:
            raise RuntimeError(f"For 'Gather', the 'input_indices' should be in the range [0, {size}), but got {step}, "
                               f"error_code[58]")

    def __call__(self, global_step: Tensor, *args, **kwargs):
        """Check a concrete step before the (possibly compiled) lookup."""
        if isinstance(global_step, Tensor) and not isinstance(global_step._arr, jax.core.Tracer):
            self.check_step(int(np.asarray(global_step._arr).reshape(-1)[0]))
        return super().__call__(global_step, *args, **kwargs)

    def construct(self, global_step: Tensor) -> Tensor:
        return wrap(jnp.take(self.learning_rate._arr, global_step._arr, axis=0, mode="clip"))


class _WrappedWeightDecay(Cell):
    """A dynamic weight decay Cell times the loss scale."""

    def __init__(self, weight_decay: Cell, loss_scale: float = 1.0) -> None:
        super().__init__()
        self.weight_decay = weight_decay
        self.loss_scale = Tensor(loss_scale, mstype.float32)

    def construct(self, global_step: Tensor) -> Tensor:
        return wrap(self.weight_decay(global_step)._arr * self.loss_scale._arr)
