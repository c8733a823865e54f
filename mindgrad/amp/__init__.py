"""`mindspore.amp`: automatic mixed precision, loss scalers and loss-scale managers."""

from ..train.loss_scale_manager import DynamicLossScaleManager, FixedLossScaleManager, LossScaleManager
from ._mixed import auto_mixed_precision, build_train_network, custom_mixed_precision, get_black_list, get_white_list
from ._scaler import DynamicLossScaler, LossScaler, StaticLossScaler, all_finite

__all__ = ["DynamicLossScaleManager", "LossScaleManager", "FixedLossScaleManager", "build_train_network",
           "DynamicLossScaler", "StaticLossScaler", "LossScaler", "auto_mixed_precision", "all_finite",
           "custom_mixed_precision", "get_white_list", "get_black_list"]
