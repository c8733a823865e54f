"""`mindspore.train.metrics`: the metrics of `mindgrad.nn.metrics`, MindSpore's `Loss`, and lookup by name.

`Model(metrics={"accuracy", "loss"})` builds metrics by these names, as MindSpore's
`get_metric_fn` does. Names MindSpore has and mindgrad does not raise NotImplementedError.
"""

from __future__ import annotations

import numpy as np

from ..nn.metrics import (Accuracy, Metric, Top1CategoricalAccuracy, Top5CategoricalAccuracy,
                          TopKCategoricalAccuracy, rearrange_inputs)

__all__ = ["names", "get_metric_fn", "Accuracy", "Metric", "rearrange_inputs", "Loss",
           "TopKCategoricalAccuracy", "Top1CategoricalAccuracy", "Top5CategoricalAccuracy"]


class Loss(Metric):
    """The mean of the losses given to `update` (each a scalar or a 1-D array, averaged first), a NumPy float64."""

    def __init__(self) -> None:
        super().__init__()
        self.clear()

    def clear(self) -> None:
        self._sum_loss = 0
        self._total_num = 0

    @rearrange_inputs
    def update(self, *inputs) -> None:
        if len(inputs) != 1:
            raise ValueError(f"For 'Loss.update', it needs 1 input (loss), but got {len(inputs)}")
        loss = self._convert_data(inputs[0])
        if loss.ndim == 0:
            loss = loss.reshape(1)
        if loss.ndim != 1:
            raise ValueError(f"For 'Loss.update', the dimension of your input (loss) must be 1, but got {loss.ndim}.")
        self._sum_loss += loss.mean(-1)
        self._total_num += 1

    def eval(self):
        if self._total_num == 0:
            raise RuntimeError("The 'Loss' can not be calculated, because the number of samples is 0, please check "
                               "whether has called update method before calling eval method.")
        return np.float64(self._sum_loss) / self._total_num


_FACTORY = {"accuracy": Accuracy, "acc": Accuracy, "topk": TopKCategoricalAccuracy,
            "top_1_accuracy": Top1CategoricalAccuracy, "top_5_accuracy": Top5CategoricalAccuracy, "loss": Loss}
_MINDSPORE_ONLY = {"precision": "Precision", "recall": "Recall", "F1": "F1", "dice": "Dice", "roc": "ROC",
                   "auc": "auc", "bleu_score": "BleuScore", "cosine_similarity": "CosineSimilarity",
                   "occlusion_sensitivity": "OcclusionSensitivity", "hausdorff_distance": "HausdorffDistance",
                   "mae": "MAE", "mse": "MSE", "mean_surface_distance": "MeanSurfaceDistance",
                   "root_mean_square_distance": "RootMeanSquareDistance", "perplexity": "Perplexity",
                   "confusion_matrix": "ConfusionMatrix", "confusion_matrix_metric": "ConfusionMatrixMetric"}


def names() -> list[str]:
    """The metric names mindgrad knows, sorted."""
    return sorted(_FACTORY)


def get_metric_fn(name: str, *args, **kwargs) -> Metric:
    """A new metric by name (`"accuracy"`, `"loss"`, ...)."""
    if name in _MINDSPORE_ONLY:
        raise NotImplementedError(f"mindgrad does not implement mindspore.train.{_MINDSPORE_ONLY[name]} "
                                  f"(metric '{name}') yet")
    if name not in _FACTORY:
        raise KeyError(f"For 'get_metric_fn', unsupported metric {name}, please refer to official website for more "
                       f"details about supported metrics.")
    return _FACTORY[name](*args, **kwargs)


def get_metrics(metrics) -> dict | None:
    """`{name: Metric}` from a dict of Metrics or a set of names."""
    if metrics is None:
        return None
    if isinstance(metrics, dict):
        for name, metric in metrics.items():
            if not isinstance(name, str) or not isinstance(metric, Metric):
                raise TypeError(f"For 'get_metrics', if 'metrics' is dict, the key in 'metrics' must be string and "
                                f"value in 'metrics' must be Metric, but got key:{type(name)}, value:{type(metric)}.")
        return metrics
    if isinstance(metrics, set):
        return {name: get_metric_fn(name) for name in metrics}
    raise TypeError(f"For 'get_metrics', the argument 'metrics' must be None, dict or set, but got {metrics}")
