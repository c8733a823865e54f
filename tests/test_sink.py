"""Data sinking: `Model.train/eval(dataset_sink_mode=True)` and `ms.data_sink` run chunks of steps as one
compiled program, with MindSpore's callbacks and the Parameters of the same steps run one by one.

Golden fixtures (tests/golden/sink_cases.py) pin what MindSpore 2.10's CPU build shows: `LossMonitor`'s
sink-mode output, the Parameters of `sink_size=-1` training, the errors of bad arguments. That build
does not sink (it falls back to host-fed steps), so the per-sink callback values below follow
MindSpore's `Model._train_dataset_sink_process` (GRAPH_MODE: one step per sink, `cur_step_num`
advancing by `sink_size`, the epochs counted in sinks; PYNATIVE_MODE: one step per batch), written by
hand from its source.
"""

import numpy as np
import pytest

import mindgrad as ms
from mindgrad import nn
from mindgrad._engine import cache
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("sink")


@pytest.mark.parametrize("name", SUITE.params())
def test_golden_sink(name):
    SUITE.check(name, ms)


def _dataset(rows: int = 10, batch: int = 2, drop: bool = True):
    rs = np.random.RandomState(0)
    data = {"x": rs.randn(rows, 4).astype(np.float32), "y": rs.randn(rows, 2).astype(np.float32)}
    return ms.dataset.NumpySlicesDataset(data, shuffle=False).batch(batch, drop_remainder=drop)


def _model():
    net = nn.Dense(4, 2, weight_init=ms.Tensor(np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)),
                   bias_init=ms.Tensor(np.array([0.1, -0.2], np.float32)))
    return net, ms.Model(net, nn.MSELoss(), nn.Momentum(net.trainable_params(), 0.05, 0.9), metrics={"mae", "loss"})


class _Log(ms.train.Callback):
    """(hook, epoch, step, loss) of every callback hook MindSpore's sink loop calls."""

    def __init__(self):
        super().__init__()
        self.log = []

    def _add(self, hook, run_context):
        p = run_context.original_args()
        loss = p.get("net_outputs")
        self.log.append((hook, p.cur_epoch_num, p.cur_step_num, p.batch_num, p.dataset_sink_mode,
                         None if loss is None or hook.endswith("begin") else float(loss.asnumpy())))

    def on_train_epoch_begin(self, run_context):
        self._add("epoch_begin", run_context)

    def on_train_step_begin(self, run_context):
        self._add("step_begin", run_context)

    def on_train_step_end(self, run_context):
        self._add("step_end", run_context)

    def on_train_epoch_end(self, run_context):
        self._add("epoch_end", run_context)


def _train(mode, epochs, dataset=None, **kwargs):
    ms.set_context(mode=mode)
    try:
        net, model = _model()
        log = _Log()
        model.train(epochs, dataset or _dataset(), callbacks=[log], **kwargs)
        return [p.asnumpy() for p in net.trainable_params()], log.log
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


def _losses(log):
    return [entry[5] for entry in log if entry[0] == "step_end"]


@pytest.fixture(scope="module")
def steps_one_by_one():
    """15 steps without sink (3 epochs of 5 batches), in GRAPH_MODE: Parameters and per-step losses."""
    params, log = _train(ms.GRAPH_MODE, 3)
    return params, _losses(log)


def test_graph_sink_callbacks_once_per_sink_and_same_parameters(steps_one_by_one):
    # sink_size 3 over 5 batches: 5 "epochs" of 3 steps cross the dataset's epochs (15 steps in all).
    params, log = _train(ms.GRAPH_MODE, 5, dataset_sink_mode=True, sink_size=3)
    want_params, want_losses = steps_one_by_one
    for got, want in zip(params, want_params, strict=True):
        np.testing.assert_array_equal(got, want)  # bit for bit on the CPU
    expected = []
    for epoch in range(1, 6):
        step = 3 * epoch
        expected += [("epoch_begin", epoch, step - 3, 3, True, None), ("step_begin", epoch, step, 3, True, None),
                     ("step_end", epoch, step, 3, True, want_losses[step - 1]), ("epoch_end", epoch, step, 3, True,
                                                                                 want_losses[step - 1])]
    assert [e[:5] for e in log] == [e[:5] for e in expected]
    np.testing.assert_allclose(_losses(log), _losses(expected), rtol=1e-6)


