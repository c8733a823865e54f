"""`mindspore.train.serialization.load_distributed_checkpoint` on one process (ops17).

MindSpore merges the checkpoint slices of every rank by the training strategy and re-slices them for the predict
strategy. mindgrad trains data-parallel only, so every rank's file holds whole Parameters: the file of `rank_id`
(rank 0 by default) is the merged checkpoint, loaded into `network` with `load_checkpoint`'s checks."""

from __future__ import annotations

import os

from .serialization import load_checkpoint, load_param_into_net

__all__ = ["load_distributed_checkpoint"]


def load_distributed_checkpoint(network, checkpoint_filenames=None, predict_strategy=None,
                                train_strategy_filename=None, strict_load: bool = False, dec_key=None,
                                dec_mode: str = "AES-GCM", format: str = "ckpt",  # noqa: A002 - MindSpore's name
                                unified_safetensors_dir=None, dst_safetensors_dir=None, rank_id=None,
                                output_format: str = "safetensors", name_map=None, max_process_num: int = 64,
                                return_param_dict: bool = False):
    """Load the whole Parameters held by the checkpoint of `rank_id` (default 0) of `checkpoint_filenames` into
    `network` (or return them as a dict with `return_param_dict`); `name_map` renames checkpoint names first.
    The strategy arguments are accepted and unused: data-parallel ranks hold identical, unsliced values."""
    op = "load_distributed_checkpoint"
    if format not in ("ckpt", "safetensors") or output_format not in ("ckpt", "safetensors"):
        raise ValueError(f"For '{op}', 'format' and 'output_format' must be 'ckpt' or 'safetensors', but got "
                         f"{format if format not in ('ckpt', 'safetensors') else output_format}.")
    if not isinstance(checkpoint_filenames, (list, tuple)) or not checkpoint_filenames:
        raise ValueError(f"For '{op}', 'checkpoint_filenames' should be a non-empty list or tuple of "
                         f"checkpoint files, but got {checkpoint_filenames!r}.")
    for index, name in enumerate(checkpoint_filenames):
        if not (isinstance(name, str) and name.endswith("." + format) and os.path.isfile(name)):
            raise ValueError(f"For '{op}', please check 'checkpoint_filenames', and make sure the {name} at index "
                             f"{index} is a valid checkpoint file, it must be a string ending with '.{format}', and "
                             f"the checkpoint file it represents must exist.")
    rank = 0 if rank_id is None else rank_id
    if not isinstance(rank, int) or not 0 <= rank < len(checkpoint_filenames):
        raise ValueError(f"For '{op}', 'rank_id' should be an index of 'checkpoint_filenames', but got {rank_id}.")
    params = load_checkpoint(checkpoint_filenames[rank], dec_key=dec_key, dec_mode=dec_mode, format=format)
    if name_map:
        params = {name_map.get(k, k): v for k, v in params.items()}
    if return_param_dict:
        return params
    load_param_into_net(network, params, strict_load=strict_load)
    return None
