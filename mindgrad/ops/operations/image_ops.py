"""Image Primitives (`mindspore.ops` image processing): resizing, and NMSWithMask (not supported)."""

from __future__ import annotations

from ...common.tensor import wrap
from ..function import nn_func as F
from ..function._helpers import float_only
from ..primitive import Primitive, prim_attr_register, unsupported_primitive


class _Resize(Primitive):
    _nearest = True

    def _resize(self, image, size, op: str):
        a = float_only(image, op, "image")
        if a.ndim != 4:
            raise ValueError(f"For '{op}', the input should be 4-D (N, C, H, W), but got {a.ndim}-D.")
        size = tuple(size.tolist() if hasattr(size, "tolist") else size)
        return wrap(F.resize(a, size, nearest=self._nearest, align_corners=self.align_corners,
                             half_pixel=self.half_pixel_centers))


class ResizeNearestNeighbor(_Resize):
    """Nearest-neighbour resize of (N, C, H, W) to `size`: source floor(dst * in/out) (rounded and
    corner-aligned with `align_corners`, floor((dst + 0.5) * in/out) with `half_pixel_centers`)."""

    @prim_attr_register
    def __init__(self, size, align_corners: bool = False, half_pixel_centers: bool = False):
        pass

    def __call__(self, input_x):
        return self._resize(input_x, self.size, "ResizeNearestNeighbor")


class ResizeBilinearV2(_Resize):
    """Bilinear resize of (N, C, H, W) to `size`: source dst * in/out, or (dst + 0.5) * in/out - 0.5 with
    `half_pixel_centers`, or corner-aligned with `align_corners` (TensorFlow's conventions)."""

    _nearest = False

    @prim_attr_register
    def __init__(self, align_corners: bool = False, half_pixel_centers: bool = False):
        pass

    def __call__(self, image, size):
        return self._resize(image, size, "ResizeBilinearV2")


class ResizeBilinear(_Resize):
    """MindSpore 1.x `ResizeBilinear(size, align_corners, half_pixel_centers)`: ResizeBilinearV2 with a fixed size."""

    _nearest = False

    @prim_attr_register
    def __init__(self, size, align_corners: bool = False, half_pixel_centers: bool = False):
        pass

    def __call__(self, x):
        return self._resize(x, self.size, "ResizeBilinear")


NMSWithMask = unsupported_primitive("NMSWithMask", "a detection-only op", __name__,
                                    lambda self, iou_threshold=0.5: None)
