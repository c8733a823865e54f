"""The catalogue of supported ops and their spellings; `docs/ops.md` is generated from it.

    python -m mindgrad.ops._catalog > docs/ops.md

One row per op: its functional spellings (`ops.concat`, `ops.cat`) and its Primitive
class spellings (`ops.Concat`), grouped by family as MindSpore's documentation groups
them. A Primitive is paired with the functional op of the same name (ignoring case and
underscores) or with the one named in `_PAIRS`.
"""

from __future__ import annotations

import inspect

from . import function, operations
from .primitive import Primitive

# Primitive -> functional op, where the names differ.
_PAIRS = {
    "Div": "div", "RealDiv": "div", "FloorDiv": "floor_divide", "ReduceSum": "sum", "ReduceMean": "mean",
    "ReduceMax": "amax", "ReduceMin": "amin", "ReduceProd": "prod", "ReduceAll": "all", "ReduceAny": "any",
    "ArgMaxWithValue": "max", "ArgMinWithValue": "min", "Argmax": "argmax", "Argmin": "argmin",
    "GatherD": "gather_elements", "Split": "split", "Zeros": "zeros", "Ones": "ones", "GeLU": "gelu",
    "FastGeLU": "fast_gelu", "MaxPool": "max_pool2d",
    "SigmoidCrossEntropyWithLogits": "binary_cross_entropy_with_logits",
    "BCEWithLogitsLoss": "binary_cross_entropy_with_logits", "SoftmaxCrossEntropyWithLogits": "cross_entropy",
    "SparseSoftmaxCrossEntropyWithLogits": "cross_entropy", "ResizeNearestNeighbor": "interpolate",
    "ResizeBilinearV2": "interpolate", "ResizeBilinear": "interpolate", "StandardNormal": "standard_normal",
    "UniformReal": "uniform", "UniformInt": "uniform", "BatchMatMul": "bmm", "AddN": "addn",
    "Elu": "elu", "Identity": "identity", "Range": "range", "Sort": "sort", "TopK": "topk", "IsNan": "isnan",
    "IsInf": "isinf", "IsFinite": "isfinite", "Fill": "fill",
    "ReverseV2": "reverse", "TensorAdd": "add", "GatherV2": "gather",
}

# Functional spellings of one op that are separate functions (argument names differ) -> the main spelling.
_SAME = {
    "gather_d": "gather_elements", "select": "where", "top_k": "topk", "unbind": "unstack", "unsqueeze": "expand_dims",
    "mm": "matmul", "permute": "transpose", "remainder": "floor_mod", "true_divide": "div",
}

_FAMILIES = {
    "array_func": "Array", "array_ops": "Array", "math_func": "Math", "math_ops": "Math",
    "comparison_func": "Comparison and logic", "reduction_func": "Reduction", "nn_func": "Neural network",
    "nn_ops": "Neural network", "image_ops": "Image", "clip_func": "Clipping", "random_func": "Random",
    "random_ops": "Random", "parameter_func": "Parameter", "other_ops": "Parameter", "comm_ops": "Communication",
    "elementwise_func": "Math", "linalg_func": "Linear algebra", "array_shape_func": "Array",
    "array_select_func": "Array", "creation_func": "Array", "sampling_func": "Random",
    "conv_pool_func": "Neural network",
    "nn_more_func": "Neural network", "nn_more_ops": "Neural network", "array_math_more_ops": "Array and math",
    "inner_func": "Inner and deprecated", "inner_ops": "Inner and deprecated", "debug_ops": "Debug",
    "detection_ops": "Object detection", "custom_ops": "Custom operators",
    "mint_fn_support_func": "Math", "optim_ops": "Optimizer updates", "tail_func": "Math", "tail_ops": "Array and math",
    "batchnorm_ops": "Math", "batchnorm_func": "Math", "grad_func": "Automatic differentiation",
    "taylor_func": "Automatic differentiation", "vmap_func": "Automatic differentiation",
    "partial": "Automatic differentiation", "tensor_more_func": "Array", "complex_ops": "Complex numbers",
    "complex_func": "Complex numbers", "tail17_func": "Neural network", "rnn_ops": "Recurrent networks",
    "mint_shared_func": "Neural network", "ctc_func": "Neural network", "grid_func": "Image",
    "attention_func": "Neural network", "array_ext_func": "Array",
    "tail2_func": "Neural network", "tail2_ops": "Neural network",
    "products_shapes_func": "Array and math", "nn_pool3d_func": "Neural network", "tailpb_ops": "Array and math",
    "tailpb_gen_ops": "Neural network", "pa_linalg_ops": "Linear algebra", "pa_math_nn_ops": "Array and math",
}


def _key(name: str) -> str:
    return name.replace("_", "").lower()


def _family(obj) -> str:
    return _FAMILIES.get(inspect.getmodule(obj).__name__.rsplit(".", 1)[-1], "Other")


def rows() -> list[tuple[str, str, str]]:
    """(family, functional spellings, Primitive spellings), sorted by family and name."""
    groups: dict[int, list[str]] = {}
    for name in function.__all__:
        main = getattr(function, _SAME.get(name, name))
        groups.setdefault(id(main), []).append(name)
    by_key = {}
    for names in groups.values():
        names.sort(key=lambda n: (n in _SAME or n != getattr(function, n).__name__, n))  # the main name first
        for n in names:
            by_key.setdefault(_key(n), names[0])
    prims: dict[str, list[str]] = {}
    lone = []
    for name, obj in sorted(vars(operations).items()):
        if isinstance(obj, type) and issubclass(obj, Primitive):
            fn = _PAIRS.get(name) or by_key.get(_key(name))
            (prims.setdefault(fn, []) if fn else lone).append(name)
    out = []
    for names in groups.values():
        fn = getattr(function, names[0])
        out.append((_family(fn), ", ".join(f"`ops.{n}`" for n in names),
                    ", ".join(f"`ops.{p}`" for p in prims.get(names[0], []))))
    out += [(_family(getattr(operations, p)), "", f"`ops.{p}`") for p in lone]
    return sorted(out, key=lambda r: (r[0], (r[1] or r[2]).lower()))


def markdown() -> str:
    lines = ["# Supported ops", "",
             "Generated by `python -m mindgrad.ops._catalog` (the test suite checks it is current). Every op is",
             "reachable as `mindgrad.ops.<name>`; functional ops also through `ops.functional` (`F.`), Primitive",
             "classes through `ops.operations` (`P.`). `ops.auto_generate` holds `AddExt` and `SplitWithSize`,",
             "which MindSpore keeps only there.", "",
             "| family | functional | Primitive |", "|---|---|---|"]
    lines += [f"| {fam} | {fn} | {prim} |" for fam, fn, prim in rows()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
