"""A custom backward pass (`Cell.bprop`) in a binarised network, trained with TrainOneStepCell (unmodified MindSpore).

`Sign` has zero gradient almost everywhere; its `bprop` passes the gradient straight through
where |x| <= 1 (the straight-through estimator), so the real-valued weights behind the binary
ones can be trained. Run it with MindSpore, or with `python -m mindgrad run examples/custom_bprop.py`.
"""

import numpy as np

import mindspore as ms
from mindspore import Parameter, Tensor, nn, ops


class StraightThroughSign(nn.Cell):
    def construct(self, x):
        return ops.sign(x)

    def bprop(self, x, out, dout):
        return (dout * (ops.abs(x) <= 1.0).astype(dout.dtype),)


class BinaryDense(nn.Cell):
    """A dense layer whose weights are binarised to +-1 in the forward pass."""

    def __init__(self, in_channels, out_channels, seed):
        super().__init__()
        rng = np.random.RandomState(seed)
        self.weight = Parameter(Tensor(rng.uniform(-1, 1, (in_channels, out_channels)).astype(np.float32)),
                                name="weight")
        self.scale = Parameter(Tensor(np.full((out_channels,), 1.0 / in_channels, np.float32)), name="scale")
        self.sign = StraightThroughSign()

    def construct(self, x):
        return ops.matmul(x, self.sign(self.weight)) * self.scale


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.layer1 = BinaryDense(8, 16, seed=1)
        self.layer2 = BinaryDense(16, 1, seed=2)
        self.act = nn.Tanh()

    def construct(self, x):
        return self.layer2(self.act(self.layer1(x)))


rng = np.random.RandomState(0)
x = Tensor(rng.randn(64, 8).astype(np.float32))
y = Tensor(np.sign(x.asnumpy() @ rng.randn(8, 1)).astype(np.float32))

sign = StraightThroughSign()
inputs = Tensor(np.array([-2.0, -0.5, 0.0, 0.5, 2.0], np.float32))
print("sign:", sign(inputs))
print("straight-through gradient:", ms.grad(lambda v: (sign(v) * Tensor([1.0, 2.0, 3.0, 4.0, 5.0])).sum())(inputs))

net = Net()
train = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), nn.SGD(net.trainable_params(), learning_rate=0.1))
train.set_train()
for step in range(1, 31):
    loss = train(x, y)
    if step % 5 == 0:
        print(f"step {step:2d}, loss {loss.asnumpy():.6f}")
grads = ops.GradOperation(get_by_list=True)(nn.WithLossCell(net, nn.MSELoss()),
                                            ms.ParameterTuple(net.trainable_params()))(x, y)
for param, grad in zip(net.trainable_params(), grads, strict=False):
    print(f"{param.name}: |grad| = {np.linalg.norm(grad.asnumpy()):.6f}")
