"""`mindspore.dataset.transforms`: TypeCast, OneHot and Compose, on NumPy arrays, as `map` operations."""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from ...common import dtype as mstype

__all__ = ["TypeCast", "OneHot", "Compose"]


class TypeCast:
    """Cast to a MindSpore or NumPy dtype."""

    def __init__(self, data_type) -> None:
        self.np_dtype = mstype.to_numpy(data_type) if isinstance(data_type, mstype.Type) else np.dtype(data_type)

    def __call__(self, data) -> np.ndarray:
        return np.asarray(data).astype(self.np_dtype)


class OneHot:
    """One-hot vectors of `num_classes` in the labels' own dtype; `smoothing_rate` spreads that share of 1."""

    def __init__(self, num_classes: int, smoothing_rate: float = 0.0) -> None:
        self.num_classes = num_classes
        self.smoothing_rate = smoothing_rate

    def __call__(self, label) -> np.ndarray:
        label = np.asarray(label)
        out = np.eye(self.num_classes, dtype=np.float64)[label]
        if self.smoothing_rate:
            out = out * (1 - self.smoothing_rate) + self.smoothing_rate / self.num_classes
            return out.astype(np.float32)
        return out.astype(label.dtype)


class Compose:
    """Apply `transforms` in order."""

    def __init__(self, transforms: Sequence[Callable]) -> None:
        self.transforms = list(transforms)

    def __call__(self, *data):
        for op in self.transforms:
            data = op(*data)
            data = tuple(data) if isinstance(data, (tuple, list)) else (data,)
        return data[0] if len(data) == 1 else data
