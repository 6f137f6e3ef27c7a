"""Save files: JSON, versioned, checksummed, written atomically, replayed on loading.

A save holds the scenario's id, content hash and file, the seed, the seats and the action list,
plus a short summary for the title screen, and a SHA-256 checksum of all of that. Nothing in
it is ever executed: actions are read field by field and replayed through the rules, which
check each one.

Writing: the new save goes to a temporary file in the same folder (flushed and fsynced); the
current save, if any, is copied to ``NAME.bak`` the same way; then the temporary file replaces
the save in one atomic step. A game killed at any moment leaves the previous save whole in
``NAME`` or ``NAME.bak``.

Loading never changes a file. Every problem is a SaveError naming the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.core.actions import action_from_json, action_to_json
from game.core.errors import IllegalActionError, ParleyError, SaveError
from game.core.model import Scenario
from game.session import Seat, Session

FORMAT = "parley-save"
VERSION = 2
MAX_BYTES = 20_000_000
MAX_ACTIONS = 200_000
SUFFIX = ".parley.json"

ScenarioFinder = Callable[[str, str | None], Scenario | None]  # (id, file hint) -> scenario


def _checksum(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def save_document(session: Session, scenario_file: str | None = None) -> dict[str, Any]:
    """The save of a session as a JSON-ready object."""
    state = session.state
    body: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "scenario": {
            "id": session.scenario.id,
            "title": session.scenario.title,
            "hash": session.scenario.content_hash,
            "file": scenario_file,
        },
        "seed": session.seed,
        "seats": {a: {"kind": s.kind, "level": s.level, "agent": s.agent} for a, s in session.seats.items()},
        "actions": [action_to_json(a) for a in session.actions],
        "summary": {
            "turn": state.turn,
            "turns": session.scenario.turns,
            "date": session.scenario.date_of_turn(state.turn).isoformat(),
            "phase": state.phase,
            "ending": state.ending,
            "humans": session.humans,
        },
    }
    body["checksum"] = _checksum(body)
    return body


def dumps(session: Session, scenario_file: str | None = None) -> bytes:
    return (json.dumps(save_document(session, scenario_file), indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def write_atomic(path: str | os.PathLike, data: bytes, backup: bool = True) -> None:
    """Write data to path so that a crash at any moment leaves the old or the new file whole."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)

    def _stage(payload: bytes) -> str:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(payload)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            _remove(tmp)
            raise
        return tmp

    try:
        if backup and path.is_file():
            old = path.read_bytes()
            tmp_bak = _stage(old)
            os.replace(tmp_bak, path.with_name(path.name + ".bak"))
        tmp = _stage(data)
        os.replace(tmp, path)
        _fsync_dir(folder)
    except OSError as err:
        raise SaveError(f"{path}: cannot be written: {err.strerror or err}") from None


