"""Composite operations (`from mindspore.ops import composite as C`)."""

from .base import GradOperation
