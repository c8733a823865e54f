"""`python -m mindgrad run script.py [args...]`: run an unmodified MindSpore script on mindgrad.

The script runs as `__main__` with `sys.argv` = `[script, *args]` and its directory first on
`sys.path`, after `install_as_mindspore()`. An error that comes from an API mindgrad lacks
(`from mindspore.ops import Foo`, `ms.Tensor.foo`) gets a note naming the MindSpore API.
"""

from __future__ import annotations

import os
import re
import runpy
import sys
import types

from .importer import install_as_mindspore, mindspore_name

_CANNOT_IMPORT = re.compile(r"cannot import name '([^']+)' from '(mindgrad[\w.]*)'")


def _mindgrad_owner(obj) -> str | None:
    """The MindSpore name of a mindgrad module, class or instance (None for anything else)."""
    if isinstance(obj, types.ModuleType):
        return mindspore_name(obj.__name__) if obj.__name__.startswith("mindgrad") else None
    cls = obj if isinstance(obj, type) else type(obj)
    module = getattr(cls, "__module__", "") or ""
    if not module.startswith("mindgrad") or cls.__name__.startswith("_"):  # (a private wrapper: no MindSpore API)
        return None
    import mindgrad

    if getattr(mindgrad, cls.__name__, None) is cls:
        return f"mindspore.{cls.__name__}"
    public = ".".join(p for p in module.split(".") if not p.startswith("_"))
    return f"{mindspore_name(public)}.{cls.__name__}"


def annotate(exc: BaseException) -> None:
    """Add a note naming the MindSpore API behind an AttributeError or ImportError raised by mindgrad."""
    if isinstance(exc, ImportError):
        match = _CANNOT_IMPORT.search(str(exc))
        if match:
            exc.add_note(f"mindgrad does not implement {mindspore_name(match.group(2))}.{match.group(1)} yet")
    elif isinstance(exc, AttributeError) and "does not implement" not in str(exc):
        owner = _mindgrad_owner(getattr(exc, "obj", None))
        if owner is not None and getattr(exc, "name", None):
            exc.add_note(f"mindgrad does not implement {owner}.{exc.name} yet")


def run_script(path: str, args: list[str], progress: bool = False) -> None:
    """Run a MindSpore script file as `__main__` with mindgrad standing in for MindSpore."""
    if not os.path.isfile(path):
        raise FileNotFoundError(f"mindgrad run: no such script: {path}")
    install_as_mindspore()
    if progress:
        os.environ["MINDGRAD_PROGRESS"] = "1"
    sys.argv = [path, *args]
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    try:
        runpy.run_path(path, run_name="__main__")
    except (AttributeError, ImportError) as exc:
        annotate(exc)
        raise
