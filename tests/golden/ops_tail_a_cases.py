"""Op database, issue 17 tail (a): CTC loss (function, Primitive and nn.CTCLoss), grid sampling, complex views,
functional batch norm and small math/loss/array ops. Recorded from MindSpore 2.10 with `record.py ops_tail_a`;
replayed by tests/test_opdb.py. MindSpore's ctc_loss gradient is exp(log_probs) - posterior (the gradient through a
log_softmax), not the plain derivative, so `check_grads` checks it in tests/test_ops_tail.py instead."""

import numpy as np
from opdb import OpInfo, S, cases

RS = np.random.RandomState(17)


def f32(values):
    return np.asarray(values, np.float32)


def i32(values):
    return np.asarray(values, np.int32)


def _log_softmax(z):
    return (z - np.log(np.exp(z).sum(-1, keepdims=True))).astype(np.float32)


LP = _log_softmax(RS.randn(5, 2, 4))
TG = i32([[1, 2, 2], [1, 3, 0]])
IL, TL = i32([5, 4]), i32([3, 2])
LOGITS = RS.randn(5, 2, 4).astype(np.float32)
IDX = np.asarray([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1]], np.int64)
VAL = i32([1, 2, 2, 1, 0])
SEQ = i32([5, 5])  # MindSpore leaves the gradient rows past a shorter length uninitialised
IMG = RS.randn(1, 2, 3, 4).astype(np.float32)
GRID = (RS.rand(1, 2, 3, 2) * 2.4 - 1.2).astype(np.float32)
VOL = RS.randn(1, 2, 2, 3, 4).astype(np.float32)
GRID3 = (RS.rand(1, 2, 2, 2, 3) * 2.4 - 1.2).astype(np.float32)
CPLX = np.asarray([1 + 2j, 3 - 4j, -0.5 + 0j], np.complex64)
BN_X = RS.randn(3, 2, 2).astype(np.float32)
BN_M, BN_V, BN_W, BN_B = f32([0.1, -0.2]), f32([1.5, 0.5]), f32([1.2, 0.8]), f32([0.1, 0.3])
A = RS.randn(2, 3, 4).astype(np.float32)
B = RS.randn(2, 2, 4).astype(np.float32)
X23 = RS.randn(2, 3).astype(np.float32)
Y23 = RS.randn(2, 3).astype(np.float32)
SQ = (RS.randn(2, 3, 3) + 3 * np.eye(3)).astype(np.float32)
NAN = f32([1.0, np.nan, np.nan, -2.0])
NAN2 = f32([np.nan, 3.0, np.nan, -1.0])

