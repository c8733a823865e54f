"""`mindspore.train.node_strategy_pb2`: MindSpore's parallel strategy file messages (`node_strategy.proto`,
package `mindspore.straspb`), as protobuf classes (needs the `protobuf` package). `ParallelStrategyMap` is
what MindSpore writes to `strategy_ckpt_save_file`: the current stage, each operator's sharding strategy and
each parameter's layout (device matrix, tensor map, split shape, optimizer-shard step and size)."""

from ._proto import build


def _dims(kind: str) -> list:
    return [("dim", 1, "repeated", kind, None)]


_MESSAGES = build("node_strategy.proto", "mindspore.straspb", {
    "ParallelStrategy": _dims("uint32"),
    "ParallelStrategys": [("stage", 1, "required", "uint32", None),
                          ("parallel_strategy", 2, "repeated", "ParallelStrategy", None)],
    "ParallelStrategyItem": [("node_name", 1, "required", "string", None),
                             ("parallel_strategys", 2, "required", "ParallelStrategys", None)],
    "DevMatrix": _dims("uint32"),
    "TensorMap": _dims("int32"),
    "ParamSplitShape": _dims("int64"),
    "IndicesOffset": _dims("int64"),
    "ParallelLayouts": [("dev_matrix", 1, "repeated", "DevMatrix", None),
                        ("tensor_map", 2, "repeated", "TensorMap", None),
                        ("param_split_shape", 3, "repeated", "ParamSplitShape", None),
                        ("indices_offset", 4, "repeated", "IndicesOffset", None),
                        ("field", 5, "required", "int32", None),
                        ("opt_weight_shard_step", 6, "required", "int32", None),
                        ("opt_weight_shard_size", 7, "required", "int32", None)],
    "ParallelLayoutItem": [("param_name", 1, "required", "string", None),
                           ("parallel_layouts", 2, "required", "ParallelLayouts", None)],
    "ParallelGroupRanks": _dims("uint32"),
    "ParallelGroupItem": [("group_name", 1, "required", "string", None),
                          ("parallel_group_ranks", 2, "required", "ParallelGroupRanks", None)],
    "ParallelGroupMap": [("parallel_group_item", 1, "repeated", "ParallelGroupItem", None),
                         ("ckpt_restore_rank_list", 2, "required", "ParallelGroupRanks", None)],
    "ParallelStrategyMap": [("current_stage", 1, "required", "uint32", None),
                            ("parallel_strategy_item", 2, "repeated", "ParallelStrategyItem", None),
                            ("parallel_layout_item", 3, "repeated", "ParallelLayoutItem", None)],
})
globals().update(_MESSAGES)
__all__ = list(_MESSAGES)
