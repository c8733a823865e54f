"""Attention and Transformer layers (`mindspore.nn.layer.transformer`).

`MultiheadAttention` keeps MindSpore's Parameters: `in_proj_weight` (3E, E) (XavierUniform) or,
when `kdim`/`vdim` differ from `embed_dim`, `q_proj_weight`/`k_proj_weight`/`v_proj_weight`;
`in_proj_bias` (zeros), `out_proj` a Dense, `bias_k`/`bias_v` (XavierNormal) with `add_bias_kv`.
Inputs are (L, N, E) ((N, L, E) with `batch_first`) or unbatched (L, E); boolean masks mark
masked positions (-inf), float masks are added; the attention weights returned are averaged
over heads by default and include dropout (training mode), as in MindSpore. Query and key are
each scaled by head_dim ** -0.25 before their product, as MindSpore computes it.
The encoder/decoder layers are post-norm by default (`norm_first=False`); `TransformerEncoder`
/ `TransformerDecoder` stack deep copies of a fresh layer built from the given layer's arguments.
"""

from __future__ import annotations

import copy
import math

import jax.numpy as jnp

from ...common import dtype as mstype
from ...common import seed as _seed
from ...common.initializer import HeUniform, Uniform, XavierNormal, XavierUniform, _calculate_fan_in_and_fan_out
from ...common.initializer import initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from ...ops.function import nn_func
from ..cell import Cell
from .activation import GELU, ReLU
from .basic import Dense, Dropout
from .container import CellList
from .normalization import LayerNorm

__all__ = ["MultiheadAttention", "TransformerEncoderLayer", "TransformerDecoderLayer", "TransformerEncoder",
           "TransformerDecoder", "Transformer"]


def _opt(x):
    return None if x is None else x._arr


def _is_float(a) -> bool:
    return jnp.issubdtype(a.dtype, jnp.floating)


def _check_kpm_dtype(mask, error=ValueError, message="only bool and floating types of key_padding_mask are "
                                                     "supported") -> None:
    if mask is not None and mask.dtype != jnp.bool_ and not _is_float(mask):
        raise error(message)


def _to_additive(mask, dtype):
    """A boolean mask as 0 / -inf in `dtype`; a float mask unchanged."""
    if mask.dtype == jnp.bool_:
        return jnp.where(mask, jnp.asarray(-jnp.inf, dtype), jnp.asarray(0, dtype))
    return mask


def _pad_last(mask):
    """One more key position (unmasked) at the end of a mask's last axis."""
    return jnp.pad(mask, [(0, 0)] * (mask.ndim - 1) + [(0, 1)])


