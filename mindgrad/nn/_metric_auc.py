"""`auc(x, y, reorder=False)` (MindSpore's `mindspore.train.metrics.auc`): trapezoidal area under a curve."""

from __future__ import annotations

import numpy as np


def _column(a: np.ndarray) -> np.ndarray:
    if a.ndim == 1 or (a.ndim == 2 and a.shape[1] == 1):
        return a.ravel()
    raise ValueError(f"For 'auc', the input must be a 1-dimensional array, or a 2-dimensional array with the second "
                     f"dimension of 1, but got shape {a.shape}.")


def auc(x: np.ndarray, y: np.ndarray, reorder: bool = False) -> float:
    """Area under the curve (x, y) by the trapezoidal rule; `x` must be monotonic unless `reorder` sorts the
    points by x (then y); a decreasing `x` gives a positive area."""
    if not isinstance(x, np.ndarray) or not isinstance(y, np.ndarray):
        raise TypeError(f"For 'auc', the argument 'x' and 'y' must all be np.ndarray, but got {type(x)}, {type(y)}")
    for a in (x, y):
        if a.ndim == 0:
            raise TypeError(f"Singleton array {a} cannot be considered as a valid collection.")
    if x.shape[0] != y.shape[0]:
        raise ValueError(f"Found input variables with inconsistent numbers of samples: {[x.shape[0], y.shape[0]]}.")
    x, y = _column(x), _column(y)
    if x.shape[0] < 2:
        raise ValueError(f"For 'auc', the shape of the argument 'x' in axis 0 must be greater than 2, but got "
                         f"{x.shape[0]}.")
    direction = 1
    if reorder:
        order = np.lexsort((y, x))
        x, y = x[order], y[order]
    else:
        dx = np.diff(x)
        if np.any(dx < 0):
            if not np.all(dx <= 0):
                raise ValueError(f"For 'auc', if the argument is False, the argument 'x' array must be increasing or "
                                 f"decreasing, but got 'x': {x}")
            direction = -1
    return direction * np.trapezoid(y, x)
