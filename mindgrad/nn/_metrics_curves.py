"""`mindspore.nn.metrics.ROC` and `ConfusionMatrixMetric` (also in `mindspore.train`), in NumPy as MindSpore computes.

ROC: binary (`y_pred` and `y` of one shape, positive class `pos_label`, default 1) or one-vs-rest over
`class_num` classes (`y_pred` one dimension more than `y`; as MindSpore does, the (N, C) scores are reshaped
to (C, N) and class c scores column c of that, against the first labels); `eval()` gives (fpr, tpr,
thresholds), float64 rates and thresholds in the scores' dtype, the first threshold being the largest score + 1.
ConfusionMatrixMetric: per-sample, per-channel tp/fp/tn/fn of binarized (B, C, ...) inputs; with
`calculation_method=False` the counts are summed over all updates and `eval()` is the metric of the sums,
otherwise each update's metric is reduced by `decrease` and `eval()` averages them.
"""

from __future__ import annotations

import numpy as np

from . import _validator as V
from ._metric_base import Metric, rearrange_inputs

__all__ = ["ROC", "ConfusionMatrixMetric"]


def _binary_curve(preds: np.ndarray, target: np.ndarray, pos_label: int) -> tuple:
    """False and true positive counts at each distinct score, scores descending (stable order)."""
    order = np.argsort(-preds)
    preds, target = preds[order], target[order]
    last = np.append(np.nonzero(preds[1:] - preds[:-1])[0], target.shape[0] - 1)
    tps = np.cumsum((target == pos_label).astype(np.int64))[last]
    return 1 + last - tps, tps, preds[last]


def _prepare(y_pred: np.ndarray, y: np.ndarray, class_num, pos_label) -> tuple:
    if y_pred.ndim == y.ndim:
        if class_num is not None and class_num != 1:
            raise ValueError(f"For 'ROC', when predicted value (input[0]) and true value (input[1]) have the same "
                             f"shape, the 'class_num' must be 1, but got {class_num}.")
        return y_pred.flatten(), y.flatten(), 1, 1 if pos_label is None else pos_label
    if y_pred.ndim == y.ndim + 1:
        if pos_label is not None:
            raise ValueError(f"For 'ROC', when the dimension of predicted value (input[0]) equals the dimension of "
                             f"true value (input[1]) add 1, the 'pos_label' must be None, but got {pos_label}.")
        if class_num != y_pred.shape[1]:
            raise ValueError(f"For 'ROC', the 'class_num' must equal the number of classes from predicted value "
                             f"(input[0]), but got 'class_num' {class_num}, the number of classes from predicted "
                             f"value {y_pred.shape[1]}.")
        return y_pred.reshape(class_num, -1), y.flatten(), class_num, pos_label
    raise ValueError(f"For 'ROC', predicted value (input[0]) and true value (input[1]) must have same dimensions, or "
                     f"the dimension of predicted value equal the dimension of true value add 1, but got predicted "
                     f"value ndim: {y_pred.ndim}, true value ndim: {y.ndim}.")


def _roc(y_pred: np.ndarray, y: np.ndarray, class_num: int, pos_label) -> tuple:
    if class_num != 1:
        parts = [_roc(*_prepare(y_pred[:, c], y, 1, c)) for c in range(class_num)]
        return tuple([part[i] for part in parts] for i in range(3))
    fps, tps, thresholds = _binary_curve(y_pred, y, pos_label)
    fps, tps = np.append(0, fps), np.append(0, tps)
    thresholds = np.append(thresholds[0] + 1, thresholds)
    if fps[-1] <= 0:
        raise ValueError("For 'ROC.eval', there is no negative samples in true value, false positive value is "
                         "meaningless.")
    if tps[-1] <= 0:
        raise ValueError("For 'ROC.eval', there is no positive samples in true value, true positive value is "
                         "meaningless.")
    return fps / fps[-1], tps / tps[-1], thresholds


