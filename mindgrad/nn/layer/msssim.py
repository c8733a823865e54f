"""`mindspore.nn.MSSSIM`: multi-scale structural similarity of two (N, C, H, W) image batches.

At each of the len(power_factors) scales the images (Float32; integer images scaled by their dtype's
maximum, as in SSIM) are blurred per channel by a Gaussian window ('valid' convolution, one frozen child
Conv2d per scale in `multi_convs_list`), the SSIM and contrast-structure maps are averaged over H and W,
and the images are halved by a 2x2 average pool. Per image and channel the relu'd contrast-structure
values of every scale but the last and the relu'd SSIM of the last are raised to `power_factors` and
multiplied; the result is the mean over channels, one value per image.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ..cell import Cell
from .container import CellList
from .conv import Conv2d
from .image import _gaussian_window, _images
from ._util import arr

__all__ = ["MSSSIM"]

_VALID = (jnp.float64, jnp.float32, jnp.float16, jnp.uint8)


class MSSSIM(Cell):
    """MS-SSIM per image: prod over scales of relu(cs_j)^w_j (relu(ssim)^w for the last), averaged over C."""

    def __init__(self, max_val=1.0, power_factors=(0.0448, 0.2856, 0.3001, 0.2363, 0.1333), filter_size: int = 11,
                 filter_sigma: float = 1.5, k1: float = 0.01, k2: float = 0.03) -> None:
        super().__init__()
        name = self.cls_name
        V.check_value_type("max_val", max_val, [int, float], name)
        if max_val <= 0:
            raise ValueError(f"For '{name}', the argument 'max_val' must > 0.0, but got {max_val}.")
        self.max_val = max_val
        V.check_value_type("power_factors", power_factors, [tuple, list], name)
        if not isinstance(filter_size, int) or isinstance(filter_size, bool) or filter_size < 1:
            raise ValueError(f"For '{name}', the 'filter_size' must be int and must >= 1, but got '{filter_size}' "
                             f"with type '{type(filter_size).__name__}'.")
        self.filter_size = filter_size
        self.filter_sigma = V.check_positive_float(filter_sigma, "filter_sigma", name)
        self.k1 = V.check_value_type("k1", k1, [float], name)
        self.k2 = V.check_value_type("k2", k2, [float], name)
        window = Tensor(_gaussian_window(filter_size, filter_sigma))
        self.level = len(power_factors)
        convs = []
        for _ in range(self.level):
            conv = Conv2d(1, 1, filter_size, weight_init=window, pad_mode="valid")
            conv.weight.requires_grad = False
            convs.append(conv)
        self.multi_convs_list = CellList(convs)
        self.weight_tensor = Tensor(list(power_factors), mstype.float32)

    def construct(self, img1: Tensor, img2: Tensor) -> Tensor:
        name = self.cls_name
        for arg_name, img in (("img1", img1), ("img2", img2)):
            if arr(img, name, arg_name).ndim != 4:
                raise ValueError(f"For '{name}', the dimension of '{arg_name}' must be 4d, but got "
                                 f"{arr(img, name, arg_name).ndim}.")
        dtype = arr(img1, name, "img1").dtype
        if dtype not in _VALID:
            allowed = ", ".join(repr(mstype.from_numpy(d)) for d in _VALID)
            raise TypeError(f"For '{name}', the 'img1' should be one of [{allowed}], but got "
                            f"'{mstype.from_numpy(dtype)!r}'.")
        a, b, scale = _images(img1, img2, name)
        max_val = self.max_val * scale
        c1, c2 = (self.k1 * max_val) ** 2, (self.k2 * max_val) ** 2
        values = []
        for i, conv in enumerate(self.multi_convs_list):
            w = conv.weight._arr.astype(jnp.float32)
            n, c = a.shape[:2]

            def blur(x, conv=conv, w=w, n=n, c=c):  # each channel separately, as a batch of 1-channel images
                out = conv._conv(x.reshape((n * c, 1) + x.shape[2:]), w)
                return out.reshape((n, c) + out.shape[2:])

            mu1, mu2 = blur(a), blur(b)
            sigma1 = blur(a * a) - mu1 * mu1
            sigma2 = blur(b * b) - mu2 * mu2
            sigma12 = blur(a * b) - mu1 * mu2
            v1, v2 = 2 * sigma12 + c2, sigma1 + sigma2 + c2
            cs = jnp.mean(v1 / v2, axis=(2, 3))
            if i == self.level - 1:
                ssim = ((2 * mu1 * mu2 + c1) * v1) / ((mu1 * mu1 + mu2 * mu2 + c1) * v2)
                values.append(jax.nn.relu(jnp.mean(ssim, axis=(2, 3))))
            else:
                values.append(jax.nn.relu(cs))
            a, b = _pool(a), _pool(b)
        stacked = jnp.power(jnp.stack(values, axis=-1), self.weight_tensor._arr)
        return wrap(jnp.mean(jnp.prod(stacked, axis=-1), axis=-1))


def _pool(x):
    """2x2 average pool with stride 2 ('valid')."""
    h, w = x.shape[2] // 2 * 2, x.shape[3] // 2 * 2
    x = x[:, :, :h, :w]
    return x.reshape(x.shape[:2] + (h // 2, 2, w // 2, 2)).mean(axis=(3, 5))
