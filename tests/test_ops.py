"""The ops of spec table 3.1, in both spellings: forward and gradients against MindSpore, gradients
against numerical differentiation.

* `test_golden_op`: every case of ``tests/golden/ops_cases.py`` (except the ``tensor_*`` ones, replayed
  by ``test_tensor_api.py``), run on mindgrad under ``jax.checking_leaks()`` and compared with what
  MindSpore 2.10 returned (``ops.json``, recorded by ``python -m tests.golden.record ops``): structure, dtypes, values
  within rtol=1e-5 / atol=1e-6 unless the case states its own tolerance, error classes.
* `test_every_op_is_covered`: each exported op (functional and Primitive) is exercised by a golden case,
  or is listed in `NOT_RECORDABLE` with the test that covers it here.
* `test_check_grads`: for each differentiable op, `jax.test_util.check_grads` in float64 (reverse mode,
  first order) against finite differences, at points away from the ops' singular points.
"""

import os
import sys

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jax.test_util import check_grads

import mindgrad as ms
from mindgrad import ops
from mindgrad.common.tensor import wrap
from mindgrad.ops import auto_generate
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("ops")
ops_cases = SUITE.cases


@pytest.mark.parametrize("name", [p for p in SUITE.params() if not p.values[0].startswith("tensor_")])
def test_golden_op(name):
    SUITE.check(name, ms)


# --------------------------------------------------------------------------
# coverage of every exported op
# --------------------------------------------------------------------------

def _exported_ops():
    names = set(ops.function.__all__)
    for name, obj in vars(ops.operations).items():
        if isinstance(obj, type) and issubclass(obj, ops.Primitive) and not name.startswith("_"):
            names.add(name)
    return names


# Ops without a golden case, and the test below that covers each.
NOT_RECORDABLE = {
    # random: MindSpore's numbers cannot be reproduced (test_random_ops)
    "standard_normal": "random", "normal": "random", "randn": "random", "rand": "random", "uniform": "random",
    "StandardNormal": "random", "UniformReal": "random", "UniformInt": "random", "Dropout": "random",
    # no CPU kernel in MindSpore 2.10 (test_rms_norm)
    "RmsNorm": "rms_norm", "rms_norm": "rms_norm",
    # removed from MindSpore 2.x, kept for 1.x code (test_resize_bilinear_v1)
    "ResizeBilinear": "resize_bilinear_v1",
    # distributed: identity on one device (tests/test_data_parallel.py covers the mesh)
    "AllReduce": "comm_ops", "AllGather": "comm_ops", **dict.fromkeys(["AlltoAll", "Barrier", "Broadcast", "Reduce",
    "CollectiveGather", "CollectiveScatter", "ReduceScatter"], "comm_ops (tests/test_mint_distributed.py)"),
    "Send": "no CPU kernel (tests/test_comm20.py)", "Receive": "no CPU kernel (tests/test_comm20.py)",
    # detection only (test_unsupported_ops)
    "NMSWithMask": "unsupported",
    # issue 17, tests/test_ops_more.py: random draws (shapes, dtypes, ranges, reproducibility)
    "randint": "random_draws", "randn_like": "random_draws", "rand_like": "random_draws",
    "randperm": "random_draws", "multinomial": "random_draws", "bernoulli": "random_draws",
    "gumbel_softmax": "gumbel_softmax", "Multinomial": "random_draws", "RandomCategorical": "random_draws",
    "Randperm": "randperm_prim", "DropoutGenMask": "dropout_mask_pair", "DropoutDoMask": "dropout_mask_pair",
    # no CPU kernel in MindSpore 2.10: against NumPy / the documented meaning
    "einsum": "einsum", "Einsum": "einsum", "quantile": "quantile", "roll": "roll",
    "FloatStatus": "float_status", "NPUAllocFloatStatus": "npu_float_status",
    "NPUGetFloatStatus": "npu_float_status", "NPUClearFloatStatus": "npu_float_status",
    "flash_attention_score": "flash_attention", "FlashAttentionScore": "flash_attention",
    "speed_fusion_attention": "ops_tail (tests/test_ops_tail.py)",
    # MindSpore 2.10 keeps the 1.x name but cannot call it
    "GatherV2": "v1_names", "ScalarToArray": "v1_names",
    # Python custom operators
    "Custom": "custom_ops", "PyFunc": "custom_ops",
    # the autodiff family and BatchNorm: golden cases in tests/golden/autodiff_surface_cases.py
    # (tests/test_autodiff_surface.py, tests/test_vmap.py)
    "grad": "autodiff_surface", "value_and_grad": "autodiff_surface", "vjp": "autodiff_surface",
    "jvp": "autodiff_surface", "vmap": "autodiff_surface", "linearize": "autodiff_surface",
    "jet": "autodiff_surface", "derivative": "autodiff_surface", "jacfwd": "autodiff_surface",
    "jacrev": "autodiff_surface", "get_grad": "autodiff_surface", "partial": "autodiff_surface",
    "stop_gradient_": "autodiff_surface", "BatchNorm": "autodiff_surface",
    # no CPU kernel in MindSpore 2.10 (tests/test_mint.py, against the documented lookup)
    "embedding": "mint",
    # no CPU kernel in MindSpore 2.10 (tests/test_prims_rnn_optim.py, against the documented formulas)
    "ApplyKerasMomentum": "prims_rnn_optim", "FusedWeightScaleApplyMomentum": "prims_rnn_optim",
    "DynamicShape": "tail7", "scalar_to_array": "tail7", "soft_margin_loss": "tail7",  # ops17: tests/test_tail7.py
    "rotary_position_embedding": "no CPU kernel in MindSpore 2.10 (tests/test_tailfn.py)",  # tailfn
}


