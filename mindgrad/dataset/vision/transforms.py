"""`mindspore.dataset.vision` transforms, on NumPy images (HWC or HW, uint8 or float) and PIL images.

Decoding, resizing, warping and colour conversion use OpenCV (opencv-python-headless), the library
MindSpore's own kernels are built on, so `Decode` and `Resize` give MindSpore's numbers exactly on
NumPy images; PIL images go through Pillow as in MindSpore. The enhancement ops (brightness,
contrast, saturation, sharpness, ...) use Pillow's ImageEnhance, as MindSpore's do; results may
differ from MindSpore's by one grey level from rounding. Random transforms draw from the pipeline's
seeded generator (`dataset.config.set_seed`): outputs repeat from run to run but are not MindSpore's
random draws. A transform is called on one image or used in `Dataset.map`; bad input raises
MindSpore's error type (TypeError for a non-image, RuntimeError for a failed decode).
"""

from __future__ import annotations

import functools
import math
import numbers
from typing import Sequence

import numpy as np

from .. import config
from ._libs import Image, ImageEnhance, ImageOps, cv2, is_pil
from .utils import Border, ConvertMode, Inter, SliceMode

__all__ = [
    "AdjustBrightness", "AdjustContrast", "AdjustGamma", "AdjustHue", "AdjustSaturation", "AdjustSharpness",
    "AutoContrast", "CenterCrop", "ConvertColor", "Crop", "CutOut", "Decode", "Equalize", "Erase", "GaussianBlur",
    "Grayscale", "HWC2CHW", "HorizontalFlip", "Invert", "MixUpBatch", "Normalize", "NormalizePad", "Pad",
    "Posterize", "RandomAdjustSharpness", "RandomAffine", "RandomAutoContrast", "RandomColor", "RandomColorAdjust",
    "RandomCrop", "RandomCropDecodeResize", "RandomEqualize", "RandomErasing", "RandomGrayscale",
    "RandomHorizontalFlip", "RandomInvert", "RandomPosterize", "RandomResize", "RandomResizedCrop", "RandomRotation",
    "RandomSelectSubpolicy", "RandomSharpness", "RandomSolarize", "RandomVerticalFlip", "Rescale", "Resize",
    "ResizedCrop", "Rotate", "SlicePatches", "Solarize", "ToNumpy", "ToPIL", "ToTensor", "ToType", "VerticalFlip",
    "Affine",
]

@functools.cache
def _cv_inter() -> dict:
    return {Inter.NEAREST: cv2.INTER_NEAREST, Inter.BILINEAR: cv2.INTER_LINEAR, Inter.BICUBIC: cv2.INTER_CUBIC,
            Inter.AREA: cv2.INTER_AREA}


@functools.cache
def _pil_inter() -> dict:
    return {Inter.NEAREST: Image.NEAREST, Inter.BILINEAR: Image.BILINEAR, Inter.BICUBIC: Image.BICUBIC,
            Inter.AREA: Image.BOX, Inter.PILCUBIC: Image.BICUBIC, Inter.ANTIALIAS: Image.LANCZOS}


@functools.cache
def _imread_rgb() -> int:
    return getattr(cv2, "IMREAD_COLOR_RGB", 0)  # OpenCV >= 4.11 decodes straight to RGB


@functools.cache
def _cv_border() -> dict:
    return {Border.CONSTANT: cv2.BORDER_CONSTANT, Border.EDGE: cv2.BORDER_REPLICATE,
            Border.REFLECT: cv2.BORDER_REFLECT_101, Border.SYMMETRIC: cv2.BORDER_REFLECT}


# ---- helpers ---------------------------------------------------------------------------------------------

def _array(img, op: str) -> np.ndarray:
    """A NumPy view of a NumPy or PIL image; anything else is MindSpore's TypeError."""
    if is_pil(img):
        return np.asarray(img)
    if isinstance(img, np.ndarray):
        return img
    if hasattr(img, "asnumpy"):
        return img.asnumpy()
    raise TypeError(f"Input should be NumPy or PIL image, got {type(img)}.")


def _like(out: np.ndarray, img):
    """Back to PIL when the input was PIL."""
    if is_pil(img):
        return Image.fromarray(np.ascontiguousarray(out))
    return out


def _pair(size, name: str) -> tuple[int, int]:
    if isinstance(size, numbers.Integral) and not isinstance(size, bool):
        size = (int(size), int(size))
    if (not isinstance(size, (tuple, list)) or len(size) != 2
            or not all(isinstance(s, numbers.Integral) and s > 0 for s in size)):
        raise TypeError(f"Argument {name} with value {size} is not of type [<class 'int'>, <class 'list'>, "
                        f"<class 'tuple'>], or its values are not positive integers.")
    return int(size[0]), int(size[1])


def _range(value, name: str, center: float = 1.0, low: float = 0.0) -> tuple[float, float]:
    if isinstance(value, numbers.Number):
        if value < 0:
            raise ValueError(f"Input {name} is not within the required interval of [0, 16777216].")
        return max(low, center - value), center + value
    if not isinstance(value, (tuple, list)) or len(value) != 2 or value[0] > value[1]:
        raise TypeError(f"Argument {name} with value {value} is not a number or a (min, max) sequence.")
    return float(value[0]), float(value[1])


def _rng() -> np.random.Generator:
    return config.random_generator()


