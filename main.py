"""Parley's one entry point: `python main.py [play|validate|schema] ...`."""

from __future__ import annotations

from game.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
