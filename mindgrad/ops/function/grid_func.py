"""`ops.grid_sample` (torch's semantics, MindSpore's GridSampler2D/3D kernels): `input` (N, C, [D,] H, W) sampled
at `grid` (N, [D_out,] H_out, W_out, 2 or 3) holding (x, y[, z]) in [-1, 1]; 'bilinear' or 'nearest' (round half
to even) interpolation; 'zeros', 'border' or 'reflection' padding."""

from __future__ import annotations

import functools
import itertools

import jax
import jax.numpy as jnp

from ...common.tensor import Tensor, wrap
from ._helpers import dtype_name, tensor_arr

_MODES = ("bilinear", "nearest")
_PADDINGS = ("zeros", "border", "reflection")


def _reflect(c, low2, high2):
    """`c` reflected into [low2 / 2, high2 / 2] (twice the bounds, as torch writes them)."""
    if low2 == high2:
        return jnp.zeros_like(c)
    low, span = low2 / 2, (high2 - low2) / 2
    c = jnp.abs(c - low)
    extra = jnp.mod(c, span)
    flips = jnp.floor(c / span)
    return jnp.where(jnp.mod(flips, 2) == 0, extra + low, span - extra + low)


def _source(g, size: int, padding: str, align: bool):
    """Pixel coordinates of normalised grid values `g` along an axis of `size` pixels."""
    c = (g + 1) / 2 * (size - 1) if align else ((g + 1) * size - 1) / 2
    if padding == "reflection":
        c = _reflect(c, 0, 2 * (size - 1)) if align else _reflect(c, -1, 2 * size - 1)
    if padding != "zeros":
        c = jnp.clip(c, 0, size - 1)
    return c


def _gather(x, idx):
    """x[n, :, idx...] (zeros outside the image) for every batch n: (N, C, *out)."""
    sizes = x.shape[2:]
    inside = jnp.all(jnp.stack([(i >= 0) & (i < s) for i, s in zip(idx, sizes, strict=True)]), axis=0)
    idx = [jnp.clip(i, 0, s - 1).astype(jnp.int32) for i, s in zip(idx, sizes, strict=True)]
    picked = jax.vmap(lambda img, *ix: img[(slice(None), *ix)])(x, *idx)
    return jnp.where(inside[:, None], picked, 0)


@functools.partial(jax.jit, static_argnames=("mode", "padding", "align"))
def sample_grid(x, grid, mode: str, padding: str, align: bool):
    """The sampling itself, on arrays (compiled: eagerly, its many small gathers are slow)."""
    nd = x.ndim - 2
    coords = [_source(grid[..., nd - 1 - i], s, padding, align) for i, s in enumerate(x.shape[2:])]
    return sample_pixels(x, coords, mode)


def sample_pixels(x, coords, mode: str):
    """x (N, C, *sizes) at pixel coordinates `coords` (one (N, *out) array per spatial axis), each neighbour
    outside the image counting as zero: (N, C, *out)."""
    nd = x.ndim - 2
    if mode == "nearest":
        return _gather(x, [jnp.round(c) for c in coords])
    lows = [jnp.floor(c) for c in coords]
    fracs = [c - lo for c, lo in zip(coords, lows, strict=True)]
    out = 0
    for bits in itertools.product((0, 1), repeat=nd):
        w = 1
        for b, f in zip(bits, fracs, strict=True):
            w = w * (f if b else 1 - f)
        out = out + w[:, None].astype(x.dtype) * _gather(x, [lo + b for lo, b in zip(lows, bits, strict=True)])
    return out


def check_grid_args(mode, padding, op: str) -> None:
    for name, value, allowed in (("interpolation_mode", mode, _MODES), ("padding_mode", padding, _PADDINGS)):
        if value not in allowed:
            raise ValueError(f"Failed to convert the value \"{value}\" of input '{name}' of '{op}' to enum.")


def grid_sampler(input_x, grid, mode: str, padding: str, align: bool, nd: int) -> Tensor:
    """GridSampler2D/3D: checks of MindSpore's kernels, then `sample_grid`."""
    op = f"grid_sampler_{nd}d"
    check_grid_args(mode, padding, op)
    x, g = tensor_arr(input_x, op, "input_x"), tensor_arr(grid, op, "grid")
    for name, a in (("input_x", x), ("grid", g)):
        if a.dtype not in (jnp.float16, jnp.float32, jnp.float64):
            raise TypeError(f"For '{op}', the '{name}' should be a Tensor of Float16, Float32 or Float64, but got "
                            f"{dtype_name(a.dtype)}.")
    if x.ndim != nd + 2 or g.ndim != nd + 2:
        raise ValueError(f"For '{op}', 'input_x' and 'grid' should be {nd + 2}-D, but got {x.ndim}-D and "
                         f"{g.ndim}-D.")
    if g.shape[0] != x.shape[0] or g.shape[-1] != nd:
        raise ValueError(f"For '{op}', the grid should have shape (N, ..., {nd}) with N = {x.shape[0]}, but got "
                         f"{list(g.shape)}.")
    if g.dtype != x.dtype:
        raise TypeError(f"For '{op}', 'input_x' and 'grid' should have the same dtype, but got "
                        f"{dtype_name(x.dtype)} and {dtype_name(g.dtype)}.")
    return wrap(sample_grid(x, g.astype(x.dtype), mode, padding, bool(align)))


def grid_sample(input, grid, mode: str = "bilinear", padding_mode: str = "zeros",  # noqa: A002 - MindSpore's name
                align_corners: bool | None = None) -> Tensor:
    """`input` (N, C, H, W) or (N, C, D, H, W) sampled at `grid`; `align_corners` None means False."""
    nd = 3 if isinstance(input, Tensor) and input.ndim == 5 else 2
    return grid_sampler(input, grid, mode, padding_mode, bool(align_corners), nd)
