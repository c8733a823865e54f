"""`mindspore.dataset.audio.transforms`: spectrograms, mel scales, masking and simple waveform ops on NumPy
arrays (time on the last axis; complex values as a trailing axis of 2), float32 out, as MindSpore computes
them (torchaudio's definitions). `Resample` (windowed-sinc interpolation), the biquad filters (a second-order
IIR filter run by `lfilter` and clamped to [-1, 1]), `Contrast`, `SlidingWindowCmn` and `SpectralCentroid`
keep a float input's dtype (float64 stays float64); other inputs give float32."""

from __future__ import annotations

import math

import numpy as np

from .. import config
from .utils import BorderType, MelType, NormType, ResampleMethod, ScaleType, WindowType, melscale_fbanks

__all__ = ["AudioTensorOperation", "Spectrogram", "MelScale", "MelSpectrogram", "AmplitudeToDB", "TimeMasking",
           "FrequencyMasking", "ComplexNorm", "Angle", "Magphase", "DCShift", "ComputeDeltas", "Resample", "BassBiquad",
           "TrebleBiquad", "HighpassBiquad", "RiaaBiquad", "Contrast", "SlidingWindowCmn", "SpectralCentroid"]

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


def _float(waveform) -> np.ndarray:
    x = np.asarray(waveform)
    return x if x.dtype in (np.float32, np.float64) else x.astype(np.float32)


class Resample(AudioTensorOperation):
    """Resample from `orig_freq` to `new_freq` with a band-limited (windowed sinc) interpolation kernel of
    `lowpass_filter_width` zero crossings, cut off at `rolloff` of the lower Nyquist frequency; the window
    is Hann (SINC_INTERPOLATION) or Kaiser with `beta` (KAISER_WINDOW, default 14.769656459379492)."""

    def __init__(self, orig_freq: float = 16000, new_freq: float = 16000,
                 resample_method: ResampleMethod = ResampleMethod.SINC_INTERPOLATION, lowpass_filter_width: int = 6,
                 rolloff: float = 0.99, beta: float | None = None) -> None:
        self.orig_freq, self.new_freq = orig_freq, new_freq
        self.resample_method = ResampleMethod(resample_method)
        self.lowpass_filter_width, self.rolloff = lowpass_filter_width, rolloff
        self.beta = 14.769656459379492 if beta is None else beta

    def _kernel(self, orig: int, new: int) -> tuple[np.ndarray, int]:
        base = min(orig, new) * self.rolloff
        width = math.ceil(self.lowpass_filter_width * orig / base)
        taps = np.arange(-width, width + orig, dtype=np.float64) / orig
        t = (-np.arange(new, dtype=np.float64)[:, None] / new + taps[None, :]) * base
        t = np.clip(t, -self.lowpass_filter_width, self.lowpass_filter_width)
        if self.resample_method == ResampleMethod.KAISER_WINDOW:
            window = np.i0(self.beta * np.sqrt(1 - (t / self.lowpass_filter_width) ** 2)) / np.i0(self.beta)
        else:
            window = np.cos(t * math.pi / self.lowpass_filter_width / 2) ** 2
        t = t * math.pi
        safe = np.where(t == 0, 1.0, t)
        sinc = np.where(t == 0, 1.0, np.sin(safe) / safe)
        return sinc * window * (base / orig), width

    def __call__(self, waveform) -> np.ndarray:
        x = _float(waveform)
        if self.orig_freq == self.new_freq:
            return x
        g = math.gcd(int(self.orig_freq), int(self.new_freq))
        orig, new = int(self.orig_freq) // g, int(self.new_freq) // g
        kernel, width = self._kernel(orig, new)
        shape, length = x.shape[:-1], x.shape[-1]
        flat = x.reshape(-1, length).astype(np.float64)
        padded = np.pad(flat, ((0, 0), (width, width + orig)))
        frames = (padded.shape[1] - kernel.shape[1]) // orig + 1
        idx = np.arange(kernel.shape[1])[None, :] + orig * np.arange(frames)[:, None]
        out = np.einsum("bfk,nk->bfn", padded[:, idx], kernel).reshape(flat.shape[0], -1)
        target = math.ceil(new * length / orig)
        return out[:, :target].reshape(*shape, -1).astype(x.dtype)