OPS = [
    # ctc_loss: torch-like (dense targets, blank 0 by default, 'mean' divides by the target lengths)
    OpInfo("ops.ctc_loss", [S(LP, TG, IL, TL), S(LP, TG, IL, TL, reduction="none"), S(LP, TG, IL, TL, reduction="sum"),
                            S(LP, i32([[2, 2, 1], [1, 1, 0]]), IL, i32([0, 2]), reduction="none"),
                            S(LP, i32([[1, 2, 2], [1, 0, 0]]), IL, TL, blank=3, reduction="none"),
                            S(LP, TG, IL, TL, reduction="foo"), S(LP, TG, IL, TL, blank=7),
                            S(LP, TG.astype(np.float32), IL, TL), S(LP[0], TG, IL, TL),
                            S(LP, TG.reshape(-1), IL, TL)]),
    OpInfo("ops.ctc_loss", [S(LP, TG, IL, TL, reduction="none")], dtypes=("float64", "float16"), tag="dtypes"),
    OpInfo("ops.ctc_loss", [S(LP, i32([[2, 2, 2], [1, 1, 0]]), i32([4, 3]), TL, reduction="none")], tag="inf"),
    OpInfo("ops.ctc_loss", [S(LP, i32([[2, 2, 2], [1, 1, 0]]), i32([4, 3]), TL, reduction="none",
                              zero_infinity=True)], tag="zero_inf", expect="quirk"),
    OpInfo("ops.CTCLoss", [S(LOGITS, IDX, VAL, SEQ), S(LOGITS, IDX.astype(np.int32), VAL, SEQ),
                           S(LOGITS, IDX, VAL.astype(np.int64), SEQ)], init={}),
    OpInfo("ops.CTCLoss", [S(LOGITS, IDX, VAL, SEQ)], dtypes=("float16", "float64"), init={}, tag="dtypes", atol=5e-3),
    OpInfo("ops.CTCLoss", [S(LOGITS, IDX, VAL, SEQ)], init={"preprocess_collapse_repeated": True}, tag="collapse"),
    OpInfo("ops.CTCLoss", [S(LOGITS, IDX, VAL, SEQ)], init={"ctc_merge_repeated": False}, tag="no_merge"),
    OpInfo("ops.operations.nn_ops.CTCLoss", [S(LOGITS, IDX, VAL, SEQ)], init={}),
    OpInfo("nn.CTCLoss", [S(LP, TG, IL, TL), S(LP[:, 0], i32([1, 2]), i32([5]), i32([2]))], init={}),
    OpInfo("nn.CTCLoss", [S(LP, TG, IL, TL), S(LP[:, 0], i32([1, 2]), i32([5]), i32([2]))],
           init={"reduction": "none", "blank": 3}, tag="none"),
    OpInfo("nn.CTCLoss", [S(LP, TG, IL, TL)], init={"reduction": "sum"}, tag="sum"),
    # grid_sample / GridSampler2D / GridSampler3D
    OpInfo("ops.grid_sample", [S(IMG, GRID), S(IMG, GRID, "nearest"), S(IMG, GRID, "bilinear", "border", True),
                               S(IMG, GRID, "bilinear", "reflection"), S(IMG, GRID, "bilinear", "reflection", True),
                               S(IMG, GRID, "nearest", "border"), S(IMG, GRID, "nearest", "reflection", True),
                               S(VOL, GRID3), S(VOL, GRID3, "nearest", "border", True),
                               S(IMG, GRID, "bicubic"), S(IMG, GRID, padding_mode="foo")], grad=True),
    OpInfo("ops.grid_sample", [S(IMG, GRID, align_corners=True)], dtypes=("float16", "float64"), tag="dtypes",
           atol=2e-3),
    OpInfo("ops.operations.nn_ops.GridSampler2D", [S(IMG, GRID)], init={}, grad=True),
    OpInfo("ops.operations.nn_ops.GridSampler2D", [S(IMG, GRID)],
           init={"interpolation_mode": "nearest", "padding_mode": "reflection", "align_corners": True}, tag="nearest"),
    OpInfo("ops.operations.nn_ops.GridSampler3D", [S(VOL, GRID3)], init={"padding_mode": "border"}, grad=True),
    # complex views
    OpInfo("ops.view_as_real", [S(CPLX), S(CPLX.astype(np.complex128)), S(f32([1.0, 2.0]))], dtypes=None),
    OpInfo("ops.polar", [S(f32([1.0, 2.0, 0.5]), f32([0.5, -1.0, 3.0])),
                         S(f32([1.0, 2.0]), np.asarray([0.5, -1.0])), S(i32([1, 2]), f32([0.5, -1.0]))],
           dtypes=("float32", "float64")),
    OpInfo("Tensor.real", [S(CPLX), S(f32([1.0, -2.0]))], dtypes=None),
    OpInfo("Tensor.imag", [S(CPLX), S(f32([1.0, -2.0]))], dtypes=None),
    # functional batch norm
    # check_grads runs on the first sample only: a training one, as in inference the running statistics get no
    # gradient in MindSpore (while finite differences see them)
    OpInfo("ops.batch_norm", [S(BN_X, BN_M, BN_V, BN_W, BN_B, training=True, momentum=0.2, eps=1e-3),
                              S(BN_X, BN_M, BN_V, BN_W, BN_B), S(BN_X[:, :, 0], BN_M, BN_V, BN_W, BN_B),
                              S(BN_X, BN_M[:1], BN_V, BN_W, BN_B),
                              S(BN_X, BN_M, BN_V, BN_W, BN_B, momentum=2.0)], grad=True),
    OpInfo("ops.batch_norm", [S(BN_X, BN_M, BN_V, BN_W, BN_B)], dtypes=("float16",), tag="f16", atol=2e-3),
    # index_add, its Primitive and the N-d scatters
    # the first sample adds zeros: MindSpore's output aliases `x`, which its gradient pass adds into again
    OpInfo("ops.index_add", [S(X23, i32([0, 2]), np.zeros((2, 2), np.float32), 1),
                             S(X23, i32([[0, 1]]), Y23[:, :2], 1), S(X23, i32([0, 2]), Y23[:, :1], 1)], grad=True),
    OpInfo("ops.index_add", [S(X23, i32([0, 2]), Y23[:, :2], 1), S(X23, i32([1, 1]), Y23[:, :2], 1)], tag="values"),
    OpInfo("ops.IndexAdd", [S(X23, i32([0, 2]), Y23[:, :2])], init={"axis": 1}),
    OpInfo("ops.tensor_scatter_update", [S(X23, i32([[0, 1], [1, 2]]), f32([9.0, -9.0])),
                                         S(X23, i32([[1]]), f32([[5.0, 6.0, 7.0]])),
                                         S(X23, i32([[0, 1]]), f32([1.0, 2.0]))], grad=True),
    OpInfo("ops.TensorScatterUpdate", [S(X23, i32([[0, 1], [1, 2]]), f32([9.0, -9.0]))], init={}),
    OpInfo("ops.tensor_scatter_add", [S(X23, i32([[0, 1], [0, 1], [1, 2]]), f32([1.0, 2.0, 3.0])),
                                      S(X23, i32([[1]]), f32([[5.0, 6.0, 7.0]]))], grad=True),
    # distances, products, small math
    OpInfo("ops.cdist", [S(A, B), S(A, B, 1.0), S(A, B, 3.0), S(A[0], B[0], 2.0), S(A, B[:, :, :3]), S(A, B, -1.0)],
           grad=True),
    OpInfo("ops.cdist", [S(A, B, float("inf")), S(A, B, 0.0)], tag="inf_zero"),
    OpInfo("ops.cartesian_prod", [S(f32([1.0, 2.0]), f32([3.0, 4.0, 5.0])), S(i32([1, 2]), i32([3]), i32([4, 5])),
                                  S(f32([1.0, 2.0]))], grad=True),
    OpInfo("ops.inv", [S(f32([0.5, -2.0, 4.0])), S(i32([1, 2, -3]))], grad=True),
    OpInfo("ops.Inv", [S(f32([0.5, -2.0, 4.0]))], init={}),
    OpInfo("ops.is_complex", [S(CPLX), S(f32([1.0])), S(i32([1]))], dtypes=None),
    # labels get no gradient in MindSpore, so check_grads (which moves them too) runs in tests/test_ops_tail.py
    OpInfo("ops.kl_div", [S(X23, np.abs(Y23)), S(X23, np.abs(Y23), "sum"), S(X23, np.abs(Y23), "batchmean"),
                          S(X23, np.abs(Y23), "none")]),
    OpInfo("ops.margin_ranking_loss", [S(X23[0], Y23[0], f32([1, -1, 1])),
                                       S(X23[0], Y23[0], f32([1, -1, 1]), 0.5, "sum"),
                                       S(X23[0], Y23[0], f32([1, -1, 1]), 0.5, "none"),
                                       S(X23[0], Y23[0], f32([1, -1, 1]), 1),
                                       S(X23[0], Y23[0], f32([1, -1, 1]), reduction="x")], grad=True),
    OpInfo("ops.moveaxis", [S(A, 0, 2), S(A, (0, 1), (2, 0))], grad=True),
    OpInfo("ops.hardswish", [S(f32([-4.0, -1.0, 0.5, 2.0, 4.0]))], grad=True),
    OpInfo("ops.HSwish", [S(f32([-4.0, -1.0, 0.5, 2.0, 4.0]))], init={}, grad=True),
    OpInfo("ops.hardsigmoid", [S(f32([-4.0, -1.0, 0.5, 2.0, 4.0]))], grad=True),
    OpInfo("ops.HSigmoid", [S(f32([-4.0, -1.0, 0.5, 2.0, 4.0]))], init={}, grad=True),
    OpInfo("ops.fmax", [S(X23, Y23), S(NAN, NAN2), S(i32([1, 5]), f32([2.0, np.nan]))], grad=True),
    OpInfo("ops.operations.math_ops.Fmax", [S(NAN, NAN2)], init={}),
    # MindSpore 2.10 has no CPU kernel for Fmin (RuntimeError); mindgrad computes NumPy's fmin (tests/test_ops_tail.py)
    OpInfo("ops.fmin", [S(X23, Y23)], expect="differs"),
    OpInfo("ops.operations.math_ops.Fmin", [S(NAN, NAN2)], init={}, expect="differs"),
    # Primitives
    OpInfo("ops.CumProd", [S(X23, 1), S(X23, 0)], init={}, grad=True),
    OpInfo("ops.CumProd", [S(X23, 1), S(i32([[1, 2, 3], [4, 5, 6]]), 1)], init={"exclusive": True, "reverse": True},
           tag="excl_rev"),
    OpInfo("ops.CumProd", [S(X23, 1)], init={"exclusive": True}, tag="excl"),
    OpInfo("ops.MatrixInverse", [S(SQ), S(SQ[0])], init={}, grad=True, atol=1e-5),
    OpInfo("ops.MatrixInverse", [S(SQ)], init={"adjoint": True}, tag="adjoint", atol=1e-5),
    OpInfo("ops.DiagPart", [S(SQ[0]), S(RS.randn(2, 3, 2, 3).astype(np.float32)), S(X23)], init={}, grad=True),
    OpInfo("ops.Gelu", [S(f32([-1.0, 0.0, 0.5, 2.0]))], init={}, grad=True),
    OpInfo("ops.MirrorPad", [S(X23, np.asarray([[1, 1], [2, 1]], np.int64)), S(X23, np.asarray([[1, 1], [3, 0]],
                                                                                                np.int64))],
           init={}, grad=True),
    OpInfo("ops.MirrorPad", [S(X23, np.asarray([[2, 0], [3, 1]], np.int64))], init={"mode": "SYMMETRIC"},
           tag="symmetric"),
    OpInfo("ops.FillDiagonal", [S(RS.randn(3, 4).astype(np.float32)), S(RS.randn(2, 2, 2).astype(np.float32))],
           init={"fill_value": 5.0}),  # no gradient in MindSpore (bprop not defined)
    OpInfo("ops.FillDiagonal", [S(RS.randn(7, 3).astype(np.float32)), S(RS.randn(7, 3).astype(np.float32))],
           init={"fill_value": -1.0, "wrap": True}, tag="wrap"),
]

