"""`mindgrad.train.Model` and its callbacks, with MindSpore's output formats."""

import io
import os
import re
import sys

import numpy as np
import pytest

import mindgrad as ms
import mindgrad.dataset as ds
from mindgrad import Tensor, nn
from mindgrad.train import (Accuracy, Callback, CheckpointConfig, LambdaCallback, Loss, LossMonitor, Model,
                            ModelCheckpoint, ProgressBar, TimeMonitor)

X = np.random.RandomState(0).randn(10, 4).astype(np.float32)
Y = np.random.RandomState(1).randint(0, 3, 10).astype(np.int32)


def dataset(batch=4):
    return ds.NumpySlicesDataset({"x": X, "y": Y}, shuffle=False).batch(batch)


def make_model(**kwargs):
    net = nn.Dense(4, 3, weight_init="ones", bias_init="zeros")
    net.weight.set_data(Tensor(np.linspace(-1, 1, 12).reshape(3, 4).astype(np.float32)))
    loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    opt = nn.Momentum(net.trainable_params(), 0.1, 0.9)
    return net, loss, opt, Model(net, loss, opt, **kwargs)


def test_train_runs_one_step_cell_and_loss_monitor_prints_mindspores_lines(capsys):
    net, loss, opt, model = make_model()
    model.train(2, dataset(), callbacks=LossMonitor())
    lines = capsys.readouterr().out.splitlines()
    assert [re.sub(r"loss is .*", "", ln) for ln in lines] == \
        [f"epoch: {e} step: {s}, " for e in (1, 2) for s in (1, 2, 3)]

    twin, twin_loss, twin_opt, _ = make_model()
    step = nn.TrainOneStepCell(nn.WithLossCell(twin, twin_loss), twin_opt)
    step.set_train()
    expected = [float(step(Tensor(X[i:i + 4]), Tensor(Y[i:i + 4])).asnumpy()) for _ in range(2) for i in (0, 4, 8)]
    np.testing.assert_allclose([float(ln.split("loss is ")[1]) for ln in lines], expected, rtol=1e-6)
    np.testing.assert_allclose(net.weight.asnumpy(), twin.weight.asnumpy(), rtol=1e-6)


def test_loss_monitor_every_n_steps_and_nan(capsys):
    _, _, _, model = make_model()
    model.train(2, dataset(), callbacks=[LossMonitor(per_print_times=2)])
    assert [ln[:18] for ln in capsys.readouterr().out.splitlines()] == \
        ["epoch: 1 step: 2, ", "epoch: 2 step: 1, ", "epoch: 2 step: 3, "]
    bad = ds.NumpySlicesDataset({"x": X * np.nan, "y": Y}, shuffle=False).batch(4)
    with pytest.raises(ValueError, match="epoch: 1 step: 1, loss is NAN or INF"):
        make_model()[3].train(1, bad, callbacks=LossMonitor())


def test_time_monitor_format(capsys):
    make_model()[3].train(1, dataset(), callbacks=TimeMonitor())
    assert re.fullmatch(r"Train epoch time: \d+\.\d{3} ms, per step time: \d+\.\d{3} ms\n", capsys.readouterr().out)


def test_eval_predict_and_metrics():
    net, _, _, model = make_model(metrics={"acc": Accuracy(), "loss": Loss()})
    result = model.eval(dataset())
    logits = net(Tensor(X)).asnumpy()
    assert result["acc"] == pytest.approx(np.mean(logits.argmax(1) == Y))
    assert isinstance(result["loss"], np.float64)
    np.testing.assert_allclose(model.predict(Tensor(X)).asnumpy(), logits, rtol=1e-6)
    assert set(make_model(metrics={"accuracy", "loss"})[3].eval(dataset())) == {"accuracy", "loss"}
    assert isinstance(make_model(metrics={"precision"})[3]._metric_fns["precision"], ms.train.Precision)
    with pytest.raises(ValueError, match="'metrics' can not be None"):
        make_model()[3].eval(dataset())