def _opdb_covered() -> set:
    """Names of ops exercised by the op-database suites (`tests/golden/*_cases.py` with `OPS`): the last part of
    each entry's `ops.`/`operations.` path (Primitive entries included), and the `covers` of their extra cases."""
    import glob
    import importlib

    names = set()
    golden = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")
    for path in sorted(glob.glob(os.path.join(golden, "*_cases.py"))):
        with open(path) as f:
            if "cases(OPS)" not in f.read():
                continue
        mod = importlib.import_module(os.path.basename(path)[:-3])
        names.update(info.path.rsplit(".", 1)[-1] for info in mod.OPS
                     if info.path.startswith(("ops.", "operations.")))
        names.update(n for f in vars(mod).values() for n in getattr(f, "covers", ()))
    return names


def test_every_op_is_covered():
    golden = {n for f in vars(ops_cases).values() for n in getattr(f, "covers", ())}
    assert sorted(golden - _exported_ops()) == [], "cases cover names that are not exported"
    missing = sorted(_exported_ops() - golden - _opdb_covered() - set(NOT_RECORDABLE))
    assert missing == [], f"ops without a golden case (ops_cases.py or an op-database suite): {missing}"


@pytest.mark.parametrize("name", sorted(_exported_ops()))
def test_op_has_both_modules(name):
    """Every op is reachable as `ops.<name>`, and functional ops also through `ops.functional` (`F.`)."""
    assert getattr(ops, name) is not None
    if name in ops.function.__all__:
        assert getattr(ops.functional, name) is getattr(ops, name)
    else:
        assert getattr(ops.operations, name) is getattr(ops, name)


# --------------------------------------------------------------------------
# gradients against finite differences (float64)
# --------------------------------------------------------------------------

def _arr(shape, seed, low=-2.0, high=2.0):
    return jnp.asarray(np.random.RandomState(seed).uniform(low, high, size=shape))


def _positive(shape, seed):
    return _arr(shape, seed, 0.5, 3.0)


def _away_from_zero(shape, seed):
    a = _arr(shape, seed, 0.3, 2.0)
    return a * jnp.asarray(np.where(np.random.RandomState(seed + 1).rand(*shape) < 0.5, -1.0, 1.0))


def _distinct(shape, seed):
    """Values with no ties and gaps of at least 0.1 (for max, sort, pooling)."""
    n = int(np.prod(shape))
    vals = np.random.RandomState(seed).permutation(n) * 0.1 - 0.05 * n
    return jnp.asarray(vals.reshape(shape))


_IDX = ms.Tensor(np.array([2, 0, 1, 0], np.int32))
_COND = ms.Tensor(np.array([[True, False, True], [False, True, False]]))

