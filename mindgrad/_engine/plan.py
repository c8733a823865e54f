"""The plan of a call: which Parameters it binds, differentiated (`diff`) or not (`state`).

A runner's plan starts with the weights it was given; a Cell's Parameters are not all bound up
front (an optimizer's unused state would be passed in and out of every compiled call), so every
Parameter a trace touches without it being bound is *discovered*: added to the plan, which then
gets a new `version` (part of the cache key), and the call is traced again. With `auto_weights`
(GradOperation's weights=None in PyNative) the discovered trainable Parameters are differentiated.
"""

from __future__ import annotations

import itertools
import threading

from .. import _state
from ..common.parameter import Parameter

_plan_versions = itertools.count(1)


class Plan:
    """Which Parameters a call binds: differentiated ones and the rest (state)."""

    __slots__ = ("diff", "state", "source_version", "version")

    def __init__(self, source_version: int) -> None:
        self.diff: list = []
        self.state: list = []
        self.source_version = source_version   # the `_state.version()` it was made at
        self.version = next(_plan_versions)    # new whenever Parameters are added


class Plans:
    """One plan per mode (`modes.Semantics.name`), remade when Python state changed."""

    def __init__(self, weights: tuple, auto_weights: bool) -> None:
        self.weights = weights
        self.auto_weights = auto_weights   # discovered trainable Parameters are differentiated
        self._plans: dict[str, Plan] = {}
        self._discovered: dict[int, Parameter] = {}
        self._lock = threading.Lock()

    def get(self, sem) -> Plan:
        """The Parameters bound for calls in this mode, rebuilt when Python state changed."""
        plan = self._plans.get(sem.name)
        if plan is None or plan.source_version != _state.version():
            plan = self._plans[sem.name] = self._new(sem)
        return plan

    def _new(self, sem) -> Plan:
        """The listed weights, then every Parameter a trace has touched."""
        unique: dict[int, Parameter] = {}
        for w in self.weights:
            if isinstance(w, Parameter):
                unique.setdefault(id(w), w)
        plan = Plan(_state.version())
        plan.diff = [p for p in unique.values() if p.requires_grad or sem.frozen_listed_gets_grad]
        diff = {id(p) for p in plan.diff}
        plan.state = [p for p in unique.values() if id(p) not in diff]
        self._add(plan, self._discovered)
        return plan

    def discover(self, plan: Plan, params: dict) -> None:
        """Bind `params` (`{id: Parameter}`, found by a trace) in this plan and every later one."""
        with self._lock:
            self._discovered.update(params)
            self._add(plan, params)
            plan.version = next(_plan_versions)

    def _add(self, plan: Plan, params: dict) -> None:
        known = {id(p) for p in plan.diff} | {id(p) for p in plan.state}
        for key, p in params.items():
            if key not in known:
                (plan.diff if self.auto_weights and p.requires_grad else plan.state).append(p)