def _resize(arr: np.ndarray, h: int, w: int, interpolation: Inter) -> np.ndarray:
    flag = _cv_inter().get(interpolation)
    if flag is None:
        if interpolation in (Inter.PILCUBIC, Inter.ANTIALIAS):
            return np.asarray(Image.fromarray(arr).resize((w, h), _pil_inter()[interpolation]))
        flag = _cv_inter()[Inter(interpolation)]
    out = cv2.resize(arr, (w, h), interpolation=flag)
    return out if out.ndim == arr.ndim else out.reshape(h, w, *arr.shape[2:])


def _pil(arr: np.ndarray) -> Image.Image:
    arr = np.asarray(arr)
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[..., 0]
    return Image.fromarray(arr.astype(np.uint8) if arr.dtype != np.uint8 else arr)


def _crop(arr: np.ndarray, top: int, left: int, h: int, w: int) -> np.ndarray:
    return arr[top:top + h, left:left + w]


def _pad(arr: np.ndarray, top: int, bottom: int, left: int, right: int, fill, mode) -> np.ndarray:
    value = fill if isinstance(fill, (tuple, list)) else (fill,) * (arr.shape[2] if arr.ndim == 3 else 1)
    out = cv2.copyMakeBorder(arr, top, bottom, left, right, _cv_border()[Border(mode)], value=list(value))
    return out.reshape(out.shape[0], out.shape[1], *arr.shape[2:])


def _padding(padding) -> tuple[int, int, int, int]:
    """MindSpore's padding argument as (top, bottom, left, right)."""
    if isinstance(padding, numbers.Integral):
        return (int(padding),) * 4
    if len(padding) == 2:
        return int(padding[1]), int(padding[1]), int(padding[0]), int(padding[0])
    left, top, right, bottom = (int(p) for p in padding)
    return top, bottom, left, right


def _uniform(values) -> np.ndarray | None:
    """Images as one array stacked along a new first axis, where all are NumPy arrays of one shape and dtype."""
    if type(values) is np.ndarray:
        return values
    first = values[0]
    if type(first) is not np.ndarray or first.dtype == object or any(
            type(v) is not np.ndarray or v.shape != first.shape or v.dtype != first.dtype for v in values):
        return None
    return np.stack(values)


_CV_DEPTHS = tuple(np.dtype(t) for t in (np.uint8, np.int8, np.uint16, np.int16, np.int32, np.float32, np.float64))


def _each(op, values) -> list:
    return [op(v) for v in values]


class _Op:
    """Base of the transforms: `__call__` takes one image (or several columns for multi-input ops).

    A transform whose class defines `_sweep(values)` (not inherited: a subclass may draw or compute otherwise) runs in
    `Dataset.map` on many images at once, `values` being a list of images or an array of them stacked along a new
    first axis, with the numbers of one call per image; a random one (`_draws`) takes the uniform draws its calls
    would make, one per image, as `_sweep(values, draws)`."""

    def __call__(self, img):
        if type(img) is np.ndarray:
            return self._apply(img)
        return _like(self._apply(_array(img, type(self).__name__)), img)

    def _apply(self, arr: np.ndarray) -> np.ndarray:
        raise NotImplementedError


# ---- decoding and conversion ---------------------------------------------------------------------------------

class Decode(_Op):
    """Decode JPEG/PNG/BMP/... bytes to an RGB uint8 HWC array (a PIL image with `to_pil`)."""

    def __init__(self, to_pil: bool = False) -> None:
        self.to_pil = to_pil

    def __call__(self, img):
        if type(img) is np.ndarray and img.dtype == np.uint8 and img.ndim == 1:
            raw = img
        elif isinstance(img, (bytes, bytearray)):
            raw = np.frombuffer(img, np.uint8)
        elif isinstance(img, np.ndarray) and img.dtype.kind == "S":
            raw = np.frombuffer(img.tobytes(), np.uint8)
        elif isinstance(img, np.ndarray) and img.dtype == np.uint8 and img.ndim == 1:
            raw = img
        else:
            raise TypeError(f"Input should be an encoded image in 1-D NumPy format, got {type(img)}.")
        out = cv2.imdecode(raw, _imread_rgb() or cv2.IMREAD_COLOR) if raw.size else None
        if out is None:
            raise RuntimeError("Decode: image decode failed.")
        if not _imread_rgb():
            out = cv2.cvtColor(out, cv2.COLOR_BGR2RGB)
        return Image.fromarray(out) if self.to_pil else out

    def _sweep(self, values):
        flag, decode, uint8 = _imread_rgb(), cv2.imdecode, np.dtype(np.uint8)
        if self.to_pil or not flag:
            return _each(self, values)
        out = []
        for raw in values:
            img = (decode(raw, flag) if type(raw) is np.ndarray and raw.dtype == uint8 and raw.ndim == 1 and raw.size
                   else None)
            out.append(self(raw) if img is None else img)  # one call's checks and error
        return out


class ToPIL(_Op):
    """A NumPy HWC uint8 image as a PIL image."""

    def __call__(self, img):
        if is_pil(img):
            return img
        return _pil(_array(img, "ToPIL"))


class ToNumpy(_Op):
    def __call__(self, img):
        return np.array(_array(img, "ToNumpy"))


