"""Losses (MindSpore's `mindspore.nn.loss`)."""

from .loss import (BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, L1Loss, LossBase, MAELoss, MSELoss, NLLLoss,
                   RMSELoss, SmoothL1Loss, SoftmaxCrossEntropyWithLogits)
from .loss_more import DiceLoss, SoftMarginLoss

__all__ = ["BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss", "L1Loss", "LossBase", "MAELoss", "MSELoss", "NLLLoss",
           "RMSELoss", "SmoothL1Loss", "SoftmaxCrossEntropyWithLogits"]
__all__ += ["DiceLoss", "SoftMarginLoss"]
from .ctc import CTCLoss  # noqa: E402
__all__ += ["CTCLoss"]
from .tail_losses import CosineEmbeddingLoss, KLDivLoss, MarginRankingLoss  # noqa: E402
__all__ += ["CosineEmbeddingLoss", "KLDivLoss", "MarginRankingLoss"]
