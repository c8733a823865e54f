"""Protobuf message classes built at import from a compact table of MindSpore's `.proto` definitions (proto2),
with the `protobuf` package; without it each class is a stand-in whose construction raises ImportError."""

from __future__ import annotations

_LABELS = {"optional": 1, "required": 2, "repeated": 3}
_TYPES = {"int32": 5, "int64": 3, "uint32": 13, "string": 9, "bytes": 12}


def build(file_name: str, package: str, messages: dict) -> dict:
    """{name: message class} of the top-level messages of `messages` ({name: [(field, number, label, type, oneof
    or None)]}, a nested message named 'Outer.Inner' after its outer one, reached as `Outer.Inner`); a type
    that is not a scalar names a message of this file."""
    try:
        from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
    except ImportError:
        return {name: _missing(name) for name in messages if "." not in name}
    proto = descriptor_pb2.FileDescriptorProto(name=file_name, package=package, syntax="proto2")
    prefix = f".{package}." if package else "."
    made = {}
    for name, fields in messages.items():
        outer, _, inner = name.rpartition(".")
        msg = (made[outer].nested_type.add(name=inner) if outer else proto.message_type.add(name=name))
        made[name] = msg
        oneofs: list[str] = []
        for field, number, label, kind, oneof in fields:
            f = msg.field.add(name=field, number=number, label=_LABELS[label])
            if kind in _TYPES:
                f.type = _TYPES[kind]
            else:
                f.type = descriptor_pb2.FieldDescriptorProto.TYPE_MESSAGE
                f.type_name = prefix + kind
            if oneof is not None:
                if oneof not in oneofs:
                    oneofs.append(oneof)
                    msg.oneof_decl.add(name=oneof)
                f.oneof_index = oneofs.index(oneof)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    return {name: message_factory.GetMessageClass(pool.FindMessageTypeByName(prefix[1:] + name))
            for name in messages if "." not in name}


def _missing(name: str) -> type:
    def __init__(self, *args, **kwargs):
        raise ImportError(f"mindgrad builds MindSpore's protobuf message {name} with the 'protobuf' package, which "
                          f"is not installed: pip install protobuf (or mindgrad[proto])")
    return type(name, (), {"__init__": __init__, "__doc__": f"MindSpore's message {name}."})
