"""Replay MindSpore 2.10.0's recorded tensor printing (tests/golden/tensor_format.json).

The fixture is written from real MindSpore by `python -m tests.golden.record tensor_format`
(tests/golden/tensor_format_cases.py); this test needs only NumPy.
"""

import json
from pathlib import Path

import numpy as np
import pytest

from mindgrad.common._tensor_format import parameter_repr, tensor_repr, tensor_str

GOLDEN = json.loads((Path(__file__).parent / "golden" / "tensor_format.json")
                    .read_text(encoding="utf-8"))

NUMPY_DTYPES = {
    "Float16": np.float16, "Float32": np.float32, "Float64": np.float64,
    "BFloat16": np.float32, "Int8": np.int8, "Int16": np.int16,
    "Int32": np.int32, "Int64": np.int64, "UInt8": np.uint8,
    "UInt16": np.uint16, "UInt32": np.uint32, "UInt64": np.uint64,
    "Bool": np.bool_, "Complex64": np.complex64, "Complex128": np.complex128,
}

CASES = GOLDEN["cases"]
PARAMS = GOLDEN["parameters"]


def _build(case):
    arr = np.asarray(eval(case["expr"], {"np": np}), dtype=NUMPY_DTYPES[case["dtype"]])
    assert list(arr.shape) == case["shape"]
    return arr


@pytest.fixture(autouse=True)
def _default_printoptions():
    # str() goes through NumPy, so pin the options the fixture was recorded with.
    with np.printoptions(**GOLDEN["numpy_printoptions"]):
        yield


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_repr_matches_mindspore(case):
    assert tensor_repr(_build(case), case["dtype"]) == case["repr"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_str_matches_mindspore(case):
    assert tensor_str(_build(case), case["dtype"]) == case["str"]


@pytest.mark.parametrize("param", PARAMS, ids=[p["name"] for p in PARAMS])
def test_parameter_repr_matches_mindspore(param):
    got = parameter_repr(param["name"], tuple(param["shape"]), param["dtype"],
                         param["requires_grad"])
    assert got == param["repr"]


def test_fixture_covers_every_dtype():
    assert {c["dtype"] for c in CASES} == set(NUMPY_DTYPES)
    assert GOLDEN["mindspore_version"] == "2.10.0"


def test_bfloat16_rounds_float32_input():
    # 1/3 is not a bfloat16 number: it is rounded to nearest (even) first.
    assert tensor_repr(np.array([1 / 3], np.float32), "BFloat16") == \
        "Tensor(shape=[1], dtype=BFloat16, value= [0.333984])"


def test_unknown_dtype_name_rejected():
    with pytest.raises(ValueError):
        tensor_repr(np.zeros(2), "Float8")
