"""`mindspore.common.storage`: `UntypedStorage`, what `Tensor.storage()` returns.

A mindgrad Tensor owns one immutable JAX array, so its storage is a view of that Tensor: `size()` and
`nbytes()` are its byte count, `element_size()` is 1 (bytes, as MindSpore's untyped storage), `dtype` the
Tensor's dtype, `device` its platform ('CPU', 'GPU', ...), `data_ptr()` the buffer address; `copy_(src)`
writes the bytes of another storage of the same size into the Tensor. Storage is never shared between
processes (`is_shared()` is False).
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from .tensor import Tensor

__all__ = ["UntypedStorage"]


class UntypedStorage:
    """The bytes of one Tensor, without a dtype of their own."""

    def __init__(self, tensor: Tensor) -> None:
        self._tensor = tensor

    def size(self) -> int:
        return self.nbytes()

    def nbytes(self) -> int:
        return int(self._tensor._arr.nbytes)

    def element_size(self) -> int:
        return 1

    @property
    def dtype(self):
        return self._tensor.dtype

    @property
    def device(self) -> str:
        return next(iter(self._tensor._arr.devices())).platform.upper()

    def data_ptr(self) -> int:
        return self._tensor.data_ptr()

    def is_shared(self) -> bool:
        return False

    def copy_(self, src: UntypedStorage) -> UntypedStorage:
        """Write the bytes of `src` (a storage of the same byte size) into this storage's Tensor."""
        if not isinstance(src, UntypedStorage):
            raise TypeError(f"For 'UntypedStorage.copy_', the 'src' must be an UntypedStorage, but got "
                            f"{type(src).__name__}.")
        if src.nbytes() != self.nbytes():
            raise RuntimeError(f"For 'UntypedStorage.copy_', the sizes differ: {src.nbytes()} and {self.nbytes()}.")
        target = self._tensor._arr
        raw = np.asarray(src._tensor._arr).tobytes()
        self._tensor._set_array(jnp.asarray(np.frombuffer(raw, target.dtype).reshape(target.shape)))
        return self


def storage(self) -> UntypedStorage:
    """The Tensor's storage (`UntypedStorage`)."""
    return UntypedStorage(self)


if "storage" not in vars(Tensor):
    Tensor.storage = storage
