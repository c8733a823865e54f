"""Golden cases for the second batch of nn layers: recurrent layers and cells, attention and
Transformer layers, 1-D/3-D and transposed convolutions, adaptive and 3-D pooling, instance and
3-D batch normalization, and the padding/shuffle/activation/loss layers (MindSpore 2.10.0,
PyNative, CPU).

Every ``case_<name>(ms)`` takes the module under test (real ``mindspore`` when recording,
``mindgrad`` when replaying). Every Parameter a case uses is set from NumPy (``fix``), so
MindSpore's initializer RNG never matters; initializers are checked by shape, dtype and range.
Recorded with ``tests/golden/record.py nn_layers2``; replayed by ``tests/test_nn_layers2.py``.
"""

import numpy as np
from nn_cases import layer, names, outcome  # the nn suite's helpers


def tol(rtol=None, atol=None):
    def deco(fn):
        if rtol is not None:
            fn.rtol = rtol
        if atol is not None:
            fn.atol = atol
        return fn
    return deco


def arr(shape, seed, scale=1.0):
    return (np.random.RandomState(seed).standard_normal(size=shape) * scale).astype(np.float32)


def X(ms, shape, seed, scale=1.0):
    return ms.Tensor(arr(shape, seed, scale))


def fix(ms, cell, seed, scale=0.5):
    """Set every Parameter of ``cell`` (in get_parameters order) from NumPy; gammas and variances near 1."""
    for i, p in enumerate(cell.get_parameters()):
        leaf = p.name.split(".")[-1]
        values = arr(tuple(p.shape), seed + i, scale)
        if leaf in ("variance", "moving_variance", "gamma"):
            values = np.abs(values) + 0.5
        p.set_data(ms.Tensor(values.astype(p.asnumpy().dtype)))
    return cell


def forward(ms, cell, *xs):
    """Output and trainable (name, shape) only (one compile)."""
    return {"out": cell(*xs), "params": names(cell.trainable_params())}


