"""Image layers of `mindspore.nn.layer.image`: PixelShuffle, PixelUnshuffle, PSNR, SSIM.

PixelShuffle maps (*, C * r * r, H, W) to (*, C, H * r, W * r) (channel c * r * r + i * r + j goes
to row offset i, column offset j); PixelUnshuffle is its inverse. PSNR and SSIM compare two
(N, C, H, W) image batches in Float32 (integer images scaled by their dtype's maximum);
SSIM uses a Gaussian window held by a frozen child `conv` (Conv2d, 'valid') and averages the SSIM
map over H, W and channels, one value per image.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ..cell import Cell
from ._util import arr
from .conv import Conv2d

__all__ = ["PixelShuffle", "PixelUnshuffle", "PSNR", "SSIM"]


def _input(x, factor: int, arg_name: str, op: str):
    V.check_positive_int(factor, arg_name, op)
    a = arr(x, op, "input")
    if a.ndim < 3:
        raise ValueError(f"For '{op}', the dimension of `input` should be larger than 2, but got {a.ndim}.")
    return a


class PixelShuffle(Cell):
    """Rearrange (*, C * r^2, H, W) into (*, C, H * r, W * r) with r = `upscale_factor`."""

    def __init__(self, upscale_factor: int) -> None:
        super().__init__()
        self.upscale_factor = upscale_factor

    def construct(self, input: Tensor) -> Tensor:  # noqa: A002 - MindSpore's argument name
        r = self.upscale_factor
        a = _input(input, r, "upscale_factor", "pixel_shuffle")
        *batch, c, h, w = a.shape
        if c % (r * r):
            raise ValueError(f"For 'pixel_shuffle', the length of third to last dimension is not divisible by "
                             f"`upscale_factor` squared, upscale_factor: {r}, third to last dimension: {c}.")
        nb = len(batch)
        out = a.reshape((*batch, c // (r * r), r, r, h, w))
        out = out.transpose(tuple(range(nb + 1)) + (nb + 3, nb + 1, nb + 4, nb + 2))
        return wrap(out.reshape((*batch, c // (r * r), h * r, w * r)))


class PixelUnshuffle(Cell):
    """Rearrange (*, C, H * r, W * r) into (*, C * r^2, H, W) with r = `downscale_factor`."""

    def __init__(self, downscale_factor: int) -> None:
        super().__init__()
        self.downscale_factor = downscale_factor

    def construct(self, input: Tensor) -> Tensor:  # noqa: A002 - MindSpore's argument name
        r = self.downscale_factor
        a = _input(input, r, "downscale_factor", "pixel_unshuffle")
        *batch, c, h, w = a.shape
        if h % r or w % r:
            raise ValueError(f"For 'pixel_unshuffle', the length of second to last 2 dimension should be divisible "
                             f"by downscale_factor, but got {h} and {w}, downscale_factor: {r}.")
        nb = len(batch)
        out = a.reshape((*batch, c, h // r, r, w // r, r))
        out = out.transpose(tuple(range(nb + 1)) + (nb + 2, nb + 4, nb + 1, nb + 3))
        return wrap(out.reshape((*batch, c * r * r, h // r, w // r)))


def _check_max_val(max_val, cls_name: str):
    V.check_value_type("max_val", max_val, [int, float], cls_name)
    if max_val <= 0:
        raise ValueError(f"For '{cls_name}', the 'max_val' must be greater than 0.0, but got {max_val}.")
    return max_val


def _images(img1, img2, cls_name: str) -> tuple:
    """Both images as Float32 scaled to [0, 1] for integer dtypes, and the scale's divisor."""
    a, b = arr(img1, cls_name, "img1"), arr(img2, cls_name, "img2")
    for arg_name, x in (("img1", a), ("img2", b)):
        if x.ndim != 4:
            raise ValueError(f"For '{cls_name}', the dimension of '{arg_name}' must be 4d, but got {x.ndim}.")
    if a.dtype != b.dtype:
        raise TypeError(f"For primitive[SameTypeShape], the input type must be same, but got "
                        f"{mstype.from_numpy(a.dtype)} and {mstype.from_numpy(b.dtype)}.")
    if a.shape != b.shape:
        raise ValueError(f"For primitive[SameTypeShape], the input shape must be same, but got {a.shape} and "
                         f"{b.shape}.")
    top = float(np.iinfo(a.dtype).max) if jnp.issubdtype(a.dtype, jnp.integer) else 1.0
    scale = 1.0 / top if top > 1 else 1.0
    return a.astype(jnp.float32) * scale, b.astype(jnp.float32) * scale, scale


