"""Readers of image datasets in the formats users have on disk, with MindSpore's columns and dtypes.

`MnistDataset`/`FashionMnistDataset`/`KMnistDataset` read idx-ubyte files (`image` uint8 (28, 28, 1),
`label` uint32; `usage` "train", "test" or "all", "all" reading the t10k files first);
`Cifar10Dataset`/`Cifar100Dataset` read the binary batches (`image` uint8 (32, 32, 3), `label` /
`coarse_label`, `fine_label` uint32; the row count comes from the file sizes, where MindSpore
assumes 10000 rows per file); `ImageFolderDataset` reads one folder per class (`image` the file's
bytes as uint8, or decoded RGB with `decode=True`; `label` int32 by sorted folder name or
`class_indexing`); `DIV2KDataset` reads DIV2K's folders (`hr_image`, `lr_image`: PNG bytes, or decoded RGB
with `decode=True`); `Places365Dataset` reads Places365's file lists (`image` bytes or decoded, `label`
uint32); `CityscapesDataset` pairs each `leftImg8bit` image with its fine or coarse annotation (`task`: the
instance/semantic/color PNG, or the polygons JSON as a compact str). All are random access: shuffled
unless `shuffle=False`, sharded as MindSpore shards, and accept `sampler=`.
"""

from __future__ import annotations

import json
import os
import struct

import numpy as np

from .engine import _Source

__all__ = ["MnistDataset", "FashionMnistDataset", "KMnistDataset", "Cifar10Dataset", "Cifar100Dataset", "CelebADataset",
           "ImageFolderDataset", "DIV2KDataset", "Places365Dataset", "CityscapesDataset"]

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff")