def _remove(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save(session: Session, path: str | os.PathLike, scenario_file: str | None = None) -> None:
    """Save a session to path atomically, keeping the previous save as NAME.bak."""
    write_atomic(path, dumps(session, scenario_file))


# ----------------------------------------------------------------------------------- loading


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key '{key}' appears twice")
        out[key] = value
    return out


def _no_constants(name: str) -> Any:
    raise ValueError(f"'{name}' is not a number JSON allows")


def read_document(path: str | os.PathLike) -> dict[str, Any]:
    """The checked, migrated save document in a file; SaveError if it is not a good save."""
    where = str(path)
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise SaveError(f"{where}: is {size:,} bytes, more than a save can be ({MAX_BYTES:,})")
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise SaveError(f"{where}: no such file") from None
    except IsADirectoryError:
        raise SaveError(f"{where}: is a folder, not a save file") from None
    except OSError as err:
        raise SaveError(f"{where}: cannot be read: {err.strerror or err}") from None
    return parse_document(raw, where)


def parse_document(raw: bytes, where: str) -> dict[str, Any]:
    if not raw.strip():
        raise SaveError(f"{where}: the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SaveError(f"{where}: not a save file (not UTF-8 text at byte {err.start})") from None
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as err:
        hint = " (the file looks cut short)" if err.pos >= len(text.rstrip()) - 1 else ""
        raise SaveError(f"{where}:{err.lineno}:{err.colno}: not valid JSON: {err.msg}{hint}") from None
    except (ValueError, RecursionError) as err:
        raise SaveError(f"{where}: not a save file: {err}") from None
    if not isinstance(doc, dict) or doc.get("format", FORMAT if "scenario_id" in doc else None) != FORMAT:
        raise SaveError(f"{where}: not a Parley save file")
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise SaveError(f"{where}: the save has no valid format version")
    if version > VERSION:
        raise SaveError(f"{where}: saved by a newer version of Parley (save format {version}; "
                        f"this one reads up to {VERSION}): update the game to open it")
    stored = doc.get("checksum")
    body = {k: v for k, v in doc.items() if k != "checksum"}
    if not isinstance(stored, str) or stored != _checksum(body):
        raise SaveError(f"{where}: the checksum does not match: the file was damaged or edited")
    for older in range(version, VERSION):
        doc = MIGRATIONS[older](doc)
    return doc


def _migrate_1(doc: dict[str, Any]) -> dict[str, Any]:
    """Format 1 (the first draft) kept the scenario as flat keys and had no seats or summary:
    every seat was played by the computer."""
    return {
        "format": FORMAT,
        "version": 2,
        "scenario": {"id": doc.get("scenario_id"), "title": None, "hash": doc.get("scenario_hash"),
                     "file": doc.get("scenario_file")},
        "seed": doc.get("seed"),
        "seats": {},
        "actions": doc.get("actions"),
        "summary": {},
    }


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _migrate_1}


def _field(doc: dict, key: str, kind: type, where: str) -> Any:
    value = doc.get(key)
    if isinstance(value, bool) or not isinstance(value, kind):
        raise SaveError(f"{where}: '{key}' is missing or has the wrong type")
    return value


def load(path: str | os.PathLike, find: ScenarioFinder, agent_factory=None) -> tuple[Session, str | None]:
    """The session saved in path, replayed, and the scenario file it names; SaveError otherwise."""
    where = str(path)
    doc = read_document(path)
    info = _field(doc, "scenario", dict, where)
    scenario_id = _field(info, "id", str, where)
    file_hint = info.get("file") if isinstance(info.get("file"), str) else None
    content_hash = info.get("hash")
    seed = _field(doc, "seed", int, where)
    if not 0 <= seed < 2**63:
        raise SaveError(f"{where}: the seed is out of range")
    try:
        scenario = find(scenario_id, file_hint)
    except ParleyError as err:
        raise SaveError(f"{where}: its scenario '{scenario_id}' cannot be loaded: {err}") from None
    if scenario is None:
        raise SaveError(f"{where}: its scenario '{scenario_id}' cannot be found")
    if content_hash != scenario.content_hash:
        raise SaveError(f"{where}: the scenario '{scenario_id}' has changed since this game was saved, "
                        "so the game cannot be replayed")
    seats = _seats(doc.get("seats", {}), scenario, where)
    raw_actions = _field(doc, "actions", list, where)
    if len(raw_actions) > MAX_ACTIONS:
        raise SaveError(f"{where}: too many actions ({len(raw_actions):,})")
    try:
        actions = [action_from_json(a, f"action {i + 1}") for i, a in enumerate(raw_actions)]
        kwargs = {} if agent_factory is None else {"agent_factory": agent_factory}
        session = Session.replay(scenario, seed, seats, actions, **kwargs)
    except (IllegalActionError, ValueError) as err:
        raise SaveError(f"{where}: {err}") from None
    return session, file_hint


def _seats(raw: Any, scenario: Scenario, where: str) -> dict[str, Seat]:
    if not isinstance(raw, dict):
        raise SaveError(f"{where}: 'seats' has the wrong type")
    seats = {}
    for actor, seat in raw.items():
        if actor not in scenario.actor_ids or not isinstance(seat, dict):
            raise SaveError(f"{where}: seat '{actor}' is not an actor of the scenario")
        kind = seat.get("kind", "computer")
        level = seat.get("level", "normal")
        agent = seat.get("agent", "ours")
        if kind not in ("human", "computer") or not isinstance(level, str) or not isinstance(agent, str):
            raise SaveError(f"{where}: seat '{actor}' is malformed")
        seats[actor] = Seat(actor, kind, level[:20], agent[:20])
    return seats


def summary(path: str | os.PathLike) -> dict[str, Any] | None:
    """The summary of a good save (for a "Continue" card), or None if it is not one."""
    try:
        doc = read_document(path)
    except SaveError:
        return None
    out = dict(doc.get("summary") or {})
    out["title"] = (doc.get("scenario") or {}).get("title")
    return out


def find_scenario(scenario_id: str, file_hint: str | None) -> Scenario | None:
    """The scenario a save names: a shipped one with that id, else the file the save recorded."""
    from game.resources import shipped_scenarios
    from game.scenario.loader import load_scenario

    for path in shipped_scenarios():
        if Path(path).stem == scenario_id:
            scenario = load_scenario(path)
            if scenario.id == scenario_id:
                return scenario
    if file_hint and Path(file_hint).is_file():
        scenario = load_scenario(file_hint)
        if scenario.id == scenario_id:
            return scenario
    for path in shipped_scenarios():
        scenario = load_scenario(path)
        if scenario.id == scenario_id:
            return scenario
    return None
