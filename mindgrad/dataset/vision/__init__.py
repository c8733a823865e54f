"""`mindspore.dataset.vision`: the array transforms of MNIST/CIFAR pipelines (Rescale, Normalize, HWC2CHW)."""

from __future__ import annotations

from typing import Sequence

import numpy as np

__all__ = ["Rescale", "Normalize", "HWC2CHW"]


class Rescale:
    """`image * rescale + shift`, as float32."""

    def __init__(self, rescale: float, shift: float) -> None:
        self.rescale = rescale
        self.shift = shift

    def __call__(self, image) -> np.ndarray:
        return (np.asarray(image, np.float32) * np.float32(self.rescale) + np.float32(self.shift)).astype(np.float32)


class Normalize:
    """`(image - mean) / std` per channel (the last axis when `is_hwc`, else the first), as float32."""

    def __init__(self, mean: Sequence[float], std: Sequence[float], is_hwc: bool = True) -> None:
        self.mean = np.asarray(mean, np.float32)
        self.std = np.asarray(std, np.float32)
        self.is_hwc = is_hwc

    def __call__(self, image) -> np.ndarray:
        image = np.asarray(image, np.float32)
        shape = (-1,) if self.is_hwc else (-1, 1, 1)
        return ((image - self.mean.reshape(shape)) / self.std.reshape(shape)).astype(np.float32)


class HWC2CHW:
    """Move the channel axis first: (H, W, C) -> (C, H, W)."""

    def __call__(self, image) -> np.ndarray:
        return np.transpose(np.asarray(image), (2, 0, 1))