class ToTensor(_Op):
    """HWC image (uint8 0..255) to CHW `output_type` array scaled to 0..1."""

    def __init__(self, output_type=np.float32) -> None:
        from ...common import dtype as mstype

        self.output_type = mstype.to_numpy(output_type) if isinstance(output_type, mstype.Type) else output_type

    def __call__(self, img):
        arr = np.asarray(_array(img, "ToTensor"))
        if arr.ndim == 2:
            arr = arr[:, :, None]
        if arr.ndim != 3:
            raise RuntimeError(f"ToTensor: the input image should have 2 or 3 dimensions, but got {arr.ndim}.")
        return (np.transpose(arr, (2, 0, 1)).astype(np.float32) / 255.0).astype(self.output_type)

    def _sweep(self, values):
        stack = _uniform(values)
        if stack is None or stack.ndim not in (3, 4):
            return _each(self, values)
        stack = stack[..., None] if stack.ndim == 3 else stack
        return (np.transpose(stack, (0, 3, 1, 2)).astype(np.float32) / 255.0).astype(self.output_type)


class ToType(_Op):
    def __init__(self, data_type) -> None:
        from ..transforms import TypeCast

        self._cast = TypeCast(data_type)

    def __call__(self, img):
        return self._cast(_array(img, "ToType"))


class HWC2CHW(_Op):
    """Move the channel axis first: (H, W, C) -> (C, H, W); an HW image is returned as it is (as MindSpore)."""

    def __call__(self, img):
        arr = img if type(img) is np.ndarray else np.asarray(_array(img, "HWC2CHW"))
        return arr if arr.ndim == 2 else arr.transpose(2, 0, 1)

    def _sweep(self, values):
        stack = _uniform(values)
        if stack is None or stack.ndim not in (3, 4):
            return _each(self, values)
        return stack if stack.ndim == 3 else stack.transpose(0, 3, 1, 2)


class Rescale(_Op):
    """`image * rescale + shift`, as float32."""

    def __init__(self, rescale: float, shift: float) -> None:
        self.rescale, self.shift = rescale, shift

    def __call__(self, img):
        return self._rescale(np.asarray(_array(img, "Rescale"), np.float32))

    def _rescale(self, arr: np.ndarray) -> np.ndarray:
        return (arr * np.float32(self.rescale) + np.float32(self.shift)).astype(np.float32)

    def _sweep(self, values):
        stack = _uniform(values)
        return _each(self, values) if stack is None else self._rescale(np.asarray(stack, np.float32))


class Normalize(_Op):
    """`(image - mean) / std` per channel (the last axis when `is_hwc`, else the first), as float32."""

    def __init__(self, mean: Sequence[float], std: Sequence[float], is_hwc: bool = True) -> None:
        self.mean = np.asarray(mean, np.float32)
        self.std = np.asarray(std, np.float32)
        if np.any(self.std <= 0):
            raise ValueError(f"Input std_value is not within the required interval of (0, 255], but got {std}.")
        self.is_hwc = is_hwc

    def __call__(self, img):
        arr = np.asarray(img if type(img) is np.ndarray else _array(img, "Normalize"), np.float32)
        return self._normalize(arr, arr.ndim)

    def _sweep(self, values):
        stack = _uniform(values)
        return _each(self, values) if stack is None else self._normalize(np.asarray(stack, np.float32), stack.ndim - 1)

    def _normalize(self, arr: np.ndarray, ndim: int) -> np.ndarray:
        """`arr` (float32) normalized, `ndim` being the number of axes of one image in it."""
        mean, std = self.mean, self.std
        if not self.is_hwc and ndim != 2:
            mean, std = mean.reshape(-1, 1, 1), std.reshape(-1, 1, 1)
        out = arr - mean
        if mean.shape != std.shape:
            return out / std
        out /= std
        return out


class NormalizePad(Normalize):
    """`Normalize`, then a fourth channel of zeros (HWC)."""

    def __init__(self, mean, std, dtype: str = "float32", is_hwc: bool = True) -> None:
        super().__init__(mean, std, is_hwc)
        self.dtype = dtype

    def __call__(self, img):
        out = super().__call__(img)
        axis = -1 if self.is_hwc else 0
        pad = np.zeros_like(np.take(out, [0], axis=axis))
        return np.concatenate([out, pad], axis=axis).astype(self.dtype)


class ConvertColor(_Op):
    """Convert between RGB/BGR/RGBA/BGRA/GRAY with OpenCV."""

    _CODES = ("COLOR_BGR2BGRA", "COLOR_BGRA2BGR", "COLOR_BGR2RGBA", "COLOR_RGBA2BGR", "COLOR_BGR2RGB",
              "COLOR_BGRA2RGBA", "COLOR_BGR2GRAY", "COLOR_RGB2GRAY", "COLOR_GRAY2BGR", "COLOR_GRAY2BGRA",
              "COLOR_BGRA2GRAY", "COLOR_RGBA2GRAY")

    def __init__(self, convert_mode: ConvertMode) -> None:
        self.convert_mode = ConvertMode(convert_mode)

    def _apply(self, arr):
        return cv2.cvtColor(arr, getattr(cv2, self._CODES[int(self.convert_mode)]))

    def _sweep(self, values):
        # Pixel by pixel: the stack as one tall image gives each image's numbers (integer arithmetic for uint8).
        stack = _uniform(values)
        if stack is None or stack.dtype != np.uint8 or stack.ndim not in (3, 4):
            return _each(self, values)
        out = self._apply(stack.reshape(-1, *stack.shape[2:]))
        return out.reshape(*stack.shape[:2], *out.shape[1:])


# ---- geometry -----------------------------------------------------------------------------------------------

