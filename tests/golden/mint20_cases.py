"""Issue 20 follow-ups: in-place Tensor updates of a compiled call's input Tensors (`ms.jit`, GRAPH_MODE Cells) are
written back to the caller's Tensors, and mint convolutions' string padding with a `padding_mode`.

MindSpore's CPU build lacks the kernels of the in-place activations (InplaceReLU, InplaceHardtanh, InplaceElu,
InplaceSiLU, InplaceThreshold) and of mint's Conv*dExt: those are checked against hand-written JAX in
tests/test_mint20_inplace.py; here are the in-place methods it runs and the errors of its layer constructors."""

import numpy as np

X = np.array([-2.0, -0.5, 0.3, 1.5, 7.0], np.float32)


def _update(x, how):
    if how == "add_":
        x.add_(1.0)
    elif how == "mul_":
        x.mul_(2.0)
    elif how == "copy_":
        x.copy_(x * 3)
    return x * 2


def _jit(ms, how):
    def step(x):
        return _update(x, how)

    x = ms.Tensor(X)
    out = ms.jit(step)(x)
    return x, out


def _graph(ms, how):
    class Net(ms.nn.Cell):
        def construct(self, x):
            return _update(x, how)

    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        x = ms.Tensor(X)
        out = Net()(x)
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    return x, out


def case_jit_add_(ms):
    return _jit(ms, "add_")


def case_jit_mul_(ms):
    return _jit(ms, "mul_")


def case_jit_copy_(ms):
    return _jit(ms, "copy_")


def case_graph_add_(ms):
    return _graph(ms, "add_")


def case_graph_mul_(ms):
    return _graph(ms, "mul_")


def case_graph_copy_(ms):
    return _graph(ms, "copy_")


def case_conv2d_same_strided(ms):
    return ms.mint.nn.Conv2d(2, 3, 3, stride=2, padding="same", padding_mode="reflect")


def case_conv1d_same_strided(ms):
    return ms.mint.nn.Conv1d(2, 3, 3, stride=(2,), padding="same", padding_mode="circular")


def case_conv3d_same_strided_zeros(ms):
    return ms.mint.nn.Conv3d(2, 3, 3, stride=2, padding="same")


def case_conv2d_same_reflect_weight_shape(ms):
    conv = ms.mint.nn.Conv2d(2, 3, (2, 4), padding="same", padding_mode="reflect", dilation=(2, 1))
    return conv.weight.shape, conv.padding, conv.padding_mode