class MultiheadAttention(Cell):
    """Multi-head attention: softmax(q k^T / sqrt(head_dim) + mask) v per head, projected by `out_proj`."""

    def __init__(self, embed_dim: int, num_heads: int, dropout: float = 0.0, has_bias: bool = True,
                 add_bias_kv: bool = False, add_zero_attn: bool = False, kdim: int | None = None,
                 vdim: int | None = None, batch_first: bool = False, dtype=mstype.float32) -> None:
        super().__init__()
        self.embed_dim = embed_dim
        self.kdim = kdim if kdim is not None else embed_dim
        self.vdim = vdim if vdim is not None else embed_dim
        self._qkv_same_embed_dim = self.kdim == embed_dim and self.vdim == embed_dim
        self.num_heads = num_heads
        self.dropout = dropout
        self.batch_first = batch_first
        self.head_dim = embed_dim // num_heads
        if self.head_dim * num_heads != embed_dim:
            raise ValueError("The init argument 'embed_dim' must be divisible by 'num_heads'.")
        dtype = mstype.float32 if dtype is None else dtype
        if self._qkv_same_embed_dim:
            self.in_proj_weight = Parameter(initializer(XavierUniform(), (3 * embed_dim, embed_dim), dtype),
                                            "in_proj_weight")
            self.q_proj_weight = self.k_proj_weight = self.v_proj_weight = None
        else:
            self.q_proj_weight = Parameter(initializer(XavierUniform(), (embed_dim, embed_dim), dtype),
                                           "q_proj_weight")
            self.k_proj_weight = Parameter(initializer(XavierUniform(), (embed_dim, self.kdim), dtype),
                                           "k_proj_weight")
            self.v_proj_weight = Parameter(initializer(XavierUniform(), (embed_dim, self.vdim), dtype),
                                           "v_proj_weight")
            self.in_proj_weight = None
        self.in_proj_bias = (Parameter(initializer("zeros", (3 * embed_dim,), dtype), "in_proj_bias") if has_bias
                             else None)
        fan_in, _ = _calculate_fan_in_and_fan_out((embed_dim, embed_dim))
        self.out_proj = Dense(embed_dim, embed_dim, has_bias=has_bias, weight_init=HeUniform(math.sqrt(5)),
                              bias_init=Uniform(1 / math.sqrt(fan_in)), dtype=dtype)
        if add_bias_kv:
            self.bias_k = Parameter(initializer(XavierNormal(), (1, 1, embed_dim), dtype), "bias_k")
            self.bias_v = Parameter(initializer(XavierNormal(), (1, 1, embed_dim), dtype), "bias_v")
        else:
            self.bias_k = self.bias_v = None
        self.add_zero_attn = add_zero_attn
        self.dtype = dtype
        self.__dict__["_mindgrad_rng"] = _seed.new_stream("dropout") if dropout > 0 else None

    def _project(self, q, k, v):
        e = q.shape[-1]
        bias = _opt(self.in_proj_bias)
        b_q, b_k, b_v = (None,) * 3 if bias is None else jnp.split(bias, 3)
        if self._qkv_same_embed_dim:
            w_q, w_k, w_v = jnp.split(self.in_proj_weight._arr, 3)
        else:
            w_q, w_k, w_v = self.q_proj_weight._arr, self.k_proj_weight._arr, self.v_proj_weight._arr
            for label, w, shape in (("query", w_q, (e, e)), ("key", w_k, (e, k.shape[-1])),
                                    ("value", w_v, (e, v.shape[-1]))):
                if tuple(w.shape) != shape:
                    raise ValueError(f"Expecting {label} weights shape of {shape}, but got {tuple(w.shape)}")

        def linear(x, w, b):
            y = x @ w.T
            return y if b is None else y + b

        return linear(q, w_q, b_q), linear(k, w_k, b_k), linear(v, w_v, b_v)

    def construct(self, query: Tensor, key: Tensor, value: Tensor, key_padding_mask: Tensor | None = None,
                  need_weights: bool = True, attn_mask: Tensor | None = None, average_attn_weights: bool = True):
        q_in, k_in, v_in = query._arr, key._arr, value._arr
        kpm, mask = _opt(key_padding_mask), _opt(attn_mask)
        _check_kpm_dtype(kpm)
        batched = q_in.ndim == 3
        if self.batch_first and batched:
            q_in, k_in, v_in = (jnp.swapaxes(t, 0, 1) for t in (q_in, k_in, v_in))
        out, weights = self._forward(q_in, k_in, v_in, kpm, mask, average_attn_weights)
        if self.batch_first and batched:
            out = jnp.swapaxes(out, 0, 1)
        return (wrap(out), wrap(weights)) if need_weights else (wrap(out),)

    def _check_shapes(self, q, k, v, kpm, mask) -> None:
        if q.ndim == 3:
            if k.ndim != 3 or v.ndim != 3:
                raise ValueError(f"For batched `query`, the `key` and `value` must be 3D tensor, but got `key` "
                                 f"with {k.ndim}D and `value` with {v.ndim}D.")
        elif q.ndim == 2:
            if k.ndim != 2 or v.ndim != 2:
                raise ValueError(f"For unbatched `query`, the `key` and `value` must be 2D tensor, but got `key` "
                                 f"with {k.ndim}D and `value` with {v.ndim}D.")
        else:
            raise ValueError(f"The `query` should be unbatched 2D or batched 3D tensor, but got `query` with "
                             f"{q.ndim}D.")
        if kpm is not None and kpm.ndim != q.ndim - 1:
            kind = "batched" if q.ndim == 3 else "unbatched"
            raise ValueError(f"For {kind} `query`, the `key_padding_mask` must be `None` or {q.ndim - 1}D, but got "
                             f"`key_padding_mask` with {kpm.ndim}D.")
        if mask is not None and mask.ndim not in (2, 3):
            kind = "batched" if q.ndim == 3 else "unbatched"
            raise ValueError(f"For {kind} `query`, the `attn_mask` must be `None`, 2-D or 3-D, but got `attn_mask` "
                             f"with{mask.ndim}D.")

    def _forward(self, q, k, v, kpm, mask, average: bool):
        self._check_shapes(q, k, v, kpm, mask)
        batched = q.ndim == 3
        if not batched:
            q, k, v = q[:, None], k[:, None], v[:, None]
            kpm = None if kpm is None else kpm[None]
        tgt_len, bsz, embed_dim = q.shape
        src_len = k.shape[0]
        heads, head_dim = self.num_heads, self.head_dim
        if embed_dim != self.embed_dim:
            raise ValueError(f"The `embed_dim` should be {self.embed_dim}, but got {embed_dim}.")
        if self._qkv_same_embed_dim and k.shape != v.shape:
            raise ValueError(f"The shape of `key` {k.shape} does not match `value` {v.shape}.")
        if not self._qkv_same_embed_dim and k.shape[:2] != v.shape[:2]:
            raise ValueError(f"The sequence length and batch dims of `key`: {k.shape[:2]} do not match `value`: "
                             f"{v.shape[:2]}.")
        q, k, v = self._project(q, k, v)
        if mask is not None:
            if mask.dtype == jnp.uint8:
                mask = mask.astype(jnp.bool_)
            elif not _is_float(mask) and mask.dtype != jnp.bool_:
                raise ValueError(f"`attn_mask` only support float, byte, and bool types, but got not "
                                 f"{mstype.from_numpy(mask.dtype)}.")
            expected = (tgt_len, src_len) if mask.ndim == 2 else (bsz * heads, tgt_len, src_len)
            if tuple(mask.shape) != expected:
                raise ValueError(f"The shape of the `attn_mask` should be {expected}, but got {tuple(mask.shape)}.")
            mask = mask[None] if mask.ndim == 2 else mask
        if self.bias_k is not None:
            k = jnp.concatenate([k, jnp.tile(self.bias_k._arr, (1, bsz, 1))])
            v = jnp.concatenate([v, jnp.tile(self.bias_v._arr, (1, bsz, 1))])
            mask = None if mask is None else _pad_last(mask)
            kpm = None if kpm is None else _pad_last(kpm)

        def split_heads(t):
            return jnp.swapaxes(t.reshape((t.shape[0], bsz * heads, head_dim)), 0, 1)

        q, k, v = split_heads(q), split_heads(k), split_heads(v)
        if self.add_zero_attn:
            zeros = jnp.zeros((bsz * heads, 1, head_dim), k.dtype)
            k, v = jnp.concatenate([k, zeros], axis=1), jnp.concatenate([v, zeros], axis=1)
            mask = None if mask is None else _pad_last(mask)
            kpm = None if kpm is None else _pad_last(kpm)
        src_len = k.shape[1]
        if kpm is not None:
            if tuple(kpm.shape) != (bsz, src_len):
                raise ValueError(f"The shape of `key_padding_mask` should be {(bsz, src_len)}, but got "
                                 f"{tuple(kpm.shape)}.")
            kpm = jnp.tile(kpm.reshape((bsz, 1, 1, src_len)), (1, heads, 1, 1)).reshape((bsz * heads, 1, src_len))
            if mask is None:
                mask = kpm
            elif mask.dtype == jnp.bool_:
                mask = mask | kpm.astype(jnp.bool_)
            else:  # as MindSpore: a boolean padding mask adds 0 / 1 to a float attention mask
                mask = mask + kpm.astype(mask.dtype)
        if mask is not None:
            mask = _to_additive(mask, q.dtype)
            mask = mask[None] if mask.shape[0] == 1 else mask.reshape((bsz, heads, -1, src_len))
        q = q.reshape((bsz, heads, tgt_len, head_dim))
        k = k.reshape((bsz, heads, src_len, head_dim))
        v = v.reshape((bsz, heads, src_len, head_dim))
        scale = jnp.sqrt(jnp.sqrt(jnp.asarray(head_dim, q.dtype)))
        scores = jnp.matmul(q / scale, jnp.swapaxes(k, -2, -1) / scale)
        if mask is not None:
            scores = scores + mask
        attn = nn_func._softmax(scores, -1)
        if self.training and self.dropout > 0:
            attn = nn_func.dropout_with_key(attn, 1 - self.dropout, _seed.next_key(self._mindgrad_rng))[0]
        out = jnp.matmul(attn, v)
        out = jnp.transpose(out, (2, 0, 1, 3)).reshape((bsz * tgt_len, embed_dim))
        out = self.out_proj(wrap(out))._arr.reshape((tgt_len, bsz, -1))
        attn = attn.reshape((bsz, heads, tgt_len, src_len))
        if average:
            attn = attn.sum(axis=1) / heads
        if not batched:
            out, attn = out[:, 0], attn[0]
        return out, attn


