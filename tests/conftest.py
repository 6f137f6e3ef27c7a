"""Test setup: pygame runs headless, set before anything imports it."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# a window that hosts a class game in a test listens on loopback, on a free port
os.environ.setdefault("PARLEY_HOST_PORT", "0")
os.environ.setdefault("PARLEY_HOST_BIND", "127.0.0.1")
