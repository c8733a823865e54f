"""nn layers: MindSpore's golden results (forward, parameter names/shapes, gradients), gradients checked
numerically in float64, and the state layers keep (BatchNorm statistics, Dropout masks) inside
gradient and compiled calls."""


import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.test_util import check_grads

import mindgrad as ms
from mindgrad.common.tensor import wrap
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("nn")


@pytest.mark.parametrize("name", SUITE.params("layer_"))
def test_golden_layer(name):
    SUITE.check(name, ms)


# ---- gradients of the layers' math, checked numerically in float64 ------------------------------------

def _check_layer_grads(cell, *xs, order=1):
    """check_grads of `cell` as a pure function of (inputs, Parameter values), through the Cell pytree."""
    leaves, treedef = jax.tree_util.tree_flatten(cell)
    n = len(xs)

    def f(*args):
        c = jax.tree_util.tree_unflatten(treedef, args[n:])
        return c(*(wrap(a) for a in args[:n]))._arr

    check_grads(f, tuple(xs) + tuple(leaves), order=order, modes=("rev",), atol=1e-6, rtol=1e-6)


def _x(shape, seed=0):
    return np.random.RandomState(seed).standard_normal(shape)


@pytest.mark.parametrize("make, shape", [
    (lambda: ms.nn.Conv2d(2, 3, 3, stride=2, has_bias=True, dtype=ms.float64), (1, 2, 6, 5)),
    (lambda: ms.nn.Conv2d(4, 2, (2, 3), pad_mode="pad", padding=(1, 0, 0, 2), dilation=(2, 1), group=2,
                          dtype=ms.float64), (2, 4, 5, 5)),
    (lambda: ms.nn.Conv1d(2, 2, 3, stride=2, has_bias=True, dtype=ms.float64), (2, 2, 7)),
    (lambda: ms.nn.Conv2dTranspose(2, 4, 3, stride=2, pad_mode="pad", padding=1, output_padding=1, group=2,
                                   has_bias=True, dtype=ms.float64), (1, 2, 3, 3)),
    (lambda: ms.nn.Dense(3, 2, activation="tanh", dtype=ms.float64), (4, 3)),
    (lambda: ms.nn.LayerNorm((3, 4), begin_norm_axis=1, begin_params_axis=1, dtype=ms.float64), (2, 3, 4)),
    (lambda: ms.nn.GroupNorm(2, 4, dtype=ms.float64), (2, 4, 3)),
    (lambda: ms.nn.AvgPool2d(3, 2, "pad", padding=1, ceil_mode=True, count_include_pad=False), (1, 1, 5, 6)),
    (lambda: ms.nn.MaxPool2d(2, 1, "pad", padding=1, dilation=2), (1, 2, 5, 5)),
    (lambda: ms.nn.GELU(), (3, 4)),
    (lambda: ms.nn.GELU(approximate=False), (3, 4)),
    (lambda: ms.nn.SiLU(), (3, 4)),
    (lambda: ms.nn.Pad(((1, 0), (2, 1)), mode="REFLECT"), (3, 4)),
])
def test_layer_gradients_float64(make, shape, leak_check):
    _check_layer_grads(make(), _x(shape))


def test_batchnorm_train_gradient_float64(leak_check):
    bn = ms.nn.BatchNorm2d(3, dtype=ms.float64)
    bn.set_train()
    _check_layer_grads(bn, _x((4, 3, 2, 2)))


def test_conv2d_matches_lax_reference(leak_check):
    """Conv2d 'same' with stride against lax's SAME convolution (TF padding, the extra cell at the end)."""
    conv = ms.nn.Conv2d(2, 3, 4, stride=3, has_bias=True)
    x = ms.Tensor(_x((2, 2, 7, 8)).astype(np.float32))
    ref = jax.lax.conv_general_dilated(x._arr, conv.weight._arr, (3, 3), "SAME",
                                       dimension_numbers=("NCHW", "OIHW", "NCHW")) + conv.bias._arr[:, None, None]
    np.testing.assert_allclose(conv(x).asnumpy(), np.asarray(ref), rtol=1e-5, atol=1e-6)


