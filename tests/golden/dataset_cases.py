"""Golden cases of `mindspore.dataset` and `mindspore.mindrecord`: readers on the small files in `data/`
(first batches, sizes, shard and sampler orders), transforms on fixed images, the pipeline, and
MindRecord files byte for byte (written by MindSpore and by mindgrad; each side reads the other's).

Images are compared exactly except where noted: the enhancement ops go through Pillow in mindgrad and
may differ from MindSpore's by one grey level (atol=1).
"""

import hashlib
import importlib
import os
import shutil
import sqlite3
import tempfile

import numpy as np

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def tol(rtol=None, atol=None):
    def mark(fn):
        if rtol is not None:
            fn.rtol = rtol
        if atol is not None:
            fn.atol = atol
        return fn
    return mark


def _enc(ms, a):
    a = np.asarray(a)
    if a.dtype.kind == "S":
        return ["bytes", list(a.shape), a.tobytes().hex()]
    if a.dtype.kind == "U":
        return ["str", a.tolist()]
    return ms.Tensor(a)


def _rows(ms, dataset, count=None):
    out = []
    for i, row in enumerate(dataset.create_tuple_iterator(output_numpy=True, num_epochs=1)):
        if count is not None and i >= count:
            break
        out.append([_enc(ms, a) for a in row])
    return out


def _column(dataset, index):
    return [np.asarray(r[index]).tolist() for r in dataset.create_tuple_iterator(output_numpy=True, num_epochs=1)]


def _image(h=9, w=13, seed=0):
    y, x = np.mgrid[0:h, 0:w]
    base = np.stack([x * 19 % 256, y * 29 % 256, (x * y + seed * 31) % 256], -1)
    return (base + np.random.default_rng(seed).integers(0, 30, (h, w, 3))).clip(0, 255).astype(np.uint8)


def _file(name):
    with open(os.path.join(DATA, "images", name), "rb") as f:
        return np.frombuffer(f.read(), np.uint8)


# ---- readers --------------------------------------------------------------------------------------------------

def case_mnist_first_batch(ms):
    ds = ms.dataset.MnistDataset(os.path.join(DATA, "mnist"), shuffle=False).batch(4)
    return [ds.get_col_names(), ds.get_dataset_size(), _rows(ms, ds, 1)]


def case_mnist_usage(ms):
    out = []
    for usage in ("train", "test", "all"):
        ds = ms.dataset.MnistDataset(os.path.join(DATA, "mnist"), usage=usage, shuffle=False)
        out.append([ds.get_dataset_size(), _column(ds, 1)])
    return out


def case_mnist_samplers(ms):
    d = ms.dataset
    path = os.path.join(DATA, "mnist")
    samplers = [d.SequentialSampler(1, 3), d.DistributedSampler(2, 1, shuffle=False),
                d.DistributedSampler(3, 2, shuffle=False, num_samples=2), d.SubsetSampler([4, 0, 2]),
                [7, 1, 1]]
    return [_column(d.MnistDataset(path, sampler=s), 1) for s in samplers]


def case_mnist_shards(ms):
    path = os.path.join(DATA, "mnist")
    return [_column(ms.dataset.MnistDataset(path, shuffle=False, num_shards=4, shard_id=k), 1) for k in range(4)]


def case_mnist_num_samples(ms):
    ds = ms.dataset.MnistDataset(os.path.join(DATA, "mnist"), shuffle=False, num_samples=3)
    return [ds.get_dataset_size(), _column(ds, 1)]


def case_mnist_missing_dir(ms):
    return ms.dataset.MnistDataset(os.path.join(DATA, "no_such_dir"))


def case_image_folder_raw(ms):
    ds = ms.dataset.ImageFolderDataset(os.path.join(DATA, "images"), shuffle=False)
    return [ds.get_col_names(), ds.get_dataset_size(), ds.get_class_indexing(), _rows(ms, ds)]


def case_image_folder_decode(ms):
    ds = ms.dataset.ImageFolderDataset(os.path.join(DATA, "images"), shuffle=False, decode=True)
    return _rows(ms, ds)


def case_image_folder_class_indexing(ms):
    ds = ms.dataset.ImageFolderDataset(os.path.join(DATA, "images"), shuffle=False,
                                       class_indexing={"cat": 5, "dog": 2})
    return [ds.get_class_indexing(), _column(ds, 1)]


