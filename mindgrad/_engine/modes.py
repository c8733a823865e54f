"""The differences between MindSpore's PYNATIVE_MODE and GRAPH_MODE gradients, as data.

MindSpore gives some gradient calls a different meaning in each mode (spec table 1.8); the
engine and the front-ends ask `current()` instead of testing the mode themselves.
"""

from __future__ import annotations

from typing import NamedTuple

from .. import context


class Semantics(NamedTuple):
    name: str
    weights_none_uses_params: bool   # get_by_list with weights=None: the used trainable params (PN) or () (GR)
    frozen_listed_gets_grad: bool    # a requires_grad=False Parameter listed in weights: 0 (PN) or its gradient
    merge_aliases: bool              # one Tensor object at two positions: summed gradients (PN) or separate
    mutable_inputs: bool             # ms.mutable tuples/lists/dicts are differentiated (GR)
    list_sens: bool                  # a list accepted as sens of a tuple output (PN)
    tuple_sens_keyword: bool         # sens=(a, b) accepted as a keyword (PN)
    grad_kwargs: bool                # ms.grad / value_and_grad accept keyword arguments (PN)
    empty_output_zeros: bool         # an empty-tuple output gives zero gradients (GR) instead of an error
    weights_dict: bool               # weights given as a dict give a dict of gradients (GR)
    position_error: type             # grad_position out of range
    has_aux_error: type              # has_aux with a single output
    not_callable_error: type         # GradOperation of something not callable
    sens_structure_error: type       # sens whose structure does not match the output
    sens_dtype_error: type           # sens whose dtype does not match the output


PYNATIVE = Semantics("pynative", True, False, True, False, True, True, True, False, False,
                     RuntimeError, ValueError, TypeError, RuntimeError, TypeError)
GRAPH = Semantics("graph", False, True, False, True, False, False, False, True, True,
                  IndexError, RuntimeError, RuntimeError, TypeError, TypeError)


def current() -> Semantics:
    return GRAPH if context.is_graph_mode() else PYNATIVE