class Resize(_Op):
    """Resize to (height, width); an int resizes the shorter side to it, keeping the aspect ratio."""

    def __init__(self, size, interpolation: Inter = Inter.BILINEAR) -> None:
        if isinstance(size, numbers.Integral):
            if size <= 0:
                raise ValueError(f"Input is not within the required interval of [1, 16777216], but got {size}.")
            self.size = int(size)
        else:
            self.size = _pair(size, "size")
        if not isinstance(interpolation, Inter):
            raise TypeError(f"Argument interpolation with value {interpolation} is not of type [<enum 'Inter'>], "
                            f"but got {type(interpolation)}.")
        self.interpolation = interpolation

    def _target(self, h: int, w: int) -> tuple[int, int]:
        if isinstance(self.size, tuple):
            return self.size
        if h <= w:
            return self.size, int(w * self.size / h)
        return int(h * self.size / w), self.size

    def __call__(self, img):
        if is_pil(img):
            h, w = self._target(img.height, img.width)
            return img.resize((w, h), _pil_inter()[self.interpolation])
        arr = img if type(img) is np.ndarray else _array(img, "Resize")
        if arr.ndim not in (2, 3):
            raise RuntimeError(f"Resize: the image tensor should have at least two dimensions. You may need to "
                               f"perform Decode first. Got shape {arr.shape}.")
        return _resize(arr, *self._target(*arr.shape[:2]), self.interpolation)

    def _sweep(self, values):
        if not all(type(a) is np.ndarray and a.ndim in (2, 3) for a in values):
            return _each(self, values)
        return [_resize(a, *self._target(*a.shape[:2]), self.interpolation) for a in values]


class RandomResize(Resize):
    """`Resize` with a random interpolation among NEAREST, BILINEAR, BICUBIC and AREA."""

    def __call__(self, img):
        self.interpolation = [Inter.NEAREST, Inter.BILINEAR, Inter.BICUBIC, Inter.AREA][int(_rng().integers(4))]
        return super().__call__(img)


class Crop(_Op):
    """The `size` region whose top-left corner is `coordinates` (top, left)."""

    def __init__(self, coordinates: Sequence[int], size) -> None:
        self.top, self.left = coordinates
        self.size = _pair(size, "size")

    def _apply(self, arr):
        h, w = self.size
        if self.top + h > arr.shape[0] or self.left + w > arr.shape[1]:
            raise RuntimeError(f"Crop: the crop box ({self.top}, {self.left}, {h}, {w}) exceeds the image of shape "
                               f"{arr.shape}.")
        return _crop(arr, self.top, self.left, h, w)


class CenterCrop(_Op):
    """The centre `size` region; a smaller image is zero-padded first."""

    def __init__(self, size) -> None:
        self.size = _pair(size, "size")

    def _apply(self, arr):
        h, w = self.size
        top, left = (arr.shape[0] - h) // 2, (arr.shape[1] - w) // 2  # floor: a negative offset pads
        if top < 0 or left < 0:
            pt, pl = max(-top, 0), max(-left, 0)
            arr = _pad(arr, pt, max(h - arr.shape[0] - pt, 0), pl, max(w - arr.shape[1] - pl, 0), 0,
                       Border.CONSTANT)
            top, left = max(top, 0), max(left, 0)
        return _crop(arr, top, left, h, w)


class Pad(_Op):
    """Pad the borders: an int (all sides), (left/right, top/bottom) or (left, top, right, bottom)."""

    def __init__(self, padding, fill_value=0, padding_mode: Border = Border.CONSTANT) -> None:
        self.padding = _padding(padding)
        self.fill_value, self.padding_mode = fill_value, padding_mode

    def _apply(self, arr):
        return _pad(arr, *self.padding, self.fill_value, self.padding_mode)


class RandomCrop(_Op):
    """A random `size` region, after optional `padding` (and padding up to `size` with `pad_if_needed`)."""

    def __init__(self, size, padding=None, pad_if_needed: bool = False, fill_value=0,
                 padding_mode: Border = Border.CONSTANT) -> None:
        self.size = _pair(size, "size")
        self.padding = None if padding is None else _padding(padding)
        self.pad_if_needed, self.fill_value, self.padding_mode = pad_if_needed, fill_value, padding_mode

    def _apply(self, arr):
        if self.padding is not None:
            arr = _pad(arr, *self.padding, self.fill_value, self.padding_mode)
        h, w = self.size
        if self.pad_if_needed and (arr.shape[0] < h or arr.shape[1] < w):
            ph, pw = max(h - arr.shape[0], 0), max(w - arr.shape[1], 0)
            arr = _pad(arr, ph, ph, pw, pw, self.fill_value, self.padding_mode)
        if arr.shape[0] < h or arr.shape[1] < w:
            raise RuntimeError(f"RandomCrop: crop size {self.size} is greater than the image size {arr.shape[:2]}.")
        rng = _rng()
        top = int(rng.integers(arr.shape[0] - h + 1))
        left = int(rng.integers(arr.shape[1] - w + 1))
        return _crop(arr, top, left, h, w)


def _random_box(h: int, w: int, scale, ratio, attempts: int) -> tuple[int, int, int, int]:
    """(top, left, height, width) of a random area/aspect crop, falling back to a centred one."""
    rng = _rng()
    area = h * w
    log_ratio = (math.log(ratio[0]), math.log(ratio[1]))
    for _ in range(attempts):
        target = area * rng.uniform(*scale)
        aspect = math.exp(rng.uniform(*log_ratio))
        cw = int(round(math.sqrt(target * aspect)))
        ch = int(round(math.sqrt(target / aspect)))
        if 0 < cw <= w and 0 < ch <= h:
            return int(rng.integers(h - ch + 1)), int(rng.integers(w - cw + 1)), ch, cw
    in_ratio = w / h
    if in_ratio < min(ratio):
        cw, ch = w, int(round(w / min(ratio)))
    elif in_ratio > max(ratio):
        ch, cw = h, int(round(h * max(ratio)))
    else:
        cw, ch = w, h
    return (h - ch) // 2, (w - cw) // 2, ch, cw


