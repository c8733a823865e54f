"""Containers: SequentialCell and CellList (`mindspore.nn.layer.container`).

Children are named '0', '1', ... (or by the keys of an OrderedDict), so their
Parameters are named `0.weight`, `layers.0.weight`, ...
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Iterable, Iterator

from ..cell import Cell


class SequentialCell(Cell):
    """Calls its children in order, each on the previous one's output."""

    def __init__(self, *args) -> None:
        super().__init__()
        if len(args) == 1 and isinstance(args[0], (list, tuple)):
            cells = list(args[0])
        elif len(args) == 1 and isinstance(args[0], OrderedDict):
            for key, cell in args[0].items():
                self._check(cell)
                setattr(self, key, cell)
            return
        else:
            cells = list(args)
        for i, cell in enumerate(cells):
            self._check(cell)
            setattr(self, str(i), cell)

    @staticmethod
    def _check(cell) -> None:
        if not isinstance(cell, Cell):
            raise TypeError(f"For 'SequentialCell', each element should be a Cell, but got {type(cell).__name__}.")

    def __getitem__(self, index):
        cells = list(self._cells.values())
        if isinstance(index, slice):
            return SequentialCell(cells[index])
        return cells[index]

    def __len__(self) -> int:
        return len(self._cells)

    def __iter__(self) -> Iterator[Cell]:
        return iter(self._cells.values())

    def append(self, cell: Cell) -> SequentialCell:
        self._check(cell)
        setattr(self, str(len(self._cells)), cell)
        return self

    def construct(self, x):
        for cell in self._cells.values():
            x = cell(x)
        return x


class CellList(Cell):
    """A list of Cells, registered as children '0', '1', ..."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__()
        cells: Iterable = args[0] if len(args) == 1 else args
        for cell in cells:
            self.append(cell)

    def __getitem__(self, index):
        cells = list(self._cells.values())
        if isinstance(index, slice):
            return CellList(cells[index])
        return cells[index]

    def __setitem__(self, index: int, cell: Cell) -> None:
        key = list(self._cells.keys())[index]
        setattr(self, key, cell)

    def __len__(self) -> int:
        return len(self._cells)

    def __iter__(self) -> Iterator[Cell]:
        return iter(self._cells.values())

    def append(self, cell: Cell) -> CellList:
        if not isinstance(cell, Cell):
            raise TypeError(f"For 'CellList', each element should be a Cell, but got {type(cell).__name__}.")
        setattr(self, str(len(self._cells)), cell)
        return self

    def extend(self, cells: Iterable[Cell]) -> CellList:
        for cell in cells:
            self.append(cell)
        return self

    def insert(self, index: int, cell: Cell) -> None:
        cells = list(self._cells.values())
        cells.insert(index, cell)
        for key in list(self._cells.keys()):
            delattr(self, key)
        for c in cells:
            self.append(c)

    def construct(self, *inputs):
        raise NotImplementedError("CellList is a container and has no 'construct'.")
