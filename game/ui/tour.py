"""`python main.py tour [SCENARIO] --out DIR`: a scripted game, without a display, that saves a PNG
of every screen (for the README's screenshots and for checking the layout).

It plays any valid scenario (the default one unless a file is given). The first two playable
seats are people (so the handover shows; with one playable seat there is no hot-seat), the
others are the computer, and the script goes through every screen: title, setup, handover,
brief, table (with a dossier and the full log), proposal builder, incoming proposal, actions, resolution, debrief, menu,
settings, an error message, and the table again larger, colour-blind safe and with larger
text. Its moves are chosen from what the scenario offers, never named in advance. ``--size``
and ``--text`` play the whole tour at another window size or text size. It uses a temporary
settings and saves folder, so it never touches the player's own.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

SEED = 2017
TEXT_SIZES = {"normal": 1.0, "small": 0.9, "large": 1.15, "larger": 1.3}


class TourError(RuntimeError):
    """The script could not go on (a screen did not offer what it needed)."""


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
    def __init__(self, out: Path, scenario: Path, size: tuple[int, int] = (1280, 720), text_size: float = 1.0,
                 agent_factory=None) -> None:
        import pygame

        from game.scenario.loader import load_scenario
        from game.ui.app import App
        from game.ui.settings import Settings

        self.pygame = pygame
        self.out = out
        self.path = scenario
        self.sc = load_scenario(scenario)
        self.size = size
        self.text_size = text_size
        self.settings = Settings(ui_scale=1.0 if size == (1280, 720) else 0.0, text_size=text_size)
        self.app = App(size=size, settings=self.settings, agent_factory=agent_factory or _stand_in(), fps=0,
                       save_settings=False)
        playable = [a.id for a in self.sc.actors if a.playable] or [self.sc.actor_ids[0]]
        self.humans = playable[:2]
        self.shots: list[Path] = []
        self.skipped: list[str] = []

    # ------------------------------------------------------------------ driving
    @property
    def top(self):
        return self.app.top

    @property
    def top_name(self) -> str:
        return type(self.app.top).__name__

    def frames(self, n: int = 2) -> None:
        for _ in range(n):
            self.app.frame()

    def press(self, name: str) -> None:
        from game.ui.scene import Intent

        if not self.top.enabled(name):
            raise TourError(f"tour: '{name}' is not available on {self.top_name}")
        self.top.dispatch(Intent("press", name))
        self.frames(2)

    def shot(self, name: str, mouse: tuple[int, int] | None = None) -> None:
        self.app.toasts = []
        self.pygame.mouse.set_pos(mouse or (self.app.screen.get_width() - 2, self.app.screen.get_height() - 2))
        self.frames(3)
        path = self.out / f"{name}.png"
        self.pygame.image.save(self.app.screen, str(path))
        self.shots.append(path)

    def skip(self, name: str, why: str) -> None:
        self.skipped.append(f"{name}: {why}")

    def until(self, done, limit: int = 20000) -> None:
        """Let the computers play, clicking through handovers, briefs and resolutions (and passing
        for a person at the table), until done() holds or the game is over."""
        for _ in range(limit):
            if done() or self.top_name == "DebriefScene":
                return
            name = self.top_name
            m = self.app.match
            if name == "HandoverScene":
                self.press("ready")
            elif name in ("BriefScene", "ResolutionScene"):
                self.press("done")
            elif name == "TableScene" and m.my_turn():
                self.pass_turn()
            else:
                self.frames(1)
        raise TourError("tour: the game did not get where the script expected")

    def at_table(self, actor: str):
        """A predicate: the actor is to move at the table."""
        return lambda: self.top_name == "TableScene" and self.app.match.my_turn() and self.app.match.viewer == actor

    def pass_turn(self) -> None:
        """The seat at the table ends its phase without doing anything more."""
        m = self.app.match
        if m.obs().phase == "actions":
            self.press("actions")
            self.press("confirm")
        else:
            self.press("end")

    # ------------------------------------------------------------------ choosing from the scenario
    def deal_moves(self, obs) -> list[tuple[str, int]]:
        """Up to two joint moves to propose, each at a variant other than the one in force: the
        viewer's ideal where it has one, else one step stronger (or weaker)."""
        out = []
        for jm in self.sc.joint_moves:
            now = obs.levels[jm.id]
            st = obs.stances.get(jm.id)
            level = st.ideal if st is not None and st.ideal != now else (now + 1 if now + 1 < len(jm.variants)
                                                                         else now - 1)
            if 0 <= level < len(jm.variants) and level != now:
                out.append((jm.id, level))
        with_stance = [t for t in out if t[0] in obs.stances]
        return (with_stance + [t for t in out if t not in with_stance])[:2]

    # ------------------------------------------------------------------ the script
    def run(self) -> list[Path]:
        from game.ui.flow import open_scenario

        app = self.app
        first, second = self.humans[0], (self.humans[1] if len(self.humans) > 1 else None)
        app.push(app.scene("title"))
        self.frames(2)
        self.shot("01_title_first_start")
        cards = [str(p.resolve()) for p, _, _ in getattr(self.top, "cards", [])]
        if str(self.path.resolve()) in cards:
            self.press(f"card{cards.index(str(self.path.resolve()))}")
        else:  # a file of one's own: opened as "Open a scenario file…" would
            sc = open_scenario(app, self.path)
            app.push(app.scene("setup", sc, str(self.path)))
            self.frames(2)
        if not self.sc.actor(first).playable:  # no playable seat: the first seat is a person anyway
            raise TourError("tour: the scenario has no playable seat")
        self.press(f"human:{first}")
        if second:
            self.press(f"human:{second}")
        self.top.seed_text = str(SEED)
        self.top.rebuild()
        self.shot("02_setup")
        self.press("start")
        if self.top_name == "HandoverScene":  # hot-seat: even the first brief waits for its player
            self.shot("04_handover_first")
            self.press("ready")
        self.shot("03_brief")
        self.press("done")
        self.until(self.at_table(first))
        obs = app.match.obs()
        # the first player proposes a deal, states a position and ends the turn
        terms = self.deal_moves(obs)
        if terms and obs.budget > 0:
            self.press("propose")
            for move, level in terms:
                self.press(f"move:{move}")
                self.press(f"variant:{level}")
            self.shot("06_proposal_builder")
            if self.top.enabled("send"):
                self.press("send")
            else:
                self.press("cancel")
        else:
            self.skip("06_proposal_builder", "nothing to propose")
        if app.match.obs().budget > 0 and self.sc.joint_moves and self.top.enabled("statement"):
            self.press("statement")
            self.press(f"move:{self.sc.joint_moves[-1].id}")
            self.press("send")
        self.press("end")
        if second:
            # the handover hides the first player's view from the second
            self.until(lambda: self.top_name == "HandoverScene")
            self.shot("04_handover")
            self.press("ready")
            if self.top_name == "BriefScene":
                self.press("done")
            self.until(self.at_table(second))
            if app.match.obs().open_to_me():
                self.press("answer")
                self.shot("07_incoming_proposal")
                self.press("accept")
                if self.top_name == "IncomingScene":
                    self.press("close")
            else:
                self.skip("07_incoming_proposal", "no proposal reached the second player")
            if self.top_name == "TableScene" and app.match.my_turn():
                self.press("end")
        else:
            self.skip("04_handover", "one playable seat: no hot-seat")
        # play on to the actions phase of a later turn for the first player, then its table
        target = min(3, self.sc.turns)
        self.until(lambda: self.at_table(first)() and app.match.obs().turn >= target
                   and app.match.obs().phase == "actions")
        if self.top_name == "DebriefScene":
            raise TourError("tour: the game ended before the actions of turn "
                            f"{target}; the tour needs a scenario that lasts that long")
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
        # the facilitator's console and its inject dialog; closing it hands the window back
        self.press("menu")
        self.press("console")
        self.shot("17_console")
        self.press("inject")
        self.shot("18_inject")
        self.press("cancel")
        self.press("close")
        self.until(self.at_table(first))
        self.press("actions")
        for um in app.match.obs().unilateral_moves:
            if first in um.actors and app.match.why_unavailable(um.id) is None:
                self.press(f"move:{um.id}")
                break
        self.shot("08_actions")
        self.press("confirm")
        # the turn resolves: what happened, and why
        self.until(lambda: self.top_name == "ResolutionScene")
        if self.top_name == "ResolutionScene":
            self.shot("09_resolution")
            self.press("done")
        else:
            self.skip("09_resolution", "the game ended in that turn")
        # to the end of the game
        self.until(lambda: False, limit=200000)
        self.shot("10_debrief_outcome")
        for tab in ("charts", "wanted", "history", "discuss"):
            self.press(f"tab:{tab}")
            self.shot(f"10_debrief_{'discussion' if tab == 'discuss' else tab}")
        self.press("title")
        self.shot("01_title")
        self.error_screen()
        return self.shots

    def shot_table(self) -> None:
        """The table, with the mouse over another actor's stated position."""
        me = self.sc.actor(self.app.match.viewer).name
        target = next((r.center for r, t in self.top.hovers if " says: " in t and not t.startswith(me)), None)
        self.shot("05_table", mouse=target)
        # reading the room: another actor's dossier, and the full log behind the digest
        seat = next((n for n in self.top.ring if n.startswith("seat:")), None)
        if seat is not None:
            self.press(seat)
            self.shot("05_dossier")
            self.press("close")
        else:
            self.skip("05_dossier", "nobody else at the table")
        self.press("log_mode")
        self.shot("05_full_log")
        self.press("log_mode")

    def other_views(self) -> None:
        from game.ui.settings import Settings

        app = self.app
        size = app.screen.get_size()
        big = (1920, 1080) if size != (1920, 1080) else (1280, 720)
        app.screen = self.pygame.display.set_mode(big)
        app.apply_settings(Settings(ui_scale=0.0, text_size=self.text_size))
        self.shot(f"13_table_{big[0]}x{big[1]}")
        app.screen = self.pygame.display.set_mode(size)
        app.apply_settings(self.settings.with_(palette="colourblind"))
        self.shot("14_table_colourblind")
        app.apply_settings(self.settings.with_(text_size=1.3 if self.text_size != 1.3 else 1.0))
        self.shot("15_table_larger_text" if self.text_size != 1.3 else "15_table_normal_text")
        app.apply_settings(self.settings)

    def error_screen(self) -> None:
        """A scenario file with a mistake: the loader's message, with file and line, in the game."""
        from game.ui.flow import open_scenario

        text = self.path.read_text(encoding="utf-8")
        broken, n = re.subn(r"(?m)^(\s*turn_days:\s*)\d+", r"\1two", text, count=1)
        if not n:  # no calendar line to spoil: a field the format does not know
            broken = text.rstrip("\n") + "\nnot_a_field: 1\n"
        path = Path(tempfile.mkdtemp(prefix="parley-tour-")) / f"{self.path.stem}_with_a_mistake.yaml"
        path.write_text(broken, encoding="utf-8")
        open_scenario(self.app, path)
        self.shot("16_scenario_error")
        self.press("b0")


