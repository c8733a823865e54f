"""`mindspore.train.train_thor`: `ConvertModelUtils` turns a Model with a THOR optimizer into MindSpore's THOR training
Model. mindgrad has no THOR optimizer, so a Model with any other optimizer is returned unchanged (what MindSpore
does too) and a THOR one raises NotImplementedError."""

from __future__ import annotations

__all__ = ["ConvertModelUtils"]


class ConvertModelUtils:
    @staticmethod
    def convert_to_thor_model(model, network, loss_fn=None, optimizer=None, metrics=None, amp_level: str = "O0",
                              loss_scale_manager=None, keep_batchnorm_fp32: bool = False):
        if type(optimizer).__name__.lower().startswith("thor"):
            raise NotImplementedError("mindgrad does not provide the THOR optimizer yet.")
        return model
