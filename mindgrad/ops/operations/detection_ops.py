"""Object-detection Primitives (`BoundingBoxEncode`, `BoundingBoxDecode`, `IOU`, `CheckValid`, `ROIAlign`,
`CropAndResize`, `RandomChoiceWithMask`), with MindSpore's box conventions: boxes are (x1, y1, x2, y2)
in pixels, a box's width is x2 - x1 + 1 (the "+1" convention of MindSpore's kernels), and decoded
boxes are clipped to [0, width] x [0, height] of `max_shape` (height, width).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common import seed as _seed
from ...common.tensor import wrap
from ..function._helpers import dtype_name, float_only, tensor_arr
from ..primitive import Primitive, prim_attr_register


def _boxes(x, op: str, name: str):
    a = float_only(x, op, name)
    if a.ndim != 2 or a.shape[1] != 4:
        raise ValueError(f"For '{op}', the '{name}' should have shape (n, 4), but got {list(a.shape)}.")
    return a


def _centers(b):
    w, h = b[:, 2] - b[:, 0] + 1.0, b[:, 3] - b[:, 1] + 1.0
    return b[:, 0] + 0.5 * (w - 1.0), b[:, 1] + 0.5 * (h - 1.0), w, h


class BoundingBoxEncode(Primitive):
    """Deltas ((dx, dy, dw, dh) - means) / stds of `groundtruth_box` relative to `anchor_box`."""

    @prim_attr_register
    def __init__(self, means=(0.0, 0.0, 0.0, 0.0), stds=(1.0, 1.0, 1.0, 1.0)):
        for name, v in (("means", means), ("stds", stds)):
            if not isinstance(v, (tuple, list)) or len(v) != 4:
                raise ValueError(f"For 'BoundingBoxEncode', the '{name}' should be a tuple of 4 floats, but got {v}.")
        if any(s == 0 for s in stds):
            raise ValueError(f"For 'BoundingBoxEncode', the 'stds' should not contain 0, but got {stds}.")

    def __call__(self, anchor_box, groundtruth_box):
        a = _boxes(anchor_box, "BoundingBoxEncode", "anchor_box")
        g = _boxes(groundtruth_box, "BoundingBoxEncode", "groundtruth_box")
        if a.shape != g.shape:
            raise ValueError(f"For 'BoundingBoxEncode', 'anchor_box' and 'groundtruth_box' should have the same "
                             f"shape, but got {list(a.shape)} and {list(g.shape)}.")
        px, py, pw, ph = _centers(a)
        gx, gy, gw, gh = _centers(g)
        d = jnp.stack([(gx - px) / pw, (gy - py) / ph, jnp.log(gw / pw), jnp.log(gh / ph)], axis=1)
        return wrap(((d - jnp.asarray(self.means, a.dtype)) / jnp.asarray(self.stds, a.dtype)).astype(a.dtype))


class BoundingBoxDecode(Primitive):
    """Boxes from `anchor_box` and `deltas` (inverse of BoundingBoxEncode), dw/dh clipped to
    |log(wh_ratio_clip)|, corners clipped to `max_shape` (height, width)."""

    @prim_attr_register
    def __init__(self, max_shape, means=(0.0, 0.0, 0.0, 0.0), stds=(1.0, 1.0, 1.0, 1.0), wh_ratio_clip=0.016):
        if not isinstance(max_shape, (tuple, list)) or len(max_shape) != 2:
            raise ValueError(f"For 'BoundingBoxDecode', the 'max_shape' should be (height, width), but got "
                             f"{max_shape}.")

    def __call__(self, anchor_box, deltas):
        a = _boxes(anchor_box, "BoundingBoxDecode", "anchor_box")
        d = _boxes(deltas, "BoundingBoxDecode", "deltas")
        if a.shape != d.shape:
            raise ValueError(f"For 'BoundingBoxDecode', 'anchor_box' and 'deltas' should have the same shape, but "
                             f"got {list(a.shape)} and {list(d.shape)}.")
        d = d * jnp.asarray(self.stds, a.dtype) + jnp.asarray(self.means, a.dtype)
        limit = abs(float(np.log(self.wh_ratio_clip)))
        dw, dh = jnp.clip(d[:, 2], -limit, limit), jnp.clip(d[:, 3], -limit, limit)
        px, py, pw, ph = _centers(a)
        gx, gy = px + pw * d[:, 0], py + ph * d[:, 1]
        gw, gh = pw * jnp.exp(dw), ph * jnp.exp(dh)
        h, w = self.max_shape
        x1, x2 = jnp.clip(gx - 0.5 * gw + 0.5, 0, w), jnp.clip(gx + 0.5 * gw - 0.5, 0, w)
        y1, y2 = jnp.clip(gy - 0.5 * gh + 0.5, 0, h), jnp.clip(gy + 0.5 * gh - 0.5, 0, h)
        return wrap(jnp.stack([x1, y1, x2, y2], axis=1).astype(a.dtype))


class IOU(Primitive):
    """(m, n) overlaps of the `gt_boxes` (m, 4) with the `anchor_boxes` (n, 4): intersection over union
    ('iou') or over the ground-truth box's area ('iof')."""

    @prim_attr_register
    def __init__(self, mode="iou"):
        if mode not in ("iou", "iof"):
            raise KeyError(f"For 'IOU', the 'mode' should be 'iou' or 'iof', but got {mode!r}.")

    def __call__(self, anchor_boxes, gt_boxes):
        a = _boxes(anchor_boxes, "IOU", "anchor_boxes")
        g = _boxes(gt_boxes, "IOU", "gt_boxes")
        if a.dtype != g.dtype:
            raise TypeError(f"For 'IOU', 'anchor_boxes' and 'gt_boxes' should have the same dtype, but got "
                            f"{dtype_name(a.dtype)} and {dtype_name(g.dtype)}.")
        area = (lambda b: (b[:, 2] - b[:, 0] + 1) * (b[:, 3] - b[:, 1] + 1))
        iw = jnp.minimum(g[:, None, 2], a[None, :, 2]) - jnp.maximum(g[:, None, 0], a[None, :, 0]) + 1
        ih = jnp.minimum(g[:, None, 3], a[None, :, 3]) - jnp.maximum(g[:, None, 1], a[None, :, 1]) + 1
        inter = jnp.maximum(iw, 0) * jnp.maximum(ih, 0)
        if self.mode == "iof":
            return wrap(inter / area(g)[:, None])
        return wrap(inter / (area(g)[:, None] + area(a)[None, :] - inter))


