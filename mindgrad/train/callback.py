"""`mindspore.train.callback`: Callback, RunContext, LossMonitor, TimeMonitor, ModelCheckpoint, CheckpointConfig.

As in MindSpore: `on_train_*` / `on_eval_*` call the older `begin`, `epoch_begin`, `step_begin`,
`step_end`, `epoch_end`, `end` by default; `RunContext.original_args()` is the `cb_params` dict
(also readable as attributes); LossMonitor prints `epoch: E step: S, loss is L` (L the mean loss
as a Python float, or the first output of a tuple as it is) and stops on NaN/Inf; TimeMonitor
prints `Train epoch time: ... ms, per step time: ... ms`; ModelCheckpoint saves
`<prefix>-<epoch>_<step>.ckpt` every `save_checkpoint_steps` steps and at the end, keeps
`keep_checkpoint_max` files, and adds `_1`, `_2`... to a prefix already used in its directory.
ModelCheckpoint does not write MindSpore's `-graph.meta` file (mindgrad has no MindIR graph).

`ProgressBar` is mindgrad's own: a one-line progress display for a terminal or a notebook.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from contextlib import ExitStack
from typing import Any, TextIO

import numpy as np

from ..common.parameter import Parameter
from ..common.tensor import Tensor
from ..nn.cell import Cell
from .serialization import save_checkpoint

__all__ = ["Callback", "RunContext", "LossMonitor", "TimeMonitor", "ModelCheckpoint", "CheckpointConfig",
           "LambdaCallback", "ProgressBar"]


class Callback:
    """Base class of callbacks; a callback is also a context manager entered for the whole run."""

    def __enter__(self):
        return self

    def __exit__(self, *err):
        return None

    def begin(self, run_context): ...

    def epoch_begin(self, run_context): ...

    def epoch_end(self, run_context): ...

    def step_begin(self, run_context): ...

    def step_end(self, run_context): ...

    def end(self, run_context): ...

    def on_train_begin(self, run_context):
        self.begin(run_context)

    def on_train_epoch_begin(self, run_context):
        self.epoch_begin(run_context)

    def on_train_epoch_end(self, run_context):
        self.epoch_end(run_context)

    def on_train_step_begin(self, run_context):
        self.step_begin(run_context)

    def on_train_step_end(self, run_context):
        self.step_end(run_context)

    def on_train_end(self, run_context):
        self.end(run_context)

    def on_eval_begin(self, run_context):
        self.begin(run_context)

    def on_eval_epoch_begin(self, run_context):
        self.epoch_begin(run_context)

    def on_eval_epoch_end(self, run_context):
        self.epoch_end(run_context)

    def on_eval_step_begin(self, run_context):
        self.step_begin(run_context)

    def on_eval_step_end(self, run_context):
        self.step_end(run_context)

    def on_eval_end(self, run_context):
        self.end(run_context)


_HOOKS = ("begin", "epoch_begin", "epoch_end", "step_begin", "step_end", "end",
          "on_train_begin", "on_train_epoch_begin", "on_train_epoch_end", "on_train_step_begin",
          "on_train_step_end", "on_train_end", "on_eval_begin", "on_eval_epoch_begin", "on_eval_epoch_end",
          "on_eval_step_begin", "on_eval_step_end", "on_eval_end")


class CallbackManager(Callback):
    """Runs a list of callbacks in order, entering each as a context manager."""

    def __init__(self, callbacks) -> None:
        self._callbacks: list[Callback] = []
        self._stack: ExitStack | None = None
        if isinstance(callbacks, Callback):
            self._callbacks.append(callbacks)
        elif isinstance(callbacks, list):
            for cb in callbacks:
                if not isinstance(cb, Callback):
                    raise TypeError("When the 'callbacks' is a list, the elements in 'callbacks' must be Callback "
                                    "functions.")
                self._callbacks.append(cb)
        elif callbacks is not None:
            raise TypeError("The 'callbacks' is not a Callback or a list of Callback.")

    def __enter__(self):
        if self._stack is None:
            self._stack = ExitStack().__enter__()
            self._callbacks = [(lambda t, cb: t if isinstance(t, Callback) else cb)(self._stack.enter_context(cb), cb)
                               for cb in self._callbacks]
        return self

    def __exit__(self, *err):
        return self._stack.__exit__(*err)


def _broadcast(hook: str):
    def run(self, run_context):
        for cb in self._callbacks:
            getattr(cb, hook)(run_context)
    run.__name__ = hook
    return run


for _hook in _HOOKS:
    setattr(CallbackManager, _hook, _broadcast(_hook))


class InternalCallbackParam(dict):
    """`cb_params`: a dict whose items are also attributes."""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __setattr__(self, key, value):
        self[key] = value


class RunContext:
    """What callbacks receive: `original_args()` (the `cb_params`) and `request_stop()`."""

    def __init__(self, original_args: dict) -> None:
        if not isinstance(original_args, dict):
            raise TypeError(f"The argument 'original_args' of RunContext should be dict type, but got "
                            f"{type(original_args)}.")
        self._original_args = original_args
        self._stop_requested = False

    def original_args(self) -> dict:
        return self._original_args

    def request_stop(self) -> None:
        self._stop_requested = True

    def get_stop_requested(self) -> bool:
        return self._stop_requested


def _handle_loss(loss):
    """MindSpore's loss for printing: a Tensor's mean as a float; a tuple's first Tensor as it is."""
    if isinstance(loss, (tuple, list)):
        if isinstance(loss[0], Tensor):
            loss = loss[0]
    elif isinstance(loss, Tensor):
        loss = float(np.mean(loss.asnumpy()))
    return loss


