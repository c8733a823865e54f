"""`mindspore.mint`: MindSpore's PyTorch-style functions (`dim`/`keepdim`/`input` arguments).

Each name maps onto mindgrad's `ops` function with the same math; only argument names and the few
torch-style dispatch rules (`max(input, dim)` giving values and indices, `where(condition)`) differ.
"""

from __future__ import annotations

from .. import ops as _ops
from ..common import dtype as _mstype
from ..common.tensor import Tensor
from ..ops.function import mint_fn_support_func as _fn
from ._alias import alias as _alias
from . import nn, optim  # noqa: F401  (subpackages, as in MindSpore)
from . import distributed, linalg, special  # noqa: F401
from .nn import functional  # noqa: F401  (MindSpore's `mint.functional` is `mint.nn.functional`)

_DIM = {"dim": "axis"}
_DIMK = {"dim": "axis", "keepdim": "keep_dims"}

# same signature as the ops function: the ops function itself
abs = _ops.abs
acos = arccos = _ops.acos
acosh = arccosh = _ops.acosh
asin = arcsin = _ops.asin
asinh = arcsinh = _ops.asinh
atan = arctan = _ops.atan
atan2 = arctan2 = _ops.atan2
atanh = arctanh = _ops.atanh
arange = _ops.arange
bitwise_and = _ops.bitwise_and
bitwise_or = _ops.bitwise_or
bitwise_xor = _ops.bitwise_xor
bmm = _ops.bmm
broadcast_to = _ops.broadcast_to
ceil = _ops.ceil
clamp = clip = _ops.clamp
cos = _ops.cos
cosh = _ops.cosh
div = divide = _ops.div
einsum = _ops.einsum
eq = _ops.eq
equal = _ops.equal
erf = _ops.erf
erfc = _ops.erfc
erfinv = _ops.erfinv
exp = _ops.exp
expm1 = _ops.expm1
floor = _ops.floor
floor_divide = _ops.floor_divide
full_like = _ops.full_like
ge = greater_equal = _ops.ge
gt = greater = _ops.gt
isclose = _ops.isclose
isfinite = _ops.isfinite
isinf = _ops.isinf
isnan = _ops.isnan
le = less_equal = _ops.le
lerp = _ops.lerp
log = _ops.log
log1p = _ops.log1p
log2 = _ops.log2
logical_and = _ops.logical_and
logical_not = _ops.logical_not
logical_or = _ops.logical_or
lt = less = _ops.lt
masked_select = _ops.masked_select
matmul = _ops.matmul
maximum = _ops.maximum
minimum = _ops.minimum
mm = _ops.mm
mul = _ops.mul
ne = not_equal = _ops.ne
neg = negative = _ops.neg
nonzero = _ops.nonzero
ones = _ops.ones
ones_like = _ops.ones_like
outer = _ops.outer
pow = _ops.pow
reciprocal = _ops.reciprocal
remainder = _ops.remainder
reshape = _ops.reshape
roll = _ops.roll
round = _ops.round
rsqrt = _ops.rsqrt
sigmoid = _ops.sigmoid
sign = _ops.sign
sin = _ops.sin
sinh = _ops.sinh
sqrt = _ops.sqrt
square = _ops.square
sum = _ops.sum
tan = _ops.tan
tanh = _ops.tanh
topk = _ops.topk
tril = _ops.tril
triu = _ops.triu
trunc = fix = _ops.trunc
unsqueeze = _ops.unsqueeze
xlogy = _ops.xlogy
zeros = _ops.zeros
zeros_like = _ops.zeros_like
addbmm = _ops.addbmm
addcdiv = _ops.addcdiv
addcmul = _ops.addcmul
addmv = _ops.addmv
cross = _ops.cross
dstack = _ops.dstack
exp2 = _ops.exp2
float_power = _ops.float_power
fmod = _ops.fmod
frac = _ops.frac
gcd = _ops.gcd
histc = _ops.histc
hstack = _ops.hstack
imag = _ops.imag
inverse = _ops.inverse
log10 = _ops.log10
logaddexp = _ops.logaddexp
logaddexp2 = _ops.logaddexp2
nan_to_num = _ops.nan_to_num
polar = _ops.polar
ravel = _ops.ravel
real = _ops.real
searchsorted = _ops.searchsorted
sinc = _ops.sinc
t = _ops.t
bitwise_not = _fn.mint_bitwise_not
conv_tbc = _fn.mint_conv_tbc
diag = _fn.mint_diag
isneginf = _fn.mint_isneginf
kthvalue = _fn.mint_kthvalue
logical_xor = _fn.mint_logical_xor
select = _fn.mint_select
take = _fn.mint_take
triangular_solve = _fn.mint_triangular_solve
unique = _fn.mint_unique
vdot = _fn.mint_vdot
batch_norm_stats = _fn.mint_batch_norm_stats
batch_norm_elemt = _fn.mint_batch_norm_elemt
batch_norm_gather_stats_with_counts = _fn.mint_batch_norm_gather_stats_with_counts
conv2d = nn.functional.conv2d
npu_gelu = nn.functional.gelu

