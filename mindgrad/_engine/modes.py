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
    bprop_tuple_only: bool           # a custom bprop must return a tuple (GR), or also a list / bare value (PN)
    bprop_exact_shapes: bool         # a custom bprop's gradients must have their input's shape (PN) or broadcast (GR)
    parameter_output_copied: bool    # a Parameter output of a compiled call: itself (PN) or a Tensor of its value (GR)
    position_error: type             # grad_position out of range
    has_aux_error: type              # has_aux with a single output
    not_callable_error: type         # GradOperation of something not callable
    sens_structure_error: type       # sens whose structure does not match the output
    sens_dtype_error: type           # sens whose dtype does not match the output


PYNATIVE = Semantics(
    name="pynative", weights_none_uses_params=True, frozen_listed_gets_grad=False, merge_aliases=True,
    mutable_inputs=False, list_sens=True, tuple_sens_keyword=True, grad_kwargs=True, empty_output_zeros=False,
    weights_dict=False, bprop_tuple_only=False, bprop_exact_shapes=True, parameter_output_copied=False,
    position_error=RuntimeError, has_aux_error=ValueError, not_callable_error=TypeError,
    sens_structure_error=RuntimeError, sens_dtype_error=TypeError)
GRAPH = Semantics(
    name="graph", weights_none_uses_params=False, frozen_listed_gets_grad=True, merge_aliases=False,
    mutable_inputs=True, list_sens=False, tuple_sens_keyword=False, grad_kwargs=False, empty_output_zeros=True,
    weights_dict=True, bprop_tuple_only=True, bprop_exact_shapes=False, parameter_output_copied=True,
    position_error=IndexError, has_aux_error=RuntimeError, not_callable_error=RuntimeError,
    sens_structure_error=TypeError, sens_dtype_error=TypeError)


def current() -> Semantics:
    return GRAPH if context.is_graph_mode() else PYNATIVE
