"""The bytes of a MindRecord file, as MindSpore 2.x writes and reads them (learned from files it wrote).

A shard file is a header block then fixed-size pages. The header block is a little-endian uint64
length and a compact JSON document (schema, index fields, page table), zero-padded to
`header_size`. Page `k` starts at `header_size + k * page_size`; only the last page is not padded.
BLOB pages hold, per row, a little-endian uint64 length then the blob fields (sorted by name):
each as a big-endian uint64 length and its bytes, or the bytes alone when there is one blob field
(four zero bytes when there is none). Integer arrays are stored compressed: a big-endian uint32
count, two bits per element (MSB first) giving its width (1, 2, 4 or 8 bytes), then the
little-endian elements. RAW pages hold, per row, a little-endian uint64 length and a MessagePack
map of the scalar fields (sorted keys; a float that is exact in float32 is stored as float32). A
SQLite file `<shard>.db` beside each shard indexes rows by page and offset.
"""

from __future__ import annotations

import json
import struct

import numpy as np

SCALAR_TYPES = ("int32", "int64", "float32", "float64", "string", "bytes")
ARRAY_TYPES = ("int32", "int64", "float32", "float64")
SQL_TYPES = {"int32": "INTEGER", "int64": "INTEGER", "float32": "REAL", "float64": "REAL", "string": "TEXT"}
NP_TYPES = {"int32": np.int32, "int64": np.int64, "float32": np.float32, "float64": np.float64}
HEADER_KEYS = ("header_size", "index_fields", "page", "page_size", "compression_size", "schema", "shard_addresses",
               "shard_id", "statistics", "version")


# ---- MessagePack (the subset MindSpore's raw pages use) -------------------------------------------

def pack(value) -> bytes:
    if value is None:
        return b"\xc0"
    if value is True or value is False:
        return b"\xc3" if value else b"\xc2"
    if isinstance(value, (int, np.integer)):
        v = int(value)
        if 0 <= v < 128:
            return bytes([v])
        if -32 <= v < 0:
            return struct.pack(">b", v)
        if v >= 0:
            for code, fmt, top in ((0xcc, ">B", 1 << 8), (0xcd, ">H", 1 << 16), (0xce, ">I", 1 << 32)):
                if v < top:
                    return bytes([code]) + struct.pack(fmt, v)
            return b"\xcf" + struct.pack(">Q", v)
        for code, fmt, low in ((0xd0, ">b", -(1 << 7)), (0xd1, ">h", -(1 << 15)), (0xd2, ">i", -(1 << 31))):
            if v >= low:
                return bytes([code]) + struct.pack(fmt, v)
        return b"\xd3" + struct.pack(">q", v)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        single = np.float32(v)
        if np.isfinite(single) and float(single) == v or v != v:
            return b"\xca" + struct.pack(">f", v)
        return b"\xcb" + struct.pack(">d", v)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        n = len(raw)
        head = bytes([0xa0 | n]) if n < 32 else (b"\xd9" + struct.pack(">B", n) if n < 256 else
                                                  b"\xda" + struct.pack(">H", n) if n < 65536 else
                                                  b"\xdb" + struct.pack(">I", n))
        return head + raw
    if isinstance(value, dict):
        n = len(value)
        head = bytes([0x80 | n]) if n < 16 else (b"\xde" + struct.pack(">H", n) if n < 65536 else
                                                  b"\xdf" + struct.pack(">I", n))
        return head + b"".join(pack(k) + pack(value[k]) for k in sorted(value))
    raise TypeError(f"cannot store a {type(value).__name__} in a MindRecord raw page")


def unpack(buf: bytes, pos: int = 0):
    """Decode one value at `pos`; returns (value, next position)."""
    b = buf[pos]
    pos += 1
    if b < 0x80:
        return b, pos
    if b >= 0xe0:
        return b - 256, pos
    if 0x80 <= b <= 0x8f or b in (0xde, 0xdf):
        if b <= 0x8f:
            n = b & 0x0f
        else:
            size = 2 if b == 0xde else 4
            n = int.from_bytes(buf[pos:pos + size], "big")
            pos += size
        out = {}
        for _ in range(n):
            key, pos = unpack(buf, pos)
            out[key], pos = unpack(buf, pos)
        return out, pos
    if 0xa0 <= b <= 0xbf or b in (0xd9, 0xda, 0xdb, 0xc4, 0xc5, 0xc6):
        if b <= 0xbf:
            n = b & 0x1f
        else:
            size = {0xd9: 1, 0xda: 2, 0xdb: 4, 0xc4: 1, 0xc5: 2, 0xc6: 4}[b]
            n = int.from_bytes(buf[pos:pos + size], "big")
            pos += size
        raw = bytes(buf[pos:pos + n])
        return (raw if b in (0xc4, 0xc5, 0xc6) else raw.decode("utf-8")), pos + n
    fixed = {0xc0: (None, 0), 0xc2: (False, 0), 0xc3: (True, 0)}
    if b in fixed:
        return fixed[b][0], pos
    fmts = {0xca: ">f", 0xcb: ">d", 0xcc: ">B", 0xcd: ">H", 0xce: ">I", 0xcf: ">Q", 0xd0: ">b", 0xd1: ">h",
            0xd2: ">i", 0xd3: ">q"}
    if b not in fmts:
        raise ValueError(f"unsupported MessagePack byte 0x{b:02x}")
    fmt = fmts[b]
    size = struct.calcsize(fmt)
    return struct.unpack(fmt, buf[pos:pos + size])[0], pos + size