def _check_int(value, name: str, positive: bool) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < (1 if positive else 0):
        raise ValueError(f"The argument '{name}' must be {'positive' if positive else 'non-negative'} int, but got "
                         f"{value!r}.")
    return value


class LossMonitor(Callback):
    """Print the loss every `per_print_times` steps (0: never); a NaN or Inf loss stops training with ValueError."""

    def __init__(self, per_print_times: int = 1) -> None:
        super().__init__()
        self._per_print_times = _check_int(per_print_times, "per_print_times", positive=False)
        self._last_print_time = 0

    def step_end(self, run_context):
        cb_params = run_context.original_args()
        cur_epoch_num = cb_params.get("cur_epoch_num", 1)
        loss = _handle_loss(cb_params.net_outputs)
        cur_step_in_epoch = (cb_params.cur_step_num - 1) % cb_params.batch_num + 1
        if isinstance(loss, float) and (np.isnan(loss) or np.isinf(loss)):
            raise ValueError(f"In epoch: {cur_epoch_num} step: {cur_step_in_epoch}, loss is NAN or INF, training "
                             f"process cannot continue, terminating training.")
        if self._per_print_times != 0 and cb_params.cur_step_num <= self._last_print_time:
            while cb_params.cur_step_num <= self._last_print_time:
                self._last_print_time -= max(self._per_print_times,
                                             cb_params.batch_num if cb_params.dataset_sink_mode else 1)
        if self._per_print_times != 0 and cb_params.cur_step_num - self._last_print_time >= self._per_print_times:
            self._last_print_time = cb_params.cur_step_num
            print("epoch: %s step: %s, loss is %s" % (cur_epoch_num, cur_step_in_epoch, loss), flush=True)

    def on_train_epoch_end(self, run_context):
        """In `Model.fit`, print the evaluation of the epoch."""
        cb_params = run_context.original_args()
        metrics = cb_params.get("metrics")
        if metrics:
            print("Eval result: epoch %d, metrics: %s" % (cb_params.cur_epoch_num, metrics))


