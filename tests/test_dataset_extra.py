"""Replay `tests/golden/dataset_extra_cases.py` (recorded from MindSpore 2.10.0 into `dataset_extra.json`):
audio resampling and filters, read_video/DecodeVideo, CLUEDataset, check_random_transform_ops, CsvToMR."""

import numpy as np
import pytest

import mindgrad as ms
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("dataset_extra")


@pytest.mark.parametrize("name", SUITE.params())
def test_golden_dataset_extra(name):
    SUITE.check(name, ms)


def test_read_video_refuses_audio(tmp_path):
    """OpenCV cannot decode audio: a video file with an audio stream raises NotImplementedError naming it."""
    path = tmp_path / "sound.mp4"
    # an MP4 whose `hdlr` box declares a sound track (the frames never get decoded)
    path.write_bytes(b"\x00\x00\x00\x21hdlr" + bytes(8) + b"soun" + bytes(13))
    with pytest.raises(NotImplementedError, match="sound.mp4 has an audio stream"):
        ms.dataset.vision.read_video(str(path))


def test_csv_to_mr_types_without_pandas(tmp_path):
    """pandas' column types: an empty float field is NaN, a bool column int32, a mixed column string."""
    src = tmp_path / "a.csv"
    src.write_text("x,b,s\n1.5,True,1\n,False,a\n")
    ms.mindrecord.CsvToMR(str(src), str(tmp_path / "a.mr")).transform()
    reader = ms.mindrecord.FileReader(str(tmp_path / "a.mr"))
    rows = list(reader.get_next())
    reader.close()
    assert rows[0] == {"b": 1, "s": "1", "x": 1.5}
    assert np.isnan(rows[1]["x"]) and rows[1]["b"] == 0 and rows[1]["s"] == "a"
    with pytest.raises(RuntimeError, match="column z does not exist"):
        ms.mindrecord.CsvToMR(str(src), str(tmp_path / "b.mr"), columns_list=["z"]).transform()
