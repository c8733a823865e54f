"""Issue 17 tail, part 2 (ops17): what the golden suite `tail7` cannot record.

* `check_grads` (float64) of DeformableOffsets / deformable_conv2d (MindSpore takes Float16/Float32 only, so the
  op-database float64 check cannot call them: this checks the shared sampling directly), MaxPoolWithArgmax's first
  output and `ops.fold` (whose `output_size` Tensor is a shape, not an input to differentiate).
* Ops MindSpore 2.10's CPU build cannot run (`DynamicShape` and `scalar_to_array` have no infer there, and
  `soft_margin_loss` has no CPU kernel): checked against hand-written NumPy of MindSpore's documented semantics.
* DeformableOffsets with data_format "NHWC" (MindSpore's CPU kernel reads NCHW only): the documented channels-last
  layout, checked as the NCHW result transposed.
"""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.test_util import check_grads

import mindgrad as ms
from mindgrad import ops
from mindgrad.common.tensor import wrap
from mindgrad.ops import operations as P
from mindgrad.ops.function import tail2_func

RS = np.random.RandomState(0)
X = RS.randn(1, 2, 3, 4)
OFF = RS.randn(1, 12, 2, 3) * 1.5
W = RS.randn(2, 2, 2, 2)


def _check(fn, *args):
    with jax.checking_leaks():
        check_grads(fn, tuple(jnp.asarray(a) for a in args), order=1, modes=("rev",), atol=1e-4, rtol=1e-4)


def test_deformable_grads_float64():
    """The samples' gradients (x, offsets) through the convolution deformable_conv2d applies, and the weight's."""
    sample = jax.jit(lambda x, o: tail2_func._sample_offsets(x, o, (1, 1), (0, 0, 0, 0), (2, 2), (1, 1), 1))
    _check(jax.jit(lambda x, o, w: jax.lax.conv_general_dilated(sample(x, o), w, (2, 2), "VALID")), X, OFF, W)


def test_max_pool_with_argmax_fold_selu_grads_float64():
    """SeLU: the derivative (MindSpore's own gradient below 0 is wrong: the golden case is marked a quirk)."""
    pool = P.MaxPoolWithArgmax(3, 2, "same")
    _check(jax.jit(lambda a: pool(wrap(a))[0]._arr), RS.randn(1, 2, 5, 6))
    _check(jax.jit(lambda a: P.SeLU()(wrap(a))._arr), np.array([0.5, -1.25, 2.0]))
    size = ms.Tensor(np.array([5, 5], np.int32))
    _check(jax.jit(lambda c: ops.fold(wrap(c), size, 2, 1, 1, 2)._arr), RS.randn(1, 8, 9))


def test_deformable_offsets_nhwc_is_nchw_transposed():
    x, off = X.astype(np.float32), OFF.astype(np.float32)
    nchw = P.nn_ops.DeformableOffsets((1, 1, 1, 1), (0, 0, 0, 0), (2, 2))(ms.Tensor(x), ms.Tensor(off))
    nhwc = P.nn_ops.DeformableOffsets((1, 1, 1, 1), (0, 0, 0, 0), (2, 2), data_format="NHWC")(
        ms.Tensor(x.transpose(0, 2, 3, 1)), ms.Tensor(off.transpose(0, 2, 3, 1)))
    np.testing.assert_allclose(nhwc.asnumpy(), nchw.asnumpy().transpose(0, 2, 3, 1), rtol=1e-6)
    with pytest.raises(ValueError, match="strides"):
        P.nn_ops.DeformableOffsets((1, 1, 1, 2), (0, 0, 0, 0), (2, 2), data_format="NHWC")


def test_ops_mindspore_cpu_cannot_run():
    shape = ops.DynamicShape()(ms.Tensor(np.zeros((2, 3, 4), np.float32)))
    assert shape.dtype == ms.int64 and shape.asnumpy().tolist() == [2, 3, 4]
    for value, dtype in ((3.5, ms.float32), (3, ms.int32), (True, ms.bool_)):
        out = ops.scalar_to_array(value)
        assert out.shape == () and out.dtype == dtype and out.asnumpy() == value
    x, y = np.array([1.0, -2.0, 0.5], np.float32), np.array([1.0, -1.0, -1.0], np.float32)
    loss = np.log1p(np.exp(-x * y))
    for reduction, expect in (("mean", loss.mean()), ("sum", loss.sum()), ("none", loss)):
        out = ops.soft_margin_loss(ms.Tensor(x), ms.Tensor(y), reduction)
        np.testing.assert_allclose(out.asnumpy(), expect, rtol=1e-6)
    with pytest.raises(ValueError, match="reduction"):
        ops.soft_margin_loss(ms.Tensor(x), ms.Tensor(y), "x")
    _check(jax.jit(lambda a: ops.soft_margin_loss(wrap(a), wrap(jnp.asarray(y, jnp.float64)))._arr),
           x.astype(np.float64))