def wrapped(ms, inner, call):
    """A Cell holding `inner` whose construct is `call(inner, *inputs)` (flat Tensor inputs for GradOperation)."""

    class Wrap(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.inner = inner

        def construct(self, *xs):
            return call(self.inner, *xs)

    return Wrap()


def init_stats(cell):
    """(name, shape, dtype, min >= -bound?, max <= bound?) of a freshly initialized cell, for bound 1/sqrt(hidden)."""
    bound = 1 / np.sqrt(cell.hidden_size) + 1e-6
    return [(p.name, tuple(p.shape), str(p.dtype), bool(p.asnumpy().min() >= -bound),
             bool(p.asnumpy().max() <= bound), bool(p.asnumpy().std() > 0)) for p in cell.get_parameters()]


# --------------------------------------------------------------------------
# recurrent layers
# --------------------------------------------------------------------------

@tol(rtol=1e-4, atol=1e-5)
def case_lstm_default_state(ms):
    net = fix(ms, ms.nn.LSTM(3, 4), 10)
    return forward(ms, net, X(ms, (5, 2, 3), 11))


@tol(rtol=1e-4, atol=1e-5)
def case_lstm_bidirectional_two_layers_batch_first_hx(ms):
    net = fix(ms, ms.nn.LSTM(3, 4, num_layers=2, batch_first=True, bidirectional=True), 12)
    cell = wrapped(ms, net, lambda n, x, h, c: n(x, (h, c)))
    return layer(ms, cell, X(ms, (2, 5, 3), 13), X(ms, (4, 2, 4), 14), X(ms, (4, 2, 4), 15))


@tol(rtol=1e-4, atol=1e-5)
def case_lstm_seq_length_bidirectional(ms):
    net = fix(ms, ms.nn.LSTM(3, 4, bidirectional=True), 16)
    lengths = ms.Tensor(np.array([5, 3, 1], np.int32))
    cell = wrapped(ms, net, lambda n, x: n(x, seq_length=lengths))
    return layer(ms, cell, X(ms, (5, 3, 3), 17))


@tol(rtol=1e-4, atol=1e-5)
def case_lstm_no_bias(ms):
    net = fix(ms, ms.nn.LSTM(2, 3, has_bias=False, num_layers=2), 18)
    return forward(ms, net, X(ms, (4, 2, 2), 19))


@tol(rtol=1e-4, atol=1e-5)
def case_gru_bidirectional_two_layers_hx(ms):
    net = fix(ms, ms.nn.GRU(3, 4, num_layers=2, bidirectional=True), 20)
    return layer(ms, net, X(ms, (5, 2, 3), 21), X(ms, (4, 2, 4), 22))


@tol(rtol=1e-4, atol=1e-5)
def case_gru_seq_length_batch_first(ms):
    net = fix(ms, ms.nn.GRU(3, 4, batch_first=True), 23)
    lengths = ms.Tensor(np.array([2, 4], np.int64))
    return forward(ms, wrapped(ms, net, lambda n, x: n(x, seq_length=lengths)), X(ms, (2, 4, 3), 24))


@tol(rtol=1e-4, atol=1e-5)
def case_rnn_relu_bidirectional(ms):
    net = fix(ms, ms.nn.RNN(3, 4, nonlinearity="relu", bidirectional=True), 25)
    return forward(ms, net, X(ms, (4, 2, 3), 26))


@tol(rtol=1e-4, atol=1e-5)
def case_rnn_tanh_two_layers_no_bias_seq_length(ms):
    net = fix(ms, ms.nn.RNN(3, 4, num_layers=2, has_bias=False), 27)
    lengths = ms.Tensor(np.array([3, 1], np.int32))
    cell = wrapped(ms, net, lambda n, x, h: n(x, h, lengths))
    return layer(ms, cell, X(ms, (3, 2, 3), 28), X(ms, (2, 2, 4), 29))


def case_rnn_parameter_names_nested(ms):
    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.lstm = ms.nn.LSTM(3, 4, num_layers=2, bidirectional=True, has_bias=False)
            self.gru = ms.nn.GRU(2, 3)
            self.cell = ms.nn.GRUCell(3, 4)

    return names(Net().get_parameters()), sorted(Net().parameters_dict())


def case_rnn_initializers(ms):
    return (init_stats(ms.nn.LSTM(3, 4, num_layers=2, bidirectional=True)), init_stats(ms.nn.GRU(3, 5)),
            init_stats(ms.nn.RNN(2, 3, dtype=ms.float16)), init_stats(ms.nn.LSTMCell(3, 4)),
            init_stats(ms.nn.GRUCell(3, 2, has_bias=False)), init_stats(ms.nn.RNNCell(3, 2)))


def case_rnn_attributes(ms):
    net = ms.nn.LSTM(3, 4, num_layers=2, dropout=0.5, batch_first=True)
    gru = ms.nn.GRU(3, 4, bidirectional=True)
    return (net.hidden_size, net.num_layers, net.dropout, net.batch_first, net.bidirectional, net.has_bias,
            gru.bidirectional, ms.nn.RNNCell(2, 3, nonlinearity="relu").nonlinearity)


def case_rnn_errors(ms):
    x = X(ms, (3, 2, 3), 32)
    h = X(ms, (1, 2, 4), 33)
    return [outcome(f) for f in (
        lambda: ms.nn.LSTM(3, 4, dropout=1.0), lambda: ms.nn.LSTM(3, 4, dropout=1), lambda: ms.nn.LSTM(0, 4),
        lambda: ms.nn.GRU(3, 4, num_layers=0), lambda: ms.nn.LSTM(3, 4, has_bias=1),
        lambda: ms.nn.RNN(3, 4, nonlinearity="sigmoid"), lambda: ms.nn.LSTM(3, 4, batch_first=1),
        lambda: ms.nn.GRU(3, 4)(x, ms.Tensor(h.asnumpy().astype(np.float64))),
        lambda: ms.nn.LSTM(3, 4)(x, h), lambda: ms.nn.LSTM(3, 4)(x, (h,)),
        lambda: ms.nn.GRU(3, 4)(x, seq_length=ms.Tensor(np.array([1.0, 2.0], np.float32))),
        lambda: ms.nn.GRU(3, 4)(x, seq_length=ms.Tensor(np.array([1, 2, 3], np.int32))))]


@tol(rtol=1e-5, atol=1e-6)
def case_rnn_cells(ms):
    x, h, c = X(ms, (2, 3), 40), X(ms, (2, 4), 41), X(ms, (2, 4), 42)
    out = {}
    for key, cell in (("tanh", ms.nn.RNNCell(3, 4)), ("gru", ms.nn.GRUCell(3, 4))):
        out[key] = layer(ms, fix(ms, cell, 43), x, h)
    for key, cell in (("relu", ms.nn.RNNCell(3, 4, nonlinearity="relu")),
                      ("gru_nobias", ms.nn.GRUCell(3, 4, has_bias=False))):
        out[key] = forward(ms, fix(ms, cell, 43), x, h)
    lstm = fix(ms, ms.nn.LSTMCell(3, 4), 44)
    out["lstm"] = layer(ms, wrapped(ms, lstm, lambda n, x, h, c: n(x, (h, c))), x, h, c)
    return out


def case_rnn_cell_errors(ms):
    x, h = X(ms, (2, 3), 45), X(ms, (2, 4), 46)
    return [outcome(f) for f in (
        lambda: ms.nn.RNNCell(3, 4, nonlinearity="gelu"), lambda: ms.nn.GRUCell(3, 4, has_bias="yes"),
        lambda: ms.nn.LSTMCell(0, 4), lambda: ms.nn.LSTMCell(3, 4, True, ms.float32, 1),
        lambda: ms.nn.LSTMCell(3, 4, dropout=0.5), lambda: ms.nn.RNNCell(3, 4)(x, h.asnumpy()),
        lambda: ms.nn.GRUCell(3, 4)(ms.Tensor(np.ones((2, 3), np.int32)), h),
        lambda: ms.nn.LSTMCell(3, 4)(x, h), lambda: ms.nn.LSTMCell(3, 4)(x, (h, h, h)))]


# --------------------------------------------------------------------------
# attention and Transformer layers
# --------------------------------------------------------------------------

def mha(ms, *args, seed=50, **kwargs):
    return fix(ms, ms.nn.MultiheadAttention(*args, **kwargs), seed)


@tol(rtol=1e-4, atol=1e-5)
def case_mha_self_attention(ms):
    return layer(ms, mha(ms, 8, 2), X(ms, (4, 2, 8), 51), X(ms, (4, 2, 8), 52), X(ms, (4, 2, 8), 53))


@tol(rtol=1e-4, atol=1e-5)
def case_mha_kdim_vdim_batch_first_per_head(ms):
    net = mha(ms, 6, 3, kdim=4, vdim=5, batch_first=True)
    cell = wrapped(ms, net, lambda n, q, k, v: n(q, k, v, average_attn_weights=False))
    return layer(ms, cell, X(ms, (2, 3, 6), 54), X(ms, (2, 5, 4), 55), X(ms, (2, 5, 5), 56))


@tol(rtol=1e-4, atol=1e-5)
def case_mha_masks(ms):
    net = mha(ms, 4, 2, seed=57)
    attn_mask = ms.Tensor(np.triu(np.ones((3, 3), bool), 1))
    kpm = ms.Tensor(np.array([[False, False, True], [False, False, False]]))
    float_mask = ms.Tensor(arr((4, 3, 3), 58))
    out = {"bool": layer(ms, wrapped(ms, net, lambda n, q: n(q, q, q, kpm, True, attn_mask)), X(ms, (3, 2, 4), 59)),
           "float3d": forward(ms, wrapped(ms, net, lambda n, q: n(q, q, q, attn_mask=float_mask)),
                              X(ms, (3, 2, 4), 60))}
    return out


@tol(rtol=1e-4, atol=1e-5)
def case_mha_bias_kv_zero_attn_no_weights(ms):
    net = mha(ms, 4, 2, add_bias_kv=True, add_zero_attn=True, seed=61)
    kpm = ms.Tensor(np.array([[False, True, False]]))
    cell = wrapped(ms, net, lambda n, q, k: n(q, k, k, key_padding_mask=kpm, need_weights=False))
    return layer(ms, cell, X(ms, (2, 1, 4), 62), X(ms, (3, 1, 4), 63))


@tol(rtol=1e-4, atol=1e-5)
def case_mha_unbatched_no_bias(ms):
    net = mha(ms, 4, 1, has_bias=False, seed=64)
    return layer(ms, net, X(ms, (3, 4), 65), X(ms, (2, 4), 66), X(ms, (2, 4), 67))


def case_mha_parameters_and_errors(ms):
    q = X(ms, (3, 2, 4), 68)
    net = ms.nn.MultiheadAttention(4, 2)
    return (names(net.get_parameters()), names(ms.nn.MultiheadAttention(4, 2, add_bias_kv=True, kdim=3,
                                                                          has_bias=False).get_parameters()),
            [outcome(f) for f in (lambda: ms.nn.MultiheadAttention(5, 2), lambda: net(q, X(ms, (3, 4), 1), q),
                                  lambda: net(q, q, q, attn_mask=ms.Tensor(np.ones((2, 3), bool))),
                                  lambda: net(q, q, q, key_padding_mask=ms.Tensor(np.ones((2, 3), np.int32))),
                                  lambda: net(X(ms, (3, 2, 6), 2), X(ms, (3, 2, 6), 2), X(ms, (3, 2, 6), 2)),
                                  lambda: net(q, q, q, attn_mask=ms.Tensor(np.ones((3, 3), np.int32))))])


@tol(rtol=1e-4, atol=1e-5)
def case_transformer_encoder_layer(ms):
    net = fix(ms, ms.nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.0), 70, scale=0.3)
    mask = ms.Tensor(np.array([[False, False, False, True], [False, False, False, False]]))
    cell = wrapped(ms, net, lambda n, x: n(x, src_key_padding_mask=mask))
    return layer(ms, cell, X(ms, (4, 2, 8), 71))


