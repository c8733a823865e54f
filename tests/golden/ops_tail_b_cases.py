"""Op database, issue 17 tail (b): `multi_head_attention_forward` (torch's semantics), `FFTWithSize`, `ops.iou`,
`chunk_ext`. Recorded from MindSpore 2.10 with `record.py ops_tail_b`; replayed by tests/test_opdb.py."""

import numpy as np
from opdb import OpInfo, S, cases

RS = np.random.RandomState(71)
L, N, E, H = 3, 2, 4, 2
Q = RS.randn(L, N, E).astype(np.float32)
KV = RS.randn(4, N, E).astype(np.float32)
W_IN = (RS.randn(3 * E, E) * 0.3).astype(np.float32)
B_IN = (RS.randn(3 * E) * 0.1).astype(np.float32)
W_OUT = (RS.randn(E, E) * 0.3).astype(np.float32)
B_OUT = (RS.randn(E) * 0.1).astype(np.float32)
BIAS_K = (RS.randn(1, 1, E) * 0.2).astype(np.float32)
BIAS_V = (RS.randn(1, 1, E) * 0.2).astype(np.float32)
CAUSAL = np.triu(np.ones((L, L), bool), 1)
FLOAT_MASK = (RS.randn(L, 4) * 0.5).astype(np.float32)
KPM = np.array([[False, False, True, False], [False, True, False, False]])
SIG = RS.randn(2, 3, 4).astype(np.float32)
CSIG = (RS.randn(2, 4) + 1j * RS.randn(2, 4)).astype(np.complex64)
HALF = (RS.randn(2, 3) + 1j * RS.randn(2, 3)).astype(np.complex64)
BOXES = np.asarray([[2, 2, 2, 3], [1, 1, 5, 4], [0, 0, 3, 3]], np.float32)
GT = np.asarray([[1, 2, 2, 4], [0, 0, 6, 5]], np.float32)


def mha(*args, **kwargs):
    return S(*args, training=False, **kwargs)


OPS = [
    OpInfo("ops.function.nn_func.multi_head_attention_forward", [
        mha(Q, Q, Q, E, H, W_IN, B_IN, None, None, False, 0.0, W_OUT, B_OUT),
        mha(Q, KV, KV, E, H, W_IN, B_IN, None, None, False, 0.0, W_OUT, B_OUT, attn_mask=FLOAT_MASK),
        mha(Q, Q, Q, E, H, W_IN, B_IN, None, None, False, 0.0, W_OUT, B_OUT, attn_mask=CAUSAL,
            average_attn_weights=False),
        mha(Q, KV, KV, E, H, W_IN, B_IN, None, None, False, 0.0, W_OUT, B_OUT, key_padding_mask=KPM),
        mha(Q, KV, KV, E, H, W_IN, B_IN, BIAS_K, BIAS_V, True, 0.0, W_OUT, B_OUT, key_padding_mask=KPM),
        mha(Q, KV, KV, E, H, None, B_IN, None, None, False, 0.0, W_OUT, B_OUT, use_separate_proj_weight=True,
            q_proj_weight=W_IN[:E], k_proj_weight=W_IN[E:2 * E], v_proj_weight=W_IN[2 * E:]),
        mha(Q[:, 0], KV[:, 0], KV[:, 0], E, H, W_IN, B_IN, None, None, False, 0.0, W_OUT, B_OUT),
        mha(Q, Q, Q, 5, H, W_IN, B_IN, None, None, False, 0.0, W_OUT, B_OUT),
    ], grad=True, atol=1e-5),
    OpInfo("ops.FFTWithSize", [S(CSIG)], init={"signal_ndim": 1, "inverse": False, "real": False}, dtypes=None),
    OpInfo("ops.FFTWithSize", [S(CSIG)], init={"signal_ndim": 2, "inverse": True, "real": False, "norm": "ortho"},
           dtypes=None, tag="ifft2"),
    OpInfo("ops.FFTWithSize", [S(SIG)], init={"signal_ndim": 1, "inverse": False, "real": True}, tag="rfft",
           grad=True),
    OpInfo("ops.FFTWithSize", [S(SIG)], init={"signal_ndim": 2, "inverse": False, "real": True, "norm": "forward"},
           tag="rfft2"),
    OpInfo("ops.FFTWithSize", [S(SIG)], init={"signal_ndim": 1, "inverse": False, "real": True, "onesided": False},
           tag="rfft_full"),
    OpInfo("ops.FFTWithSize", [S(HALF)], init={"signal_ndim": 1, "inverse": True, "real": True}, dtypes=None,
           tag="irfft"),
    OpInfo("ops.FFTWithSize", [S(HALF)], init={"signal_ndim": 1, "inverse": True, "real": True,
                                               "signal_sizes": (5,)}, dtypes=None, tag="irfft_sized"),
    OpInfo("ops.iou", [S(BOXES, GT), S(BOXES, GT, "iof")]),
    OpInfo("ops.function.array_func.chunk_ext", [S(SIG, 2, 1), S(SIG, 3), S(SIG, 2, dim=-1)], grad=True),
]

globals().update(cases(OPS))
