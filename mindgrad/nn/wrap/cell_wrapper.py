"""Training wrappers (`mindspore.nn.wrap.cell_wrapper`): WithLossCell, WithEvalCell, WithGradCell,
ForwardValueAndGrad, TrainOneStepCell.

As MindSpore: the wrappers do not prefix Parameter names (`auto_prefix=False`);
TrainOneStepCell differentiates its network with respect to `optimizer.parameters` with
sensitivity `sens` (ones when None; 0 is refused), passes the gradients through `grad_reducer`
(the identity on one device) to the optimizer, and returns the loss computed before the update
(with `return_grad`, also `{parameter name: gradient}`); in DATA_PARALLEL mode the reducer is a
DistributedGradReducer. The forward pass runs once per step, inside the gradient call, so layers
that update state (BatchNorm) update it once.
"""

from __future__ import annotations

from types import FunctionType, MethodType

import jax

from ..._engine import parallel, shaping
from ..._engine.runner import CallRunner, Inputs
from ...common import dtype as mstype
from ...common.parameter import ParameterTuple
from ...common.tensor import Tensor, wrap
from ...context import ParallelMode, get_auto_parallel_context
from ...ops.composite.base import GradOperation, normalize_weights
from ..cell import Cell
from ..layer.basic import Identity
from .grad_reducer import DistributedGradReducer

__all__ = ["WithLossCell", "WithEvalCell", "WithGradCell", "ForwardValueAndGrad", "TrainOneStepCell"]


class WithLossCell(Cell):
    """`loss_fn(backbone(data), label)`."""

    def __init__(self, backbone: Cell, loss_fn: Cell) -> None:
        super().__init__(auto_prefix=False)
        self._backbone = backbone
        self._loss_fn = loss_fn

    def construct(self, data, label):
        return self._loss_fn(self._backbone(data), label)

    @property
    def backbone_network(self) -> Cell:
        return self._backbone


class WithEvalCell(Cell):
    """`(loss_fn(network(data), label), network(data), label)`, the network run once; with
    `add_cast_fp32` the outputs and label are cast to Float32 first."""

    def __init__(self, network: Cell, loss_fn: Cell, add_cast_fp32: bool = False) -> None:
        super().__init__(auto_prefix=False)
        self._network = network
        self._loss_fn = loss_fn
        self.add_cast_fp32 = add_cast_fp32

    def construct(self, data, label):
        outputs = self._network(data)
        if self.add_cast_fp32:
            outputs = outputs.astype(mstype.float32)
            label = label.astype(mstype.float32) if label.dtype in mstype.float_type else label
        return self._loss_fn(outputs, label), outputs, label


class WithGradCell(Cell):
    """The gradients of `loss_fn(network(data), label)` (or of `network` itself when `loss_fn` is None)
    with respect to the network's trainable Parameters, with sensitivity `sens` if given."""

    def __init__(self, network: Cell, loss_fn: Cell | None = None, sens=None) -> None:
        super().__init__(auto_prefix=False)
        self.network = network
        self.loss_fn = loss_fn
        self.weights = ParameterTuple(network.trainable_params())
        self.grad = GradOperation(get_by_list=True, sens_param=sens is not None)
        self.sens = sens
        self.network_with_loss = network if loss_fn is None else WithLossCell(self.network, self.loss_fn)
        self.network_with_loss.set_train()

    def construct(self, *inputs):
        if self.sens is None:
            return self.grad(self.network_with_loss, self.weights)(*inputs)
        return self.grad(self.network_with_loss, self.weights)(*inputs, self.sens)


