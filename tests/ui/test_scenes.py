"""Every screen runs for a frame (at 1280x720 and 1920x1080), and each shows what it must."""

from __future__ import annotations

import pytest

from game.core.actions import Propose
from game.present.match import Match
from game.resources import default_scenario, shipped_scenarios
from game.scenario.loader import load_scenario
from game.session import Seat


def _match(app, humans=("us", "russia")):
    sc = load_scenario(default_scenario())
    seats = {a: Seat(a, "human" if a in humans else "computer") for a in sc.actor_ids}
    return Match.new(sc, str(default_scenario()), seats, 11, app.agent_factory)


def _scenes(app):
    """(name, factory) for every screen, each given what it needs."""
    from game.ui.scenes.actions import ActionsScene
    from game.ui.scenes.base import Dialog
    from game.ui.scenes.brief import BriefScene
    from game.ui.scenes.builder import BuilderScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.handover import HandoverScene
    from game.ui.scenes.incoming import IncomingScene
    from game.ui.scenes.menu import LoadScene, MenuScene, QuitDialog
    from game.ui.scenes.resolution import ResolutionScene
    from game.ui.scenes.settings import SettingsScene
    from game.ui.scenes.setup import SetupScene
    from game.ui.scenes.speak import SpeakScene
    from game.ui.scenes.table import TableScene
    from game.ui.scenes.title import TitleScene

    sc = load_scenario(default_scenario())
    return {
        "title": lambda: TitleScene(app),
        "setup": lambda: SetupScene(app, sc, None),
        "brief": lambda: BriefScene(app, "us", first=True),
        "handover": lambda: HandoverScene(app, "russia"),
        "table": lambda: TableScene(app),
        "builder": lambda: BuilderScene(app),
        "incoming": lambda: IncomingScene(app),
        "statement": lambda: SpeakScene(app, private=False),
        "message": lambda: SpeakScene(app, private=True),
        "actions": lambda: ActionsScene(app),
        "resolution": lambda: ResolutionScene(app, 1, first=False),
        "debrief": lambda: DebriefScene(app),
        "menu": lambda: MenuScene(app),
        "load": lambda: LoadScene(app),
        "settings": lambda: SettingsScene(app),
        "dialog": lambda: Dialog(app, "A problem", "file.yaml:3:4: actors[0].id: expected an id"),
        "quit": lambda: QuitDialog(app),
        "console": lambda: app.scene("console"),
        "inject": lambda: app.scene("inject"),
        "dossier": lambda: app.scene("dossier", "russia"),
    }


NAMES = ["title", "setup", "brief", "handover", "table", "builder", "incoming", "statement", "message", "actions",
         "resolution", "debrief", "menu", "load", "settings", "dialog", "quit", "console", "inject", "dossier"]


def scene_app(make_app, name, size, settings=None):
    """A window showing the named screen over the table of a Syria game, as in a real game."""
    from game.ui.scenes.table import TableScene

    app = make_app(size=size, settings=settings)
    app.match = _match(app)
    s = app.match.session
    s.submit(Propose("us", ("russia",), (("no_fly_zone", 1),)))  # something to answer
    app.match.briefed.update(s.humans)
    app.match.viewer = "us"
    if name == "incoming":
        from game.core.actions import EndPhase

        s.submit(EndPhase("us"))
        while s.to_move != "russia":
            s.step_computer()
        app.match.viewer = "russia"
    if name in ("resolution", "debrief"):
        s.run_computers()
        while not s.over and (name == "debrief" or s.state.turn == 1):
            if s.step_computer() is None:
                from game.core.actions import EndPhase

                s.submit(EndPhase(s.to_move))
    app.match.version += 1
    app.push(TableScene(app))
    if name != "table":
        app.push(_scenes(app)[name]())
    app.frame()
    app.frame()
    return app


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("name", NAMES)
def test_every_scene_runs_a_frame(make_app, name, size):
    app = scene_app(make_app, name, size)
    assert app.top is not None
    assert app.screen.get_size() == size


def test_title_shows_every_shipped_scenario(driver):
    cards = [n for n in driver.top.widgets if n.startswith("card")]
    assert len(cards) == len(shipped_scenarios())


def test_table_log_pages_and_filters(make_app):
    from game.core.actions import Statement
    from game.ui.scenes import table_paint as tp
    from game.ui.scenes.table import TableScene

    app = make_app()
    app.match = _match(app, humans=("us",))
    s = app.match.session
    for _ in range(3):
        s.submit(Statement("us", "no_fly_zone", 2))
    app.match.briefed.add("us")
    app.match.version += 1
    app.push(TableScene(app))
    app.frame()
    html, pages = tp.log_html(app.match.obs(), s.scenario, app.palette, "talks", 0)
    assert "STATEMENT" in html and pages == 1
    html, _ = tp.log_html(app.match.obs(), s.scenario, app.palette, "news", 0)
    assert "STATEMENT" not in html
    app.top.dispatch(__import__("game.ui.scene", fromlist=["Intent"]).Intent("press", "filter:news"))
    app.frame()
    assert app.top.filter == "news"


def test_scenes_navigate_by_name_not_by_import():
    """Every screen is reached through the one table of names; no scene module imports another
    scene (only the shared helpers in base and table_paint)."""
    import pathlib
    import re
    import sys

    from game.ui.scene import Scene
    from game.ui.scenes import SCENES, scene_class

    for name in SCENES:
        assert issubclass(scene_class(name), Scene), name
    folder = pathlib.Path(sys.modules[scene_class("title").__module__].__file__).parent
    shared = {"base", "table_paint"}
    for module in sorted(folder.glob("*.py")):
        imported = set(re.findall(r"from game\.ui\.scenes\.(\w+) import", module.read_text(encoding="utf-8")))
        assert imported <= shared, f"{module.name} imports the scenes {sorted(imported - shared)}"