# the ops function under mint's argument names
all = _alias(_ops.all, "all", **_DIMK)
any = _alias(_ops.any, "any", **_DIMK)
argmax = _ops.argmax
cat = _alias(_ops.cat, "cat", **_DIM)
concat = _alias(_ops.concat, "concat", **_DIM)
chunk = _alias(_ops.chunk, "chunk", **_DIM)
cumprod = _ops.cumprod
cumsum = _alias(_ops.cumsum, "cumsum", **_DIM)
flip = _ops.flip
logsumexp = _ops.logsumexp
permute = _alias(_ops.permute, "permute", dims="axis")
prod = _alias(_ops.prod, "prod", **_DIMK)
repeat_interleave = _alias(_ops.repeat_interleave, "repeat_interleave", **_DIM)
softmax = _alias(_ops.softmax, "softmax", **_DIM)
split = _alias(_ops.split, "split", **_DIM)
stack = _alias(_ops.stack, "stack", **_DIM)
tile = _ops.tile
addmm = _ops.addmm
amax = _alias(_ops.amax, "amax", **_DIMK | {"keepdim": "keepdims"})
amin = _alias(_ops.amin, "amin", **_DIMK | {"keepdim": "keepdims"})
argmin = _alias(_ops.argmin, "argmin", dim="axis", keepdim="keepdims")
dot = _ops.dot
eye = _ops.eye
index_select = _alias(_ops.index_select, "index_select", **_DIM)
narrow = _alias(_ops.narrow, "narrow", **_DIM)
scatter = _alias(_ops.scatter, "scatter", **_DIM)
swapaxes = _ops.swapaxes
unbind = _ops.unbind
unique_consecutive = _ops.unique_consecutive
cummax = _alias(_ops.cummax, "cummax", **_DIM)
diff = _alias(_ops.diff, "diff", **_DIM)
mv = _alias(_ops.mv, "mv", input="mat")
nansum = _alias(_ops.nansum, "nansum", dim="axis", keepdim="keepdims")


def add(input, other, *, alpha=1) -> Tensor:
    """input + alpha * other."""
    return _ops.add(input, other if alpha == 1 else _ops.mul(other, alpha))


def sub(input, other, *, alpha=1) -> Tensor:
    """input - alpha * other."""
    return _ops.sub(input, other if alpha == 1 else _ops.mul(other, alpha))


def where(condition, input=None, other=None) -> Tensor | tuple:
    """`input` where `condition` is true, else `other`; with only `condition`, its nonzero indices per axis."""
    if input is None and other is None:
        return _ops.nonzero(condition, as_tuple=True)
    return _ops.where(condition, input, other)


