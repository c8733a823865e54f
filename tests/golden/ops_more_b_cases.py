"""Op database, issue 17 (b): array functions that rearrange, select, search and scatter, and the type
checks. Recorded from MindSpore 2.10 with `record.py ops_more_b`; replayed by tests/test_opdb.py.
"""

import numpy as np
from opdb import OpInfo, S, cases


def u(*shape, seed=0, lo=-1.0, hi=1.0):
    return np.random.RandomState(seed).uniform(lo, hi, shape).astype(np.float32)


def i32(values):
    return np.asarray(values, np.int32)


X = u(2, 3, seed=1)
X3 = u(2, 3, 4, seed=2)
INT = i32([[1, -2, 3], [0, 5, -6]])
BOOL = np.array([[True, False, True], [False, False, True]])
REPEATS = i32([3, 1, 3, 2, 1, 1, 2])

OPS = [
    OpInfo("ops.meshgrid", [S(X[0], X[1][:2]), S(X[0], X[1][:2], indexing="ij"), S((X[0], X[1]), indexing="ij")],
           grad=True),
    OpInfo("ops.meshgrid", [S(X[0], INT[0]), S(X[0], X[1], indexing="xx"), S(X, X)], tag="errors", dtypes=None),
    OpInfo("ops.Meshgrid", [S((X[0], X[1][:2]))], init={"indexing": "ij"}),
    OpInfo("ops.tril", [S(X), S(X3, 1), S(X3, -1)], grad=True),
    OpInfo("ops.tril", [S(INT), S(X[0]), S(X, 1.5)], tag="errors", dtypes=None),
    OpInfo("ops.triu", [S(X), S(X3, 1), S(X3, -1)], grad=True),
    OpInfo("ops.repeat_elements", [S(X, 2), S(X, 3, axis=1)], grad=True),
    OpInfo("ops.repeat_elements", [S(INT, 2, 1), S(X, 0), S(X, 2, 2)], tag="errors", dtypes=None),
    OpInfo("ops.repeat_interleave", [S(X, 2), S(X, 2, 1), S(X, i32([1, 2, 0]), 1), S(X, [2], 0)], grad=True),
    # Roll has no CPU kernel in MindSpore 2.10: tests/test_ops_more.py checks it against NumPy.
    OpInfo("ops.roll", [S(X, 1)], grad=True, expect="differs"),
    OpInfo("ops.diag", [S(X[0]), S(X)], grad=True),
    OpInfo("ops.diag", [S(INT[0])], tag="ints", dtypes=None),
    OpInfo("ops.diagonal", [S(X3), S(X3, 1, 1, 2), S(X3, -1, 2, 0)], grad=True),
    OpInfo("ops.diagonal", [S(X[0]), S(X, 0, 1, 1)], tag="errors"),
    OpInfo("ops.tensor_split", [S(X3, 3, 2), S(X3, [1, 3], 2), S(u(7, seed=3), 3)], grad=True),
    OpInfo("ops.tensor_split", [S(X, 0), S(X, 2.0)], tag="errors"),
    OpInfo("ops.ReverseV2", [S(X3)], init={"axis": (0, 2)}, grad=True),
    OpInfo("ops.ReverseV2", [S(X3)], init={"axis": (3,)}, tag="errors"),
    OpInfo("ops.ReverseSequence", [S(X3, i32([1, 3]))], init={"seq_dim": 1}, grad=True),
    OpInfo("ops.ReverseSequence", [S(X3, i32([2, 4, 1]))], init={"seq_dim": 2, "batch_dim": 1}, tag="b1", grad=True),
    OpInfo("ops.reverse", [S(X3, (0, 2)), S(X3, [-1])], grad=True),
    OpInfo("ops.reverse_sequence", [S(X3, i32([1, 3]), 1)], grad=True),
    OpInfo("ops.DepthToSpace", [S(u(1, 8, 2, 3, seed=4))], init={"block_size": 2}, grad=True),
    OpInfo("ops.DepthToSpace", [S(u(1, 6, 2, 3, seed=4)), S(X)], init={"block_size": 2}, tag="errors"),
    OpInfo("ops.numel", [S(X3), S(INT)], dtypes=None),
    # ---- selection and search ----
    OpInfo("ops.unique", [S(i32([5, 1, 2, 5, 3, 1])), S(np.array([[2.5, 1.0], [1.0, -3.0]], np.float32))], dtypes=None),
    OpInfo("ops.Unique", [S(i32([5, 1, 2, 5, 3, 1]))], init={}, dtypes=None),
    OpInfo("ops.unique_consecutive", [S(i32([1, 1, 2, 2, 3, 1, 1, 2])),
                                      S(i32([1, 1, 2, 2, 3, 1, 1, 2]), True, True),
                                      S(i32([[1, 1, 2], [1, 1, 2], [3, 1, 1]]), True, True, 0),
                                      S(i32([[1, 1, 2], [1, 1, 2], [3, 1, 1]]), False, True, 1)], dtypes=None),
    OpInfo("ops.masked_select", [S(X, BOOL), S(X, np.array([True, False, True]))]),
    OpInfo("ops.masked_select", [S(X, INT), S(X, np.array([True, False]))], tag="errors", dtypes=None),
    OpInfo("ops.MaskedSelect", [S(INT, BOOL)], init={}, dtypes=None),
    OpInfo("ops.argsort", [S(X), S(X, 0), S(X, descending=True), S(i32([3, 1, 3, 2, 1]))], dtypes=None),
    OpInfo("ops.argwhere", [S(INT), S(BOOL)], dtypes=None),
    OpInfo("ops.NonZero", [S(INT)], init={}, dtypes=None),
    OpInfo("ops.bucketize", [S(X, [-0.5, 0.0, 0.5]), S(X, [-0.5, 0.0, 0.5], right=True),
                             S(i32([1, 3, 5]), [1.0, 3.0])], dtypes=None),
    OpInfo("ops.count_nonzero", [S(INT), S(INT, 1), S(INT, (0, 1), True), S(BOOL, 0)], dtypes=None),
    OpInfo("ops.tensor_scatter_elements", [S(X, i32([[1, 0, 2], [0, 2, 1]]), u(2, 3, seed=5), 1),
                                           S(X, i32([[1, 0, 1]]), u(1, 3, seed=6), 0, "add")], grad=True),
    OpInfo("ops.tensor_scatter_elements", [S(X, i32([[1, 0, 3]]), u(1, 3, seed=6), 1),
                                           S(X, i32([[1, 0, 1]]), u(1, 3, seed=6), 2),
                                           S(X, i32([[1, 0, 1]]), u(1, 3, seed=6), 0, "mul")], tag="errors"),
    # ---- type checks ----
    OpInfo("ops.is_tensor", [S(X), S(1.0), S([1, 2])], dtypes=None),
    OpInfo("ops.is_floating_point", [S(X), S(INT), S(BOOL)], dtypes=("float32", "float16")),
]

