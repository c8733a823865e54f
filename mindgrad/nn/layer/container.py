"""Containers: SequentialCell, CellList and CellDict (`mindspore.nn.layer.container`).

Children are named '0', '1', ... (or by the keys of an OrderedDict), so their
Parameters are named `0.weight`, `layers.0.weight`, ... A Cell added later
(`append`, `extend`, `insert`, `__setitem__`) gets the prefix the container's
existing Parameter names show, as MindSpore works it out.
"""

from __future__ import annotations

from collections import OrderedDict
from collections import abc
from typing import Iterable, Iterator

from ..cell import Cell


def _valid_index(cell_num: int, index, op_name: str) -> int:
    if not isinstance(index, int):
        raise TypeError(f"For '{op_name}', the type of 'index' must be int, but got {type(index).__name__}.")
    if not -cell_num <= index < cell_num:
        raise IndexError(f"For '{op_name}', the value of 'index' must be a number in range [{-cell_num}, "
                         f"{cell_num}), but got {index}.")
    return index % cell_num


def _valid_cell(cell, op_name: str) -> None:
    if not isinstance(cell, Cell):
        raise TypeError(f"For '{op_name}', each cell must be subclass of Cell, but got {type(cell).__name__}.")


def _prefix_and_index(cells: OrderedDict) -> tuple[str, int]:
    """MindSpore's guess of a container's name prefix: where the first child's key sits in its Parameter name."""
    found = []
    for key, cell in cells.items():
        first = next(cell.parameters_and_names(), None) if cell is not None else None
        if first is not None:
            found.append((key, first[1]))
            if len(found) == 2:
                break
    if not found:
        return "", 0
    prefix, index = "", 0
    (first_key, first_param), second = found[0], found[1] if len(found) > 1 else None
    parts = first_param.name.split(".")
    for idx, part in enumerate(parts):
        if part == first_key:
            prefix = ".".join(parts[:idx])
            prefix = prefix + "." if prefix else prefix
            index = idx
            if second is not None and second[1].name.split(".")[idx] == second[0]:
                break
    return prefix, index


class SequentialCell(Cell):
    """Calls its children in order, each on the previous one's output."""

    def __init__(self, *args) -> None:
        super().__init__()
        if len(args) == 1 and isinstance(args[0], OrderedDict):
            items = list(args[0].items())
        elif len(args) == 1 and isinstance(args[0], (list, tuple)):
            items = [(str(i), cell) for i, cell in enumerate(args[0])]
        else:
            items = [(str(i), cell) for i, cell in enumerate(args)]
        for key, cell in items:
            _valid_cell(cell, "SequentialCell")
            self.insert_child_to_cell(key, cell)
            cell.update_parameters_name(key + ".")

    def __getitem__(self, index):
        """A child, or for a slice a new SequentialCell of those children (renamed by their keys, as MindSpore)."""
        if isinstance(index, slice):
            return type(self)(OrderedDict(list(self._cells.items())[index]))
        return list(self._cells.values())[_valid_index(len(self), index, type(self).__name__)]

    def __len__(self) -> int:
        return len(self._cells)

    def __iter__(self) -> Iterator[Cell]:
        return iter(self._cells.values())

    def append(self, cell: Cell) -> SequentialCell:
        _valid_cell(cell, type(self).__name__)
        prefix, _ = _prefix_and_index(self._cells)
        cell.update_parameters_name(prefix + str(len(self)) + ".")
        self.insert_child_to_cell(str(len(self)), cell)
        return self

    def construct(self, x):
        for cell in self._cells.values():
            x = cell(x)
        return x


