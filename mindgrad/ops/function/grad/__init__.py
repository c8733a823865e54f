"""`mindspore.ops.function.grad`: the autodiff functions."""

from .grad_func import (custom_vjp, derivative, get_grad, grad, jacfwd, jacrev, jet, jvp, linearize, stop_gradient,
                        stop_gradient_, value_and_grad, vjp)

__all__ = ["custom_vjp", "derivative", "get_grad", "grad", "jacfwd", "jacrev", "jet", "jvp", "linearize",
           "stop_gradient", "stop_gradient_", "value_and_grad", "vjp"]
