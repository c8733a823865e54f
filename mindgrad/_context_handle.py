"""`mindspore.context.K_CONTEXT`: MindSpore's context object (the one `set_context` writes through), with the
methods code calls on it directly; set as `context.K_CONTEXT` when mindgrad is imported (`context` itself
imports nothing of mindgrad's but `_state`). `set_backend_policy` accepts MindSpore's policies ('ge', 'vm',
'ms') and records the choice (`backend_policy`); mindgrad has one backend (JAX), so the policy changes nothing."""

from __future__ import annotations

from . import context

__all__ = ["K_CONTEXT"]

_POLICIES = ("ge", "vm", "ms")


class _Context:
    """The context singleton (its backend policy)."""

    def __init__(self) -> None:
        self.backend_policy = "ms"

    def set_backend_policy(self, policy: str) -> None:
        if not isinstance(policy, str):
            raise TypeError(f"set_backend_policy(): incompatible function arguments: the policy must be str, but got "
                            f"{type(policy).__name__}.")
        if policy not in _POLICIES:
            raise RuntimeError(f"Backend policy must be one of values in {list(_POLICIES)}. But got {policy}.")
        self.backend_policy = policy


K_CONTEXT = _Context()
context.K_CONTEXT = K_CONTEXT