# name -> (function of Tensors, input arrays). Points avoid each op's singular points.
GRAD_CASES = {
    "add": (ops.add, [_arr((2, 3), 1), _arr((3,), 2)]),
    "sub": (ops.Sub(), [_arr((2, 3), 3), _arr((2, 1), 4)]),
    "mul": (ops.mul, [_arr((2, 3), 5), _arr((2, 3), 6)]),
    "div": (ops.div, [_arr((2, 3), 7), _away_from_zero((2, 3), 8)]),
    "real_div": (ops.RealDiv(), [_arr((3,), 9), _away_from_zero((3,), 10)]),
    "pow": (ops.pow, [_positive((2, 3), 11), _arr((2, 3), 12)]),
    "pow_scalar": (lambda a: ops.pow(a, 3.0), [_arr((4,), 13)]),
    "maximum": (ops.maximum, [_arr((2, 3), 14), _arr((2, 3), 15)]),
    "minimum": (ops.Minimum(), [_arr((3,), 16), _arr((3,), 17)]),
    "neg": (ops.neg, [_arr((3,), 18)]),
    "abs": (ops.abs, [_away_from_zero((3,), 19)]),
    "square": (ops.square, [_arr((3,), 20)]),
    "sqrt": (ops.sqrt, [_positive((3,), 21)]),
    "rsqrt": (ops.rsqrt, [_positive((3,), 22)]),
    "reciprocal": (ops.reciprocal, [_away_from_zero((3,), 23)]),
    "exp": (ops.exp, [_arr((3,), 24)]),
    "log": (ops.log, [_positive((3,), 25)]),
    "sin": (ops.sin, [_arr((3,), 26)]),
    "cos": (ops.Cos(), [_arr((3,), 27)]),
    "tanh": (ops.tanh, [_arr((3,), 28)]),
    "erf": (ops.erf, [_arr((3,), 29)]),
    "erfc": (ops.erfc, [_arr((3,), 30)]),
    "floor_mod": (ops.floor_mod, [_arr((4,), 31) + 0.05, jnp.asarray([1.3, -1.7, 0.9, 2.2])]),
    "matmul": (ops.matmul, [_arr((2, 3), 32), _arr((3, 4), 33)]),
    "MatMul_transposed": (ops.MatMul(True, True), [_arr((3, 2), 34), _arr((4, 3), 35)]),
    "BatchMatMul": (ops.BatchMatMul(), [_arr((2, 2, 3), 36), _arr((2, 3, 2), 37)]),
    "cumsum": (lambda a: ops.CumSum(exclusive=True, reverse=True)(a, 1), [_arr((2, 4), 38)]),
    "sum": (lambda a: ops.sum(a, 1), [_arr((2, 3), 39)]),
    "mean": (lambda a: ops.ReduceMean(True)(a, 0), [_arr((2, 3), 40)]),
    "prod": (lambda a: ops.prod(a, 1), [_arr((2, 3), 41)]),
    "amax": (lambda a: ops.amax(a, 1), [_distinct((2, 3), 42)]),
    "max_axis": (lambda a: ops.max(a, 0)[0], [_distinct((2, 3), 43)]),
    "ArgMinWithValue": (lambda a: ops.ArgMinWithValue(1)(a)[1], [_distinct((2, 3), 44)]),
    "std": (lambda a: ops.std(a, 1), [_arr((2, 4), 45)]),
    "var": (ops.var, [_arr((2, 4), 46)]),
    "logsumexp": (lambda a: ops.logsumexp(a, 1), [_arr((2, 3), 47)]),
    "reshape": (lambda a: ops.reshape(a, (3, 2)), [_arr((2, 3), 48)]),
    "transpose": (lambda a: ops.transpose(a, (1, 0)), [_arr((2, 3), 49)]),
    "broadcast_to": (lambda a: ops.broadcast_to(a, (2, 3)), [_arr((1, 3), 50)]),
    "tile": (lambda a: ops.tile(a, (2, 2)), [_arr((2, 3), 51)]),
    "concat": (lambda a, b: ops.concat((a, b), 1), [_arr((2, 1), 52), _arr((2, 2), 53)]),
    "stack": (lambda a, b: ops.Stack(1)((a, b)), [_arr((2,), 54), _arr((2,), 55)]),
    "split": (lambda a: ops.split(a, [1, 2], 1)[1], [_arr((2, 3), 56)]),
    "gather": (lambda a: ops.gather(a, _IDX, 1), [_arr((2, 3), 57)]),
    "gather_nd": (lambda a: ops.gather_nd(a, ms.Tensor(np.array([[1, 2], [1, 2], [0, 0]], np.int32))),
                  [_arr((2, 3), 58)]),
    "gather_elements": (lambda a: ops.gather_elements(a, 1, ms.Tensor(np.array([[2, 2], [0, 1]], np.int32))),
                        [_arr((2, 3), 59)]),
    "scatter_nd": (lambda u: ops.scatter_nd(ms.Tensor(np.array([[1], [1], [0]], np.int32)), u, (3, 2)),
                   [_arr((3, 2), 60)]),
    "strided_slice": (lambda a: ops.StridedSlice(shrink_axis_mask=1)(a, (1, 0), (2, 3), (1, 2)), [_arr((2, 3), 61)]),
    "where": (lambda a, b: ops.where(_COND, a, b), [_arr((2, 3), 62), _arr((2, 3), 63)]),
    "sort": (lambda a: ops.sort(a, descending=True)[0], [_distinct((2, 3), 64)]),
    "topk": (lambda a: ops.topk(a, 2)[0], [_distinct((2, 4), 65)]),
    "relu": (ops.relu, [_away_from_zero((3,), 66)]),
    "leaky_relu": (ops.leaky_relu, [_away_from_zero((3,), 67)]),
    "sigmoid": (ops.sigmoid, [_arr((3,), 68)]),
    "silu": (ops.silu, [_arr((3,), 69)]),
    "elu": (ops.elu, [_away_from_zero((3,), 70)]),
    "softplus": (ops.softplus, [_arr((3,), 71)]),
    "gelu": (ops.gelu, [_arr((3,), 72)]),
    "gelu_tanh": (ops.GeLU(), [_arr((3,), 73)]),
    "fast_gelu": (ops.fast_gelu, [_away_from_zero((3,), 74)]),
    "softmax": (lambda a: ops.softmax(a, 0), [_arr((2, 3), 75)]),
    "log_softmax": (ops.log_softmax, [_arr((2, 3), 76)]),
    "pad_reflect": (lambda a: ops.pad(a, (1, 2), mode="reflect"), [_arr((1, 2, 4), 77)]),
    "pad_constant": (lambda a: ops.pad(a, (1, -1, 2, 0), value=1.5), [_arr((2, 3), 78)]),
    "bias_add": (ops.bias_add, [_arr((2, 3, 2), 79), _arr((3,), 80)]),
    "l2_normalize": (ops.L2Normalize(axis=1), [_arr((2, 3), 81)]),
    "interpolate_bilinear": (lambda a: ops.interpolate(a, size=(3, 5), mode="bilinear"), [_arr((1, 1, 2, 3), 82)]),
    "resize_bilinear_corners": (lambda a: ops.ResizeBilinearV2(align_corners=True)(a, (4, 3)), [_arr((1, 1, 2, 3),
                                                                                                     83)]),
    "maxpool": (ops.MaxPool(2, 1, "same"), [_distinct((1, 1, 3, 3), 84)]),
    "avgpool": (ops.AvgPool(2, 1, "same"), [_arr((1, 1, 3, 3), 85)]),
    "bce_logits": (lambda a, b: ops.binary_cross_entropy_with_logits(a, b), [_arr((2, 3), 86), _arr((2, 3), 87, 0, 1)]),
    "softmax_ce": (lambda a: ops.SoftmaxCrossEntropyWithLogits()(a, ms.Tensor(np.eye(3)[[0, 2]]))[0],
                   [_arr((2, 3), 88)]),
    "cross_entropy": (lambda a: ops.cross_entropy(a, ms.Tensor(np.array([2, 0], np.int32)), label_smoothing=0.1),
                      [_arr((2, 3), 89)]),
    "cross_entropy_probs": (lambda a, b: ops.cross_entropy(a, b), [_arr((2, 3), 90), _arr((2, 3), 91, 0, 1)]),
    "smooth_l1": (lambda a, b: ops.smooth_l1_loss(a, b, beta=0.5), [_arr((2, 3), 92), _arr((2, 3), 93)]),
    "clip_by_value": (lambda a: ops.clip_by_value(a, -1.0, 1.0), [jnp.asarray([-2.0, -0.5, 0.3, 1.5])]),
    "clamp_tensor_bounds": (lambda a, lo, hi: ops.clamp(a, lo, hi),
                            [jnp.asarray([-2.0, -0.5, 0.3, 1.5]), jnp.asarray([-1.0] * 4), jnp.asarray([1.0] * 4)]),
    "norm": (ops.norm, [_arr((2, 3), 96)]),
    "norm_p3_dim": (lambda a: ops.norm(a, 3.0, dim=1), [_away_from_zero((2, 3), 97)]),
    "norm_inf": (lambda a: ops.norm(a, float("inf"), dim=0), [_distinct((2, 3), 98)]),
    "norm_nuc": (lambda a: ops.norm(a, "nuc"), [_arr((2, 3), 99)]),
    "norm_spectral": (lambda a: ops.norm(a, 2, dim=(1, 2)), [_arr((2, 3, 4), 100)]),
    "norm_matrix_1": (lambda a: ops.norm(a, 1), [_distinct((3, 3), 101)]),
    "AddExt": (lambda a, b: auto_generate.AddExt()(a, b, 2.5), [_arr((2, 3), 102), _arr((3,), 103)]),
    "cast": (lambda a: ops.cast(a, ms.float64), [_arr((2, 3), 104)]),
    "chunk": (lambda a: ops.chunk(a, 2, 1)[1], [_arr((2, 3), 105)]),
    "expand_dims": (lambda a: ops.expand_dims(a, 1), [_arr((2, 3), 106)]),
    "flatten": (ops.flatten, [_arr((2, 3, 2), 107)]),
    "flip": (lambda a: ops.flip(a, (0,)), [_arr((2, 3), 108)]),
    "identity": (ops.identity, [_arr((3,), 109)]),
    "index_select": (lambda a: ops.index_select(a, 1, _IDX), [_arr((2, 3), 110)]),
    "masked_fill": (lambda a: ops.masked_fill(a, _COND, 0.5), [_arr((2, 3), 111)]),
    "narrow": (lambda a: ops.narrow(a, 1, 1, 2), [_arr((2, 3), 112)]),
    "slice": (lambda a: ops.slice(a, (0, 1), (2, 2)), [_arr((2, 3), 113)]),
    "squeeze": (lambda a: ops.squeeze(a, 1), [_arr((2, 1, 3), 114)]),
    "swapaxes": (lambda a: ops.swapaxes(a, 0, 2), [_arr((2, 3, 4), 115)]),
    "unstack": (lambda a: ops.unstack(a, 1)[2], [_arr((2, 3), 116)]),
    "addn": (lambda a, b: ops.addn((a, b, a)), [_arr((2, 3), 117), _arr((2, 3), 118)]),
    "amin": (lambda a: ops.amin(a, 0), [_distinct((2, 3), 119)]),
    "relu6": (ops.relu6, [jnp.asarray([-1.0, 0.5, 3.0, 7.0])]),
    "l1_loss": (ops.l1_loss, [_arr((2, 3), 120), _arr((2, 3), 121)]),
    "mse_loss": (lambda a, b: ops.mse_loss(a, b, "sum"), [_arr((2, 3), 122), _arr((2, 3), 123)]),
    "nll_loss": (lambda a: ops.nll_loss(a, ms.Tensor(np.array([2, 0], np.int32))), [_arr((2, 3), 124)]),
    "rms_norm": (lambda a, g: ops.rms_norm(a, g)[0], [_arr((2, 3), 125), _arr((3,), 126)]),
    "clip_by_global_norm": (lambda a, b: ops.clip_by_global_norm((a, b), 1.0)[0], [_arr((2, 3), 94), _arr((3,), 95)]),
}


