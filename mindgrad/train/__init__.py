"""`mindspore.train`: Model, callbacks, metrics and checkpoint files."""

from . import amp, callback, loss_scale_manager, metrics, serialization
from .callback import (Callback, CheckpointConfig, LambdaCallback, LossMonitor, ModelCheckpoint, ProgressBar,
                       RunContext, TimeMonitor)
from .metrics import (F1, MAE, MSE, ROC, Accuracy, ConfusionMatrixMetric, Dice, Fbeta, Loss, Metric, Precision,
                      Recall, Top1CategoricalAccuracy, Top5CategoricalAccuracy, TopKCategoricalAccuracy, get_metric_fn,
                      names, rearrange_inputs)
from .loss_scale_manager import DynamicLossScaleManager, FixedLossScaleManager, LossScaleManager
from .model import Model
from .serialization import CheckpointError, load_checkpoint, load_param_into_net, save_checkpoint

__all__ = ["Model", "save_checkpoint", "load_checkpoint", "load_param_into_net", "CheckpointError"]
__all__.extend(callback.__all__)
__all__.extend(metrics.__all__)
__all__.extend(loss_scale_manager.__all__)
from . import dataset_helper, summary, train_thor  # noqa: E402
from .callback_more import LearningRateScheduler, SummaryCollector  # noqa: E402
callback.SummaryCollector, callback.LearningRateScheduler = SummaryCollector, LearningRateScheduler  # MindSpore's place
from .dataset_helper import DatasetHelper  # noqa: E402
from .summary import SummaryRecord  # noqa: E402
from ._sink import data_sink  # noqa: E402

__all__.extend(["DatasetHelper", "SummaryRecord", "SummaryCollector", "LearningRateScheduler"])
from .callback_tail import EarlyStopping, ReduceLROnPlateau  # noqa: E402
callback.EarlyStopping, callback.ReduceLROnPlateau = EarlyStopping, ReduceLROnPlateau  # MindSpore's place
from ._dist_ckpt import load_distributed_checkpoint  # noqa: E402
serialization.load_distributed_checkpoint = load_distributed_checkpoint  # MindSpore's place
__all__.extend(["EarlyStopping", "ReduceLROnPlateau", "load_distributed_checkpoint"])  # also top-level (ops17)
from .train_thor import ConvertModelUtils, ConvertNetUtils  # noqa: E402
__all__.extend(["ConvertModelUtils", "ConvertNetUtils"])
from .callback_exit import OnRequestExit  # noqa: E402
from .dataset_helper import connect_network_with_dataset  # noqa: E402,F401 - also ms.train's
callback.OnRequestExit = OnRequestExit  # MindSpore's place
__all__.append("OnRequestExit")
from .callback_history import History  # noqa: E402
callback.History = History  # MindSpore's place
__all__.append("History")
# MindSpore's callback.__all__: Model.fit leaves these out of the evaluation it runs each epoch
callback.__all__.extend(["SummaryCollector", "LearningRateScheduler", "History", "ReduceLROnPlateau", "EarlyStopping",
                         "OnRequestExit"])