def _check_activation(activation):
    """MindSpore's checks of a Transformer layer's `activation`: 'relu', 'gelu', ops.relu or ops.gelu (a Cell
    instance fails the last check, as in MindSpore)."""
    from ... import ops

    if not isinstance(activation, (str, Cell)) and not callable(activation):
        raise ValueError(f"The argument 'activation' must be str, callable or Cell instance, but get {activation}.")
    if isinstance(activation, Cell) and not isinstance(activation, (ReLU, GELU)):
        raise ValueError(f"The argument 'activation' must be nn.ReLU or nn.GELU instance, but get {activation}.")
    if callable(activation) and activation is not ops.relu and activation is not ops.gelu:
        raise ValueError(f"The argument 'activation' must be ops.relu or ops.gelu instance, but get {activation}.")
    if isinstance(activation, str):
        if activation == "relu":
            return ops.relu
        if activation == "gelu":
            return ops.gelu
        raise ValueError(f"The activation must be relu/gelu, but get {activation}")
    return activation


class _TransformerLayer(Cell):
    """Feed-forward block, norms and dropouts shared by the encoder and decoder layers."""

    def __init__(self, d_model: int, nhead: int, dim_feedforward: int, dropout: float, activation,
                 layer_norm_eps: float, batch_first: bool, norm_first: bool, dtype, n_norms: int) -> None:
        super().__init__()
        self.self_attn = MultiheadAttention(d_model, nhead, dropout=dropout, batch_first=batch_first, dtype=dtype)
        if n_norms == 3:
            self.multihead_attn = MultiheadAttention(d_model, nhead, dropout=dropout, batch_first=batch_first,
                                                     dtype=dtype)
        fan_in, _ = _calculate_fan_in_and_fan_out((dim_feedforward, d_model))
        self.dense1 = Dense(d_model, dim_feedforward, weight_init=HeUniform(math.sqrt(5)),
                            bias_init=Uniform(1 / math.sqrt(fan_in)), dtype=dtype)
        self.dropout = Dropout(p=dropout)
        fan_in, _ = _calculate_fan_in_and_fan_out((d_model, dim_feedforward))
        self.dense2 = Dense(dim_feedforward, d_model, weight_init=HeUniform(math.sqrt(5)),
                            bias_init=Uniform(1 / math.sqrt(fan_in)), dtype=dtype)
        self.norm_first = norm_first
        for i in range(1, n_norms + 1):
            setattr(self, f"norm{i}", LayerNorm((d_model,), epsilon=layer_norm_eps, dtype=dtype))
        for i in range(1, n_norms + 1):
            setattr(self, f"dropout{i}", Dropout(p=dropout))
        self.activation1 = activation
        self.activation = _check_activation(activation)
        self.d_model = d_model
        self.nhead = nhead
        self.dim_feedforward = dim_feedforward
        self.dropout_num = dropout
        self.layernorm_eps = layer_norm_eps
        self.batch_first = batch_first
        self.dtype = dtype

    def _args(self) -> tuple:
        return (self.d_model, self.nhead, self.dim_feedforward, self.dropout_num, self.activation1,
                self.layernorm_eps, self.batch_first, self.norm_first)

    def _attend(self, attn: MultiheadAttention, x, mem, attn_mask, key_padding_mask, dropout: Dropout):
        return dropout(attn(x, mem, mem, attn_mask=attn_mask, key_padding_mask=key_padding_mask,
                            need_weights=False)[0])

    def _ff_block(self, x):
        out = self.dense2(self.dropout(self.activation(self.dense1(x))))
        return (self.dropout3 if hasattr(self, "multihead_attn") else self.dropout2)(out)


