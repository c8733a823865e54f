"""`mindspore.dataset.text.transforms`: tokenizers, `Lookup` and the string transforms, on NumPy string arrays.

`BertTokenizer` is MindSpore's basic tokenizer (whitespace, punctuation and CJK splitting; `lower_case`
also strips accents) followed by greedy longest-match WordPiece.
"""

from __future__ import annotations

import re
import unicodedata
from enum import IntEnum

import numpy as np

from ...common import dtype as mstype
from .utils import NormalizeForm, Vocab

__all__ = ["TextTensorOperation", "Implementation", "Lookup", "UnicodeCharTokenizer", "WhitespaceTokenizer",
           "RegexTokenizer", "RegexReplace", "BasicTokenizer", "WordpieceTokenizer", "BertTokenizer", "CaseFold",
           "NormalizeUTF8", "Truncate", "TruncateSequencePair", "AddToken", "ToNumber", "SlidingWindow", "Ngram",
           "PythonTokenizer", "DE_C_INTER_NORMALIZE_FORM"]

DE_C_INTER_NORMALIZE_FORM = {form: form for form in NormalizeForm}


class Implementation(IntEnum):
    C = 0
    PY = 1


class TextTensorOperation:
    """Base of the text transforms."""


def _strings(data) -> np.ndarray:
    data = np.asarray(data)
    if data.dtype.kind == "S":
        data = np.char.decode(data, "utf8")
    if data.dtype.kind != "U":
        raise RuntimeError(f"{type(data)}: the input should be a string tensor, but got dtype {data.dtype}.")
    return data


def _tokens(words: list[str]) -> np.ndarray:
    return np.array(words, dtype=str) if words else np.array([], dtype="<U1")


class Lookup(TextTensorOperation):
    """Words to their ids in `vocab` (`unknown_token`'s id for others; a RuntimeError without one)."""

    def __init__(self, vocab: Vocab, unknown_token: str | None = None, data_type=mstype.int32) -> None:
        self.vocab, self.unknown_token = vocab, unknown_token
        self.np_dtype = mstype.to_numpy(data_type)
        ids = vocab.vocab()
        if unknown_token is not None and unknown_token not in ids:
            raise ValueError(f"{unknown_token} is not in the vocab.")
        self._unknown = ids.get(unknown_token) if unknown_token is not None else None

    def __call__(self, data) -> np.ndarray:
        data = _strings(data)
        ids = self.vocab.vocab()
        out = []
        for w in data.reshape(-1).tolist():
            if w not in ids and self._unknown is None:
                raise RuntimeError(f"Lookup: {w} doesn't exist in vocab and no unknown_token is specified.")
            out.append(ids.get(w, self._unknown))
        return np.array(out, self.np_dtype).reshape(data.shape)


class UnicodeCharTokenizer(TextTensorOperation):
    def __init__(self, with_offsets: bool = False) -> None:
        self.with_offsets = with_offsets

    def __call__(self, text) -> np.ndarray:
        return _tokens(list(str(_strings(text))))


class WhitespaceTokenizer(TextTensorOperation):
    def __init__(self, with_offsets: bool = False) -> None:
        self.with_offsets = with_offsets

    def __call__(self, text) -> np.ndarray:
        return _tokens(str(_strings(text)).split())


class RegexTokenizer(TextTensorOperation):
    def __init__(self, delim_pattern: str, keep_delim_pattern: str = "", with_offsets: bool = False) -> None:
        self.delim = re.compile(delim_pattern)
        self.keep = re.compile(keep_delim_pattern) if keep_delim_pattern else None

    def __call__(self, text) -> np.ndarray:
        text, out, pos = str(_strings(text)), [], 0
        for m in self.delim.finditer(text):
            if m.start() > pos:
                out.append(text[pos:m.start()])
            if self.keep is not None and self.keep.fullmatch(m.group()):
                out.append(m.group())
            pos = m.end()
        if pos < len(text):
            out.append(text[pos:])
        return _tokens(out)


class RegexReplace(TextTensorOperation):
    def __init__(self, pattern: str, replace: str, replace_all: bool = True) -> None:
        self.pattern, self.replace, self.count = re.compile(pattern), replace, 0 if replace_all else 1

    def __call__(self, text) -> np.ndarray:
        data = _strings(text)
        return np.vectorize(lambda s: self.pattern.sub(self.replace, s, count=self.count), otypes=[str])(data)


class CaseFold(TextTensorOperation):
    def __call__(self, text) -> np.ndarray:
        return np.vectorize(str.casefold, otypes=[str])(_strings(text))


class NormalizeUTF8(TextTensorOperation):
    def __init__(self, normalize_form: NormalizeForm = NormalizeForm.NFKC) -> None:
        self.form = NormalizeForm(normalize_form)

    def __call__(self, text) -> np.ndarray:
        if self.form == NormalizeForm.NONE:
            return _strings(text)
        return np.vectorize(lambda s: unicodedata.normalize(self.form.name, s), otypes=[str])(_strings(text))


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF),
                                              (0x2A700, 0x2B73F), (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF),
                                              (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)))


