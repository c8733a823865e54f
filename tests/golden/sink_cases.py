"""Golden cases of data sinking: `Model.train(..., dataset_sink_mode=True)`, `LossMonitor` in sink mode,
`DatasetHelper` and `ms.data_sink` argument errors.

MindSpore 2.10's CPU build runs `Model.train(dataset_sink_mode=True)` without sinking (steps fed from
the host) and refuses `ms.data_sink` on the CPU, so what is recorded here is what the CPU build can
show of sinking: the final Parameters of `sink_size=-1` training (one sink per epoch over the whole
dataset: the same steps in the same order as without sink), what `LossMonitor` prints for the
`cb_params` of sink-mode steps (its `step_end`, called as MindSpore's sink loop calls it), and the
errors of bad arguments. The callbacks' per-sink values (GRAPH_MODE: one step per sink, `cur_step_num`
advancing by `sink_size`) come from MindSpore's `Model._train_dataset_sink_process` and are tested
in tests/test_sink.py.
"""

import contextlib
import io

import numpy as np


class _Params(dict):
    """`cb_params` as MindSpore's callbacks read it (attribute access on a dict)."""
    __getattr__ = dict.__getitem__


def _monitor_output(ms, per_print_times: int, sinks: list, sink_size: int) -> str:
    """What `LossMonitor(per_print_times)` prints for one step_end per sink: (epoch, loss) per sink."""
    monitor = ms.train.LossMonitor(per_print_times)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for k, (epoch, loss) in enumerate(sinks):
            params = _Params(cur_epoch_num=epoch, cur_step_num=(k + 1) * sink_size, batch_num=sink_size,
                             dataset_sink_mode=True, net_outputs=ms.Tensor(np.float32(loss)))
            monitor.step_end(ms.train.RunContext(params))
    return out.getvalue()


def case_loss_monitor_sink_each(ms):
    return _monitor_output(ms, 1, [(1, 0.5), (2, 0.25), (3, 0.125)], 4)


def case_loss_monitor_sink_per_print_3(ms):
    return _monitor_output(ms, 3, [(1, 0.5), (2, 0.25), (3, 0.125), (4, 1.5), (5, 2.5)], 2)


def case_loss_monitor_sink_per_print_above_sink_size(ms):
    return _monitor_output(ms, 10, [(e, 0.1 * e) for e in range(1, 9)], 4)


def case_loss_monitor_sink_nan(ms):
    return _monitor_output(ms, 1, [(1, 0.5), (2, float("nan"))], 4)


def _model(ms, metrics=None):
    net = ms.nn.Dense(4, 2, weight_init=ms.Tensor(np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)),
                      bias_init=ms.Tensor(np.array([0.1, -0.2], np.float32)))
    return net, ms.train.Model(net, ms.nn.MSELoss(), ms.nn.Momentum(net.trainable_params(), 0.05, 0.9),
                               metrics=metrics)


def _dataset(ms, rows: int = 12, batch: int = 3):
    rs = np.random.RandomState(0)
    data = {"x": rs.randn(rows, 4).astype(np.float32), "y": rs.randn(rows, 2).astype(np.float32)}
    return ms.dataset.NumpySlicesDataset(data, shuffle=False).batch(batch)


def _trained(ms, mode, **kwargs):
    ms.set_context(mode=mode)
    try:
        net, model = _model(ms)
        model.train(2, _dataset(ms), **kwargs)
        return [ms.Tensor(p.asnumpy()) for p in net.trainable_params()]
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


def case_train_sink_whole_dataset_graph(ms):
    return _trained(ms, ms.GRAPH_MODE, dataset_sink_mode=True, sink_size=-1)


def case_train_sink_whole_dataset_pynative(ms):
    return _trained(ms, ms.PYNATIVE_MODE, dataset_sink_mode=True, sink_size=-1)


def case_train_sink_dataset_size_graph(ms):
    return _trained(ms, ms.GRAPH_MODE, dataset_sink_mode=True, sink_size=4)


def case_train_no_sink_graph(ms):
    return _trained(ms, ms.GRAPH_MODE)


def _train_error(ms, **kwargs):
    _, model = _model(ms)
    model.train(1, _dataset(ms), **kwargs)


def case_error_train_sink_size_zero(ms):
    _train_error(ms, dataset_sink_mode=True, sink_size=0)


def case_error_train_sink_size_minus_two(ms):
    _train_error(ms, dataset_sink_mode=True, sink_size=-2)


def case_error_train_sink_size_str(ms):
    _train_error(ms, dataset_sink_mode=True, sink_size="2")


def case_error_train_sink_size_float(ms):
    _train_error(ms, dataset_sink_mode=True, sink_size=2.0)


def case_error_train_sink_mode_int(ms):
    _train_error(ms, dataset_sink_mode=1, sink_size=2)


def case_error_train_not_a_dataset(ms):
    _, model = _model(ms)
    model.train(1, [(np.ones((3, 4), np.float32), np.ones((3, 2), np.float32))], dataset_sink_mode=True)


def case_error_fit_sink_size_zero(ms):
    _, model = _model(ms)
    model.fit(1, _dataset(ms), dataset_sink_mode=True, sink_size=0)


def case_error_eval_sink_mode_int(ms):
    _, model = _model(ms, metrics={"mae"})
    model.eval(_dataset(ms), dataset_sink_mode=1)


def case_error_dataset_helper_sink_size_zero(ms):
    ms.train.DatasetHelper(_dataset(ms), True, 0)


def case_error_dataset_helper_sink_size_minus_five(ms):
    ms.train.DatasetHelper(_dataset(ms), True, -5)


def case_error_data_sink_sink_size_zero(ms):
    ms.data_sink(lambda x, y: x, _dataset(ms), sink_size=0)


def case_error_data_sink_sink_size_negative(ms):
    ms.train.data_sink(lambda x, y: x, _dataset(ms), sink_size=-1)


def case_error_data_sink_sink_size_str(ms):
    ms.data_sink(lambda x, y: x, _dataset(ms), sink_size="2")


def case_error_data_sink_sink_size_bool(ms):
    ms.data_sink(lambda x, y: x, _dataset(ms), sink_size=True)