def test_conv2d_transpose_is_the_input_gradient_of_conv2d(leak_check):
    """MindSpore defines Conv2dTranspose as Conv2D's input gradient: check against jax.vjp of the convolution."""
    convt = ms.nn.Conv2dTranspose(3, 2, 3, stride=2, pad_mode="valid")
    x = _x((1, 3, 4, 4)).astype(np.float32)
    out = convt(ms.Tensor(x)).asnumpy()

    def conv(z):
        return jax.lax.conv_general_dilated(z, convt.weight._arr, (2, 2), "VALID",
                                            dimension_numbers=("NCHW", "OIHW", "NCHW"))

    _, vjp = jax.vjp(conv, jnp.zeros(out.shape, jnp.float32))
    np.testing.assert_allclose(out, np.asarray(vjp(jnp.asarray(x))[0]), rtol=1e-5, atol=1e-6)


def test_log_softmax_gradient_matches_exact_vjp(leak_check):
    """LogSoftmax computes MindSpore's float32 values; its gradient is dy - exp(y) * sum(dy) with that y
    (MindSpore's LogSoftmaxGrad), so it carries y's error of a few 1e-6."""
    x = _x((3, 5), 3).astype(np.float32)
    g = _x((3, 5), 4).astype(np.float32)
    got = ms.ops.GradOperation(sens_param=True)(ms.nn.LogSoftmax(0))(ms.Tensor(x), ms.Tensor(g))
    _, vjp = jax.vjp(lambda a: jax.nn.log_softmax(a, axis=0), jnp.asarray(x))
    np.testing.assert_allclose(got.asnumpy(), np.asarray(vjp(jnp.asarray(g))[0]), rtol=1e-5, atol=1e-5)


def test_onednn_log_is_exact_at_powers_of_two_within_its_table_error():
    from mindgrad.ops.function._onednn import onednn_log
    n = np.arange(1, 2000, dtype=np.float32)
    err = np.abs(np.asarray(onednn_log(jnp.asarray(n))) - np.log(n.astype(np.float64)))
    assert err.max() < 4e-6 and err[0] == 0.0


# ---- BatchNorm statistics --------------------------------------------------------------------------------

def _bn_reference(x, mean, var, momentum=0.9):
    axes = (0, 2, 3)
    n = x.size // x.shape[1]
    return (mean * momentum + x.mean(axes) * (1 - momentum),
            var * momentum + x.var(axes) * n / (n - 1) * (1 - momentum))


def test_batchnorm_moving_statistics_in_forward_grad_and_compiled_calls(leak_check):
    bn = ms.nn.BatchNorm2d(3)
    bn.set_train()
    x = _x((4, 3, 2, 2), 1).astype(np.float32)
    mean, var = np.zeros(3), np.ones(3)
    grad = ms.ops.GradOperation(get_by_list=True)(bn, ms.ParameterTuple(bn.trainable_params()))
    for call in (lambda: bn(ms.Tensor(x)), lambda: bn(ms.Tensor(x)), lambda: grad(ms.Tensor(x)),
                 lambda: grad(ms.Tensor(x)), lambda: grad(ms.Tensor(x))):
        call()
        mean, var = _bn_reference(x, mean, var)
        np.testing.assert_allclose(bn.moving_mean.asnumpy(), mean, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(bn.moving_variance.asnumpy(), var, rtol=1e-5, atol=1e-6)
    bn.set_train(False)
    before = bn.moving_mean.asnumpy()
    grad(ms.Tensor(x))
    np.testing.assert_array_equal(bn.moving_mean.asnumpy(), before)


def test_batchnorm_statistics_through_value_and_grad_of_a_function(leak_check):
    net = ms.nn.SequentialCell([ms.nn.Conv2d(1, 2, 3), ms.nn.BatchNorm2d(2)])
    net.set_train()
    fn = ms.value_and_grad(lambda a: net(a).sum(), None, net.trainable_params())
    x = ms.Tensor(_x((2, 1, 4, 4), 2).astype(np.float32))
    fn(x)
    first = net[1].moving_mean.asnumpy().copy()
    assert np.abs(first).max() > 0
    fn(x)
    np.testing.assert_allclose(net[1].moving_mean.asnumpy(), first * 0.9 + first, rtol=1e-5, atol=1e-7)


# ---- Dropout masks ---------------------------------------------------------------------------------------

def _dropout_masks(calls: int = 3):
    d = ms.nn.Dropout(p=0.5)
    d.set_train()
    x = ms.Tensor(np.ones((4, 16), np.float32))
    return [d(x).asnumpy() for _ in range(calls)]


def test_dropout_masks_reproducible_per_seed_and_new_every_call():
    ms.set_seed(7)
    first = _dropout_masks()
    ms.set_seed(7)
    again = _dropout_masks()
    ms.set_seed(8)
    other = _dropout_masks()
    for a, b in zip(first, again, strict=False):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[0], first[1]) and not np.array_equal(first[1], first[2])
    assert not np.array_equal(first[0], other[0])
    assert set(np.unique(np.concatenate(first))) == {0.0, 2.0}


