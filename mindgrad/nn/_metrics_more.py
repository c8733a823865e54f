"""More of `mindspore.nn.metrics` (also `mindspore.train`): `MAE`, `MSE`, `Precision`, `Recall`, `Fbeta`, `F1`,
`Dice`, with MindSpore's update/eval rules (NumPy float64 results, RuntimeError when evaluated before any update)."""

from __future__ import annotations

import sys

import numpy as np

from ._metric_base import Metric, _check_onehot_data, rearrange_inputs

__all__ = ["MAE", "MSE", "Precision", "Recall", "Fbeta", "F1", "Dice"]


def _empty(name: str) -> RuntimeError:
    return RuntimeError(f"The '{name}' can not be calculated, because the number of samples is 0, please check whether "
                        f"your inputs(predicted value, true value) are empty, or has called update method before "
                        f"calling eval method.")


def _two(metric: Metric, inputs: tuple) -> tuple:
    if len(inputs) != 2:
        raise ValueError(f"For '{type(metric).__name__}.update', it needs 2 inputs (predicted value, true value), "
                         f"but got {len(inputs)}.")
    return metric._convert_data(inputs[0]), metric._convert_data(inputs[1])


class _ErrorSum(Metric):
    """Sum of per-element errors divided by the number of samples (the first dimension), as MindSpore computes."""

    def __init__(self) -> None:
        super().__init__()
        self.clear()

    def clear(self) -> None:
        self._error_sum = 0.0
        self._samples_num = 0

    @rearrange_inputs
    def update(self, *inputs) -> None:
        y_pred, y = _two(self, inputs)
        y = y.reshape(y_pred.shape)
        self._error_sum += np.float64(self._error(y - y_pred).sum())
        self._samples_num += y.shape[0]

    def eval(self) -> float:
        if self._samples_num == 0:
            raise _empty(type(self).__name__)
        return np.float64(self._error_sum) / self._samples_num


class MAE(_ErrorSum):
    """Mean absolute error: sum of |y - y_pred| over all elements / number of samples."""

    @staticmethod
    def _error(d):
        return np.abs(d)


class MSE(_ErrorSum):
    """Mean squared error: sum of (y - y_pred)**2 over all elements / number of samples."""

    @staticmethod
    def _error(d):
        return d * d


class _Counts(Metric):
    """True positives and predicted/actual positives per class, for 'classification' (arg-max of `y_pred` against
    class labels or one-hot `y`) and 'multilabel' (0/1 `y_pred` and `y`)."""

    def __init__(self, eval_type: str = "classification") -> None:
        super().__init__()
        if eval_type not in ("classification", "multilabel"):
            raise ValueError(f"The argument 'eval_type' must be 'classification' or 'multilabel', but got "
                             f"{eval_type}.")
        self._type = eval_type
        self.eps = sys.float_info.min
        self.clear()

    def clear(self) -> None:
        self._class_num = 0
        self._true_positives = 0
        self._pred_positives = 0
        self._actual_positives = 0

    @rearrange_inputs
    def update(self, *inputs) -> None:
        y_pred, y = _two(self, inputs)
        if self._type == "classification":
            classes = y_pred.shape[1]
            if y.ndim == y_pred.ndim and _check_onehot_data(y):
                y = y.argmax(axis=1)
            if self._class_num == 0:
                self._class_num = classes
            elif classes != self._class_num:
                raise ValueError(f"Class number not match, last input data contain {self._class_num} classes, but "
                                 f"current data contain {classes} classes.")
            if y.max() + 1 > classes:
                raise ValueError(f"The max value of y (true value) should be less than the class number {classes}, "
                                 f"but got {y.max() + 1}.")
            pred = np.eye(classes)[y_pred.argmax(axis=1).reshape(-1)]
            true = np.eye(classes)[y.reshape(-1).astype(np.int64)]
        else:
            if y_pred.shape != y.shape:
                raise ValueError(f"In multilabel case, y_pred and y should have the same shape, but got "
                                 f"{y_pred.shape} and {y.shape}.")
            # MindSpore's multilabel counts run along the first axis (one value per row of `y_pred`)
            pred = y_pred.reshape(y_pred.shape[0], -1).T.astype(np.float64)
            true = y.reshape(y.shape[0], -1).T.astype(np.float64)
        self._true_positives = self._true_positives + (pred * true).sum(axis=0)
        self._pred_positives = self._pred_positives + pred.sum(axis=0)
        self._actual_positives = self._actual_positives + true.sum(axis=0)

    def _ratio(self, positives, average: bool, name: str):
        if self._class_num == 0 and self._type == "classification":
            raise _empty(name)
        result = self._true_positives / (positives + self.eps)
        return result.mean() if average else result

    def eval(self, average: bool = False):
        return self._ratio(self._pred_positives, average, "Precision")


class Precision(_Counts):
    """Per-class precision (TP / predicted positives); `eval(average=True)` gives their mean."""


class Recall(_Counts):
    """Per-class recall (TP / actual positives); `eval(average=True)` gives their mean."""

    def eval(self, average: bool = False):
        return self._ratio(self._actual_positives, average, "Recall")


class Fbeta(Metric):
    """Per-class F-beta score of arg-max predictions against labels (or one-hot `y`)."""

    def __init__(self, beta: float) -> None:
        super().__init__()
        if not isinstance(beta, (int, float)) or isinstance(beta, bool) or beta <= 0:
            raise ValueError(f"For 'Fbeta', the 'beta' should be a positive number, but got {beta!r}.")
        self.beta = beta
        self._counts = _Counts("classification")
        self.eps = sys.float_info.min

    def clear(self) -> None:
        self._counts.clear()

    @rearrange_inputs
    def update(self, *inputs) -> None:
        self._counts.update(*inputs)

    def eval(self, average: bool = False):
        c = self._counts
        if c._class_num == 0:
            raise _empty(type(self).__name__)
        b2 = self.beta ** 2
        score = (1 + b2) * c._true_positives / (b2 * c._actual_positives + c._pred_positives + self.eps)
        return score.mean() if average else score


class F1(Fbeta):
    """Fbeta with beta = 1."""

    def __init__(self) -> None:
        super().__init__(1.0)


class Dice(Metric):
    """Dice coefficient 2|A∩B| / (|A| + |B|) of `y_pred` and `y`, averaged over the updates."""

    def __init__(self, smooth: float = 1e-5) -> None:
        super().__init__()
        if not isinstance(smooth, float) or smooth <= 0:
            raise ValueError(f"For 'Dice', the 'smooth' should be a positive float, but got {smooth!r}.")
        self.smooth = smooth
        self.clear()

    def clear(self) -> None:
        self._dice_coeff_sum = 0.0
        self._samples_num = 0

    @rearrange_inputs
    def update(self, *inputs) -> None:
        y_pred, y = _two(self, inputs)
        if y_pred.shape != y.shape:
            raise RuntimeError(f"For 'Dice', y_pred and y should have the same shape, but got {y_pred.shape} and "
                               f"{y.shape}.")
        self._samples_num += y.shape[0]
        inter = np.dot(y_pred.reshape(-1), y.reshape(-1))
        union = np.dot(y_pred.reshape(-1), y_pred.reshape(-1)) + np.dot(y.reshape(-1), y.reshape(-1))
        self._dice_coeff_sum += float(2 * inter / (union + self.smooth))

    def eval(self) -> float:
        if self._samples_num == 0:
            raise _empty("Dice")
        return self._dice_coeff_sum / self._samples_num