def case_image_folder_shards(ms):
    path = os.path.join(DATA, "images")
    return [_column(ms.dataset.ImageFolderDataset(path, shuffle=False, num_shards=3, shard_id=k), 1)
            for k in range(3)]


def case_text_file(ms):
    ds = ms.dataset.TextFileDataset(os.path.join(DATA, "text", "lines.txt"), shuffle=False)
    return [ds.get_col_names(), ds.get_dataset_size(), _rows(ms, ds)]


def case_csv_strings(ms):
    ds = ms.dataset.CSVDataset(os.path.join(DATA, "text", "table.csv"), shuffle=False)
    return [ds.get_col_names(), _rows(ms, ds)]


def case_csv_defaults(ms):
    ds = ms.dataset.CSVDataset(os.path.join(DATA, "text", "table.csv"), column_defaults=[0, 0.0, ""], shuffle=False)
    return _rows(ms, ds)


def case_mind_dataset_rows(ms):
    ds = ms.dataset.MindDataset(os.path.join(DATA, "mindrecord", "oracle.mindrecord"), shuffle=False)
    return [ds.get_col_names(), ds.get_dataset_size(), _rows(ms, ds)]


def case_mind_dataset_columns_list(ms):
    ds = ms.dataset.MindDataset(os.path.join(DATA, "mindrecord", "oracle.mindrecord"), columns_list=["label", "mask"],
                                shuffle=False)
    return [ds.get_col_names(), _rows(ms, ds, 3)]


def case_mind_dataset_shards(ms):
    path = os.path.join(DATA, "mindrecord", "oracle.mindrecord")
    return [_column(ms.dataset.MindDataset(path, shuffle=False, num_shards=3, shard_id=k), 2) for k in range(3)]


def case_mind_dataset_shard_files(ms):
    path = os.path.join(DATA, "mindrecord", "oracle_sharded.mindrecord")
    every = ms.dataset.MindDataset(path + "1", shuffle=False)
    one = ms.dataset.MindDataset([path + "0"], shuffle=False)
    return [_column(every, 0), _rows(ms, one)]


def case_mind_dataset_decode_batch(ms):
    ds = ms.dataset.MindDataset(os.path.join(DATA, "mindrecord", "oracle.mindrecord"), columns_list=["data", "label"],
                                shuffle=False)
    ds = ds.map([ms.dataset.vision.Decode(), ms.dataset.vision.Resize((6, 5))], input_columns="data")
    return _rows(ms, ds.batch(3, drop_remainder=True))


def case_mind_dataset_reads_mindgrad_file(ms):
    ds = ms.dataset.MindDataset(os.path.join(DATA, "mindrecord", "mindgrad.mindrecord"), shuffle=False)
    return [ds.get_col_names(), _rows(ms, ds)]


def case_mind_dataset_missing_file(ms):
    return ms.dataset.MindDataset(os.path.join(DATA, "mindrecord", "no_such.mindrecord"))


# ---- mindrecord ---------------------------------------------------------------------------------------------------

def _reader_rows(reader):
    out = []
    for row in reader.get_next():
        out.append({k: (v.hex() if isinstance(v, bytes) else [str(v.dtype), v.tolist()] if isinstance(v, np.ndarray)
                        else v) for k, v in row.items()})
    return out


def case_file_reader_oracle_file(ms):
    reader = ms.mindrecord.FileReader(os.path.join(DATA, "mindrecord", "oracle.mindrecord"))
    try:
        return [reader.len(), _reader_rows(reader)]
    finally:
        reader.close()


def case_file_reader_mindgrad_file(ms):
    reader = ms.mindrecord.FileReader(os.path.join(DATA, "mindrecord", "mindgrad.mindrecord"))
    try:
        return _reader_rows(reader)
    finally:
        reader.close()


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


