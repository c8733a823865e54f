"""`mindspore.train.train_thor.convert_utils`: `ConvertNetUtils` converts a network's layers to Thor layers
(`nn.thor` calls it); `ConvertModelUtils` turns a Model whose optimizer is THOR into a `ModelThor`."""

from __future__ import annotations

from ...nn.optim._thor_convert import ConvertNetUtils
from ...nn.wrap import TrainOneStepCell
from .model_thor import ModelThor

__all__ = ["ConvertNetUtils", "ConvertModelUtils"]


class ConvertModelUtils:
    """Converts a Model with the THOR optimizer into a ModelThor."""

    @staticmethod
    def convert_to_thor_model(model, network, loss_fn=None, optimizer=None, metrics=None, amp_level: str = "O0",
                              loss_scale_manager=None, keep_batchnorm_fp32: bool = False):
        """A `ModelThor` over `network` when `optimizer` is THOR (`ThorGpu`/`ThorAscend`), else `model` itself."""
        if type(optimizer).__name__ in ("ThorAscend", "ThorGpu"):
            if isinstance(network, TrainOneStepCell):
                return ModelThor(network=network)
            return ModelThor(network=network, loss_fn=loss_fn, optimizer=optimizer, amp_level=amp_level,
                             loss_scale_manager=loss_scale_manager, keep_batchnorm_fp32=keep_batchnorm_fp32,
                             metrics=metrics)
        return model
