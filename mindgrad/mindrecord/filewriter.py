"""`mindspore.mindrecord.FileWriter`: write MindRecord files that MindSpore reads (and reads back here).

Rows are split across `shard_num` files (`name0`, `name1`, ... when more than one) in contiguous
runs, as MindSpore splits each `write_raw_data` call. Pages are written to a temporary file beside
the target; `commit` writes the header and the SQLite index, then renames both into place, so a
failed or missing `commit` leaves no file under the target name.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct

import numpy as np

from . import _format as fmt

__all__ = ["FileWriter"]


class _Page:
    def __init__(self, page_id: int, kind: str, type_id: int, start_row: int = 0) -> None:
        self.id, self.kind, self.type_id = page_id, kind, type_id
        self.data: bytearray | None = bytearray()
        self.size = 0
        self.lengths: list[int] = []  # blob pages: the length of each entry (the data may be on disk only)
        self.groups: list[tuple[int, int]] = [(0, 0)] if kind == "BLOB_DATA" else []
        self.start_row = self.end_row = start_row

    def append(self, entries: list[bytes]) -> None:
        self.data += b"".join(entries)
        self.lengths += [len(e) for e in entries]
        self.size = len(self.data)

    def meta(self, shard_id: int) -> dict:
        blob = self.kind == "BLOB_DATA"
        return {"end_row_id": self.end_row if blob else 0, "page_id": self.id, "page_size": self.size,
                "page_type": self.kind, "page_type_id": self.type_id,
                "row_group_ids": [{"id": g, "offset": o} for g, o in self.groups], "shard_id": shard_id,
                "start_row_id": self.start_row if blob else 0}


class _Shard:
    """One shard file being written: its pages (the last raw and blob pages in memory) and the temporary file
    behind it. Pages are laid out as MindSpore lays them out: the rows of one call are cut into row groups, a
    new group (and blob page) whenever the blob page or the group's raw bytes would pass the page size; a
    group's raw entries stay together in one raw page."""

    def __init__(self, path: str, shard_id: int) -> None:
        self.path, self.shard_id = path, shard_id
        self.tmp = f"{path}.{os.getpid()}.writing"
        self.pages: list[_Page] = []
        self.blob: _Page | None = None
        self.raw: _Page | None = None
        self.file = None

    def _flush(self, page: _Page, header_size: int, page_size: int) -> None:
        if self.file is None:
            self.file = open(self.tmp, "r+b" if os.path.exists(self.tmp) else "w+b")  # noqa: SIM115
        self.file.seek(header_size + page.id * page_size)
        self.file.write(page.data)

    def _retire(self, page: _Page | None, header_size: int, page_size: int) -> None:
        """Write a page that will take no more rows; a blob page's data then lives on disk only."""
        if page is not None:
            self._flush(page, header_size, page_size)
            if page.kind == "BLOB_DATA":
                page.data = None

    def add(self, rows: list[tuple[bytes, bytes]], page_size: int, header_size: int) -> None:
        """Append rows of (blob bytes, raw bytes)."""
        blobs = [struct.pack("<Q", len(b)) + b for b, _ in rows]
        raws = [struct.pack("<Q", len(r)) + r for _, r in rows]
        if max(len(x) for x in blobs + raws) > page_size:
            raise RuntimeError(f"Invalid data, a row is larger than the page size {page_size}; call set_page_size "
                               f"with a larger size.")
        n_blob = self.blob.size if self.blob else 0
        n_raw = self.raw.size - self.raw.groups[-1][1] if self.raw and self.raw.groups else 0
        groups, start = [], 0
        for i, (blob, raw) in enumerate(zip(blobs, raws, strict=True)):
            if n_blob == 0 or n_blob + len(blob) > page_size or n_raw + len(raw) > page_size:
                groups.append((start, i))
                start, n_blob, n_raw = i, len(blob), len(raw)
            else:
                n_blob, n_raw = n_blob + len(blob), n_raw + len(raw)
        groups.append((start, len(rows)))
        first, last = groups[0]
        if last > first:
            self.blob.append(blobs[first:last])
            self.blob.end_row += last - first
        row = self.blob.end_row if self.blob else 0
        for begin, end in groups[1:]:
            page = _Page(len(self.pages), "BLOB_DATA", self.blob.type_id + 1 if self.blob else 0, row)
            page.append(blobs[begin:end])
            row = page.end_row = row + end - begin
            self._retire(self.blob, header_size, page_size)
            self.pages.append(page)
            self.blob = page
        if last > first and self.raw is not None and sum(map(len, raws[first:last])) + self.raw.size > page_size:
            # the group the first rows continue moves whole to a new raw page (its old bytes stay on disk)
            group, offset = self.raw.groups.pop()
            moved = bytes(self.raw.data[offset:])
            self._flush(self.raw, header_size, page_size)
            del self.raw.data[offset:]
            self.raw.size = len(self.raw.data)
            page = _Page(len(self.pages), "RAW_DATA", self.raw.id + 1)
            page.groups = [(group, 0)]
            page.append([moved])
            self._retire(self.raw, header_size, page_size)
            self.pages.append(page)
            self.raw = page
        group = self.raw.groups[-1][0] if self.raw and self.raw.groups else -1
        for number, (begin, end) in enumerate(groups):
            if end == begin:
                continue
            if self.raw is None or self.raw.size + sum(map(len, raws[begin:end])) > page_size:
                page = _Page(len(self.pages), "RAW_DATA", self.raw.id + 1 if self.raw else 0)
                self._retire(self.raw, header_size, page_size)
                self.pages.append(page)
                self.raw = page
            if number > 0:
                group += 1
                self.raw.groups.append((group, self.raw.size))
            self.raw.append(raws[begin:end])

    def index_rows(self, header_size: int, page_size: int, fields: list[str]) -> list[tuple]:
        """The SQLite index rows, from the pages as laid out (read back from the temporary file)."""
        blob_pages = {p.type_id: p for p in self.pages if p.kind == "BLOB_DATA"}
        rows, group, taken = [], None, 0
        for page in sorted((p for p in self.pages if p.kind == "RAW_DATA"), key=lambda p: p.id):
            data = page.data
            marks = dict((offset, g) for g, offset in page.groups)
            pos = 0
            while pos < page.size:
                if pos in marks:
                    group, taken = marks[pos], 0
                (n,) = struct.unpack_from("<Q", data, pos)
                values, _ = fmt.unpack(bytes(data[pos + 8:pos + 8 + n]))
                blob = blob_pages[group]
                blob_at = sum(blob.lengths[:taken])
                rows.append((len(rows), page.id, pos, pos + 8 + n, group, blob.id, blob_at,
                             blob_at + blob.lengths[taken], *(values[f] for f in fields)))
                taken += 1
                pos += 8 + n
        return rows


