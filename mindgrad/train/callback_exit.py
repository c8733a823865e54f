"""`mindspore.train.callback.OnRequestExit`: stop training or evaluation when asked, saving the state first.

The request is the signal `sig` (SIGTERM by default; the handler is installed at `on_train_begin` /
`on_eval_begin`) or `{"GracefulExit": 1}` in the JSON file `config_file`. Files go to
`<directory>/rank_<device_id>/<file_name>_train.ckpt` (and `_eval`). At train begin an existing train
checkpoint is loaded into the training network (at eval begin, the eval checkpoint, else the train one).
After the step during which the request arrived, the training network is saved (with `epoch_num`,
`step_num`, `batch_num` and the optimizer's `global_step`) and training stops; evaluation stops after
its step and saves the eval network at its end.

Differences: MindSpore acts at step end only where its graceful-exit switch (MS_ENABLE_GRACEFUL_EXIT) made
the network carry a flag, and otherwise saves at the end of training; mindgrad acts after the step as
documented. `save_mindir` cannot be honoured (mindgrad writes no MINDIR graph): it logs a warning instead.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import threading

from .. import context
from .._checkparam import check_isinstance
from .callback import Callback
from .serialization import load_checkpoint, save_checkpoint

__all__ = ["OnRequestExit"]

_log = logging.getLogger("mindgrad")


class OnRequestExit(Callback):
    """OnRequestExit(save_ckpt=True, save_mindir=True, file_name='Net', directory='./', config_file=None,
    sig=signal.SIGTERM)."""

    def __init__(self, save_ckpt: bool = True, save_mindir: bool = True, file_name: str = "Net", directory: str = "./",
                 config_file: str | None = None, sig: int = signal.SIGTERM) -> None:
        super().__init__()
        self.save_ckpt = check_isinstance("save_ckpt", save_ckpt, bool)
        self.save_mindir = check_isinstance("save_mindir", save_mindir, bool)
        self.sig = check_isinstance("sig", sig, int)
        if hasattr(signal, "SIGKILL") and self.sig == signal.SIGKILL:
            raise ValueError("Not support send exit request by signal SIGKILL.")
        self.exit = False
        self.lock = threading.Lock()
        self.save_path = directory
        self.key = "GracefulExit"
        self.remote_config_file = config_file
        self.stop_train = False
        folder = os.path.join(directory, f"rank_{context.get_context('device_id')}")
        if save_ckpt or save_mindir:
            os.makedirs(folder, exist_ok=True)
        self.train_name = os.path.join(folder, f"{file_name}_train")
        self.eval_name = os.path.join(folder, f"{file_name}_eval")

    def _handle_signal(self, signum, frame) -> None:
        self.exit = True

    def _requested(self) -> bool:
        """Whether the signal came or the config file asks for the exit."""
        if self.exit:
            return True
        path = self.remote_config_file
        if path is not None and os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                try:
                    info = json.load(f)
                except json.JSONDecodeError as e:
                    _log.warning(f"Parse json file failed: {e}, please check json file: {path}")
                    return False
            self.exit = isinstance(info, dict) and info.get(self.key) == 1
        return self.exit

    def _save(self, net, name: str, append_dict: dict | None = None) -> None:
        if self.save_ckpt:
            save_checkpoint(net, name, append_dict=append_dict)
        if self.save_mindir:
            _log.warning("OnRequestExit: mindgrad cannot write MindSpore's MINDIR format; no .mindir file is saved "
                         "(use save_mindir=False, or mindgrad.export with file_format='JAX').")

    def on_train_begin(self, run_context) -> None:
        signal.signal(self.sig, self._handle_signal)
        if self.save_ckpt and os.path.isfile(f"{self.train_name}.ckpt"):
            load_checkpoint(f"{self.train_name}.ckpt", net=run_context.original_args().train_network)

    def on_train_step_end(self, run_context) -> None:
        with self.lock:
            if self.stop_train or not self._requested():
                return
            params = run_context.original_args()
            append = {"epoch_num": params.cur_epoch_num, "step_num": params.cur_step_num,
                      "batch_num": params.batch_num}
            optimizer = getattr(params, "optimizer", None)
            names = {p.name for p in params.train_network.get_parameters()}
            if optimizer is not None and "global_step" not in names:  # else saved with the network
                append["global_step"] = int(optimizer.global_step.asnumpy().reshape(-1)[0])
            self._save(params.train_network, self.train_name, append)
            run_context.request_stop()
            self.stop_train = True

    on_train_epoch_end = on_train_step_end

    def on_eval_begin(self, run_context) -> None:
        signal.signal(self.sig, self._handle_signal)
        if not self.save_ckpt:
            return
        net = run_context.original_args().eval_network
        for name in (self.eval_name, self.train_name):
            if os.path.isfile(f"{name}.ckpt"):
                load_checkpoint(f"{name}.ckpt", net=net)
                return

    def on_eval_step_end(self, run_context) -> None:
        if self._requested():
            run_context.request_stop()

    def on_eval_end(self, run_context) -> None:
        if self.exit:
            self._save(run_context.original_args().eval_network, self.eval_name)