@tol(rtol=1e-4, atol=1e-5)
def case_transformer_encoder_layer_norm_first_gelu_batch_first(ms):
    net = fix(ms, ms.nn.TransformerEncoderLayer(4, 2, dim_feedforward=6, dropout=0.0, activation="gelu",
                                                norm_first=True, batch_first=True), 72, scale=0.3)
    return forward(ms, net, X(ms, (2, 3, 4), 73))


@tol(rtol=1e-4, atol=1e-5)
def case_transformer_decoder_layer(ms):
    net = fix(ms, ms.nn.TransformerDecoderLayer(4, 2, dim_feedforward=8, dropout=0.0), 74, scale=0.3)
    tgt_mask = ms.Tensor(np.triu(np.full((3, 3), -1e9, np.float32), 1))
    cell = wrapped(ms, net, lambda n, t, m: n(t, m, tgt_mask=tgt_mask))
    return layer(ms, cell, X(ms, (3, 2, 4), 75), X(ms, (5, 2, 4), 76))


@tol(rtol=1e-4, atol=1e-5)
def case_transformer_full(ms):
    net = fix(ms, ms.nn.Transformer(4, 2, 1, 1, 8, dropout=0.0), 84, scale=0.3)
    src = X(ms, (3, 2, 4), 85)
    return (forward(ms, net, src, X(ms, (2, 2, 4), 86)), outcome(lambda: net(src, X(ms, (3, 2, 5), 88))))