# Ops with no gradient to check: creation, shape queries, comparisons, index results, integer-valued
# rounding (zero gradient), random draws, Parameter writes and collectives (tested elsewhere).
NOT_DIFFERENTIATED = {
    "arange", "dtype", "eye", "fill", "full", "full_like", "nonzero", "one_hot", "ones", "ones_like", "range", "rank",
    "scalar_to_tensor", "shape", "size", "stop_gradient", "tuple_to_array", "zeros", "zeros_like", "equal",
    "greater_equal", "greater", "isclose", "isfinite", "isinf", "isnan", "less_equal", "less", "logical_and",
    "logical_not", "logical_or", "not_equal", "ceil", "floor", "floor_divide", "round", "sign", "trunc", "all", "any",
    "argmax", "argmin", "normal", "rand", "randn", "standard_normal", "uniform", "assign", "assign_add", "assign_sub",
    "depend", "Dropout", "AllGather", "AllReduce", "NMSWithMask", "AlltoAll", "Barrier", "Broadcast", "Reduce",
    "CollectiveGather", "CollectiveScatter", "ReduceScatter", "Send", "Receive",
    # issue 17: integer/bool results, selection indices, creation, random draws, status and debug ops
    "bitwise_and", "bitwise_or", "bitwise_xor", "eq", "Rint", "Mod", "linspace", "logspace", "LinSpace", "argsort",
    "argwhere", "bucketize", "count_nonzero", "unique", "unique_consecutive", "masked_select", "numel",
    "is_tensor", "is_floating_point", "typeof", "randint", "randn_like", "rand_like", "randperm",
    "multinomial", "bernoulli", "gumbel_softmax", "dropout", "Multinomial", "RandomCategorical", "Randperm",
    "DropoutGenMask", "DropoutDoMask", "RandomChoiceWithMask", "IOU", "CheckValid", "BoundingBoxEncode",
    "BoundingBoxDecode", "CropAndResize", "ROIAlign", "FloatStatus", "NPUAllocFloatStatus", "NPUGetFloatStatus",
    "NPUClearFloatStatus", "Print", "ScalarSummary", "TensorSummary", "ImageSummary", "HistogramSummary",
    "ScalarCast", "ScalarToTensor", "ScalarToArray", "TupleToArray", "make_range", "tuple_len",
    "mixed_precision_cast", "Custom", "PyFunc", "svd", "scatter_nd_update", "ScatterNdUpdate", "ScatterAdd",
    "flash_attention_score", "FlashAttentionScore", "nan_to_num", "cumprod",
    "is_complex", "FillDiagonal", "speed_fusion_attention",  # issue 17 tail (ops17)
    "bincount", "gcd", "histc", "randint_like",  # issue 20 (counts, integers, random draws)
    "ApplyRotaryPosEmb", "Dropout3D", "Geqrf", "Heaviside", "LeftShift", "LogicalXor",  # tailprimA: no bprop/random
    # optimizer Primitives: in-place Parameter updates, no gradient in MindSpore (tests/test_prims_rnn_optim.py)
    "ApplyMomentum", "Adam", "AdamWeightDecay", "AdamNoUpdateParam", "FusedSparseAdam", "FusedWeightScaleApplyMomentum",
    "FusedCastAdamWeightDecay",
    "sequence_mask", "intopk", "kaiser_window", "floor_div", "truncate_div", "eig", "scatter_nd_add", "shuffle",
    "dropout2d",  # tailfn: bool/integer results, windows, complex eigenvectors, Parameter writes, random draws
    "ApplyAdaMax", "ApplyAdadelta", "ApplyAdagrad", "ApplyAdagradV2", "ApplyAdagradDA", "ApplyAdamWithAmsgrad",
    "ApplyAdamWithAmsgradV2", "ApplyAddSign", "ApplyPowerSign", "ApplyCenteredRMSProp", "ApplyRMSProp", "ApplyFtrl",
    "ApplyGradientDescent", "ApplyProximalGradientDescent", "ApplyKerasMomentum", "ApplyProximalAdagrad", "SGD",
    "EqualCount", "NextAfter", "RightShift", "TensorShape", "TrilIndices", "TriuIndices", "UnravelIndex", "RandpermV2",
    "Orgqr", "Ormqr", "Pull", "Push", "PagedAttention", "PagedAttentionMask", "ReshapeAndCache",  # tailprimB
}

