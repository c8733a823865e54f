"""`python -m mindgrad check script.py ...`: which MindSpore APIs scripts use, and which mindgrad supports.

The scripts are parsed, never run. An API is a dotted name reached from a `mindspore` import:
`import mindspore as ms` then `ms.nn.Dense`, `from mindspore.ops import operations as P` then
`P.MatMul`, `from mindspore import Tensor`. Methods called on objects (`net.set_train()`) are not
seen. Notebooks (`.ipynb`) are read cell by cell, without their `%` and `!` lines.
"""

from __future__ import annotations

import ast
import importlib
import json
import sys
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TextIO

from .importer import install_as_mindspore


@dataclass
class Usage:
    """Where a script uses one MindSpore API."""

    lines: list[int] = field(default_factory=list)


class _Scanner(ast.NodeVisitor):
    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}
        self.uses: OrderedDict[str, Usage] = OrderedDict()

    def _use(self, name: str, line: int) -> None:
        self.uses.setdefault(name, Usage()).lines.append(line)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name == "mindspore" or alias.name.startswith("mindspore."):
                self._use(alias.name, node.lineno)
                if alias.asname:
                    self.aliases[alias.asname] = alias.name
                else:
                    self.aliases["mindspore"] = "mindspore"

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level or not (module == "mindspore" or module.startswith("mindspore.")):
            return
        self._use(module, node.lineno)
        for alias in node.names:
            if alias.name == "*":
                continue
            full = f"{module}.{alias.name}"
            self._use(full, node.lineno)
            self.aliases[alias.asname or alias.name] = full

    def _chain(self, node) -> str | None:
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if isinstance(node, ast.Name) and node.id in self.aliases:
            return ".".join([self.aliases[node.id]] + parts[::-1])
        return None

    def visit_Attribute(self, node: ast.Attribute) -> None:
        chain = self._chain(node)
        if chain is None:
            self.generic_visit(node)
        else:
            self._use(chain, node.lineno)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load) and node.id in self.aliases and self.aliases[node.id] != "mindspore":
            self._use(self.aliases[node.id], node.lineno)


def _source(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not path.endswith(".ipynb"):
        return text
    cells = [c for c in json.loads(text).get("cells", []) if c.get("cell_type") == "code"]
    lines = []
    for cell in cells:
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        lines += [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))] + [""]
    return "\n".join(lines)


def supported(name: str) -> bool:
    """Whether mindgrad provides the MindSpore API `name` (a dotted `mindspore...` name)."""
    install_as_mindspore()
    parts = name.split(".")
    try:
        obj = importlib.import_module(parts[0])
    except ImportError:
        return False
    for i, part in enumerate(parts[1:], start=1):
        try:
            obj = getattr(obj, part)
            continue
        except AttributeError:
            pass
        except Exception:  # noqa: BLE001 - a property that fails on a class: the name exists
            continue
        try:
            obj = importlib.import_module(".".join(parts[:i + 1]))
        except ImportError:
            return False
    return True


def scan(path: str) -> OrderedDict[str, Usage]:
    """The MindSpore APIs a script uses, in order of first use."""
    scanner = _Scanner()
    scanner.visit(ast.parse(_source(path), filename=path))
    return scanner.uses


def main(paths: list[str], out: TextIO = sys.stdout) -> int:
    """Print a report per script; 1 if any script uses an API mindgrad lacks (or cannot be read), else 0."""
    status = 0
    for path in paths:
        try:
            uses = scan(path)
        except (OSError, SyntaxError, ValueError) as exc:
            print(f"{path}: cannot read it: {exc}", file=out)
            status = 1
            continue
        verdict = {name: supported(name) for name in uses}
        missing = [n for n in uses if not verdict[n]]
        print(f"{path}: {len(uses)} MindSpore APIs used, {len(uses) - len(missing)} supported, "
              f"{len(missing)} not supported", file=out)
        width = max((len(n) for n in uses), default=0)
        for title, names in (("not supported", missing), ("supported", [n for n in uses if verdict[n]])):
            if names:
                print(f"  {title}:", file=out)
            for name in names:
                lines = uses[name].lines
                where = f"line {lines[0]}" + (f", {len(lines)} uses" if len(lines) > 1 else "")
                print(f"    {name:<{width}}  ({where})", file=out)
        status = status or int(bool(missing))
    return status
