"""`mindspore.dataset.vision.py_transforms_util`: the helpers scripts import from MindSpore's Python transforms."""

from __future__ import annotations

import numpy as np

from . import transforms as _t
from ._libs import is_pil as _is_pil

augment_error_message = "img should be PIL image. Got {}. Use Decode() for encoded data or ToPIL() for decoded data."


def is_pil(img) -> bool:
    return _is_pil(img)


def is_numpy(img) -> bool:
    return isinstance(img, np.ndarray)


def to_tensor(img, output_type=np.float32) -> np.ndarray:
    return _t.ToTensor(output_type)(img)


def adjust_brightness(img, brightness_factor: float):
    return _t.AdjustBrightness(brightness_factor)(img)


def adjust_contrast(img, contrast_factor: float):
    return _t.AdjustContrast(contrast_factor)(img)


def adjust_saturation(img, saturation_factor: float):
    return _t.AdjustSaturation(saturation_factor)(img)


def random_crop(img, size, padding=None, pad_if_needed=False, fill_value=0, padding_mode="constant"):
    return _t.RandomCrop(size, padding, pad_if_needed, fill_value, padding_mode)(img)


def rotate(img, angle, resample=0, expand=False, center=None, fill_value=0):
    return _t.Rotate(angle, resample, expand, center, fill_value)(img)