class ROC(Metric):
    """ROC(class_num=None, pos_label=None): the receiver operating characteristic of the last update."""

    def __init__(self, class_num: int | None = None, pos_label: int | None = None) -> None:
        super().__init__()
        self.class_num = class_num if class_num is None else V.check_value_type("class_num", class_num, [int])
        self.pos_label = pos_label if pos_label is None else V.check_value_type("pos_label", pos_label, [int])
        self.clear()

    def clear(self) -> None:
        self.y_pred = 0
        self.y = 0
        self.sample_weights = None
        self._is_update = False

    @rearrange_inputs
    def update(self, *inputs) -> None:
        if len(inputs) != 2:
            raise ValueError(f"For 'ROC.update', it needs 2 inputs (predicted value, true value), but got "
                             f"{len(inputs)}")
        y_pred, y = self._convert_data(inputs[0]), self._convert_data(inputs[1])
        self.y_pred, self.y, self.class_num, self.pos_label = _prepare(y_pred, y, self.class_num, self.pos_label)
        self._is_update = True

    def eval(self) -> tuple:
        if not self._is_update:
            raise RuntimeError("Please call the 'update' method before calling 'eval' method.")
        return _roc(np.squeeze(self.y_pred), np.squeeze(self.y), self.class_num, self.pos_label)


_METRIC_ALIASES = {
    "tpr": ("sensitivity", "recall", "hit_rate", "true_positive_rate"),
    "tnr": ("specificity", "selectivity", "true_negative_rate"), "ppv": ("precision", "positive_predictive_value"),
    "npv": ("negative_predictive_value",), "fnr": ("miss_rate", "false_negative_rate"),
    "fpr": ("fall_out", "false_positive_rate"), "fdr": ("false_discovery_rate",), "for": ("false_omission_rate",),
    "pt": ("prevalence_threshold",), "ts": ("threat_score", "critical_success_index", "csi"),
    "acc": ("accuracy",), "ba": ("balanced_accuracy",), "f1": ("f1_score",),
    "mcc": ("matthews_correlation_coefficient",), "fm": ("fowlkes_mallows_index",),
    "bm": ("informedness", "bookmaker_informedness"), "mk": ("markedness", "deltap")}
_METRIC_NAMES = {alias: key for key, aliases in _METRIC_ALIASES.items() for alias in (key, *aliases)}


def _ratio(num, den):
    return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _metric_of_counts(metric_name: str, counts: np.ndarray):
    """The metric named `metric_name` of tp/fp/tn/fn counts (last axis); NaN where its denominator is 0."""
    key = _METRIC_NAMES.get(metric_name.replace(" ", "_").lower())
    if key is None:
        raise NotImplementedError("The metric is not implemented.")
    counts = counts[None] if counts.ndim == 1 else counts
    tp, fp, tn, fn = (counts[..., i] for i in range(4))
    p, n = tp + fn, fp + tn
    with np.errstate(divide="ignore", invalid="ignore"):
        tpr, tnr = _ratio(tp, p), _ratio(tn, n)
        table = {"tpr": lambda: (tp, p), "tnr": lambda: (tn, n), "ppv": lambda: (tp, tp + fp),
                 "npv": lambda: (tn, tn + fn), "fnr": lambda: (fn, p), "fpr": lambda: (fp, n),
                 "fdr": lambda: (fp, fp + tp), "for": lambda: (fn, fn + tn),
                 "pt": lambda: (np.sqrt(tpr * (1.0 - tnr)) + tnr - 1.0, tpr + tnr - 1.0),
                 "ts": lambda: (tp, tp + fn + fp), "acc": lambda: (tp + tn, p + n), "ba": lambda: (tpr + tnr, 2.0),
                 "f1": lambda: (tp * 2.0, tp * 2.0 + fn + fp),
                 "mcc": lambda: (tp * tn - fp * fn, np.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))),
                 "fm": lambda: (np.sqrt(_ratio(tp, tp + fp) * tpr), 1.0), "bm": lambda: (tpr + tnr - 1.0, 1.0),
                 "mk": lambda: (_ratio(tp, tp + fp) + tn / (tn + fn) - 1.0, 1.0)}
        num, den = table[key]()
        if isinstance(den, np.ndarray):
            return np.where(den != 0, num / den, np.nan)
        return num / den


def _counts(y_pred: np.ndarray, y: np.ndarray, skip_channel: bool) -> np.ndarray:
    if not skip_channel:
        y = y[:, 1:] if y.shape[1] > 1 else y
        y_pred = y_pred[:, 1:] if y_pred.shape[1] > 1 else y_pred
    y, y_pred = y.astype(float), y_pred.astype(float)
    if y.shape != y_pred.shape:
        raise ValueError(f"The 'y_shape' should be equal to 'y_pred_shape', but got 'y_shape' = {y.shape} and "
                         f"'y_pred_shape' = {y_pred.shape}.")
    batch, channels = y_pred.shape[:2]
    y_pred, y = y_pred.reshape(batch, channels, -1), y.reshape(batch, channels, -1)
    tp = (y_pred + y == 2).sum(axis=2).astype(float)
    tn = (y_pred + y == 0).sum(axis=2).astype(float)
    p = y.sum(axis=2)
    return np.stack([tp, y.shape[-1] - p - tn, tn, p - tp], axis=-1)


