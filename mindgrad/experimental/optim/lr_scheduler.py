"""`mindspore.experimental.optim.lr_scheduler`: PyTorch-style schedulers that set each parameter group's `lr`.

`scheduler.step()` advances one epoch and writes the new rates into the groups' `lr` Parameters;
`get_last_lr()` returns them as Float32 Tensors (one per group)."""

from __future__ import annotations

import math

import numpy as np

from ...common.tensor import Tensor

__all__ = ["LRScheduler", "StepLR", "MultiStepLR", "ExponentialLR", "LinearLR", "ConstantLR", "LambdaLR",
           "MultiplicativeLR", "PolynomialLR", "CosineAnnealingLR", "SequentialLR", "ReduceLROnPlateau", "CyclicLR",
           "CosineAnnealingWarmRestarts"]


def _lr(group) -> float:
    return float(group["lr"].asnumpy())


class LRScheduler:
    """Base class: subclasses define `get_lr()` (the rates for `last_epoch`, from the current ones)."""

    def __init__(self, optimizer, last_epoch: int = -1) -> None:
        if not hasattr(optimizer, "param_groups"):
            raise TypeError(f"For '{type(self).__name__}', the 'optimizer' should be an experimental Optimizer, but "
                            f"got {type(optimizer).__name__}.")
        self.optimizer = optimizer
        if last_epoch == -1:
            for group in optimizer.param_groups:
                group.setdefault("initial_lr", _lr(group))
        self.base_lrs = [g["initial_lr"] for g in optimizer.param_groups]
        self.last_epoch = last_epoch
        self.groups_num = len(optimizer.param_groups)
        self._last_lr = [_lr(g) for g in optimizer.param_groups]
        self.step()

    def get_lr(self) -> list:
        raise NotImplementedError

    def get_last_lr(self) -> list:
        return [Tensor(np.float32(v)) for v in self._last_lr]

    def _write(self, values: list) -> None:
        for group, v in zip(self.optimizer.param_groups, values, strict=True):
            group["lr"].set_data(Tensor(np.float32(v)))
        self._last_lr = [float(np.float32(v)) for v in values]

    def _closed_form(self) -> list | None:
        """The rates at `last_epoch` from the base rates, for schedulers that have a formula (else None)."""
        return None

    def step(self, epoch=None) -> None:
        """Advance one epoch, or jump to `epoch` (from the closed form where the scheduler has one)."""
        if epoch is None:
            self.last_epoch += 1
            self._write(self.get_lr())
            return
        self.last_epoch = epoch
        closed = self._closed_form()
        self._write(closed if closed is not None else self.get_lr())


