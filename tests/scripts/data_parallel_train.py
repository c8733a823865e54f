"""A MindSpore-style data-parallel training script (run by tests/test_data_parallel.py).

Every process feeds its own shard of a fixed global batch; prints the final parameters (rank 0).
"""

import json
import sys

import jax
import numpy as np

import mindgrad as ms
from mindgrad import nn
from mindgrad.communication import get_group_size, get_rank, init

parallel = sys.argv[1] == "parallel"
if parallel:
    init()
    ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.DATA_PARALLEL, gradients_mean=True)
ms.set_seed(1)


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Dense(8, 16, activation="relu")
        self.fc2 = nn.Dense(16, 4)

    def construct(self, x):
        return self.fc2(self.fc1(x))


class TrainStep(nn.Cell):
    """The usual custom training cell of MindSpore data-parallel scripts."""

    def __init__(self, network, optimizer):
        super().__init__(auto_prefix=False)
        self.network, self.optimizer = network, optimizer
        self.weights = optimizer.parameters
        self.grad = ms.ops.GradOperation(get_by_list=True, sens_param=True)
        self.reducer = nn.DistributedGradReducer(self.weights, mean=True, degree=get_group_size())

    def construct(self, x, y):
        loss = self.network(x, y)
        sens = ms.ops.fill(loss.dtype, loss.shape, 1.0)
        grads = self.reducer(self.grad(self.network, self.weights)(x, y, sens))
        self.optimizer(grads)
        return loss


rs = np.random.RandomState(0)
x_all = rs.randn(16, 8).astype(np.float32)
y_all = rs.randint(0, 4, 16).astype(np.int32)
group, rank = get_group_size(), get_rank()        # MindSpore: one rank per device
per_rank = 16 // group
ranks_here = len(jax.local_devices()) if parallel else 1
start, local = rank * per_rank, per_rank * ranks_here
x, y = ms.Tensor(x_all[start:start + local]), ms.Tensor(y_all[start:start + local])

net = Net()
loss_net = nn.WithLossCell(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"))
step = TrainStep(loss_net, nn.Momentum(net.trainable_params(), learning_rate=0.1, momentum=0.9))
losses = [float(step(x, y).asnumpy()) for _ in range(5)]
if jax.process_index() == 0:
    print(json.dumps({"group": group, "losses": losses,
                      "params": {p.name: p.asnumpy().tolist() for p in net.trainable_params()}}))