def _write(ms, directory, shard_num=1, appended=False, split=5):
    w = ms.mindrecord.FileWriter(os.path.join(directory, "w.mindrecord"), shard_num=shard_num)
    w.set_header_size(1 << 14)
    w.set_page_size(1 << 15)
    w.add_schema({"name": {"type": "string"}, "label": {"type": "int64"}, "img": {"type": "bytes"},
                  "ids": {"type": "int32", "shape": [-1]}, "emb": {"type": "float64", "shape": [3]},
                  "weight": {"type": "float32"}}, "written")
    rows = [{"name": f"row{i}", "label": i * 1000 - 3000, "img": bytes(range(i, i + 5 * i + 1)),
             "ids": np.array([i, -1, 300, -70000][: 1 + i % 4], np.int32), "emb": np.array([0.1 * i, 1e300, -2.5]),
             "weight": 1.5 * i - 0.1} for i in range(9)]
    w.write_raw_data(rows[:split])
    w.write_raw_data(rows[split:])
    w.commit()
    if appended:
        a = ms.mindrecord.FileWriter.open_for_append(os.path.join(directory, "w.mindrecord"))
        a.write_raw_data([{"name": "extra", "label": 7, "img": b"\x00\x01", "ids": np.array([9], np.int32),
                           "emb": np.array([1.0, 2.0, 3.0]), "weight": 0.5}])
        a.commit()


def case_file_writer_bytes(ms):
    directory = tempfile.mkdtemp()
    try:
        _write(ms, directory)
        return _digest(os.path.join(directory, "w.mindrecord"))
    finally:
        shutil.rmtree(directory)


def case_file_writer_shards_bytes(ms):
    directory = tempfile.mkdtemp()
    try:
        _write(ms, directory, shard_num=3, split=6)  # MindSpore gives a remainder row to a random shard
        return [_digest(os.path.join(directory, f"w.mindrecord{k}")) for k in range(3)]
    finally:
        shutil.rmtree(directory)


def case_file_writer_append_bytes(ms):
    directory = tempfile.mkdtemp()
    try:
        _write(ms, directory, appended=True)
        path = os.path.join(directory, "w.mindrecord")
        ds = ms.dataset.MindDataset(path, shuffle=False)
        return [_digest(path), _column(ds, 3)]
    finally:
        shutil.rmtree(directory)


def case_file_writer_bad_rows(ms):
    directory = tempfile.mkdtemp()
    try:
        w = ms.mindrecord.FileWriter(os.path.join(directory, "bad.mindrecord"))
        w.add_schema({"label": {"type": "int32"}}, "bad")
        w.write_raw_data([{"label": "not an int"}])
    finally:
        shutil.rmtree(directory)


# ---- transforms on fixed images -----------------------------------------------------------------------------------

def case_decode_files(ms):
    return [ms.Tensor(ms.dataset.vision.Decode()(_file(n))) for n in ("cat/a.jpg", "cat/b.png", "dog/d.JPEG")]


def case_decode_bad_bytes(ms):
    return ms.dataset.vision.Decode()(np.frombuffer(b"not an image", np.uint8))


def case_resize_modes(ms):
    v = ms.dataset.vision
    img = _image()
    out = [v.Resize((5, 7))(img), v.Resize(6)(img), v.Resize((20, 11))(img), v.Resize([4, 4])(img[:, :, 0])]
    for inter in (v.Inter.NEAREST, v.Inter.LINEAR, v.Inter.AREA):
        out.append(v.Resize((4, 6), inter)(img))
        out.append(v.Resize((17, 23), inter)(img))
    return [ms.Tensor(o) for o in out]


@tol(atol=1.01)
def case_resize_bicubic(ms):
    """OpenCV's bicubic rounds differently from MindSpore's at a few pixels: one grey level."""
    v = ms.dataset.vision
    img = _image()
    return [ms.Tensor(v.Resize(size, v.Inter.BICUBIC)(img).astype(np.float32)) for size in ((4, 6), (17, 23))]


def case_resize_bad_input(ms):
    return ms.dataset.vision.Resize((3, 3))("not an image")


def case_crops_and_flips(ms):
    v = ms.dataset.vision
    img = _image(8, 11, 1)
    outs = [v.CenterCrop(5)(img), v.CenterCrop((4, 7))(img), v.CenterCrop((12, 14))(img), v.Crop((2, 3), (4, 5))(img),
            v.RandomCrop((8, 11))(img), v.RandomHorizontalFlip(1.0)(img), v.RandomVerticalFlip(1.0)(img),
            v.RandomHorizontalFlip(0.0)(img), v.HorizontalFlip()(img), v.VerticalFlip()(img)]
    return [ms.Tensor(o) for o in outs]


