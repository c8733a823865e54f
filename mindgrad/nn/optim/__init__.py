"""Optimizers (MindSpore's `mindspore.nn.optim`), one per module."""

from .adam import Adam, AdamWeightDecay
from .momentum import Momentum
from .optimizer import Optimizer
from .sgd import SGD
