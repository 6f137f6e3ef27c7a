"""Watch one scenario file for saves from an editor, in a background thread (watchfiles).

    watcher = FileWatcher(path)     # starts watching
    if watcher.changed(): ...       # from the game loop: has it changed since the last call?
    watcher.stop()

The folder is watched, not the file: many editors save by writing a new file and renaming it over
the old one, which a watch on the file itself would lose. Events are gathered for 150 ms (an editor
writing in two steps counts once), so a save is seen well within a second. No pygame here: the
window asks ``changed`` once a frame and ``game.reload`` does the rest.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150


class FileWatcher:
    """Tells whether one file was written, replaced or deleted since the last time it was asked."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path).resolve()
        self._flag = threading.Event()
        self._stop = threading.Event()
        self.ready = threading.Event()  # set once the watch is in place (tests wait for it)
        self.problem: str | None = None  # why the file cannot be watched, if it cannot
        self._thread = threading.Thread(target=self._run, name=f"parley-watch-{self.path.name}", daemon=True)
        self._thread.start()

    def _is_ours(self, change: object, name: str) -> bool:
        try:
            return Path(name).resolve() == self.path
        except OSError:
            return False

    def _run(self) -> None:
        try:
            from watchfiles import watch
        except ImportError:
            self.problem = "live reload needs the watchfiles package (pip install watchfiles)"
            self.ready.set()
            return
        try:
            # yield_on_timeout: the loop wakes every rust_timeout ms to notice stop (an empty set)
            for changes in watch(self.path.parent, watch_filter=self._is_ours, debounce=DEBOUNCE_MS, step=25,
                                 stop_event=self._stop, rust_timeout=200, yield_on_timeout=True,
                                 recursive=False, raise_interrupt=False):
                self.ready.set()
                if changes:
                    self._flag.set()
        except (OSError, RuntimeError) as err:  # the folder vanished or cannot be watched
            self.problem = f"{self.path.parent}: cannot be watched for changes: {err}"
            log.warning("%s", self.problem)
        finally:
            self.ready.set()

    def changed(self) -> bool:
        """Whether the file changed since the last call (and forget it)."""
        if self._flag.is_set():
            self._flag.clear()
            return True
        return False

    def stop(self) -> None:
        """Stop watching; the thread ends within a fifth of a second."""
        self._stop.set()

    @property
    def watching(self) -> bool:
        return self._thread.is_alive() and not self._stop.is_set()