def case_pad_modes(ms):
    v = ms.dataset.vision
    img = _image(5, 6, 2)
    outs = [v.Pad(2)(img), v.Pad([1, 3])(img), v.Pad([1, 2, 3, 4], fill_value=(9, 8, 7))(img),
            v.Pad(2, padding_mode=v.Border.EDGE)(img), v.Pad(2, padding_mode=v.Border.REFLECT)(img),
            v.Pad(2, padding_mode=v.Border.SYMMETRIC)(img), v.RandomCrop((7, 8), padding=1, fill_value=5)(img)[:0]]
    return [ms.Tensor(o) for o in outs]


def case_tensor_conversions(ms):
    v, t = ms.dataset.vision, ms.dataset.transforms
    img = _image(4, 5, 3)
    return [ms.Tensor(v.ToTensor()(img)), ms.Tensor(v.HWC2CHW()(img)), ms.Tensor(v.Rescale(1 / 255.0, -0.5)(img)),
            ms.Tensor(v.Normalize([100, 110, 120], [50, 60, 70])(img)),
            ms.Tensor(v.Normalize([1, 2, 3], [4, 5, 6], is_hwc=False)(v.HWC2CHW()(img).astype(np.float32))),
            ms.Tensor(t.TypeCast(ms.int32)(img)), ms.Tensor(t.OneHot(5)(np.array([0, 3, 4]))),
            ms.Tensor(np.asarray(v.ToPIL()(img))), ms.Tensor(v.ToTensor()(v.ToPIL()(img))),
            ms.Tensor(t.Compose([v.Rescale(2.0, 1.0), v.HWC2CHW()])(img))]


def case_rotate_and_convert(ms):
    v = ms.dataset.vision
    img = _image(7, 9, 4)
    outs = [v.Rotate(90)(img), v.Rotate(90, expand=True)(img), v.ConvertColor(v.ConvertMode.COLOR_RGB2BGR)(img),
            v.ConvertColor(v.ConvertMode.COLOR_RGB2GRAY)(img),
            v.Invert()(img), v.RandomRotation((90, 90))(img)]
    return [ms.Tensor(o) for o in outs]


@tol(atol=3.01)
def case_rotate_bilinear(ms):
    """MindSpore's bilinear warp rounds differently from OpenCV's warpAffine: up to 3 grey levels at edges."""
    v = ms.dataset.vision
    img = _image(7, 9, 4)
    return ms.Tensor(v.Rotate(30, v.Inter.BILINEAR, fill_value=7)(img).astype(np.float32))


@tol(atol=1.01)
def case_color_ops(ms):
    v = ms.dataset.vision
    img = _image(10, 12, 5)
    outs = [v.AdjustBrightness(1.4)(img), v.AdjustContrast(0.6)(img), v.AdjustSaturation(1.7)(img),
            v.AdjustSharpness(2.0)(img), v.RandomColorAdjust()(img), v.AutoContrast()(img), v.Equalize()(img),
            v.Posterize(3)(img), v.Solarize(128)(img), v.Grayscale(3)(v.ToPIL()(img)),
            v.RandomSharpness((1.5, 1.5))(img), v.RandomColor((0.5, 0.5))(img), v.GaussianBlur(3, 1.0)(img),
            v.AdjustGamma(2.0, 1.0)(img)]
    return [ms.Tensor(np.asarray(o).astype(np.float32)) for o in outs]


def case_random_resized_crop_full(ms):
    v = ms.dataset.vision
    img = _image(8, 8, 6)
    full = v.RandomResizedCrop((4, 5), scale=(1.0, 1.0), ratio=(1.0, 1.0))(img)
    decoded = v.RandomCropDecodeResize((3, 3), scale=(1.0, 1.0), ratio=(1.0, 1.0))(_file("dog/c.jpg"))
    return [ms.Tensor(full), ms.Tensor(decoded)]


def case_random_shapes(ms):
    v = ms.dataset.vision
    ms.dataset.config.set_seed(3)
    img = _image(12, 10, 7)
    outs = [v.RandomCrop(5)(img), v.RandomResizedCrop(6)(img), v.RandomRotation(20)(img),
            v.RandomAffine(10, translate=(0.1, 0.1))(img), v.CutOut(3)(img),
            v.RandomColorAdjust(0.4, 0.4, 0.4, 0.1)(img)]
    return [[list(o.shape), str(o.dtype)] for o in outs]