# Issue 17 ops whose gradients tests/test_ops_more.py checks (no CPU kernel in MindSpore, or the MindSpore gradient
# covers some inputs only).
CHECKED_IN_TEST_OPS_MORE = {"einsum", "Einsum", "quantile", "roll", "LayerNorm", "KLDivLoss", "NLLLoss",
                            "binary_cross_entropy"}
# The autodiff API itself (tests/test_autodiff_surface.py, test_vmap.py: golden cases, hand-written JAX); ops whose
# gradients are golden cases of autodiff_surface_cases.py (BatchNorm) or, for complex inputs, JAX's convention
# (the documented `complex_grad_*_differs` cases); ops giving indices; ops.embedding (tests/test_mint.py).
CHECKED_ELSEWHERE = {"grad", "value_and_grad", "vjp", "jvp", "vmap", "linearize", "jet", "derivative", "jacfwd",
                     "jacrev", "get_grad", "partial", "stop_gradient_", "BatchNorm", "real", "imag", "conj", "angle",
                     "Complex", "ComplexAbs", "searchsorted", "embedding",
                     "ctc_loss", "kl_div", "fmin", "polar", "view_as_real",  # issue 17 tail: tests/test_ops_tail.py
                     "dstack", "hstack", "cummax", "cummin", "median", "qr",  # issue 20: tests/test_mint_fn.py
                     "DeformableOffsets", "deformable_conv2d", "MaxPoolWithArgmax", "fold", "soft_margin_loss",
                     "DynamicShape", "ScatterUpdate", "SeLU",  # ops17: tests/test_tail7.py, tail7 golden gradients
                     "LSTM", "DynamicRNN", "DynamicGRUV2",  # golden LSTM gradients, check_grads: test_prims_rnn_optim
                     "rotary_position_embedding", "column_stack",  # tailfn: check_grads in tests/test_tailfn.py
                     "InplaceAdd", "InstanceNorm", "Pack",  # tailprimB: tests/test_tailpb.py
                     "Cholesky", "LRN", "LuSolve", "MatrixExp",  # tailprimA: check_grads in tests/test_tailpa.py
                     "CholeskySolve", "Igamma", "Igammac",  # tailprimA: golden gradients (tailpa_*_cases.py) only
                     "CTCLossV2"}  # tailprimB: the ctc_loss kernel, whose gradient tests/test_ops_tail.py checks
