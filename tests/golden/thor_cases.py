"""Issue 17: `nn.thor` and the Thor layers, what the oracle's CPU build can run: the layers' outputs and recorded
A statistics (DenseThor, EmbeddingThor; Conv2dThor's ThorIm2Col has no CPU kernel, so only its Parameters), the
conversion `nn.thor` makes (layer types, Parameter names and shapes, the optimizer's Parameters and stored
inverses) and errors. Recorded with `record.py thor`; replayed by tests/test_thor.py (the training steps, which the
oracle's CPU cannot run, are checked there against a NumPy reference)."""

import numpy as np

X = np.array([[1.0, 2.0, 3.0], [3.0, 4.0, 5.0]], np.float32)
W = np.array([[0.2, -0.4, 0.6], [0.5, 0.1, -0.3], [0.0, 0.3, 0.7], [-0.2, 0.8, 0.1]], np.float32)


def _params(cell):
    return [(p.name, tuple(p.shape), p.requires_grad) for p in cell.get_parameters()]


def case_dense_thor_forward(ms):
    layer = ms.nn.DenseThor(3, 4, weight_init=ms.Tensor(W), activation="relu")
    out = layer(ms.Tensor(X))
    return out, layer.matrix_a.value(), layer.matrix_g.value(), _params(layer)


def case_dense_thor_no_bias_flag_off(ms):
    layer = ms.nn.DenseThor(3, 4, weight_init=ms.Tensor(W), has_bias=False)
    layer.add_flags(thor=False)
    out = layer(ms.Tensor(X))
    return out, layer.matrix_a.value()


def case_dense_thor_weight_shape_error(ms):
    return ms.nn.DenseThor(3, 4, weight_init=ms.Tensor(W.T))


def case_embedding_thor_forward(ms):
    layer = ms.nn.EmbeddingThor(5, 2, embedding_table=ms.Tensor(np.arange(10, dtype=np.float32).reshape(5, 2)))
    out = layer(ms.Tensor(np.array([[1, 1, 3], [0, 4, 1]], np.int32)))
    return out, layer.matrix_a.value(), layer.matrix_g.value(), _params(layer)


def case_conv2d_thor_parameters(ms):
    return _params(ms.nn.Conv2dThor(2, 3, 3, has_bias=True))


class _Net:
    @staticmethod
    def make(ms):
        class Net(ms.nn.Cell):
            def __init__(self):
                super().__init__()
                self.conv = ms.nn.Conv2d(2, 3, 3)
                self.bn = ms.nn.BatchNorm2d(3)
                self.flat = ms.nn.Flatten()
                self.fc = ms.nn.Dense(48, 200)
                self.out = ms.nn.SequentialCell([ms.nn.Dense(200, 5, activation="relu")])

            def construct(self, x):
                return self.out(self.fc(self.flat(self.bn(self.conv(x)))))

        return Net()


def case_thor_conversion(ms):
    net = _Net.make(ms)
    opt = ms.nn.thor(net, ms.Tensor(np.array([0.1, 0.05], np.float32)), ms.Tensor(np.array([0.3, 0.1], np.float32)),
                     0.9, 1e-4, 128.0, 32, frequency=5)
    return ([type(c).__name__ for c in (net.conv, net.fc, net.out[0])], _params(net), type(opt).__name__,
            [p.name for p in opt.params], [(p.name, tuple(p.shape)) for p in opt.matrix_a],
            [(p.name, tuple(p.shape)) for p in opt.matrix_g], opt.get_frequency(), opt.cov_step.value())


def case_thor_weight_decay_error(ms):
    return ms.nn.thor(_Net.make(ms), ms.Tensor(np.float32(0.1)), 0.03, 0.9, weight_decay=-1.0)


def case_thor_loss_scale_error(ms):
    return ms.nn.thor(_Net.make(ms), ms.Tensor(np.float32(0.1)), 0.03, 0.9, loss_scale=0.0)