class StepLR(LRScheduler):
    def __init__(self, optimizer, step_size: int, gamma: float = 0.1, last_epoch: int = -1) -> None:
        self.step_size, self.gamma = step_size, gamma
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list:
        if self.last_epoch == 0 or self.last_epoch % self.step_size:
            return [_lr(g) for g in self.optimizer.param_groups]
        return [_lr(g) * self.gamma for g in self.optimizer.param_groups]

    def _closed_form(self) -> list:
        return [b * self.gamma ** (self.last_epoch // self.step_size) for b in self.base_lrs]


class MultiStepLR(LRScheduler):
    def __init__(self, optimizer, milestones, gamma: float = 0.1, last_epoch: int = -1) -> None:
        self.milestones, self.gamma = sorted(milestones), gamma
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list:
        k = self.milestones.count(self.last_epoch)
        return [_lr(g) * self.gamma ** k for g in self.optimizer.param_groups]

    def _closed_form(self) -> list:
        k = sum(1 for m in self.milestones if m <= self.last_epoch)
        return [b * self.gamma ** k for b in self.base_lrs]


class ExponentialLR(LRScheduler):
    def __init__(self, optimizer, gamma: float, last_epoch: int = -1) -> None:
        self.gamma = gamma
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list:
        f = 1.0 if self.last_epoch == 0 else self.gamma
        return [_lr(g) * f for g in self.optimizer.param_groups]

    def _closed_form(self) -> list:
        return [b * self.gamma ** self.last_epoch for b in self.base_lrs]


class LinearLR(LRScheduler):
    def __init__(self, optimizer, start_factor: float = 1.0 / 3, end_factor: float = 1.0, total_iters: int = 5,
                 last_epoch: int = -1) -> None:
        if not 0 < start_factor <= 1 or not 0 <= end_factor <= 1:
            raise ValueError("For 'LinearLR', 'start_factor' should be in (0, 1] and 'end_factor' in [0, 1].")
        self.start_factor, self.end_factor, self.total_iters = start_factor, end_factor, total_iters
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list:
        e, s, t = self.last_epoch, self.start_factor, self.end_factor
        if e == 0:
            return [_lr(g) * s for g in self.optimizer.param_groups]
        if e > self.total_iters:
            return [_lr(g) for g in self.optimizer.param_groups]
        f = 1 + (t - s) / (self.total_iters * s + (e - 1) * (t - s))
        return [_lr(g) * f for g in self.optimizer.param_groups]


class ConstantLR(LRScheduler):
    def __init__(self, optimizer, factor: float = 1.0 / 3, total_iters: int = 5, last_epoch: int = -1) -> None:
        self.factor, self.total_iters = factor, total_iters
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list:
        if self.last_epoch == 0:
            return [_lr(g) * self.factor for g in self.optimizer.param_groups]
        if self.last_epoch == self.total_iters:
            return [_lr(g) / self.factor for g in self.optimizer.param_groups]
        return [_lr(g) for g in self.optimizer.param_groups]

    def _closed_form(self) -> list:
        f = self.factor if self.last_epoch < self.total_iters else 1.0
        return [b * f for b in self.base_lrs]


class LambdaLR(LRScheduler):
    def __init__(self, optimizer, lr_lambda, last_epoch: int = -1) -> None:
        n = len(optimizer.param_groups)
        self.lr_lambdas = list(lr_lambda) if isinstance(lr_lambda, (list, tuple)) else [lr_lambda] * n
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list:
        return [base * fn(self.last_epoch) for base, fn in zip(self.base_lrs, self.lr_lambdas, strict=True)]


class MultiplicativeLR(LRScheduler):
    def __init__(self, optimizer, lr_lambda, last_epoch: int = -1) -> None:
        n = len(optimizer.param_groups)
        self.lr_lambdas = list(lr_lambda) if isinstance(lr_lambda, (list, tuple)) else [lr_lambda] * n
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list:
        if self.last_epoch <= 0:
            return [_lr(g) for g in self.optimizer.param_groups]
        return [_lr(g) * fn(self.last_epoch) for g, fn in zip(self.optimizer.param_groups, self.lr_lambdas,
                                                               strict=True)]


class PolynomialLR(LRScheduler):
    def __init__(self, optimizer, total_iters: int = 5, power: float = 1.0, last_epoch: int = -1) -> None:
        self.total_iters, self.power = total_iters, power
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list:
        e = self.last_epoch
        if e == 0 or e > self.total_iters:
            return [_lr(g) for g in self.optimizer.param_groups]
        f = ((1.0 - e / self.total_iters) / (1.0 - (e - 1) / self.total_iters)) ** self.power
        return [_lr(g) * f for g in self.optimizer.param_groups]


class CosineAnnealingLR(LRScheduler):
    def __init__(self, optimizer, T_max: int, eta_min: float = 0.0, last_epoch: int = -1) -> None:  # noqa: N803
        self.T_max, self.eta_min = T_max, eta_min
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list:
        e, T, lo = self.last_epoch, self.T_max, self.eta_min
        if e == 0:
            return [_lr(g) for g in self.optimizer.param_groups]
        if (e - 1 - T) % (2 * T) == 0:
            return [_lr(g) + (b - lo) * (1 - math.cos(math.pi / T)) / 2
                    for g, b in zip(self.optimizer.param_groups, self.base_lrs, strict=True)]
        return [(1 + math.cos(math.pi * e / T)) / (1 + math.cos(math.pi * (e - 1) / T)) * (_lr(g) - lo) + lo
                for g in self.optimizer.param_groups]


class CyclicLR(LRScheduler):
    """`CyclicLR(optimizer, base_lr, max_lr, step_size_up=2000, step_size_down=None, mode='triangular', gamma=1.0,
    scale_fn=None, scale_mode='cycle', last_epoch=-1)`: the rate cycles between `base_lr` and `max_lr` (per group
    when given as lists), its amplitude scaled per cycle ('triangular': 1, 'triangular2': halved each cycle) or per
    epoch ('exp_range': gamma ** epoch), or by `scale_fn`."""

    def __init__(self, optimizer, base_lr, max_lr, step_size_up=2000, step_size_down=None, mode: str = "triangular",
                 gamma: float = 1.0, scale_fn=None, scale_mode: str = "cycle", last_epoch: int = -1) -> None:
        groups = optimizer.param_groups
        base = self._per_group(groups, base_lr, "base_lr")
        if last_epoch == -1:
            for lr, group in zip(base, groups, strict=True):
                group["lr"].set_data(Tensor(np.float32(lr)))
        self.max_lrs = self._per_group(groups, max_lr, "max_lr")
        up = float(step_size_up)
        down = up if step_size_down is None else float(step_size_down)
        self.total_step_size = up + down
        self.step_up_ratio = up / self.total_step_size
        if mode not in ("triangular", "triangular2", "exp_range") and scale_fn is None:
            raise ValueError("mode is invalid and scale_fn is None")
        self.mode, self.gamma = mode, gamma
        self._scale_fn = scale_fn or {"triangular": lambda x: 1.0, "triangular2": lambda x: 1 / 2.0 ** (x - 1),
                                      "exp_range": lambda x: gamma ** x}[mode]
        self.scale_mode = scale_mode if scale_fn is not None else ("iterations" if mode == "exp_range" else "cycle")
        super().__init__(optimizer, last_epoch)
        self.base_lrs = list(base)

    @staticmethod
    def _per_group(groups, value, name: str) -> list:
        if isinstance(value, (list, tuple)):
            if len(value) != len(groups):
                raise ValueError(f"Expected {len(groups)} values for {name}, got {len(value)}")
            return list(value)
        return [value] * len(groups)

    def get_lr(self) -> list:
        cycle = math.floor(1 + self.last_epoch / self.total_step_size)
        x = 1.0 + self.last_epoch / self.total_step_size - cycle
        scale = x / self.step_up_ratio if x <= self.step_up_ratio else (x - 1) / (self.step_up_ratio - 1)
        factor = self._scale_fn(cycle if self.scale_mode == "cycle" else self.last_epoch)
        return [b + (m - b) * scale * factor for b, m in zip(self.base_lrs, self.max_lrs, strict=True)]

    _closed_form = get_lr


class CosineAnnealingWarmRestarts(LRScheduler):
    """`CosineAnnealingWarmRestarts(optimizer, T_0, T_mult=1, eta_min=0, last_epoch=-1)`: cosine annealing from the
    base rate to `eta_min` over T_i epochs, restarting with T_i *= T_mult (T_0 at first)."""

    def __init__(self, optimizer, T_0: int, T_mult: int = 1, eta_min=0, last_epoch: int = -1) -> None:  # noqa: N803
        if not isinstance(T_0, int) or T_0 <= 0:
            raise ValueError(f"T_0 should be an integer and equal or greater than 0, but got {T_0}")
        if not isinstance(T_mult, int) or T_mult < 1:
            raise ValueError(f"T_mult should be an integer and equal or greater than 1, but got {T_mult}")
        if not isinstance(eta_min, (int, float)) or isinstance(eta_min, bool):
            raise TypeError(f"The type of 'eta_min' should be one of '['float', 'int']', but got type "
                            f"'{type(eta_min).__name__}'.")
        self.T_0, self.T_i, self.T_mult, self.eta_min = T_0, float(T_0), T_mult, eta_min
        self.T_cur = float(last_epoch)
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> list:
        cos = math.cos(float(np.float32(math.pi * self.T_cur / self.T_i)))
        return [self.eta_min + (b - self.eta_min) * (1 + cos) / 2 for b in self.base_lrs]

    def step(self, epoch=None) -> None:
        """Advance one epoch (restarting when T_cur reaches T_i), or jump to `epoch`."""
        if epoch is None and self.last_epoch < 0:
            epoch = 0
        if epoch is None:
            epoch = self.last_epoch + 1
            self.T_cur += 1
            if self.T_cur >= self.T_i:
                self.T_cur -= self.T_i
                self.T_i *= self.T_mult
        elif epoch < 0:
            raise ValueError(f"epoch should be a non-negative integer, but got {epoch}")
        elif epoch >= self.T_0:
            if self.T_mult == 1:
                self.T_cur = float(epoch % self.T_0)
            else:
                n = int(math.log(epoch / self.T_0 * (self.T_mult - 1) + 1, self.T_mult))
                self.T_cur = epoch - self.T_0 * (self.T_mult ** n - 1) / (self.T_mult - 1)
                self.T_i = float(self.T_0 * self.T_mult ** n)
        else:
            self.T_i, self.T_cur = float(self.T_0), float(epoch)
        self.last_epoch = math.floor(epoch)
        self._write(self.get_lr())


class SequentialLR:
    """Run `schedulers` one after another, switching at the epochs in `milestones`."""

    def __init__(self, optimizer, schedulers: list, milestones: list, last_epoch: int = -1) -> None:
        if len(milestones) != len(schedulers) - 1:
            raise ValueError(f"For 'SequentialLR', the number of 'milestones' should be len(schedulers) - 1 = "
                             f"{len(schedulers) - 1}, but got {len(milestones)}.")
        self.optimizer, self._schedulers, self._milestones = optimizer, list(schedulers), list(milestones)
        self.last_epoch = last_epoch + 1
        for group, base in zip(optimizer.param_groups, schedulers[0].base_lrs, strict=True):
            group["lr"].set_data(Tensor(np.float32(base)))
        for s in schedulers[1:]:
            s.last_epoch -= 1
        schedulers[0]._write([b for b in schedulers[0].base_lrs])
        schedulers[0].last_epoch = 0
        schedulers[0]._write(schedulers[0].get_lr())
        self._last_lr = schedulers[0]._last_lr

    def step(self) -> None:
        import bisect
        self.last_epoch += 1
        idx = bisect.bisect_right(self._milestones, self.last_epoch)
        sched = self._schedulers[idx]
        if idx > 0 and self._milestones[idx - 1] == self.last_epoch:
            sched.step(0)
        else:
            sched.step()
        self._last_lr = sched._last_lr

    def get_last_lr(self) -> list:
        return [Tensor(np.float32(v)) for v in self._last_lr]


class ReduceLROnPlateau:
    """Multiply the rates by `factor` when `step(metric)` has not improved for `patience` epochs."""

    def __init__(self, optimizer, mode: str = "min", factor: float = 0.1, patience: int = 10,
                 threshold: float = 1e-4, threshold_mode: str = "rel", cooldown: int = 0, min_lr=0,
                 eps: float = 1e-8) -> None:
        if factor >= 1.0:
            raise ValueError(f"For 'ReduceLROnPlateau', the 'factor' should be < 1.0, but got {factor}.")
        if mode not in ("min", "max") or threshold_mode not in ("rel", "abs"):
            raise ValueError("For 'ReduceLROnPlateau', 'mode' should be 'min' or 'max' and 'threshold_mode' 'rel' "
                             "or 'abs'.")
        self.optimizer, self.mode, self.factor, self.patience = optimizer, mode, factor, patience
        self.threshold, self.threshold_mode, self.cooldown, self.eps = threshold, threshold_mode, cooldown, eps
        n = len(optimizer.param_groups)
        self.min_lrs = list(min_lr) if isinstance(min_lr, (list, tuple)) else [min_lr] * n
        self.best = math.inf if mode == "min" else -math.inf
        self.num_bad_epochs = 0
        self.cooldown_counter = 0
        self.last_epoch = 0
        self._last_lr = [_lr(g) for g in optimizer.param_groups]

    def _better(self, a: float) -> bool:
        rel = self.threshold_mode == "rel"
        if self.mode == "min":
            return a < (self.best * (1 - self.threshold) if rel else self.best - self.threshold)
        return a > (self.best * (1 + self.threshold) if rel else self.best + self.threshold)

    def step(self, metrics) -> None:
        current = float(metrics.asnumpy()) if isinstance(metrics, Tensor) else float(metrics)
        self.last_epoch += 1
        if self._better(current):
            self.best, self.num_bad_epochs = current, 0
        else:
            self.num_bad_epochs += 1
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.num_bad_epochs = 0
        if self.num_bad_epochs > self.patience:
            for group, lo in zip(self.optimizer.param_groups, self.min_lrs, strict=True):
                old = _lr(group)
                new = max(old * self.factor, lo)
                if old - new > self.eps:
                    group["lr"].set_data(Tensor(np.float32(new)))
            self.cooldown_counter, self.num_bad_epochs = self.cooldown, 0
        self._last_lr = [_lr(g) for g in self.optimizer.param_groups]

    def get_last_lr(self) -> list:
        return [Tensor(np.float32(v)) for v in self._last_lr]


