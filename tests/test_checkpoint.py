"""Checkpoints: MindSpore's `.ckpt` and safetensors files, read and written, and load_param_into_net."""

import json
import os
import pickle
import stat

import numpy as np
import pytest

import mindgrad as ms
from mindgrad import Parameter, Tensor, nn
from mindgrad.train import serialization
from mindgrad.train._ckpt_codec import CheckpointError

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "fixtures", "checkpoints")
FIXTURES = os.environ.get("MINDGRAD_FIXTURES", os.path.normpath(FIXTURES))
needs_fixtures = pytest.mark.skipif(not os.path.isdir(FIXTURES), reason="shared fixtures not present")


class MLP(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Dense(4, 8)
        self.relu = nn.ReLU()
        self.fc2 = nn.Dense(8, 3)

    def construct(self, x):
        return self.fc2(self.relu(self.fc1(x)))


def values(net):
    return {p.name: p.asnumpy().copy() for p in net.get_parameters()}


def assert_same_values(net, before):
    after = values(net)
    assert after.keys() == before.keys()
    for name in before:
        np.testing.assert_array_equal(after[name], before[name], err_msg=name)


# ---- MindSpore's own files -----------------------------------------------------------------------

@needs_fixtures
@pytest.mark.parametrize("fmt", ["ckpt", "safetensors"])
def test_mindspore_fixture_reproduces_its_output(fmt):
    spec = json.load(open(os.path.join(FIXTURES, "mlp.json")))
    net = MLP()
    params = ms.load_checkpoint(os.path.join(FIXTURES, "mlp." + fmt), format=fmt)
    assert {k: (list(v.shape), str(v.dtype)) for k, v in params.items()} == \
        {k: (v["shape"], v["dtype"]) for k, v in spec["params"].items()}
    assert ms.load_param_into_net(net, params) == ([], [])
    out = net(Tensor(np.array(spec["input"], np.float32))).asnumpy()
    np.testing.assert_allclose(out, np.array(spec["output"]), rtol=1e-6, atol=1e-7)


@needs_fixtures
@pytest.mark.parametrize("fmt", ["ckpt", "safetensors"])
def test_saving_the_fixture_network_writes_mindspores_bytes(tmp_path, fmt):
    source = os.path.join(FIXTURES, "mlp." + fmt)
    net = MLP()
    ms.load_checkpoint(source, net, format=fmt)
    ms.save_checkpoint(net, str(tmp_path / "again"), format=fmt)        # the extension is added
    assert (tmp_path / f"again.{fmt}").read_bytes() == open(source, "rb").read()


# ---- round trips ------------------------------------------------------------------------------------

DTYPES = [np.float32, np.float16, np.float64, np.int8, np.int16, np.int32, np.int64, np.uint8, np.bool_]


@pytest.mark.parametrize("fmt", ["ckpt", "safetensors"])
def test_round_trip_is_exact_for_every_dtype_and_shape(tmp_path, fmt):
    rng = np.random.RandomState(0)
    data = {f"p{i}": (rng.randn(3, 2) * 100).astype(dt) for i, dt in enumerate(DTYPES)}
    data["scalar"] = np.array(2.5, np.float32)
    data["empty"] = np.zeros((0, 3), np.float32)
    data["bf16"] = np.asarray(Tensor(rng.randn(5).astype(np.float32)).astype(ms.bfloat16).asnumpy())
    params = {k: Parameter(Tensor(v), name=k) for k, v in data.items()}
    path = str(tmp_path / f"all.{fmt}")
    ms.save_checkpoint(params, path, format=fmt)
    loaded = ms.load_checkpoint(path, format=fmt)
    for name, value in data.items():
        got = loaded[name].asnumpy()
        if name == "empty" and fmt == "ckpt":          # MindSpore writes and reads dims [0] as a scalar's
            continue
        assert got.dtype == value.dtype and got.shape == value.shape, name
        np.testing.assert_array_equal(got, value, err_msg=name)


def test_append_dict_and_list_inputs_are_saved_as_mindspore_does(tmp_path):
    net = MLP()
    path = str(tmp_path / "net.ckpt")
    ms.save_checkpoint(net.trainable_params(), path, append_dict={"epoch": 3, "lr": 0.5, "flag": True, "tag": "hi"})
    loaded = ms.load_checkpoint(path)
    assert list(loaded) == ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "epoch", "lr", "flag", "tag"]
    assert loaded["tag"] == "hi"
    assert (str(loaded["epoch"].dtype), loaded["epoch"].shape, int(loaded["epoch"].asnumpy())) == ("Int64", (), 3)
    assert str(loaded["lr"].dtype) == "Float32" and str(loaded["flag"].dtype) == "Bool"
    ms.save_checkpoint([{"name": "w", "data": Tensor([1.0, 2.0])}], str(tmp_path / "list.ckpt"))
    np.testing.assert_array_equal(ms.load_checkpoint(str(tmp_path / "list.ckpt"))["w"].asnumpy(), [1.0, 2.0])
    ms.save_checkpoint(loaded, str(tmp_path / "dict.ckpt"))
    assert list(ms.load_checkpoint(str(tmp_path / "dict.ckpt"))) == list(loaded)


