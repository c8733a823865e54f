"""`mindspore.train`: Model, callbacks, metrics and checkpoint files."""

from . import callback, metrics, serialization
from .callback import (Callback, CheckpointConfig, LambdaCallback, LossMonitor, ModelCheckpoint, ProgressBar,
                       RunContext, TimeMonitor)
from .metrics import (Accuracy, Loss, Metric, Top1CategoricalAccuracy, Top5CategoricalAccuracy,
                      TopKCategoricalAccuracy, get_metric_fn, names, rearrange_inputs)
from .model import Model
from .serialization import CheckpointError, load_checkpoint, load_param_into_net, save_checkpoint

__all__ = ["Model", "save_checkpoint", "load_checkpoint", "load_param_into_net", "CheckpointError"]
__all__.extend(callback.__all__)
__all__.extend(metrics.__all__)
