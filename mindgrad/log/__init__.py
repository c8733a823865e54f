"""`mindspore.log`: Python logging in MindSpore's format.

    [WARNING] ME(12345:140655215496064,MainProcess):2026-12-05-21:14:02.655.000 [train.py:25] message

The logger is named "mindspore"; its level comes from `GLOG_v` as in MindSpore (0 DEBUG, 1 INFO, 2 WARNING, the
default, 3 ERROR, 4 CRITICAL) and output goes to stderr (`GLOG_logtostderr`, default 1) or, with
`GLOG_logtostderr=0`, to `GLOG_log_dir/rank_0/logs/mindspore.log`.
"""

from __future__ import annotations

import logging
import os
import sys
import time

__all__ = ["get_level", "get_log_config", "debug", "info", "warning", "error", "critical", "exception", "logging"]

_LEVELS = {"0": logging.DEBUG, "1": logging.INFO, "2": logging.WARNING, "3": logging.ERROR, "4": logging.CRITICAL}
_NAMES = {v: k for k, v in _LEVELS.items()}


class _MindSporeFormatter(logging.Formatter):
    """`[LEVEL] ME(pid:thread,process):YYYY-MM-DD-HH:MM:SS.mmm.uuu [file:line] message`."""

    def format(self, record: logging.LogRecord) -> str:
        stamp = time.strftime("%Y-%m-%d-%H:%M:%S", time.localtime(record.created))
        frac = record.created % 1
        ms, us = int(frac * 1000), int(frac * 1_000_000) % 1000
        where = f"{os.path.basename(record.pathname)}:{record.lineno}"
        head = (f"[{record.levelname}] ME({record.process}:{record.thread},{record.processName}):"
                f"{stamp}.{ms:03d}.{us:03d} [{where}]")
        text = f"{head} {record.getMessage()}"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is at the time of the record (so redirection and capture see it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def _make_logger() -> logging.Logger:
    logger = logging.getLogger("mindspore")
    logger.propagate = False
    level = _LEVELS.get(os.environ.get("GLOG_v", "2"), logging.WARNING)
    logger.setLevel(level)
    if not logger.handlers:
        if os.environ.get("GLOG_logtostderr", "1") == "0":
            folder = os.path.join(os.environ.get("GLOG_log_dir", "."), "rank_0", "logs")
            os.makedirs(folder, exist_ok=True)
            handler: logging.Handler = logging.FileHandler(os.path.join(folder, "mindspore.log"))
        else:
            handler = _StderrHandler()
        handler.setFormatter(_MindSporeFormatter())
        logger.addHandler(handler)
    return logger


_logger = _make_logger()


def get_level() -> str:
    """The level as MindSpore names it: '0' (DEBUG) to '4' (CRITICAL)."""
    return _NAMES.get(_logger.level, "2")


def get_log_config() -> dict:
    """The settings in effect (GLOG_v, GLOG_logtostderr, GLOG_log_dir when logging to files)."""
    config = {"GLOG_v": get_level(), "GLOG_logtostderr": os.environ.get("GLOG_logtostderr", "1")}
    if config["GLOG_logtostderr"] == "0":
        config["GLOG_log_dir"] = os.environ.get("GLOG_log_dir", ".")
    return config


def debug(msg, *args, **kwargs) -> None:
    _logger.debug(msg, *args, stacklevel=2, **kwargs)


def info(msg, *args, **kwargs) -> None:
    _logger.info(msg, *args, stacklevel=2, **kwargs)


def warning(msg, *args, **kwargs) -> None:
    _logger.warning(msg, *args, stacklevel=2, **kwargs)


def error(msg, *args, **kwargs) -> None:
    _logger.error(msg, *args, stacklevel=2, **kwargs)


def critical(msg, *args, **kwargs) -> None:
    _logger.critical(msg, *args, stacklevel=2, **kwargs)


def exception(msg, *args, **kwargs) -> None:
    _logger.exception(msg, *args, stacklevel=2, **kwargs)


warn = warning
