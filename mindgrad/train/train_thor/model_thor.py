"""`mindspore.train.train_thor.model_thor`: `ModelThor`, the Model that trains with THOR's cycle.

With `dataset_sink_mode=True`, MindSpore's GPU cycle: one step that computes new inverses of the THOR factors, then
`frequency - 1` steps that reuse them; every step is one compiled training step (no multi-step sink program). The
callbacks see MindSpore's GPU calls: `on_train_step_begin` at every step, `on_train_step_end` after each THOR step
and after the last step of each cycle, `cur_step_num` counting every step; each epoch has `sink_size` steps (-1:
the dataset's size); evaluation during training is a ValueError. Without sink every step computes new inverses
(MindSpore 2.10's ModelThor raises a TypeError there: its `_exec_preprocess` no longer matches `Model`'s).
"""

from __future__ import annotations

import numpy as np

from ...common.tensor import Tensor
from ...nn.wrap import TrainOneStepCell
from ..callback import RunContext
from ..dataset_helper import as_tensors, endless_rows
from ..model import Model

__all__ = ["ModelThor"]


class ModelThor(Model):
    """A Model training with THOR's cycle of `frequency` steps (`mindspore.train.train_thor.model_thor`)."""

    def __init__(self, network, loss_fn=None, optimizer=None, metrics=None, eval_network=None, eval_indexes=None,
                 amp_level: str = "O0", **kwargs) -> None:
        super().__init__(network, loss_fn, optimizer, metrics, eval_network, eval_indexes, amp_level, **kwargs)
        self._thor = network.optimizer if isinstance(network, TrainOneStepCell) else optimizer
        self._frequency = self._thor.get_frequency()
        self.switch_branch_one = True
        self.index_first_order = 0
        self._flag_value = bool(np.asarray(self._thor.thor_flag.asnumpy())[0])

    def _set_thor_step(self, new_inverses: bool) -> None:
        """Whether the optimizer's next step computes new inverses (its `thor_flag`, written only on a change)."""
        if self._flag_value != new_inverses:
            self._thor.thor_flag.set_data(Tensor(np.array([int(new_inverses)], np.int32)))
            self._flag_value = new_inverses

    def _train_process(self, epoch, train_dataset, list_callback, cb_params, initial_epoch, valid_infos) -> None:
        self._set_thor_step(True)
        super()._train_process(epoch, train_dataset, list_callback, cb_params, initial_epoch, valid_infos)

    def _train_sink_process(self, epoch, train_dataset, list_callback, cb_params, sink_size, initial_epoch,
                            valid_infos) -> None:
        if valid_infos[0]:
            raise ValueError("Evaluation in training is currently not supported in the second-order scenario of thor.")
        iter_first_order = self._frequency - 1
        self._enter_training()
        cb_params.dataset_sink_mode = True
        cb_params.cur_step_num = 0
        run_context = RunContext(cb_params)
        list_callback.on_train_begin(run_context)
        rows = endless_rows(train_dataset)
        for i in range(initial_epoch, epoch):
            cb_params.cur_epoch_num = i + 1
            self._current_epoch_num = cb_params.cur_epoch_num
            list_callback.on_train_epoch_begin(run_context)
            for _ in range(sink_size):
                row = next(rows, None)
                if row is None:
                    break
                cb_params.train_dataset_element = ()
                list_callback.on_train_step_begin(run_context)
                self._thor_step(as_tensors([row])[0], cb_params, list_callback, iter_first_order, run_context)
            list_callback.on_train_epoch_end(run_context)
            if run_context.get_stop_requested():
                break
        list_callback.on_train_end(run_context)

    def _thor_step(self, inputs, cb_params, list_callback, iter_first_order: int, run_context) -> None:
        """One step of the cycle, as MindSpore's GPU `_train_gpu_sink_step`."""
        cb_params.cur_step_num += 1
        self._current_step_num = int((cb_params.cur_step_num - 1) % cb_params.batch_num + 1)
        self._set_thor_step(self.switch_branch_one)
        cb_params.net_outputs = self._train_network(*inputs)
        if self.switch_branch_one:
            self.switch_branch_one = False
            list_callback.on_train_step_end(run_context)
            return
        self.index_first_order += 1
        if self.index_first_order == iter_first_order:
            self.index_first_order = 0
            self.switch_branch_one = True
            list_callback.on_train_step_end(run_context)
