"""`mindspore.dataset` samplers: which rows of a random-access source an epoch reads, in which order.

Non-random samplers give MindSpore's orders (DistributedSampler without shuffle: shard `k` of `n`
reads rows `k, k+n, ...`, wrapping round so every shard has `ceil(rows / n)`). Random ones draw from
the pipeline's generator (`dataset.config.set_seed`): repeatable, but not MindSpore's draws.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from . import config

__all__ = ["Sampler", "BuiltinSampler", "DistributedSampler", "PKSampler", "RandomSampler", "SequentialSampler",
           "SubsetRandomSampler", "SubsetSampler", "WeightedRandomSampler", "IterSampler"]


def _check_num_samples(num_samples) -> int | None:
    if num_samples is not None and (not isinstance(num_samples, int) or isinstance(num_samples, bool)
                                    or num_samples < 0):
        raise ValueError(f"num_samples should be a non-negative integer, but got {num_samples}.")
    return num_samples or None


class BuiltinSampler:
    """Base of the samplers: `indices(n, epoch)` for a source of `n` rows; `add_child` chains samplers."""

    def __init__(self, num_samples: int | None = None) -> None:
        self.num_samples = _check_num_samples(num_samples)
        self.child_sampler: BuiltinSampler | None = None

    def add_child(self, sampler) -> None:
        self.child_sampler = sampler

    def get_child(self):
        return self.child_sampler

    def get_num_samples(self) -> int | None:
        return self.num_samples

    def _order(self, n: int, epoch: int) -> list[int]:
        raise NotImplementedError

    def indices(self, n: int, epoch: int) -> list[int]:
        if self.child_sampler is not None:
            inner = self.child_sampler.indices(n, epoch)
            picked = [inner[i] for i in self._order(len(inner), epoch)]
        else:
            picked = self._order(n, epoch)
        return picked[:self.num_samples] if self.num_samples else picked

    def size(self, n: int) -> int:
        return len(self.indices(n, 0))

    @staticmethod
    def _rng(epoch: int) -> np.random.Generator:
        return np.random.default_rng((config.get_seed(), epoch))


class SequentialSampler(BuiltinSampler):
    """Rows in order from `start_index`."""

    def __init__(self, start_index: int | None = None, num_samples: int | None = None) -> None:
        super().__init__(num_samples)
        self.start_index = start_index or 0
        if self.start_index < 0:
            raise ValueError(f"start_index should be a non-negative integer, but got {start_index}.")

    def _order(self, n, epoch):
        return list(range(self.start_index, n))


class RandomSampler(BuiltinSampler):
    """A random permutation (or, with `replacement`, `num_samples` independent draws)."""

    def __init__(self, replacement: bool = False, num_samples: int | None = None) -> None:
        super().__init__(num_samples)
        self.replacement = replacement

    def _order(self, n, epoch):
        rng = self._rng(epoch)
        if self.replacement:
            return [int(i) for i in rng.integers(n, size=self.num_samples or n)]
        return [int(i) for i in rng.permutation(n)]


class DistributedSampler(BuiltinSampler):
    """The rows of shard `shard_id` of `num_shards` (shuffled first when `shuffle`)."""

    def __init__(self, num_shards: int, shard_id: int, shuffle: bool = True, num_samples: int | None = None,
                 offset: int = -1) -> None:
        super().__init__(num_samples)
        if not isinstance(num_shards, int) or num_shards <= 0:
            raise ValueError(f"num_shards should be a positive integer value, but got num_shards: {num_shards}.")
        if not isinstance(shard_id, int) or not 0 <= shard_id < num_shards:
            raise ValueError(f"shard_id should be more than 0 and less than num_shards, but got shard_id: "
                             f"{shard_id}.")
        self.num_shards, self.shard_id, self.shuffle, self.offset = num_shards, shard_id, shuffle, offset

    def _order(self, n, epoch):
        order = self._rng(epoch).permutation(n) if self.shuffle else np.arange(n)
        per_shard = math.ceil(n / self.num_shards)
        return [int(order[(self.shard_id + j * self.num_shards) % n]) for j in range(per_shard)] if n else []


class SubsetSampler(BuiltinSampler):
    """The given `indices`, in order."""

    def __init__(self, indices: Sequence[int], num_samples: int | None = None) -> None:
        super().__init__(num_samples)
        if isinstance(indices, int):
            indices = [indices]
        self.subset = [int(i) for i in indices]

    def _order(self, n, epoch):
        for i in self.subset:
            if not 0 <= i < n:
                raise RuntimeError(f"Sample ID ({i}) is out of bound, expected range [0, {n - 1}]")
        return list(self.subset)


class SubsetRandomSampler(SubsetSampler):
    """The given `indices`, in a random order."""

    def _order(self, n, epoch):
        picked = super()._order(n, epoch)
        return [picked[int(i)] for i in self._rng(epoch).permutation(len(picked))]


class WeightedRandomSampler(BuiltinSampler):
    """`num_samples` rows drawn with probabilities proportional to `weights`."""

    def __init__(self, weights: Sequence[float], num_samples: int | None = None, replacement: bool = True) -> None:
        super().__init__(num_samples)
        self.weights = np.asarray(weights, np.float64)
        if self.weights.ndim != 1 or not len(self.weights) or np.any(self.weights < 0) or not self.weights.sum():
            raise ValueError(f"weights should be a non-empty list of non-negative numbers, not all zero, but got "
                             f"{weights}.")
        self.replacement = replacement

    def _order(self, n, epoch):
        count = self.num_samples or len(self.weights)
        p = self.weights / self.weights.sum()
        return [int(i) for i in self._rng(epoch).choice(len(p), size=count, replace=self.replacement, p=p)]


class PKSampler(BuiltinSampler):
    """`num_val` rows of each class (the source's `class_column` values), classes in order or shuffled."""

    def __init__(self, num_val: int, num_class: int | None = None, shuffle: bool = False,
                 class_column: str = "label", num_samples: int | None = None) -> None:
        super().__init__(num_samples)
        self.num_val, self.shuffle, self.class_column = num_val, shuffle, class_column
        self.labels: list[int] | None = None

    def _order(self, n, epoch):
        if self.labels is None:
            raise RuntimeError("PKSampler needs a source whose rows have a class column.")
        by_class: dict[int, list[int]] = {}
        for i, label in enumerate(self.labels[:n]):
            by_class.setdefault(int(label), []).append(i)
        rng = self._rng(epoch)
        classes = sorted(by_class)
        if self.shuffle:
            classes = [classes[int(i)] for i in rng.permutation(len(classes))]
        out = []
        for c in classes:
            rows = by_class[c]
            take = [rows[j % len(rows)] for j in range(self.num_val)]
            out += [take[int(i)] for i in rng.permutation(len(take))] if self.shuffle else take
        return out


class Sampler(BuiltinSampler):
    """A user sampler: subclass it and yield row indices from `__iter__` (`self.dataset_size` is set)."""

    def __init__(self, num_samples: int | None = None) -> None:
        super().__init__(num_samples)
        self.dataset_size = 0

    def __iter__(self):
        raise NotImplementedError("Sampler subclasses must define __iter__.")

    def _order(self, n, epoch):
        self.dataset_size = n
        return [int(i) for i in self]


class IterSampler(Sampler):
    """Any iterable of indices used as a sampler (what `sampler=[...]` becomes)."""

    def __init__(self, sampler, num_samples: int | None = None) -> None:
        super().__init__(num_samples)
        self.sampler = sampler

    def __iter__(self):
        return iter(self.sampler)


def select(sampler) -> BuiltinSampler | None:
    """A sampler from what a dataset's `sampler=` accepts: a sampler, an iterable of indices, or None."""
    if sampler is None or isinstance(sampler, BuiltinSampler):
        return sampler
    if hasattr(sampler, "__iter__"):
        return IterSampler(sampler)
    raise TypeError(f"Unsupported sampler object of type ({type(sampler)})")
