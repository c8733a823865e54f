"""Blocks from `map`'s worker processes to the parent through shared memory instead of pickles.

A worker writes the stacked arrays of its block into one new file of /dev/shm (a tmpfs: memory, no disk) and
sends only their places; the parent maps the file, unlinks it at once and reads the arrays where they lie (the
mapping lives as long as they do). Blocks with under 64 KiB of arrays, or no /dev/shm or no room left in it (a
container's /dev/shm is often 64 MB), go pickled as before.
The files are named `mindgrad-<tag>-<worker pid>-<n>` (the tag: the parent's pid and its map node), so
`remove_left` can clear what a terminated pool left behind.
"""

from __future__ import annotations

import glob
import itertools
import mmap
import os

import numpy as np

_DIR = "/dev/shm"
_MIN_BYTES = 1 << 16
_numbers = itertools.count()


def put(block: tuple, tag: str) -> tuple:
    """In a worker: `(block, None)`, or the block with its arrays replaced by (offset, shape, dtype) and
    `(path, size, columns)` telling where they are."""
    count, columns = block
    picked = [i for i, c in enumerate(columns) if type(c) is np.ndarray and c.dtype != object]
    offsets, size = [], 0
    for i in picked:
        offsets.append(size)
        size += -(-columns[i].nbytes // 64) * 64
    if size < _MIN_BYTES or not os.path.isdir(_DIR):
        return block, None
    path = os.path.join(_DIR, f"mindgrad-{tag}-{os.getpid()}-{next(_numbers)}")
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    except OSError:  # not writable here
        return block, None
    try:
        try:
            # Reserve the memory first: writing to a mapping of a full tmpfs would kill the worker (SIGBUS).
            os.posix_fallocate(fd, 0, size)
        except OSError:
            os.unlink(path)
            return block, None
        with mmap.mmap(fd, size) as memory:
            for i, offset in zip(picked, offsets, strict=True):
                view = np.ndarray(columns[i].shape, columns[i].dtype, memory, offset)
                view[...] = columns[i]
                del view
    except BaseException:
        os.unlink(path)
        raise
    finally:
        os.close(fd)
    placed = list(columns)
    for i, offset in zip(picked, offsets, strict=True):
        placed[i] = (offset, columns[i].shape, columns[i].dtype)
    return (count, placed), (path, size, picked)


def take(sent: tuple) -> tuple:
    """In the parent: the block `put` sent, its arrays read in place from the mapped file (now unlinked)."""
    block, where = sent
    if where is None:
        return block
    path, size, picked = where
    fd = os.open(path, os.O_RDWR)
    try:
        memory = mmap.mmap(fd, size)
    finally:
        os.close(fd)
        os.unlink(path)
    count, columns = block
    columns = list(columns)
    for i in picked:
        offset, shape, dtype = columns[i]
        columns[i] = np.ndarray(shape, dtype, memory, offset)
    return count, columns


def remove_left(tag: str) -> None:
    """Delete the files of the blocks of `tag` never taken (its pool terminated with tasks in flight)."""
    for path in glob.glob(os.path.join(_DIR, f"mindgrad-{tag}-*")):
        try:
            os.unlink(path)
        except OSError:
            pass
