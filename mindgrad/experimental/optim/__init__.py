"""`mindspore.experimental.optim`: PyTorch-style optimizers (`Optimizer`, `SGD`, `Adam`, `AdamW`) and
`lr_scheduler`."""

from . import lr_scheduler, optimizer
from .optimizer import SGD, Adam, AdamW, Optimizer

__all__ = ["Optimizer", "SGD", "Adam", "AdamW", "lr_scheduler"]