# ---- the pipeline -------------------------------------------------------------------------------------------------

def case_pipeline_image_folder(ms):
    v = ms.dataset.vision
    ds = ms.dataset.ImageFolderDataset(os.path.join(DATA, "images"), shuffle=False)
    ds = ds.map([v.Decode(), v.Resize((8, 8)), v.RandomHorizontalFlip(0.0), v.Normalize([120.0] * 3, [60.0] * 3),
                 v.HWC2CHW()], input_columns="image", num_parallel_workers=2)
    ds = ds.map(ms.dataset.transforms.TypeCast(ms.int64), input_columns="label")
    ds = ds.batch(2, drop_remainder=False)
    return [ds.get_dataset_size(), ds.get_col_names(), _rows(ms, ds)]


def case_pipeline_ops(ms):
    d = ms.dataset

    def a():
        return d.NumpySlicesDataset({"x": np.arange(6), "y": np.arange(6) * 10}, shuffle=False)

    zipped = a().zip(d.NumpySlicesDataset({"z": np.arange(4) * -1}, shuffle=False))
    concat = a().concat(d.NumpySlicesDataset({"x": np.arange(2) + 100, "y": np.arange(2)}, shuffle=False))
    filtered = a().filter(lambda x: x % 2 == 0, input_columns=["x"])
    projected = a().project(["y"]).rename(["y"], ["w"]).skip(1).take(3)
    return [[zipped.get_col_names(), zipped.get_dataset_size(), _rows(ms, zipped)],
            [concat.get_dataset_size(), _column(concat, 0)], [_column(filtered, 0)],
            [projected.get_col_names(), _column(projected, 0)],
            [a().repeat(2).batch(4).get_dataset_size(), _column(a().batch(4, drop_remainder=True), 0)]]


def case_map_too_many_workers(ms):
    return ms.dataset.NumpySlicesDataset([1, 2], shuffle=False).map(lambda x: x, num_parallel_workers=100000)


def case_generator_sampler(ms):
    data = [(np.array([i], np.int32),) for i in range(6)]

    class Source:
        def __getitem__(self, i):
            return data[i]

        def __len__(self):
            return len(data)

    d = ms.dataset
    seq = d.GeneratorDataset(Source(), ["x"], sampler=d.SequentialSampler(2))
    dist = d.GeneratorDataset(Source(), ["x"], sampler=d.DistributedSampler(4, 3, shuffle=False))
    return [_column(seq, 0), _column(dist, 0)]


# ---- TFRecord, batching variants, generic/text/audio transforms --------------------------------------------------

def case_tfrecord_rows(ms):
    ds = ms.dataset.TFRecordDataset(os.path.join(DATA, "tfrecord", "data.tfrecord"), shuffle=False)
    return [ds.get_col_names(), ds.get_dataset_size(), _rows(ms, ds)]


def case_tfrecord_shards(ms):
    path = os.path.join(DATA, "tfrecord", "data.tfrecord")
    return [_column(ms.dataset.TFRecordDataset(path, columns_list=["label"], shuffle=False, num_shards=2, shard_id=k,
                                               shard_equal_rows=True), 0) for k in range(2)]


def case_tfrecord_too_few_files(ms):
    ds = ms.dataset.TFRecordDataset(os.path.join(DATA, "tfrecord", "data.tfrecord"), shuffle=False, num_shards=2,
                                    shard_id=0)
    return _rows(ms, ds)


def case_onehot_smoothing_quirk(ms):
    """MindSpore 2.10 puts the smoothed hot value only in the last row of a batch of labels; mindgrad in every
    row."""
    return _enc(ms, ms.dataset.transforms.OneHot(4, 0.1)(np.array([3, 1], np.int32)))


def _ragged(ms):
    def gen():
        for n in (1, 3, 2, 5, 4, 2, 6):
            yield (np.arange(n, dtype=np.int32), np.array(n, np.int32))
    return ms.dataset.GeneratorDataset(gen, ["x", "n"])


