"""Complex-number Primitives: `Complex`, `Real`, `Imag`, `Conj`, `Angle`, `ComplexAbs`."""

from __future__ import annotations

from ..function import complex_func as F
from ..primitive import functional_primitive

Complex = functional_primitive("Complex", F.make_complex, __name__)
Real = functional_primitive("Real", F.real, __name__)
Imag = functional_primitive("Imag", F.imag, __name__)
Conj = functional_primitive("Conj", F.conj, __name__)
Angle = functional_primitive("Angle", F.angle, __name__)
ComplexAbs = functional_primitive("ComplexAbs", F.complex_abs, __name__)
