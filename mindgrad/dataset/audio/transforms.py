"""`mindspore.dataset.audio.transforms`: spectrograms, mel scales, masking and simple waveform ops on NumPy
arrays (time on the last axis; complex values as a trailing axis of 2), float32 out, as MindSpore computes
them (torchaudio's definitions)."""

from __future__ import annotations

import numpy as np

from .. import config
from .utils import BorderType, MelType, NormType, ScaleType, WindowType, melscale_fbanks

__all__ = ["AudioTensorOperation", "Spectrogram", "MelScale", "MelSpectrogram", "AmplitudeToDB", "TimeMasking",
           "FrequencyMasking", "ComplexNorm", "Angle", "Magphase", "DCShift", "ComputeDeltas"]

_PAD = {BorderType.CONSTANT: "constant", BorderType.EDGE: "edge", BorderType.REFLECT: "reflect",
        BorderType.SYMMETRIC: "symmetric"}


class AudioTensorOperation:
    """Base of the audio transforms."""


def _window(kind: WindowType, length: int) -> np.ndarray:
    n = np.arange(length, dtype=np.float64)
    if kind == WindowType.HANN:
        return 0.5 - 0.5 * np.cos(2 * np.pi * n / length)
    if kind == WindowType.HAMMING:
        return 0.54 - 0.46 * np.cos(2 * np.pi * n / length)
    if kind == WindowType.BLACKMAN:
        return 0.42 - 0.5 * np.cos(2 * np.pi * n / length) + 0.08 * np.cos(4 * np.pi * n / length)
    if kind == WindowType.BARTLETT:
        return 1 - np.abs(2 * n / length - 1)
    return np.kaiser(length + 1, 12.0)[:-1]