class BasicTokenizer(TextTensorOperation):
    """Split on whitespace, punctuation and CJK characters; `lower_case` lowercases and strips accents."""

    def __init__(self, lower_case: bool = False, keep_whitespace: bool = False,
                 normalization_form: NormalizeForm = NormalizeForm.NONE, preserve_unused_token: bool = True,
                 with_offsets: bool = False) -> None:
        self.lower_case, self.keep_whitespace = lower_case, keep_whitespace
        self.form = NormalizeForm(normalization_form)

    def split(self, text: str) -> list[str]:
        if self.lower_case:
            text = "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if unicodedata.category(c) != "Mn")
        elif self.form != NormalizeForm.NONE:
            text = unicodedata.normalize(self.form.name, text)
        out, word = [], ""
        for ch in text:
            if ch.isspace() or _is_punctuation(ch) or _is_cjk(ch):
                if word:
                    out.append(word)
                word = ""
                if not ch.isspace() or self.keep_whitespace:
                    out.append(ch)
            elif unicodedata.category(ch) not in ("Cc", "Cf") or ch in "\t\n\r":
                word += ch
        if word:
            out.append(word)
        return out

    def __call__(self, text) -> np.ndarray:
        return _tokens(self.split(str(_strings(text))))


class WordpieceTokenizer(TextTensorOperation):
    """Greedy longest-match-first sub-words of each token (`unknown_token` when none matches)."""

    def __init__(self, vocab: Vocab, suffix_indicator: str = "##", max_bytes_per_token: int = 100,
                 unknown_token: str = "[UNK]", with_offsets: bool = False) -> None:
        self.vocab, self.suffix = vocab.vocab(), suffix_indicator
        self.max_bytes, self.unknown = max_bytes_per_token, unknown_token

    def pieces(self, word: str) -> list[str]:
        if len(word.encode()) > self.max_bytes:
            return [self.unknown or word]
        out, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = (self.suffix if start else "") + word[start:end]
                if piece in self.vocab:
                    break
                end -= 1
            if end == start:
                return [self.unknown if self.unknown else word]
            out.append(piece)
            start = end
        return out

    def __call__(self, tokens) -> np.ndarray:
        return _tokens([p for w in _strings(tokens).reshape(-1).tolist() for p in self.pieces(w)])


class BertTokenizer(TextTensorOperation):
    """`BasicTokenizer`, then `WordpieceTokenizer`."""

    def __init__(self, vocab: Vocab, suffix_indicator: str = "##", max_bytes_per_token: int = 100,
                 unknown_token: str = "[UNK]", lower_case: bool = False, keep_whitespace: bool = False,
                 normalization_form: NormalizeForm = NormalizeForm.NONE, preserve_unused_token: bool = True,
                 with_offsets: bool = False) -> None:
        self.basic = BasicTokenizer(lower_case, keep_whitespace, normalization_form, preserve_unused_token)
        self.wordpiece = WordpieceTokenizer(vocab, suffix_indicator, max_bytes_per_token, unknown_token)

    def __call__(self, text) -> np.ndarray:
        return _tokens([p for w in self.basic.split(str(_strings(text))) for p in self.wordpiece.pieces(w)])


class Truncate(TextTensorOperation):
    def __init__(self, max_seq_len: int) -> None:
        self.max_seq_len = max_seq_len

    def __call__(self, data) -> np.ndarray:
        return np.asarray(data)[..., :self.max_seq_len]


class TruncateSequencePair(TextTensorOperation):
    """Cut the longer of two sequences first until their total length is at most `max_length`."""

    def __init__(self, max_length: int) -> None:
        self.max_length = max_length

    def __call__(self, first, second):
        a, b = np.asarray(first), np.asarray(second)
        la, lb = len(a), len(b)
        while la + lb > self.max_length:
            if la > lb:
                la -= 1
            else:
                lb -= 1
        return a[:la], b[:lb]


class AddToken(TextTensorOperation):
    def __init__(self, token: str, begin: bool = True) -> None:
        self.token, self.begin = token, begin

    def __call__(self, data) -> np.ndarray:
        data = _strings(data).tolist()
        return _tokens([self.token, *data] if self.begin else [*data, self.token])


class ToNumber(TextTensorOperation):
    def __init__(self, data_type) -> None:
        if not isinstance(data_type, mstype.Type):
            raise TypeError(f"Argument data_type with value {data_type} is not of type [<class "
                            f"'mindspore._c_expression.typing.Type'>], but got {type(data_type)}.")
        self.np_dtype = mstype.to_numpy(data_type)

    def __call__(self, data) -> np.ndarray:
        data = _strings(data)
        kind = float if np.dtype(self.np_dtype).kind == "f" else int
        return np.vectorize(kind, otypes=[self.np_dtype])(data) if data.size else data.astype(self.np_dtype)


class SlidingWindow(TextTensorOperation):
    def __init__(self, width: int, axis: int = 0) -> None:
        self.width, self.axis = width, axis

    def __call__(self, data) -> np.ndarray:
        data = np.asarray(data)
        n = data.shape[self.axis] - self.width + 1
        return np.stack([np.take(data, range(i, i + self.width), axis=self.axis) for i in range(max(n, 0))])


class Ngram(TextTensorOperation):
    def __init__(self, n, left_pad=("", 0), right_pad=("", 0), separator: str = " ") -> None:
        self.n = [n] if isinstance(n, int) else list(n)
        self.left, self.right, self.separator = left_pad, right_pad, separator

    def __call__(self, data) -> np.ndarray:
        words = _strings(data).tolist()
        out = []
        for n in self.n:
            padded = [self.left[0]] * min(self.left[1], n - 1) + words + [self.right[0]] * min(self.right[1], n - 1)
            out += [self.separator.join(padded[i:i + n]) for i in range(len(padded) - n + 1)]
        return _tokens(out)


class PythonTokenizer(TextTensorOperation):
    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text) -> np.ndarray:
        return _tokens(list(self.tokenizer(str(_strings(text)))))
