"""`mindspore.dataset.core.datatypes`: MindSpore dtypes to the dataset engine's type names."""

from __future__ import annotations

import numpy as np

from ...common import dtype as mstype


def mstype_to_detype(type_) -> np.dtype:
    """The NumPy dtype the pipeline uses for a MindSpore dtype (mindgrad's engine works on NumPy)."""
    return np.dtype(mstype.to_numpy(type_))


def nptype_to_detype(type_) -> np.dtype:
    return np.dtype(type_)
