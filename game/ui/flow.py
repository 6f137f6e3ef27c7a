"""Moves between screens that more than one screen makes: start or resume a game, open a
scenario file, go back to the title, write a handout. Scenes reach each other by name through the app."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from pathlib import Path

from game.author.commands import advice_text
from game.core.errors import ParleyError, ScenarioError
from game.core.model import Scenario
from game.present.match import Match
from game.scenario.loader import load_scenario_document
from game.ui.scenes.base import Dialog, error_dialog


def scenario_problem_text(err: ScenarioError) -> str:
    """Every problem the loader found, one per line (file:line:col: path: message)."""
    return "\n".join(str(p) for p in err.problems)


def open_scenario(app, path: str | Path, advice: list[str] | None = None) -> Scenario | None:
    """Load a scenario for the window; on failure show the loader's message and return None.
    ``advice`` receives lint's findings in plain words, when it is given and there are any."""
    try:
        sc, doc = load_scenario_document(path)
        if advice is not None:
            advice += [text] if (text := advice_text(sc, doc)) else []
        return sc
    except ScenarioError as err:
        error_dialog(app, "This scenario cannot be opened", scenario_problem_text(err))
    except ParleyError as err:
        error_dialog(app, "This scenario cannot be opened", str(err))
    return None


def start_match(app, match: Match) -> None:
    """Make match the game in play and show its table."""
    if app.match is not None:
        app.match.stop()
    app.match = match
    app.reset(app.scene("table"))


def continue_game(app, path: Path) -> None:
    """Resume a saved game, or show why it cannot be."""
    try:
        match = Match.load(path, app.agent_factory)
    except ParleyError as err:
        error_dialog(app, "This save cannot be opened", str(err))
        return
    start_match(app, match)


def to_title(app, autosave: bool = True) -> None:
    """Leave the game in play (autosaved first) for the title screen."""
    if app.match is not None:
        if autosave:
            app.match.autosave()
        app.match.stop()
        app.match = None
    app.reset(app.scene("title"))


def write_handout(app, what: str, write: Callable[[], Path]) -> Path | None:
    """Write a handout (the report, the briefs), then say where it is or why it could not be written."""
    try:
        path = write()
    except ParleyError as err:
        error_dialog(app, f"The {what} could not be written", str(err))
        return None

    def open_it() -> None:
        webbrowser.open(path.resolve().as_uri())

    app.push(Dialog(app, f"{what[0].upper()}{what[1:]} written", f"Written to:\n{path}\n\nOpen it in a web browser to read it, "
                    "print it or save it as a PDF.", (("Open in the browser", open_it, "@primary"),
                                                     ("OK", None, None))))
    return path