globals().update(cases(OPS))


def case_ctc_loss_grad(ms):
    """MindSpore's gradient of ops.ctc_loss: exp(log_probs) - posterior, 0 past each input length."""
    def loss(lp):
        return ms.ops.ctc_loss(lp, ms.Tensor(TG), ms.Tensor(IL), ms.Tensor(TL))[0]
    return ms.ops.grad(loss)(ms.Tensor(LP))


def case_ctc_loss_grad_none(ms):
    sens = ms.Tensor(f32([0.5, -2.0]))

    def loss(lp):
        return ms.ops.ctc_loss(lp, ms.Tensor(TG), ms.Tensor(IL), ms.Tensor(TL), reduction="none")[0]
    return ms.ops.GradOperation(sens_param=True)(loss)(ms.Tensor(LP), sens)


def case_ctc_loss_grad_inf(ms):
    """An impossible alignment: NaN gradient (0 with zero_infinity) in its live frames."""
    out = []
    for zero in (False, True):
        def loss(lp, zero=zero):
            return ms.ops.ctc_loss(lp, ms.Tensor(i32([[2, 2, 2], [1, 1, 0]])), ms.Tensor(i32([4, 3])),
                                   ms.Tensor(TL), reduction="sum", zero_infinity=zero)[0]
        out.append(ms.ops.grad(loss)(ms.Tensor(LP)))
    return out


