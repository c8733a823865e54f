"""Op-database entries for tail17's ops: ops.hardtanh, ops.threshold, ops.tanhshrink."""

import numpy as np
from opdb import OpInfo, S, cases

X = np.array([-2.0, -0.5, 0.1, 0.7, 3.0], np.float32)
XI = np.array([-2, 0, 3], np.int32)

OPS = [
    OpInfo("ops.hardtanh", [S(X), S(X, -0.5, 2.0), S(X, min_val=2.0, max_val=1.0), S(XI), S([1.0])], grad=True),
    OpInfo("ops.hardtanh", [S(X, -0.5, 2.0)], dtypes=("float16",), tag="f16"),
    OpInfo("ops.threshold", [S(X, 0.5, -1.0), S(XI, 1, 9), S(X, 1, 2), S([1.0], 0.0, 1.0)], grad=True),
    OpInfo("ops.threshold", [S(X, 0.5, -1.0)], dtypes=("float16",), tag="f16"),
    OpInfo("ops.tanhshrink", [S(X), S(XI), S([1.0])], grad=True),
    OpInfo("ops.tanhshrink", [S(X)], dtypes=("float16",), grad=True, rtol=1e-2, atol=1e-3, tag="f16"),
]

globals().update(cases(OPS))