def case_transformer_structure_and_errors(ms):
    enc = ms.nn.TransformerEncoder(ms.nn.TransformerEncoderLayer(4, 2, 8), 2)
    x = X(ms, (3, 2, 4), 87)
    return (names(enc.get_parameters()), enc.layers[0].dropout_num, enc.layers[1].norm_first,
            [outcome(f) for f in (lambda: ms.nn.TransformerEncoderLayer(4, 2, 8, activation="tanh"),
                                  lambda: ms.nn.TransformerEncoderLayer(4, 2, 8, activation=ms.nn.ReLU()),
                                  lambda: ms.nn.TransformerDecoderLayer(4, 2, 8, activation=ms.ops.tanh),
                                  lambda: ms.nn.TransformerEncoderLayer(4, 3, 8),
                                  lambda: enc(x, src_key_padding_mask=ms.Tensor(np.zeros((2, 3), np.int32))))])


# --------------------------------------------------------------------------
# convolutions
# --------------------------------------------------------------------------

def case_conv3d_same_stride_bias(ms):
    conv = fix(ms, ms.nn.Conv3d(2, 3, (2, 3, 2), stride=(1, 2, 2), has_bias=True), 100)
    return layer(ms, conv, X(ms, (1, 2, 3, 5, 4), 101)), conv.kernel_size, conv.stride, conv.pad_mode


def case_conv3d_pad_dilation_group(ms):
    conv = fix(ms, ms.nn.Conv3d(4, 2, 2, pad_mode="pad", padding=(1, 0, 0, 1, 1, 1), dilation=(1, 2, 1), group=2),
               102)
    return layer(ms, conv, X(ms, (2, 4, 3, 4, 3), 103))


def case_conv3d_valid(ms):
    conv = fix(ms, ms.nn.Conv3d(1, 2, 3, stride=2, pad_mode="valid"), 104)
    return layer(ms, conv, X(ms, (1, 1, 5, 5, 6), 105))


def case_conv3d_transpose_modes(ms):
    out = {}
    for key, conv, shape in (
            ("same", ms.nn.Conv3dTranspose(2, 3, 3, stride=2, has_bias=True), (1, 2, 2, 3, 2)),
            ("valid", ms.nn.Conv3dTranspose(2, 2, (2, 3, 1), stride=(1, 2, 3), pad_mode="valid"), (1, 2, 2, 2, 2)),
            ("pad", ms.nn.Conv3dTranspose(2, 2, 3, stride=2, pad_mode="pad", padding=1, output_padding=1),
             (1, 2, 2, 2, 3))):
        out[key] = layer(ms, fix(ms, conv, 106), X(ms, shape, 107))
    return out


def case_conv1d_transpose_modes(ms):
    out = {}
    for key, conv in (("same", ms.nn.Conv1dTranspose(2, 3, 3, stride=2, has_bias=True)),
                      ("valid", ms.nn.Conv1dTranspose(2, 4, 4, stride=3, pad_mode="valid", group=2)),
                      ("pad", ms.nn.Conv1dTranspose(2, 2, 3, stride=2, pad_mode="pad", padding=1, dilation=2))):
        out[key] = layer(ms, fix(ms, conv, 108), X(ms, (2, 2, 5), 109))
    return out


def case_conv_more_structure(ms):
    convs = (ms.nn.Conv3d(2, 4, 3, has_bias=True), ms.nn.Conv3dTranspose(2, 4, (1, 2, 3)),
             ms.nn.Conv1dTranspose(2, 4, 3, has_bias=True))
    bound = [bool(np.abs(c.weight.asnumpy()).max() <= 1.0 / np.sqrt(np.prod(c.weight.shape[1:])) * np.sqrt(3) + 1e-6)
             for c in convs]
    return [names(c.get_parameters()) for c in convs], [str(c.weight.dtype) for c in convs], bound


def case_conv_more_errors(ms):
    x5 = X(ms, (1, 2, 3, 3, 3), 110)
    return [outcome(f) for f in (
        lambda: ms.nn.Conv3d(2, 3, 3, group=2), lambda: ms.nn.Conv3d(2, 4, (3, 3)),
        lambda: ms.nn.Conv3d(2, 4, 3, padding=(1, 1)), lambda: ms.nn.Conv3d(2, 4, 3, padding=1),
        lambda: ms.nn.Conv3d(2, 4, 0), lambda: ms.nn.Conv3d(3, 4, 3)(x5),
        lambda: ms.nn.Conv3dTranspose(2, 4, 3, output_padding=1), lambda: ms.nn.Conv1dTranspose(2, 4, (3,)),
        lambda: ms.nn.Conv1dTranspose(2, 4, 3, pad_mode="full"), lambda: ms.nn.Conv1dTranspose(2, 4, 3)(x5),
        lambda: ms.nn.Conv3dTranspose(2, 4, 3, has_bias=1))]


# --------------------------------------------------------------------------
# pooling
# --------------------------------------------------------------------------