class TransformerEncoderLayer(_TransformerLayer):
    """Self-attention then feed-forward, each with a residual and LayerNorm (after, or before with
    `norm_first`)."""

    def __init__(self, d_model: int, nhead: int, dim_feedforward: int = 2048, dropout: float = 0.1,
                 activation="relu", layer_norm_eps: float = 1e-5, batch_first: bool = False,
                 norm_first: bool = False, dtype=mstype.float32) -> None:
        super().__init__(d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps, batch_first,
                         norm_first, dtype, n_norms=2)

    def construct(self, src: Tensor, src_mask: Tensor | None = None, src_key_padding_mask: Tensor | None = None):
        _check_kpm_dtype(_opt(src_key_padding_mask), AssertionError)
        x = src
        if self.norm_first:
            y = self.norm1(x)
            x = x + self._attend(self.self_attn, y, y, src_mask, src_key_padding_mask, self.dropout1)
            return x + self._ff_block(self.norm2(x))
        x = self.norm1(x + self._attend(self.self_attn, x, x, src_mask, src_key_padding_mask, self.dropout1))
        return self.norm2(x + self._ff_block(x))


class TransformerDecoderLayer(_TransformerLayer):
    """Self-attention, attention over `memory`, then feed-forward, each with a residual and LayerNorm."""

    def __init__(self, d_model: int, nhead: int, dim_feedforward: int = 2048, dropout: float = 0.1,
                 activation="relu", layer_norm_eps: float = 1e-5, batch_first: bool = False,
                 norm_first: bool = False, dtype=mstype.float32) -> None:
        super().__init__(d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps, batch_first,
                         norm_first, dtype, n_norms=3)

    def construct(self, tgt: Tensor, memory: Tensor, tgt_mask: Tensor | None = None,
                  memory_mask: Tensor | None = None, tgt_key_padding_mask: Tensor | None = None,
                  memory_key_padding_mask: Tensor | None = None):
        x = tgt
        if self.norm_first:
            y = self.norm1(x)
            x = x + self._attend(self.self_attn, y, y, tgt_mask, tgt_key_padding_mask, self.dropout1)
            x = x + self._attend(self.multihead_attn, self.norm2(x), memory, memory_mask, memory_key_padding_mask,
                                 self.dropout2)
            return x + self._ff_block(self.norm3(x))
        x = self.norm1(x + self._attend(self.self_attn, x, x, tgt_mask, tgt_key_padding_mask, self.dropout1))
        x = self.norm2(x + self._attend(self.multihead_attn, x, memory, memory_mask, memory_key_padding_mask,
                                        self.dropout2))
        return self.norm3(x + self._ff_block(x))


