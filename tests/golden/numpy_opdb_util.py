"""Shared by the `numpy_a` / `numpy_b` op database suites."""

import dataclasses


def split_grads(ops: list) -> list:
    """Gradients on the first sample of each entry only (they are the slow cases): an entry with gradients and
    several samples becomes a gradient entry of its first sample and a forward entry (tag `fwd`) of the rest."""
    out = []
    for info in ops:
        if info.grad and len(info.samples) > 1 and not info.expect:
            out.append(dataclasses.replace(info, samples=info.samples[:1]))
            out.append(dataclasses.replace(info, samples=info.samples[1:], grad=False, tag=info.tag + "fwd"))
        else:
            out.append(info)
    return out
