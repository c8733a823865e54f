"""Callbacks `EarlyStopping` and `ReduceLROnPlateau` (MindSpore's `mindspore.train.callback`), one device.

Both watch `monitor` at each epoch end: 'loss' is the step's loss (a Tensor's mean), any other name is read
from `cb_params.eval_results`; a missing or zero value skips the epoch (MindSpore tests the value's truth).
`mode` 'auto' minimises losses and distances and maximises anything else; an improvement must beat the best
so far by more than `min_delta`.
"""

from __future__ import annotations

import logging

import numpy as np

from ..common.parameter import Parameter
from ..common.tensor import Tensor, wrap
from ..nn import _validator as V
from .callback import Callback, _handle_loss
from .serialization import load_param_into_net

__all__ = ["EarlyStopping", "ReduceLROnPlateau"]

_SMALLER_BETTER = ("hausdorff_distance", "mae", "mse", "loss", "perplexity", "mean_surface_distance",
                   "root_mean_square_distance", "eval_loss")
_log = logging.getLogger("mindgrad")


class _Monitor(Callback):
    """What both callbacks share: the monitor, its direction and the best value so far."""

    _what = ""

    def __init__(self, monitor: str, min_delta, mode: str) -> None:
        self.monitor = V.check_value_type("monitor", monitor, str)
        self.min_delta = abs(V.check_value_type("min_delta", min_delta, [float, int]))
        self.mode = V.check_value_type("mode", mode, str)
        if mode not in ("auto", "min", "max"):
            raise ValueError(f"mode should be 'auto', 'min' or 'max', but got {mode}.")
        self._reset_best()

    def _minimise(self) -> bool:
        return self.mode == "min" or (self.mode == "auto" and self.monitor in _SMALLER_BETTER)

    def _reset_best(self) -> None:
        self.best = np.inf if self._minimise() else -np.inf

    def is_improvement(self, value, reference) -> bool:
        if self._minimise():
            return np.less(value, reference - self.min_delta)
        return np.greater(value, reference + self.min_delta)

    def _get_monitor_value(self, cb_params):
        candidates = {}
        if self.monitor == "loss":
            value = _handle_loss(cb_params.get("net_outputs"))
        else:
            candidates = cb_params.get("eval_results", {})
            value = candidates.get(self.monitor)
        if value is None:
            _log.warning("%s is conditioned on %s, which is not available. Available choices are: %s", self._what,
                         self.monitor, {"loss", *candidates})
        if isinstance(value, np.ndarray) and value.shape != ():
            raise ValueError(f"{type(self).__name__} only supports scalar monitor now.")
        if isinstance(value, Tensor):
            value = value.asnumpy()
        return np.array(value) if value else None


class EarlyStopping(_Monitor):
    """Stops training when `monitor` has not improved for `patience` epochs (`baseline`: improvements that do
    not beat it do not reset the count); `restore_best_weights` loads the best epoch's weights on stopping."""

    _what = "Early stopping"

    def __init__(self, monitor: str = "eval_loss", min_delta=0, patience: int = 0, verbose: bool = False,
                 mode: str = "auto", baseline=None, restore_best_weights: bool = False) -> None:
        super().__init__(monitor, min_delta, mode)
        self.patience = V.check_non_negative_int(patience)
        self.verbose = V.check_bool(verbose)
        self.baseline = V.check_value_type("min_delta", min_delta, [float, int]) if baseline else None
        self.restore_best_weights = V.check_bool(restore_best_weights)
        self.wait = 0
        self.stopped_epoch = 0
        self.best_weights_param_dict = None

    def on_train_begin(self, run_context) -> None:
        self.wait = 0
        self.stopped_epoch = 0
        self._reset_best()
        self.best_weights_param_dict = None

    def _snapshot(self, net) -> dict:
        return {name: Parameter(wrap(p._arr), name=name) for name, p in net.parameters_dict().items()}

    def on_train_epoch_end(self, run_context) -> None:
        cb_params = run_context.original_args()
        current = self._get_monitor_value(cb_params)
        if current is None:
            return
        if self.restore_best_weights and self.best_weights_param_dict is None:
            self.best_weights_param_dict = self._snapshot(cb_params.train_network)
        self.wait += 1
        if self.is_improvement(current, self.best):
            self.best = current
            if self.restore_best_weights:
                self.best_weights_param_dict = self._snapshot(cb_params.train_network)
            if self.baseline is None or self.is_improvement(current, self.baseline):
                self.wait = 0
        if self.wait >= self.patience:
            self.stopped_epoch = cb_params.get("cur_epoch_num")
            run_context.request_stop()
            if self.restore_best_weights and self.best_weights_param_dict is not None:
                if self.verbose:
                    print("Restoring model weights from the end of the best epoch.")
                load_param_into_net(cb_params.train_network, self.best_weights_param_dict)

    def on_train_end(self, run_context) -> None:
        if self.stopped_epoch > 0 and self.verbose:
            print(f"Epoch {self.stopped_epoch:05d}: early stopping")


class ReduceLROnPlateau(_Monitor):
    """Multiplies the optimizer's (single, fixed) learning rate by `factor`, not below `min_lr`, when `monitor`
    has not improved for `patience` epochs, then waits `cooldown` epochs before counting again."""

    _what = "Learning rate reduction"

    def __init__(self, monitor: str = "eval_loss", factor: float = 0.1, patience: int = 10, verbose: bool = False,
                 mode: str = "auto", min_delta=1e-4, cooldown: int = 0, min_lr=0) -> None:
        V.check_value_type("monitor", monitor, str)
        self.factor = V.check_float_range(factor, 0.0, 1.0, (False, False), "factor", None)
        self.patience = V.check_non_negative_int(patience)
        self.verbose = V.check_bool(verbose)
        super().__init__(monitor, min_delta, mode)
        self.cooldown = V.check_non_negative_int(cooldown)
        self.min_lr = V.check_value_type("min_lr", min_lr, [float, int])
        self.cooldown_counter = 0
        self.wait = 0

    def on_train_begin(self, run_context) -> None:
        self.cooldown_counter = 0
        self.wait = 0
        self._reset_best()

    def on_train_epoch_end(self, run_context) -> None:
        cb_params = run_context.original_args()
        lr = cb_params.optimizer.learning_rate
        if not isinstance(lr, Parameter):
            raise ValueError("ReduceLROnPlateau does not support dynamic learning rate and group learning rate now.")
        current = self._get_monitor_value(cb_params)
        if current is None:
            return
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.wait = 0
        if self.is_improvement(current, self.best):
            self.best = current
            self.wait = 0
        elif self.cooldown_counter <= 0:
            self.wait += 1
            if self.wait >= self.patience:
                old = float(np.asarray(lr._arr))
                if old > self.min_lr:
                    new = max(old * self.factor, self.min_lr)
                    lr.set_data(Tensor(np.asarray(new, lr.asnumpy().dtype)))
                    if self.verbose:
                        print(f"Epoch {cb_params.cur_epoch_num:05d}: ReduceLROnPlateau reducing learning rate to "
                              f"{new}.")
                self.cooldown_counter = self.cooldown
                self.wait = 0