def _copies(layer: Cell, n: int) -> list:
    """`n` deep copies of `layer` (MindSpore deep-copies one freshly built layer); each copy has its own
    Parameters, which start from the (immutable) arrays of `layer`'s, shared rather than copied."""

    def fresh(p: Parameter) -> Parameter:
        return Parameter(wrap(p._arr), name=p.name, requires_grad=p.requires_grad)

    params = list(layer.get_parameters())
    return [copy.deepcopy(layer, {id(p): fresh(p) for p in params}) for _ in range(n)]


class TransformerEncoder(Cell):
    """`num_layers` copies of a layer built like `encoder_layer`, then `norm` if given."""

    def __init__(self, encoder_layer: TransformerEncoderLayer, num_layers: int, norm: Cell | None = None) -> None:
        super().__init__()
        layer = TransformerEncoderLayer(*encoder_layer._args(), dtype=encoder_layer.dtype)
        self.layers = CellList(_copies(layer, num_layers))
        self.num_layers = num_layers
        self.norm = norm

    def construct(self, src: Tensor, src_mask: Tensor | None = None, src_key_padding_mask: Tensor | None = None):
        _check_kpm_dtype(_opt(src_key_padding_mask), AssertionError)
        out = src
        for layer in self.layers:
            out = layer(out, src_mask=src_mask, src_key_padding_mask=src_key_padding_mask)
        return out if self.norm is None else self.norm(out)