def _reduce_with_index(values_fn, arg_fn, input, dim, keepdim: bool, other, name: str):
    if other is not None:
        return (_ops.maximum if name == "max" else _ops.minimum)(input, other)
    if dim is None:
        return values_fn(input)
    return arg_fn(input, dim, keepdim)


def max(input, dim=None, keepdim: bool = False, *, other=None) -> Tensor | tuple:
    """Largest element (a Tensor); with `dim`, (values, int64 indices) along it; with a Tensor second
    argument, the elementwise maximum (as `mint.max(input, other)`)."""
    if isinstance(dim, Tensor):
        dim, other = None, dim
    return _reduce_with_index(_ops.amax, lambda x, d, k: _ops.max(x, d, k), input, dim, keepdim, other, "max")


def min(input, dim=None, keepdim: bool = False, *, other=None) -> Tensor | tuple:
    """Smallest element (a Tensor); with `dim`, (values, int64 indices) along it; with a Tensor second
    argument, the elementwise minimum."""
    if isinstance(dim, Tensor):
        dim, other = None, dim
    return _reduce_with_index(_ops.amin, lambda x, d, k: _ops.min(x, d, k), input, dim, keepdim, other, "min")


def mean(input, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:
    """Mean over `dim` (all axes when None), computed in `dtype` when given."""
    x = input if dtype is None else _ops.cast(input, dtype)
    return _ops.mean(x, dim, keepdim)


def flatten(input, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    """Merge axes `start_dim..end_dim` into one (default: all, torch's default)."""
    return _ops.flatten(input, start_dim=start_dim, end_dim=end_dim)


def transpose(input, dim0: int, dim1: int) -> Tensor:
    """Swap axes `dim0` and `dim1`."""
    return _ops.swapaxes(input, dim0, dim1)


def gather(input, dim: int, index) -> Tensor:
    """out[i][j] = input[index[i][j]][j] along `dim` (torch's gather: `ops.gather_elements`)."""
    return _ops.gather_elements(input, dim, index)


def linspace(start, end, steps: int, *, dtype=None) -> Tensor:
    """`steps` evenly spaced values from `start` to `end` inclusive, float32 unless `dtype`."""
    out = _ops.linspace(start, end, steps)
    return out if dtype is None else _ops.cast(out, dtype)


def _size(size: tuple) -> tuple:
    return tuple(size[0]) if len(size) == 1 and isinstance(size[0], (tuple, list)) else size


def randn(*size, generator=None, dtype=None) -> Tensor:
    """Standard normal samples of shape `size` (float32 unless `dtype`), from the global seed's stream."""
    _no_generator(generator, "randn")
    return _ops.randn(*_size(size), dtype=dtype)


def rand(*size, generator=None, dtype=None) -> Tensor:
    """Uniform [0, 1) samples of shape `size` (float32 unless `dtype`), from the global seed's stream."""
    _no_generator(generator, "rand")
    return _ops.rand(*_size(size), dtype=dtype)


def _no_generator(generator, name: str) -> None:
    if generator is not None:
        raise NotImplementedError(f"For 'mint.{name}', a 'generator' is not supported by mindgrad yet; "
                                  "set the seed with ms.set_seed.")


def empty(*size, dtype=None, device=None) -> Tensor:
    """A Tensor of shape `size` (float32 unless `dtype`); mindgrad fills it with zeros."""
    return _ops.zeros(_size(size), dtype)


def empty_like(input, *, dtype=None, device=None) -> Tensor:
    """A Tensor shaped like `input`; mindgrad fills it with zeros."""
    return _ops.zeros_like(input, dtype=dtype)


def meshgrid(*tensors, indexing: str = "ij") -> tuple:
    """Coordinate grids from 1-D tensors; `ij` (matrix) indexing by default, as torch."""
    if len(tensors) == 1 and isinstance(tensors[0], (tuple, list)):
        tensors = tuple(tensors[0])
    return _ops.meshgrid(*tensors, indexing=indexing)


def baddbmm(input, batch1, batch2, *, beta=1, alpha=1) -> Tensor:
    """beta * input + alpha * (batch1 @ batch2)."""
    return _ops.baddbmm(input, batch1, batch2, beta, alpha)


def argsort(input, dim: int = -1, descending: bool = False, stable: bool = False) -> Tensor:
    """Indices that sort `input` along `dim` (ties keep their order)."""
    return _ops.argsort(input, dim, descending)


def sort(input, *, dim: int = -1, descending: bool = False, stable: bool = False) -> tuple:
    """(sorted values, int64 indices) along `dim`."""
    return _ops.sort(input, dim, descending)


def std(input, dim=None, *, correction: int = 1, keepdim: bool = False) -> Tensor:
    """Standard deviation over `dim` with `correction` subtracted from the count (Bessel's by default)."""
    return _ops.std(input, dim, correction, keepdim)


def var(input, dim=None, *, correction: int = 1, keepdim: bool = False) -> Tensor:
    """Variance over `dim` with `correction` subtracted from the count (Bessel's by default)."""
    return _ops.var(input, dim, correction, keepdim)


def allclose(input, other, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False) -> bool:
    """Whether every element satisfies |input - other| <= atol + rtol * |other|."""
    return bool(_ops.isclose(input, other, rtol, atol, equal_nan).all())


def clone(input) -> Tensor:
    """A copy of `input`."""
    return _ops.identity(input)


def randn_like(input, *, dtype=None, device=None) -> Tensor:
    """Standard normal samples shaped like `input` (its dtype unless `dtype`)."""
    return _ops.randn_like(input, dtype=dtype)


def rand_like(input, *, dtype=None, device=None) -> Tensor:
    """Uniform [0, 1) samples shaped like `input` (its dtype unless `dtype`)."""
    return _ops.rand_like(input, dtype=dtype)


def randint(*args, generator=None, dtype=None, device=None) -> Tensor:
    """Integers uniform in [low, high) of shape `size`: `randint(high, size)` or `randint(low, high, size)`;
    int64 unless `dtype`."""
    _no_generator(generator, "randint")
    low, high, size = (0, *args) if len(args) == 2 else args
    return _ops.randint(low, high, size, dtype=dtype)


def full(size, fill_value, *, dtype=None) -> Tensor:
    """A Tensor of shape `size` filled with `fill_value`; without `dtype`, bool for a bool value, int64 for an
    int, float32 for a float (torch's inference)."""
    if dtype is None and isinstance(fill_value, bool):
        dtype = _mstype.bool_
    return _ops.full(size, fill_value, dtype=dtype)


def squeeze(input, dim) -> Tensor:
    """Remove the size-1 axes among `dim` (an int or a tuple; required in mint)."""
    return _ops.squeeze(input, dim)


def addr_(input, vec1, vec2, beta=1, alpha=1) -> Tensor:
    """In place: input = beta * input + alpha * outer(vec1, vec2); returns `input`."""
    return input.copy_(_ops.add(_ops.mul(input, beta), _ops.mul(_ops.outer(vec1, vec2), alpha)))


def bincount(input, weights=None, minlength: int = 0) -> Tensor:
    """Counts of each value of a 1-D non-negative integer Tensor: Int64, or summed `weights` (Float32 for Float32
    weights, else Float64)."""
    if weights is None:
        return _ops.cast(_ops.bincount(input, None, minlength), _mstype.int64)
    if weights.dtype != _mstype.float32:
        weights = _ops.cast(weights, _mstype.float64)
    return _ops.bincount(input, weights, minlength)


def cdist(x1, x2, p: float = 2.0, compute_mode: str = "use_mm_for_euclid_dist_if_necessary") -> Tensor:
    """p-norm distances between the rows of `x1` and of `x2` (batched); `compute_mode` only picks the algorithm."""
    return _ops.cdist(x1, x2, p)

def count_nonzero(input, dim=None) -> Tensor:
    """Number of nonzero elements over `dim` (all when None), Int64."""
    return _ops.count_nonzero(input, () if dim is None else dim, dtype=_mstype.int64)


def cummin(input, dim: int) -> tuple:
    """(running minimum along `dim`, Int64 index of the last element reaching it)."""
    values, index = _ops.cummin(input, dim)
    return values, _ops.cast(index, _mstype.int64)


def index_add(input, dim: int, index, source, *, alpha=1) -> Tensor:
    """`input` with alpha * `source` added at `index` along `dim`."""
    return _ops.index_add(input, index, source if alpha == 1 else _ops.mul(source, alpha), dim)


def median(input, dim=None, keepdim: bool = False) -> Tensor | tuple:
    """Lower median of all elements (a Tensor); with `dim`, (values, Int64 indices) along it."""
    if dim is None:
        return _ops.median(_ops.reshape(input, (-1,)))[0]
    return _ops.median(input, dim, keepdim)


def multinomial(input, num_samples: int, replacement: bool = False, *, generator=None) -> Tensor:
    """Int64 indices of `num_samples` draws per row of the (unnormalised) probabilities `input`."""
    _no_generator(generator, "multinomial")
    return _ops.cast(_ops.multinomial(input, num_samples, replacement), _mstype.int64)


def norm(input, p="fro", dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:
    """`p`-norm over `dim` (all elements when None): 'fro' the 2-norm, 'nuc' the nuclear norm of matrices over the
    two axes `dim`, a number the vector norm."""
    if p == "nuc":
        return _ops.matrix_norm(input, "nuc", (-2, -1) if dim is None else dim, keepdim, dtype=dtype)
    return _ops.vector_norm(input, 2 if p in ("fro", None) else p, dim, keepdim, dtype=dtype)


def normal(mean=0.0, std=1.0, size=None, generator=None) -> Tensor:
    """Samples of N(mean, std**2), elementwise for Tensor `mean`/`std`, else of shape `size`."""
    _no_generator(generator, "normal")
    return _fn.mint_normal(mean, std, size)


def bernoulli(input, *, generator=None) -> Tensor:
    """0/1 draws with the probabilities in `input`, in its dtype."""
    _no_generator(generator, "bernoulli")
    return _ops.bernoulli(input, input)


def randint_like(input, *args, dtype=None, device=None) -> Tensor:
    """Integers uniform in [low, high) shaped like `input` (`randint_like(input, high)` or `(input, low, high)`),
    in `input`'s dtype unless `dtype`."""
    low, high = (0, *args) if len(args) == 1 else args
    out = _ops.randint(low, high, input.shape)
    return _ops.cast(out, input.dtype if dtype is None else dtype)


def randperm(n: int, *, generator=None, dtype=_mstype.int64) -> Tensor:
    """A random permutation of 0 .. n-1."""
    _no_generator(generator, "randperm")
    return _ops.randperm(n, dtype=dtype)


def scatter_add(input, dim: int, index, src) -> Tensor:
    """`input` with `src` added at `index` along `dim` (torch's scatter_add)."""
    return _ops.tensor_scatter_elements(input, index, src, dim, "add")


def std_mean(input, dim=None, *, correction: int = 1, keepdim: bool = False) -> tuple:
    """(standard deviation, mean) over `dim`, Bessel's correction by default."""
    return _ops.std_mean(input, dim, correction, keepdim)


def var_mean(input, dim=None, *, correction: int = 1, keepdim: bool = False) -> tuple:
    """(variance, mean) over `dim`, Bessel's correction by default."""
    return _ops.var_mean(input, dim, correction, keepdim)


def trace(input) -> Tensor:
    """Sum of the main diagonal of a 2-D Tensor; integer and bool inputs give Int64."""
    out = _ops.trace(input)
    return out if _ops.is_floating_point(out) else _ops.cast(out, _mstype.int64)