def case_adaptive_avg_pool(ms):
    x4 = X(ms, (1, 2, 5, 7), 120)
    return {"2d": layer(ms, ms.nn.AdaptiveAvgPool2d((3, 4)), x4), "2d_none": ms.nn.AdaptiveAvgPool2d((2, None))(x4),
            "2d_chw_int": ms.nn.AdaptiveAvgPool2d(2)(X(ms, (2, 3, 3), 121)),
            "2d_up": ms.nn.AdaptiveAvgPool2d(4)(X(ms, (1, 1, 3, 2), 122)),
            "3d": layer(ms, ms.nn.AdaptiveAvgPool3d((2, None, 3)), X(ms, (1, 2, 3, 4, 5), 123)),
            "1d": layer(ms, ms.nn.AdaptiveAvgPool1d(3), X(ms, (2, 2, 6), 124))}


def case_adaptive_max_pool(ms):
    x4 = X(ms, (1, 2, 5, 7), 125)
    return {"2d": forward(ms, ms.nn.AdaptiveMaxPool2d((3, 4)), x4),
            "2d_indices": ms.nn.AdaptiveMaxPool2d((2, 3), return_indices=True)(x4),
            "2d_chw": ms.nn.AdaptiveMaxPool2d(2)(X(ms, (2, 3, 3), 126)),
            "3d_indices": ms.nn.AdaptiveMaxPool3d(2, return_indices=True)(X(ms, (1, 2, 3, 4, 5), 127)),
            "3d": layer(ms, ms.nn.AdaptiveMaxPool3d((1, 2, 3)), X(ms, (2, 3, 4, 5), 128)),
            "1d": layer(ms, ms.nn.AdaptiveMaxPool1d(2), X(ms, (2, 2, 6), 129))}


def case_adaptive_pool_errors(ms):
    return [outcome(f) for f in (
        lambda: ms.nn.AdaptiveAvgPool2d(2)(X(ms, (2, 3), 1)), lambda: ms.nn.AdaptiveAvgPool2d((2, 2, 2)),
        lambda: ms.nn.AdaptiveAvgPool2d(2)(ms.Tensor(np.ones((1, 2, 3, 3), np.int32))),
        lambda: ms.nn.AdaptiveAvgPool1d(2)(X(ms, (1, 2, 5), 1)), lambda: ms.nn.AdaptiveAvgPool1d(2)(X(ms, (2, 6), 1)),
        lambda: ms.nn.AdaptiveAvgPool1d(2.0), lambda: ms.nn.AdaptiveMaxPool1d(0),
        lambda: ms.nn.AdaptiveMaxPool1d(2)(ms.Tensor(np.ones((1, 2, 4), np.float64))),
        lambda: ms.nn.AdaptiveMaxPool2d(2)(X(ms, (2, 3, 3, 3, 3), 1)),
        lambda: ms.nn.AdaptiveAvgPool3d(2)(X(ms, (2, 3, 3), 1)))]


def case_pool3d(ms):
    x = X(ms, (1, 2, 4, 5, 6), 130)
    return {"max_valid": layer(ms, ms.nn.MaxPool3d(2, 2), x),
            "max_same": ms.nn.MaxPool3d((2, 3, 2), (1, 2, 2), pad_mode="same")(x),
            "max_pad_ceil": ms.nn.MaxPool3d(3, 2, pad_mode="pad", padding=1, ceil_mode=True)(x),
            "max_indices": ms.nn.MaxPool3d(2, 2, pad_mode="pad", return_indices=True)(x),
            "max_4d": ms.nn.MaxPool3d(2, 2)(X(ms, (2, 3, 4, 4), 131)),
            "avg_valid": layer(ms, ms.nn.AvgPool3d(2, 2), x),
            "avg_same": ms.nn.AvgPool3d(3, 2, pad_mode="same")(x),
            "avg_pad": layer(ms, ms.nn.AvgPool3d(3, 2, pad_mode="pad", padding=1), x),
            "avg_pad_exclude": ms.nn.AvgPool3d(3, 2, pad_mode="pad", padding=(1, 0, 1), count_include_pad=False)(x),
            "avg_divisor_ceil": ms.nn.AvgPool3d(2, 2, pad_mode="pad", ceil_mode=True, divisor_override=3)(x),
            "avg_4d": ms.nn.AvgPool3d(2, 1)(X(ms, (2, 3, 4, 4), 132))}


# --------------------------------------------------------------------------
# normalization
# --------------------------------------------------------------------------

def case_batchnorm3d(ms):
    bn = fix(ms, ms.nn.BatchNorm3d(3), 140)
    x = X(ms, (2, 3, 2, 3, 4), 141)
    eval_out = layer(ms, bn, x)
    bn.set_train()
    train_out = bn(x)
    return (names(bn.get_parameters()), eval_out, train_out, bn.bn2d.moving_mean, bn.bn2d.moving_variance,
            outcome(lambda: bn(X(ms, (2, 3, 4, 4), 142))))


def case_syncbatchnorm_single_device(ms):
    bn = fix(ms, ms.nn.SyncBatchNorm(3), 143)
    x = X(ms, (4, 3, 2, 2), 144)
    bn.set_train()
    train_out = layer(ms, bn, x)
    bn.set_train(False)
    return (names(bn.get_parameters()), train_out, bn.moving_mean, bn(x), bn(X(ms, (4, 3), 145)),
            outcome(lambda: bn(X(ms, (4, 3, 2), 146))))


