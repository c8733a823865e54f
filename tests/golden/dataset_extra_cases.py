"""Golden cases of the rarer `mindspore.dataset` names: `audio.Resample` and the audio filters,
`vision.read_video` / `DecodeVideo` (on the small videos in `data/video`, written by OpenCV), `CLUEDataset`
(files written in the case), `DIV2KDataset`, `Places365Dataset` and `CityscapesDataset` (tiny images in
`data/div2k`, `data/places365`, `data/cityscapes`), `transforms.validators.check_random_transform_ops`
and `mindrecord.CsvToMR`.

Video frames are compared to 2 grey levels (OpenCV's YUV-to-RGB conversion rounds differently from
MindSpore's FFmpeg); the audio filters to MindSpore's float32 arithmetic (mindgrad computes in float64).
"""

import hashlib
import importlib
import json
import os
import shutil
import sqlite3
import tempfile

import numpy as np

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def tol(rtol=None, atol=None):
    def mark(fn):
        fn.rtol, fn.atol = rtol, atol
        return fn
    return mark


def _wave(seed=0, shape=(2, 64)):
    return (np.random.RandomState(seed).standard_normal(shape) * 0.3).astype(np.float32)


def _errors(calls):
    out = []
    for call in calls:
        try:
            call()
            out.append("ok")
        except Exception as exc:  # noqa: BLE001 - the exception class is the result
            out.append(type(exc).__name__)
    return out


@tol(1e-5, 1e-6)
def case_audio_resample(ms):
    a = importlib.import_module(ms.__name__ + ".dataset.audio")
    w = _wave()
    outs = [a.Resample(16000, 12000)(w), a.Resample(4, 7, lowpass_filter_width=3)(w[0]),
            a.Resample(44100, 16000, a.ResampleMethod.KAISER_WINDOW, beta=8.0)(w.astype(np.float64)),
            a.Resample(8000, 16000, rolloff=0.9)(w), a.Resample(100, 100)(w[:, :5]),
            a.Resample(orig_freq=3, new_freq=2, resample_method=a.ResampleMethod.KAISER_WINDOW)(w[:, :30])]
    return [ms.Tensor(o) for o in outs]


@tol(1e-4, 2e-5)
def case_audio_filters(ms):
    a = importlib.import_module(ms.__name__ + ".dataset.audio")
    w = _wave(1)
    outs = [a.BassBiquad(44100, 10.0)(w), a.TrebleBiquad(44100, -6.0, 2000, 0.5)(w),
            a.HighpassBiquad(16000, 1000.0)(w), a.RiaaBiquad(44100)(w), a.RiaaBiquad(48000)(w),
            a.RiaaBiquad(88200)(w[0]), a.RiaaBiquad(96000)(w[0]), a.Contrast(60.0)(w), a.Contrast()(w[0]),
            a.BassBiquad(16000, -3.0, 300.0, 0.9)(w.astype(np.float64))]
    errors = _errors([lambda: a.BassBiquad(16000, 1.0, Q=1.2), lambda: a.TrebleBiquad(16000, 1.0, Q=0),
                      lambda: a.HighpassBiquad(16000, 100.0, Q=-1), lambda: a.RiaaBiquad(16000),
                      lambda: a.Contrast(101), lambda: a.BassBiquad(0, 1.0)])
    return [ms.Tensor(o) for o in outs], errors


@tol(1e-5, 1e-5)
def case_audio_cmn_and_centroid(ms):
    a = importlib.import_module(ms.__name__ + ".dataset.audio")
    spec = np.random.RandomState(2).standard_normal((2, 30, 4)).astype(np.float32)
    outs = [a.SlidingWindowCmn(10, 4)(spec), a.SlidingWindowCmn(9, 5, center=True, norm_vars=True)(spec),
            a.SlidingWindowCmn(600, 100)(spec), a.SlidingWindowCmn(7, 3, norm_vars=True)(spec[0]),
            a.SlidingWindowCmn(6, 20, center=True)(spec),
            a.SpectralCentroid(16000, n_fft=16, hop_length=8)(_wave(3)),
            a.SpectralCentroid(8000, n_fft=32, win_length=20, pad=3)(_wave(4, (80,)))]
    return [ms.Tensor(o) for o in outs]


def _video(ms, video):
    """Frames as float32 (integer tensors are compared exactly), with their dtype."""
    return [str(video.dtype), ms.Tensor(video.astype(np.float32)) if video.size else list(video.shape)]


@tol(0, 2)
def case_read_video(ms):
    v = importlib.import_module(ms.__name__ + ".dataset.vision")
    out = []
    for name in ("v.avi", "v.mp4"):
        path = os.path.join(DATA, "video", name)
        video, audio, meta = v.read_video(path)
        out.append([_video(ms, video), list(audio.shape), str(audio.dtype), meta])
        for kwargs in ({"start_pts": 1, "end_pts": 2}, {"start_pts": 1.5, "end_pts": 2.5},
                       {"start_pts": 0.2, "end_pts": 0.5, "pts_unit": "sec"}, {"start_pts": 10}):
            part = v.read_video(path, **kwargs)[0]
            out.append([kwargs, list(part.shape), _video(ms, part[:1])])
        decoded = v.DecodeVideo()(np.fromfile(path, np.uint8))
        out.append([len(decoded), bool(np.array_equal(decoded[0], video)), list(decoded[1].shape)])
    return out


