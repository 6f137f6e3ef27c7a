"""Live reload in the window: watch the file of the game in play; when it is saved, replay the game on it.

``LiveReload.tick`` runs once a frame. The watching is ``game.watch`` (a background thread) and the
replay ``game.reload`` (pure); this module only shows what happened: a toast when every action
replayed, a dialog when the replay stopped early or the file was refused (with file and line), and
the game goes on either way.
"""

from __future__ import annotations

import hashlib
import logging
import os

from game.reload import reload_file, reload_message
from game.ui.scenes.base import error_dialog
from game.watch import FileWatcher

log = logging.getLogger(__name__)


class LiveReload:
    def __init__(self) -> None:
        self.watcher: FileWatcher | None = None
        self.file: str | None = None
        self.failed = False  # the last reload refused the file: say so again when it is fixed
        self.last: tuple[str, str] | None = None  # what the last reload said (title, text), for tests
        self._pending: tuple[str, str] | None = None

    def tick(self, app) -> None:
        """Follow the game in play; reload its scenario if its file changed."""
        match = app.match
        if self._pending is not None and app.top is not None and app.top.built:
            error_dialog(app, *self._pending)
            self._pending = None
        file = match.scenario_file if match is not None else None
        if file != self.file:
            self.stop()
            self.file = file
            if file and os.path.isfile(file):
                self.watcher = FileWatcher(file)
        if self.watcher is not None and self.watcher.changed() and match is not None:
            self.reload(app)

    def reload(self, app) -> None:
        match = app.match
        if match is None or self.file is None:
            return
        if not self.failed and _same_content(self.file, match.scenario.content_hash):
            return  # saved without a change (or touched): nothing to do
        result = reload_file(match.session, self.file)
        title, text = self.last = reload_message(result, self.file)
        log.info("%s", text)
        self.failed = result.session is None
        if result.session is None:
            error_dialog(app, title, text)
            return
        match.swap_session(result.session)
        if result.complete:
            app.toast(text, seconds=6.0)
        else:  # the game went back in time: the screens over the table show what no longer happened
            app.reset(app.scene("table"))
            self._pending = (title, text)  # said over the table once it is built, on the next frame

    def stop(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None


def _same_content(path: str, content_hash: str) -> bool:
    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest() == content_hash
    except OSError:
        return False
