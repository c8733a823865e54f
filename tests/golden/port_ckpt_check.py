"""Checkpoints that mindgrad saves, loaded by real MindSpore: do they load whole and give the same outputs?

Two steps, the same networks defined once here for both frameworks:

    cd /work/main && .venv/bin/python tests/golden/port_ckpt_check.py save /tmp/ckpt_check
    cd /tmp && GLOG_v=3 /work/ms-oracle/bin/python /work/main/tests/golden/port_ckpt_check.py verify /tmp/ckpt_check

`save` (mindgrad) trains small networks, saves `.ckpt` and `.safetensors` files (a ModelCheckpoint
of a training network with its optimizer state, a CRC trailer, `append_dict`, every dtype) and the
inputs and outputs in `expected.npz`. `verify` (MindSpore) loads each file into the same network
with `load_param_into_net`, checks that nothing is left out, and compares outputs and values.
It prints one line per check and exits 1 if any fails.
"""

import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def networks(ms):
    nn = ms.nn

    class MLP(nn.Cell):
        def __init__(self):
            super().__init__()
            self.fc1 = nn.Dense(4, 8)
            self.relu = nn.ReLU()
            self.fc2 = nn.Dense(8, 3)

        def construct(self, x):
            return self.fc2(self.relu(self.fc1(x)))

    class ConvBN(nn.Cell):
        def __init__(self):
            super().__init__()
            self.features = nn.SequentialCell(nn.Conv2d(1, 4, 3, pad_mode="valid"), nn.BatchNorm2d(4), nn.ReLU(),
                                              nn.MaxPool2d(2, 2))
            self.flatten = nn.Flatten()
            self.head = nn.Dense(4 * 3 * 3, 5)

        def construct(self, x):
            return self.head(self.flatten(self.features(x)))

    return MLP, ConvBN


def seeded(net, ms, seed):
    rng = np.random.RandomState(seed)
    for p in net.trainable_params():
        p.set_data(ms.Tensor(rng.uniform(-0.5, 0.5, p.shape).astype(np.float32)))
    return net


DTYPE_VALUES = {
    "f16": np.linspace(-3, 3, 6, dtype=np.float16).reshape(2, 3), "f64": np.arange(4, dtype=np.float64) / 3,
    "i8": np.array([-128, 0, 127], np.int8), "i16": np.array([-7, 9], np.int16), "i32": np.array([[1, -2]], np.int32),
    "i64": np.array([2 ** 40, -5], np.int64), "u8": np.array([0, 255], np.uint8), "b": np.array([True, False]),
    "scalar": np.array(1.5, np.float32),
}


def save(out: str) -> None:
    sys.path.insert(0, REPO)
    import mindgrad as ms
    import mindgrad.dataset as ds
    from mindgrad.train import CheckpointConfig, Model, ModelCheckpoint

    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        os.chmod(os.path.join(out, f), 0o600)
        os.remove(os.path.join(out, f))
    MLP, ConvBN = networks(ms)
    rng = np.random.RandomState(0)
    x_mlp = rng.randn(5, 4).astype(np.float32)
    x_img = rng.randn(6, 1, 8, 8).astype(np.float32)
    y_img = rng.randint(0, 5, 6).astype(np.int32)

    mlp = seeded(MLP(), ms, 1)
    ms.save_checkpoint(mlp, os.path.join(out, "mlp.ckpt"))
    ms.save_checkpoint(mlp, os.path.join(out, "mlp.safetensors"), format="safetensors")
    ms.save_checkpoint(mlp, os.path.join(out, "mlp_crc.ckpt"), crc_check=True,
                       append_dict={"epoch_num": 7, "note": "saved by mindgrad"})

    net = seeded(ConvBN(), ms, 2)
    loss = ms.nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    opt = ms.nn.Momentum(net.trainable_params(), 0.05, 0.9)
    data = ds.NumpySlicesDataset({"x": x_img, "y": y_img}, shuffle=False).batch(3)
    config = CheckpointConfig(save_checkpoint_steps=100, keep_checkpoint_max=1)
    Model(net, loss, opt).train(2, data, callbacks=ModelCheckpoint("convbn", out, config))
    net.set_train(False)

    ms.save_checkpoint({k: ms.Parameter(ms.Tensor(v), name=k) for k, v in DTYPE_VALUES.items()},
                       os.path.join(out, "dtypes.ckpt"))
    np.savez(os.path.join(out, "expected.npz"), x_mlp=x_mlp, x_img=x_img,
             mlp=mlp(ms.Tensor(x_mlp)).asnumpy(), convbn=net(ms.Tensor(x_img)).asnumpy())
    print(f"saved to {out}: {sorted(os.listdir(out))}")


def verify(out: str) -> int:
    import mindspore as ms

    MLP, ConvBN = networks(ms)
    expected = np.load(os.path.join(out, "expected.npz"), allow_pickle=False)
    failures = 0

    def report(ok: bool, what: str) -> None:
        nonlocal failures
        failures += not ok
        print(("OK   " if ok else "FAIL ") + what)

    for name, fmt in (("mlp.ckpt", "ckpt"), ("mlp.safetensors", "safetensors"), ("mlp_crc.ckpt", "ckpt")):
        net = MLP()
        params = ms.load_checkpoint(os.path.join(out, name), format=fmt, crc_check=name == "mlp_crc.ckpt")
        missing = ms.load_param_into_net(net, params)
        diff = np.abs(net(ms.Tensor(expected["x_mlp"])).asnumpy() - expected["mlp"]).max()
        extra = {k: (v if isinstance(v, str) else v.asnumpy().tolist()) for k, v in params.items()
                 if not k.startswith("fc")}
        report(missing == ([], [] if not extra else list(extra)) and diff < 1e-6,
               f"{name}: not loaded {missing}, extra entries {extra}, max output difference {diff:.2e}")

    train_file = [f for f in os.listdir(out) if f.startswith("convbn") and f.endswith(".ckpt")][0]
    net = ConvBN()
    loss = ms.nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    opt = ms.nn.Momentum(net.trainable_params(), 0.05, 0.9)
    train_net = ms.nn.TrainOneStepCell(ms.nn.WithLossCell(net, loss), opt)
    params = ms.load_checkpoint(os.path.join(out, train_file))
    missing = ms.load_param_into_net(train_net, params)
    net.set_train(False)
    diff = np.abs(net(ms.Tensor(expected["x_img"])).asnumpy() - expected["convbn"]).max()
    report(missing == ([], []) and diff < 1e-5,
           f"{train_file} ({len(params)} entries, optimizer state and BatchNorm statistics included) into "
           f"TrainOneStepCell: not loaded {missing}, max output difference {diff:.2e}")

    params = ms.load_checkpoint(os.path.join(out, "dtypes.ckpt"))
    bad = [k for k, v in DTYPE_VALUES.items()
           if params[k].asnumpy().dtype != v.dtype or params[k].shape != v.shape or
           not np.array_equal(params[k].asnumpy(), v)]
    report(not bad, f"dtypes.ckpt: {len(DTYPE_VALUES)} dtypes and shapes read back exactly; wrong: {bad}")
    print(f"MindSpore {ms.__version__}: {failures} failed")
    return int(failures > 0)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("save", "verify"):
        raise SystemExit(__doc__)
    if sys.argv[1] == "save":
        save(sys.argv[2])
    else:
        sys.exit(verify(sys.argv[2]))