def case_bucket_batch_by_length(ms):
    ds = _ragged(ms).bucket_batch_by_length(["x"], [3, 5], [2, 2, 3], pad_info={"x": None})
    padded = _ragged(ms).bucket_batch_by_length(["x"], [3], [2, 2], pad_info={"x": ([7], -1)},
                                                drop_remainder=True)
    return [_rows(ms, ds), _rows(ms, padded)]


def case_padded_batch(ms):
    ds = _ragged(ms).padded_batch(3, pad_info={"x": ([6], -1)})
    auto = _ragged(ms).padded_batch(4, drop_remainder=True, pad_info={"x": None})
    return [ds.get_dataset_size(), _rows(ms, ds), _rows(ms, auto)]


def case_generic_transforms(ms):
    t = ms.dataset.transforms
    x = np.array([3, 1, 4, 1, 5], np.int32)
    outs = [t.PadEnd([7], 9)(x), t.PadEnd([3])(x), t.PadEnd([2, 3], -1)(np.array([[1], [2]])), t.Fill(2)(x),
            t.Mask(t.Relational.GE, 3)(x), t.Mask(t.Relational.NE, 1, ms.int32)(x),
            t.Concatenate(0, np.array([0], np.int32), np.array([8, 9], np.int32))(x), t.Slice(slice(1, 4))(x),
            t.Slice([0, 2, 4])(x), *t.Duplicate()(x), t.OneHot(6)(x)]
    return [_enc(ms, o) for o in outs] + [_enc(ms, t.PadEnd([4], "-")(np.array(["a", "b"])))]


def case_text_vocab_lookup(ms):
    text = ms.dataset.text
    vocab = text.Vocab.from_list(["hello", "world", "un", "##aff", "##able", "!", ","], ["<pad>", "[UNK]"])
    tail = text.Vocab.from_list(["a", "b"], ["<s>"], special_first=False)
    lookup = text.Lookup(vocab, "[UNK]")
    words = np.array(["hello", "there", "world"])
    return [vocab.vocab(), tail.vocab(), _enc(ms, lookup(words)), _enc(ms, lookup("world")),
            vocab.tokens_to_ids(["world", "nope"]), vocab.ids_to_tokens([0, 2]),
            text.Vocab.from_dict({"x": 3, "y": 9}).vocab()]


def case_text_tokenizers(ms):
    text = ms.dataset.text
    vocab = text.Vocab.from_list(["un", "##aff", "##able", "hello", "world", "[UNK]", ",", "!"])
    outs = [text.BertTokenizer(vocab)("UnAffable hello, World!"),
            text.BertTokenizer(vocab, lower_case=True)("UnAffable hello, World!"),
            text.WordpieceTokenizer(vocab)(np.array(["unaffable", "xyz"])),
            text.BasicTokenizer()("Hello, World! 你好"), text.BasicTokenizer(lower_case=True)("Héllo Wörld"),
            text.WhitespaceTokenizer()("a b  c"), text.UnicodeCharTokenizer()("héllo"),
            text.Truncate(2)(np.array([1, 2, 3])), text.AddToken("<s>", True)(np.array(["a", "b"])),
            text.ToNumber(ms.int32)(np.array(["1", "-2"])), text.SlidingWindow(2)(np.array([1, 2, 3])),
            text.Ngram([2, 3])(np.array(["a", "b", "c"])), *text.TruncateSequencePair(3)(np.array([1, 2, 3]),
                                                                                        np.array([4, 5]))]
    return [_enc(ms, o) for o in outs]


@tol(rtol=1e-4, atol=1e-4)
def case_audio_spectrograms(ms):
    a = importlib.import_module(ms.__name__ + ".dataset.audio")
    wave = (np.sin(np.arange(200) / 3.0) + 0.1 * np.cos(np.arange(200) * 1.7)).astype(np.float32)
    spec = a.Spectrogram(n_fft=32, hop_length=8)(wave)
    outs = [spec, a.Spectrogram(n_fft=16, win_length=12, power=1.0, normalized=True, center=False)(wave),
            a.Spectrogram(n_fft=16, window=a.WindowType.HAMMING, pad_mode=a.BorderType.CONSTANT)(wave[None]),
            a.MelScale(n_mels=6, sample_rate=8000, n_stft=17)(spec),
            a.MelScale(n_mels=5, sample_rate=8000, n_stft=17, norm=a.NormType.SLANEY, mel_type=a.MelType.SLANEY)(spec),
            a.MelSpectrogram(sample_rate=8000, n_fft=32, n_mels=8)(wave), a.AmplitudeToDB()(spec),
            a.ComputeDeltas()(spec), a.DCShift(0.2)(wave[:10]), a.DCShift(0.5, 0.05)(wave[:10]),
            a.ComplexNorm()(np.array([[3.0, 4.0], [1.0, 1.0]], np.float32)),
            a.Angle()(np.array([[3.0, 4.0], [-1.0, 1.0]], np.float32))]
    return [ms.Tensor(o) for o in outs]


