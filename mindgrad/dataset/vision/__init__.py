"""`mindspore.dataset.vision`: image transforms (OpenCV/Pillow based) and their enums."""

from . import py_transforms_util, transforms, utils
from ._video import DecodeVideo, read_video
from .transforms import *  # noqa: F403
from .transforms import __all__ as _transform_names
from .utils import AutoAugmentPolicy, Border, ConvertMode, ImageBatchFormat, ImageReadMode, Inter, SliceMode

__all__ = [*_transform_names, "read_video", "DecodeVideo", "Inter", "Border", "ConvertMode", "SliceMode",
           "ImageBatchFormat", "ImageReadMode",
           "AutoAugmentPolicy", "transforms", "utils", "py_transforms_util"]