def test_pynative_sink_callbacks_once_per_step_and_sink_size_minus_one(steps_one_by_one):
    params, log = _train(ms.PYNATIVE_MODE, 3, dataset_sink_mode=True, sink_size=-1)
    want_params, want_losses = steps_one_by_one
    for got, want in zip(params, want_params, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-7)
    steps = [e for e in log if e[0] == "step_end"]
    assert [e[1:5] for e in steps] == [(k // 5 + 1, k + 1, 5, True) for k in range(15)]
    np.testing.assert_allclose(_losses(log), want_losses, rtol=1e-6)


def test_partial_batches_and_chunks():
    # 9 rows in batches of 2: four of 2 rows and one of 1; a sink holds batches of both shapes (two programs).
    want, _ = _train(ms.GRAPH_MODE, 2, _dataset(9, 2, drop=False))
    got, log = _train(ms.GRAPH_MODE, 2, _dataset(9, 2, drop=False), dataset_sink_mode=True, sink_size=5)
    for a, b in zip(got, want, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)
    assert [e[2] for e in log if e[0] == "step_end"] == [5, 10]


def test_loss_monitor_prints_once_per_sink(capsys):
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        _, model = _model()
        model.train(2, _dataset(), callbacks=[ms.train.LossMonitor()], dataset_sink_mode=True, sink_size=4)
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(", loss is")[0] for line in lines] == ["epoch: 1 step: 4", "epoch: 2 step: 4"]


def test_no_retrace_after_the_first_sink():
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        _, model = _model()
        data = _dataset()
        counts = []

        class Count(ms.train.Callback):
            def on_train_step_end(self, run_context):
                counts.append(cache.trace_count())

        model.train(4, data, callbacks=[Count()], dataset_sink_mode=True, sink_size=2)
        model.train(2, data, callbacks=[Count()], dataset_sink_mode=True, sink_size=2)
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    assert len(set(counts)) == 1, counts


def test_stop_request_ends_training_after_the_sink():
    class Stop(ms.train.Callback):
        def on_train_step_end(self, run_context):
            run_context.request_stop()

    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        _, model = _model()
        log = _Log()
        model.train(5, _dataset(), callbacks=[log, Stop()], dataset_sink_mode=True, sink_size=2)
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    assert [e[0] for e in log.log] == ["epoch_begin", "step_begin", "step_end", "epoch_end"]


def test_eval_with_sink_gives_the_same_metrics_per_step_callbacks():
    _, model = _model()
    steps = []

    class Steps(ms.train.Callback):
        def on_eval_step_end(self, run_context):
            p = run_context.original_args()
            steps.append((p.cur_step_num, p.dataset_sink_mode, float(p.net_outputs[0].asnumpy())))

    want = model.eval(_dataset(9, 2, drop=False))
    got = model.eval(_dataset(9, 2, drop=False), callbacks=[Steps()], dataset_sink_mode=True)
    assert got.keys() == want.keys()
    for name in want:
        np.testing.assert_allclose(got[name], want[name], rtol=1e-6)
    assert [s[:2] for s in steps] == [(k, True) for k in range(1, 6)]


def test_data_sink_runs_sink_size_steps_per_call():
    net, _ = _model()
    net_b, _ = _model()
    steps = [nn.TrainOneStepCell(nn.WithLossCell(n, nn.MSELoss()), nn.SGD(n.trainable_params(), 0.1))
             for n in (net, net_b)]
    data = _dataset()
    sunk = ms.train.data_sink(steps[0], data, sink_size=3)
    assert ms.data_sink is not None
    losses = [float(sunk().asnumpy()) for _ in range(3)]  # 9 steps, across the dataset's epochs
    rows = [r for _ in range(2) for r in data.create_tuple_iterator(num_epochs=1)][:9]
    one_by_one = [float(steps[1](*r).asnumpy()) for r in rows]
    np.testing.assert_allclose(losses, one_by_one[2::3], rtol=1e-6)
    for a, b in zip(net.trainable_params(), net_b.trainable_params(), strict=True):
        np.testing.assert_allclose(a.asnumpy(), b.asnumpy(), rtol=1e-6, atol=1e-7)


def test_data_sink_of_a_function_that_needs_python_runs_step_by_step():
    seen = []

    def step(x, y):
        seen.append(float(x.asnumpy()[0, 0]))  # a Python value: no compiled program
        return x.sum()

    out = ms.data_sink(step, _dataset(), sink_size=2)()
    rows = [r[0].asnumpy() for r in _dataset().create_tuple_iterator(num_epochs=1)]
    assert seen == [float(rows[0][0, 0]), float(rows[1][0, 0])]
    np.testing.assert_allclose(out.asnumpy(), rows[1].sum(), rtol=1e-6)
