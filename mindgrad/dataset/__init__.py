"""`mindspore.dataset`: GeneratorDataset, NumpySlicesDataset and the pipeline operations training scripts use."""

from . import config, transforms, vision
from .engine import BatchInfo, Dataset, GeneratorDataset, NumpySlicesDataset

__all__ = ["config", "transforms", "vision", "Dataset", "GeneratorDataset", "NumpySlicesDataset", "BatchInfo"]
