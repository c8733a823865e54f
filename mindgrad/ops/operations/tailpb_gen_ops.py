"""Ascend-only generated Primitives of `mindspore.ops.auto_generate` (tailprimB) and `str_to_enum`.

PagedAttention, PagedAttentionMask, ReshapeAndCache and AdamW are Ascend kernels in MindSpore 2.10 (its CPU build
raises RuntimeError "The kernel ... unregistered" when they are called). Here they are constructed with
MindSpore's arguments (string options stored as their enum values) and calling them raises that RuntimeError.
"""

from __future__ import annotations

from ..primitive import Primitive, prim_attr_register

__all__ = ["AdamW", "PagedAttention", "PagedAttentionMask", "ReshapeAndCache", "str_to_enum"]

_FORMATS = ("NCHW NHWC NHWC4 HWKC HWCK KCHW CKHW KHWC CHWK HW HW4 NC NC4 NC4HW4 NCDHW NWC NCW NDHWC NC8HW8 "
            "FRACTAL_NZ ND NC1HWC0 FRACTAL_Z NC1C0HWPAD NHWC1C0 FSR_NCHW FRACTAL_DECONV C1HWNC0 "
            "FRACTAL_DECONV_TRANSPOSE FRACTAL_DECONV_SP_STRIDE_TRANS NC1HWC0_C04 FRACTAL_Z_C04 CHWN "
            "FRACTAL_DECONV_SP_STRIDE8_TRANS HWCN NC1KHKWHWC0 BN_WEIGHT FILTER_HWCK LOOKUP_LOOKUPS LOOKUP_KEYS "
            "LOOKUP_VALUE LOOKUP_OUTPUT").split()


def _seq(names: str, start: int = 0) -> dict:
    return {n: i for i, n in enumerate(names.split(), start)}


# MindSpore 2.10's enum values of string arguments (learned from `str_to_enum` itself): one table shared by every
# argument name, and separate tables for the argument names below.
_COMMON = {
    **{n: i for i, n in enumerate(_FORMATS)}, "DEFAULT_FORMAT": -1, "C1HWNCOC0": 43, "DHWCN": 46, "NDC1HWC0": 47,
    "FRACTAL_Z_3D": 48, "CN": 49, "DHWNC": 50, "FRACTAL_Z_3D_TRANSPOSE": 51, "FRACTAL_ZN_LSTM": 52,
    "ND_RNN_BIAS": 54, "FRACTAL_ZN_RNN": 55, "NCL": 58,
    **_seq("ROUND TRUNC FLOOR CEIL"), **_seq("PAD SAME VALID FULL"), **_seq("SUM MEAN NONE UPDATE"),
    **_seq("NO_ACTIVATION RELU SIGMOID RELU6 ELU LEAKY_RELU ABS RELU1 SOFTSIGN SOFTPLUS TANH SELU HSWISH HSIGMOID "
           "THRESHOLDRELU LINEAR HARD_TANH SIGN SWISH GELU GLU UNKNOWN FASTGELU SILU GEGLU SWIGLU REGLU"),
    **_seq("RZH ZRH"), **_seq("ASYMMETRIC ALIGN_CORNERS HALF_PIXEL CROP_AND_RESIZE"),
    **_seq("CONSTANT REFLECT SYMMETRIC"), "MODE_RESERVED": 9, "UNIDIRECTIONAL": 0, "LSTM": 0, "SYNC_BN_GROUP0": 0,
    **_seq("BILINEAR NEAREST BICUBIC2D"), **_seq("IJ XY"), **_seq("BACKWARD FORWARD ORTHO"),
    **_seq("ZEROS BORDER REFLECTION"), **_seq("RIGHT LEFT"), **_seq("BSH BNSD SBH BSND TND TH NSD SH BNSD_BSND"),
    **_seq("GELS GELSY GELSD GELSS"), **_seq("DEFAULT PERTOKEN"), **_seq("MASK_DEFAULT TRAPEZOIDAL"),
    **_seq("MASK_NONE MASK_NORM MASK_ALIBI MASK_SPEC MASK_FREE"), "ADD": 1,
}
_SPECIAL = {
    "reduce": _seq("NONE ADD MULTIPLY UPDATE"), "error_mode": _seq("CYCLE SPECIFIC"),
    "flip_mode": _seq("BITFLIP BITFLIP_DESIGNED MULTIPLY MULTIPLY_MAX"), "mode": _seq("REDUCED COMPLETE R"),
    "quant_mode": _seq("STATIC DYNAMIC"), "approximate": _seq("NONE TANH"), "device": _seq("Ascend npu CPU cpu"),
}


def str_to_enum(op_name: str, arg_name: str, enum_str):
    """MindSpore's integer enum value of the string argument `enum_str` (case-insensitive; None stays None)."""
    if enum_str is None:
        return None
    if not isinstance(enum_str, str):
        raise TypeError(f"For '{op_name}', the input '{arg_name}' should be a str, but got {type(enum_str)}.")
    table = _SPECIAL.get(arg_name, _COMMON)
    key = enum_str if arg_name == "device" else enum_str.upper()
    if key not in table:
        raise ValueError(f"Failed to convert the value \"{enum_str}\" of input '{arg_name}' of '{op_name}' to enum.")
    return table[key]


class _AscendOnly(Primitive):
    """A Primitive whose kernel MindSpore 2.10 has only on Ascend."""

    def __call__(self, *args, **kwargs):
        raise RuntimeError(f"The kernel {type(self).__name__} unregistered: MindSpore 2.10 has it only on Ascend, "
                           f"and mindgrad does not implement it.")


class PagedAttention(_AscendOnly):
    """Attention over a paged KV cache (Ascend only); `kv_cache_quant_mode` and `mask_mode` kept as enum values."""

    @prim_attr_register
    def __init__(self, head_num, scale_value, kv_head_num, kv_cache_quant_mode="DEFAULT", mask_mode="MASK_DEFAULT",
                 mla_v_dim=0):
        self.add_prim_attr("kv_cache_quant_mode", str_to_enum("PagedAttention", "kv_cache_quant_mode",
                                                               kv_cache_quant_mode))
        self.add_prim_attr("mask_mode", str_to_enum("PagedAttention", "mask_mode", mask_mode))


class PagedAttentionMask(_AscendOnly):
    """Attention over a paged KV cache with an alibi mask (Ascend only)."""

    @prim_attr_register
    def __init__(self, head_num, scale_value, kv_head_num, kv_cache_quant_mode="DEFAULT"):
        self.add_prim_attr("kv_cache_quant_mode", str_to_enum("PagedAttentionMask", "kv_cache_quant_mode",
                                                               kv_cache_quant_mode))


class ReshapeAndCache(_AscendOnly):
    """Writes key/value tokens into the paged caches at `slot_mapping` (Ascend only)."""

    @prim_attr_register
    def __init__(self):
        pass


class AdamW(_AscendOnly):
    """The fused AdamW update of (var, m, v[, max_v]) (Ascend only; `mindspore.mint.optim.AdamW` is the optimizer)."""

    @prim_attr_register
    def __init__(self):
        pass