class PSNR(Cell):
    """Peak signal-to-noise ratio per image: 10 * log10(max_val^2 / mean((img1 - img2)^2))."""

    def __init__(self, max_val=1.0) -> None:
        super().__init__()
        self.max_val = _check_max_val(max_val, self.cls_name)

    def construct(self, img1: Tensor, img2: Tensor) -> Tensor:
        a, b, scale = _images(img1, img2, self.cls_name)
        max_val = self.max_val * scale
        mse = jnp.mean(jnp.square(a - b), axis=(-3, -2, -1))
        return wrap(10 * jnp.log(jnp.float32(max_val) ** 2 / mse) / jnp.log(jnp.float32(10.0)))


def _gaussian_window(size: int, sigma: float) -> np.ndarray:
    start = (-size) // 2 + 1
    grid = np.arange(start, start + size, dtype=np.float32)
    g = np.exp(-(grid[:, None] ** 2 + grid[None, :] ** 2) / (2 * sigma ** 2))
    return (g / g.sum())[None, None].astype(np.float32)


class SSIM(Cell):
    """Structural similarity per image (mean over channels of the mean SSIM map)."""

    def __init__(self, max_val=1.0, filter_size: int = 11, filter_sigma: float = 1.5, k1: float = 0.01,
                 k2: float = 0.03) -> None:
        super().__init__()
        name = self.cls_name
        self.max_val = _check_max_val(max_val, name)
        self.filter_size = V.check_number(filter_size, 1, "ge", int, "filter_size", name)
        self.filter_sigma = V.check_positive_float(filter_sigma, "filter_sigma", name)
        self.k1 = V.check_value_type("k1", k1, [float], name)
        self.k2 = V.check_value_type("k2", k2, [float], name)
        self.conv = Conv2d(1, 1, filter_size, weight_init=Tensor(_gaussian_window(filter_size, filter_sigma)),
                           pad_mode="valid")
        self.conv.weight.requires_grad = False

    def construct(self, img1: Tensor, img2: Tensor) -> Tensor:
        a = arr(img1, self.cls_name, "img1")
        if a.dtype not in (jnp.float32, jnp.float16):
            raise TypeError(f"For '{self.cls_name}', the type of 'img1' should be one of '['Float32', 'Float16']', "
                            f"but got '{mstype.from_numpy(a.dtype)}'.")
        if a.ndim == 4:
            for axis in (2, 3):
                if a.shape[axis] < self.filter_size:
                    raise ValueError(f"For '{self.cls_name}', the 'img1 shape[{axis}]' must be >= 'filter_size', but "
                                     f"got {a.shape[axis]}.")
        a, b, scale = _images(img1, img2, self.cls_name)
        max_val = self.max_val * scale
        c1, c2 = (self.k1 * max_val) ** 2, (self.k2 * max_val) ** 2
        w = self.conv.weight._arr.astype(jnp.float32)
        n, c = a.shape[:2]

        def blur(x):  # each channel separately, as a batch of 1-channel images
            flat = x.reshape((n * c, 1) + x.shape[2:])
            out = self.conv._conv(flat, w)
            return out.reshape((n, c) + out.shape[2:])

        mu1, mu2 = blur(a), blur(b)
        sigma1 = blur(a * a) - mu1 * mu1
        sigma2 = blur(b * b) - mu2 * mu2
        sigma12 = blur(a * b) - mu1 * mu2
        ssim = ((2 * mu1 * mu2 + c1) * (2 * sigma12 + c2)) / ((mu1 * mu1 + mu2 * mu2 + c1) * (sigma1 + sigma2 + c2))
        return wrap(jnp.mean(jnp.mean(ssim, axis=(2, 3)), axis=-1))
