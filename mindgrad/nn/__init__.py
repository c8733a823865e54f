"""`mindspore.nn`: Cell, layers, losses, optimizers, learning-rate schedules, training wrappers, metrics."""

from . import dynamic_lr, layer, learning_rate_schedule, loss, metrics, optim, utils, wrap
from .cell import Cell
from .dynamic_lr import (cosine_decay_lr, exponential_decay_lr, inverse_decay_lr, natural_exp_decay_lr,
                         piecewise_constant_lr, polynomial_decay_lr, warmup_lr)
from .layer import *  # noqa: F401,F403
from .layer import get_activation
from .learning_rate_schedule import (CosineDecayLR, ExponentialDecayLR, InverseDecayLR, LearningRateSchedule,
                                     NaturalExpDecayLR, PolynomialDecayLR, WarmUpLR)
from .loss import *  # noqa: F401,F403
from .metrics import (F1, MAE, MSE, ROC, Accuracy, ConfusionMatrixMetric, Dice, Fbeta, Loss, Metric, Precision,
                      Recall, Top1CategoricalAccuracy, Top5CategoricalAccuracy, TopKCategoricalAccuracy,
                      rearrange_inputs)
from .utils import no_init_parameters
from .optim import (FTRL, SGD, AdaSumByDeltaWeightWrapCell, AdaSumByGradWrapCell, Adadelta, Adagrad, Adam,
                    AdamWeightDecay, Lamb, Momentum, Optimizer, RMSProp)
from .wrap import (DistributedGradReducer, DynamicLossScaleUpdateCell, FixedLossScaleUpdateCell, ForwardValueAndGrad,
                   TrainOneStepCell, TrainOneStepWithLossScaleCell, WithEvalCell, WithGradCell, WithLossCell)
from . import probability
from .graph_cell import GraphCell
from .optim.thor import thor  # noqa: E402 - nn.thor (THOR, MindSpore's GPU version)
from .optim.lars import LARS  # noqa: E402
from .wrap.pipeline import MicroBatchInterleaved, ParameterUpdate, PipelineCell, PipelineGradReducer  # noqa: E402,F401
from ._metric_auc import auc  # noqa: E402,F401
from .optim.adafactor import AdaFactor  # noqa: E402,F401