def case_instancenorm_structure_and_errors(ms):
    norm = ms.nn.InstanceNorm2d(3, affine=False)
    return (names(norm.get_parameters()), [p.requires_grad for p in norm.get_parameters()], norm.momentum,
            [outcome(f) for f in (lambda: ms.nn.InstanceNorm1d(0), lambda: ms.nn.InstanceNorm2d(3, eps=1),
                                  lambda: ms.nn.InstanceNorm3d(3, momentum=1.5),
                                  lambda: ms.nn.InstanceNorm2d(3, gamma_init=[1.0]),
                                  lambda: ms.nn.InstanceNorm2d(3, affine=1))])


# --------------------------------------------------------------------------
# basic, math, image, padding and combined layers; losses
# --------------------------------------------------------------------------

def case_linear_and_clip_by_norm(ms):
    lin = fix(ms, ms.nn.Linear(3, 2), 150)
    x = X(ms, (2, 4, 3), 151)
    clip = ms.nn.ClipByNorm()
    return (layer(ms, lin, x), names(ms.nn.Linear(3, 2, bias=False).get_parameters()),
            str(ms.nn.Linear(3, 2, dtype=ms.float16).weight.dtype), clip(X(ms, (2, 3), 153), ms.Tensor(0.5)),
            clip(X(ms, (2, 3), 154, 0.01), ms.Tensor(10.0)),
            layer(ms, wrapped(ms, clip, lambda n, a: n(a, ms.Tensor(0.7))), X(ms, (2, 3), 156)),
            outcome(lambda: clip(X(ms, (2, 3), 157), 0.5)),
            [outcome(f) for f in (lambda: ms.nn.Linear(0, 2), lambda: ms.nn.Linear(3, 2, bias=1),
                                  lambda: ms.nn.Linear(3, 2, weight_init=ms.Tensor(np.ones((3, 2), np.float32))),
                                  lambda: lin(X(ms, (2, 4), 155)))])


def case_clip_by_norm_axis_quirk(ms):
    """MindSpore's CPU kernel reduces the wrong elements when `axis` is given (row 2's norm mixes in row 1);
    mindgrad clips each row by its own norm."""
    return ms.nn.ClipByNorm(axis=1)(X(ms, (2, 3), 152), ms.Tensor(1.0))


def case_upsample_onehot_norm_moments(ms):
    x = X(ms, (1, 2, 3, 4), 160)
    return {"up_size": ms.nn.Upsample(size=(5, 6))(x), "up_size_1d": ms.nn.Upsample(size=7)(X(ms, (1, 2, 3), 159)),
            "up_bilinear": ms.nn.Upsample(size=(4, 6), mode="bilinear", align_corners=True)(x),
            "onehot": ms.nn.OneHot(depth=4)(ms.Tensor(np.array([0, 3, 1], np.int32))),
            "onehot_axis0": ms.nn.OneHot(axis=0, depth=3, on_value=5.0, off_value=-1.0,
                                         dtype=ms.float16)(ms.Tensor(np.array([[0, 2], [1, 0]], np.int32))),
            "norm_all": ms.nn.Norm()(X(ms, (2, 1, 3), 161)),
            "norm_axis": layer(ms, ms.nn.Norm(axis=1), X(ms, (2, 3), 162)),
            "norm_keep": ms.nn.Norm(axis=(0, 2), keep_dims=True)(X(ms, (2, 3, 2), 163)),
            "moments": ms.nn.Moments(axis=(0, 2))(X(ms, (2, 3, 4), 164)),
            "moments_keep": ms.nn.Moments(axis=1, keep_dims=True)(X(ms, (2, 3), 165)),
            "moments_all": ms.nn.Moments()(X(ms, (2, 1, 3), 166)),
            "moments_grad": layer(ms, ms.nn.Moments(axis=0), X(ms, (3, 2), 167)),
            "moments_fp16": ms.nn.Moments(axis=0)(ms.Tensor(arr((3, 2), 168).astype(np.float16))),
            "errors": [outcome(f) for f in (lambda: ms.nn.Norm(keep_dims=1),
                                            lambda: ms.nn.Moments(axis=1.0),
                                            lambda: ms.nn.Moments()(ms.Tensor(np.ones(3, np.int32))))]}


def case_matmul_range_tril_unflatten(ms):
    mm = ms.nn.MatMul(transpose_x2=True)
    return {"mm": layer(ms, mm, X(ms, (2, 1, 3, 4), 170), X(ms, (3, 5, 4), 171)),
            "mm_1d": ms.nn.MatMul()(X(ms, (3,), 172), X(ms, (2, 3, 4), 173)),
            "mm_vec": ms.nn.MatMul()(X(ms, (3,), 174), X(ms, (3,), 175)),
            "mm_t1": ms.nn.MatMul(transpose_x1=True)(X(ms, (3, 2), 176), X(ms, (3, 4), 177)),
            "range": (ms.nn.Range(1, 8, 2)(), ms.nn.Range(0.5, 2.0, 0.5)(), ms.nn.Range(5)()),
            "tril": (ms.nn.Tril()(X(ms, (3, 4), 178)), ms.nn.Tril()(X(ms, (2, 3, 3), 179), -1),
                     ms.nn.Triu()(ms.Tensor(np.arange(9, dtype=np.int32).reshape(3, 3)), 1)),
            "unflatten": (ms.nn.Unflatten(1, (2, 3))(X(ms, (2, 6, 2), 180)).shape,
                          ms.nn.Unflatten(-1, [2, 2])(X(ms, (3, 4), 181)).shape),
            "errors": [outcome(f) for f in (lambda: ms.nn.MatMul(transpose_x1=1),
                                            lambda: mm(X(ms, (2, 3), 1), X(ms, (2, 4), 2)),
                                            lambda: ms.nn.Range(1, 5, 0), lambda: ms.nn.Unflatten(1.0, (2, 3)),
                                            lambda: ms.nn.Unflatten(1, 6),
                                            lambda: ms.nn.Unflatten(1, (4, 2))(X(ms, (2, 6), 3)))]}


