"""`import mindspore` resolving to mindgrad: a meta-path finder that aliases `mindspore.X` to `mindgrad.X`.

Each `mindspore...` module is the very mindgrad module object (`sys.modules["mindspore.nn"] is
mindgrad.nn`), so classes and state are shared with code that imports mindgrad. Renamed modules
(`mindspore.dtype`, MindSpore 1.x's `c_transforms`) have an entry in `_RENAMED`. A module that
mindgrad lacks raises `ModuleNotFoundError: mindgrad does not implement mindspore.X yet`, and a
missing attribute of an aliased module raises `AttributeError: mindgrad does not implement
mindspore.ops.Foo yet` (mindgrad adds a module `__getattr__` to those modules when installed).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types

_RENAMED = {
    "mindspore": "mindgrad",
    "mindspore.dtype": "mindgrad.common.dtype",
    "mindspore.dataset.transforms.c_transforms": "mindgrad.dataset.transforms",
    "mindspore.dataset.transforms.py_transforms": "mindgrad.dataset.transforms",
    "mindspore.dataset.transforms.transforms": "mindgrad.dataset.transforms",
    "mindspore.dataset.vision.c_transforms": "mindgrad.dataset.vision",
    "mindspore.dataset.vision.py_transforms": "mindgrad.dataset.vision",
    "mindspore.dataset.vision.transforms": "mindgrad.dataset.vision",
}


class NotImplementedInMindgrad(AttributeError):
    """A MindSpore attribute that mindgrad does not provide."""


def mindspore_name(module_name: str) -> str:
    """The MindSpore spelling of a mindgrad module name (`mindgrad.ops` -> `mindspore.ops`)."""
    return "mindspore" + module_name[len("mindgrad"):] if module_name.startswith("mindgrad") else module_name


def target_of(fullname: str) -> str | None:
    """The mindgrad module behind `mindspore...` (None for private names, which are never aliased)."""
    if fullname in _RENAMED:
        return _RENAMED[fullname]
    parts = fullname.split(".")
    if parts[0] != "mindspore" or any(p.startswith("_") for p in parts[1:]):
        return None
    return "mindgrad." + ".".join(parts[1:])


def _missing_hook(module: types.ModuleType):
    """A module `__getattr__`: import a submodule of that name, else say mindgrad lacks the attribute."""
    previous = module.__dict__.get("__getattr__")

    def __getattr__(name: str):
        if previous is not None:
            try:
                return previous(name)
            except AttributeError:
                pass
        if name.startswith("__"):
            raise AttributeError(f"module {module.__name__!r} has no attribute {name!r}")
        if not name.startswith("_") and hasattr(module, "__path__"):
            try:
                found = importlib.util.find_spec(f"{module.__name__}.{name}") is not None
            except (ImportError, ValueError):
                found = False
            if found:
                sub = importlib.import_module(f"{module.__name__}.{name}")
                add_missing_hook(sub)
                return sub
        raise NotImplementedInMindgrad(f"mindgrad does not implement {mindspore_name(module.__name__)}.{name} yet")

    __getattr__._mindgrad_hook = True  # type: ignore[attr-defined]
    return __getattr__


def add_missing_hook(module: types.ModuleType) -> None:
    """Give a mindgrad module the `__getattr__` that names missing MindSpore APIs (once)."""
    current = module.__dict__.get("__getattr__")
    if not getattr(current, "_mindgrad_hook", False):
        module.__getattr__ = _missing_hook(module)


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec):
        return None

    def exec_module(self, module) -> None:
        real = importlib.import_module(self.target)
        add_missing_hook(real)
        sys.modules[module.__name__] = real      # the import system returns what sys.modules holds


class MindsporeFinder(importlib.abc.MetaPathFinder):
    """Finds `mindspore` and `mindspore.*` as aliases of mindgrad's modules."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "mindspore" and not fullname.startswith("mindspore."):
            return None
        real = target_of(fullname)
        spec = None
        if real is not None:
            try:
                spec = importlib.util.find_spec(real)
            except ModuleNotFoundError:
                spec = None
        if spec is None:
            raise ModuleNotFoundError(f"mindgrad does not implement {fullname} yet", name=fullname)
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(real),
                                              is_package=spec.submodule_search_locations is not None)


def install_as_mindspore() -> None:
    """Make `import mindspore` (and its submodules) give mindgrad, in this process.

    For notebooks and programs; `python -m mindgrad run script.py` does it before running a script.
    Refused when the real MindSpore is already imported.
    """
    current = sys.modules.get("mindspore")
    if current is not None and not current.__name__.startswith("mindgrad"):
        raise RuntimeError("MindSpore itself is already imported in this process: call "
                           "mindgrad.install_as_mindspore() before `import mindspore`.")
    if not any(isinstance(f, MindsporeFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, MindsporeFinder())
    for name, module in list(sys.modules.items()):
        if module is not None and (name == "mindgrad" or name.startswith("mindgrad.")) and \
                not any(p.startswith("_") for p in name.split(".")[1:]):
            add_missing_hook(module)
