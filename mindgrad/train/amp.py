"""`mindspore.train.amp`: where MindSpore defines automatic mixed precision (`mindspore.amp` re-exports it),
with its module-level lists `AMP_WHITE_LIST` and `AMP_BLACK_LIST`."""

from ..amp._mixed import (AMP_BLACK_LIST, AMP_WHITE_LIST, auto_mixed_precision, build_train_network,
                          custom_mixed_precision, get_black_list, get_white_list)
from .loss_scale_manager import DynamicLossScaleManager, FixedLossScaleManager, LossScaleManager
from ._amp_decorator import AmpDecorator  # noqa: F401 - the amp strategy context manager

__all__ = ["AMP_WHITE_LIST", "AMP_BLACK_LIST", "auto_mixed_precision", "build_train_network", "custom_mixed_precision",
           "get_white_list", "get_black_list", "LossScaleManager", "FixedLossScaleManager", "DynamicLossScaleManager"]
