"""tail17's names against MindSpore's recording (tests/golden/tail17_cases.py)."""

import mindgrad as ms
import numpy as np
import pytest
from replay import suite

SUITE = suite("tail17")


@pytest.mark.parametrize("name", SUITE.params())
def test_golden(name):
    SUITE.check(name, ms)


W = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], np.float32)
G = np.array([[0.1, -0.2, 0.3], [-0.4, 0.5, 0.05]], np.float32)
B, GB = np.array([1.0, -0.5], np.float32), np.array([0.3, 0.7], np.float32)


def _lars_reference(w, g, wd, lr, coefficient, epsilon, clip):
    """LARSUpdate's documented formula (MindSpore has no CPU kernel for it, so nothing to record)."""
    wn, gn = np.sqrt((w * w).sum()), np.sqrt((g * g).sum())
    trust = coefficient * wn / (gn + wd * wn + epsilon)
    if clip:
        trust = min(trust / lr, 1.0)
    return trust * (g + wd * w)


@pytest.mark.parametrize("clip", [False, True])
def test_lars_momentum_matches_documented_formula(clip):
    params = [ms.Parameter(ms.Tensor(W), name="fc.weight"), ms.Parameter(ms.Tensor(B), name="fc.bias")]
    opt = ms.nn.LARS(ms.nn.Momentum(params, 0.1, 0.9, weight_decay=0.01), coefficient=0.02, use_clip=clip)
    w, b = W.astype(np.float64), B.astype(np.float64)
    vw, vb = np.zeros_like(w), np.zeros_like(b)
    for step in range(2):
        g = G * (step + 1)
        opt((ms.Tensor(g), ms.Tensor(GB)))
        vw = 0.9 * vw + _lars_reference(w, g, 0.01, 0.1, 0.02, 1e-5, clip)  # LARS, then Momentum
        vb = 0.9 * vb + GB  # 'bias' is filtered out of LARS; Momentum's own weight decay is off
        w, b = w - 0.1 * vw, b - 0.1 * vb
        np.testing.assert_allclose(params[0].asnumpy(), w, rtol=1e-5, atol=1e-7)
        np.testing.assert_allclose(params[1].asnumpy(), b, rtol=1e-5, atol=1e-7)


def test_lars_doc_example_and_errors():
    from mindgrad.nn.optim.lars import _lars_update
    w = np.array([[0.5, 0.8, 0.2], [0.6, 0.4, 0.2]], np.float32)
    g = np.array([[0.4, 0.4, 0.5], [0.2, 0.4, 0.3]], np.float32)
    out = np.asarray(_lars_update(w, g, 0.0, 1.0, 1e-5, 0.001, False))
    np.testing.assert_allclose(out, [[0.0005265, 0.0005265, 0.00065813], [0.00026325, 0.0005265, 0.00039488]],
                               rtol=1e-4)  # LARSUpdate's documented example output
    params = [ms.Parameter(ms.Tensor(W), name="w")]
    with pytest.raises(AttributeError, match="init_params"):  # as MindSpore (its init-args decorator reads it)
        ms.nn.LARS("sgd")
    with pytest.raises(TypeError, match="epsilon"):
        ms.nn.LARS(ms.nn.SGD(params), epsilon=1)
    assert ms.nn.optim.LARS is ms.nn.LARS