class CheckValid(Primitive):
    """Bool per box: inside the image of `img_metas` (height, width, ratio), x2 <= w * ratio - 1,
    y2 <= h * ratio - 1, x1 >= 0, y1 >= 0."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, bboxes, img_metas):
        b = _boxes(bboxes, "CheckValid", "bboxes")
        m = tensor_arr(img_metas, "CheckValid", "img_metas")
        if m.shape != (3,):
            raise ValueError(f"For 'CheckValid', the 'img_metas' should have shape (3,), but got {list(m.shape)}.")
        h, w = m[0] * m[2] - 1, m[1] * m[2] - 1
        return wrap((b[:, 0] >= 0) & (b[:, 1] >= 0) & (b[:, 2] <= w) & (b[:, 3] <= h))


class RandomChoiceWithMask(Primitive):
    """(Int32 indices (count, ndim) of up to `count` True elements of `input_x` in random order, padded with
    zeros; Bool mask of the valid rows)."""

    @prim_attr_register
    def __init__(self, count=256, seed=0, seed2=0):
        if not isinstance(count, int) or count <= 0:
            raise ValueError(f"For 'RandomChoiceWithMask', the 'count' should be a positive int, but got {count}.")

    def __call__(self, input_x):
        a = tensor_arr(input_x, "RandomChoiceWithMask", "input_x")
        if a.dtype != np.bool_:
            raise TypeError(f"For 'RandomChoiceWithMask', the 'input_x' should be a Bool Tensor, but got "
                            f"{dtype_name(a.dtype)}.")
        if "_stream" not in self.__dict__:
            self.__dict__["_stream"] = _seed.new_stream("RandomChoiceWithMask")
        true_idx = np.argwhere(np.asarray(a))
        order = np.asarray(jax.random.permutation(_seed.next_key(self._stream), len(true_idx)))
        picked = true_idx[order][:self.count]
        out = np.zeros((self.count, a.ndim), np.int32)
        out[:len(picked)] = picked
        return wrap(jnp.asarray(out)), wrap(jnp.arange(self.count) < len(picked))


def _bilinear(img, y, x):
    """Samples of `img` (C, H, W) at float coordinates (Caffe2 ROIAlign border rules: 0 outside [-1, size])."""
    h, w = img.shape[1:]
    outside = (y < -1.0) | (y > h) | (x < -1.0) | (x > w)
    y, x = jnp.clip(y, 0, None), jnp.clip(x, 0, None)
    y0, x0 = jnp.floor(y).astype(jnp.int32), jnp.floor(x).astype(jnp.int32)
    y0c, x0c = jnp.minimum(y0, h - 1), jnp.minimum(x0, w - 1)
    y1, x1 = jnp.minimum(y0c + 1, h - 1), jnp.minimum(x0c + 1, w - 1)
    y, x = jnp.where(y0 >= h - 1, y0c, y), jnp.where(x0 >= w - 1, x0c, x)
    ly, lx = y - y0c, x - x0c
    val = (img[:, y0c, x0c] * (1 - ly) * (1 - lx) + img[:, y0c, x1] * (1 - ly) * lx
           + img[:, y1, x0c] * ly * (1 - lx) + img[:, y1, x1] * ly * lx)
    return jnp.where(outside, 0, val)


class ROIAlign(Primitive):
    """(R, C, pooled_height, pooled_width) averages of bilinear samples of `features` (N, C, H, W) in each
    bin of the `rois` (R, 5: batch index, x1, y1, x2, y2) scaled by `spatial_scale`; `sample_num`
    samples per bin axis (adaptive for <= 0); the end corner is shifted by +1 (`roi_end_mode` 1, the default;
    the legacy mode 0 raises NotImplementedError)."""

    @prim_attr_register
    def __init__(self, pooled_height, pooled_width, spatial_scale, sample_num=2, roi_end_mode=1):
        if roi_end_mode not in (0, 1):
            raise ValueError(f"For 'ROIAlign', the 'roi_end_mode' should be 0 or 1, but got {roi_end_mode}.")

    def _check_mode(self) -> None:
        if self.roi_end_mode == 0:
            raise NotImplementedError("For 'ROIAlign', mindgrad implements roi_end_mode=1 (the default) only.")

    def __call__(self, features, rois):
        self._check_mode()
        f = float_only(features, "ROIAlign", "features")
        r = float_only(rois, "ROIAlign", "rois")
        if f.ndim != 4 or r.ndim != 2 or r.shape[1] != 5:
            raise ValueError(f"For 'ROIAlign', expected features (N, C, H, W) and rois (R, 5), but got "
                             f"{list(f.shape)} and {list(r.shape)}.")
        ph, pw, scale = self.pooled_height, self.pooled_width, self.spatial_scale
        if self.sample_num <= 0 and isinstance(r, jax.core.Tracer):
            raise ValueError("For 'ROIAlign', an adaptive 'sample_num' (<= 0) needs concrete 'rois'; it cannot be "
                             "traced.")
        r = jax.lax.stop_gradient(r)  # MindSpore's gradient reaches the features only

        def one(box, gh: int, gw: int):
            x1, y1 = box[1] * scale, box[2] * scale
            x2, y2 = (box[3] + 1) * scale, (box[4] + 1) * scale
            bh, bw = jnp.maximum(y2 - y1, 1.0) / ph, jnp.maximum(x2 - x1, 1.0) / pw
            iy = (jnp.arange(ph)[:, None] * bh + (jnp.arange(gh)[None, :] + 0.5) * bh / gh + y1).reshape(-1)
            ix = (jnp.arange(pw)[:, None] * bw + (jnp.arange(gw)[None, :] + 0.5) * bw / gw + x1).reshape(-1)
            yy, xx = jnp.meshgrid(iy, ix, indexing="ij")
            vals = _bilinear(f[box[0].astype(jnp.int32)], yy, xx).reshape(f.shape[1], ph, gh, pw, gw)
            return vals.mean(axis=(2, 4))

        if self.sample_num > 0:
            return wrap(jax.vmap(lambda b: one(b, self.sample_num, self.sample_num))(r).astype(f.dtype))
        outs = []
        for box in np.asarray(r):  # adaptive: ceil(roi size / pooled size) samples per bin axis, per roi
            rh = max((box[4] + 1 - box[2]) * scale, 1.0)
            rw = max((box[3] + 1 - box[1]) * scale, 1.0)
            outs.append(one(jnp.asarray(box), max(int(np.ceil(rh / ph)), 1), max(int(np.ceil(rw / pw)), 1)))
        return wrap(jnp.stack(outs).astype(f.dtype))


class CropAndResize(Primitive):
    """Crops of `image` (N, H, W, C) at the normalised `boxes` (B, 4: y1, x1, y2, x2) of images `box_index`,
    resized to `crop_size` (bilinear or nearest); samples outside the image are `extrapolation_value`.
    The result is Float32 (B, crop_h, crop_w, C)."""

    @prim_attr_register
    def __init__(self, method="bilinear", extrapolation_value=0.0):
        if method not in ("bilinear", "nearest", "bilinear_v2"):
            raise ValueError(f"For 'CropAndResize', the 'method' should be 'bilinear', 'nearest' or 'bilinear_v2', "
                             f"but got {method!r}.")

    def __call__(self, image, boxes, box_index, crop_size):
        img = tensor_arr(image, "CropAndResize", "image").astype(jnp.float32)
        b = tensor_arr(boxes, "CropAndResize", "boxes").astype(jnp.float32)
        idx = tensor_arr(box_index, "CropAndResize", "box_index")
        if img.ndim != 4 or b.ndim != 2 or b.shape[1] != 4 or idx.shape != b.shape[:1]:
            raise ValueError(f"For 'CropAndResize', expected image (N, H, W, C), boxes (B, 4) and box_index (B,), "
                             f"but got {list(img.shape)}, {list(b.shape)} and {list(idx.shape)}.")
        ch, cw = crop_size
        h, w = img.shape[1:3]

        def coords(lo, hi, n, size):
            if n > 1:
                return lo[:, None] * (size - 1) + jnp.arange(n)[None, :] * ((hi - lo) * (size - 1) / (n - 1))[:, None]
            return (0.5 * (lo + hi) * (size - 1))[:, None]

        ys, xs = coords(b[:, 0], b[:, 2], ch, h), coords(b[:, 1], b[:, 3], cw, w)
        src = img[idx]  # (B, H, W, C)
        y_in = (ys >= 0) & (ys <= h - 1)
        x_in = (xs >= 0) & (xs <= w - 1)
        take = (lambda yi, xi: jax.vmap(lambda s, a, c: s[a[:, None], c[None, :]])(src, yi, xi))
        if self.method == "nearest":  # halves round away from zero
            out = take(jnp.clip(jnp.floor(ys + 0.5), 0, h - 1).astype(jnp.int32),
                       jnp.clip(jnp.floor(xs + 0.5), 0, w - 1).astype(jnp.int32))
        else:
            y0, x0 = jnp.clip(jnp.floor(ys), 0, h - 1).astype(jnp.int32), jnp.clip(jnp.floor(xs), 0, w - 1).astype(
                jnp.int32)
            y1, x1 = jnp.minimum(y0 + 1, h - 1), jnp.minimum(x0 + 1, w - 1)
            ly, lx = (ys - jnp.floor(ys))[:, :, None, None], (xs - jnp.floor(xs))[:, None, :, None]
            top = take(y0, x0) * (1 - lx) + take(y0, x1) * lx
            bottom = take(y1, x0) * (1 - lx) + take(y1, x1) * lx
            out = top * (1 - ly) + bottom * ly
        inside = (y_in[:, :, None] & x_in[:, None, :])[..., None]
        return wrap(jnp.where(inside, out, jnp.float32(self.extrapolation_value)))
