"""Layers, one family per module (MindSpore's `mindspore.nn.layer`)."""

from .activation import (CELU, ELU, GELU, GLU, HSigmoid, HShrink, HSwish, FastGelu, Hardtanh, LeakyReLU, LogSigmoid,
                         LogSoftmax, Mish, PReLU, ReLU, ReLU6, SeLU, Sigmoid, SiLU, Softmax, Softmax2d, Softmin,
                         SoftShrink, Softsign, Tanh, Tanhshrink, Threshold, get_activation)
from .basic import Dense, Dropout, Flatten, Identity, Pad
from .container import CellDict, CellList, SequentialCell
from .conv import Conv1d, Conv2d, Conv2dTranspose
from .embedding import Embedding
from .normalization import BatchNorm1d, BatchNorm2d, GroupNorm, LayerNorm
from .pooling import AvgPool1d, AvgPool2d, MaxPool1d, MaxPool2d
from .conv import Conv1dTranspose, Conv3d, Conv3dTranspose
from .normalization import BatchNorm3d, InstanceNorm1d, InstanceNorm2d, InstanceNorm3d, SyncBatchNorm
from .pooling import (AdaptiveAvgPool1d, AdaptiveAvgPool2d, AdaptiveAvgPool3d, AdaptiveMaxPool1d, AdaptiveMaxPool2d,
                      AdaptiveMaxPool3d, AvgPool3d, MaxPool3d)
from .basic_more import ClipByNorm, Dropout2d, Dropout3d, Linear, Norm, OneHot, Tril, Triu, Unflatten, Unfold, Upsample
from .combined import Conv2dBnAct, DenseBnAct
from .embedding_more import EmbeddingLookup
from .image import PSNR, SSIM, PixelShuffle, PixelUnshuffle
from .math_layers import MatMul, Moments, Range
from .padding import (ConstantPad1d, ConstantPad2d, ConstantPad3d, ReflectionPad1d, ReflectionPad2d, ReflectionPad3d,
                      ReplicationPad1d, ReplicationPad2d, ReplicationPad3d, ZeroPad2d)
from .rnn_cells import GRUCell, LSTMCell, RNNCell, RNNCellBase
from .rnns import GRU, LSTM, RNN
from .transformer import (MultiheadAttention, Transformer, TransformerDecoder, TransformerDecoderLayer,
                          TransformerEncoder, TransformerEncoderLayer)

__all__ = ["CELU", "ELU", "GELU", "GLU", "HSigmoid", "HShrink", "HSwish", "FastGelu", "Hardtanh", "LeakyReLU",
           "LogSigmoid", "LogSoftmax", "Mish", "PReLU", "ReLU", "ReLU6", "SeLU", "Sigmoid", "SiLU", "Softmax",
           "Softmax2d", "Softmin", "SoftShrink", "Softsign", "Tanh", "Tanhshrink", "Threshold", "get_activation",
           "Dense", "Dropout", "Flatten", "Identity", "Pad", "CellDict", "CellList", "SequentialCell", "Conv1d",
           "Conv2d",
           "Conv2dTranspose", "Embedding", "BatchNorm1d", "BatchNorm2d", "GroupNorm", "LayerNorm", "AvgPool1d",
           "AvgPool2d", "MaxPool1d", "MaxPool2d"]
__all__ += ["GRUCell", "LSTMCell", "RNNCell", "GRU", "LSTM", "RNN", "MultiheadAttention", "Transformer",
            "TransformerDecoder", "TransformerDecoderLayer", "TransformerEncoder", "TransformerEncoderLayer",
            "Conv1dTranspose", "Conv3d", "Conv3dTranspose", "BatchNorm3d", "InstanceNorm1d", "InstanceNorm2d",
            "InstanceNorm3d", "SyncBatchNorm", "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveAvgPool3d",
            "AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AdaptiveMaxPool3d", "AvgPool3d", "MaxPool3d", "ClipByNorm",
            "Dropout2d", "Dropout3d", "Linear", "Norm", "OneHot", "Tril", "Triu", "Unflatten", "Unfold", "Upsample",
            "Conv2dBnAct", "DenseBnAct", "PixelShuffle", "PixelUnshuffle", "MatMul", "Moments", "Range",
            "ConstantPad1d", "ConstantPad2d", "ConstantPad3d", "ReflectionPad1d", "ReflectionPad2d", "ReflectionPad3d",
            "ReplicationPad1d", "ReplicationPad2d", "ReplicationPad3d", "ZeroPad2d", "PSNR", "SSIM",
            "EmbeddingLookup"]
from .tail_layers import BiDense, CentralCrop  # noqa: E402
__all__ += ["BiDense", "CentralCrop"]
from .thor_layer import Conv2dThor, DenseThor, EmbeddingThor  # noqa: E402
__all__ += ["DenseThor", "Conv2dThor", "EmbeddingThor"]
from .msssim import MSSSIM  # noqa: E402
__all__ += ["MSSSIM"]
