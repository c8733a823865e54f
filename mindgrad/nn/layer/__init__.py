"""Layers, one family per module (MindSpore's `mindspore.nn.layer`)."""

from .activation import (CELU, ELU, GELU, GLU, HSigmoid, HShrink, HSwish, FastGelu, Hardtanh, LeakyReLU, LogSigmoid,
                         LogSoftmax, Mish, PReLU, ReLU, ReLU6, SeLU, Sigmoid, SiLU, Softmax, Softmax2d, Softmin,
                         SoftShrink, Softsign, Tanh, Tanhshrink, Threshold, get_activation)
from .basic import Dense, Dropout, Flatten, Identity, Pad
from .container import CellList, SequentialCell
from .conv import Conv1d, Conv2d, Conv2dTranspose
from .embedding import Embedding
from .normalization import BatchNorm1d, BatchNorm2d, GroupNorm, LayerNorm
from .pooling import AvgPool1d, AvgPool2d, MaxPool1d, MaxPool2d

__all__ = ["CELU", "ELU", "GELU", "GLU", "HSigmoid", "HShrink", "HSwish", "FastGelu", "Hardtanh", "LeakyReLU",
           "LogSigmoid", "LogSoftmax", "Mish", "PReLU", "ReLU", "ReLU6", "SeLU", "Sigmoid", "SiLU", "Softmax",
           "Softmax2d", "Softmin", "SoftShrink", "Softsign", "Tanh", "Tanhshrink", "Threshold", "get_activation",
           "Dense", "Dropout", "Flatten", "Identity", "Pad", "CellList", "SequentialCell", "Conv1d", "Conv2d",
           "Conv2dTranspose", "Embedding", "BatchNorm1d", "BatchNorm2d", "GroupNorm", "LayerNorm", "AvgPool1d",
           "AvgPool2d", "MaxPool1d", "MaxPool2d"]