def _lfilter(x: np.ndarray, b: np.ndarray, a: np.ndarray) -> np.ndarray:
    """Direct-form IIR filter y[n] = (sum b[k] x[n-k] - sum_{k>0} a[k] y[n-k]) / a[0] along the last axis,
    clamped to [-1, 1] (MindSpore's `lfilter` with `clamp=True`)."""
    b, a = b / a[0], a / a[0]
    flat = x.reshape(-1, x.shape[-1]).astype(np.float64)
    y = np.zeros_like(flat)
    order = len(a)
    for n in range(flat.shape[1]):
        acc = np.zeros(flat.shape[0])
        for k in range(order):
            if n - k < 0:
                break
            acc += b[k] * flat[:, n - k]
            if k:
                acc -= a[k] * y[:, n - k]
        y[:, n] = acc
    return np.clip(y, -1, 1).reshape(x.shape)


def _check_biquad(sample_rate: int, q: float) -> None:
    if sample_rate == 0:
        raise ValueError("Input sample_rate can not be 0.")
    if not 0 < q <= 1:
        raise ValueError("Input Q is not within the required interval of (0, 1].")


class _Biquad(AudioTensorOperation):
    def _coefficients(self) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def __call__(self, waveform) -> np.ndarray:
        x = _float(waveform)
        b, a = self._coefficients()
        return _lfilter(x, b, a).astype(x.dtype)


def _shelf(sample_rate: int, gain: float, central_freq: float, q: float, sign: int):
    """Bass (sign -1) or treble (sign +1) shelving filter coefficients."""
    w0 = 2 * math.pi * central_freq / sample_rate
    alpha = math.sin(w0) / 2 / q
    amp = math.exp(gain / 40 * math.log(10))
    c, s = math.cos(w0), 2 * math.sqrt(amp) * alpha
    b = [amp * ((amp + 1) + sign * (amp - 1) * c + s), -2 * sign * amp * ((amp - 1) + sign * (amp + 1) * c),
         amp * ((amp + 1) + sign * (amp - 1) * c - s)]
    a = [(amp + 1) - sign * (amp - 1) * c + s, 2 * sign * ((amp - 1) - sign * (amp + 1) * c),
         (amp + 1) - sign * (amp - 1) * c - s]
    return np.array(b), np.array(a)


class BassBiquad(_Biquad):
    """Boost or cut the bass (below `central_freq`) by `gain` dB: a two-pole low-shelf filter."""

    def __init__(self, sample_rate: int, gain: float, central_freq: float = 100.0, Q: float = 0.707) -> None:  # noqa: N803
        _check_biquad(sample_rate, Q)
        self.sample_rate, self.gain, self.central_freq, self.Q = sample_rate, gain, central_freq, Q

    def _coefficients(self):
        return _shelf(self.sample_rate, self.gain, self.central_freq, self.Q, -1)


class TrebleBiquad(_Biquad):
    """Boost or cut the treble (above `central_freq`) by `gain` dB: a two-pole high-shelf filter."""

    def __init__(self, sample_rate: int, gain: float, central_freq: float = 3000, Q: float = 0.707) -> None:  # noqa: N803
        _check_biquad(sample_rate, Q)
        self.sample_rate, self.gain, self.central_freq, self.Q = sample_rate, gain, central_freq, Q

    def _coefficients(self):
        return _shelf(self.sample_rate, self.gain, self.central_freq, self.Q, 1)


class HighpassBiquad(_Biquad):
    """A two-pole high-pass filter at `cutoff_freq` with quality factor `Q`."""

    def __init__(self, sample_rate: int, cutoff_freq: float, Q: float = 0.707) -> None:  # noqa: N803
        _check_biquad(sample_rate, Q)
        self.sample_rate, self.cutoff_freq, self.Q = sample_rate, cutoff_freq, Q

    def _coefficients(self):
        w0 = 2 * math.pi * self.cutoff_freq / self.sample_rate
        alpha, c = math.sin(w0) / 2 / self.Q, math.cos(w0)
        return np.array([(1 + c) / 2, -1 - c, (1 + c) / 2]), np.array([1 + alpha, -2 * c, 1 - alpha])


