"""`mindspore.train.train_thor`: THOR's training utilities. `ConvertModelUtils.convert_to_thor_model` turns a Model
whose optimizer is THOR (`nn.thor`) into a `ModelThor` (`model_thor`); `ConvertNetUtils` converts a network's layers
to Thor layers; `dataset_helper.DatasetHelper` is the helper `ModelThor` sinks with."""

from __future__ import annotations

from . import convert_utils, dataset_helper, model_thor
from .convert_utils import ConvertModelUtils, ConvertNetUtils

__all__ = ["ConvertNetUtils", "ConvertModelUtils"]