# Known gaps, left visible (none at present; ops.index_add's gradient is an op-database grad entry).
KNOWN_GAPS = set()


def _opdb_grad_checked() -> set:
    """Ops of the op-database entries with grad=True, whose first sample `test_opdb_check_grads` checks."""
    import glob
    import importlib

    names = set()
    golden = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")
    for path in sorted(glob.glob(os.path.join(golden, "*_cases.py"))):
        with open(path) as f:
            if "cases(OPS)" not in f.read():
                continue
        mod = importlib.import_module(os.path.basename(path)[:-3])
        names.update(i.path.rsplit(".", 1)[-1] for i in mod.OPS if i.grad and not i.expect)
    return names


def test_every_differentiable_op_has_a_check_grads_case():
    """Each row of the ops catalogue is checked by `check_grads` (below, in an op-database suite's grad=True entry,
    or in tests/test_ops_more.py) or listed in NOT_DIFFERENTIATED."""
    import inspect
    import re

    from mindgrad.ops import _catalog
    used = set(re.findall(r"ops\.([A-Za-z_0-9]+)", inspect.getsource(sys.modules[__name__]).split("GRAD_CASES = {")[1]
                                                          .split("\n}\n")[0]))
    used |= _opdb_grad_checked() | CHECKED_IN_TEST_OPS_MORE
    unchecked = []
    for _, fns, prims in _catalog.rows():
        names = set(re.findall(r"`ops\.([A-Za-z_0-9]+)`", fns + prims))
        if not names & (used | NOT_DIFFERENTIATED | CHECKED_ELSEWHERE | KNOWN_GAPS):
            unchecked.append(fns or prims)
    assert unchecked == []