class RandomResizedCrop(_Op):
    """A random crop of `scale` of the area and `ratio` aspect, resized to `size`."""

    def __init__(self, size, scale=(0.08, 1.0), ratio=(3.0 / 4.0, 4.0 / 3.0), interpolation: Inter = Inter.BILINEAR,
                 max_attempts: int = 10) -> None:
        self.size = _pair(size, "size")
        self.scale, self.ratio = tuple(scale), tuple(ratio)
        self.interpolation, self.max_attempts = interpolation, max_attempts

    def _apply(self, arr):
        top, left, h, w = _random_box(arr.shape[0], arr.shape[1], self.scale, self.ratio, self.max_attempts)
        return _resize(np.ascontiguousarray(_crop(arr, top, left, h, w)), *self.size, self.interpolation)


class RandomCropDecodeResize(RandomResizedCrop):
    """`Decode`, then `RandomResizedCrop`."""

    def __call__(self, img):
        return self._apply(Decode()(img))


class ResizedCrop(_Op):
    def __init__(self, top: int, left: int, height: int, width: int, size, interpolation=Inter.BILINEAR) -> None:
        self.box = (top, left, height, width)
        self.size = _pair(size, "size")
        self.interpolation = interpolation

    def _apply(self, arr):
        return _resize(np.ascontiguousarray(_crop(arr, *self.box)), *self.size, self.interpolation)


class _Flip(_Op):
    """What the flips share: `_axis` is the image axis they reverse (1: left-right, 0: upside-down)."""

    _axis = 1

    def _flipped(self, values, flip: np.ndarray):
        """The images where `flip`, flipped (in a stack of our own, in place); the others as they are."""
        stack = _uniform(values)
        if stack is None or stack.ndim < 3:
            return [self._one(v, f) for v, f in zip(values, flip, strict=True)]
        picked = np.flatnonzero(flip)
        if picked.size:
            some = stack[picked]
            if self._axis == 1 and stack.ndim == 4 and stack.shape[3] <= 4 and stack.dtype in _CV_DEPTHS:
                # OpenCV's left-right flip of the images as one tall image: the same copy, much faster than NumPy's
                # for a few channels.
                stack[picked] = cv2.flip(some.reshape(-1, *some.shape[2:]), 1).reshape(some.shape)
            else:
                stack[picked] = np.flip(some, self._axis + 1)
        return stack

    def _one(self, img, flip: bool):
        arr = img if type(img) is np.ndarray else _array(img, type(self).__name__)
        out = np.flip(arr, self._axis).copy() if flip else arr
        return out if type(img) is np.ndarray else _like(out, img)


class HorizontalFlip(_Flip):
    def _apply(self, arr):
        return np.flip(arr, self._axis).copy()

    def _sweep(self, values):
        return self._flipped(values, np.ones(len(values), bool))


class VerticalFlip(_Flip):
    _axis = 0
    _apply, _sweep = HorizontalFlip._apply, HorizontalFlip._sweep


class RandomHorizontalFlip(_Flip):
    """Flip left-right with probability `prob`."""

    _draws = True

    def __init__(self, prob: float = 0.5) -> None:
        if not isinstance(prob, numbers.Number) or not 0 <= prob <= 1:
            raise ValueError(f"Input prob is not within the required interval of [0.0, 1.0], but got {prob}.")
        self.prob = prob

    def _apply(self, arr):
        return np.flip(arr, self._axis).copy() if _rng().random() < self.prob else arr

    def _sweep(self, values, draws):
        return self._flipped(values, draws < self.prob)


class RandomVerticalFlip(RandomHorizontalFlip):
    """Flip upside-down with probability `prob`."""

    _axis = 0
    _sweep = RandomHorizontalFlip._sweep


def _affine(arr: np.ndarray, matrix: np.ndarray, size: tuple[int, int], resample, fill) -> np.ndarray:
    value = fill if isinstance(fill, (tuple, list)) else (fill,) * (arr.shape[2] if arr.ndim == 3 else 1)
    flags = _cv_inter().get(Inter(resample), cv2.INTER_LINEAR)
    out = cv2.warpAffine(arr, matrix, (size[1], size[0]), flags=flags, borderMode=cv2.BORDER_CONSTANT,
                         borderValue=list(value))
    return out.reshape(size[0], size[1], *arr.shape[2:])


class Rotate(_Op):
    """Rotate by `degrees` counter-clockwise about `center` (default the image centre)."""

    def __init__(self, degrees: float, resample: Inter = Inter.NEAREST, expand: bool = False, center=None,
                 fill_value=0) -> None:
        self.degrees, self.resample, self.expand = degrees, resample, expand
        self.center, self.fill_value = center, fill_value

    def _rotate(self, arr, degrees):
        h, w = arr.shape[:2]
        cx, cy = ((w - 1) / 2.0, (h - 1) / 2.0) if self.center is None else self.center
        matrix = cv2.getRotationMatrix2D((cx, cy), degrees, 1.0)
        size = (h, w)
        if self.expand:
            cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
            nw, nh = int(round(h * sin + w * cos)), int(round(h * cos + w * sin))
            matrix[0, 2] += (nw - w) / 2.0
            matrix[1, 2] += (nh - h) / 2.0
            size = (nh, nw)
        return _affine(arr, matrix, size, self.resample, self.fill_value)

    def _apply(self, arr):
        return self._rotate(arr, self.degrees)


