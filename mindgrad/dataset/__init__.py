"""`mindspore.dataset`: readers of MindSpore's and common dataset formats, samplers, the pipeline, transforms."""

import sys
from enum import IntEnum

from .. import context
from . import audio, config, core, samplers, text, transforms, vision
from ._schema import DatasetCache, Schema
from .config import get_num_parallel_workers, get_seed, set_seed
from .datasets_standard_format import MindDataset, Shuffle, TFRecordDataset
from .datasets_text import CLUEDataset, CSVDataset, TextFileDataset
from .datasets_vision import (CelebADataset, Cifar10Dataset, Cifar100Dataset, CityscapesDataset, DIV2KDataset,
                              FashionMnistDataset, ImageFolderDataset, KMnistDataset, MnistDataset, Places365Dataset)
from .engine import (BatchDataset, BatchInfo, BucketBatchByLengthDataset, ConcatDataset, Dataset, DictIterator,
                    FilterDataset, GeneratorDataset, MapDataset, NumpySlicesDataset, PaddedDataset, ProjectDataset,
                    RenameDataset, RepeatDataset, ShuffleDataset, SkipDataset, TakeDataset, TupleIterator, ZipDataset)
from .engine import zip_datasets as zip  # noqa: A004 - MindSpore's name
from .samplers import (BuiltinSampler, DistributedSampler, IterSampler, PKSampler, RandomSampler, Sampler,
                       SequentialSampler, SubsetRandomSampler, SubsetSampler, WeightedRandomSampler)

from . import engine  # noqa: E402,I001 - after the readers, so they can be attached to it below
from . import datasets_standard_format, datasets_text, datasets_vision  # noqa: E402

# MindSpore's `dataset.engine` namespace holds the readers and samplers too (`engine.ImageFolderDataset`,
# `engine.datasets_vision.Cifar10Dataset`).
for _module in (datasets_vision, datasets_standard_format, datasets_text, samplers):
    for _name in _module.__all__:
        setattr(engine, _name, getattr(_module, _name))
engine.datasets_vision, engine.datasets_standard_format, engine.datasets_text = (
    datasets_vision, datasets_standard_format, datasets_text)
engine.Schema, engine.DatasetCache, engine.samplers = Schema, DatasetCache, samplers
# ... and `from mindspore.dataset.engine.datasets_vision import X` must import: the module answers as a package
# whose submodules are the reader modules (`datasets` and `datasets_user_defined` are the pipeline itself).
engine.__path__ = []
for _name, _module in (("datasets", engine), ("datasets_user_defined", engine), ("datasets_vision", datasets_vision),
                       ("datasets_standard_format", datasets_standard_format), ("datasets_text", datasets_text),
                       ("samplers", samplers)):
    sys.modules[f"{engine.__name__}.{_name}"] = _module
del _module, _name


class Implementation(IntEnum):
    """Which implementation a transform runs (MindSpore's C++ or Python); mindgrad has one of each op."""

    C = 0
    PY = 1


PaddedBatchDataset = BatchDataset
TextBaseDataset = VisionBaseDataset = AudioBaseDataset = MappableDataset = SourceDataset = engine._Source
ds = sys.modules[__name__]  # MindSpore's own `import mindspore.dataset as ds` leaks into its namespace

__all__ = ["config", "samplers", "transforms", "vision", "engine", "Dataset", "GeneratorDataset",
           "NumpySlicesDataset", "BatchInfo", "MindDataset", "TFRecordDataset", "CSVDataset", "TextFileDataset",
           "MnistDataset", "FashionMnistDataset", "KMnistDataset", "Cifar10Dataset", "Cifar100Dataset",
           "ImageFolderDataset", "Sampler", "BuiltinSampler", "DistributedSampler", "PKSampler", "RandomSampler",
           "SequentialSampler", "SubsetRandomSampler", "SubsetSampler", "WeightedRandomSampler", "IterSampler",
           "Schema", "DatasetCache", "Shuffle", "zip", "set_seed", "get_seed", "get_num_parallel_workers",
           "BatchDataset", "ConcatDataset", "FilterDataset", "MapDataset", "PaddedDataset", "ProjectDataset",
           "RenameDataset", "RepeatDataset", "ShuffleDataset", "SkipDataset", "TakeDataset", "ZipDataset",
           "TupleIterator", "DictIterator", "audio", "text", "core", "context", "CelebADataset",
           "BucketBatchByLengthDataset", "PaddedBatchDataset", "Implementation", "TextBaseDataset",
           "VisionBaseDataset", "AudioBaseDataset", "MappableDataset", "SourceDataset", "CLUEDataset",
           "DIV2KDataset", "Places365Dataset", "CityscapesDataset"]