def test_dropout_in_compiled_gradient_calls_advances_and_matches_its_gradient(leak_check):
    ms.set_seed(11)
    d = ms.nn.Dropout(keep_prob=0.5)
    d.set_train()
    grad = ms.ops.GradOperation()(d)
    x = ms.Tensor(np.full((3, 20), 3.0, np.float32))
    grads = [grad(x).asnumpy() for _ in range(4)]
    for g in grads:
        assert set(np.unique(g)) <= {0.0, 2.0}
    assert len({g.tobytes() for g in grads}) == 4
    ms.set_seed(11)
    d2 = ms.nn.Dropout(keep_prob=0.5)
    d2.set_train()
    grad2 = ms.ops.GradOperation()(d2)
    np.testing.assert_array_equal(grad2(x).asnumpy(), grads[0])


def test_dropout_is_identity_in_eval_mode():
    d = ms.nn.Dropout(p=0.9)
    x = ms.Tensor(np.arange(6, dtype=np.float32).reshape(2, 3))
    for _ in range(2):
        np.testing.assert_array_equal(d(x).asnumpy(), x.asnumpy())


# ---- names, reprs, defaults ------------------------------------------------------------------------------

def test_layer_reprs_match_mindspore():
    nn = ms.nn
    assert repr(nn.Dense(3, 4)) == "Dense(input_channels=3, output_channels=4, has_bias=True)"
    assert repr(nn.Dense(3, 4, has_bias=False, activation="relu")) == (
        "Dense(\n  input_channels=3, output_channels=4, activation=ReLU()\n  (activation): ReLU()\n)")
    assert repr(nn.MaxPool2d()) == "MaxPool2d(kernel_size=1, stride=1, pad_mode=VALID)"
    assert repr(nn.Dropout(p=0.3)) == "Dropout(p=0.3)"
    assert repr(nn.GroupNorm(2, 4)) == "GroupNorm(num_groups=2, num_channels=4)"
    assert repr(nn.Conv2d(3, 4, 3)).startswith(
        "Conv2d(input_channels=3, output_channels=4, kernel_size=(3, 3), stride=(1, 1), pad_mode=same, padding=0, "
        "dilation=(1, 1), group=1, has_bias=False, weight_init=<")
    assert repr(nn.LayerNorm((4,))) == (
        "LayerNorm(normalized_shape=(4,), begin_norm_axis=-1, begin_params_axis=-1, "
        "gammaParameter (name=gamma, shape=(4,), dtype=Float32, requires_grad=True), "
        "beta=Parameter (name=beta, shape=(4,), dtype=Float32, requires_grad=True))")


def test_default_hyperparameters():
    nn = ms.nn
    bn = nn.BatchNorm2d(4)
    assert bn.momentum == 1.0 - 0.9 and bn.eps == 1e-5
    assert (bn.moving_mean.name, bn.moving_variance.name) == ("mean", "variance")
    assert [p.name for p in bn.get_parameters()] == ["mean", "variance", "gamma", "beta"]
    assert nn.GELU().approximate == "tanh" and nn.LeakyReLU().alpha == 0.2
    assert nn.Dropout().keep_prob == 0.5 and not nn.Dropout().training
    conv = nn.Conv2d(3, 4, 3)
    assert (conv.pad_mode, conv.has_bias, conv.weight.shape, conv.stride) == ("same", False, (4, 3, 3, 3), (1, 1))
    assert nn.Conv1d(3, 4, 5).weight.shape == (4, 3, 1, 5)
    assert nn.Conv2dTranspose(3, 4, 3).weight.shape == (3, 4, 3, 3)
    assert nn.Embedding(5, 3).embedding_table.shape == (5, 3)