class ForwardValueAndGrad(Cell):
    """`(network(*inputs), gradients)`, the gradients as `GradOperation(get_all, get_by_list, sens_param)`
    gives them (with `sens_param` the last input is the sensitivity)."""

    def __init__(self, network, weights=None, get_all: bool = False, get_by_list: bool = False,
                 sens_param: bool = False) -> None:
        super().__init__(auto_prefix=False)
        if not isinstance(network, (Cell, FunctionType, MethodType)):
            raise TypeError(f"For 'ForwardValueAndGrad', the argument 'network' must be cell, function type or method "
                            f"type, but got '{type(network)}'")
        if not isinstance(get_all, bool):
            raise TypeError(f"For 'ForwardValueAndGrad', the type of 'get_all' must be bool, but got '{type(get_all)}'")
        if not isinstance(get_by_list, bool):
            raise TypeError(f"For 'ForwardValueAndGrad', the type of 'get_by_list' must be bool, but got "
                            f"'{type(get_by_list)}'")
        if get_by_list and not isinstance(weights, (ParameterTuple, tuple, list)):
            raise TypeError(f"For 'ForwardValueAndGrad', when 'get_by_list' is set to True, the argument 'weights' "
                            f"must be Parameters array, but got '{type(weights)}'")
        self.network = network
        if isinstance(network, Cell):
            self.network.set_grad()
        self.weights = weights
        self.get_all = get_all
        self.get_by_list = get_by_list
        self.sens_param = sens_param
        self.grad = GradOperation(get_all=get_all, get_by_list=get_by_list, sens_param=sens_param)
        ws, self._single = normalize_weights(weights) if get_by_list else (None, False)
        inputs = Inputs.ALL if get_all else (Inputs.NONE if get_by_list else Inputs.FIRST)
        self._core = CallRunner(network, op_name="ForwardValueAndGrad", inputs=inputs, weights=ws or ())

    def construct(self, *inputs):
        sens = None
        if self.sens_param:
            inputs, sens = inputs[:-1], inputs[-1]
        outcome = self._core(inputs, {}, sens, want_value=True)
        grads = shaping.grad_operation(outcome, self.get_all, self.get_by_list, self._single)
        return outcome.value, grads


class _Scaled(Cell):
    """(loss * sens, stop_gradient(loss)): differentiating it with ones as sensitivity gives the
    gradients of the loss for sensitivity `sens`, and the second output is the loss itself."""

    def __init__(self, network: Cell, sens) -> None:
        super().__init__(auto_prefix=False)
        self.network = network
        self.sens = sens

    def construct(self, *inputs):
        loss = self.network(*inputs)
        a = loss._arr
        sens = self.sens._arr if isinstance(self.sens, Tensor) else self.sens
        return wrap(a * jax.numpy.asarray(sens).astype(a.dtype)), wrap(jax.lax.stop_gradient(a))


class TrainOneStepCell(Cell):
    """One training step: gradients of `network` (a loss Cell) for `optimizer.parameters`, then the update."""

    def __init__(self, network: Cell, optimizer: Cell, sens=None, return_grad: bool = False) -> None:
        super().__init__(auto_prefix=False)
        self.network = network
        self.network.set_grad()
        self.optimizer = optimizer
        self.weights = self.optimizer.parameters
        self.grad = GradOperation(get_by_list=True, sens_param=True)
        self.grad_no_sens = GradOperation(get_by_list=True)
        self.sens = sens
        if self.sens == 0:
            raise ValueError("The input argument of 'sens' can not be 0.")
        self.sense_flag = self.sens is not None
        if self.sens is None:
            self.sens = 1.0
        self.return_grad = return_grad
        if return_grad:
            self.weights_name = [p.name for p in self.optimizer.parameters]
        self.grad_reducer = Identity()
        self.parallel_mode = get_auto_parallel_context("parallel_mode")
        self.reducer_flag = self.parallel_mode in (ParallelMode.DATA_PARALLEL, ParallelMode.HYBRID_PARALLEL)
        if self.reducer_flag:
            self.mean = get_auto_parallel_context("gradients_mean")
            self.degree = parallel.world_size()
            self.grad_reducer = DistributedGradReducer(self.weights, self.mean, self.degree)
        self.__dict__["_mindgrad_core"] = self._make_core(self.sens if self.sense_flag else None)

    def _make_core(self, sens) -> CallRunner:
        """The gradient core of one step: of the network, or of `_Scaled(network, sens)`."""
        fn = self.network if sens is None else _Scaled(self.network, sens)
        return CallRunner(fn, op_name=type(self).__name__, weights=tuple(self.weights))

    def _loss_and_grads(self, inputs: tuple) -> tuple:
        """The loss before the update and the gradients, from one forward pass."""
        outcome = self._mindgrad_core(inputs, {}, None, want_value=True)
        loss = outcome.value[1] if self.sense_flag else outcome.value
        return loss, tuple(outcome.param_grads)

    def construct(self, *inputs):
        loss, grads = self._loss_and_grads(inputs)
        grads = self.grad_reducer(grads)
        self.optimizer(grads)
        if self.return_grad:
            return loss, {name: grad for name, grad in zip(self.weights_name, grads, strict=False)}
        return loss
from .pipeline import MicroBatchInterleaved, ParameterUpdate, PipelineCell  # noqa: E402,F401
