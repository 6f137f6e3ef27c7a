"""The autosave writer: saves written in a worker thread, newest first, each atomically.

The window autosaves after every human action. Encoding a save is cheap (``saves.Encoder``
re-encodes only new actions), but writing it means flushing it to disk twice (the save and its
backup), which can take tens of milliseconds on a slow card or a network home: so the bytes go
to a single worker thread, and the frame goes on. A newer save for the same file replaces one
not yet written, so the worker never falls behind; ``flush`` waits for everything handed over
(before the window closes, or another game takes over the autosave).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from game.core.errors import ParleyError
from game.saves import write_bytes

log = logging.getLogger(__name__)

Done = Callable[[str | None], None]  # called in the worker with the problem's reason, or None


class Writer:
    """One worker thread writing save files; a later ``put`` for a path replaces an unwritten one."""

    def __init__(self, write: Callable[[Path, bytes], None] = write_bytes) -> None:
        self._write = write
        self._cond = threading.Condition()
        self._pending: dict[Path, tuple[bytes, Done | None]] = {}
        self._busy = False
        self._thread: threading.Thread | None = None

    def put(self, path: Path, data: bytes, done: Done | None = None) -> None:
        """Have data written to path soon; ``done`` hears how it went (unless a newer put replaces it)."""
        with self._cond:
            self._pending[Path(path)] = (data, done)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="parley-autosave", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                if not self._pending:
                    self._thread = None  # the next put starts a new worker
                    self._cond.notify_all()
                    return
                path = next(iter(self._pending))
                data, done = self._pending.pop(path)
                self._busy = True
            problem: str | None = None
            try:
                self._write(path, data)
            except ParleyError as err:
                problem = getattr(err, "reason", None) or str(err)
            except Exception as err:  # a bug here must not kill the game's saves
                log.exception("autosave to %s failed", path)
                problem = f"{type(err).__name__}: {err}"
            with self._cond:
                self._busy = False
                self._cond.notify_all()
            if done is not None:
                done(problem)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything handed over is written; False if that took longer than timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._busy and self._thread is None,
                                       timeout)


WRITER = Writer()  # one for the process, so saves of one file are written in the order given
