"""Layers, one family per module."""

from .activation import LogSoftmax, ReLU, Sigmoid, Softmax, Tanh, get_activation
from .basic import Dense, Flatten, Identity
from .container import CellList, SequentialCell
