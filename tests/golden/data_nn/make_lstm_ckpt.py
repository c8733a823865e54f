"""Write `lstm.ckpt` and `lstm_io.npz` with real MindSpore (run with the oracle interpreter, from /tmp):
a 2-layer bidirectional LSTM inside a parent Cell, its checkpoint, an input and MindSpore's outputs."""

import os

import mindspore as ms
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


class Net(ms.nn.Cell):
    def __init__(self):
        super().__init__()
        self.rnn = ms.nn.LSTM(3, 4, num_layers=2, bidirectional=True, batch_first=True)
        self.head = ms.nn.Dense(8, 2)

    def construct(self, x):
        out, (h, c) = self.rnn(x)
        return self.head(out), h, c


np.random.seed(7)
net = Net()
x = np.random.RandomState(8).standard_normal((2, 5, 3)).astype(np.float32)
out, h, c = net(ms.Tensor(x))
ms.save_checkpoint(net, os.path.join(HERE, "lstm.ckpt"))
np.savez(os.path.join(HERE, "lstm_io.npz"), x=x, out=out.asnumpy(), h=h.asnumpy(), c=c.asnumpy())
print(sorted(ms.load_checkpoint(os.path.join(HERE, "lstm.ckpt"))))