def test_fit_evaluates_and_loss_monitor_prints_the_result(capsys):
    _, _, _, model = make_model(metrics={"acc": Accuracy()})
    model.fit(2, dataset(), dataset(), valid_frequency=2, callbacks=LossMonitor(3))
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("epoch: 1 step: 3, loss is ")
    assert re.fullmatch(r"Eval result: epoch 2, metrics: \{'acc': .*\}", out[-1])


def test_callback_hooks_order_and_request_stop():
    events = []

    class Recorder(Callback):
        def on_train_begin(self, rc):
            events.append("begin")

        def on_train_epoch_begin(self, rc):
            events.append(f"epoch {rc.original_args().cur_epoch_num}")

        def step_end(self, rc):                        # the old name is still called
            cb = rc.original_args()
            events.append(f"step {cb.cur_step_num}")
            if cb.cur_step_num == 4:
                rc.request_stop()

        def on_train_end(self, rc):
            events.append("end")

    make_model()[3].train(3, dataset(), callbacks=[Recorder()])
    assert events == ["begin", "epoch 1", "step 1", "step 2", "step 3", "epoch 2", "step 4", "end"]
    seen = []
    make_model()[3].train(1, dataset(), callbacks=LambdaCallback(on_train_epoch_end=lambda rc: seen.append(
        rc.original_args().batch_num)))
    assert seen == [3]


def test_model_checkpoint_names_keeps_and_saves_the_train_network(tmp_path):
    config = CheckpointConfig(save_checkpoint_steps=2, keep_checkpoint_max=2)
    net, _, _, model = make_model()
    model.train(2, dataset(), callbacks=ModelCheckpoint(prefix="t", directory=str(tmp_path), config=config))
    assert sorted(os.listdir(tmp_path)) == ["t-2_1.ckpt", "t-2_3.ckpt"]
    saved = ms.load_checkpoint(str(tmp_path / "t-2_3.ckpt"))
    assert list(saved) == ["weight", "bias", "global_step", "learning_rate", "momentum", "moments.weight",
                           "moments.bias"]
    assert saved["learning_rate"].shape == () and int(saved["global_step"].asnumpy()[0]) == 6
    np.testing.assert_array_equal(saved["weight"].asnumpy(), net.weight.asnumpy())
    again = ModelCheckpoint(prefix="t", directory=str(tmp_path), config=config)
    make_model()[3].train(1, dataset(), callbacks=again)
    assert os.path.basename(again.latest_ckpt_file_name) == "t_1-1_3.ckpt"


def test_bad_options_name_the_argument():
    with pytest.raises(ValueError, match="'level' should be in"):
        make_model(amp_level="O7")
    with pytest.raises(ValueError, match="'kwargs' should be"):
        make_model(foo=1)


def test_progress_bar_draws_in_place_on_a_terminal_and_once_per_epoch_elsewhere(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delitem(sys.modules, "ipykernel", raising=False)         # as in a plain Python process
    live, plain, forced = Terminal(), io.StringIO(), io.StringIO()
    make_model()[3].train(2, dataset(), callbacks=[ProgressBar(stream=live, interval=0), ProgressBar(stream=plain),
                                                   ProgressBar(stream=forced, interval=0, live=True)])
    assert forced.getvalue().count("\r") == 8
    assert live.getvalue().count("\r") == 8 and live.getvalue().count("\n") == 2
    lines = plain.getvalue().splitlines()
    assert len(lines) == 2 and re.match(r"epoch 2/2 \[=+\] 3/3 loss \d+\.\d{4} [\d.]+ step/s", lines[1])
    monkeypatch.setenv("MINDGRAD_PROGRESS", "1")
    _, _, _, model = make_model()
    callbacks = []
    model.train(1, dataset(), callbacks=LambdaCallback(on_train_begin=lambda rc: callbacks.extend(
        rc.original_args().list_callback)))
    assert any(isinstance(cb, ProgressBar) for cb in callbacks)
