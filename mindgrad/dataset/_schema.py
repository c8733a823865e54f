"""`Schema` (column names, types and shapes for TFRecord/Generator sources) and `DatasetCache`."""

from __future__ import annotations

import json

import numpy as np

from ..common import dtype as mstype

__all__ = ["Schema", "DatasetCache"]


class Schema:
    """Columns as MindSpore's schema JSON describes them: `add_column(name, de_type, shape)`."""

    def __init__(self, schema_file: str | None = None) -> None:
        self.columns: list[dict] = []
        self.num_rows = 0
        if schema_file is not None:
            with open(schema_file) as f:
                self.from_json(json.load(f))

    def add_column(self, name: str, de_type, shape=None) -> None:
        if isinstance(de_type, str):
            kind = de_type
        elif isinstance(de_type, mstype.Type):
            kind = np.dtype(mstype.to_numpy(de_type)).name
        else:
            kind = np.dtype(de_type).name
        column = {"name": name, "type": kind}
        if shape is not None:
            column["shape"] = list(shape)
            column["rank"] = len(shape)
        self.columns.append(column)

    def parse_columns(self, columns) -> None:
        self.columns = []
        items = columns.items() if isinstance(columns, dict) else ((c["name"], c) for c in columns)
        for name, column in items:
            self.add_column(name, column["type"], column.get("shape"))

    def from_json(self, json_obj: dict) -> None:
        self.num_rows = json_obj.get("numRows", 0)
        self.parse_columns(json_obj["columns"])

    def to_json(self) -> str:
        return json.dumps({"columns": self.columns, "numRows": self.num_rows}, indent=2)

    def __str__(self) -> str:
        return self.to_json()


class DatasetCache:
    """MindSpore's cache-server handle; mindgrad keeps the arguments (the pipeline does not cache)."""

    def __init__(self, session_id: int, size: int = 0, spilling: bool = False, hostname=None, port=None,
                 num_connections=None, prefetch_size=None) -> None:
        self.session_id, self.size, self.spilling = session_id, size, spilling

    def get_stat(self):
        return {"session_id": self.session_id, "size": self.size}