def test_choice_func_and_prefixes_select_names(tmp_path):
    net = MLP()
    path = str(tmp_path / "net.ckpt")
    ms.save_checkpoint(net, path, choice_func=lambda name: name.startswith("fc1"))
    assert list(ms.load_checkpoint(path)) == ["fc1.weight", "fc1.bias"]
    ms.save_checkpoint(net, path)
    assert list(ms.load_checkpoint(path, choice_func=lambda n: n.endswith("bias"))) == ["fc1.bias", "fc2.bias"]
    assert list(ms.load_checkpoint(path, specify_prefix="fc2")) == ["fc2.weight", "fc2.bias"]
    assert list(ms.load_checkpoint(path, filter_prefix=["fc1", "fc2.bias"])) == ["fc2.weight"]
    with pytest.raises(ValueError, match="dict is empty"):
        ms.load_checkpoint(path, choice_func=lambda n: False)


def test_large_tensors_are_cut_into_slices_like_mindspore(tmp_path, monkeypatch):
    monkeypatch.setattr(serialization, "_SLICE_BYTES", 64)
    value = np.arange(70, dtype=np.float32).reshape(10, 7)
    path = str(tmp_path / "big.ckpt")
    ms.save_checkpoint({"big": Parameter(Tensor(value)), "small": Parameter(Tensor([1.0]))}, path)
    from mindgrad.train import _ckpt_codec
    records = _ckpt_codec.decode(open(path, "rb").read(), path)
    assert [r.tag for r in records] == ["big"] * 5 + ["small"]          # ceil(280 / 64) slices along axis 0
    assert all(r.dims == [10, 7] for r in records[:5])
    np.testing.assert_array_equal(ms.load_checkpoint(path)["big"].asnumpy(), value)


def test_the_reader_agrees_with_protobuf():
    """The hand-written codec against the protobuf package, on MindSpore's own message definition."""
    protobuf = pytest.importorskip("google.protobuf")
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
    del protobuf
    F = descriptor_pb2.FieldDescriptorProto
    fd = descriptor_pb2.FileDescriptorProto(name="checkpoint.proto", syntax="proto2")
    tensor = fd.message_type.add(name="TensorProto")
    tensor.field.add(name="dims", number=1, type=F.TYPE_INT64, label=F.LABEL_REPEATED)
    tensor.field.add(name="tensor_type", number=2, type=F.TYPE_STRING, label=F.LABEL_REQUIRED)
    tensor.field.add(name="tensor_content", number=3, type=F.TYPE_BYTES, label=F.LABEL_REQUIRED)
    ckpt = fd.message_type.add(name="Checkpoint")
    value = ckpt.nested_type.add(name="Value")
    value.field.add(name="tag", number=1, type=F.TYPE_STRING, label=F.LABEL_REQUIRED)
    value.field.add(name="tensor", number=2, type=F.TYPE_MESSAGE, type_name=".TensorProto", label=F.LABEL_OPTIONAL)
    ckpt.field.add(name="value", number=1, type=F.TYPE_MESSAGE, type_name=".Checkpoint.Value", label=F.LABEL_REPEATED)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(fd)
    Checkpoint = message_factory.GetMessageClass(pool.FindMessageTypeByName("Checkpoint"))

    from mindgrad.train import _ckpt_codec
    entries = [("w" * 200, [300, 2], "Float32", bytes(range(256)) * 3), ("s", [], "Int64", b"\x01" * 8),
               ("ü.name", [0], "str", "hé".encode("utf-32-le"))]
    ours = b"".join(_ckpt_codec.encode_value(*e) for e in entries)
    message = Checkpoint()
    for tag, dims, tensor_type, content in entries:
        v = message.value.add()
        v.tag, v.tensor.tensor_type, v.tensor.tensor_content = tag, tensor_type, content
        v.tensor.dims.extend(dims)
    assert ours == message.SerializeToString()
    parsed = Checkpoint()
    parsed.ParseFromString(ours)
    decoded = _ckpt_codec.decode(ours, "mem")
    assert [(v.tag, list(v.tensor.dims), v.tensor.tensor_type, v.tensor.tensor_content) for v in parsed.value] == \
        [(r.tag, r.dims, r.tensor_type, bytes(r.content)) for r in decoded]