class CellList(Cell):
    """A list of Cells, registered as children '0', '1', ..."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(kwargs.get("auto_prefix", True))
        if len(args) == 1:
            self.extend(args[0])

    def __getitem__(self, index):
        if isinstance(index, slice):
            return CellList(list(self._cells.values())[index])
        return self._cells[str(_valid_index(len(self), index, type(self).__name__))]

    def __setitem__(self, index: int, cell: Cell) -> None:
        _valid_cell(cell, type(self).__name__)
        index = _valid_index(len(self), index, type(self).__name__)
        if self._auto_prefix:
            prefix, _ = _prefix_and_index(self._cells)
            cell.update_parameters_name(prefix + str(index) + ".")
        self.insert_child_to_cell(str(index), cell)

    def __len__(self) -> int:
        return len(self._cells)

    def __iter__(self) -> Iterator[Cell]:
        return iter(self._cells.values())

    def append(self, cell: Cell) -> CellList:
        _valid_cell(cell, type(self).__name__)
        if self._auto_prefix:
            prefix, _ = _prefix_and_index(self._cells)
            cell.update_parameters_name(prefix + str(len(self)) + ".")
        self.insert_child_to_cell(str(len(self)), cell)
        return self

    def extend(self, cells: Iterable[Cell]) -> CellList:
        if not isinstance(cells, list):
            raise TypeError(f"For '{type(self).__name__}', the new cells wanted to append should be instance of "
                            f"list, but got {type(cells).__name__}.")
        for cell in cells:
            self.append(cell)
        return self

    def insert(self, index: int, cell: Cell) -> None:
        """Insert before `index`; later children move up one key and their Parameter names follow."""
        n = len(self)
        if not isinstance(index, int) or not -n <= index <= n:
            raise IndexError(f"For '{type(self).__name__}', the value of 'index' must be a number in range "
                             f"[{-n}, {n}], but got {index}.")
        idx = index % n if n and index != n else index
        _valid_cell(cell, type(self).__name__)
        prefix, key_index = _prefix_and_index(self._cells)
        for pos in range(n, idx, -1):
            moved = self._cells[str(pos - 1)]
            if self._auto_prefix:
                for _, param in moved.parameters_and_names():
                    param.name = prefix + str(pos) + "." + ".".join(param.name.split(".")[key_index + 1:])
            self.insert_child_to_cell(str(pos), moved)
        if self._auto_prefix:
            cell.update_parameters_name(prefix + str(idx) + ".")
        self.insert_child_to_cell(str(idx), cell)

    def construct(self, *inputs):
        raise NotImplementedError("CellList is a container and has no 'construct'.")


class CellDict(Cell):
    """An ordered dict of Cells (string keys without '.', not a container Cell), registered as children by key;
    a Cell added gets the prefix `<container prefix><key>.` on its Parameter names."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(kwargs.get("auto_prefix", True))
        if len(args) == 1:
            self.update(args[0])

    def __getitem__(self, key: str) -> Cell:
        return self._cells[key]

    def __setitem__(self, key: str, cell: Cell) -> None:
        name = type(self).__name__
        if not isinstance(key, str):
            raise TypeError(f"For '{name}', the type of key should be string but got {type(key).__name__}.")
        if hasattr(self, key) and key not in self._cells:
            raise KeyError(f"For '{name}', the key can not be same with the attributes of Cell, but got key {key}.")
        if "." in key:
            raise KeyError(f"For '{name}', key can not contain \".\", but got key {key}")
        if key == "":
            raise KeyError(f"For '{name}', key can not be empty string \"\", but got key {key}")
        if cell is None:
            raise TypeError(f"For '{name}', cell can not be None.")
        if not isinstance(cell, Cell):
            raise TypeError(f"For '{name}', the type of cell should be Cell, but got {type(cell).__name__}.")
        if isinstance(cell, (CellDict, CellList, SequentialCell)):
            raise TypeError(f"For '{name}', the type of cell can not be CellDict, CellList or SequentialCell, but got "
                            f"{type(cell).__name__}.")
        if self._auto_prefix:
            prefix, _ = _prefix_and_index(self._cells)
            cell.update_parameters_name(prefix + key + ".")
        self._cells[key] = cell

    def __delitem__(self, key: str) -> None:
        del self._cells[key]

    def __len__(self) -> int:
        return len(self._cells)

    def __iter__(self) -> Iterator[str]:
        return iter(self._cells)

    def __contains__(self, key) -> bool:
        return key in self._cells

    def clear(self) -> None:
        self._cells.clear()

    def pop(self, key: str) -> Cell:
        value = self[key]
        del self[key]
        return value

    def keys(self):
        return self._cells.keys()

    def values(self):
        return self._cells.values()

    def items(self):
        return self._cells.items()

    def update(self, cells) -> None:
        """Add the (key, Cell) pairs of a mapping or of an iterable of pairs, in order."""
        if not isinstance(cells, abc.Iterable):
            raise TypeError(f"CellDict.update() should be called with an iterable of key-value pairs, but got "
                            f"{type(cells).__name__}")
        if isinstance(cells, (abc.Mapping, CellDict)):
            for key, cell in cells.items():
                self[key] = cell
            return
        for index, pair in enumerate(cells):
            if not isinstance(pair, abc.Iterable):
                raise TypeError(f"CellDict update sequence element #{index} should be Iterable; but got "
                                f"{type(pair).__name__}")
            if len(pair) != 2:
                raise ValueError(f"CellDict update sequence element #{index}, length should be 2; but has length "
                                 f"{len(pair)}")
            self[pair[0]] = pair[1]

    def construct(self, *inputs):
        raise NotImplementedError("CellDict is a container and has no 'construct'.")
