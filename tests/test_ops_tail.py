"""Issue 17 tail ops (ops17) that golden recordings cannot pin: `check_grads` where MindSpore's gradient is not the
plain derivative of every input (ctc_loss: exp(log_probs) - posterior, the derivative through a log_softmax;
kl_div: no gradient for labels), `fmin`/`Fmin` (no CPU kernel in MindSpore 2.10: against NumPy), and `polar` /
`view_as_real` (complex outputs, checked through their real parts). Their MindSpore gradients, where it has them,
are recorded in tests/golden/ops_tail_a_cases.py."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.test_util import check_grads

import mindgrad as ms
from mindgrad import ops
from mindgrad.common.tensor import wrap

RS = np.random.RandomState(5)
TG = ms.Tensor(np.array([[1, 2, 2], [1, 3, 0]], np.int32))
IL, TL = ms.Tensor(np.array([5, 4], np.int32)), ms.Tensor(np.array([3, 2], np.int32))
LABELS = RS.uniform(0.1, 0.9, (2, 3))

GRADS = {
    # through a log_softmax MindSpore's ctc_loss gradient is the plain derivative
    "ctc_loss": (lambda z: ops.ctc_loss(wrap(jax.nn.log_softmax(z._arr, axis=-1)), TG, IL, TL, reduction="sum")[0],
                 [RS.randn(5, 2, 4)]),
    "nn_CTCLoss": (lambda z: ms.nn.CTCLoss()(wrap(jax.nn.log_softmax(z._arr, axis=-1)), TG, IL, TL),
                   [RS.randn(5, 2, 4)]),
    "kl_div": (lambda a: ops.kl_div(a, wrap(jnp.asarray(LABELS)), "batchmean"), [RS.randn(2, 3)]),
    "fmin": (ops.fmin, [RS.randn(2, 3), RS.randn(2, 3)]),
    "Fmin": (ops.Fmin(), [RS.randn(3), RS.randn(3)]),
    "polar_view_as_real": (lambda r, t: ops.view_as_real(ops.polar(r, t)), [RS.uniform(0.5, 2, 3), RS.randn(3)]),
}


@pytest.mark.parametrize("name", sorted(GRADS))
def test_check_grads(name):
    fn, args = GRADS[name]

    def pure(*arrays):
        return fn(*[wrap(a) for a in arrays])._arr

    with jax.checking_leaks():
        check_grads(pure, tuple(jnp.asarray(a) for a in args), order=1, modes=("rev",), atol=1e-4, rtol=1e-4)


def test_fmin_against_numpy():
    a = np.array([1.0, np.nan, np.nan, -2.0, 0.5], np.float32)
    b = np.array([np.nan, 3.0, np.nan, -1.0, 0.25], np.float32)
    for got in (ops.fmin(ms.Tensor(a), ms.Tensor(b)), ops.Fmin()(ms.Tensor(a), ms.Tensor(b))):
        assert got.dtype == ms.float32
        np.testing.assert_array_equal(got.asnumpy(), np.fmin(a, b))
    got = ops.fmin(ms.Tensor(np.array([[1, 7]], np.int32)), ms.Tensor(np.array([2.5], np.float32)))
    assert got.dtype == ms.float32 and got.asnumpy().tolist() == [[1.0, 2.5]]
    with pytest.raises(ValueError):
        ops.fmin(ms.Tensor(a), ms.Tensor(b[:2]))


def _attention_reference(q, k, v, mask, scale):
    """softmax(q k^T * scale, masked) v on (B, N, S, D) NumPy arrays."""
    s = np.einsum("bnsd,bntd->bnst", q, k) * scale
    s = np.where(mask, -np.inf, s) if mask is not None else s
    p = np.exp(s - s.max(-1, keepdims=True))
    return np.einsum("bnst,bntd->bnsd", p / p.sum(-1, keepdims=True), v), s.max(-1), np.exp(
        s - s.max(-1, keepdims=True)).sum(-1)


def test_speed_fusion_attention_against_reference():
    """No CPU kernel in MindSpore: the documented meaning, in layouts BSH and BNSD, with a causal mask."""
    b, n, s, d = 2, 2, 3, 4
    q, k, v = (RS.randn(b, n, s, d).astype(np.float32) for _ in range(3))
    mask = np.triu(np.ones((s, s), bool), 1)
    want, row_max, row_sum = _attention_reference(q, k, v, mask, 0.5)
    out = ops.speed_fusion_attention(ms.Tensor(q), ms.Tensor(k), ms.Tensor(v), n, "BNSD",
                                     atten_mask=ms.Tensor(mask), scale=0.5)
    assert len(out) == 7
    np.testing.assert_allclose(out[0].asnumpy(), want, rtol=1e-5, atol=1e-6)
    assert out[1].shape == (b, n, s, 8) and out[1].dtype == ms.float32
    np.testing.assert_allclose(out[1].asnumpy()[..., 3], row_max, rtol=1e-5)
    np.testing.assert_allclose(out[2].asnumpy()[..., 0], row_sum, rtol=1e-5)
    assert out[3].shape == (0,) and [int(t.asnumpy()) for t in out[4:]] == [0, 0, 0]
    bsh = lambda a: ms.Tensor(a.transpose(0, 2, 1, 3).reshape(b, s, n * d))  # noqa: E731
    got = ops.speed_fusion_attention(bsh(q), bsh(k), bsh(v), n, "BSH", atten_mask=ms.Tensor(mask), scale=0.5)[0]
    np.testing.assert_allclose(got.asnumpy(), want.transpose(0, 2, 1, 3).reshape(b, s, n * d), rtol=1e-5, atol=1e-6)
    with pytest.raises(NotImplementedError):
        ops.speed_fusion_attention(bsh(q), bsh(k), bsh(v), n, "BSH", pse=ms.Tensor(q))
