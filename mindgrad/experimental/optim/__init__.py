"""`mindspore.experimental.optim`: PyTorch-style optimizers (`Optimizer`, `SGD`, `Adam`, `AdamW`, `Adadelta`,
`Adagrad`, `Adamax`, `ASGD`, `NAdam`, `RAdam`, `RMSprop`, `Rprop`) and `lr_scheduler`."""

from . import (adadelta, adagrad, adam, adamax, adamw, asgd, lr_scheduler, nadam, optimizer, radam, rmsprop, rprop,
               sgd)
from .adadelta import Adadelta
from .adagrad import Adagrad
from .adam import Adam
from .adamax import Adamax
from .adamw import AdamW
from .asgd import ASGD
from .nadam import NAdam
from .optimizer import Optimizer
from .radam import RAdam
from .rmsprop import RMSprop
from .rprop import Rprop
from .sgd import SGD

__all__ = ["Optimizer", "SGD", "Adam", "AdamW", "Adadelta", "Adagrad", "Adamax", "ASGD", "NAdam", "RAdam", "RMSprop",
           "Rprop", "lr_scheduler"]