def case_pixel_shuffle(ms):
    x = X(ms, (1, 8, 2, 3), 190)
    return {"shuffle": layer(ms, ms.nn.PixelShuffle(2), x),
            "shuffle_5d": ms.nn.PixelShuffle(3)(X(ms, (2, 1, 9, 2, 2), 191)),
            "unshuffle": ms.nn.PixelUnshuffle(2)(X(ms, (2, 2, 4, 6), 192)),
            "unshuffle_3d": ms.nn.PixelUnshuffle(2)(X(ms, (1, 4, 2), 193)),
            "errors": [outcome(f) for f in (lambda: ms.nn.PixelShuffle(2)(X(ms, (1, 6, 2, 2), 1)),
                                            lambda: ms.nn.PixelShuffle(0)(x),
                                            lambda: ms.nn.PixelUnshuffle(2)(X(ms, (1, 1, 3, 4), 2)),
                                            lambda: ms.nn.PixelShuffle(2)(X(ms, (8, 2), 3)),
                                            lambda: ms.nn.Unfold([1, 2, 2], [1, 1, 1, 1], [1, 1, 1, 1]),
                                            lambda: ms.nn.Unfold([1, 2, 2, 1], [1, 0, 1, 1], [1, 1, 1, 1]),
                                            lambda: ms.nn.Unfold([1, 2, 2, 1], [1, 1, 1, 1], [1, 1, 1, 1], "full"))]}


def case_padding_layers(ms):
    x = X(ms, (1, 2, 3, 4), 200)
    return {"const1d": ms.nn.ConstantPad1d((1, 2), 0.5)(x),
            "const1d_int": ms.nn.ConstantPad1d(1, 3)(X(ms, (2, 3), 201)),
            "const2d": layer(ms, ms.nn.ConstantPad2d((1, 0, 2, 1), 1.5), x),
            "const2d_neg": ms.nn.ConstantPad2d((-1, 1, 0, -1), 0.0)(x),
            "const3d": ms.nn.ConstantPad3d(1, -1.0)(X(ms, (1, 2, 2, 2), 202)),
            "zero2d": ms.nn.ZeroPad2d((1, 1, 0, 2))(x), "zero2d_int": ms.nn.ZeroPad2d(1)(X(ms, (2, 2, 2), 203)),
            "reflect1d": ms.nn.ReflectionPad1d((2, 1))(X(ms, (1, 2, 4), 204)),
            "reflect2d": layer(ms, ms.nn.ReflectionPad2d((1, 2, 2, 0)), x),
            "reflect2d_int": ms.nn.ReflectionPad2d(1)(X(ms, (2, 3, 3), 205)),
            "reflect3d": ms.nn.ReflectionPad3d((1, 0, 0, 1, 1, 1))(X(ms, (1, 1, 2, 3, 3), 206)),
            "replicate1d": ms.nn.ReplicationPad1d((2, 1))(X(ms, (2, 3), 207)),
            "replicate2d": layer(ms, ms.nn.ReplicationPad2d((1, 0, 2, 1)), x),
            "replicate3d": ms.nn.ReplicationPad3d(1)(X(ms, (1, 1, 2, 2, 2), 208)),
            "errors": [outcome(f) for f in (lambda: ms.nn.ConstantPad1d((1, 2, 3), 0.0),
                                            lambda: ms.nn.ConstantPad1d((1, 2, 3, 4), 0.0),
                                            lambda: ms.nn.ConstantPad2d((1,) * 6, 0.0),
                                            lambda: ms.nn.ConstantPad2d([1, 1], 0.0),
                                            lambda: ms.nn.ConstantPad2d(1, "a"),
                                            lambda: ms.nn.ReflectionPad2d([1, 1]),
                                            lambda: ms.nn.ReflectionPad2d((1, -1)),
                                            lambda: ms.nn.ReflectionPad1d((1, 1.0)),
                                            lambda: ms.nn.ReflectionPad2d((4, 4))(x),
                                            lambda: ms.nn.ReplicationPad2d((1, 1, 1)))]}


