"""`mindspore.multiprocessing`: Python's `multiprocessing` under MindSpore's name.

MindSpore's `Process` and `Pool` wrap the standard ones to run its runtime's fork callbacks. mindgrad's
runtime (JAX) has none to run, so every name here is the standard library's own object. As with any JAX
program, prefer the 'spawn' or 'forkserver' start method once JAX has started threads (JAX warns on fork).
"""

import multiprocessing
from multiprocessing import *  # noqa: F401,F403

__all__ = list(multiprocessing.__all__)