class TransformerDecoder(Cell):
    """`num_layers` copies of a layer built like `decoder_layer`, then `norm` if given."""

    def __init__(self, decoder_layer: TransformerDecoderLayer, num_layers: int, norm: Cell | None = None) -> None:
        super().__init__()
        layer = TransformerDecoderLayer(*decoder_layer._args(), dtype=decoder_layer.dtype)
        self.layers = CellList(_copies(layer, num_layers))
        self.num_layers = num_layers
        self.norm = norm

    def construct(self, tgt: Tensor, memory: Tensor, tgt_mask: Tensor | None = None,
                  memory_mask: Tensor | None = None, tgt_key_padding_mask: Tensor | None = None,
                  memory_key_padding_mask: Tensor | None = None):
        out = tgt
        for layer in self.layers:
            out = layer(out, memory, tgt_mask=tgt_mask, memory_mask=memory_mask,
                        tgt_key_padding_mask=tgt_key_padding_mask, memory_key_padding_mask=memory_key_padding_mask)
        return out if self.norm is None else self.norm(out)


class Transformer(Cell):
    """Encoder-decoder Transformer; every Parameter of rank > 1 is redrawn XavierUniform."""

    def __init__(self, d_model: int = 512, nhead: int = 8, num_encoder_layers: int = 6, num_decoder_layers: int = 6,
                 dim_feedforward: int = 2048, dropout: float = 0.1, activation="relu",
                 custom_encoder: Cell | None = None, custom_decoder: Cell | None = None, layer_norm_eps: float = 1e-5,
                 batch_first: bool = False, norm_first: bool = False, dtype=mstype.float32) -> None:
        super().__init__()
        args = (d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps, batch_first, norm_first)
        if custom_encoder is not None:
            self.encoder = custom_encoder
        else:
            self.encoder = TransformerEncoder(TransformerEncoderLayer(*args, dtype=dtype), num_encoder_layers,
                                              LayerNorm((d_model,), epsilon=layer_norm_eps, dtype=dtype))
        if custom_decoder is not None:
            self.decoder = custom_decoder
        else:
            self.decoder = TransformerDecoder(TransformerDecoderLayer(*args, dtype=dtype), num_decoder_layers,
                                              LayerNorm((d_model,), epsilon=layer_norm_eps, dtype=dtype))
        for _, p in self.parameters_and_names():
            if p.ndim > 1:
                p.set_data(initializer("xavier_uniform", p.shape, p.dtype))
        self.d_model = d_model
        self.nhead = nhead
        self.batch_first = batch_first

    def construct(self, src: Tensor, tgt: Tensor, src_mask: Tensor | None = None, tgt_mask: Tensor | None = None,
                  memory_mask: Tensor | None = None, src_key_padding_mask: Tensor | None = None,
                  tgt_key_padding_mask: Tensor | None = None, memory_key_padding_mask: Tensor | None = None):
        if src.shape[-1] != self.d_model or tgt.shape[-1] != self.d_model:
            raise ValueError("The number of features for 'src' and 'tgt' must be equal to `d_model`.")
        memory = self.encoder(src, src_mask=src_mask, src_key_padding_mask=src_key_padding_mask)
        return self.decoder(tgt, memory, tgt_mask=tgt_mask, memory_mask=memory_mask,
                            tgt_key_padding_mask=tgt_key_padding_mask,
                            memory_key_padding_mask=memory_key_padding_mask)

