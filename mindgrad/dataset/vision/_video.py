"""`mindspore.dataset.vision.read_video` and `DecodeVideo`, decoded with OpenCV (its FFmpeg backend).

Frames come out as MindSpore gives them: (T, H, W, 3) uint8 RGB, with `metadata = {"video_fps": fps}`.
The YUV-to-RGB conversion of OpenCV's FFmpeg build may differ from MindSpore's by a few grey levels.
Presentation timestamps (`pts_unit="pts"`) are in the video stream's time base, read from the MP4/MOV
`mdhd` box; other containers (AVI) are taken to count one tick per frame (a time base of 1 / fps), as AVI
does. OpenCV cannot decode audio: a file with no audio stream gives MindSpore's empty audio (shape (1, 0),
float32), and a file with an audio stream raises NotImplementedError (reading its audio would need an
extra library such as PyAV).
"""

from __future__ import annotations

import math
import os
import re
import struct
import tempfile
from fractions import Fraction

import numpy as np

from ._libs import cv2

__all__ = ["read_video", "DecodeVideo"]

_AUDIO_MARKS = (re.compile(rb"hdlr.{8}soun", re.S), re.compile(rb"strh.{4}auds", re.S),
                re.compile(rb"\x86[\x80-\xff]A_"))


def _mp4_timescale(data: bytes) -> int | None:
    """The `mdhd` timescale of the first video track of an MP4/MOV file, if any."""
    for match in re.finditer(rb"mdhd", data):
        at = match.end()
        version = data[at]
        offset = at + 4 + (16 if version == 1 else 8)
        timescale = struct.unpack(">I", data[offset:offset + 4])[0]
        handler = re.compile(rb"hdlr.{8}(....)", re.S).search(data, at)
        if handler and handler.group(1) == b"vide" and timescale:
            return timescale
    return None


def _check_pts(start_pts, end_pts, pts_unit: str) -> None:
    for name, value in (("start_pts", start_pts), ("end_pts", end_pts)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, (float, Fraction, int))):
            raise TypeError(f"Input {name} is not of type [<class 'float'>, <class 'fractions.Fraction'>, "
                            f"<class 'int'>], but got: {type(value)}.")
    if start_pts < 0:
        raise ValueError(f"Not supported start_pts for {start_pts}. The start_pts should be >= 0.")
    if end_pts is not None and end_pts < start_pts:
        raise ValueError(f"Not supported end_pts for {end_pts}. start_pts = {start_pts}. The end_pts should be "
                         f">= start_pts.")
    if pts_unit not in ("pts", "sec"):
        raise ValueError(f"Not supported pts_unit for {pts_unit}")


def _decode(path: str, label: str, data: bytes, start_pts, end_pts, pts_unit: str):
    """Decode the video file at `path` (named `label` in errors; `data` its bytes)."""
    if any(mark.search(data) for mark in _AUDIO_MARKS):
        raise NotImplementedError(f"{label} has an audio stream: mindgrad decodes video with OpenCV, which cannot "
                                  f"read audio (MindSpore's read_video returns it)")
    cap = cv2.VideoCapture(path)
    frames = []
    try:
        if not cap.isOpened():
            raise RuntimeError(f"Failed to open the video file {label}: it is not a video OpenCV can decode.")
        fps = float(cap.get(cv2.CAP_PROP_FPS))
        while True:
            ok, frame = cap.read()
            if not ok:
                break
            frames.append(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
    finally:
        cap.release()
    if not frames:
        raise RuntimeError(f"Failed to decode any frame of the video file {label}.")
    rate = Fraction(fps).limit_denominator(1 << 20) if fps > 0 else Fraction(1)
    per_second = Fraction(_mp4_timescale(data) or rate)   # timestamp ticks per second
    scale = float(per_second) if pts_unit == "sec" else 1.0
    first = math.floor(float(start_pts) * scale + 0.5)
    last = math.inf if end_pts is None else math.floor(float(end_pts) * scale + 0.5)
    chosen = [i for i in range(len(frames)) if first <= i * per_second / rate <= last]
    h, w = frames[0].shape[:2]
    video = np.stack([frames[i] for i in chosen]) if chosen else np.zeros((0, h, w, 3), np.uint8)
    return video, np.zeros((1, 0), np.float32), {"video_fps": fps}


def read_video(filename: str, start_pts=0, end_pts=None, pts_unit: str = "pts"):
    """(video (T, H, W, 3) uint8 RGB, audio (1, 0) float32, {"video_fps": fps}) of the frames of `filename`
    whose timestamps lie in [start_pts, end_pts] (in stream ticks, or seconds with `pts_unit="sec"`), each
    bound first rounded half up to a whole tick, as MindSpore does."""
    if not isinstance(filename, str):
        raise TypeError(f"Input filename is not of type {str}, but got: {type(filename)}.")
    if not os.path.isfile(filename):
        raise ValueError(f"Invalid file path, {filename} does not exist.")
    _check_pts(start_pts, end_pts, pts_unit)
    with open(filename, "rb") as f:
        data = f.read()
    return _decode(filename, filename, data, start_pts, end_pts, pts_unit)


class DecodeVideo:
    """Decode a video file's bytes (1-D uint8 array) to (video (T, H, W, 3) uint8 RGB, audio (1, 0) float32)."""

    def __call__(self, video):
        if not isinstance(video, np.ndarray):
            raise TypeError(f"Input should be ndarray, got {type(video)}.")
        if video.ndim != 1 or video.dtype != np.uint8:
            raise RuntimeError(f"DecodeVideo: the input should be a 1-D uint8 array of encoded video, got shape "
                               f"{video.shape} and dtype {video.dtype}.")
        data = video.tobytes()
        fd, path = tempfile.mkstemp(suffix=".video")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            out, audio, _ = _decode(path, "the DecodeVideo input", data, 0, None, "pts")
        finally:
            os.remove(path)
        return out, audio