class RandomRotation(Rotate):
    """Rotate by an angle drawn from `degrees` (a number d means [-d, d])."""

    def __init__(self, degrees, resample: Inter = Inter.NEAREST, expand: bool = False, center=None,
                 fill_value=0) -> None:
        super().__init__(0.0, resample, expand, center, fill_value)
        self.range = _range(degrees, "degrees", 0.0, -math.inf)

    def _apply(self, arr):
        return self._rotate(arr, _rng().uniform(*self.range))


class Affine(_Op):
    """Rotate by `degrees`, shift by `translate` (fractions of the width and height), scale and shear, about the
    centre."""

    def __init__(self, degrees: float, translate: Sequence[float], scale: float, shear, resample=Inter.NEAREST,
                 fill_value=0) -> None:
        self.params = (degrees, tuple(translate), scale, shear if isinstance(shear, (tuple, list)) else (shear, 0))
        self.resample, self.fill_value = resample, fill_value

    def _matrix(self, h, w, degrees, translate, scale, shear):
        cx, cy = (w - 1) / 2.0, (h - 1) / 2.0
        rot, sx, sy = math.radians(degrees), math.radians(shear[0]), math.radians(shear[1])
        a = math.cos(rot - sy) / math.cos(sy)
        b = -math.cos(rot - sy) * math.tan(sx) / math.cos(sy) - math.sin(rot)
        c = math.sin(rot - sy) / math.cos(sy)
        d = -math.sin(rot - sy) * math.tan(sx) / math.cos(sy) + math.cos(rot)
        m = np.array([[a, b], [c, d]]) * scale
        shift = np.array([cx + translate[0] * w, cy + translate[1] * h]) - m @ np.array([cx, cy])
        return np.hstack([m, shift[:, None]]).astype(np.float64)

    def _apply(self, arr):
        h, w = arr.shape[:2]
        return _affine(arr, self._matrix(h, w, *self.params), (h, w), self.resample, self.fill_value)


class RandomAffine(Affine):
    """A random `Affine` from ranges of rotation, translation (fractions of the size), scale and shear."""

    def __init__(self, degrees, translate=None, scale=None, shear=None, resample=Inter.NEAREST, fill_value=0) -> None:
        self.degrees = _range(degrees, "degrees", 0.0, -math.inf)
        self.translate, self.scale_range = translate, scale
        if shear is None or isinstance(shear, numbers.Number):
            s = 0 if shear is None else shear
            shear = (-s, s)
        self.shear = tuple(shear)
        self.resample, self.fill_value = resample, fill_value

    def _apply(self, arr):
        rng = _rng()
        h, w = arr.shape[:2]
        tx = ty = 0.0
        if self.translate is not None:
            t = list(self.translate) + [0.0] * (4 - len(self.translate))
            tx = rng.uniform(t[0], t[1]) if len(self.translate) == 4 else rng.uniform(-t[0], t[0])
            ty = rng.uniform(t[2], t[3]) if len(self.translate) == 4 else rng.uniform(-t[1], t[1])
        scale = 1.0 if self.scale_range is None else rng.uniform(*self.scale_range)
        shear_x = rng.uniform(self.shear[0], self.shear[1])
        shear_y = rng.uniform(self.shear[2], self.shear[3]) if len(self.shear) == 4 else 0.0
        matrix = self._matrix(h, w, rng.uniform(*self.degrees), (tx, ty), scale, (shear_x, shear_y))
        return _affine(arr, matrix, (h, w), self.resample, self.fill_value)


class SlicePatches(_Op):
    """Cut the image into `num_height` x `num_width` patches (padding or dropping the remainder)."""

    def __init__(self, num_height: int = 1, num_width: int = 1, slice_mode=SliceMode.PAD, fill_value=0) -> None:
        self.num_height, self.num_width = num_height, num_width
        self.slice_mode, self.fill_value = slice_mode, fill_value

    def __call__(self, img):
        arr = _array(img, "SlicePatches")
        h, w = arr.shape[:2]
        if self.slice_mode == SliceMode.PAD:
            ph, pw = math.ceil(h / self.num_height), math.ceil(w / self.num_width)
            arr = _pad(arr, 0, ph * self.num_height - h, 0, pw * self.num_width - w, self.fill_value,
                       Border.CONSTANT)
        else:
            ph, pw = h // self.num_height, w // self.num_width
        return tuple(arr[i * ph:(i + 1) * ph, j * pw:(j + 1) * pw].copy()
                     for i in range(self.num_height) for j in range(self.num_width))


# ---- colour ----------------------------------------------------------------------------------------------------

def _enhance(arr: np.ndarray, kind, factor: float) -> np.ndarray:
    image = _pil(arr)
    out = np.asarray(kind(image).enhance(factor))
    return out.reshape(arr.shape)


def _hue(arr: np.ndarray, factor: float) -> np.ndarray:
    hsv = cv2.cvtColor(arr, cv2.COLOR_RGB2HSV_FULL)
    hsv[..., 0] = (hsv[..., 0].astype(np.int32) + int(round(factor * 255))) % 256
    return cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB_FULL)


class AdjustBrightness(_Op):
    def __init__(self, brightness_factor: float) -> None:
        self.factor = brightness_factor

    def _apply(self, arr):
        return _enhance(arr, ImageEnhance.Brightness, self.factor)


class AdjustContrast(AdjustBrightness):
    def _apply(self, arr):
        return _enhance(arr, ImageEnhance.Contrast, self.factor)