class TimeMonitor(Callback):
    """Print the time of each epoch and per step (`data_size` steps when the step count is unknown)."""

    def __init__(self, data_size: int | None = None, data_time: bool = False) -> None:
        super().__init__()
        if not isinstance(data_time, bool):
            raise TypeError(f"The argument 'data_time' must be bool, but got {type(data_time)}.")
        self.data_size = data_size
        self.epoch_time = time.time()
        self.data_time = data_time
        self.data_time_sum = 0.0
        self.data_time_start = 0.0

    def on_train_step_begin(self, run_context):
        if self.data_time:
            self.data_time_sum += time.time() - self.data_time_start

    def on_train_step_end(self, run_context):
        if self.data_time:
            self.data_time_start = time.time()

    def epoch_begin(self, run_context):
        self.epoch_time = time.time()
        if self.data_time:
            self.data_time_sum = 0.0
            self.data_time_start = time.time()

    def epoch_end(self, run_context):
        epoch_ms = (time.time() - self.epoch_time) * 1000
        cb_params = run_context.original_args()
        step_size = self.data_size
        batch_num = cb_params.get("batch_num")
        if isinstance(batch_num, int) and batch_num > 0:
            step_size = batch_num
        _check_int(step_size, "data_size", positive=True)
        log = "{} epoch time: {:5.3f} ms, per step time: {:5.3f} ms".format(
            cb_params.get("mode", "").title(), epoch_ms, epoch_ms / step_size)
        if self.data_time:
            log += " (data time: {:5.3f} ms)".format(self.data_time_sum * 1000 / step_size)
        print(log, flush=True)


_INFO_LIST = ["epoch_num", "step_num"]


class CheckpointConfig:
    """When ModelCheckpoint saves (every `save_checkpoint_steps` steps, else every `save_checkpoint_seconds`) and how
    many files it keeps (`keep_checkpoint_max`, else one per `keep_checkpoint_per_n_minutes`)."""

    def __init__(self, save_checkpoint_steps: int = 1, save_checkpoint_seconds: int = 0, keep_checkpoint_max: int = 5,
                 keep_checkpoint_per_n_minutes: int = 0, integrated_save: bool = True, async_save=False,
                 saved_network: Cell | None = None, append_info: list | None = None, enc_key: bytes | None = None,
                 enc_mode: str = "AES-GCM", exception_save: bool = False, crc_check: bool = False,
                 remove_redundancy: bool = False, format: str = "ckpt", **kwargs) -> None:
        for name, value in (("save_checkpoint_steps", save_checkpoint_steps),
                            ("save_checkpoint_seconds", save_checkpoint_seconds),
                            ("keep_checkpoint_max", keep_checkpoint_max),
                            ("keep_checkpoint_per_n_minutes", keep_checkpoint_per_n_minutes)):
            if value is not None:
                _check_int(value, name, positive=False)
        if saved_network is not None and not isinstance(saved_network, Cell):
            raise TypeError(f"For 'CheckpointConfig', the type of 'saved_network' must be None or Cell, but got "
                            f"{type(saved_network)}.")
        if not save_checkpoint_steps and not save_checkpoint_seconds and not keep_checkpoint_max \
                and not keep_checkpoint_per_n_minutes:
            raise ValueError("For 'CheckpointConfig', the input arguments 'save_checkpoint_steps', "
                             "'save_checkpoint_seconds', 'keep_checkpoint_max' and 'keep_checkpoint_per_n_minutes' "
                             "can't be all None or 0.")
        if format == "safetensors" and (enc_key is not None or enc_mode != "AES-GCM" or crc_check or exception_save):
            raise ValueError("For 'save_checkpoint', when format is 'safetensors', other param must be default.")
        self.exception_save = exception_save
        self._save_checkpoint_steps = save_checkpoint_steps
        self._save_checkpoint_seconds = None if save_checkpoint_steps else save_checkpoint_seconds
        self._keep_checkpoint_max = keep_checkpoint_max
        self._keep_checkpoint_per_n_minutes = keep_checkpoint_per_n_minutes
        if keep_checkpoint_max:
            self._keep_checkpoint_per_n_minutes = None
        elif not keep_checkpoint_per_n_minutes:
            self._keep_checkpoint_max = 1
        self._integrated_save = integrated_save
        self._async_save = async_save
        self._saved_network = saved_network
        self._append_dict = self._handle_append_info(append_info)
        self._enc_key = enc_key
        self._enc_mode = enc_mode
        self._crc_check = crc_check
        self._format = format
        self.remove_redundancy = remove_redundancy

    save_checkpoint_steps = property(lambda self: self._save_checkpoint_steps)
    save_checkpoint_seconds = property(lambda self: self._save_checkpoint_seconds)
    keep_checkpoint_max = property(lambda self: self._keep_checkpoint_max)
    keep_checkpoint_per_n_minutes = property(lambda self: self._keep_checkpoint_per_n_minutes)
    integrated_save = property(lambda self: self._integrated_save)
    async_save = property(lambda self: self._async_save)
    saved_network = property(lambda self: self._saved_network)
    enc_key = property(lambda self: self._enc_key)
    enc_mode = property(lambda self: self._enc_mode)
    crc_check = property(lambda self: self._crc_check)
    format = property(lambda self: self._format)
    append_dict = property(lambda self: self._append_dict)

    def get_checkpoint_policy(self) -> dict:
        return {"save_checkpoint_steps": self.save_checkpoint_steps,
                "save_checkpoint_seconds": self.save_checkpoint_seconds,
                "keep_checkpoint_max": self.keep_checkpoint_max,
                "keep_checkpoint_per_n_minutes": self.keep_checkpoint_per_n_minutes,
                "saved_network": self.saved_network}

    @staticmethod
    def _handle_append_info(append_info):
        if append_info is None or append_info == []:
            return None
        if not isinstance(append_info, list):
            raise TypeError(f"For 'CheckpointConfig', the type of 'append_info' must be list,but got "
                            f"{type(append_info)}.")
        handled: dict[str, Any] = {name: 0 for name in _INFO_LIST if name in append_info}
        dicts = 0
        for element in append_info:
            if isinstance(element, str):
                if element not in _INFO_LIST:
                    raise ValueError(f"For 'CheckpointConfig', the value of element in the argument 'append_info' "
                                     f"must be in {_INFO_LIST}, but got {element}.")
            elif isinstance(element, dict):
                dicts += 1
                if dicts > 1:
                    raise TypeError("For 'CheckpointConfig', the element of 'append_info' must has only one dict.")
                for key, value in element.items():
                    if not isinstance(key, str) or not isinstance(value, (int, float, bool, str, Parameter, Tensor)):
                        raise TypeError(f"For 'CheckpointConfig', the key type of the dict 'append_info' must be "
                                        f"string, the value type must be int or float or bool, but got key type "
                                        f"{type(key)}, value type {type(value)}")
                    handled[key] = value
            else:
                raise TypeError(f"For 'CheckpointConfig', the type of 'append_info' element must be str or dict,but "
                                f"got {type(element)}.")
        return handled


