"""`mindspore.train.Model`: `train`, `fit`, `eval` and `predict` around a network, a loss and an optimizer.

As MindSpore builds them (PyNative, no dataset sink, which MindSpore's CPU build also falls back
from): the training network is `TrainOneStepCell(WithLossCell(network, loss_fn), optimizer)` in
training mode (without a loss, the network is the loss); the evaluation network returns
`(loss, outputs, label)`, `Loss` metrics get the loss and others `(outputs, label)`; each step
calls the callbacks' `on_train_step_begin` / `on_train_step_end` with `cb_params` holding
`cur_epoch_num`, `cur_step_num` (counted over all epochs), `batch_num`, `net_outputs`, ...;
a callback's `request_stop()` ends the epoch and the training; `eval` returns
`{metric name: value}`; `predict` runs the network in inference mode. With an optimizer the
training network is `amp.build_train_network(network, optimizer, loss_fn, amp_level, boost_level,
loss_scale_manager=..., keep_batchnorm_fp32=...)` (mixed precision, loss scaling, the skipped update
of an overflowing step); after each step a manager that drops overflowing updates gets
`update_loss_scale(overflow)`, as MindSpore calls it. `boost_level` (and `boost_config_dict`) is
accepted and changes nothing. Without sink, the next batches are read and put on the device (a few
in one call) while a step runs.

Data sinking (`dataset_sink_mode=True`), as MindSpore sinks on a device (its CPU build falls back to
steps fed from the host; mindgrad sinks everywhere): each epoch is one sink of `sink_size` steps
(-1: the dataset's size) over the rows read without end (a sink crosses the dataset's epochs; the
dataset is not reset between epochs), run as one compiled program (`_engine.sink.SinkProgram`, the
next chunk read and stacked on the device meanwhile). In GRAPH_MODE the callbacks see one step per
sink (`cur_step_num` advancing by `sink_size`, `net_outputs` the last step's); in PYNATIVE_MODE one
per step, called after the sink's program with each step's outputs; `train_dataset_element` is `()`
(the data went to the device). `eval` with sink calls the callbacks once per step (MindSpore's loop
size 1 for evaluation). A network that needs Python values runs its steps one by one instead.
"""

from __future__ import annotations

import os
from typing import Callable, Iterable

import numpy as np

from .._engine.sink import Prefetcher, SinkProgram
from ..amp._mixed import build_train_network
from ..common.tensor import Tensor
from ..context import GRAPH_MODE, ParallelMode, get_context  # noqa: F401 - also mindspore.train.model.ParallelMode
from ..nn.cell import Cell
from ..nn.wrap import WithEvalCell, WithLossCell
from . import callback
from ._sink import run_chunk
from .callback import CallbackManager, InternalCallbackParam, ProgressBar, RunContext
from .dataset_helper import as_tensors, check_bool, check_sink_size, chunks, device_chunks, endless_rows
from .metrics import Loss, get_metric_fn, get_metrics

__all__ = ["Model"]

_EVAL_CHUNK = 100  # evaluation steps per compiled program with sink
_PREFETCH = 4      # batches put on the device in one call without sink
_KWARGS = ("loss_scale_manager", "keep_batchnorm_fp32", "boost_config_dict", "acc_level")


def _callback_list(callbacks) -> list:
    if callbacks is None:
        return []
    if isinstance(callbacks, Iterable):
        return list(callbacks)
    return [callbacks]


def _as_tuple(element) -> tuple:
    return (element,) if isinstance(element, Tensor) else tuple(element)


def _then(result, fn: Callable):
    fn()
    return result


