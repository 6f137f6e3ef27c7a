"""`python main.py tour --out DIR`: a scripted hot-seat game, without a display, that saves a
1280x720 PNG of every screen (for the README's screenshots and for checking the layout).

The script plays the United States and Russia (two humans, so the handover shows) against the
computer in the other seats, through every screen: title, setup, brief, handover, table,
proposal builder, incoming proposal, actions, resolution, debrief, menu, settings, an error
message, and the table again at 1920x1080 and in the colour-blind palette. It uses a temporary
settings and saves folder, so it never touches the player's own.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SEED = 2017


def _stand_in():
    """The real computer actors if they are installed, else a stand-in that answers and passes."""
    try:
        from game.ai import make_agent  # noqa: F401

        return None
    except ImportError:
        from game.core.actions import Accept, EndPhase, Reject

        print("tour: game.ai is not available; the computer seats only answer and pass", file=sys.stderr)

        class StandIn:
            def decide(self, obs, rng):
                for p in obs.open_to_me():
                    if p.id % 2:
                        return Accept(obs.actor, p.id, "the stand-in accepts odd proposals")
                    return Reject(obs.actor, p.id, "the stand-in refuses even proposals")
                return EndPhase(obs.actor)

        return lambda seat: StandIn()


class Tour:
    def __init__(self, out: Path) -> None:
        import pygame

        from game.ui.app import App
        from game.ui.settings import Settings

        self.pygame = pygame
        self.out = out
        self.app = App(size=(1280, 720), settings=Settings(ui_scale=1.0), agent_factory=_stand_in(), fps=0,
                       save_settings=False)
        self.shots: list[Path] = []

    # ------------------------------------------------------------------ driving
    @property
    def top(self):
        return self.app.top

    def frames(self, n: int = 2) -> None:
        for _ in range(n):
            self.app.frame()

    def press(self, name: str) -> None:
        from game.ui.scene import Intent

        if not self.top.enabled(name):
            raise RuntimeError(f"tour: '{name}' is not available on {type(self.top).__name__}")
        self.top.dispatch(Intent("press", name))
        self.frames(2)

    def shot(self, name: str, mouse: tuple[int, int] | None = None) -> None:
        self.app.toasts = []
        self.pygame.mouse.set_pos(mouse or (self.app.screen.get_width() - 2, self.app.screen.get_height() - 2))
        self.frames(3)
        path = self.out / f"{name}.png"
        self.pygame.image.save(self.app.screen, str(path))
        self.shots.append(path)

    def until_turn_of(self, actor: str, limit: int = 20000) -> None:
        """Let the computers play (and click through handovers, briefs and resolutions) until the
        actor is to move at the table, or the game is over."""
        for _ in range(limit):
            name = type(self.top).__name__
            m = self.app.match
            if name == "DebriefScene":
                return
            if name == "HandoverScene":
                self.press("ready")
            elif name in ("BriefScene", "ResolutionScene"):
                self.press("done")
            elif name == "TableScene" and m.my_turn() and m.viewer == actor:
                return
            elif name == "TableScene" and m.my_turn():
                self.pass_turn()
            else:
                self.frames(1)
        raise RuntimeError("tour: the game did not come back to " + actor)

    def pass_turn(self) -> None:
        """The seat at the table ends its phase without doing anything more."""
        m = self.app.match
        if m.obs().phase == "actions":
            self.press("actions")
            self.press("confirm")
        else:
            self.press("end")

    # ------------------------------------------------------------------ the script
    def run(self) -> list[Path]:
        from game.resources import default_scenario
        from game.ui.scenes.title import TitleScene

        app = self.app
        app.push(TitleScene(app))
        self.frames(2)
        self.shot("01_title_first_start")
        self.press("card0")
        self.press("human:russia")
        self.top.seed_text = str(SEED)
        self.top.rebuild()
        self.shot("02_setup")
        self.press("start")
        self.shot("03_brief")
        self.press("done")
        self.until_turn_of("us")
        # turn 1: the United States proposes, speaks in public and ends its turn
        self.press("propose")
        self.press("move:no_fly_zone")
        self.press("variant:1")
        self.press("move:humanitarian_delivery")
        self.press("variant:1")
        self.shot("06_proposal_builder")
        self.press("send")
        self.press("statement")
        self.press("move:chemical_weapons")
        self.press("send")
        self.press("end")
        # the computers act; the handover hides the United States' view from the Russia player
        for _ in range(20000):
            if type(self.top).__name__ == "HandoverScene":
                break
            self.frames(1)
        self.shot("04_handover")
        self.press("ready")
        if type(self.top).__name__ == "BriefScene":
            self.press("done")
        self.until_turn_of("russia")
        if self.app.match.obs().open_to_me():
            self.press("answer")
            self.shot("07_incoming_proposal")
            self.press("accept")
        self.press("end")
        # play on to the actions phase of turn 2 for the United States, then its table
        while True:
            self.until_turn_of("us")
            obs = self.app.match.obs()
            if obs.turn >= 3 and obs.phase == "actions":
                break
            self.pass_turn()
        self.shot_table()
        # the menu and the settings, over the table; the same table larger and colour-blind safe
        self.press("menu")
        self.shot("11_menu")
        self.press("save")
        self.press("menu")
        self.press("load")
        self.shot("11_load_game")
        self.press("back")
        self.press("settings")
        self.shot("12_settings")
        self.press("back")
        self.press("resume")
        self.other_views()
        self.press("actions")
        moves = [um.id for um in obs.unilateral_moves if "us" in um.actors]
        for mid in moves:
            if self.app.match.why_unavailable(mid) is None and mid != "us_missile_strike":
                self.press(f"move:{mid}")
                break
        self.shot("08_actions")
        self.press("confirm")
        # the turn resolves: what happened, and why
        for _ in range(20000):
            name = type(self.top).__name__
            if name in ("ResolutionScene", "DebriefScene"):
                break
            if name == "HandoverScene":
                self.press("ready")
            elif name == "BriefScene":
                self.press("done")
            elif name == "TableScene" and self.app.match.my_turn():
                self.pass_turn()
            else:
                self.frames(1)
        if type(self.top).__name__ == "ResolutionScene":
            self.shot("09_resolution")
            self.press("done")
        # to the end of the game
        while type(self.top).__name__ != "DebriefScene":
            self.until_turn_of("us")
            if type(self.top).__name__ == "DebriefScene":
                break
            self.pass_turn()
        self.shot("10_debrief_outcome")
        self.press("tab:charts")
        self.shot("10_debrief_charts")
        self.press("tab:history")
        self.shot("10_debrief_history")
        self.press("tab:discuss")
        self.shot("10_debrief_discussion")
        self.press("title")
        self.shot("01_title")
        self.error_screen(default_scenario())
        return self.shots

    def shot_table(self) -> None:
        """The table, with the mouse over Russia's stated position on the no-fly zones."""
        scene = self.top
        target = None
        for rect, text in scene.hovers:
            if text.startswith("Russia says") and "no-fly" in text.lower():
                target = rect.center
                break
        self.shot("05_table", mouse=target)

    def other_views(self) -> None:
        from game.ui.settings import Settings

        app = self.app
        size = app.screen.get_size()
        app.screen = self.pygame.display.set_mode((1920, 1080))
        app.apply_settings(Settings(ui_scale=0.0))
        self.shot("13_table_1920x1080")
        app.screen = self.pygame.display.set_mode(size)
        app.apply_settings(Settings(ui_scale=1.0, palette="colourblind"))
        self.shot("14_table_colourblind")
        app.apply_settings(Settings(ui_scale=1.0, text_size=1.3))
        self.shot("15_table_larger_text")
        app.apply_settings(Settings(ui_scale=1.0))

    def error_screen(self, good: Path) -> None:
        """A scenario file with a mistake: the loader's message, with file and line, in the game."""
        from game.ui.flow import open_scenario

        text = good.read_text(encoding="utf-8").replace("turn_days: 2", "turn_days: two", 1)
        broken = Path(tempfile.mkdtemp(prefix="parley-tour-")) / "syria_with_a_mistake.yaml"
        broken.write_text(text, encoding="utf-8")
        open_scenario(self.app, broken)
        self.shot("16_scenario_error")
        self.press("b0")


def main_tour(out: str) -> int:
    """Play the tour and write its PNGs to the folder out; the exit status."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ["PARLEY_HOME"] = tempfile.mkdtemp(prefix="parley-tour-home-")
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        print(f"parley: cannot create {folder}: {err.strerror or err}", file=sys.stderr)
        return 1
    tour = Tour(folder)
    try:
        shots = tour.run()
    finally:
        if tour.app.match is not None:
            tour.app.match.stop()
    for path in shots:
        print(path)
    return 0
