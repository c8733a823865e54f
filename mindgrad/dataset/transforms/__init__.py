"""`mindspore.dataset.transforms`: the type-generic transforms (TypeCast, OneHot, Compose, PadEnd, Fill, Mask,
Concatenate, Slice, Duplicate, Unique, RandomApply/RandomChoice/RandomOrder), on NumPy arrays, as `map`
operations or called directly. Random choices draw from the pipeline's seeded generator."""

from __future__ import annotations

import operator
from enum import IntEnum
from typing import Callable, Sequence

import numpy as np

from ...common import dtype as mstype
from .. import config

__all__ = ["TypeCast", "OneHot", "Compose", "PadEnd", "Fill", "Duplicate", "Concatenate", "Mask", "Relational",
           "Slice", "RandomApply", "RandomChoice", "RandomOrder", "Unique", "TensorOperation", "PyTensorOperation"]


class TensorOperation:
    """Base of MindSpore's C++-backed transforms; subclasses define `__call__`."""


class PyTensorOperation:
    """Base of MindSpore's Python transforms; subclasses define `__call__`."""


def _np_dtype(data_type):
    return mstype.to_numpy(data_type) if isinstance(data_type, mstype.Type) else np.dtype(data_type)


class TypeCast(TensorOperation):
    """Cast to a MindSpore or NumPy dtype."""

    def __init__(self, data_type) -> None:
        self.np_dtype = _np_dtype(data_type)

    def __call__(self, data) -> np.ndarray:
        return np.asarray(data).astype(self.np_dtype)


class OneHot(TensorOperation):
    """One-hot vectors of `num_classes` in the labels' own dtype; `smoothing_rate` spreads that share of 1
    (then float64, as MindSpore)."""

    def __init__(self, num_classes: int, smoothing_rate: float = 0.0) -> None:
        self.num_classes = num_classes
        self.smoothing_rate = smoothing_rate

    def __call__(self, label) -> np.ndarray:
        label = np.asarray(label)
        out = np.eye(self.num_classes, dtype=np.float64)[label]
        if self.smoothing_rate:
            return out * (1 - self.smoothing_rate) + self.smoothing_rate / self.num_classes
        return out.astype(label.dtype)


class Compose(TensorOperation):
    """Apply `transforms` in order."""

    def __init__(self, transforms: Sequence[Callable]) -> None:
        self.transforms = list(transforms)

    def __call__(self, *data):
        for op in self.transforms:
            data = op(*data)
            data = tuple(data) if isinstance(data, (tuple, list)) else (data,)
        return data[0] if len(data) == 1 else data


def _apply_all(transforms, data):
    for op in transforms:
        data = op(*data)
        data = tuple(data) if isinstance(data, (tuple, list)) else (data,)
    return data[0] if len(data) == 1 else data


class PadEnd(TensorOperation):
    """Pad at the end of each axis up to `pad_shape` (0 / "" by default); a larger input is cut."""

    def __init__(self, pad_shape: Sequence[int], pad_value=None) -> None:
        self.pad_shape, self.pad_value = list(pad_shape), pad_value

    def __call__(self, data) -> np.ndarray:
        data = np.asarray(data)
        if len(self.pad_shape) != data.ndim:
            raise RuntimeError(f"PadEnd: invalid pad_shape {self.pad_shape} for input of rank {data.ndim}.")
        fill = self.pad_value if self.pad_value is not None else ("" if data.dtype.kind == "U" else 0)
        dtype = np.result_type(data.dtype, np.min_scalar_type(fill)) if data.dtype.kind == "U" else data.dtype
        out = np.full(self.pad_shape, fill, dtype=dtype)
        region = tuple(slice(0, min(a, b)) for a, b in zip(data.shape, self.pad_shape, strict=True))
        out[region] = data[region]
        return out


class Fill(TensorOperation):
    """An array of the input's shape and dtype filled with `fill_value`."""

    def __init__(self, fill_value) -> None:
        self.fill_value = fill_value

    def __call__(self, data) -> np.ndarray:
        data = np.asarray(data)
        return np.full_like(data, self.fill_value)


class Duplicate(TensorOperation):
    """The input and a copy of it (two columns)."""

    def __call__(self, data):
        data = np.asarray(data)
        return data, data.copy()


class Concatenate(TensorOperation):
    """`prepend`, the input and `append` joined along `axis` (1-D)."""

    def __init__(self, axis: int = 0, prepend=None, append=None) -> None:
        self.axis, self.prepend, self.append = axis, prepend, append

    def __call__(self, data) -> np.ndarray:
        parts = [np.asarray(p) for p in (self.prepend, data, self.append) if p is not None]
        return np.concatenate(parts, axis=self.axis)


class Relational(IntEnum):
    EQ = 0
    NE = 1
    GT = 2
    GE = 3
    LT = 4
    LE = 5


_RELATIONS = {Relational.EQ: operator.eq, Relational.NE: operator.ne, Relational.GT: operator.gt,
              Relational.GE: operator.ge, Relational.LT: operator.lt, Relational.LE: operator.le}


class Mask(TensorOperation):
    """`input <operator> constant`, elementwise, as `dtype` (bool by default)."""

    def __init__(self, operator: Relational, constant, dtype=mstype.bool_) -> None:
        self.relation, self.constant, self.np_dtype = Relational(operator), constant, _np_dtype(dtype)

    def __call__(self, data) -> np.ndarray:
        return _RELATIONS[self.relation](np.asarray(data), self.constant).astype(self.np_dtype)


class Slice(TensorOperation):
    """Index the input with `slices` (ints, slices, lists of indices, None or Ellipsis), one per axis."""

    def __init__(self, *slices) -> None:
        self.slices = tuple(slice(None) if s is None else s for s in slices)

    def __call__(self, data) -> np.ndarray:
        data = np.asarray(data)
        index = tuple(np.asarray(s) if isinstance(s, list) else s for s in self.slices)
        return data[index]


class Unique(TensorOperation):
    """(unique values in first-appearance order, index of each input element in them, counts)."""

    def __call__(self, data):
        flat = np.asarray(data).reshape(-1)
        _, first, inverse, counts = np.unique(flat, return_index=True, return_inverse=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        return flat[np.sort(first)], rank[inverse].astype(np.int32), counts[order].astype(np.int32)


class RandomApply(TensorOperation):
    """Apply `transforms` in order with probability `prob`, else pass the input through."""

    def __init__(self, transforms: Sequence[Callable], prob: float = 0.5) -> None:
        if not 0 <= prob <= 1:
            raise ValueError(f"Input prob is not within the required interval of [0.0, 1.0], but got {prob}.")
        self.transforms, self.prob = list(transforms), prob

    def __call__(self, *data):
        if config.random_generator().random() < self.prob:
            return _apply_all(self.transforms, data)
        return data[0] if len(data) == 1 else data


class RandomChoice(TensorOperation):
    """Apply one of `transforms`, chosen at random."""

    def __init__(self, transforms: Sequence[Callable]) -> None:
        self.transforms = list(transforms)

    def __call__(self, *data):
        op = self.transforms[int(config.random_generator().integers(len(self.transforms)))]
        return _apply_all([op], data)


class RandomOrder(TensorOperation):
    """Apply all of `transforms`, in a random order."""

    def __init__(self, transforms: Sequence[Callable]) -> None:
        self.transforms = list(transforms)

    def __call__(self, *data):
        order = config.random_generator().permutation(len(self.transforms))
        return _apply_all([self.transforms[int(i)] for i in order], data)
