"""`mindspore.train.checkpoint_pb2`: MindSpore's `.ckpt` protobuf messages (`checkpoint.proto`): `Checkpoint`
(repeated `Checkpoint.Value`: a tag and a `TensorProto` or a `MapTensorProto`), `TensorProto` (dims, dtype name,
raw bytes) and `MapTensorProto`, as protobuf classes (needs the `protobuf` package; `save_checkpoint` and
`load_checkpoint` do not use them, see `_ckpt_codec`)."""

from ._proto import build

_MESSAGES = build("checkpoint.proto", "", {
    "Checkpoint": [("value", 1, "repeated", "Checkpoint.Value", None)],
    "Checkpoint.Value": [("tag", 1, "required", "string", None), ("tensor", 2, "optional", "TensorProto", "value"),
                         ("maptensor", 3, "optional", "MapTensorProto", "value")],
    "TensorProto": [("dims", 1, "repeated", "int64", None), ("tensor_type", 2, "required", "string", None),
                    ("tensor_content", 3, "required", "bytes", None)],
    "MapTensorProto": [("tensor", 1, "repeated", "TensorProto", None)],
})
Checkpoint = _MESSAGES["Checkpoint"]
TensorProto = _MESSAGES["TensorProto"]
MapTensorProto = _MESSAGES["MapTensorProto"]

__all__ = ["Checkpoint", "TensorProto", "MapTensorProto"]
