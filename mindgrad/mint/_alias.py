"""mint names over mindgrad's `ops` functions: keyword renaming (`dim` for `axis`, `keepdim` for `keep_dims`)."""

from __future__ import annotations

import functools


def alias(fn, name: str, **renames: str):
    """`fn` as the mint function `name`; mint keyword `k` is passed on as `renames[k]`.

    With no renames the ops function itself is returned (the same object, not a copy)."""
    if not renames:
        return fn

    @functools.wraps(fn)
    def mint_fn(*args, **kwargs):
        for new, old in renames.items():
            if new in kwargs:
                kwargs[old] = kwargs.pop(new)
        return fn(*args, **kwargs)

    del mint_fn.__wrapped__
    mint_fn.__name__ = mint_fn.__qualname__ = name
    mint_fn.__module__ = "mindgrad.mint"
    return mint_fn