class AdjustSaturation(AdjustBrightness):
    def _apply(self, arr):
        return _enhance(arr, ImageEnhance.Color, self.factor)


class AdjustSharpness(AdjustBrightness):
    def _apply(self, arr):
        return _enhance(arr, ImageEnhance.Sharpness, self.factor)


class AdjustHue(AdjustBrightness):
    def _apply(self, arr):
        return _hue(arr, self.factor)


class AdjustGamma(_Op):
    def __init__(self, gamma: float, gain: float = 1.0) -> None:
        self.gamma, self.gain = gamma, gain

    def _apply(self, arr):
        table = np.clip(np.round(255 * self.gain * (np.arange(256) / 255.0) ** self.gamma), 0, 255).astype(np.uint8)
        return table[arr] if arr.dtype == np.uint8 else (self.gain * arr ** self.gamma).astype(arr.dtype)


class RandomColorAdjust(_Op):
    """Random brightness, contrast, saturation (factors around 1) and hue (shift in [-0.5, 0.5]), in that order."""

    def __init__(self, brightness=(1, 1), contrast=(1, 1), saturation=(1, 1), hue=(0, 0)) -> None:
        self.brightness = _range(brightness, "brightness")
        self.contrast = _range(contrast, "contrast")
        self.saturation = _range(saturation, "saturation")
        self.hue = _range(hue, "hue", 0.0, -0.5)
        if not -0.5 <= self.hue[0] <= self.hue[1] <= 0.5:
            raise ValueError(f"Input hue is not within the required interval of [-0.5, 0.5], but got {hue}.")

    def _apply(self, arr):
        rng = _rng()
        for kind, span in ((ImageEnhance.Brightness, self.brightness), (ImageEnhance.Contrast, self.contrast),
                           (ImageEnhance.Color, self.saturation)):
            if span != (1.0, 1.0):
                arr = _enhance(arr, kind, rng.uniform(*span))
        if self.hue != (0.0, 0.0):
            arr = _hue(arr, rng.uniform(*self.hue))
        return arr


class RandomColor(_Op):
    """Saturation by a factor drawn from `degrees`."""

    def __init__(self, degrees=(0.1, 1.9)) -> None:
        self.degrees = tuple(degrees)

    def _apply(self, arr):
        return _enhance(arr, ImageEnhance.Color, _rng().uniform(*self.degrees))


class RandomSharpness(RandomColor):
    """Sharpness by a factor drawn from `degrees`."""

    def _apply(self, arr):
        return _enhance(arr, ImageEnhance.Sharpness, _rng().uniform(*self.degrees))


class RandomAdjustSharpness(_Op):
    def __init__(self, degree: float, prob: float = 0.5) -> None:
        self.degree, self.prob = degree, prob

    def _apply(self, arr):
        return _enhance(arr, ImageEnhance.Sharpness, self.degree) if _rng().random() < self.prob else arr


def _need_pil(img) -> None:
    if not is_pil(img):
        raise TypeError(f"img should be PIL image. Got {type(img)}. Use Decode() for encoded data or ToPIL() for "
                        f"decoded data.")


class Grayscale(_Op):
    """A PIL image in grey (`num_output_channels` 1 or 3), as MindSpore's Python op (PIL input only)."""

    def __init__(self, num_output_channels: int = 1) -> None:
        self.num_output_channels = num_output_channels

    def __call__(self, img):
        _need_pil(img)
        gray = img.convert("L")
        return gray if self.num_output_channels == 1 else Image.merge("RGB", (gray, gray, gray))


class RandomGrayscale(_Op):
    """With probability `prob`, a PIL image in grey in all three channels (PIL input only)."""

    def __init__(self, prob: float = 0.1) -> None:
        self.prob = prob

    def __call__(self, img):
        _need_pil(img)
        return Grayscale(3)(img) if _rng().random() < self.prob else img


def _pil_op(func):
    def apply(self, arr):
        return np.asarray(func(self, _pil(arr))).reshape(arr.shape)
    return apply


class AutoContrast(_Op):
    def __init__(self, cutoff: float = 0.0, ignore=None) -> None:
        self.cutoff, self.ignore = cutoff, ignore

    _apply = _pil_op(lambda self, im: ImageOps.autocontrast(im, self.cutoff, self.ignore))


class Equalize(_Op):
    """Histogram equalisation of each channel (OpenCV's equalizeHist, as MindSpore)."""

    def _apply(self, arr):
        if arr.ndim == 2:
            return cv2.equalizeHist(arr)
        return np.stack([cv2.equalizeHist(np.ascontiguousarray(arr[..., c])) for c in range(arr.shape[2])], -1)


class Invert(_Op):
    def _apply(self, arr):
        return (255 - arr).astype(arr.dtype) if arr.dtype == np.uint8 else 255.0 - arr


class Posterize(_Op):
    def __init__(self, bits: int) -> None:
        self.bits = bits

    def _apply(self, arr):
        return arr & np.uint8((0xff << (8 - self.bits)) & 0xff)


class RandomPosterize(_Op):
    def __init__(self, bits=(8, 8)) -> None:
        self.bits = (bits, bits) if isinstance(bits, int) else tuple(bits)

    def _apply(self, arr):
        return Posterize(int(_rng().integers(self.bits[0], self.bits[1] + 1)))._apply(arr)


class Solarize(_Op):
    def __init__(self, threshold) -> None:
        self.threshold = (threshold, 255) if isinstance(threshold, numbers.Number) else tuple(threshold)

    def _apply(self, arr):
        low, high = self.threshold
        return np.where((arr >= low) & (arr <= high), 255 - arr, arr).astype(arr.dtype)


