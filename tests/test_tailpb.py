"""tailprimB's Primitives beyond the golden suite (tests/golden/tailpb_cases.py): the ones MindSpore 2.10 has no
CPU kernel for, checked against hand-written NumPy of the documented meaning (Ormqr, InstanceNorm, SearchSorted's
`sorter`), the ones that cannot run here (Pull, Push, the Ascend-only auto_generate Primitives), and the
namespace paths."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.test_util import check_grads

import mindgrad as ms
from mindgrad.common.tensor import wrap
from mindgrad.ops import auto_generate as ag
from mindgrad.ops import operations as P
from mindgrad.ops.operations.tailpb_ops import _instance_norm

A = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
TAU = np.array([1.2, 0.5])


def _householder_q(a: np.ndarray, tau: np.ndarray) -> np.ndarray:
    """The full (m, m) Q = H_1 ... H_k, H_i = I - tau_i v_i v_i^T, v_i = (0.., 1, a[i+1:, i]) (LAPACK's layout)."""
    m = a.shape[0]
    q = np.eye(m)
    for i, t in enumerate(tau):
        v = np.zeros(m)
        v[i] = 1.0
        v[i + 1:] = a[i + 1:, i]
        q = q @ (np.eye(m) - t * np.outer(v, v))
    return q


@pytest.mark.parametrize("left,transpose", [(True, False), (True, True), (False, False), (False, True)])
def test_ormqr_against_numpy(left, transpose):
    """No CPU kernel in MindSpore 2.10: Q @ C, Q^T @ C, C @ Q, C @ Q^T from the documented LAPACK meaning."""
    c = np.arange(12.0).reshape(3, 4) / 5 if left else np.arange(12.0).reshape(4, 3) / 5
    q = _householder_q(A, TAU)
    q = q.T if transpose else q
    want = q @ c if left else c @ q
    out = P.Ormqr(left, transpose)(ms.Tensor(A, ms.float64), ms.Tensor(TAU, ms.float64), ms.Tensor(c, ms.float64))
    np.testing.assert_allclose(out.asnumpy(), want, rtol=1e-12, atol=1e-12)
    # Orgqr is the first n columns of the same Q (its values are checked against MindSpore in the golden suite)
    np.testing.assert_allclose(P.Orgqr()(ms.Tensor(A), ms.Tensor(TAU)).asnumpy(), _householder_q(A, TAU)[:, :2],
                               rtol=1e-12)


def test_ormqr_errors():
    with pytest.raises(ValueError, match="'other'"):
        P.Ormqr()(ms.Tensor(A), ms.Tensor(TAU), ms.Tensor(np.ones((2, 2))))
    with pytest.raises(TypeError, match="'left'"):
        P.Ormqr(1)


def test_instance_norm_against_numpy():
    """GPU-only in MindSpore 2.10: y = (x - mean) / sqrt(var + eps) * gamma + beta per sample and channel; the
    running statistics move to momentum * running + (1 - momentum) * batch average (the documented formula)."""
    rs = np.random.RandomState(0)
    x = rs.standard_normal((2, 3, 4, 5)).astype(np.float32)
    gamma, beta = rs.uniform(0.5, 2, 3).astype(np.float32), rs.standard_normal(3).astype(np.float32)
    mean = ms.Parameter(ms.Tensor(np.zeros(3, np.float32)), name="mean")
    var = ms.Parameter(ms.Tensor(np.ones(3, np.float32)), name="var")
    y, m, v = P.nn_ops.InstanceNorm(1e-5, 0.1)(ms.Tensor(x), ms.Tensor(gamma), ms.Tensor(beta), mean, var)
    mu, sig = x.mean(axis=(2, 3), keepdims=True), x.var(axis=(2, 3), keepdims=True)
    want = (x - mu) / np.sqrt(sig + 1e-5) * gamma[:, None, None] + beta[:, None, None]
    np.testing.assert_allclose(y.asnumpy(), want, rtol=1e-5, atol=1e-5)
    assert y.dtype == ms.float32 and m.shape == (6,) and v.shape == (6,)
    np.testing.assert_allclose(m.asnumpy(), mu.reshape(-1), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(mean.asnumpy(), 0.9 * mu.reshape(2, 3).mean(0), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(var.asnumpy(), 0.1 + 0.9 * sig.reshape(2, 3).mean(0), rtol=1e-5)
    with pytest.raises(TypeError):
        P.nn_ops.InstanceNorm()(ms.Tensor(x.astype(np.int32)), ms.Tensor(gamma), ms.Tensor(beta), mean, var)


def test_search_sorted_sorter():
    """MindSpore 2.10's CPU kernel refuses `sorter` (RuntimeError); the documented meaning, as numpy.searchsorted."""
    seq, v, sorter = np.array([3.0, 1.0, 2.0, 5.0]), np.array([2.0, 4.0, 0.0]), np.array([1, 2, 0, 3])
    out = P.SearchSorted()(ms.Tensor(seq), ms.Tensor(v), ms.Tensor(sorter))
    np.testing.assert_array_equal(out.asnumpy(), np.searchsorted(seq, v, sorter=sorter))
    assert out.dtype == ms.int64
    out = P.SearchSorted(dtype=ms.int32, right=True)(ms.Tensor(np.sort(seq)), ms.Tensor([2.0, 3.0]))
    np.testing.assert_array_equal(out.asnumpy(), [2, 3])
    assert out.dtype == ms.int32


def test_randperm_v2_reproducible():
    """RandpermV2: a permutation in `dtype`, the same for the same seed (MindSpore's draws are not reproduced)."""
    a = P.RandpermV2(seed=5, dtype=ms.int32)(8)
    assert a.dtype == ms.int32 and sorted(a.asnumpy().tolist()) == list(range(8))
    np.testing.assert_array_equal(a.asnumpy(), P.RandpermV2(seed=5, dtype=ms.int32)(8).asnumpy())


def test_parameter_server_ops_raise():
    """Pull / Push need MindSpore's parameter server: constructible, and calling them is a RuntimeError that says
    so (MindSpore's CPU build raises RuntimeError too)."""
    assert ms.ops.Push("Adam", (1, 2)).optim_type == "Adam"
    with pytest.raises(RuntimeError, match="parameter server"):
        ms.ops.Pull()(ms.Tensor([1.0]), ms.Tensor([1.0]))
    with pytest.raises(RuntimeError, match="parameter server"):
        P.Push()((ms.Tensor([1.0]),), ((1,),))


def test_ascend_only_prims_raise():
    """PagedAttention, PagedAttentionMask, ReshapeAndCache and AdamW have only Ascend kernels: calling them is
    MindSpore's CPU RuntimeError ('The kernel ... unregistered')."""
    t = ms.Tensor(np.ones((1, 2, 4), np.float16))
    for prim, args in ((ag.PagedAttention(2, 0.5, 2), (t, t, t)), (ag.PagedAttentionMask(2, 0.5, 2), (t, t, t)),
                       (ag.ReshapeAndCache(), (t, t)), (ag.AdamW(), (t,) * 6 + (0.1, 0.9, 0.999, 0.0, 1e-8))):
        with pytest.raises(RuntimeError, match=f"kernel {type(prim).__name__} unregistered"):
            prim(*args)
    assert ag.PagedAttention(2, 0.5, 2, "PERTOKEN", "MASK_ALIBI").attrs["mask_mode"] == 2
    with pytest.raises(ValueError, match="kv_cache_quant_mode"):
        ag.PagedAttentionMask(2, 0.5, 2, "INT8")


def test_str_to_enum_special_tables():
    assert ag.str_to_enum("Qr", "mode", "complete") == 1
    assert ag.str_to_enum("Op", "device", "cpu") == 3
    with pytest.raises(ValueError, match="device"):
        ag.str_to_enum("Op", "device", "Cpu")
    with pytest.raises(ValueError, match="'mode' of 'PadV3'"):
        ag.str_to_enum("PadV3", "mode", "reflect")


def test_scatter_nd_add_in_jit():
    """ScatterNdAdd traced under jax.jit (as inside a compiled Cell): the addition on the traced value."""
    f = jax.jit(lambda a, u: P.ScatterNdAdd()(wrap(a), ms.Tensor(np.array([[1], [1]])), wrap(u))._arr)
    np.testing.assert_allclose(f(np.zeros(3, np.float32), np.array([1.0, 2.0], np.float32)), [0.0, 3.0, 0.0])


def test_inplace_add_grads():
    """InplaceAdd differentiates as an addition (MindSpore 2.10 returns zero gradients: recorded as a quirk)."""
    def f(x, v):
        return P.InplaceAdd((0, 2, 0))(wrap(x), wrap(v))._arr

    with jax.checking_leaks():
        check_grads(jax.jit(f), (jnp.arange(6.0).reshape(3, 2), jnp.ones((3, 2))), order=1, modes=("rev",))


def test_gradients_pack_instance_norm():
    """check_grads of Pack (through its list input) and of InstanceNorm's kernel (x, gamma, beta)."""
    def pack(x, y):
        return P.Pack(1)([wrap(x), wrap(y)])._arr

    rs = np.random.RandomState(1)
    args = (jnp.asarray(rs.standard_normal((2, 2, 3))), jnp.asarray([0.5, 2.0]), jnp.asarray([1.0, 0.0]))
    with jax.checking_leaks():
        check_grads(jax.jit(pack), (jnp.arange(4.0).reshape(2, 2), jnp.ones((2, 2))), order=1, modes=("rev",))
        check_grads(lambda x, g, b: _instance_norm(x, g, b, 1e-5)[0], args, order=1, modes=("rev",))


PATHS = {
    P: "NextAfter Orgqr Ormqr PadV3 Polygamma Pull Push Qr RandpermV2 RightShift ScatterNdAdd SearchSorted "
       "SquaredDifference Svd TensorShape TrilIndices TriuIndices UniqueConsecutive UnravelIndex CTCLossV2 CeLU "
       "Conv3D EqualCount Ger HShrink InplaceAdd LRN Load Pack SoftShrink Softsign UnsortedSegmentSum PagedAttention "
       "PagedAttentionMask ReshapeAndCache",
    P.array_ops: "Meshgrid Tril RightShift ScatterNdAdd SearchSorted TensorShape UniqueConsecutive UnravelIndex "
                 "UnsortedSegmentSum",
    P.math_ops: "CumulativeLogsumexp EqualCount InplaceAdd NextAfter Orgqr Ormqr Polygamma Qr SquaredDifference "
                "TrilIndices TriuIndices Ger",
    P.nn_ops: "AdaptiveAvgPool3D AdaptiveMaxPool2D InstanceNorm LRN Mish CeLU Conv3D CTCLossV2 HShrink PadV3 "
              "SoftShrink Softsign PagedAttention PagedAttentionMask ReshapeAndCache",
}


def test_namespace_paths():
    """Each name is one class wherever MindSpore 2.10 exposes it (ops, ops.operations, its submodules,
    ops.auto_generate)."""
    for module, names in PATHS.items():
        for name in names.split():
            assert getattr(module, name) is getattr(P, name), (module.__name__, name)
            if name not in ("Load", "InstanceNorm"):
                assert getattr(ms.ops, name) is getattr(P, name)
    for name in ("PagedAttention", "PagedAttentionMask", "ReshapeAndCache"):
        assert getattr(ag, name) is getattr(P, name)
    assert issubclass(ag.AdamW, ms.ops.Primitive) and callable(ag.str_to_enum)