def case_dropout_nd(ms):
    x = X(ms, (2, 3, 2, 2), 210)
    d2, d3 = ms.nn.Dropout2d(p=0.5), ms.nn.Dropout3d(p=0.25)
    y = X(ms, (2, 3, 2, 2, 2), 211)
    d2.set_train()
    d3.set_train()
    out2, out3 = d2(x).asnumpy(), d3(y).asnumpy()

    def channels_whole(out, inp, keep):
        per_channel = out.reshape(out.shape[0], out.shape[1], -1)
        scaled = inp.asnumpy().reshape(per_channel.shape) / keep
        rows, want = per_channel.reshape(-1, per_channel.shape[-1]), scaled.reshape(-1, per_channel.shape[-1])
        return bool(all(np.allclose(rows[i], 0) or np.allclose(rows[i], want[i], rtol=1e-5) for i in range(len(rows))))

    return (ms.nn.Dropout2d()(x), ms.nn.Dropout3d(p=0.0)(y), channels_whole(out2, x, 0.5),
            channels_whole(out3, y, 0.75), d2.keep_prob, d3.keep_prob,
            [outcome(f) for f in (lambda: ms.nn.Dropout2d(p=1), lambda: ms.nn.Dropout2d(p=1.5),
                                  lambda: ms.nn.Dropout3d(p=-0.1), lambda: d2(y), lambda: d3(x))])


def case_combined_layers(ms):
    conv = fix(ms, ms.nn.Conv2dBnAct(2, 3, 3, has_bn=True, activation="relu"), 220)
    dense = fix(ms, ms.nn.DenseBnAct(3, 2, has_bn=True, activation="leakyrelu", alpha=0.1), 221)
    plain = fix(ms, ms.nn.DenseBnAct(3, 2), 222)
    return (names(conv.get_parameters()), names(dense.get_parameters()), layer(ms, conv, X(ms, (2, 2, 4, 4), 223)),
            forward(ms, dense, X(ms, (4, 3), 224)), plain(X(ms, (2, 3), 225)),
            [outcome(f) for f in (lambda: ms.nn.DenseBnAct(3, 2, activation=3),
                                  lambda: ms.nn.Conv2dBnAct(2, 3, 3, has_bn=1),
                                  lambda: ms.nn.DenseBnAct(3, 2, activation="nope"))])


def case_dice_loss(ms):
    loss = ms.nn.DiceLoss(smooth=1e-3)
    return (layer(ms, loss, X(ms, (3, 4), 230), ms.Tensor((arr((3, 4), 231) > 0).astype(np.float32))),
            ms.nn.DiceLoss()(X(ms, (2, 2, 3), 232), X(ms, (2, 2, 3), 233)),
            [outcome(f) for f in (lambda: ms.nn.DiceLoss(0.0), lambda: ms.nn.DiceLoss(1),
                                  lambda: loss(X(ms, (3, 4), 1), X(ms, (2, 4), 2)),
                                  lambda: loss(X(ms, (3, 4), 1), np.ones((3, 4))))])


def case_psnr_ssim_quirk(ms):
    """MindSpore 2.10 (PyNative, CPU) raises ValueError from ScalarCast on every PSNR/SSIM call; mindgrad
    computes them (checked against NumPy in tests/test_nn_layers2.py)."""
    a = ms.Tensor(np.random.RandomState(240).uniform(0, 1, (2, 2, 8, 9)).astype(np.float32))
    return ms.nn.PSNR()(a, a * 0.5).shape, ms.nn.SSIM(filter_size=4)(a, a * 0.5).shape


def case_psnr_ssim_structure_and_errors(ms):
    ssim = ms.nn.SSIM(filter_size=4)
    return (names(ssim.get_parameters()), [p.requires_grad for p in ssim.get_parameters()], ssim.conv.weight,
            [outcome(f) for f in (lambda: ms.nn.PSNR(0), lambda: ms.nn.PSNR("1"), lambda: ms.nn.SSIM(filter_size=0),
                                  lambda: ms.nn.SSIM(k1=1), lambda: ms.nn.SSIM(filter_sigma=0.0))])


def case_embedding_lookup(ms):
    emb = fix(ms, ms.nn.EmbeddingLookup(5, 3), 250)
    ids = ms.Tensor(np.array([[0, 4, 2], [1, 1, 3]], np.int32))
    out = forward(ms, emb, ids)  # (MindSpore's table gradient is sparse: one row per id)
    return (out["out"], out["params"], emb(ms.Tensor(np.array([5, -1, 2], np.int32))),
            ms.nn.EmbeddingLookup.TABLE_ROW_SLICE, ms.nn.EmbeddingLookup.TABLE_COLUMN_SLICE,
            ms.nn.EmbeddingLookup.FIELD_SLICE, ms.nn.EmbeddingLookup.BATCH_SLICE,
            [outcome(f) for f in (lambda: ms.nn.EmbeddingLookup(0, 3),
                                  lambda: ms.nn.EmbeddingLookup(5, 3, target="GPU"),
                                  lambda: ms.nn.EmbeddingLookup(5, 3, sparse=False),
                                  lambda: ms.nn.EmbeddingLookup(5, 3, max_norm=-1.0),
                                  lambda: ms.nn.EmbeddingLookup(5, 3, sparse=1))])


def case_embedding_lookup_max_norm_quirk(ms):
    """MindSpore clips with ClipByNorm(axis), whose CPU kernel mixes rows (see clip_by_norm_axis_quirk): its
    second row keeps a norm above max_norm; mindgrad clips every row to max_norm."""
    emb = fix(ms, ms.nn.EmbeddingLookup(4, 3, max_norm=0.5), 251, scale=1.0)
    return emb(ms.Tensor(np.array([0, 3], np.int32)))
