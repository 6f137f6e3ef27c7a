"""Parley: a diplomatic-position simulation game."""

from __future__ import annotations

import os

__version__ = "0.1.0"

# One BLAS thread, unless the user asks for more: the computer actors' products are small (a few
# thousand rows by a few dozen columns), where OpenBLAS's threads cost more than they give (they spin
# waiting for work), and balance's worker processes already use every core. Read by OpenBLAS when
# numpy first loads it, so it has no effect where numpy was imported before Parley. The numbers are
# the same either way: each entry of a product is summed by one thread, in the same order.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