class Spectrogram(AudioTensorOperation):
    """|STFT|**power of a waveform (..., time) -> (..., n_fft // 2 + 1, frames)."""

    def __init__(self, n_fft: int = 400, win_length: int | None = None, hop_length: int | None = None, pad: int = 0,
                 window: WindowType = WindowType.HANN, power: float = 2.0, normalized: bool = False,
                 center: bool = True, pad_mode: BorderType = BorderType.REFLECT, onesided: bool = True) -> None:
        self.n_fft, self.win_length = n_fft, win_length or n_fft
        self.hop_length = hop_length or self.win_length // 2
        self.pad, self.window, self.power, self.normalized = pad, WindowType(window), power, normalized
        self.center, self.pad_mode, self.onesided = center, BorderType(pad_mode), onesided

    def __call__(self, waveform) -> np.ndarray:
        x = np.asarray(waveform, np.float64)
        if self.pad:
            x = np.pad(x, [(0, 0)] * (x.ndim - 1) + [(self.pad, self.pad)])
        if self.center:
            x = np.pad(x, [(0, 0)] * (x.ndim - 1) + [(self.n_fft // 2, self.n_fft // 2)], mode=_PAD[self.pad_mode])
        win = np.zeros(self.n_fft)
        left = (self.n_fft - self.win_length) // 2
        win[left:left + self.win_length] = _window(self.window, self.win_length)
        frames = 1 + (x.shape[-1] - self.n_fft) // self.hop_length
        idx = np.arange(self.n_fft)[None, :] + self.hop_length * np.arange(frames)[:, None]
        spec = np.fft.rfft(x[..., idx] * win, axis=-1) if self.onesided else np.fft.fft(x[..., idx] * win, axis=-1)
        if self.normalized:
            spec = spec / np.sqrt((win ** 2).sum())
        spec = np.swapaxes(spec, -1, -2)
        if self.power is None:
            return np.stack([spec.real, spec.imag], -1).astype(np.float32)
        return (np.abs(spec) ** self.power).astype(np.float32)


class MelScale(AudioTensorOperation):
    """A spectrogram (..., n_stft, time) on the mel scale (..., n_mels, time)."""

    def __init__(self, n_mels: int = 128, sample_rate: int = 16000, f_min: float = 0.0, f_max: float | None = None,
                 n_stft: int = 201, norm: NormType = NormType.NONE, mel_type: MelType = MelType.HTK) -> None:
        f_max = float(sample_rate // 2) if f_max is None else f_max
        self.fb = melscale_fbanks(n_stft, f_min, f_max, n_mels, sample_rate, norm, mel_type)

    def __call__(self, spec) -> np.ndarray:
        spec = np.asarray(spec, np.float32)
        return np.swapaxes(np.swapaxes(spec, -1, -2) @ self.fb, -1, -2).astype(np.float32)


class MelSpectrogram(AudioTensorOperation):
    """`Spectrogram` then `MelScale`."""

    def __init__(self, sample_rate: int = 16000, n_fft: int = 400, win_length=None, hop_length=None,
                 f_min: float = 0.0, f_max=None, pad: int = 0, n_mels: int = 128, window=WindowType.HANN,
                 power: float = 2.0, normalized: bool = False, center: bool = True, pad_mode=BorderType.REFLECT,
                 onesided: bool = True, norm=NormType.NONE, mel_scale=MelType.HTK) -> None:
        self.spectrogram = Spectrogram(n_fft, win_length, hop_length, pad, window, power, normalized, center,
                                       pad_mode, onesided)
        self.mel = MelScale(n_mels, sample_rate, f_min, f_max, n_fft // 2 + 1, norm, mel_scale)

    def __call__(self, waveform) -> np.ndarray:
        return self.mel(self.spectrogram(waveform))


class AmplitudeToDB(AudioTensorOperation):
    def __init__(self, stype: ScaleType = ScaleType.POWER, ref_value: float = 1.0, amin: float = 1e-10,
                 top_db: float = 80.0) -> None:
        self.multiplier = 10.0 if ScaleType(stype) == ScaleType.POWER else 20.0
        self.ref_value, self.amin, self.top_db = ref_value, amin, top_db

    def __call__(self, data) -> np.ndarray:
        x = np.asarray(data, np.float64)
        db = self.multiplier * np.log10(np.maximum(x, self.amin))
        db -= self.multiplier * np.log10(max(self.amin, self.ref_value))
        if self.top_db is not None:
            db = np.maximum(db, db.max() - self.top_db)
        return db.astype(np.float32)


class _Masking(AudioTensorOperation):
    _axis = -1

    def __init__(self, iid_masks: bool = False, mask_param: int = 0, mask_start: int = 0,
                 mask_value: float = 0.0) -> None:
        self.iid_masks, self.mask_param, self.mask_start, self.mask_value = iid_masks, mask_param, mask_start, \
            mask_value

    def __call__(self, spec) -> np.ndarray:
        out = np.array(spec, np.float32)
        size = out.shape[self._axis]
        rng = config.random_generator()
        width = int(rng.integers(0, self.mask_param + 1))
        start = int(rng.integers(0, max(size - width, 0) + 1)) if self.iid_masks else self.mask_start
        index = [slice(None)] * out.ndim
        index[self._axis] = slice(start, start + width)
        out[tuple(index)] = self.mask_value
        return out


class TimeMasking(_Masking):
    """Mask a random run of up to `time_mask_param` frames (last axis)."""

    def __init__(self, iid_masks: bool = False, time_mask_param: int = 0, mask_start: int = 0,
                 mask_value: float = 0.0) -> None:
        super().__init__(iid_masks, time_mask_param, mask_start, mask_value)


class FrequencyMasking(_Masking):
    """Mask a random run of up to `freq_mask_param` frequency bins (second-to-last axis)."""

    _axis = -2

    def __init__(self, iid_masks: bool = False, freq_mask_param: int = 0, mask_start: int = 0,
                 mask_value: float = 0.0) -> None:
        super().__init__(iid_masks, freq_mask_param, mask_start, mask_value)


class ComplexNorm(AudioTensorOperation):
    def __init__(self, power: float = 1.0) -> None:
        self.power = power

    def __call__(self, data) -> np.ndarray:
        x = np.asarray(data, np.float64)
        return (np.hypot(x[..., 0], x[..., 1]) ** self.power).astype(np.float32)


class Angle(AudioTensorOperation):
    def __call__(self, data) -> np.ndarray:
        x = np.asarray(data, np.float64)
        return np.arctan2(x[..., 1], x[..., 0]).astype(np.float32)


class Magphase(AudioTensorOperation):
    def __init__(self, power: float = 1.0) -> None:
        self.power = power

    def __call__(self, data):
        return ComplexNorm(self.power)(data), Angle()(data)


class DCShift(AudioTensorOperation):
    def __init__(self, shift: float, limiter_gain: float | None = None) -> None:
        self.shift, self.limiter_gain = shift, limiter_gain

    def __call__(self, waveform) -> np.ndarray:
        x = np.asarray(waveform, np.float64)
        if self.limiter_gain is None or self.shift == 0:
            return np.clip(x + self.shift, -1, 1).astype(np.float32)
        sign = 1.0 if self.shift > 0 else -1.0
        threshold = 1.0 - (abs(self.shift) - self.limiter_gain)
        over = sign * x > threshold
        limited = sign * np.minimum((sign * x - threshold) * self.limiter_gain / (1 - threshold) + threshold
                                    + abs(self.shift), threshold)
        return np.where(over, limited, np.clip(x + self.shift, -1, 1)).astype(np.float32)


class ComputeDeltas(AudioTensorOperation):
    """Delta coefficients along time: sum_n n (x[t+n] - x[t-n]) / (2 sum_n n^2)."""

    def __init__(self, win_length: int = 5, pad_mode: BorderType = BorderType.EDGE) -> None:
        self.win_length, self.pad_mode = win_length, BorderType(pad_mode)

    def __call__(self, spec) -> np.ndarray:
        x = np.asarray(spec, np.float64)
        n = (self.win_length - 1) // 2
        padded = np.pad(x, [(0, 0)] * (x.ndim - 1) + [(n, n)], mode=_PAD[self.pad_mode])
        t = x.shape[-1]
        num = sum(k * (padded[..., n + k:n + k + t] - padded[..., n - k:n - k + t]) for k in range(1, n + 1))
        return (num / (2 * sum(k * k for k in range(1, n + 1)))).astype(np.float32)
