"""11. The menu (Esc, at any time in a game): save, load, settings, quit; the load screen; and the
question asked when the window is closed with a game in progress."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pygame

from game import paths, saves
from game.core.errors import ParleyError
from game.present import words
from game.ui import flow
from game.ui.scene import Intent
from game.ui.scenes.base import DialogScene, FileDialogMixin, error_dialog, row

MAX_LISTED = 7


def save_game(app, path: str | Path | None = None) -> bool:
    """Save the game in play (to path, a file or a folder, if given); a toast or an error dialog
    says how it went."""
    try:
        saved = app.match.save(path)
    except ParleyError as err:
        error_dialog(app, "The game could not be saved", str(err))
        return False
    app.toast(f"Saved: {saved}" if path else f"Saved: {saved.name}")
    return True


def save_as_start(app) -> str:
    """Where "Save as…" opens: beside the game's own save, else in the home folder, with a new name."""
    match = app.match
    folder = match.save_path.parent if match.save_path and match.save_path != paths.autosave_path() else None
    if folder is None or not folder.is_dir():
        folder = Path.home()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return str(folder / f"{match.scenario.id}-{stamp}{saves.SUFFIX}")


class MenuScene(FileDialogMixin, DialogScene):
    title = "Menu"
    back = "resume"
    default = "resume"
    size = (440.0, 560.0)

    ITEMS = (("resume", "Resume", "Back to the game", None),
             ("save", "Save the game", "Save under its own name (it is also autosaved after every move)", "ctrl+s"),
             ("save_as", "Save as…", "Save to a file or folder you choose", "a"),
             ("load", "Load a game…", "Open one of your saves", "l"),
             ("settings", "Settings…", "UI scale, text size, colours, full screen", "o"),
             ("console", "Facilitator console…", ("The teacher's view: every seat's secrets, pause, deadlines, "
                                                  "events, seats, rollback"), "f"),
             ("title", "Quit to the title screen", "The game is autosaved first", "t"),
             ("quit", "Quit Parley", "Close the window", "q"))

    def build(self) -> None:
        x, y, w, h = self.box()
        top = self.body_top() + 14
        yy = top
        problem = self.app.match.autosave_problem if self.app.match is not None else None
        room = y + h - top - 14 - (44 if problem else 0)  # the autosave line, when it is off
        step = self.step = min(58.0, room / len(self.ITEMS))  # a small window squeezes the items, never cuts one
        for name, label, tip, key in self.ITEMS:
            kind = "@primary" if name == "resume" else ("@quiet" if name == "quit" else None)
            if problem and name in ("save", "title"):
                tip = f"Autosave is off: {problem}"
            self.button(name, self.rect(x + 40, yy, w - 80, step - 12), label, tip=tip, key=key, kind=kind,
                        enabled=name not in ("save", "save_as", "console") or self.app.match is not None)
            yy += step
        self.reopen_dialog()

    def paint_body(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        problem = self.app.match.autosave_note if self.app.match is not None else None
        if problem:  # said once on the table; here for as long as it lasts
            x, _y, w, _h = self.box()
            top = self.body_top() + 14 + len(self.ITEMS) * getattr(self, "step", 58.0)
            self.fonts.draw_wrapped(surface, f"Autosave is off: {problem}", self.rect(x + 40, top, w - 80, 44),
                                    12, self.pal.bad, max_lines=2)

    def handle(self, intent: Intent) -> None:
        app = self.app
        if intent.kind == "back" and self.dialog_open:
            self.close_dialog()
            return
        picked = self.dialog_intent(intent)
        if picked and app.match is not None:
            if save_game(app, picked):
                app.pop(self)
            return
        if intent.kind != "press":
            return
        name = intent.name
        if name == "resume":
            app.pop(self)
        elif name == "save_as" and app.match is not None:
            self.open_dialog("Save the game as", {".json"}, save_as_start(app), new_file=True)
        elif name == "save" and app.match is not None:
            if save_game(app):
                app.pop(self)
        elif name == "load":
            app.push(app.scene("load"))
        elif name == "settings":
            app.push(app.scene("settings"))
        elif name == "console" and app.match is not None:
            app.pop(self)
            if type(app.top).__name__ != "ConsoleScene":  # opened from the console: back to it
                app.push(app.scene("console"))
        elif name == "title":
            flow.to_title(app)
        elif name == "quit":
            app.request_quit()


class LoadScene(FileDialogMixin, DialogScene):
    title = "Load a saved game"
    back = "back"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.saves = paths.list_saves()[:MAX_LISTED]
        self.summaries = {p: saves.summary(p) for p in self.saves}  # None: damaged (checked, never trusted)

    @property
    def size(self):
        return (min(820.0, self.W - 40), min(170.0 + self.lh(22, True) + 52 * max(1, len(self.saves)), self.H - 40))

    def build(self) -> None:
        x, y, w, h = self.box()
        yy = self.body_top() + self.lh(13) + 16
        for i, p in enumerate(self.saves):
            info = self.summaries.get(p)
            if info is None:
                label = f"{p.name} (damaged or unreadable)"
            else:
                turn = info.turn if info.turn is not None else "?"
                where = "finished" if info.ending else f"turn {turn} of {info.turns or '?'}"
                date = words.long_date(info.date) if info.date else ""
                auto = "Autosave: " if p == paths.autosave_path() else ""
                label = f"{auto}{info.title or p.name}  ·  {where}  ·  {date}"
            self.button(f"save:{i}", self.rect(x + 24, yy, w - 48, 44), self.fonts.fit(label, 16, self.u(w - 80)),
                        tip=str(p), kind="@card")
            yy += 52
        row(self, [("file", "Open a save file…", {"tip": "Any .parley.json file", "key": "o"}),
                   ("back", "Back", {"kind": "@quiet"})], 0, y + h - 64, h=44, align="right", right=x + w - 24)
        self.reopen_dialog()

    def paint_body(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        x, _y, w, _h = self.box()
        text = (f"Saves in {paths.saves_dir()}, newest first." if self.saves else
                f"No saves yet in {paths.saves_dir()}.")
        self.fonts.draw(surface, text, (self.u(x + 24), self.u(self.body_top())), 13, self.pal.dim,
                        max_width=self.u(w - 48))

    def handle(self, intent: Intent) -> None:
        if intent.kind == "back" and self.dialog_open:
            self.close_dialog()
            return
        picked = self.dialog_intent(intent)
        if picked:
            flow.continue_game(self.app, picked)
            return
        if intent.kind != "press":
            return
        if intent.name == "back":
            self.app.pop(self)
        elif intent.name == "file":
            start = paths.saves_dir() if paths.saves_dir().is_dir() else paths.data_dir().parent
            self.open_dialog("Open a save file", {".json"}, str(start))
        elif intent.name.startswith("save:"):
            flow.continue_game(self.app, self.saves[int(intent.name[5:])])


class QuitDialog(DialogScene):
    """Closing the window with a game in progress: save first?"""

    title = "Save this game before closing?"
    handles_quit = True
    back = "cancel"
    default = "save"
    size = (640.0, 260.0)

    def build(self) -> None:
        x, y, w, h = self.box()
        row(self, [("cancel", "Cancel", {"kind": "@quiet", "tip": "Keep playing"}),
                   ("close", "Close", {"tip": "Close; the autosave keeps the game up to now"}),
                   ("save", "Save and close", {"kind": "@primary", "tip": "Save under its own name, then close"})],
            0, y + h - 66, h=46, align="right", right=x + w - 24)

    def paint_body(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        x, y, w, h = self.box()
        problem = self.app.match.autosave_problem if self.app.match is not None else None
        text = (f"Autosave is off ({problem}): closing now loses this game unless you save it. Save as… in "
                "the menu (Esc) saves it anywhere you choose." if problem else
                "The autosave keeps this game up to this moment, and Continue on the title "
                "screen resumes it. Save it to keep it under its own name as well.")
        self.fonts.draw_wrapped(surface, text, self.rect(x + 24, self.body_top() + 6, w - 48,
                                                         y + h - 80 - self.body_top() - 6), 15, self.pal.ink)

    def handle(self, intent: Intent) -> None:
        app = self.app
        if intent.kind == "quit":  # a second close request: close
            self._close()
            return
        if intent.kind != "press":
            return
        if intent.name == "cancel":
            app.pop(self)
        elif intent.name == "close" or intent.name == "save" and save_game(app):
            self._close()

    def _close(self) -> None:
        if self.app.match is not None:
            self.app.match.autosave()
        self.app.quit()