def case_read_video_bad_input(ms):
    v = importlib.import_module(ms.__name__ + ".dataset.vision")
    path = os.path.join(DATA, "video", "v.avi")
    return _errors([lambda: v.read_video(path, start_pts=2, end_pts=1), lambda: v.read_video(path, start_pts=-1),
                    lambda: v.read_video(path, pts_unit="abc"), lambda: v.read_video(path, start_pts="a"),
                    lambda: v.read_video(1), lambda: v.read_video(os.path.join(DATA, "video", "none.mp4")),
                    lambda: v.read_video(__file__), lambda: v.DecodeVideo()([1, 2]),
                    lambda: v.DecodeVideo()(np.zeros(10, np.uint8)),
                    lambda: v.DecodeVideo()(np.zeros((2, 3), np.uint8))])


_CLUE = {
    "AFQMC": [{"id": 0, "sentence1": "一 二", "sentence2": "三", "label": "1"},
              {"id": 1, "sentence1": "a", "sentence2": "b", "label": "0"}],
    "TNEWS": [{"label": "102", "label_desc": "news_entertainment", "sentence": "s1", "keywords": "k1,k2", "id": 3},
              {"label": "103", "label_desc": "x", "sentence": "s2", "keywords": "", "id": 4}],
    "IFLYTEK": [{"label": "11", "label_des": "app", "sentence": "hello", "id": 7}],
    "CMNLI": [{"sentence1": "p", "sentence2": "h", "label": "neutral", "id": 2}],
    "WSC": [{"target": {"span2_index": 37, "span1_index": 5, "span1_text": "床", "span2_text": "它"}, "idx": 9,
             "label": "false", "text": "t e x t"}],
    "CSL": [{"id": 1, "abst": "abstract", "keyword": ["k1", "k2"], "label": "1"},
            {"id": 2, "abst": "b", "keyword": ["k3"], "label": "0"}],
}


def _text_rows(ds):
    return [[[str(c.dtype), c.tolist()] for c in row] for row in ds.create_tuple_iterator(output_numpy=True)]


