"""The package's layering: no import cycle inside `mindgrad/`, and an engine below the Cell and ops side.

Every module under `mindgrad/` is parsed (not imported), and every `import` in it counts, those
inside functions too: an import hidden in a function to break a cycle is still a cycle. An edge
goes to the module an import names; `from P import N` goes to `P.N` where that is a module, else
to `P`. Parent packages are not edges (importing `a.b` runs `a/__init__.py`, which would make every
package that re-exports its modules a cycle).
"""

from __future__ import annotations

import ast
import functools
import os

import pytest

ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "mindgrad")


def _modules() -> dict[str, str]:
    """Dotted module name -> file path, for every module of the package."""
    found = {}
    for folder, _, files in os.walk(ROOT):
        for name in files:
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            parts = ["mindgrad"] + os.path.relpath(path, ROOT)[:-3].split(os.sep)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imports(module: str, path: str, modules: dict) -> set[str]:
    """The package modules that `module` imports, at any depth of its code."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
    targets = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                targets.add(sub if sub in modules else source)
    return {t for t in targets if t in modules and t != module}


@functools.lru_cache(maxsize=1)
def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {m: _imports(m, p, modules) for m, p in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules around it, or None."""
    state: dict[str, int] = {}   # 1: on the current path, 2: done
    path: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        path.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return path[path.index(n):] + [n]
            if n not in state:
                found = visit(n)
                if found:
                    return found
        path.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state:
            found = visit(m)
            if found:
                return found
    return None


def test_parser_sees_function_level_imports():
    graph = _graph()
    assert graph, "no modules found"
    assert "mindgrad.common.tensor" in graph["mindgrad.common.parameter"]


def test_no_import_cycle():
    cycle = _cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def _importers(graph: dict, layer: str, above: tuple) -> list[str]:
    return sorted(f"{m} -> {t}" for m, targets in graph.items() if m == layer or m.startswith(layer + ".")
                  for t in targets if t.startswith(above))


def test_engine_imports_no_front_end():
    """The engine imports nothing from `nn`, `ops` or `train`: the Cell side passes in what it needs."""
    assert not _importers(_graph(), "mindgrad._engine", ("mindgrad.nn", "mindgrad.ops", "mindgrad.train"))


@pytest.mark.parametrize("module", ["mindgrad.common.tensor", "mindgrad.common.parameter", "mindgrad.common.dtype",
                                    "mindgrad.common.initializer", "mindgrad.common.seed"])
def test_tensor_layer_sits_below_the_engine(module):
    """Tensor and Parameter import neither the engine nor the front end (ops register Tensor's methods)."""
    assert not _importers(_graph(), module, ("mindgrad._engine", "mindgrad.nn", "mindgrad.ops", "mindgrad.train"))


@pytest.mark.parametrize("module", ["mindgrad._state", "mindgrad.context"])
def test_shared_state_is_a_leaf(module):
    """The binding frame and the cache version (`_state`) import nothing from mindgrad; `context` only `_state`."""
    assert _graph()[module] <= {"mindgrad._state"}