def test_identity_class_and_op():
    t = ms.Tensor(np.ones(2, np.float32))
    assert isinstance(P.identity, type) and P.identity()(t) is t
    assert ops.identity(t).asnumpy().tolist() == [1.0, 1.0]


def test_load_distributed_checkpoint_one_process(tmp_path):
    """Data-parallel ranks save whole Parameters: the file of `rank_id` (0 by default) is loaded."""
    from mindgrad.train.serialization import load_distributed_checkpoint
    assert ms.load_distributed_checkpoint is load_distributed_checkpoint and ms.ReduceLROnPlateau is not None
    files = []
    for rank in range(2):
        net = ms.nn.Dense(2, 3)
        net.weight.set_data(ms.Tensor(np.full((3, 2), rank + 1.0, np.float32)))
        files.append(str(tmp_path / f"rank_{rank}.ckpt"))
        ms.save_checkpoint(net, files[-1])
    fresh = ms.nn.Dense(2, 3)
    assert load_distributed_checkpoint(fresh, files) is None
    assert fresh.weight.asnumpy().tolist() == [[1.0, 1.0]] * 3
    params = load_distributed_checkpoint(fresh, files, rank_id=1, return_param_dict=True)
    assert params["weight"].asnumpy().tolist() == [[2.0, 2.0]] * 3
    for bad in (dict(checkpoint_filenames=files[0]), dict(checkpoint_filenames=[str(tmp_path / "no.ckpt")]),
                dict(checkpoint_filenames=files, format="bin"), dict(checkpoint_filenames=files, rank_id=2)):
        with pytest.raises(ValueError):
            load_distributed_checkpoint(fresh, **bad)


def test_tensor_methods_mindspore_cpu_cannot_run(tmp_path):
    """In-place and random methods whose MindSpore CPU kernels are missing (InplaceLog, InplaceErfinv,
    InplaceAddmm, BernoulliExt, exponential_; fill_diagonal_ raises inside MindSpore): MindSpore's documented
    meaning, in place on the Tensor (the same object returned)."""
    x = ms.Tensor(np.array([1.0, np.e], np.float32))
    assert x.log_() is x and np.allclose(x.asnumpy(), [0.0, 1.0])
    y = ms.Tensor(np.array([0.0, 0.5], np.float32))
    assert y.erfinv_() is y and np.allclose(y.asnumpy(), [0.0, 0.4769363], atol=1e-6)
    m = ms.Tensor(np.ones((2, 2), np.float32))
    out = m.addmm_(ms.Tensor(np.ones((2, 3), np.float32)), ms.Tensor(np.ones((3, 2), np.float32)), beta=2, alpha=0.5)
    assert out is m and m.asnumpy().tolist() == [[3.5, 3.5]] * 2
    f = ms.Tensor(np.zeros((3, 3), np.float32))
    assert f.fill_diagonal_(5.0) is f and f.asnumpy().tolist() == np.diag([5.0] * 3).tolist()
    ms.set_seed(3)
    draws = ms.Tensor(np.array([0.0, 1.0, 0.5] * 100, np.float32)).bernoulli()
    values = draws.asnumpy()
    assert draws.dtype == ms.float32 and values[0] == 0 and values[1] == 1 and set(values.tolist()) <= {0.0, 1.0}
    e = ms.Tensor(np.zeros(2000, np.float32))
    assert e.exponential_(2.0) is e and e.dtype == ms.float32
    assert (e.asnumpy() >= 0).all() and abs(e.asnumpy().mean() - 0.5) < 0.05
    with pytest.raises(NotImplementedError, match="generator"):
        e.bernoulli(generator=object())
    path = tmp_path / "t.data"
    assert ms.Tensor(np.arange(3, dtype=np.float32)).offload(str(path)) is True
    assert np.fromfile(path, np.float32).tolist() == [0.0, 1.0, 2.0]
