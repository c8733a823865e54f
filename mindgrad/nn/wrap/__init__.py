"""Training wrappers (MindSpore's `mindspore.nn.wrap`)."""

from .cell_wrapper import ForwardValueAndGrad, TrainOneStepCell, WithEvalCell, WithGradCell, WithLossCell
from .grad_reducer import DistributedGradReducer
from .loss_scale import DynamicLossScaleUpdateCell, FixedLossScaleUpdateCell, TrainOneStepWithLossScaleCell
from .pipeline import MicroBatchInterleaved, ParameterUpdate, PipelineCell, PipelineGradReducer  # noqa: E402