def case_dict_column(ms):
    def gen():
        for i in range(3):
            yield np.array([i]), {"a": i, "b": np.arange(2) * i}

    d = ms.dataset.GeneratorDataset(gen, ["x", "meta"], shuffle=False)
    rows = [r["meta"] for r in d.create_dict_iterator(num_epochs=1)]
    batches = [r[1] for r in d.batch(2).create_tuple_iterator(num_epochs=1)]
    return [rows, batches]


def case_file_writer_blob_only_bytes(ms):
    directory = tempfile.mkdtemp()
    try:
        path = os.path.join(directory, "b.mindrecord")
        w = ms.mindrecord.FileWriter(path)
        w.set_header_size(1 << 14)
        w.set_page_size(1 << 15)
        w.add_schema({"img": {"type": "bytes"}}, "only blobs")
        w.write_raw_data([{"img": b"abc"}, {"img": b"de"}])
        w.commit()
        reader = ms.mindrecord.FileReader(path)
        try:
            return [_digest(path), _reader_rows(reader)]
        finally:
            reader.close()
    finally:
        shutil.rmtree(directory)


def case_file_writer_page_overflow_bytes(ms):
    """Enough rows to fill several blob and raw pages: row groups, raw pages moved whole, page numbering."""
    directory = tempfile.mkdtemp()
    try:
        path = os.path.join(directory, "r.mindrecord")
        w = ms.mindrecord.FileWriter(path)
        w.set_header_size(1 << 15)
        w.set_page_size(1 << 15)
        w.add_schema({"name": {"type": "string"}, "v": {"type": "int64"}, "img": {"type": "bytes"}}, "overflow")
        w.write_raw_data([{"name": "item%05d" % i, "v": i, "img": bytes(1 + i % 7 + 30 * (i % 3))}
                          for i in range(1500)])
        w.write_raw_data([{"name": "second%05d" % i, "v": -i, "img": bytes(3000)} for i in range(30)])
        w.commit()
        digest = _digest(path)
        ds = ms.dataset.MindDataset(path, columns_list=["v"], shuffle=False)
        return [digest[:2], digest[3][::97], _column(ds, 0)[::50]]
    finally:
        shutil.rmtree(directory)


def case_more_transforms(ms):
    v = ms.dataset.vision
    img = _image(9, 11, 8)
    outs = {"affine": v.Affine(0.0, [0.2, 0.1], 1.0, 0.0)(img),
            "random_affine": v.RandomAffine((0, 0), scale=(1.0, 1.0))(img),
            "resized_crop": v.ResizedCrop(1, 2, 5, 6, (4, 4))(img),
            "hue": v.AdjustHue(0.2)(img), "slice": v.SlicePatches(2, 2)(img)[3],
            "rotate_expand_shape": np.array(v.Rotate(45, expand=True)(img).shape),
            "rescale_hw": v.Rescale(0.5, 1.0)(img[..., 0]), "hwc2chw_hw": v.HWC2CHW()(img[..., 0]),
            "invert_pil": np.asarray(v.Invert()(v.ToPIL()(img))), "totensor_hw": v.ToTensor()(img[..., 0]),
            "crop_decode": v.Decode()(_file("cat/b.png"))}
    return {k: _enc(ms, o) for k, o in outs.items()}


def case_normalize_pad_quirk(ms):
    """MindSpore 2.10's NormalizePad called eagerly reads the 3-channel result as if it had 4 channels; mindgrad
    appends a zero channel."""
    v = ms.dataset.vision
    return _enc(ms, v.NormalizePad([10, 20, 30], [2, 3, 4])(_image(3, 4, 8)))