class Model:
    """High-level training and evaluation of `network` (MindSpore's `mindspore.train.Model`)."""

    def __init__(self, network: Cell, loss_fn: Cell | None = None, optimizer: Cell | None = None, metrics=None,
                 eval_network: Cell | None = None, eval_indexes: list | None = None, amp_level: str = "O0",
                 boost_level: str = "O0", **kwargs) -> None:
        for arg in kwargs:
            if arg not in _KWARGS:
                raise ValueError(f"The argument in 'kwargs' should be 'loss_scale_manager' or 'keep_batchnorm_fp32' or "
                                 f"'boost_config_dict' or 'acc_level', but got '{arg}'.")
        if optimizer is None and amp_level != "O0":
            raise ValueError("Auto mixed precision will not work because 'optimizer' is None.Please set amp_level='O0' "
                             "to disable auto mixed precision or set 'optimizer' not be None to use auto mixed "
                             "precision.")
        if not isinstance(network, Cell):
            raise TypeError(f"For 'Model', the argument 'network' must be Cell, but got {type(network)}.")
        self._network = network
        self._loss_fn = loss_fn
        self._optimizer = optimizer
        self._metrics = metrics
        self._amp_level = amp_level
        self._boost_level = kwargs.get("acc_level", boost_level)
        self._loss_scale_manager = kwargs.get("loss_scale_manager")
        self._amp_config = {k: kwargs[k] for k in ("loss_scale_manager", "keep_batchnorm_fp32") if k in kwargs}
        self._train_network = self._build_train_network()
        self._build_eval_network(metrics, eval_network, eval_indexes)
        self._predict_network = network
        self._backbone_is_train = True
        self._sink_programs: dict = {}
        self._current_epoch_num = 0
        self._current_step_num = 0
        self.batch_num = -1

    # ---- networks ----------------------------------------------------------------------------------
    def _build_train_network(self) -> Cell:
        network = self._network
        if self._loss_scale_manager is not None and self._optimizer is None:
            raise ValueError("The argument 'optimizer' can not be None when set 'loss_scale_manager'.")
        if self._optimizer is not None:
            return build_train_network(network, self._optimizer, self._loss_fn, level=self._amp_level,
                                       boost_level=self._boost_level, **self._amp_config)
        if self._loss_fn is not None:
            return WithLossCell(network, self._loss_fn)
        return network

    def _build_eval_network(self, metrics, eval_network, eval_indexes) -> None:
        self._metric_fns = get_metrics(metrics)
        self._eval_network = eval_network
        self._eval_indexes = eval_indexes
        if not self._metric_fns:
            return
        if eval_network is not None:
            if eval_indexes is not None and not (isinstance(eval_indexes, list) and len(eval_indexes) == 3):
                raise ValueError(f"The argument 'eval_indexes' must be a list or None. If 'eval_indexes' is a list, "
                                 f"length of it must be three. But got 'eval_indexes' {eval_indexes}")
            return
        if self._loss_fn is None:
            raise ValueError("If `metrics` is set, `eval_network` must not be None. Do not set `metrics` if you don't "
                             "want an evaluation.")
        self._eval_network = WithEvalCell(self._network, self._loss_fn, self._amp_level in ("O2", "O3", "auto"))
        self._eval_indexes = [0, 1, 2]

    @property
    def train_network(self) -> Cell:
        return self._train_network

    @property
    def eval_network(self) -> Cell | None:
        return self._eval_network

    @property
    def predict_network(self) -> Cell:
        return self._predict_network

    def _check_network_mode(self, network: Cell, is_train: bool) -> None:
        if self._backbone_is_train != is_train:
            network.set_train(is_train)
            self._backbone_is_train = is_train

    def _enter_training(self) -> None:
        """The training network in training mode (set only where a Cell is not: setting it makes compiled steps
        trace again)."""
        if not all(cell.training for _, cell in self._train_network.cells_and_names()):
            self._train_network.set_train(True)
        self._backbone_is_train = True

    def _check_reuse_dataset(self, dataset) -> None:
        if not hasattr(dataset, "__model_hash__"):
            dataset.__model_hash__ = hash(self)
        if dataset.__model_hash__ != hash(self):
            raise RuntimeError("The dataset object had been used in other model by model.train(...), please create a "
                               "new dataset.")

    # ---- metrics ------------------------------------------------------------------------------------
    def _update_metrics(self, outputs) -> None:
        if isinstance(outputs, Tensor):
            outputs = (outputs,)
        if not isinstance(outputs, tuple):
            raise ValueError(f"The argument 'outputs' should be tuple, but got {type(outputs)}.")
        if self._eval_indexes is not None and len(outputs) < 3:
            raise ValueError(f"The length of 'outputs' must be >= 3, but got {len(outputs)}")
        for metric in self._metric_fns.values():
            if self._eval_indexes is None:
                metric.update(*outputs)
            elif isinstance(metric, Loss):
                metric.update(outputs[self._eval_indexes[0]])
            else:
                metric.update(outputs[self._eval_indexes[1]], outputs[self._eval_indexes[2]])

    # ---- training -----------------------------------------------------------------------------------
    def train(self, epoch: int, train_dataset, callbacks=None, dataset_sink_mode: bool = False, sink_size: int = -1,
              initial_epoch: int = 0) -> None:
        """Train for epochs `initial_epoch + 1 .. epoch` over `train_dataset` (rows `(data, label)` with a loss)."""
        self._check_train_args(epoch, train_dataset, dataset_sink_mode, sink_size, initial_epoch, "train")
        self._train(epoch, train_dataset, callbacks, dataset_sink_mode, sink_size, initial_epoch)

    def fit(self, epoch: int, train_dataset, valid_dataset=None, valid_frequency=1, callbacks=None,
            dataset_sink_mode: bool = False, valid_dataset_sink_mode: bool = False, sink_size: int = -1,
            initial_epoch: int = 0) -> None:
        """`train`, evaluating on `valid_dataset` after every `valid_frequency`-th epoch (or the listed epochs)."""
        self._check_train_args(epoch, train_dataset, dataset_sink_mode, sink_size, initial_epoch, "fit")
        check_bool(valid_dataset_sink_mode)
        if not isinstance(valid_frequency, (int, list)):
            raise TypeError(f"For 'Model.fit', the type of 'valid_frequency' must be a list or an integer, but got "
                            f"type {type(valid_frequency)}.")
        if valid_dataset and not self._metric_fns:
            raise ValueError("For 'Model.fit', if valid_dataset is not None, the model argument 'metrics' can not "
                             "beNone or empty, you should set the argument 'metrics' for model.")
        _check_new_style_callbacks(callbacks)
        self._train(epoch, train_dataset, callbacks, dataset_sink_mode, sink_size, initial_epoch,
                    (valid_dataset, valid_frequency, valid_dataset_sink_mode))

    @staticmethod
    def _check_train_args(epoch, train_dataset, dataset_sink_mode, sink_size, initial_epoch, api: str) -> None:
        check_bool(dataset_sink_mode)
        if not isinstance(sink_size, int) or isinstance(sink_size, bool):
            raise TypeError(f"The type of input value must be 'int', but got '{type(sink_size).__name__}'.")
        if not isinstance(epoch, int) or isinstance(epoch, bool) or epoch <= 0:
            raise ValueError(f"For 'Model.{api}', the argument 'epoch' must be positive int, but got {epoch}.")
        if not isinstance(initial_epoch, int) or initial_epoch < 0 or initial_epoch >= epoch:
            raise ValueError(f"For 'Model.{api}', the argument 'epoch' must be bigger than 'initial_epoch', but got "
                             f"the parameter 'epoch' is {epoch}, 'initial_epoch' is {initial_epoch}.")
        if train_dataset.get_dataset_size() == 0:
            raise ValueError("There is no valid data in dataset, please check dataset file firstly.")
        word = "parameter" if api == "fit" else "argument"
        check_sink_size(sink_size, f"For 'Model.{api}', The {word} 'sink_size' must be -1 or positive, but got {{}}.")

    def _train(self, epoch, train_dataset, callbacks, dataset_sink_mode, sink_size, initial_epoch,
               valid_infos=(None, 1, False)) -> None:
        cb_params = InternalCallbackParam()
        cb_params.cur_step_num = 0
        cb_params.train_network = self._train_network
        cb_params.epoch_num = epoch - initial_epoch
        cb_params.batch_num = sink_size if dataset_sink_mode and sink_size > 0 else train_dataset.get_dataset_size()
        self.batch_num = cb_params.batch_num
        cb_params.mode = "train"
        cb_params.loss_fn = self._loss_fn
        cb_params.optimizer = self._optimizer
        cb_params.loss_scale_mananger = self._loss_scale_manager
        cb_params.parallel_mode = "stand_alone"
        cb_params.device_number = 1
        cb_params.train_dataset = train_dataset
        cb_params.list_callback = _callback_list(callbacks)
        if os.environ.get("MINDGRAD_PROGRESS") == "1" and not any(isinstance(c, ProgressBar)
                                                                 for c in cb_params.list_callback):
            cb_params.list_callback.append(ProgressBar())
        cb_params.train_dataset_element = None
        cb_params.network = self._network
        cb_params.last_save_ckpt_step = None
        cb_params.latest_ckpt_file = None
        with CallbackManager(cb_params.list_callback) as list_callback:
            self._check_reuse_dataset(train_dataset)
            if dataset_sink_mode:
                sink_size = train_dataset.get_dataset_size() if sink_size == -1 else sink_size
                self._train_sink_process(epoch, train_dataset, list_callback, cb_params, sink_size, initial_epoch,
                                         valid_infos)
            else:
                self._train_process(epoch, train_dataset, list_callback, cb_params, initial_epoch, valid_infos)

    def _train_process(self, epoch, train_dataset, list_callback, cb_params, initial_epoch, valid_infos) -> None:
        self._enter_training()
        cb_params.dataset_sink_mode = False
        run_context = RunContext(cb_params)
        list_callback.on_train_begin(run_context)
        iterator = train_dataset.create_tuple_iterator(num_epochs=-1, output_numpy=True)
        for i in range(initial_epoch, epoch):
            cb_params.cur_epoch_num = i + 1
            self._current_epoch_num = cb_params.cur_epoch_num
            self._current_step_num = 0
            list_callback.on_train_epoch_begin(run_context)
            self._train_epoch(Prefetcher(iterator, as_tensors, _PREFETCH), list_callback, cb_params, run_context)
            self._eval_during_train(valid_infos, cb_params, list_callback)
            train_dataset.reset()
            list_callback.on_train_epoch_end(run_context)
            cb_params.pop("metrics", None)
            cb_params.pop("eval_results", None)
            if run_context.get_stop_requested():
                break
        list_callback.on_train_end(run_context)

    def _train_sink_process(self, epoch, train_dataset, list_callback, cb_params, sink_size, initial_epoch,
                            valid_infos) -> None:
        """MindSpore's sink loop: one sink of `sink_size` steps per epoch, run as one program."""
        self._enter_training()
        graph = get_context("mode") == GRAPH_MODE
        cb_params.sink_size = sink_size
        cb_params.dataset_sink_mode = True
        run_context = RunContext(cb_params)
        list_callback.on_train_begin(run_context)
        rows = chunks(endless_rows(train_dataset), sink_size, epoch - initial_epoch)
        sinks = Prefetcher(rows, device_chunks)
        for i, (host_rows, runs) in zip(range(initial_epoch, epoch), sinks, strict=False):
            cb_params.cur_epoch_num = i + 1
            self._current_epoch_num = cb_params.cur_epoch_num
            self._current_step_num = 0
            list_callback.on_train_epoch_begin(run_context)
            if self._loss_fn is not None and len(host_rows[0]) != 2:
                raise ValueError(f"When 'loss_fn' is not None, 'train_dataset' should return two elements, but "
                                 f"got {len(host_rows[0])}, please check the number of elements returned by "
                                 f"'train_dataset'")
            self._check_network_mode(self._train_network, True)
            outputs = self._run_sink(self._train_network, host_rows, runs, last_only=graph)
            sinks.ready()  # the next chunk, made while this one runs
            for k in range(1 if graph else len(host_rows)):
                cb_params.cur_step_num += len(host_rows) if graph else 1
                self._current_step_num = int((cb_params.cur_step_num - 1) % cb_params.batch_num + 1)
                cb_params.train_dataset_element = ()  # as MindSpore: the data went to the device
                list_callback.on_train_step_begin(run_context)
                cb_params.net_outputs = outputs if graph else outputs[k]
                list_callback.on_train_step_end(run_context)
                if run_context.get_stop_requested():
                    break
            self._eval_during_train(valid_infos, cb_params, list_callback)
            list_callback.on_train_epoch_end(run_context)
            cb_params.pop("metrics", None)
            cb_params.pop("eval_results", None)
            if run_context.get_stop_requested():
                break
        list_callback.on_train_end(run_context)

    def _run_sink(self, network: Cell, host_rows: list, runs: list, last_only: bool):
        """The outputs of `network` over one chunk (of its last step, or a list of every step's), compiled as one
        program per run of equal shapes; step by step where the network needs Python values."""
        key = (id(network), last_only)
        program = self._sink_programs.get(key)
        if program is None or program.fn is not network:
            program = self._sink_programs[key] = SinkProgram(network, network.get_parameters(), last_only)
        return run_chunk(program, host_rows, runs, last_only)  # (a loss scale manager is not called, as MindSpore)

    def _train_epoch(self, elements, list_callback, cb_params, run_context) -> None:
        """The steps of one epoch without sink, one callback step per batch."""
        for element in elements:
            if self._loss_fn is not None and len(element) != 2:
                raise ValueError(f"When 'loss_fn' is not None, 'train_dataset' should return two elements, but "
                                 f"got {len(element)}, please check the number of elements returned by "
                                 f"'train_dataset'")
            element = _as_tuple(element)
            cb_params.cur_step_num += 1
            self._current_step_num = int((cb_params.cur_step_num - 1) % cb_params.batch_num + 1)
            cb_params.train_dataset_element = element
            list_callback.on_train_step_begin(run_context)
            self._check_network_mode(self._train_network, True)
            cb_params.net_outputs = self._train_network(*element)
            elements.ready()  # the next batch, made while this step runs
            manager = self._loss_scale_manager
            if manager is not None and manager.get_drop_overflow_update():
                manager.update_loss_scale(bool(np.all(cb_params.net_outputs[1].asnumpy())))
            list_callback.on_train_step_end(run_context)
            if run_context.get_stop_requested():
                break

    def _eval_during_train(self, valid_infos, cb_params, list_callback) -> None:
        valid_dataset, frequency, sink = valid_infos
        if not valid_dataset:
            return
        epoch = cb_params.cur_epoch_num
        if not (epoch % frequency == 0 if isinstance(frequency, int) else epoch in frequency):
            return
        saved = {k: cb_params[k] for k in ("cur_step_num", "batch_num", "dataset_sink_mode", "net_outputs")}
        eval_callbacks = [cb for cb in list_callback._callbacks
                          if type(cb).__name__ not in callback.__all__ or type(cb).__name__ == "TimeMonitor"]
        cb_params.eval_network = self._eval_network
        cb_params.valid_dataset = valid_dataset
        cb_params.batch_num = valid_dataset.get_dataset_size()
        cb_params.mode = "eval"
        cb_params.cur_step_num = 0
        for metric in self._metric_fns.values():
            metric.clear()
        with CallbackManager(eval_callbacks) as eval_list:
            self._eval_process(valid_dataset, eval_list, cb_params, add_eval_loss=True, sink=sink)
        cb_params.mode = "train"
        cb_params.update(saved)

    # ---- evaluation and prediction -------------------------------------------------------------
    def eval(self, valid_dataset, callbacks=None, dataset_sink_mode: bool = False) -> dict:
        """`{metric name: value}` of the metrics over `valid_dataset`."""
        check_bool(dataset_sink_mode)
        if not self._metric_fns:
            raise ValueError("For Model.eval, the model argument 'metrics' can not be None or empty, you should set "
                             "the argument 'metrics' for model.")
        cb_params = InternalCallbackParam()
        cb_params.eval_network = self._eval_network
        cb_params.valid_dataset = valid_dataset
        cb_params.batch_num = valid_dataset.get_dataset_size()
        cb_params.mode = "eval"
        cb_params.cur_step_num = 0
        cb_params.list_callback = _callback_list(callbacks)
        cb_params.network = self._network
        for metric in self._metric_fns.values():
            metric.clear()
        with CallbackManager(callbacks) as list_callback:
            return self._eval_process(valid_dataset, list_callback, cb_params, sink=dataset_sink_mode)

    def _eval_steps(self, valid_dataset, sink: bool):
        """(inputs, a function giving the outputs) of each evaluation step: with sink, computed a chunk at a time as
        one program; else run at the step, the next inputs made meanwhile."""
        if not sink:
            elements = Prefetcher(valid_dataset.create_tuple_iterator(num_epochs=1, output_numpy=True), as_tensors,
                                  _PREFETCH)
            for element in elements:
                yield element, lambda element=element: _then(self._eval_network(*element), elements.ready)
            return
        rows = chunks(iter(valid_dataset.create_tuple_iterator(num_epochs=1, output_numpy=True)), _EVAL_CHUNK)
        sinks = Prefetcher(rows, device_chunks)
        for host_rows, runs in sinks:
            self._check_network_mode(self._eval_network, False)
            outputs = self._run_sink(self._eval_network, host_rows, runs, last_only=False)
            sinks.ready()
            for k in range(len(host_rows)):
                yield (), lambda k=k, outputs=outputs: outputs[k]

    def _eval_process(self, valid_dataset, list_callback, cb_params, add_eval_loss: bool = False,
                      sink: bool = False) -> dict:
        run_context = RunContext(cb_params)
        cb_params.dataset_sink_mode = sink
        list_callback.on_eval_begin(run_context)
        self._eval_network.set_train(False)
        self._backbone_is_train = False
        list_callback.on_eval_epoch_begin(run_context)
        eval_loss = get_metric_fn("loss") if add_eval_loss else None
        steps = self._eval_steps(valid_dataset, sink)
        for element, compute in steps:
            cb_params.cur_step_num += 1
            cb_params.eval_dataset_element = element
            list_callback.on_eval_step_begin(run_context)
            self._check_network_mode(self._eval_network, False)
            outputs = compute()
            cb_params.net_outputs = outputs
            list_callback.on_eval_step_end(run_context)
            self._update_metrics(outputs)
            if eval_loss is not None:
                eval_loss.update(outputs[self._eval_indexes[0]])
            if run_context.get_stop_requested():
                break
        steps.close()
        list_callback.on_eval_epoch_end(run_context)
        valid_dataset.reset()
        metrics = {name: metric.eval() for name, metric in self._metric_fns.items()}
        cb_params.metrics = metrics
        if eval_loss is not None:
            cb_params.eval_results = dict(metrics, eval_loss=eval_loss.eval())
        list_callback.on_eval_end(run_context)
        return metrics

    def predict(self, *predict_data, backend=None, config=None):
        """The network's outputs for `predict_data`, in inference mode."""
        if backend not in ("lite", None):
            raise ValueError(f"For Model.predict, `backend` should be 'lite' or None, but got {backend}")
        if backend == "lite":
            raise NotImplementedError("mindgrad does not implement mindspore.train.Model.predict(backend='lite') yet")
        self._check_network_mode(self._predict_network, False)
        for item in predict_data:
            if item is None:
                continue
            if isinstance(item, Tensor):
                if item.size == 0:
                    raise ValueError("The input data can not be empty.")
                continue
            if not isinstance(item, (int, float, str)):
                classes = "Tensor, None, int, float, str"
                raise TypeError(f"The types of input data must be in the Union({classes}, tuple[{classes}], "
                                f"list[{classes}], dict[{classes}]), but got type {type(item).__name__}.")
        return self._predict_network(*predict_data)


_OLD_HOOKS = ("begin", "epoch_begin", "epoch_end", "step_begin", "step_end", "end")


def _check_new_style_callbacks(callbacks) -> None:
    """`Model.fit` takes user callbacks with the `on_train_*`/`on_eval_*` methods only, as MindSpore's: one that
    defines the old `begin`/`epoch_end`/... raises its ValueError (mindgrad's own callbacks are exempt)."""
    for cb in _callback_list(callbacks):
        cls = type(cb)
        if not isinstance(cb, callback.Callback) or cls.__module__.split(".")[0] == "mindgrad":
            continue
        old = {name for name in _OLD_HOOKS if getattr(cls, name) is not getattr(callback.Callback, name)}
        if old:
            raise ValueError(f"For {cls.__name__} callback, {old} methods may not be supported in later version, Use "
                             f"methods prefixed with 'on_train' or 'on_eval' instead when using customized callbacks.")
