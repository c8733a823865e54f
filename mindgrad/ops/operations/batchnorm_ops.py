"""`ops.BatchNorm` and the Primitive spellings of `ops.tan` and its family (`ops.Tan()`, ...)."""

from __future__ import annotations

from ..function import batchnorm_func as F
from ..primitive import Primitive, functional_primitive, prim_attr_register

_FORMATS = {"NCHW": 0, "NHWC": 1}

Tan = functional_primitive("Tan", F.tan, __name__)
Asin = functional_primitive("Asin", F.asin, __name__)
Sinh = functional_primitive("Sinh", F.sinh, __name__)
Cosh = functional_primitive("Cosh", F.cosh, __name__)
Asinh = functional_primitive("Asinh", F.asinh, __name__)
Acosh = functional_primitive("Acosh", F.acosh, __name__)
Atanh = functional_primitive("Atanh", F.atanh, __name__)
Erfinv = functional_primitive("Erfinv", F.erfinv, __name__)
Lgamma = functional_primitive("Lgamma", F.lgamma, __name__)
Digamma = functional_primitive("Digamma", F.digamma, __name__)
Xlogy = functional_primitive("Xlogy", F.xlogy, __name__)


class BatchNorm(Primitive):
    """`BatchNorm(is_training, epsilon, momentum, data_format)(x, scale, bias, mean, variance)` ->
    five outputs, as MindSpore's CPU kernel gives them (see `batchnorm_func.batch_norm`); in
    training, Parameter `mean`/`variance` are updated in place."""

    @prim_attr_register
    def __init__(self, is_training: bool = False, epsilon: float = 1e-5, momentum: float = 0.1,
                 data_format: str = "NCHW"):
        if data_format not in _FORMATS:
            raise ValueError(f"Failed to convert the value \"{data_format}\" of input 'data_format' of 'BatchNorm' "
                             f"to enum.")
        self.add_prim_attr("data_format", _FORMATS[data_format])
        self._format = data_format
        if is_training:
            self.add_prim_attr("side_effect_mem", True)

    def __call__(self, input_x, scale, bias, mean, variance):
        return F.batch_norm(input_x, scale, bias, mean, variance, self.is_training, self.epsilon, self.momentum,
                            self._format)
