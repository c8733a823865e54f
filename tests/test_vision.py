"""dataset.vision beyond the golden fixtures: PIL inputs, seeded random transforms, and bad input.

Outputs on NumPy images are compared with MindSpore's in tests/test_dataset_golden.py."""

import os
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

import mindgrad as ms

v = ms.dataset.vision
IMG = (np.arange(10 * 12 * 3).reshape(10, 12, 3) * 7 % 256).astype(np.uint8)
JPEG = os.path.join(os.path.dirname(__file__), "golden", "data", "images", "cat", "a.jpg")


@pytest.fixture(autouse=True)
def _default_dataset_seed():
    """These tests set the pipeline seed; put MindSpore's default back for the tests that follow."""
    yield
    ms.dataset.config._seed = None
    ms.dataset.config._generator.clear()


def test_pil_inputs_stay_pil():
    pil = v.ToPIL()(IMG)
    assert isinstance(pil, Image.Image) and pil.size == (12, 10)
    resized = v.Resize((5, 6))(pil)
    assert isinstance(resized, Image.Image) and resized.size == (6, 5)
    assert isinstance(v.RandomHorizontalFlip(1.0)(pil), Image.Image)
    np.testing.assert_array_equal(np.asarray(v.HorizontalFlip()(pil)), IMG[:, ::-1])
    tensor = v.ToTensor()(pil)
    assert tensor.shape == (3, 10, 12) and tensor.dtype == np.float32
    np.testing.assert_allclose(tensor, IMG.transpose(2, 0, 1) / 255.0, rtol=1e-6)
    decoded = v.Decode(to_pil=True)(np.fromfile(JPEG, np.uint8))
    assert isinstance(decoded, Image.Image) and decoded.size == (10, 12)
    assert v.Grayscale()(pil).mode == "L"


def test_random_transforms_repeat_with_seed():
    ops = [v.RandomCrop(6, padding=2), v.RandomResizedCrop(5), v.RandomRotation(30), v.RandomColorAdjust(0.5, 0.5),
           v.RandomAffine(15, translate=(0.1, 0.2), scale=(0.8, 1.2), shear=5), v.CutOut(4, 2),
           v.RandomHorizontalFlip(), v.RandomVerticalFlip(), v.RandomPosterize((2, 6)), v.RandomSolarize((50, 200))]
    outs = []
    for _ in range(2):
        ms.dataset.config.set_seed(11)
        outs.append([op(IMG) for op in ops])
    for a, b in zip(*outs, strict=True):
        np.testing.assert_array_equal(a, b)
    assert outs[0][0].shape == (6, 6, 3) and outs[0][1].shape == (5, 5, 3)
    ms.dataset.config.set_seed(12)
    assert any(not np.array_equal(a, op(IMG)) for a, op in zip(outs[0][:4], ops[:4], strict=True))
    erased = v.RandomErasing(prob=1.0, value=0)(IMG.transpose(2, 0, 1).astype(np.float32))
    assert (erased == 0).sum() > (IMG == 0).sum()


def test_pipeline_map_with_workers_keeps_order():
    data = np.stack([IMG] * 6) + np.arange(6, dtype=np.uint8)[:, None, None, None]
    ds = ms.dataset.NumpySlicesDataset({"image": data, "label": np.arange(6)}, shuffle=False)
    ds = ds.map([v.Resize((4, 4)), v.Normalize([0, 0, 0], [1, 1, 1]), v.HWC2CHW()], input_columns="image",
                num_parallel_workers=2).batch(4)
    batches = list(ds.create_tuple_iterator(output_numpy=True))
    assert [b[0].shape for b in batches] == [(4, 3, 4, 4), (2, 3, 4, 4)]
    expected = np.stack([v.Resize((4, 4))(img).transpose(2, 0, 1) for img in data]).astype(np.float32)
    np.testing.assert_array_equal(np.concatenate([b[0] for b in batches]), expected)


def test_bad_input():
    with pytest.raises(TypeError, match="NumPy or PIL"):
        v.CenterCrop(3)([1, 2, 3])
    with pytest.raises(TypeError, match="PIL image"):
        v.Grayscale()(IMG)
    with pytest.raises(RuntimeError, match="decode failed"):
        v.Decode()(np.zeros(8, np.uint8))
    with pytest.raises(TypeError, match="encoded image"):
        v.Decode()(IMG)
    with pytest.raises(ValueError, match="prob"):
        v.RandomHorizontalFlip(1.5)
    with pytest.raises(ValueError, match="std"):
        v.Normalize([0, 0, 0], [1, 0, 1])
    with pytest.raises(TypeError, match="interpolation"):
        v.Resize(4, "bilinear")
    with pytest.raises(TypeError, match="size"):
        v.CenterCrop((3, -1))
    with pytest.raises(RuntimeError, match="crop size"):
        v.RandomCrop(20)(IMG)


def test_enums_and_aliases():
    assert v.Inter.LINEAR is v.Inter.BILINEAR and int(v.Inter.PILCUBIC) == 5
    from mindgrad.dataset.transforms import vision as old_path
    from mindgrad.dataset.vision import utils
    assert old_path.Resize is v.Resize and utils.Inter is v.Inter
    assert v.py_transforms_util.is_pil(v.ToPIL()(IMG))


def test_random_map_does_not_depend_on_workers():
    data = np.stack([IMG] * 10)

    def run(workers):
        ms.dataset.config.set_seed(5)
        ds = ms.dataset.NumpySlicesDataset({"image": data}, shuffle=False)
        ds = ds.map([v.RandomCrop(6), v.RandomHorizontalFlip()], input_columns="image", num_parallel_workers=workers)
        return np.stack([r[0] for r in ds.create_tuple_iterator(output_numpy=True, num_epochs=1)])

    one = run(1)
    np.testing.assert_array_equal(one, run(2))
    assert len({a.tobytes() for a in one}) > 1  # the rows got different draws


def test_import_mindgrad_loads_no_image_library():
    """OpenCV and Pillow are imported at a vision transform's first use, not by `import mindgrad`."""
    code = ("import sys, mindgrad; import mindgrad.dataset.vision as v; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'cv2', 'PIL'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[-2] == "[]"