# ---- blob fields ------------------------------------------------------------------------------------

_WIDTHS = ((np.int8, 0), (np.int16, 1), (np.int32, 2))


def compress_ints(values: np.ndarray) -> bytes:
    flat = np.asarray(values, np.int64).reshape(-1)
    codes = np.full(flat.shape, 3, np.uint8)
    for dtype, code in reversed(_WIDTHS):
        info = np.iinfo(dtype)
        codes[(flat >= info.min) & (flat <= info.max)] = code
    bitmap = np.zeros((len(flat) + 3) // 4, np.uint8)
    for i, code in enumerate(codes):
        bitmap[i // 4] |= code << (6 - 2 * (i % 4))
    parts = [struct.pack(">I", len(flat)), bitmap.tobytes()]
    parts += [struct.pack("<" + "bhiq"[int(c)], int(v)) for v, c in zip(flat, codes, strict=True)]
    return b"".join(parts)


def decompress_ints(raw: bytes) -> np.ndarray:
    n = struct.unpack(">I", raw[:4])[0]
    bitmap = np.frombuffer(raw, np.uint8, (n + 3) // 4, 4)
    codes = (bitmap[np.arange(n) // 4] >> (6 - 2 * (np.arange(n) % 4))) & 3
    out = np.empty(n, np.int64)
    pos = 4 + len(bitmap)
    for i, code in enumerate(codes):
        fmt = "<" + "bhiq"[int(code)]
        out[i] = struct.unpack_from(fmt, raw, pos)[0]
        pos += struct.calcsize(fmt)
    return out


def encode_blob(ftype: str, value) -> tuple[bytes, int]:
    """The stored bytes of one blob field and the bytes compression saved."""
    if ftype == "bytes":
        if isinstance(value, np.ndarray):
            value = value.tobytes()
        return bytes(value), 0
    array = np.asarray(value, NP_TYPES[ftype])
    if ftype in ("int32", "int64"):
        packed = compress_ints(array)
        return packed, array.nbytes - len(packed)
    return array.astype(np.dtype(NP_TYPES[ftype]).newbyteorder("<")).tobytes(), 0


def decode_blob(field: dict, raw: bytes):
    ftype = field["type"]
    if ftype == "bytes":
        return raw
    if ftype in ("int32", "int64"):
        array = decompress_ints(raw).astype(NP_TYPES[ftype])
    else:
        array = np.frombuffer(raw, np.dtype(NP_TYPES[ftype]).newbyteorder("<")).astype(NP_TYPES[ftype])
    return array.reshape(field.get("shape", [-1]))


def join_blobs(parts: list[bytes]) -> bytes:
    if not parts:
        return b"\x00\x00\x00\x00"
    if len(parts) == 1:
        return parts[0]
    return b"".join(struct.pack(">Q", len(p)) + p for p in parts)


def split_blobs(raw: bytes, count: int) -> list[bytes]:
    if count == 1:
        return [raw]
    parts, pos = [], 0
    for _ in range(count):
        n = struct.unpack(">Q", raw[pos:pos + 8])[0]
        parts.append(raw[pos + 8:pos + 8 + n])
        pos += 8 + n
    return parts


# ---- header -------------------------------------------------------------------------------------------

def dump_header(header: dict) -> bytes:
    body = json.dumps({k: header[k] for k in HEADER_KEYS}, separators=(",", ":"), ensure_ascii=False).encode()
    return struct.pack("<Q", len(body)) + body


def load_header(path: str) -> dict:
    with open(path, "rb") as f:
        head = f.read(8)
        if len(head) < 8:
            raise RuntimeError(f"Invalid file, the size of mindrecord file header is less than 8 bytes: {path}.")
        (n,) = struct.unpack("<Q", head)
        body = f.read(n) if n < (1 << 31) else b""
    try:
        header = json.loads(body)
        missing = [k for k in ("header_size", "page", "page_size", "schema", "shard_addresses") if k not in header]
    except (ValueError, UnicodeDecodeError, TypeError):
        header, missing = None, ["header"]
    if missing or len(body) != n:
        raise RuntimeError(f"Invalid file, failed to parse the mindrecord header of {path}: the file is not a "
                           f"MindRecord file or it is truncated.")
    return header


def blob_fields(schema: dict) -> list[str]:
    return sorted(name for name, f in schema.items() if f["type"] == "bytes" or "shape" in f)


def create_index_sql(schema: dict, fields: list[str]) -> str:
    cols = "".join(f",INC_{i} INT, {name}_0 {SQL_TYPES[schema[name]['type']]}" for i, name in enumerate(fields))
    keys = "".join(f",INC_{i}" for i in range(len(fields)))
    return ("CREATE TABLE INDEXES(  ROW_ID               INT  NOT NULL, PAGE_ID_RAW          INT  NOT NULL, "
            "PAGE_OFFSET_RAW      INT  NOT NULL, PAGE_OFFSET_RAW_END  INT  NOT NULL, "
            "ROW_GROUP_ID         INT  NOT NULL, PAGE_ID_BLOB         INT  NOT NULL, "
            "PAGE_OFFSET_BLOB     INT  NOT NULL, PAGE_OFFSET_BLOB_END INT  NOT NULL"
            f"{cols}, PRIMARY KEY(ROW_ID{keys}))")