class RandomSolarize(_Op):
    def __init__(self, threshold=(0, 255)) -> None:
        self.threshold = tuple(threshold)

    def _apply(self, arr):
        t = sorted(int(_rng().integers(self.threshold[0], self.threshold[1] + 1)) for _ in range(2))
        return Solarize(tuple(t))._apply(arr)


def _random_apply(cls):
    class Wrapped(_Op):
        def __init__(self, prob: float = 0.5) -> None:
            self.prob = prob

        def _apply(self, arr):
            return cls()._apply(arr) if _rng().random() < self.prob else arr
    return Wrapped


RandomInvert = _random_apply(Invert)
RandomInvert.__name__ = RandomInvert.__qualname__ = "RandomInvert"
RandomEqualize = _random_apply(Equalize)
RandomEqualize.__name__ = RandomEqualize.__qualname__ = "RandomEqualize"


class RandomAutoContrast(_Op):
    def __init__(self, cutoff: float = 0.0, ignore=None, prob: float = 0.5) -> None:
        self.inner, self.prob = AutoContrast(cutoff, ignore), prob

    def _apply(self, arr):
        return self.inner._apply(arr) if _rng().random() < self.prob else arr


class GaussianBlur(_Op):
    def __init__(self, kernel_size, sigma=None) -> None:
        self.kernel = _pair(kernel_size, "kernel_size")
        if sigma is None:
            sigma = [0.3 * ((k - 1) * 0.5 - 1) + 0.8 for k in self.kernel]
        self.sigma = (sigma, sigma) if isinstance(sigma, numbers.Number) else tuple(sigma)

    def _apply(self, arr):
        out = cv2.GaussianBlur(arr, (self.kernel[1], self.kernel[0]), sigmaX=self.sigma[0], sigmaY=self.sigma[1])
        return out.reshape(arr.shape)


# ---- erasing and mixing -------------------------------------------------------------------------------------

class CutOut(_Op):
    """Zero `num_patches` random `length` x `length` squares (HWC when `is_hwc`, else CHW)."""

    def __init__(self, length: int, num_patches: int = 1, is_hwc: bool = True) -> None:
        self.length, self.num_patches, self.is_hwc = length, num_patches, is_hwc

    def _apply(self, arr):
        out = np.array(arr)
        view = out if self.is_hwc else np.moveaxis(out, 0, -1)
        h, w = view.shape[:2]
        rng = _rng()
        for _ in range(self.num_patches):
            top = int(rng.integers(max(h - self.length, 0) + 1))
            left = int(rng.integers(max(w - self.length, 0) + 1))
            view[top:top + self.length, left:left + self.length] = 0
        return out


class Erase(_Op):
    def __init__(self, top: int, left: int, height: int, width: int, value=0, inplace: bool = False) -> None:
        self.box, self.value = (top, left, height, width), value

    def _apply(self, arr):
        out = np.array(arr)
        t, lft, h, w = self.box
        out[t:t + h, lft:lft + w] = self.value
        return out


class RandomErasing(_Op):
    """With probability `prob`, erase a random box of a CHW float array (MindSpore's PyTorch-style op)."""

    def __init__(self, prob: float = 0.5, scale=(0.02, 0.33), ratio=(0.3, 3.3), value=0, inplace: bool = False,
                 max_attempts: int = 10) -> None:
        self.prob, self.scale, self.ratio, self.value = prob, tuple(scale), tuple(ratio), value
        self.max_attempts = max_attempts

    def _apply(self, arr):
        rng = _rng()
        if rng.random() >= self.prob:
            return arr
        c, h, w = arr.shape
        for _ in range(self.max_attempts):
            area = h * w * rng.uniform(*self.scale)
            aspect = math.exp(rng.uniform(math.log(self.ratio[0]), math.log(self.ratio[1])))
            eh, ew = int(round(math.sqrt(area * aspect))), int(round(math.sqrt(area / aspect)))
            if eh < h and ew < w:
                top, left = int(rng.integers(h - eh + 1)), int(rng.integers(w - ew + 1))
                out = np.array(arr)
                if self.value == "random":
                    out[:, top:top + eh, left:left + ew] = rng.standard_normal((c, eh, ew))
                else:
                    value = np.asarray(self.value, out.dtype).reshape(-1, 1, 1)
                    out[:, top:top + eh, left:left + ew] = value
                return out
        return arr


class MixUpBatch(_Op):
    """Mix a batch (NHWC or NCHW images, one-hot labels) with its reversal, weight ~ Beta(alpha, alpha)."""

    def __init__(self, alpha: float = 1.0) -> None:
        self.alpha = alpha

    def __call__(self, images, labels):
        images, labels = np.asarray(images), np.asarray(labels)
        lam = _rng().beta(self.alpha, self.alpha)
        mixed = lam * images.astype(np.float32) + (1 - lam) * images[::-1].astype(np.float32)
        return mixed.astype(images.dtype), (lam * labels + (1 - lam) * labels[::-1]).astype(np.float32)


class RandomSelectSubpolicy(_Op):
    """Pick one sub-policy (a list of (op, prob)) at random and apply its ops, each with its probability."""

    def __init__(self, policy) -> None:
        self.policy = policy

    def __call__(self, img):
        rng = _rng()
        for op, prob in self.policy[int(rng.integers(len(self.policy)))]:
            if rng.random() < prob:
                img = op(img)
        return img