def test_crc_trailer_is_written_and_checked(tmp_path):
    path = str(tmp_path / "crc.ckpt")
    ms.save_checkpoint(MLP(), path, crc_check=True)
    data = open(path, "rb").read()
    assert data[-17:-10] == b"crc_num"
    assert len(ms.load_checkpoint(path, crc_check=True)) == 4
    damaged = bytearray(data)
    damaged[40] ^= 0xFF
    os.chmod(path, stat.S_IWUSR | stat.S_IRUSR)
    open(path, "wb").write(bytes(damaged))
    with pytest.raises(CheckpointError, match="crc check"):
        ms.load_checkpoint(path, crc_check=True)


def test_save_is_atomic_and_leaves_the_file_read_only(tmp_path, monkeypatch):
    path = str(tmp_path / "net.ckpt")
    ms.save_checkpoint(MLP(), path)
    first = open(path, "rb").read()
    assert stat.S_IMODE(os.stat(path).st_mode) == stat.S_IRUSR
    monkeypatch.setattr(serialization, "_ckpt_bytes", lambda entries, crc: b"\x0a\x02partial")
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError, match="disk full"):
        ms.save_checkpoint(MLP(), path)
    assert open(path, "rb").read() == first
    assert os.listdir(tmp_path) == ["net.ckpt"]


# ---- loading into a network --------------------------------------------------------------------------

def test_missing_and_extra_names_are_reported(tmp_path):
    net = MLP()
    params = {"fc1.weight": Parameter(Tensor(np.ones((8, 4), np.float32))), "other": Parameter(Tensor([1.0]))}
    assert ms.load_param_into_net(net, params) == (["fc1.bias", "fc2.weight", "fc2.bias"], ["other"])
    np.testing.assert_array_equal(net.fc1.weight.asnumpy(), 1.0)


def test_names_with_an_extra_prefix_are_loaded_unless_strict():
    net = MLP()
    params = {"backbone." + k: Parameter(Tensor(np.full(p.shape, 2.0, np.float32))) for k, p in values(net).items()}
    before = values(net)
    assert ms.load_param_into_net(net, params, strict_load=True) == (list(before), list(params))
    assert_same_values(net, before)
    not_loaded, ckpt_not_loaded = ms.load_param_into_net(net, params)
    assert not_loaded == [] and ckpt_not_loaded == list(params)    # MindSpore keeps them listed
    assert all((v == 2.0).all() for v in values(net).values())


def test_dtypes_are_converted_unless_strict():
    net = MLP()
    half = {k: Parameter(Tensor(v.astype(np.float16))) for k, v in values(net).items()}
    ms.load_param_into_net(net, half)
    assert str(net.fc1.weight.dtype) == "Float32"
    with pytest.raises(RuntimeError, match="should have the same type"):
        ms.load_param_into_net(net, half, strict_load=True)
    with pytest.raises(RuntimeError, match="should have the same type"):
        ms.load_param_into_net(net, {"fc1.bias": Parameter(Tensor(np.ones(8, np.int32)))})


def test_shape_mismatch_names_file_and_parameter_and_changes_nothing(tmp_path):
    small = MLP()
    path = str(tmp_path / "small.ckpt")
    ms.save_checkpoint(small, path)

    class Wider(MLP):
        def __init__(self):
            super().__init__()
            self.fc2 = nn.Dense(8, 5)

    net = Wider()
    before = values(net)
    with pytest.raises(RuntimeError) as info:
        ms.load_checkpoint(path, net)
    message = str(info.value)
    assert "fc2.weight" in message and "(5, 8)" in message and "(3, 8)" in message and path in message
    assert_same_values(net, before)                  # fc1 came first in the file and was not loaded either


def test_trailing_unit_dimensions_are_squeezed_as_mindspore_does():
    net = MLP()
    ms.load_param_into_net(net, {"fc1.bias": Parameter(Tensor(np.ones((8, 1, 1), np.float32)))})
    assert net.fc1.bias.shape == (8,)


def test_type_errors_follow_mindspore():
    with pytest.raises(TypeError, match="should be a Cell"):
        ms.load_param_into_net({}, {})
    with pytest.raises(TypeError, match="should be a dict"):
        ms.load_param_into_net(MLP(), [])
    with pytest.raises(TypeError, match="must be nn.Cell, list or dict"):
        ms.save_checkpoint(3, "x.ckpt")
    with pytest.raises(NotImplementedError, match="enc_key"):
        ms.save_checkpoint(MLP(), "x.ckpt", enc_key=b"0" * 16)


# ---- bad files ---------------------------------------------------------------------------------------------

def write(path, data: bytes) -> str:
    with open(path, "wb") as f:
        f.write(data)
    return str(path)