class FileWriter:
    """Write rows of a schema to `shard_num` MindRecord files named after `file_name`."""

    def __init__(self, file_name: str, shard_num: int = 1, overwrite: bool = False) -> None:
        if not isinstance(file_name, str) or not file_name:
            raise ValueError(f"Parameter file_name: {file_name} is invalid, it should be a non-empty string.")
        if not isinstance(shard_num, int) or isinstance(shard_num, bool) or not 1 <= shard_num <= 1000:
            raise ValueError(f"Parameter shard_num: {shard_num} is invalid, it should be in range [1, 1000].")
        directory = os.path.dirname(os.path.abspath(file_name))
        if not os.path.isdir(directory):
            raise RuntimeError(f"Invalid file, the directory {directory} of {file_name} does not exist.")
        self._paths = [file_name] if shard_num == 1 else [f"{file_name}{i}" for i in range(shard_num)]
        self._overwrite = overwrite
        self._header_size = 1 << 24
        self._page_size = 1 << 25
        self._schema: dict | None = None
        self._desc = ""
        self._index: list[str] | None = None
        self._shards: list[_Shard] | None = None
        self._appending = False
        self._compression = 0

    # ---- setup -------------------------------------------------------------------------------------------
    def set_header_size(self, header_size: int) -> None:
        """Header block size: a power of two from 16 KB to 128 MB (default 16 MB)."""
        if not isinstance(header_size, int) or not 1 << 14 <= header_size <= 1 << 27 or header_size & (header_size - 1):
            raise ValueError(f"Parameter header_size: {header_size} is invalid, it should be a power of 2 in range "
                             f"[16KB, 128MB].")
        self._header_size = header_size

    def set_page_size(self, page_size: int) -> None:
        """Page size: a power of two from 32 KB to 256 MB (default 32 MB)."""
        if not isinstance(page_size, int) or not 1 << 15 <= page_size <= 1 << 28 or page_size & (page_size - 1):
            raise ValueError(f"Parameter page_size: {page_size} is invalid, it should be a power of 2 in range "
                             f"[32KB, 256MB].")
        self._page_size = page_size

    def add_schema(self, content: dict, desc: str | None = None) -> None:
        """The fields: `{name: {"type": ..., "shape": [...]}}`; a field with a shape is an array."""
        if self._schema is not None:
            raise RuntimeError("Only one schema can be added to a MindRecord file.")
        if not isinstance(content, dict) or not content:
            raise ValueError(f"Parameter content: {content} is invalid, it should be a non-empty dict.")
        for name, field in content.items():
            if not isinstance(field, dict) or field.get("type") not in fmt.SCALAR_TYPES:
                raise ValueError(f"Field '{name}' in schema is invalid: its type should be one of "
                                 f"{list(fmt.SCALAR_TYPES)}.")
            if "shape" in field and (field["type"] not in fmt.ARRAY_TYPES or not isinstance(field["shape"], list)):
                raise ValueError(f"Field '{name}' in schema is invalid: a shape needs a list and a numeric type.")
        self._schema = {name: dict(sorted(field.items())) for name, field in sorted(content.items())}
        self._desc = "" if desc is None else desc

    def add_index(self, index_fields: list[str]) -> None:
        """Index these scalar, non-bytes fields in the SQLite file (default: all of them)."""
        if not isinstance(index_fields, list) or not index_fields:
            raise ValueError(f"Parameter index_fields: {index_fields} is invalid, it should be a non-empty list.")
        for name in index_fields:
            field = (self._schema or {}).get(name)
            if field is None or field["type"] == "bytes" or "shape" in field:
                raise ValueError(f"Parameter index_fields is invalid: field '{name}' is not a scalar field of the "
                                 f"schema.")
        self._index = list(index_fields)

    # ---- writing -------------------------------------------------------------------------------------------
    def _valid(self, row) -> bool:
        if not isinstance(row, dict):
            return False
        for name, field in self._schema.items():
            if name not in row:
                return False
            value, ftype = row[name], field["type"]
            if "shape" in field:
                try:
                    array = np.asarray(value)
                except (TypeError, ValueError):
                    return False
                ok = array.dtype.kind in "iuf" and (array.dtype.kind != "f" or ftype.startswith("float"))
                shape = field["shape"]
                if not ok or (-1 not in shape and int(np.prod(shape)) != array.size):
                    return False
            elif ftype == "bytes":
                if not isinstance(value, (bytes, bytearray, np.ndarray)):
                    return False
            elif ftype == "string":
                if not isinstance(value, str):
                    return False
            elif ftype.startswith("int"):
                if not isinstance(value, (int, np.integer)) or isinstance(value, bool):
                    return False
            elif not isinstance(value, (int, float, np.integer, np.floating)) or isinstance(value, bool):
                return False
        return True

    def write_raw_data(self, raw_data: list[dict], parallel_writer: bool = False) -> None:
        """Append rows (dicts over the schema's fields); rows that do not match the schema are skipped."""
        if self._schema is None:
            raise RuntimeError("Failed to write data, add_schema should be called before write_raw_data.")
        if not isinstance(raw_data, list) or not raw_data:
            raise ValueError(f"Parameter raw_data: {raw_data!r} is invalid, it should be a non-empty list of dict.")
        rows = [r for r in raw_data if self._valid(r)]
        if not rows:
            raise RuntimeError("There is no valid data which can be written by 'write_raw_data' to mindrecord file. "
                               "Please check the abnormal input data indicated in the warning log above.")
        self._start()
        blobs = fmt.blob_fields(self._schema)
        count = len(self._shards)
        for k, shard in enumerate(self._shards):
            start = k * (len(rows) // count)
            stop = len(rows) if k == count - 1 else start + len(rows) // count
            batch = []
            for row in rows[start:stop]:
                parts = []
                for name in blobs:
                    packed, saved = fmt.encode_blob(self._schema[name]["type"], row[name])
                    parts.append(packed)
                    self._compression += saved
                scalars = {n: self._scalar(n, row[n]) for n in self._schema if n not in blobs}
                raw = fmt.pack(scalars or {"id": 0})  # MindSpore stores a dummy id when every field is a blob
                batch.append((fmt.join_blobs(parts), raw))
            shard.add(batch, self._page_size, self._header_size)

    def _start(self) -> None:
        """On the first write: refuse existing files (unless `overwrite`), as MindSpore does then."""
        if self._shards is not None:
            return
        if not self._overwrite:
            for path in self._paths:
                if os.path.exists(path) or os.path.exists(path + ".db"):
                    raise RuntimeError(f"Invalid file, mindrecord files already exist. Please check file path: "
                                       f"{os.path.abspath(path)}.")
        self._shards = [_Shard(p, i) for i, p in enumerate(self._paths)]
        if self._index is None:
            self._index = [n for n, f in self._schema.items() if f["type"] != "bytes" and "shape" not in f]

    def _scalar(self, name: str, value):
        ftype = self._schema[name]["type"]
        if ftype == "string":
            return value
        return int(value) if ftype.startswith("int") else float(value)

    def commit(self) -> None:
        """Write the headers and index files and move the shards into place."""
        if self._schema is None:
            raise RuntimeError("Failed to commit, add_schema should be called before commit.")
        self._start()
        names = [os.path.basename(p) for p in self._paths]
        done = []
        try:
            for shard in self._shards:
                for page in (shard.blob, shard.raw):
                    if page is not None:
                        shard._flush(page, self._header_size, self._page_size)
                index_rows = shard.index_rows(self._header_size, self._page_size, self._index)
                if shard.file is None:
                    shard.file = open(shard.tmp, "w+b")  # noqa: SIM115
                header = {"header_size": self._header_size,
                          "index_fields": [{"index_field": n, "schema_id": 0} for n in self._index] or None,
                          "page": [p.meta(shard.shard_id) for p in shard.pages], "page_size": self._page_size,
                          "compression_size": self._compression,
                          "schema": [{"blob_fields": fmt.blob_fields(self._schema), "desc": self._desc,
                                      "schema": self._schema}],
                          "shard_addresses": names, "shard_id": shard.shard_id, "statistics": None, "version": "3.0"}
                block = fmt.dump_header(header)
                if len(block) > self._header_size:
                    raise RuntimeError(f"Invalid data, the header ({len(block)} bytes) is larger than the header "
                                       f"size {self._header_size}; call set_header_size with a larger size.")
                shard.file.seek(0)
                shard.file.write(block + bytes(self._header_size - len(block)))
                shard.file.close()
                shard.file = None
                self._write_index(shard, shard.tmp + ".db", index_rows)
                done.append(shard)
            for shard in done:
                os.replace(shard.tmp + ".db", shard.path + ".db")
                os.replace(shard.tmp, shard.path)
        finally:
            for shard in self._shards:
                if shard.file is not None:
                    shard.file.close()
                for leftover in (shard.tmp, shard.tmp + ".db"):
                    if os.path.exists(leftover):
                        os.remove(leftover)

    def _write_index(self, shard: _Shard, path: str, index_rows: list[tuple]) -> None:
        if os.path.exists(path):
            os.remove(path)
        db = sqlite3.connect(path)
        try:
            db.execute(fmt.create_index_sql(self._schema, self._index))
            db.execute("CREATE TABLE SHARD_NAME(NAME TEXT NOT NULL)")
            db.execute("INSERT INTO SHARD_NAME VALUES (?)", (os.path.basename(shard.path),))
            width = 8 + 2 * len(self._index)
            rows = [r[:8] + tuple(x for v in r[8:] for x in (0, v)) for r in index_rows]
            db.executemany(f"INSERT INTO INDEXES VALUES ({','.join('?' * width)})", rows)
            db.commit()
        finally:
            db.close()

    # ---- appending -------------------------------------------------------------------------------------------
    @classmethod
    def open_for_append(cls, file_name: str) -> FileWriter:
        """A writer that adds rows to the MindRecord files `file_name` belongs to."""
        from .filereader import _open_shards

        headers = _open_shards(file_name, all_shards=True)
        directory = os.path.dirname(os.path.abspath(file_name))
        first = headers[0][1]
        writer = cls.__new__(cls)
        writer._paths = [os.path.join(directory, n) for n in first["shard_addresses"]]
        writer._header_size, writer._page_size = first["header_size"], first["page_size"]
        schema = first["schema"][0]
        writer._schema, writer._desc = schema["schema"], schema.get("desc", "")
        writer._index = [f["index_field"] for f in first["index_fields"] or []]
        writer._appending = True
        writer._overwrite = True
        writer._compression = first.get("compression_size", 0)  # one total for the whole set, as MindSpore
        writer._shards = []
        for i, (path, header) in enumerate(headers):
            shard = _Shard(path, i)
            shutil.copyfile(path, shard.tmp)
            with open(path, "rb") as f:
                for meta in sorted(header["page"], key=lambda m: m["page_id"]):
                    page = _Page(meta["page_id"], meta["page_type"], meta["page_type_id"], meta["start_row_id"])
                    page.end_row = meta["end_row_id"]
                    page.groups = [(g["id"], g["offset"]) for g in meta["row_group_ids"]]
                    f.seek(writer._header_size + page.id * writer._page_size)
                    page.data = bytearray(f.read(meta["page_size"]))
                    page.size = len(page.data)
                    pos = 0
                    while pos < page.size:
                        (n,) = struct.unpack_from("<Q", page.data, pos)
                        page.lengths.append(8 + n)
                        pos += 8 + n
                    shard.pages.append(page)
                    if page.kind == "BLOB_DATA":
                        if shard.blob is not None:
                            shard.blob.data = None
                        shard.blob = page
                    else:
                        shard.raw = page
            writer._shards.append(shard)
        return writer