def case_nn_ctc_loss_grad(ms):
    net = ms.nn.CTCLoss(reduction="sum")
    return ms.ops.grad(lambda lp: net(lp, ms.Tensor(TG), ms.Tensor(IL), ms.Tensor(TL)))(ms.Tensor(LP))


def case_ctc_loss_prim_grad(ms):
    """The Primitive's gradient is its returned gradient times the loss sensitivity."""
    sens = ms.Tensor(f32([1.5, -0.5]))
    prim = ms.ops.CTCLoss()
    return ms.ops.GradOperation(sens_param=True)(
        lambda x: prim(x, ms.Tensor(IDX), ms.Tensor(VAL), ms.Tensor(SEQ))[0])(ms.Tensor(LOGITS), sens)


def case_ctc_loss_prim_shorter(ms):
    """Losses and the gradient's live rows for a shorter sequence and, ignored, a too short one."""
    out = []
    for seq, ignore in ((i32([5, 4]), False), (i32([2, 4]), True)):
        loss, grad = ms.ops.CTCLoss(ignore_longer_outputs_than_inputs=ignore)(
            ms.Tensor(LOGITS), ms.Tensor(IDX), ms.Tensor(VAL), ms.Tensor(seq))
        out.append((loss, grad[:4, 1], grad[:, 0] if not ignore else grad[:2, 0]))
    return out


