"""`mindspore.dataset.text.utils`: `Vocab`, the enums of the text transforms, `to_str` / `to_bytes`."""

from __future__ import annotations

from enum import IntEnum

import numpy as np

__all__ = ["Vocab", "NormalizeForm", "JiebaMode", "SPieceTokenizerLoadType", "SPieceTokenizerOutType", "to_str",
           "to_bytes"]


class NormalizeForm(IntEnum):
    NONE = 0
    NFC = 1
    NFKC = 2
    NFD = 3
    NFKD = 4


class JiebaMode(IntEnum):
    MIX = 0
    MP = 1
    HMM = 2


class SPieceTokenizerLoadType(IntEnum):
    FILE = 0
    MODEL = 1


class SPieceTokenizerOutType(IntEnum):
    STRING = 0
    INT = 1


class Vocab:
    """Words and their ids, as MindSpore builds them (`from_list`, `from_file`, `from_dict`, `from_dataset`)."""

    def __init__(self, word_dict: dict[str, int] | None = None) -> None:
        self._ids = dict(word_dict or {})

    @classmethod
    def _build(cls, words, special_tokens, special_first: bool) -> Vocab:
        special = list(special_tokens or [])
        words = [w for w in words if w not in special]
        if len(set(words)) != len(words):
            raise ValueError("word_list contains duplicate word.")
        ordered = special + words if special_first else words + special
        return cls({w: i for i, w in enumerate(ordered)})

    @classmethod
    def from_list(cls, word_list: list[str], special_tokens: list[str] | None = None,
                  special_first: bool = True) -> Vocab:
        """Ids in list order, `special_tokens` first (or last)."""
        return cls._build(list(word_list), special_tokens, special_first)

    @classmethod
    def from_file(cls, file_path: str, delimiter: str = "", vocab_size: int | None = None,
                  special_tokens: list[str] | None = None, special_first: bool = True) -> Vocab:
        """One word per line (the text before `delimiter`), the first `vocab_size` lines."""
        with open(file_path, encoding="utf-8") as f:
            lines = [line.rstrip("\r\n") for line in f]
        words = [line.split(delimiter)[0] if delimiter else line for line in lines if line]
        return cls._build(words[:vocab_size] if vocab_size else words, special_tokens, special_first)

    @classmethod
    def from_dict(cls, word_dict: dict[str, int]) -> Vocab:
        return cls(word_dict)

    @classmethod
    def from_dataset(cls, dataset, columns=None, freq_range=None, top_k=None, special_tokens=None,
                     special_first: bool = True) -> Vocab:
        """Words of a dataset's string columns by decreasing frequency (ties in first-seen order)."""
        names = dataset.get_col_names()
        columns = [columns] if isinstance(columns, str) else (columns or names)
        counts: dict[str, int] = {}
        for row in dataset.create_tuple_iterator(output_numpy=True, num_epochs=1):
            for c in columns:
                for w in np.asarray(row[names.index(c)]).reshape(-1).tolist():
                    w = w.decode() if isinstance(w, bytes) else str(w)
                    counts[w] = counts.get(w, 0) + 1
        low, high = freq_range or (0, None)
        words = [w for w, n in counts.items() if n >= (low or 0) and (high is None or n <= high)]
        words.sort(key=lambda w: -counts[w])
        return cls._build(words[:top_k] if top_k else words, special_tokens, special_first)

    def vocab(self) -> dict[str, int]:
        return dict(self._ids)

    def tokens_to_ids(self, tokens):
        if isinstance(tokens, str):
            return self._ids.get(tokens, -1)
        return [self._ids.get(t, -1) for t in tokens]

    def ids_to_tokens(self, ids):
        words = {i: w for w, i in self._ids.items()}
        if isinstance(ids, (int, np.integer)):
            return words.get(int(ids), "")
        return [words.get(int(i), "") for i in ids]


def to_str(array, encoding: str = "utf8") -> np.ndarray:
    """A bytes array decoded to str."""
    return np.char.decode(np.asarray(array, dtype=np.bytes_), encoding)


def to_bytes(array, encoding: str = "utf8") -> np.ndarray:
    """A str array encoded to bytes."""
    return np.char.encode(np.asarray(array, dtype=np.str_), encoding)