def _reduce(chart: np.ndarray, decrease: str) -> tuple:
    """(reduced chart, count of non-NaN entries) over the batch (axis 0) and channel (axis 1) axes."""
    not_nans = (~np.isnan(chart)).astype(float)
    chart = np.where(np.isnan(chart), 0.0, chart)
    if decrease == "mean":
        per_batch = not_nans.sum(axis=1)
        chart = np.where(per_batch > 0, chart.sum(axis=1) / np.where(per_batch > 0, per_batch, 1), 0.0)
        count = (per_batch > 0).astype(float).sum(axis=0)
        return np.where(count > 0, chart.sum(axis=0) / np.where(count > 0, count, 1), 0.0), count
    if decrease == "mean_batch":  # MindSpore's table holds the function here, not its result
        raise TypeError("cannot unpack non-iterable function object")
    axes = {"sum": (0, 1), "sum_batch": 0, "mean_channel": 1, "sum_channel": 1, "none": None}[decrease]
    if axes is None:
        return chart, not_nans
    count = not_nans.sum(axis=axes)
    total = chart.sum(axis=axes)
    if decrease == "mean_channel":
        total = np.where(count > 0, total / np.where(count > 0, count, 1), 0.0)
    return total, count


class ConfusionMatrixMetric(Metric):
    """ConfusionMatrixMetric(skip_channel=True, metric_name='sensitivity', calculation_method=False,
    decrease='mean')."""

    def __init__(self, skip_channel: bool = True, metric_name: str = "sensitivity", calculation_method: bool = False,
                 decrease: str = "mean") -> None:
        super().__init__()
        self.skip_channel = V.check_value_type("skip_channel", skip_channel, [bool])
        self.calculation_method = V.check_value_type("calculation_method", calculation_method, [bool])
        self.metric_name = V.check_value_type("metric_name", metric_name, [str])
        decrease = V.check_value_type("decrease", decrease, [str])
        self.decrease = V.check_string(decrease, ["none", "mean", "sum", "mean_batch", "sum_batch", "mean_channel",
                                                  "sum_channel"], "decrease", None)
        self.clear()

    def clear(self) -> None:
        self._total_num = 0
        self._class_num = 0
        self._total_tp = 0.0
        self._total_fp = 0.0
        self._total_tn = 0.0
        self._total_fn = 0.0

    @rearrange_inputs
    def update(self, *inputs) -> None:
        if len(inputs) != 2:
            raise ValueError(f"For 'ConfusionMatrixMetric.update', it needs 2 inputs (predicted value, true value), "
                             f"but got {len(inputs)}.")
        y_pred, y = self._convert_data(inputs[0]), self._convert_data(inputs[1])
        if not np.all(y.astype(np.uint8) == y):
            raise ValueError("For 'ConfusionMatrix.update', the true value (input[1]) must be a binarized ndarray.")
        if y_pred.ndim < 2:
            raise ValueError(f"For 'ConfusionMatrix.update', the predicted value (input[0]) must have at least 2 "
                             f"dimensions, but got {y_pred.ndim}.")
        counts = _counts(y_pred, y, self.skip_channel)
        if not self.calculation_method:
            total = counts.sum(axis=(0, 1))
            self._total_tp += total[0].item()
            self._total_fp += total[1].item()
            self._total_tn += total[2].item()
            self._total_fn += total[3].item()
            return
        if y_pred.ndim == 2 or (y_pred.ndim == 3 and y_pred.shape[-1] == 1):  # MindSpore then unpacks the counts
            score, not_nans = counts[0], counts[1]
        else:
            score, not_nans = _reduce(_metric_of_counts(self.metric_name, counts), self.decrease)
        not_nans = int(np.asarray(not_nans).item())
        self._total_num += np.asarray(score).item() * not_nans
        self._class_num += not_nans

    def eval(self):
        if self.calculation_method:
            if self._class_num == 0:
                raise RuntimeError("The 'ConfusionMatrixMetric' can not be calculated, because the number of samples "
                                   "is 0, please check whether your inputs(predicted value, true value) are empty, or "
                                   "has called update method before calling eval method.")
            return self._total_num / self._class_num
        totals = np.array([self._total_tp, self._total_fp, self._total_tn, self._total_fn])
        return _metric_of_counts(self.metric_name, totals)
