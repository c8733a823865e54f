"""More random functions (`ops.randint`, `randn_like`, `rand_like`, `randperm`, `multinomial`, `bernoulli`).

As `random_func`: numbers come from JAX's generator (not MindSpore's numbers); shapes, dtypes,
argument checks and reproducibility after `ms.set_seed` are MindSpore's. Each call draws from the
functional stream of its `seed`.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor, wrap
from ._helpers import dtype_name, is_float, np_dtype, shape_arg, tensor_arr
from .random_func import functional_key


def randint(low: int, high: int, size, seed=None, *, dtype=None) -> Tensor:
    """Integers uniform on [low, high) of shape `size` (Int64 by default)."""
    for name, v in (("low", low), ("high", high)):
        if not isinstance(v, int) or isinstance(v, bool):
            raise TypeError(f"For 'randint', '{name}' must be an int, but got {type(v)}.")
    dt = np_dtype(dtype or mstype.int64, "randint")
    if not jnp.issubdtype(dt, jnp.integer):
        raise ValueError(f"For 'randint', the 'dtype' must be an int type, but got {dtype}.")
    if low >= high:
        raise RuntimeError(f"For 'Random', invalid min/max values: ({low}/{high})")
    return wrap(jax.random.randint(functional_key(seed), shape_arg(size, "randint", "size"), low, high, dt))


def _like_dtype(input, dtype, op: str, default):
    tensor_arr(input, op)
    dt = np_dtype(dtype, op) if dtype is not None else default
    if not is_float(dt):
        raise ValueError(f"For '{op}', the 'dtype' must be a float type, but got {dtype_name(dt)}.")
    return dt


def randn_like(input, seed=None, *, dtype=None) -> Tensor:
    """Standard normal numbers shaped like `input`; Float32 unless `dtype` is given (MindSpore 2.10 ignores
    the input's dtype here)."""
    dt = _like_dtype(input, dtype, "randn_like", np.dtype(np.float32))
    return wrap(jax.random.normal(functional_key(seed), input.shape, dt))


def rand_like(input, seed=None, *, dtype=None) -> Tensor:
    """Uniform numbers on [0, 1) shaped like `input`, in `dtype` (the input's dtype by default)."""
    dt = _like_dtype(input, dtype, "rand_like", input._arr.dtype if isinstance(input, Tensor) else None)
    return wrap(jax.random.uniform(functional_key(seed), input.shape, dt))


def randperm(n: int, seed: int = 0, offset: int = 0, dtype=mstype.int64) -> Tensor:
    """A random permutation of 0 .. n-1 in `dtype`."""
    if isinstance(n, Tensor):
        n = n.item()
    if not isinstance(n, int) or n <= 0:
        raise ValueError(f"For 'RandpermV2', the input 'n' must be greater than 0, but got data: {n}.")
    dt = np_dtype(dtype, "RandpermV2")
    return wrap(jax.random.permutation(functional_key(seed or None), n).astype(dt))


def multinomial(input, num_samples: int, replacement: bool = True, seed=None) -> Tensor:
    """Int32 indices of `num_samples` draws per row from the (unnormalised) probabilities in `input`
    (1-D or 2-D); without `replacement`, each index at most once."""
    p = tensor_arr(input, "multinomial")
    if not is_float(p.dtype):
        raise TypeError(f"For 'multinomial', the 'input' should be a float Tensor, but got {dtype_name(p.dtype)}.")
    if p.ndim not in (1, 2):
        raise ValueError(f"For 'multinomial', the dimension of 'input' should be 1 or 2, but got {p.ndim}.")
    if not replacement and num_samples > p.shape[-1]:
        raise ValueError(f"For 'multinomial', the 'num_samples' must be less than the last dimension of input "
                         f"without 'replacement', but got 'num_samples': {num_samples} and 'replacement': False")
    rows = p.reshape(-1, p.shape[-1]).astype(jnp.float32)
    key = functional_key(seed)
    logits = jnp.log(rows)
    if replacement:
        idx = jax.random.categorical(key, logits, axis=-1, shape=(num_samples, rows.shape[0])).T
    else:
        gumbel = jax.random.gumbel(key, rows.shape)
        idx = jnp.argsort(-(logits + gumbel), axis=-1)[:, :num_samples]
    return wrap(idx.reshape(p.shape[:-1] + (num_samples,)).astype(jnp.int32))


def bernoulli(input, p=0.5, seed=None) -> Tensor:
    """0/1 draws with probability `p` (a float in [0, 1] or a Tensor of probabilities), in `input`'s
    dtype and shape."""
    a = tensor_arr(input, "bernoulli")
    if isinstance(p, float) and not 0 <= p <= 1:
        raise ValueError(f"For bernoulli, p should be in [0, 1], but got {p}.")
    prob = p._arr if isinstance(p, Tensor) else p
    return wrap(jax.random.bernoulli(functional_key(seed), prob, a.shape).astype(a.dtype))