globals().update(cases(OPS))


def _param(ms, value, name):
    return ms.Parameter(ms.Tensor(value), name=name)


def case_scatter_nd_update_fn_and_prim(ms):
    p = _param(ms, np.zeros((3, 2), np.float32), "p")
    out = ms.ops.scatter_nd_update(p, ms.Tensor(i32([[1], [0]])), ms.Tensor(u(2, 2, seed=7)))
    q = _param(ms, np.arange(6, dtype=np.float32).reshape(2, 3), "q")
    out2 = ms.ops.ScatterNdUpdate()(q, ms.Tensor(i32([[1, 2], [0, 0]])), ms.Tensor(np.array([9.0, 8.0], np.float32)))
    return out, p.value(), out2, q.value()


def case_scatter_add(ms):
    p = _param(ms, np.ones((3, 2), np.float32), "p")
    out = ms.ops.ScatterAdd()(p, ms.Tensor(i32([2, 0, 2])), ms.Tensor(u(3, 2, seed=8)))
    return out, p.value()


def case_scatter_add_shape_error(ms):
    p = _param(ms, np.ones((3, 2), np.float32), "p")
    return ms.ops.ScatterAdd()(p, ms.Tensor(i32([2, 0])), ms.Tensor(u(3, 2, seed=8)))


def case_typeof(ms):
    return [repr(ms.ops.typeof(v)) for v in (ms.Tensor(X), ms.Tensor(INT), 1, 2.5, True)]


def case_masked_select_grad(ms):
    mask = ms.Tensor(BOOL)
    return ms.grad(lambda x: (ms.ops.masked_select(x, mask) * ms.Tensor(np.arange(3, dtype=np.float32))).sum())(
        ms.Tensor(X))


case_scatter_nd_update_fn_and_prim.covers = ("scatter_nd_update", "ScatterNdUpdate")
case_scatter_add.covers = case_scatter_add_shape_error.covers = ("ScatterAdd",)
case_typeof.covers = ("typeof",)
