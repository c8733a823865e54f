"""`mindspore.nn`: Cell and the layers built on it."""

from .cell import Cell
from .layer import (CellList, Dense, Flatten, Identity, LogSoftmax, ReLU, SequentialCell, Sigmoid, Softmax, Tanh,
                    get_activation)