def _prefix_not_in_use(directory: str, prefix: str) -> str:
    """MindSpore's `prefix_N` when checkpoints named `prefix-...` (or `prefix_M-...`) are already there."""
    suffix = 0
    for filename in os.listdir(directory):
        if os.path.splitext(filename)[1] not in (".ckpt", ".safetensors") or filename.endswith("_breakpoint.ckpt"):
            continue
        if filename.startswith(prefix) and len(filename) > len(prefix) and not filename[len(prefix)].isalpha():
            index = filename[len(prefix):].find("-")
            if index == 0:
                suffix = max(suffix, 1)
            elif index != -1 and filename[len(prefix) + 1:len(prefix) + index].isdigit():
                suffix = max(suffix, int(filename[len(prefix) + 1:len(prefix) + index]) + 1)
    return f"{prefix}_{suffix}" if suffix else prefix


class ModelCheckpoint(Callback):
    """Save the training network's Parameters (optimizer state included) during and at the end of training."""

    def __init__(self, prefix="CKP", directory=None, config: CheckpointConfig | None = None) -> None:
        super().__init__()
        if not callable(prefix) and (not isinstance(prefix, str) or "/" in prefix):
            raise ValueError(f"For 'ModelCheckpoint', the argument 'prefix' for checkpoint file name is invalid, it "
                             f"must be callable or string that does not contain '/', but got {prefix}.")
        if config is not None and not isinstance(config, CheckpointConfig):
            raise TypeError(f"For 'ModelCheckpoint', the type of argument 'config' should be 'CheckpointConfig', but "
                            f"got {type(config)}.")
        self._config = config or CheckpointConfig()
        if self._config.enc_key is not None:
            raise NotImplementedError("mindgrad does not implement mindspore.train.CheckpointConfig(enc_key=...) "
                                      "(encrypted checkpoints) yet")
        self._prefix_func = prefix if callable(prefix) else None
        self._directory_func = directory if callable(directory) else None
        self._prefix = prefix
        self._directory = os.getcwd() if directory is None or callable(directory) else _make_directory(directory)
        if not callable(prefix) and not callable(directory):
            self._prefix = _prefix_not_in_use(self._directory, prefix)
        self._append_dict = dict(self._config.append_dict or {})
        self._append_epoch_num = self._append_dict.get("epoch_num", 0)
        self._append_step_num = self._append_dict.get("step_num", 0)
        self._last_triggered_step = 0
        self._last_time = time.time()
        self._last_time_for_keep = time.time()
        self._latest_ckpt_file_name = ""

    @property
    def latest_ckpt_file_name(self) -> str:
        return self._latest_ckpt_file_name

    def step_end(self, run_context):
        cb_params = run_context.original_args()
        if self._prefix_func:
            self._prefix = self._prefix_func(cb_params)
            if not isinstance(self._prefix, str) or "/" in self._prefix:
                raise ValueError(f"For 'ModelCheckpoint', the argument 'prefix' for checkpoint file name is callable, "
                                 f"it must return a string that does not contain '/', but got {self._prefix}.")
        if self._directory_func:
            self._directory = _make_directory(self._directory_func(cb_params))
        self._save_ckpt(cb_params)

    def end(self, run_context):
        self._save_ckpt(run_context.original_args(), force_to_save=True)

    def _should_save(self, cb_params, force_to_save: bool) -> bool:
        steps, seconds = self._config.save_checkpoint_steps, self._config.save_checkpoint_seconds
        if steps:
            return cb_params.cur_step_num >= self._last_triggered_step + steps or force_to_save
        if seconds:
            now = time.time()
            if now - self._last_time > seconds or force_to_save:
                self._last_time = now
                return True
        return False

    def _save_ckpt(self, cb_params, force_to_save: bool = False) -> None:
        if cb_params.cur_step_num == self._last_triggered_step or not self._should_save(cb_params, force_to_save):
            return
        fmt = self._config.format
        step_in_epoch = int((cb_params.cur_step_num - 1) % cb_params.batch_num + 1)
        name = f"{self._prefix}.{fmt}" if self._prefix_func else \
            f"{self._prefix}-{cb_params.cur_epoch_num}_{step_in_epoch}.{fmt}"
        existing = self._existing(fmt)
        keep_max, keep_minutes = self._config.keep_checkpoint_max, self._config.keep_checkpoint_per_n_minutes
        if keep_max and 0 < keep_max <= len(existing):
            _remove(min(existing, key=os.path.getmtime))
        elif keep_minutes:
            self._keep_one_per_minutes(existing, keep_minutes)
        self._last_time_for_keep = time.time()
        self._last_triggered_step = cb_params.cur_step_num
        if "epoch_num" in self._append_dict:
            self._append_dict["epoch_num"] = self._append_epoch_num + cb_params.cur_epoch_num
        if "step_num" in self._append_dict:
            self._append_dict["step_num"] = self._append_step_num + cb_params.cur_step_num
        network = self._config.saved_network if self._config.saved_network is not None else cb_params.train_network
        path = os.path.join(self._directory, name)
        save_checkpoint(network, path, self._config.integrated_save, self._config.async_save,
                        self._append_dict or None, crc_check=self._config.crc_check, format=fmt)
        self._latest_ckpt_file_name = path

    def _existing(self, fmt: str) -> list[str]:
        """This callback's checkpoint files: `<prefix>-<digits and separators>.<fmt>`."""
        out = []
        for filename in os.listdir(self._directory):
            if filename.endswith(f".{fmt}") and filename.startswith(self._prefix + "-"):
                middle = filename[len(self._prefix):-len(fmt) - 1]
                if not any(c.isalpha() for c in middle):
                    out.append(os.path.join(self._directory, filename))
        return out

    def _keep_one_per_minutes(self, existing: list[str], minutes: int) -> None:
        now = time.time()
        if now - self._last_time_for_keep >= minutes * 60:
            return
        recent = [f for f in existing if now - os.path.getmtime(f) < 60 * minutes]
        oldest = min(recent, key=os.path.getmtime, default=None)
        for f in recent:
            if f != oldest:
                _remove(f)