@pytest.mark.parametrize("name", sorted(GRAD_CASES))
def test_check_grads(name):
    fn, args = GRAD_CASES[name]

    def pure(*arrays):
        out = fn(*[wrap(a) for a in arrays])
        return out._arr.astype(jnp.float64)

    with jax.checking_leaks():
        check_grads(jax.jit(pure), tuple(args), order=1, modes=("rev",), atol=1e-4, rtol=1e-4)


_UNARY = {"exp": ops.exp, "sin": ops.sin, "tanh": ops.tanh, "sigmoid": ops.sigmoid, "erf": ops.erf,
          "square": ops.square, "softplus": ops.softplus, "gelu": ops.gelu}
_UNARY_JITTED = {name: jax.jit(lambda a, fn=fn: fn(wrap(a))._arr) for name, fn in _UNARY.items()}


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(sorted(_UNARY)), st.lists(st.floats(-4.0, 4.0), min_size=4, max_size=4))
def test_unary_grads_random_inputs(name, values):
    """Element-wise ops: the gradient of the mindgrad op equals finite differences of it, in float64."""
    x = jnp.asarray(values, jnp.float64)
    check_grads(_UNARY_JITTED[name], (x,), order=1, modes=("rev",), atol=1e-4, rtol=1e-4)


# --------------------------------------------------------------------------
# float32 numerics of MindSpore's CPU kernels
# --------------------------------------------------------------------------

@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(-86.0, 88.0, width=32), min_size=32, max_size=32))  # normal float32 results only
def test_exp_float32_within_mindspore_error_of_exact(values):
    """MindSpore's exp uses ln2 = 0.693147 (1.81e-7 short), so its relative error grows with the number of
    halvings |x| / ln2 (about 1.8e-7 to 2e-7 each, up to 2.5e-5 at the ends of the normal float32 range);
    the polynomial and rounding add up to about 3e-6."""
    x = np.asarray(values, np.float32)
    got = ops.exp(ms.Tensor(x)).asnumpy().astype(np.float64)
    exact = np.exp(x.astype(np.float64))
    ok = exact > 1.2e-38
    bound = 1.85e-7 * np.abs(x[ok].astype(np.float64)) / np.log(2.0) + 4e-6
    assert np.all(np.abs(got[ok] / exact[ok] - 1.0) <= bound)


def test_sigmoid_and_softmax_use_the_same_exp():
    x = ms.Tensor(np.array([-3.0, 0.5, 20.0], np.float32))
    e = ops.exp(-x).asnumpy()
    np.testing.assert_array_equal(ops.sigmoid(x).asnumpy(), (1 / (1 + e)).astype(np.float32))


# --------------------------------------------------------------------------
# ops without golden cases
# --------------------------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda: ops.standard_normal((2, 3)), lambda: ops.normal((2, 3), 1.0, 2.0), lambda: ops.randn(2, 3),
    lambda: ops.rand((2, 3)), lambda: ops.uniform((2, 3), ms.Tensor(1.0), ms.Tensor(2.0)),
    lambda: ops.StandardNormal(seed=1)((2, 3)), lambda: ops.UniformReal()((2, 3)),
])
def test_random_ops(make):
    ms.set_seed(7)
    a = make()
    assert a.shape == (2, 3) and a.dtype == ms.float32
    b = make()
    assert not np.array_equal(a.asnumpy(), b.asnumpy()), "a stream advances on every call"
    ms.set_seed(7)
    np.testing.assert_array_equal(make().asnumpy(), a.asnumpy())