def case_clue_dataset(ms):
    directory = tempfile.mkdtemp()
    try:
        out = []
        for task, rows in _CLUE.items():
            path = os.path.join(directory, f"{task}.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
            for usage in ("train", "test", "eval"):
                ds = ms.dataset.CLUEDataset(path, task=task, usage=usage, shuffle=False)
                out.append([task, usage, ds.get_col_names(), ds.get_dataset_size(), _text_rows(ds)])
        pattern = os.path.join(directory, "AFQMC*.json")
        out.append(_text_rows(ms.dataset.CLUEDataset([pattern], shuffle=False, num_shards=2, shard_id=1)))
        out.append(_errors([lambda: ms.dataset.CLUEDataset(pattern, task="XX"),
                            lambda: ms.dataset.CLUEDataset(pattern, usage="dev"),
                            lambda: ms.dataset.CLUEDataset(os.path.join(directory, "none.json"))]))
        return out
    finally:
        shutil.rmtree(directory)


def case_check_random_transform_ops(ms):
    validators = importlib.import_module(ms.__name__ + ".dataset.transforms.validators")
    vision = importlib.import_module(ms.__name__ + ".dataset.vision")

    class Op:
        @validators.check_random_transform_ops
        def __init__(self, transforms, prob=0.5):
            self.transforms, self.prob = transforms, prob

    ok = [Op([vision.HWC2CHW()]).prob, Op([lambda x: x], prob=1).prob]
    return ok, _errors([lambda: Op((vision.HWC2CHW(),)), lambda: Op([]), lambda: Op([vision.HWC2CHW]),
                        lambda: Op([1]), lambda: Op([vision.HWC2CHW()], 2), lambda: Op([vision.HWC2CHW()], "a"),
                        lambda: Op([vision.HWC2CHW()], True)])


def _digest(path):
    with open(path, "rb") as f:
        data = f.read()
    db = sqlite3.connect(path + ".db")
    try:
        tables = [list(r) for r in db.execute("SELECT sql FROM sqlite_master WHERE type='table'")]
        rows = [list(r) for r in db.execute("SELECT * FROM INDEXES ORDER BY ROW_ID")]
    finally:
        db.close()
    return [len(data), hashlib.sha256(data).hexdigest(), tables, rows]


_CSV = "name,count,score,flag,mixed\nab,1,0.5,True,x\ncd,-2,7,False,3\nef,30,2.25,True,4.5\n"


def _csv_to_mr(ms, source, destination):
    """mindgrad's CsvToMR; on MindSpore (whose CsvToMR needs pandas, absent from the oracle's environment)
    the FileWriter calls its `run` makes on this file: pandas' column types (int64, float64, bool as int32,
    object as string), 16 MB header, 64 MB pages, every column indexed. (An empty float field, NaN in pandas,
    crashes MindSpore's index writer.)"""
    if ms.__name__ != "mindspore":
        ms.mindrecord.CsvToMR(source, destination).transform()
        return
    writer = ms.mindrecord.FileWriter(destination, 1)
    writer.set_header_size(1 << 24)
    writer.set_page_size(1 << 26)
    columns = ["name", "count", "score", "flag", "mixed"]
    writer.add_schema({"name": {"type": "string"}, "count": {"type": "int64"}, "score": {"type": "float64"},
                       "flag": {"type": "int32"}, "mixed": {"type": "string"}}, "csv_schema")
    writer.add_index(columns)
    writer.write_raw_data([{"name": "ab", "count": np.int64(1), "score": np.float64(0.5), "flag": 1, "mixed": "x"},
                           {"name": "cd", "count": np.int64(-2), "score": np.float64(7), "flag": 0, "mixed": "3"},
                           {"name": "ef", "count": np.int64(30), "score": np.float64(2.25), "flag": 1,
                            "mixed": "4.5"}])
    writer.commit()


def case_csv_to_mr_bytes(ms):
    directory = tempfile.mkdtemp()
    try:
        source = os.path.join(directory, "in.csv")
        with open(source, "w") as f:
            f.write(_CSV)
        destination = os.path.join(directory, "out.mindrecord")
        _csv_to_mr(ms, source, destination)
        ds = ms.dataset.MindDataset(destination, shuffle=False)
        rows = [[[str(c.dtype), c.tolist()] for c in row] for row in ds.create_tuple_iterator(output_numpy=True)]
        return _digest(destination), ds.get_col_names(), rows
    finally:
        shutil.rmtree(directory)


def case_div2k_dataset(ms):
    root = os.path.join(DATA, "div2k")
    out = []
    for kwargs in ({}, {"usage": "valid"}, {"usage": "all"}, {"downgrade": "unknown", "scale": 3},
                   {"downgrade": "mild", "scale": 4}, {"scale": 8}, {"decode": True}):
        ds = ms.dataset.DIV2KDataset(root, shuffle=False, **kwargs)
        rows = [[ms.Tensor(c) for c in row] for row in ds.create_tuple_iterator(output_numpy=True)]
        out.append([kwargs, ds.get_col_names(), ds.get_dataset_size(), rows])
    out.append(_errors([lambda: ms.dataset.DIV2KDataset(root, usage="test"),
                        lambda: ms.dataset.DIV2KDataset(root, downgrade="mild", scale=2),
                        lambda: ms.dataset.DIV2KDataset(root, downgrade="wild", scale=8),
                        lambda: ms.dataset.DIV2KDataset(root, scale=5),
                        lambda: ms.dataset.DIV2KDataset(os.path.join(root, "none"))]))
    out.append(len(list(ms.dataset.DIV2KDataset(root, usage="all", shuffle=False, num_shards=2,
                                                shard_id=1).create_tuple_iterator())))
    return out


def case_places365_dataset(ms):
    root = os.path.join(DATA, "places365")
    out = []
    for kwargs in ({}, {"usage": "train-challenge"}, {"usage": "val"}, {"usage": "val", "small": False},
                   {"decode": True}):
        ds = ms.dataset.Places365Dataset(root, shuffle=False, **kwargs)
        rows = [[ms.Tensor(c) for c in row] for row in ds.create_tuple_iterator(output_numpy=True)]
        out.append([kwargs, ds.get_col_names(), ds.get_dataset_size(), rows])
    out.append(_errors([lambda: ms.dataset.Places365Dataset(root, usage="all"),
                        lambda: ms.dataset.Places365Dataset(os.path.join(root, "none"))]))
    return out


def case_cityscapes_dataset(ms):
    root = os.path.join(DATA, "cityscapes")
    out = []
    for kwargs in ({}, {"task": "semantic"}, {"task": "color"}, {"task": "polygon"}, {"usage": "all"},
                   {"quality_mode": "coarse", "usage": "all", "task": "polygon"}, {"decode": True, "usage": "val"}):
        ds = ms.dataset.CityscapesDataset(root, shuffle=False, **kwargs)
        rows = [_enc_row(ms, row) for row in ds.create_tuple_iterator(output_numpy=True)]
        out.append([kwargs, ds.get_col_names(), ds.get_dataset_size(), rows])
    out.append(_errors([lambda: ms.dataset.CityscapesDataset(root, usage="train_extra"),
                        lambda: ms.dataset.CityscapesDataset(root, quality_mode="coarse", usage="test"),
                        lambda: ms.dataset.CityscapesDataset(root, task="depth"),
                        lambda: ms.dataset.CityscapesDataset(root, quality_mode="medium")]))
    return out


def _enc_row(ms, row):
    return [str(c) if c.dtype.kind == "U" else ms.Tensor(c) for c in row]
