"""Optimizers (MindSpore's `mindspore.nn.optim`), one per module."""

from .adam import Adam, AdamWeightDecay
from .momentum import Momentum
from .optimizer import Optimizer
from .sgd import SGD
from .ada_grad import Adagrad
from .adadelta import Adadelta
from .ftrl import FTRL
from .lamb import Lamb
from .rmsprop import RMSProp
from .adasum import AdaSumByDeltaWeightWrapCell, AdaSumByGradWrapCell
from .thor import thor
from .lars import LARS
from .adafactor import AdaFactor