def read_bytes(path: str) -> np.ndarray:
    """A file's bytes as uint8, read with bare system calls (a third of the time of `open().read()`)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        data = os.read(fd, size)
        while len(data) < size:  # a short read (files over 2 GiB)
            more = os.read(fd, size - len(data))
            if not more:
                break
            data += more
    finally:
        os.close(fd)
    return np.frombuffer(data, np.uint8)


def check_dir(path) -> str:
    if not isinstance(path, str) or not os.path.isdir(path):
        raise ValueError(f"The folder {path} does not exist or is not a directory or permission denied!")
    return path


def _check_usage(usage, allowed) -> str:
    usage = "all" if usage is None else usage
    if usage not in allowed:
        raise ValueError(f"Input usage is not within the valid set of {list(allowed)}.")
    return usage


def _read_idx(path: str, magic: int, dims: int) -> np.ndarray:
    if not os.path.isfile(path):
        raise RuntimeError(f"Invalid file, failed to open file: {path}.")
    with open(path, "rb") as f:
        data = f.read()
    head = 4 * (1 + dims)
    if len(data) < head or struct.unpack(">I", data[:4])[0] != magic:
        raise RuntimeError(f"Invalid file, the magic number of {path} is not {magic}: not an idx-ubyte file.")
    shape = struct.unpack(">" + "I" * dims, data[4:head])
    if len(data) - head != int(np.prod(shape)):
        raise RuntimeError(f"Invalid file, {path} is truncated: {len(data) - head} data bytes for shape {shape}.")
    return np.frombuffer(data, np.uint8, offset=head).reshape(shape)


class MnistDataset(_Source):
    """MNIST idx-ubyte files in `dataset_dir`: columns `image` (28, 28, 1) uint8 and `label` uint32."""

    _parallel_get = True

    def __init__(self, dataset_dir: str, usage: str | None = None, num_samples: int | None = None,
                 num_parallel_workers: int | None = None, shuffle=None, sampler=None, num_shards=None,
                 shard_id=None, cache=None) -> None:
        check_dir(dataset_dir)
        usage = _check_usage(usage, ("train", "test", "all"))
        images, labels = [], []
        for prefix in {"train": ["train"], "test": ["t10k"], "all": ["t10k", "train"]}[usage]:
            image_file = os.path.join(dataset_dir, f"{prefix}-images-idx3-ubyte")
            label_file = os.path.join(dataset_dir, f"{prefix}-labels-idx1-ubyte")
            if usage == "all" and not os.path.isfile(image_file):
                continue
            imgs = _read_idx(image_file, 2051, 3)
            labs = _read_idx(label_file, 2049, 1)
            if len(imgs) != len(labs):
                raise RuntimeError(f"Invalid data, num of images {len(imgs)} is not equal to num of labels "
                                   f"{len(labs)} in {dataset_dir}.")
            images.append(imgs)
            labels.append(labs)
        if not images:
            raise RuntimeError(f"Invalid data, no valid data matching the dataset API MnistDataset. Please check "
                               f"dataset API or file path: {dataset_dir}.")
        self._images = np.concatenate(images)[..., None]
        self._labels = np.concatenate(labels).astype(np.uint32)
        super().__init__(["image", "label"], len(self._labels), shuffle, num_samples, num_shards, shard_id, sampler)

    def _get(self, index: int):
        return self._images[index], self._labels[index]


class FashionMnistDataset(MnistDataset):
    """Fashion-MNIST: the MNIST file layout."""


class KMnistDataset(MnistDataset):
    """KMNIST: the MNIST file layout."""


class Cifar10Dataset(_Source):
    """CIFAR-10 binary batches: columns `image` (32, 32, 3) uint8 and `label` uint32."""

    _parallel_get = True

    _LABELS = ["label"]
    _FILES = {"train": lambda n: n.startswith("data_batch"), "test": lambda n: n.startswith("test_batch")}

    def __init__(self, dataset_dir: str, usage: str | None = None, num_samples: int | None = None,
                 num_parallel_workers: int | None = None, shuffle=None, sampler=None, num_shards=None,
                 shard_id=None, cache=None) -> None:
        check_dir(dataset_dir)
        usage = _check_usage(usage, ("train", "test", "all"))
        names = sorted(n for n in os.listdir(dataset_dir) if n.endswith(".bin")
                       and (usage == "all" or self._FILES[usage](n)))
        names = [n for n in names if any(rule(n) for rule in self._FILES.values())]
        if not names:
            raise RuntimeError(f"Invalid file, no {type(self).__name__[:-7]} binary file found in {dataset_dir} "
                               f"(make sure it is the binary version).")
        width = len(self._LABELS) + 3072
        records = []
        for name in names:
            path = os.path.join(dataset_dir, name)
            data = read_bytes(path)
            if data.size % width:
                raise RuntimeError(f"Invalid {type(self).__name__[:-7].lower()} file, failed to read data from: "
                                   f"{path}: its size {data.size} is not a multiple of {width}.")
            records.append(data.reshape(-1, width))
        table = np.concatenate(records)
        self._labels = [table[:, i].astype(np.uint32) for i in range(len(self._LABELS))]
        self._images = table[:, len(self._LABELS):].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
        super().__init__(["image", *self._LABELS], len(table), shuffle, num_samples, num_shards, shard_id, sampler)

    def _get(self, index: int):
        return (self._images[index], *(labels[index] for labels in self._labels))


class Cifar100Dataset(Cifar10Dataset):
    """CIFAR-100 binary files (train.bin, test.bin): `image`, `coarse_label`, `fine_label`."""

    _LABELS = ["coarse_label", "fine_label"]
    _FILES = {"train": lambda n: n == "train.bin", "test": lambda n: n == "test.bin"}


class ImageFolderDataset(_Source):
    """One sub-folder per class under `dataset_dir`; columns `image` and `label` (int32)."""

    _parallel_get = True

    def __init__(self, dataset_dir: str, num_samples: int | None = None, num_parallel_workers: int | None = None,
                 shuffle=None, sampler=None, extensions=None, class_indexing: dict | None = None,
                 decode: bool = False, num_shards=None, shard_id=None, cache=None, decrypt=None) -> None:
        check_dir(dataset_dir)
        exts = tuple(e.lower() for e in (extensions or IMAGE_EXTENSIONS))
        classes = sorted(d for d in os.listdir(dataset_dir) if os.path.isdir(os.path.join(dataset_dir, d)))
        if class_indexing is not None:
            missing = [c for c in class_indexing if c not in classes]
            if missing:
                raise RuntimeError(f"Invalid class_indexing, class {missing[0]} is not a folder of {dataset_dir}.")
            classes = [c for c in classes if c in class_indexing]
            self._class_indexing = dict(class_indexing)
        else:
            self._class_indexing = {c: i for i, c in enumerate(classes)}
        self._files: list[tuple[str, int]] = []
        for c in classes:
            folder = os.path.join(dataset_dir, c)
            self._files += [(os.path.join(folder, f), self._class_indexing[c]) for f in sorted(os.listdir(folder))
                            if f.lower().endswith(exts) and os.path.isfile(os.path.join(folder, f))]
        self._decode = decode
        super().__init__(["image", "label"], len(self._files), shuffle, num_samples, num_shards, shard_id, sampler)

    def get_class_indexing(self) -> dict:
        return dict(self._class_indexing)

    def _get(self, index: int):
        path, label = self._files[index]
        data = read_bytes(path)
        if self._decode:
            from .vision import Decode

            data = Decode()(data)
        return data, np.int32(label)


class CelebADataset(_Source):
    """CelebA: `list_attr_celeba.txt` (40 attributes, -1 read as 0), `list_eval_partition.txt` (usage
    "train" 0, "valid" 1, "test" 2, or "all") and the images under `img_align_celeba/`. Columns `image`
    (bytes, or decoded RGB with `decode=True`) and `attr` (uint32)."""

    _parallel_get = True

    def __init__(self, dataset_dir: str, num_parallel_workers=None, shuffle=None, usage: str = "all", sampler=None,
                 decode: bool = False, extensions=None, num_samples=None, num_shards=None, shard_id=None,
                 cache=None, decrypt=None) -> None:
        check_dir(dataset_dir)
        usage = _check_usage(usage, ("train", "valid", "test", "all"))
        attr_file = os.path.join(dataset_dir, "list_attr_celeba.txt")
        if not os.path.isfile(attr_file):
            raise RuntimeError(f"Invalid file, failed to open CelebA attribute file: {attr_file}.")
        with open(attr_file) as f:
            lines = f.read().splitlines()[2:]
        partition = {}
        part_file = os.path.join(dataset_dir, "list_eval_partition.txt")
        if usage != "all" and os.path.isfile(part_file):
            with open(part_file) as f:
                partition = dict(line.split() for line in f if line.strip())
        wanted = {"train": "0", "valid": "1", "test": "2"}.get(usage)
        exts = tuple(e.lower() for e in (extensions or IMAGE_EXTENSIONS))
        self._rows_list = []
        for line in lines:
            parts = line.split()
            if not parts or not parts[0].lower().endswith(exts) or (wanted and partition.get(parts[0]) != wanted):
                continue
            attrs = np.array([max(int(a), 0) for a in parts[1:]], np.uint32)
            self._rows_list.append((os.path.join(dataset_dir, "img_align_celeba", parts[0]), attrs))
        self._decode = decode
        super().__init__(["image", "attr"], len(self._rows_list), shuffle, num_samples, num_shards, shard_id,
                         sampler)

    def _get(self, index: int):
        path, attrs = self._rows_list[index]
        data = read_bytes(path)
        if self._decode:
            from .vision import Decode

            data = Decode()(data)
        return data, attrs


class DIV2KDataset(_Source):
    """DIV2K super-resolution pairs: each `DIV2K_<usage>_HR/NNNN.png` (sorted; usage "all" is train then valid)
    with its low-resolution image: `DIV2K_<usage>_LR_<downgrade>/X<scale>/NNNNx<scale>.png` (bicubic, unknown),
    `DIV2K_<usage>_LR_<downgrade>/NNNNx4<m|d|w>.png` (mild, difficult, wild: scale 4) or
    `DIV2K_<usage>_LR_x8/NNNNx8.png` (bicubic, scale 8)."""

    _parallel_get = True

    def __init__(self, dataset_dir: str, usage: str = "train", downgrade: str = "bicubic", scale: int = 2,
                 num_samples=None, num_parallel_workers=None, shuffle=None, decode: bool = False, sampler=None,
                 num_shards=None, shard_id=None, cache=None) -> None:
        check_dir(dataset_dir)
        usage = _check_usage(usage, ("train", "valid", "all"))
        downgrades = ("bicubic", "unknown", "mild", "difficult", "wild")
        if downgrade not in downgrades:
            raise ValueError(f"Input downgrade is not within the valid set of {list(downgrades)}.")
        if scale not in (2, 3, 4, 8):
            raise ValueError("Input scale is not within the valid set of [2, 3, 4, 8].")
        if scale == 8 and downgrade != "bicubic":
            raise ValueError("DIV2KNode: scale equal to 8 is allowed only in bicubic downgrade.")
        if downgrade in ("mild", "difficult", "wild") and scale != 4:
            raise ValueError(f"DIV2KNode: {downgrade} downgrade requires scale equal to 4.")
        self._pairs: list[tuple[str, str]] = []
        for part in (("train", "valid") if usage == "all" else (usage,)):
            hr_dir = os.path.join(dataset_dir, f"DIV2K_{part}_HR")
            if scale == 8:
                lr_dir, suffix = os.path.join(dataset_dir, f"DIV2K_{part}_LR_x8"), "x8"
            elif downgrade in ("bicubic", "unknown"):
                lr_dir, suffix = os.path.join(dataset_dir, f"DIV2K_{part}_LR_{downgrade}", f"X{scale}"), f"x{scale}"
            else:
                lr_dir, suffix = os.path.join(dataset_dir, f"DIV2K_{part}_LR_{downgrade}"), "x4" + downgrade[0]
            for folder, what in ((hr_dir, "hr"), (lr_dir, "lr")):
                if not os.path.isdir(folder):
                    raise RuntimeError(f"Invalid path, div2k {what} image dir: {folder} does not exist.")
            for name in sorted(os.listdir(hr_dir)):
                stem, ext = os.path.splitext(name)
                if ext.lower() != ".png":
                    continue
                lr = os.path.join(lr_dir, f"{stem}{suffix}{ext}")
                if not os.path.isfile(lr):
                    raise RuntimeError(f"Invalid file, div2k lr image: {lr} does not exist.")
                self._pairs.append((os.path.join(hr_dir, name), lr))
        self._decode = decode
        super().__init__(["hr_image", "lr_image"], len(self._pairs), shuffle, num_samples, num_shards, shard_id,
                         sampler)

    def _get(self, index: int):
        images = tuple(read_bytes(path) for path in self._pairs[index])
        if self._decode:
            from .vision import Decode

            images = tuple(Decode()(image) for image in images)
        return images


class Places365Dataset(_Source):
    """Places365: the rows of `places365_train_standard.txt`, `places365_train_challenge.txt` or
    `places365_val.txt` (`path label` per line) with the images under `data_256_standard/`,
    `data_256_challenge/`, `val_256/` (or the `*_large*` folders with `small=False`)."""

    _parallel_get = True
    _LAYOUT = {"train-standard": ("places365_train_standard.txt", "data_{}_standard"),
               "train-challenge": ("places365_train_challenge.txt", "data_{}_challenge"),
               "val": ("places365_val.txt", "val_{}")}

    def __init__(self, dataset_dir: str, usage: str | None = None, small: bool = True, decode: bool = False,
                 num_samples=None, num_parallel_workers=None, shuffle=None, sampler=None, num_shards=None,
                 shard_id=None, cache=None) -> None:
        check_dir(dataset_dir)
        usage = "train-standard" if usage is None else usage
        if usage not in self._LAYOUT:
            raise ValueError(f"Input usage is not within the valid set of {list(self._LAYOUT)}.")
        list_name, folder = self._LAYOUT[usage]
        list_file = os.path.join(dataset_dir, list_name)
        if not os.path.isfile(list_file):
            raise RuntimeError(f"Invalid file, failed to open {list_file}: Places365 file is damaged or permission "
                               f"denied.")
        image_dir = os.path.join(dataset_dir, folder.format("256" if small else "large"))
        self._items: list[tuple[str, np.uint32]] = []
        with open(list_file) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2:
                    self._items.append((os.path.join(image_dir, parts[0].lstrip("/")), np.uint32(int(parts[1]))))
        self._decode = decode
        super().__init__(["image", "label"], len(self._items), shuffle, num_samples, num_shards, shard_id, sampler)

    def _get(self, index: int):
        path, label = self._items[index]
        data = read_bytes(path)
        if self._decode:
            from .vision import Decode

            data = Decode()(data)
        return data, label


class CityscapesDataset(_Source):
    """Cityscapes: `leftImg8bit/<usage>/<city>/<name>_leftImg8bit.png` (cities and files sorted; usage "all" is
    train, test, val for "fine" and train, train_extra, val for "coarse") with
    `gtFine|gtCoarse/<usage>/<city>/<name>_gtFine|gtCoarse_<instanceIds|labelIds|color>.png` or
    `..._polygons.json` (`task` "instance", "semantic", "color", "polygon"). Columns `image` and `task`:
    PNG bytes (both decoded to RGB with `decode=True`), the polygons as compact JSON with sorted keys."""

    _parallel_get = True
    _SUFFIX = {"instance": "instanceIds.png", "semantic": "labelIds.png", "polygon": "polygons.json",
               "color": "color.png"}

    def __init__(self, dataset_dir: str, usage: str = "train", quality_mode: str = "fine", task: str = "instance",
                 num_samples=None, num_parallel_workers=None, shuffle=None, decode: bool = False, sampler=None,
                 num_shards=None, shard_id=None, cache=None) -> None:
        check_dir(dataset_dir)
        if quality_mode not in ("fine", "coarse"):
            raise ValueError("Input quality_mode is not within the valid set of ['fine', 'coarse'].")
        if task not in self._SUFFIX:
            raise ValueError(f"Input task is not within the valid set of {list(self._SUFFIX)}.")
        usages = ("train", "test", "val") if quality_mode == "fine" else ("train", "train_extra", "val")
        usage = _check_usage(usage, (*usages, "all"))
        gt = "gtFine" if quality_mode == "fine" else "gtCoarse"
        self._pairs: list[tuple[str, str]] = []
        for part in (usages if usage == "all" else (usage,)):
            image_root = os.path.join(dataset_dir, "leftImg8bit", part)
            if not os.path.isdir(image_root):
                raise RuntimeError(f"Invalid path, Cityscapes image dir: {image_root} does not exist.")
            for city in sorted(os.listdir(image_root)):
                folder = os.path.join(image_root, city)
                for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
                    if not name.endswith("_leftImg8bit.png"):
                        continue
                    stem = name[:-len("_leftImg8bit.png")]
                    target = os.path.join(dataset_dir, gt, part, city, f"{stem}_{gt}_{self._SUFFIX[task]}")
                    if not os.path.isfile(target):
                        raise RuntimeError(f"Invalid file, Cityscapes annotation: {target} does not exist.")
                    self._pairs.append((os.path.join(folder, name), target))
        self._decode, self._polygon = decode, task == "polygon"
        super().__init__(["image", "task"], len(self._pairs), shuffle, num_samples, num_shards, shard_id, sampler)

    def _get(self, index: int):
        image_path, target_path = self._pairs[index]
        image = read_bytes(image_path)
        if self._polygon:
            with open(target_path, encoding="utf-8") as f:
                target = np.array(json.dumps(json.load(f), separators=(",", ":"), sort_keys=True, ensure_ascii=False))
        else:
            target = read_bytes(target_path)
        if self._decode:
            from .vision import Decode

            image = Decode()(image)
            if not self._polygon:
                target = Decode()(target)
        return image, target
