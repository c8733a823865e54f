"""Op database (issue 20): `mint.polar` and `mint.cdist` (over ops17's `ops.polar` / `ops.cdist`), recorded from
MindSpore 2.10's CPU build (see opdb.py and mint_fn_a_cases.py)."""

import numpy as np
from opdb import OpInfo, S, cases

_r = np.random.RandomState(21)
R = _r.uniform(0.5, 2, (2, 3)).astype(np.float32)
ANG = _r.uniform(-3, 3, (2, 3)).astype(np.float32)
P1 = _r.uniform(-1, 1, (3, 2)).astype(np.float32)
P2 = _r.uniform(-1, 1, (4, 2)).astype(np.float32)
PB = _r.uniform(-1, 1, (2, 3, 2)).astype(np.float32)

OPS = [
    OpInfo("mint.polar", [S(R, ANG)]),
    OpInfo("mint.cdist", [S(P1, P2), S(P1, P2, 1.0), S(PB, PB, p=3.0, compute_mode="donot_use_mm_for_euclid_dist")]),
]

globals().update(cases(OPS))