class RiaaBiquad(_Biquad):
    """The RIAA vinyl playback equalisation at `sample_rate` (44100, 48000, 88200 or 96000)."""

    _ZEROS_POLES = {44100: ([-0.2014898, 0.9233820], [0.7083149, 0.9924091]),
                    48000: ([-0.1766069, 0.9321590], [0.7396325, 0.9931330]),
                    88200: ([-0.1168735, 0.9648312], [0.8590646, 0.9964002]),
                    96000: ([-0.1141486, 0.9676817], [0.8699137, 0.9966946])}

    def __init__(self, sample_rate: int) -> None:
        if sample_rate not in self._ZEROS_POLES:
            raise ValueError(f"sample_rate should be one of [44100, 48000, 88200, 96000], but got {sample_rate}.")
        self.sample_rate = sample_rate

    def _coefficients(self):
        zeros, poles = self._ZEROS_POLES[self.sample_rate]
        b = np.array([1.0, -(zeros[0] + zeros[1]), zeros[0] * zeros[1]])
        a = np.array([1.0, -(poles[0] + poles[1]), poles[0] * poles[1]])
        # normalise to unity gain at 1 kHz
        z = np.exp(1j * 2 * math.pi * 1000 / self.sample_rate)
        gain = abs((a[0] + a[1] / z + a[2] / z ** 2) / (b[0] + b[1] / z + b[2] / z ** 2))
        return b * gain, a


class Contrast(AudioTensorOperation):
    """sox's contrast effect: y = sin(x*pi/2 + e * sin(x*2*pi)) with e = `enhancement_amount` / 750."""

    def __init__(self, enhancement_amount: float = 75.0) -> None:
        if not 0 <= enhancement_amount <= 100:
            raise ValueError("Input enhancement_amount is not within the required interval of [0, 100].")
        self.enhancement_amount = enhancement_amount

    def __call__(self, waveform) -> np.ndarray:
        x = _float(waveform)
        z = x.astype(np.float64) * (math.pi / 2)
        return np.sin(z + self.enhancement_amount / 750 * np.sin(4 * z)).astype(x.dtype)


class SlidingWindowCmn(AudioTensorOperation):
    """Cepstral mean (and with `norm_vars` variance) normalisation of a (..., time, feature) array over a
    sliding window of `cmn_window` frames (at least `min_cmn_window` at the start; centred with `center`)."""

    def __init__(self, cmn_window: int = 600, min_cmn_window: int = 100, center: bool = False,
                 norm_vars: bool = False) -> None:
        self.cmn_window, self.min_cmn_window, self.center, self.norm_vars = cmn_window, min_cmn_window, center, \
            norm_vars

    def _window(self, t: int, frames: int) -> tuple[int, int]:
        """The frames [start, end) frame `t` is normalised over (Kaldi's rule)."""
        start = t - (self.cmn_window // 2 if self.center else self.cmn_window)
        end = start + self.cmn_window if self.center else t + 1
        if start < 0:
            end -= start
            start = 0
        if not self.center and end > t:
            end = max(t + 1, self.min_cmn_window)
        if end > frames:
            start = max(start - (end - frames), 0)
            end = frames
        return start, end

    def __call__(self, specgram) -> np.ndarray:
        x = _float(specgram)
        data = x.astype(np.float64)
        frames = data.shape[-2]
        out = np.empty_like(data)
        for t in range(frames):
            start, end = self._window(t, frames)
            window = data[..., start:end, :]
            centred = data[..., t, :] - window.mean(axis=-2)
            if self.norm_vars:
                var = (window ** 2).mean(axis=-2) - window.mean(axis=-2) ** 2
                centred = centred / np.sqrt(var)
            out[..., t, :] = centred
        return out.astype(x.dtype)


class SpectralCentroid(AudioTensorOperation):
    """The spectral centroid of each frame: sum(f * |X(f)|) / sum(|X(f)|) over the STFT bins (..., 1, frames)."""

    def __init__(self, sample_rate: int, n_fft: int = 400, win_length: int | None = None,
                 hop_length: int | None = None, pad: int = 0, window: WindowType = WindowType.HANN) -> None:
        self.sample_rate, self.n_fft = sample_rate, n_fft
        self.spectrogram = Spectrogram(n_fft, win_length, hop_length, pad, window, power=1.0)

    def __call__(self, waveform) -> np.ndarray:
        x = _float(waveform)
        spec = self.spectrogram(x).astype(np.float64)
        freqs = np.linspace(0, self.sample_rate // 2, 1 + self.n_fft // 2)[:, None]
        return ((freqs * spec).sum(-2, keepdims=True) / spec.sum(-2, keepdims=True)).astype(x.dtype)
