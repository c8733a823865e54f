"""`mindspore.mindrecord.FileReader` and the row table `MindDataset` reads MindRecord files through."""

from __future__ import annotations

import mmap
import os
import struct

from . import _format as fmt

__all__ = ["FileReader"]


def _open_shards(file_name, all_shards: bool = True) -> list[tuple[str, dict]]:
    """(path, header) of each shard: every shard of the set `file_name` belongs to, or just the listed files."""
    paths = [file_name] if isinstance(file_name, str) else list(file_name)
    for path in paths:
        if not isinstance(path, str) or not os.path.isfile(path):
            raise RuntimeError(f"The input: {path} is not exists.")
    if all_shards and isinstance(file_name, str):
        header = fmt.load_header(file_name)
        directory = os.path.dirname(os.path.abspath(file_name))
        paths = [os.path.join(directory, n) for n in header["shard_addresses"]]
    out = []
    for path in paths:
        if not os.path.isfile(path):
            raise RuntimeError(f"The input: {path} is not exists.")
        if not os.path.isfile(path + ".db"):
            raise RuntimeError(f"The input: {path}.db is not exists.")
        out.append((path, fmt.load_header(path)))
    return out


class _Table:
    """Random access to the rows of MindRecord shard files (row i: a dict of field values)."""

    def __init__(self, file_name, all_shards: bool = True) -> None:
        shards = _open_shards(file_name, all_shards)
        self.schema = shards[0][1]["schema"][0]["schema"]
        self.blobs = fmt.blob_fields(self.schema)
        self.rows: list[tuple[int, int, int, int, int]] = []  # shard, raw start, raw end, blob start, blob end
        self._maps = []
        for number, (path, header) in enumerate(shards):
            if header["schema"][0]["schema"] != self.schema:
                raise RuntimeError(f"Invalid file, the schema of {path} differs from that of {shards[0][0]}.")
            with open(path, "rb") as f:
                size = os.fstat(f.fileno()).st_size
                data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
            self._maps.append(data)
            entries = {"RAW_DATA": [], "BLOB_DATA": []}
            for page in sorted(header["page"], key=lambda m: (m["page_type"], m["page_type_id"])):
                start = header["header_size"] + page["page_id"] * header["page_size"]
                end = start + page["page_size"]
                if end > size:
                    raise RuntimeError(f"Invalid file, the mindrecord file {path} is truncated: page "
                                       f"{page['page_id']} ends at byte {end} of {size}.")
                pos = start
                while pos < end:
                    (n,) = struct.unpack_from("<Q", data, pos)
                    if pos + 8 + n > end:
                        raise RuntimeError(f"Invalid file, the mindrecord file {path} is corrupt in page "
                                           f"{page['page_id']}.")
                    entries[page["page_type"]].append((pos + 8, pos + 8 + n))
                    pos += 8 + n
            raws, blobs = entries["RAW_DATA"], entries["BLOB_DATA"]
            if len(raws) != len(blobs):
                raise RuntimeError(f"Invalid file, the mindrecord file {path} is corrupt: {len(raws)} raw entries "
                                   f"for {len(blobs)} blob entries.")
            self.rows += [(number, *r, *b) for r, b in zip(raws, blobs, strict=True)]

    def __len__(self) -> int:
        return len(self.rows)

    def read(self, index: int) -> tuple[dict, dict]:
        """(scalar fields, blob fields) of row `index`."""
        shard, r0, r1, b0, b1 = self.rows[index]
        data = self._maps[shard]
        stored, _ = fmt.unpack(data[r0:r1])
        scalars = {k: v for k, v in stored.items() if k in self.schema}
        parts = fmt.split_blobs(data[b0:b1], len(self.blobs)) if self.blobs else []
        blobs = {name: fmt.decode_blob(self.schema[name], part)
                 for name, part in zip(self.blobs, parts, strict=True)}
        return scalars, blobs

    def close(self) -> None:
        for data in self._maps:
            if isinstance(data, mmap.mmap):
                data.close()
        self._maps = []


class FileReader:
    """Read the rows of a MindRecord file (and of the other shards of its set) as dicts.

    As MindSpore's reader gives them: the scalar fields first (Python values; a float with an integral
    value comes back as an int), then the blob fields (bytes, or NumPy arrays of the schema's shape).
    """

    def __init__(self, file_name, num_consumer: int = 4, columns: list[str] | None = None,
                 operator=None) -> None:
        if not isinstance(file_name, (str, list)):
            raise ValueError(f"Parameter file_name: {file_name} is invalid, it should be a str or a list of str.")
        self._table = _Table(file_name)
        missing = [c for c in columns or [] if c not in self._table.schema]
        if missing:
            raise RuntimeError(f"Invalid data, column '{missing[0]}' is not in the schema "
                               f"{list(self._table.schema)}.")
        self._columns = columns

    def schema(self) -> dict:
        return self._table.schema

    def len(self) -> int:
        return len(self._table)

    def get_next(self):
        """Yield each row as a dict."""
        for i in range(len(self._table)):
            scalars, blobs = self._table.read(i)
            row = {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in scalars.items()}
            row.update(blobs)
            if self._columns is not None:
                row = {c: row[c] for c in self._columns}
            yield row

    def close(self) -> None:
        self._table.close()