def test_random_int_and_dropout():
    ms.set_seed(3)
    i = ops.UniformInt()((100,), ms.Tensor(np.int32(2)), ms.Tensor(np.int32(5)))
    assert i.dtype == ms.int32 and set(i.asnumpy().tolist()) <= {2, 3, 4}
    u = ops.uniform((50,), ms.Tensor(np.int32(0)), ms.Tensor(np.int32(3)), dtype=ms.int32)
    assert u.dtype == ms.int32 and u.asnumpy().max() < 3
    out, mask = ops.Dropout(keep_prob=0.8)(ms.Tensor(np.ones((1000,), np.float32)))
    kept = mask.asnumpy()
    assert set(np.unique(out.asnumpy()).tolist()) <= {0.0, 1.25} and 0.7 < kept.mean() < 0.9
    np.testing.assert_array_equal(out.asnumpy() != 0, kept != 0)


def test_rms_norm():
    x = np.random.RandomState(0).standard_normal((2, 4)).astype(np.float32)
    g = np.array([1.0, 2.0, 0.5, 1.0], np.float32)
    rstd = 1 / np.sqrt((x * x).mean(-1, keepdims=True) + 1e-6)
    y, r = ops.RmsNorm()(ms.Tensor(x), ms.Tensor(g))
    np.testing.assert_allclose(r.asnumpy(), rstd, rtol=1e-5)
    np.testing.assert_allclose(y.asnumpy(), x * rstd * g, rtol=1e-5)
    np.testing.assert_allclose(ops.rms_norm(ms.Tensor(x), ms.Tensor(g))[0].asnumpy(), y.asnumpy())
    check_grads(lambda a: ops.rms_norm(wrap(a), ms.Tensor(g.astype(np.float64)))[0]._arr,
                (jnp.asarray(x, jnp.float64),), order=1, modes=("rev",))


def test_resize_bilinear_v1():
    x = ms.Tensor(np.random.RandomState(1).standard_normal((1, 2, 3, 4)).astype(np.float32))
    np.testing.assert_array_equal(ops.ResizeBilinear((5, 6), half_pixel_centers=True)(x).asnumpy(),
                                  ops.ResizeBilinearV2(half_pixel_centers=True)(x, (5, 6)).asnumpy())


def test_unsupported_ops():
    prim = ops.NMSWithMask(0.5)  # constructible, as model code builds it in __init__
    with pytest.raises(NotImplementedError, match="NMSWithMask"):
        prim(ms.Tensor(np.ones((2, 5), np.float32)))


def test_comm_ops_on_one_device():
    x = ms.Tensor(np.arange(3, dtype=np.float32))
    np.testing.assert_array_equal(ops.AllReduce(op=ops.ReduceOp.SUM)(x).asnumpy(), x.asnumpy())
    np.testing.assert_array_equal(ops.AllGather()(x).asnumpy(), x.asnumpy())


def test_module_aliases():
    from mindgrad.ops import composite as C
    from mindgrad.ops import functional as F
    from mindgrad.ops import operations as P
    assert P.ReduceSum is ops.ReduceSum and P.MatMul is ops.MatMul
    assert F.matmul is ops.matmul and F.sum is ops.sum
    assert C.GradOperation is ops.GradOperation


def test_primitive_attributes_and_repr():
    op = ops.ReduceSum(keep_dims=True)
    assert op.keep_dims is True and op.attrs["keep_dims"] is True
    assert repr(op) == "Prim[ReduceSum]<keep_dims=True, skip_mode=False>"
    assert repr(ops.MatMul(transpose_b=True)) == "Prim[MatMul]<transpose_a=False, transpose_b=True>"
    assert (ops.Split(1, 3).axis, ops.Split(1, 3).output_num) == (1, 3)
    assert repr(ops.Add()) == "Prim[Add]"


@pytest.mark.parametrize("call, op_name", [
    (lambda: ops.MatMul()(ms.Tensor(np.ones((2, 3), np.float32)), ms.Tensor(np.ones((2, 2), np.float32))), "MatMul"),
    (lambda: ops.reshape(ms.Tensor(np.ones((2, 3), np.float32)), (4, -1)), "Reshape"),
    (lambda: ops.concat((ms.Tensor(np.ones((1, 3), np.float32)),) * 2, axis=2), "Concat"),
    (lambda: ops.softmax(ms.Tensor(np.ones((2,), np.int32))), "Softmax"),
    (lambda: ops.sum(ms.Tensor(np.ones((2, 3), np.float32)), 2), "ReduceSum"),
])
def test_error_messages_name_the_op(call, op_name):
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    assert f"For '{op_name}'" in str(info.value)


def test_ops_table_in_docs_is_current():
    from mindgrad.ops import _catalog
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "ops.md")
    with open(path) as f:
        assert f.read() == _catalog.markdown(), "regenerate: python -m mindgrad.ops._catalog > docs/ops.md"
