"""The scenario a save names: checked before it is used, and found by its content first.

A save records the scenario's id, content hash and absolute file. ``scenario_ref`` checks them
(an id of the scenario pattern, a hash of 64 hex digits, a path a file system could hold and that
ends in .yaml or .yml: nothing else is ever opened as a scenario from a save). ``find_scenario``
uses the recorded file if its content is the one saved, else a shipped scenario with that
content, and only failing both one with the same id (so that the player hears it "has changed").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.core.errors import FileProblem, SaveError, ScenarioError
from game.core.model import Scenario
from game.files import check_path

SCENARIO_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class ScenarioRef:
    """The scenario a save names: its id, content hash and the file it was read from (if usable)."""

    id: str
    hash: str | None
    file: str | None


# (ref) -> (scenario, the file it was read from) or None
ScenarioFinder = Callable[[ScenarioRef], "tuple[Scenario, str | None] | None"]


def scenario_ref(doc: dict[str, Any], where: str) -> tuple[ScenarioRef, str | None]:
    """The scenario a save document names, and why its recorded file was set aside (if it was)."""
    info = doc.get("scenario")
    scenario_id = info.get("id") if isinstance(info, dict) else None
    if not isinstance(info, dict) or not isinstance(scenario_id, str):
        raise SaveError(f"{where}: 'scenario' is missing or has the wrong type")
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,59}", scenario_id):
        raise SaveError(f"{where}: the scenario id it names is not a scenario id")
    content_hash = info.get("hash")
    if content_hash is not None and not (isinstance(content_hash, str) and re.fullmatch(r"[0-9a-f]{64}",
                                                                                        content_hash)):
        raise SaveError(f"{where}: the scenario's content hash is malformed")
    file, set_aside = info.get("file"), None
    if file is not None:
        try:
            if not isinstance(file, str):
                raise FileProblem("?", "not a file path")
            check_path(file)
            if Path(file).suffix.lower() not in SCENARIO_SUFFIXES:
                raise FileProblem(file, "not a .yaml or .yml file, so never opened as a scenario")
        except FileProblem as err:
            set_aside = f"the scenario file it records is not used: {err.reason}"
            file = None
    return ScenarioRef(scenario_id, content_hash, file), set_aside


def find_scenario(ref: ScenarioRef) -> tuple[Scenario, str | None] | None:
    """The scenario a save names, and its file: the recorded file if its content is the one
    saved, else a shipped scenario with that content; failing both, the recorded file or a
    shipped scenario with that id (which then "has changed"); None if there is none."""
    from game.resources import shipped_scenarios
    from game.scenario.loader import load_scenario_bytes, read_scenario_file

    def content(path: str) -> bytes | None:
        try:
            return read_scenario_file(path)
        except ScenarioError:
            return None

    recorded = content(ref.file) if ref.file else None
    if recorded is not None and hashlib.sha256(recorded).hexdigest() == ref.hash:
        scenario = load_scenario_bytes(recorded, ref.file)
        if scenario.id == ref.id:
            return scenario, ref.file
    shipped = [str(p) for p in shipped_scenarios()]
    for path in shipped:
        data = content(path)
        if data is not None and hashlib.sha256(data).hexdigest() == ref.hash:
            scenario = load_scenario_bytes(data, path)
            if scenario.id == ref.id:
                return scenario, path
    # No file holds what was saved: find one with the id, so the player hears it has changed.
    candidates = ([(recorded, ref.file)] if recorded is not None else []) + \
        [(None, p) for p in sorted(shipped, key=lambda p: Path(p).stem != ref.id)]
    for data, path in candidates:
        data = data if data is not None else content(path)
        if data is None:
            continue
        try:
            scenario = load_scenario_bytes(data, path)
        except ScenarioError:
            continue
        if scenario.id == ref.id:
            return scenario, path
    return None