def parse_size(text: str) -> tuple[int, int]:
    """'1920x1080' as (1920, 1080); ValueError otherwise."""
    m = re.fullmatch(r"\s*(\d{3,4})\s*[x×]\s*(\d{3,4})\s*", text or "")
    if not m:
        raise ValueError(f"'{text}' is not a size like 1280x720")
    return int(m.group(1)), int(m.group(2))


def main_tour(out: str, scenario: str | None = None, size: str = "1280x720", text: str = "normal") -> int:
    """Play the tour and write its PNGs to the folder out; the exit status."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ["PARLEY_HOME"] = tempfile.mkdtemp(prefix="parley-tour-home-")
    from game.core.errors import ScenarioError
    from game.resources import default_scenario
    from game.ui.app import clamp_size

    try:
        window = clamp_size(parse_size(size))
    except ValueError as err:
        print(f"parley: {err}", file=sys.stderr)
        return 2
    if text not in TEXT_SIZES:
        print(f"parley: text size '{text}' is not one of {', '.join(TEXT_SIZES)}", file=sys.stderr)
        return 2
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        print(f"parley: cannot create {folder}: {err.strerror or err}", file=sys.stderr)
        return 1
    path = Path(scenario) if scenario else default_scenario()
    try:
        tour = Tour(folder, path, window, TEXT_SIZES[text])
    except ScenarioError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
    try:
        shots = tour.run()
    except TourError as err:
        print(f"parley: {err}", file=sys.stderr)
        return 1
    finally:
        if tour.app.match is not None:
            tour.app.match.stop()
        tour.app.live.stop()
    for path in shots:
        print(path)
    for note in tour.skipped:
        print(f"tour: skipped {note}", file=sys.stderr)
    return 0
