"""``python -m game.net SCENARIO [options]``: the same as ``parley serve`` (the host window starts it so)."""

import sys

from game.cli import main

raise SystemExit(main(["serve", *sys.argv[1:]]))