def case_ctc_loss_prim_too_long(ms):
    return ms.ops.CTCLoss()(ms.Tensor(LOGITS), ms.Tensor(IDX), ms.Tensor(VAL), ms.Tensor(i32([2, 4])))


def case_ctc_loss_prim_attr(ms):
    return ms.ops.CTCLoss(ctc_merge_repeated=1)


def case_batch_norm_running_stats(ms):
    """Training updates Parameter running statistics in place."""
    rm = ms.Parameter(ms.Tensor(BN_M), name="rm")
    rv = ms.Parameter(ms.Tensor(BN_V), name="rv")
    y = ms.ops.batch_norm(ms.Tensor(BN_X), rm, rv, ms.Tensor(BN_W), ms.Tensor(BN_B), training=True, momentum=0.3)
    return y, rm.value(), rv.value()


def case_index_add_parameter(ms):
    """ops.index_add adds into its Parameter `x` in place (a second call adds again). MindSpore's result shares the
    Parameter's memory (it changes with the second call); mindgrad's is a new Tensor, so it is read at once."""
    p = ms.Parameter(ms.Tensor(X23), name="p")
    first = ms.ops.index_add(p, ms.Tensor(i32([0, 2])), ms.Tensor(Y23[:, :2]), 1).asnumpy()
    second = ms.ops.index_add(p, ms.Tensor(i32([0, 2])), ms.Tensor(Y23[:, :2]), 1).asnumpy()
    return first, second, p.value()


def case_kl_div_grad(ms):
    """Only `logits` gets a gradient."""
    return ms.ops.grad(lambda x, y: ms.ops.kl_div(x, y, "sum"), (0, 1))(ms.Tensor(X23), ms.Tensor(np.abs(Y23)))


def case_polar_grad(ms):
    def f(r, t):
        return ms.ops.real(ms.ops.polar(r, t)) + 2 * ms.ops.imag(ms.ops.polar(r, t))
    return ms.ops.grad(f, (0, 1))(ms.Tensor(f32([1.0, 2.0])), ms.Tensor(f32([0.5, -1.0])))


case_ctc_loss_grad.covers = case_ctc_loss_grad_none.covers = case_ctc_loss_grad_inf.covers = ("ctc_loss",)
case_ctc_loss_prim_grad.covers = case_ctc_loss_prim_shorter.covers = ("CTCLoss",)
case_ctc_loss_prim_too_long.covers = case_ctc_loss_prim_attr.covers = ("CTCLoss",)
case_batch_norm_running_stats.covers = ("batch_norm",)
case_index_add_parameter.covers = ("index_add",)
case_polar_grad.covers = ("polar",)
case_kl_div_grad.covers = ("kl_div",)
