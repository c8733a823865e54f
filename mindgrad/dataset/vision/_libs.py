"""OpenCV and Pillow, imported at first use so `import mindgrad` stays free of them (they take ~0.5 s)."""

from __future__ import annotations

import importlib
import sys
from types import ModuleType


class LazyModule:
    """Stands for module `name`; the first attribute read imports it."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str):
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attr)


cv2 = LazyModule("cv2")
Image = LazyModule("PIL.Image")
ImageEnhance = LazyModule("PIL.ImageEnhance")
ImageOps = LazyModule("PIL.ImageOps")


def is_pil(img) -> bool:
    """True for a PIL image; never imports Pillow (an object cannot be a PIL image before Pillow is loaded)."""
    module = sys.modules.get("PIL.Image")
    return module is not None and isinstance(img, module.Image)