def _make_directory(path: str) -> str:
    path = os.path.realpath(path)
    os.makedirs(path, exist_ok=True)
    return path


def _remove(path: str) -> None:
    os.chmod(path, stat.S_IWUSR | stat.S_IRUSR)
    os.remove(path)


class LambdaCallback(Callback):
    """A callback from functions given by hook name (`on_train_epoch_end=lambda run_context: ...`)."""

    def __init__(self, **hooks) -> None:
        super().__init__()
        for name, fn in hooks.items():
            if name not in _HOOKS:
                raise ValueError(f"LambdaCallback has no hook '{name}'.")
            setattr(self, name, fn)


class ProgressBar(Callback):
    """mindgrad's progress display: one line per epoch that updates in place in a terminal or a notebook
    (`epoch 2/10 [=====>    ] 37/60 loss 0.4123 21.3 step/s`), or one line per epoch elsewhere.

    It writes to `stream` (standard error by default), so what a script prints is unchanged;
    `live` forces redrawing in place (True) or one line per epoch (False).
    `Model.train` adds one when the environment variable `MINDGRAD_PROGRESS` is `1`
    (`python -m mindgrad run --progress` sets it).
    """

    def __init__(self, stream: TextIO | None = None, width: int = 30, interval: float = 0.1,
                 live: bool | None = None) -> None:
        super().__init__()
        self.stream = stream
        self.width = width
        self.interval = interval
        self.live = live
        self._epoch_start = self._last_draw = 0.0

    def _out(self) -> TextIO:
        return self.stream if self.stream is not None else sys.stderr

    def _live(self) -> bool:
        """Redraw in place: as `live` says, else on a terminal or in a Jupyter kernel."""
        if self.live is not None:
            return self.live
        out = self._out()
        return _in_jupyter_kernel() or (hasattr(out, "isatty") and out.isatty())

    def _line(self, cb_params, step: int) -> str:
        total = cb_params.get("batch_num") or 0
        done = int(self.width * step / total) if total > 0 else 0
        bar = "=" * (done - 1) + ">" if 0 < done < self.width else "=" * done
        loss = _handle_loss(cb_params.get("net_outputs"))
        elapsed = max(time.time() - self._epoch_start, 1e-9)
        text = f"epoch {cb_params.get('cur_epoch_num', 1)}/{cb_params.get('epoch_num', '?')} " \
               f"[{bar:<{self.width}}] {step}/{total}"
        if isinstance(loss, float):
            text += f" loss {loss:.4f}"
        return text + f" {step / elapsed:.1f} step/s"

    def on_train_epoch_begin(self, run_context):
        self._epoch_start = self._last_draw = time.time()

    def on_train_step_end(self, run_context):
        cb_params = run_context.original_args()
        step = (cb_params.cur_step_num - 1) % cb_params.batch_num + 1
        now = time.time()
        if self._live() and (now - self._last_draw >= self.interval or step == cb_params.batch_num):
            self._last_draw = now
            self._out().write("\r" + self._line(cb_params, step))
            self._out().flush()

    def on_train_epoch_end(self, run_context):
        cb_params = run_context.original_args()
        line = self._line(cb_params, (cb_params.cur_step_num - 1) % cb_params.batch_num + 1)
        self._out().write(("\r" + line if self._live() else line) + "\n")
        self._out().flush()


def _in_jupyter_kernel() -> bool:
    """Whether this code runs in a Jupyter kernel (an IPython shell of ipykernel's), where `\\r` redraws a line."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell is not None and type(shell).__module__.startswith("ipykernel")