def test_every_truncation_raises_or_loads_whole_parameters(tmp_path):
    full = str(tmp_path / "full.ckpt")
    saved = MLP()
    ms.save_checkpoint(saved, full)
    data = open(full, "rb").read()
    net = MLP()
    before = values(net)
    clean_cuts = 0
    for cut in range(1, len(data)):
        path = write(tmp_path / "cut.ckpt", data[:cut])
        try:
            loaded = ms.load_checkpoint(path)
        except CheckpointError as exc:
            assert path in str(exc) and ("truncated" in str(exc) or "corrupt" in str(exc))
            continue
        clean_cuts += 1                              # cut between two parameters: those before it are whole
        assert set(loaded) < set(before)
        for name, p in loaded.items():
            np.testing.assert_array_equal(p.asnumpy(), values(saved)[name])
    assert clean_cuts == 3
    with pytest.raises(CheckpointError, match="fc2.bias"):
        ms.load_checkpoint(write(tmp_path / "cut.ckpt", data[:-3]), net)
    assert_same_values(net, before)


def test_the_error_names_the_parameter_being_read(tmp_path):
    full = str(tmp_path / "full.ckpt")
    ms.save_checkpoint(MLP(), full)
    data = open(full, "rb").read()
    with pytest.raises(CheckpointError, match="parameter 'fc1.weight'"):
        ms.load_checkpoint(write(tmp_path / "cut.ckpt", data[:60]))
    broken = data.replace(b"Float32", b"Float99", 1)
    with pytest.raises(CheckpointError, match="'fc1.weight' has the unknown data type 'Float99'"):
        ms.load_checkpoint(write(tmp_path / "type.ckpt", broken))


@pytest.mark.parametrize("content, guess", [
    (b"", "empty"),
    (pickle.dumps({"w": np.ones(2)}), "pickle"),
    (b"PK\x03\x04" + b"\x00" * 40, "zip archive"),
    (b"\x93NUMPY" + b"\x00" * 40, "NumPy .npy"),
    (b"\xde\xad\xbe\xef" * 4, "de ad be ef"),
])
def test_files_that_are_not_checkpoints_are_named(tmp_path, content, guess):
    path = write(tmp_path / "bad.ckpt", content)
    with pytest.raises(CheckpointError, match=guess) as info:
        ms.load_checkpoint(path)
    assert path in str(info.value)


def test_a_pickle_is_never_unpickled(tmp_path):
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    for fmt in ("ckpt", "safetensors"):
        path = write(tmp_path / f"evil.{fmt}", pickle.dumps(Payload()))
        with pytest.raises(CheckpointError, match="pickle"):
            ms.load_checkpoint(path, format=fmt)
    assert not marker.exists()


def test_wrong_format_is_named(tmp_path):
    ckpt = str(tmp_path / "net.ckpt")
    ms.save_checkpoint(MLP(), ckpt)
    as_st = write(tmp_path / "net.safetensors", open(ckpt, "rb").read())
    with pytest.raises(CheckpointError, match="MindSpore .ckpt file"):
        ms.load_checkpoint(as_st, format="safetensors")
    st = str(tmp_path / "real.safetensors")
    ms.save_checkpoint(MLP(), st, format="safetensors")
    with pytest.raises(CheckpointError, match="safetensors file"):
        ms.load_checkpoint(write(tmp_path / "st.ckpt", open(st, "rb").read()))
    with pytest.raises(ValueError, match="format must same with 'format'"):
        ms.load_checkpoint(st)


def test_truncated_safetensors_names_the_file_and_changes_nothing(tmp_path):
    st = str(tmp_path / "net.safetensors")
    ms.save_checkpoint(MLP(), st, format="safetensors")
    data = open(st, "rb").read()
    net = MLP()
    before = values(net)
    for cut in (4, 20, len(data) - 5):
        path = write(tmp_path / "cut.safetensors", data[:cut])
        with pytest.raises(CheckpointError) as info:
            ms.load_checkpoint(path, net, format="safetensors")
        assert path in str(info.value)
    assert_same_values(net, before)


def test_corrupted_bytes_raise_only_checkpoint_errors(tmp_path):
    full = str(tmp_path / "full.ckpt")
    ms.save_checkpoint(MLP(), full, append_dict={"note": "x"})
    data = open(full, "rb").read()
    rng = np.random.RandomState(0)
    for _ in range(300):
        damaged = bytearray(data)
        for i in rng.randint(0, len(data), rng.randint(1, 4)):
            damaged[i] = rng.randint(0, 256)
        path = write(tmp_path / "bad.ckpt", bytes(damaged))
        try:
            ms.load_checkpoint(path)
        except CheckpointError as exc:
            assert path in str(exc)
