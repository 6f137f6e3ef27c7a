"""Save files: JSON, versioned, checksummed, written atomically, replayed on loading.

A save holds a short summary for the title screen, the scenario's id, title, content hash and
absolute file, the seed, the seats and the action list. Nothing in it is ever executed:
actions are read field by field and replayed through the rules, which check each one; every
other field is checked before it is used.

Format 3 (written now) is one JSON document in a fixed layout, so it can be checked before it
is parsed::

    {"format": "parley-save", "version": 3, "checksum": "<sha256>",
     "summary": {...},
     "scenario": {...},
     "seed": 6,
     "seats": {...},
     "actions": [
      {...},
      {...}
     ]
    }

The checksum is the SHA-256 of the file's bytes with its own 64 digits read as zeros. Reading
takes at most ``MAX_BYTES`` (``game.files.read_capped``), compares the checksum, counts the
brackets, and only then parses; the title screen parses only the summary line. Formats 1 and 2
(a checksum over the canonical JSON, which needs a parse first) are still read, up to
``MAX_LEGACY_BYTES`` and after the bracket count, and migrated.

The checksum guards against damage (a cut-short or garbled file), not against forgery: anyone
can compute it. A forged save can only replay legal actions of a scenario the player has.

The summary's checks live in ``game.save_summary``, the scenario a save names and how it is
found in ``game.save_scenario``.

Writing goes through ``game.files.write_atomic``: a game killed at any moment leaves the
previous save whole in ``NAME`` or ``NAME.bak``. Loading never changes a file. Every problem is
a SaveError naming the file, on one line.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from game.core.actions import Action, action_from_json, action_to_json
from game.core.errors import FileProblem, IllegalActionError, ParleyError, SaveError, ScenarioError
from game.core.model import Scenario
from game.files import read_capped, write_atomic
from game.save_scenario import ScenarioFinder, ScenarioRef, find_scenario, scenario_ref
from game.save_summary import SaveSummary
from game.session import Seat, Session

__all__ = ["SaveSummary", "ScenarioRef", "find_scenario"]  # re-exported: part of what saves offers

FORMAT = "parley-save"
VERSION = 3
MAX_BYTES = 20_000_000
MAX_LEGACY_BYTES = 5_000_000  # formats 1 and 2 must be parsed to be checked; none was ever near this
MAX_ACTIONS = 100_000  # ~200 bytes each: as many as MAX_BYTES holds
MAX_CONTAINERS = 3 * MAX_ACTIONS + 1_000  # JSON objects and lists: an action holds at most three
MAX_SUMMARY_BYTES = 16_000
SUFFIX = ".parley.json"

_HEAD = re.compile(rb'\{"format": "parley-save", "version": ([0-9]{1,9}), "checksum": "([0-9a-f]{64})",\n')
_ZEROS = b"0" * 64


# ----------------------------------------------------------------------------------- writing


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


class Encoder:
    """Encodes a session's save, re-encoding only the actions added since the last call (cheap
    enough to autosave after every action)."""

    def __init__(self) -> None:
        self._actions: list[Action] = []
        self._lines: list[str] = []

    def action_lines(self, actions: Sequence[Action]) -> list[str]:
        same = 0
        limit = min(len(actions), len(self._actions))
        while same < limit and actions[same] is self._actions[same]:
            same += 1
        del self._actions[same:], self._lines[same:]
        for action in actions[same:]:
            self._actions.append(action)
            self._lines.append(_compact(action_to_json(action)))
        return self._lines

    def dumps(self, session: Session, scenario_file: str | None = None) -> bytes:
        """The bytes of the session's save."""
        return encode(_document(session, scenario_file), self.action_lines(session.actions))


def _document(session: Session, scenario_file: str | None) -> dict[str, Any]:
    state, sc = session.state, session.scenario
    return {
        "format": FORMAT,
        "version": VERSION,
        "summary": {
            "title": sc.title,
            "turn": state.turn,
            "turns": sc.turns,
            "date": sc.date_of_turn(state.turn).isoformat(),
            "phase": state.phase,
            "ending": state.ending,
            "humans": session.humans,
        },
        "scenario": {"id": sc.id, "title": sc.title, "hash": sc.content_hash,
                     "file": os.path.abspath(scenario_file) if scenario_file else None},
        "seed": session.seed,
        "seats": {a: {"kind": s.kind, "level": s.level, "agent": s.agent} for a, s in session.seats.items()},
        "actions": None,  # filled in by encode
    }


def encode(doc: dict[str, Any], action_lines: Sequence[str] | None = None) -> bytes:
    """A document in the format-3 layout, with its checksum. ``action_lines`` (each action's JSON)
    replaces ``doc["actions"]`` when given."""
    version = doc.get("version", VERSION)
    head = f'{{"format": "{FORMAT}", "version": {version}, "checksum": "{"0" * 64}",\n'
    parts = [head]
    keys = [k for k in doc if k not in ("format", "version", "checksum")]
    for i, key in enumerate(keys):
        end = ",\n" if i < len(keys) - 1 else "\n"
        value = doc[key]
        if key == "actions" and (action_lines is not None or isinstance(value, list)):
            lines = action_lines if action_lines is not None else [_compact(a) for a in value]
            inner = ",\n".join(f"  {line}" for line in lines)
            parts.append(f' "actions": [\n{inner}{chr(10) if lines else ""} ]{end}')
        else:
            parts.append(f" {_compact(key)}: {_compact(value)}{end}")
    parts.append("}\n")
    data = "".join(parts).encode("utf-8")
    digest = hashlib.sha256(data).hexdigest().encode("ascii")
    at = len(head) - 64 - 3
    return data[:at] + digest + data[at + 64:]


def dumps(session: Session, scenario_file: str | None = None) -> bytes:
    """The bytes of a session's save."""
    return Encoder().dumps(session, scenario_file)


def save(session: Session, path: str | os.PathLike, scenario_file: str | None = None,
         encoder: Encoder | None = None) -> None:
    """Save a session to path atomically, keeping the previous save as NAME.bak; SaveError if not."""
    write_bytes(path, (encoder or Encoder()).dumps(session, scenario_file))


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write an encoded save atomically; SaveError (with a short ``reason``) if it cannot be."""
    try:
        write_atomic(path, data)
    except FileProblem as err:
        raise SaveError(str(err), reason=err.reason) from None


# ----------------------------------------------------------------------------------- reading


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key '{key[:40]}' appears twice")
        out[key] = value
    return out


def _no_constants(name: str) -> Any:
    raise ValueError(f"'{name}' is not a number JSON allows")


def _read(path: str | os.PathLike) -> tuple[bytes, str]:
    try:
        return read_capped(path, MAX_BYTES, "save"), _shown(path)
    except FileProblem as err:
        raise SaveError(str(err), reason=err.reason) from None


def _shown(path: str | os.PathLike) -> str:
    try:
        text = os.fspath(path)
    except TypeError:
        return "?"
    text = str(text).replace("\0", "\\0")
    return text if len(text) <= 200 else text[:180] + "…"


def read_document(path: str | os.PathLike) -> dict[str, Any]:
    """The checked, migrated save document in a file; SaveError if it is not a good save."""
    raw, where = _read(path)
    return parse_document(raw, where)


def _verified_head(raw: bytes, where: str) -> int | None:
    """The version of a format-3 file whose checksum holds (None: an older format); SaveError if
    it is a format-3 file that was damaged or edited."""
    head = _HEAD.match(raw, 0, 200)
    if head is None:
        return None
    version = int(head.group(1))
    if version > VERSION:
        raise _newer(where, version)
    if version < 3:
        return None
    if not raw.endswith(b"}\n"):
        raise SaveError(f"{where}: not valid JSON: the file looks cut short")
    at = head.start(2)
    digest = hashlib.sha256()
    digest.update(memoryview(raw)[:at])
    digest.update(_ZEROS)
    digest.update(memoryview(raw)[at + 64:])
    if digest.hexdigest().encode("ascii") != head.group(2):
        raise SaveError(f"{where}: the checksum does not match: the file was damaged or edited")
    return version


def _newer(where: str, version: int) -> SaveError:
    return SaveError(f"{where}: saved by a newer version of Parley (save format {version}; "
                     f"this one reads up to {VERSION}): update the game to open it")


def _count_containers(raw: bytes, where: str) -> None:
    """Refuse, before parsing, a file with more lists and objects than a save can hold."""
    count = raw.count(b"[") + raw.count(b"{")  # brackets inside text count too: a generous bound
    if count > MAX_CONTAINERS:
        raise SaveError(f"{where}: not a save file: {count:,} lists and objects, more than a save can hold "
                        f"({MAX_CONTAINERS:,})")


def _parse_json(raw: bytes, where: str) -> Any:
    if not raw.strip():
        raise SaveError(f"{where}: the file is empty")
    _count_containers(raw, where)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SaveError(f"{where}: not a save file (not UTF-8 text at byte {err.start})") from None
    try:
        with _collector_paused():
            return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as err:
        hint = " (the file looks cut short)" if err.pos >= len(text.rstrip()) - 1 else ""
        raise SaveError(f"{where}:{err.lineno}:{err.colno}: not valid JSON: {err.msg}{hint}") from None
    except (ValueError, RecursionError, MemoryError) as err:
        raise SaveError(f"{where}: not a save file: {str(err)[:120]}") from None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Parsing makes many containers and no cycles: the cycle collector would only rescan them
    (it tripled the time of a hostile file of 600,000 empty lists)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def parse_document(raw: bytes, where: str) -> dict[str, Any]:
    """The checked, migrated save document in the bytes of a file; SaveError if it is not one."""
    current = _verified_head(raw, where)
    if current is None and len(raw) > MAX_LEGACY_BYTES:
        raise SaveError(f"{where}: not a save file: more than {MAX_LEGACY_BYTES:,} bytes without the "
                        f"layout of save format {VERSION}")
    doc = _parse_json(raw, where)
    if not isinstance(doc, dict) or doc.get("format", FORMAT if "scenario_id" in doc else None) != FORMAT:
        raise SaveError(f"{where}: not a Parley save file")
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise SaveError(f"{where}: the save has no valid format version")
    if version > VERSION:
        raise _newer(where, version)
    if current is None:
        if version >= 3:  # a format-3 save must have the layout its checksum covers
            raise SaveError(f"{where}: the checksum does not match: the file was damaged or edited")
        stored = doc.get("checksum")
        body = {k: v for k, v in doc.items() if k != "checksum"}
        if not isinstance(stored, str) or stored != _checksum(body):
            raise SaveError(f"{where}: the checksum does not match: the file was damaged or edited")
    for older in range(version, VERSION):
        doc = MIGRATIONS[older](doc)
    return doc


def _checksum(body: dict[str, Any]) -> str:
    """The checksum of formats 1 and 2: SHA-256 of the canonical JSON of everything else."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


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


def _migrate_2(doc: dict[str, Any]) -> dict[str, Any]:
    """Format 2 kept the scenario's title beside its id only; format 3 has it in the summary too."""
    out = dict(doc, version=3)
    info, summary_ = doc.get("scenario"), doc.get("summary")
    if isinstance(summary_, dict) and isinstance(info, dict) and "title" not in summary_:
        out["summary"] = dict(summary_, title=info.get("title"))
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _migrate_1, 2: _migrate_2}


# ----------------------------------------------------------------------------------- the summary


_summaries: dict[tuple, SaveSummary | None] = {}


def summary(path: str | os.PathLike) -> SaveSummary | None:
    """The checked summary of a good save (for a "Continue" card), or None if it is not one.

    A format-3 save costs one capped read and a hash: only its summary line is parsed. Results
    are kept per file version (size, time, inode), so redrawing a screen reads nothing again."""
    try:
        st = os.stat(path)
        key = (os.fspath(path), st.st_size, st.st_mtime_ns, st.st_ino, st.st_mode)
    except (OSError, TypeError, ValueError):
        return None
    if key not in _summaries:
        if len(_summaries) > 64:
            _summaries.clear()
        _summaries[key] = _read_summary(path)
    return _summaries[key]


def _read_summary(path: str | os.PathLike) -> SaveSummary | None:
    try:
        raw, where = _read(path)
        if _verified_head(raw, where) is not None:
            first = raw.index(b"\n") + 1
            end = raw.index(b"\n", first, first + MAX_SUMMARY_BYTES)
            line = raw[first:end]
            prefix = b' "summary": '
            if not line.startswith(prefix) or not line.endswith(b","):
                return None
            data = json.loads(line[len(prefix):-1].decode("utf-8"), object_pairs_hook=_no_duplicates,
                              parse_constant=_no_constants)
        else:
            doc = parse_document(raw, where)
            data = doc.get("summary")
            info = doc.get("scenario")
            if isinstance(data, dict) and isinstance(info, dict) and data.get("title") is None:
                data = dict(data, title=info.get("title"))
    except (SaveError, ValueError, RecursionError, UnicodeDecodeError):
        return None
    return SaveSummary.from_json(data)


# ----------------------------------------------------------------------------------- loading


def _field(doc: dict, key: str, kind: type, where: str) -> Any:
    value = doc.get(key)
    if isinstance(value, bool) or not isinstance(value, kind):
        raise SaveError(f"{where}: '{key}' is missing or has the wrong type")
    return value


def load(path: str | os.PathLike, find: ScenarioFinder | None = None,
         agent_factory=None) -> tuple[Session, str | None]:
    """The session saved in path, replayed, and the scenario file it was read from; SaveError otherwise."""
    find = find or find_scenario
    doc = read_document(path)
    where = _shown(path)
    ref, set_aside = scenario_ref(doc, where)
    seed = _field(doc, "seed", int, where)
    if not 0 <= seed < 2**63:
        raise SaveError(f"{where}: the seed is out of range")
    try:
        found = find(ref)
    except ScenarioError as err:
        more = f" (and {len(err.problems) - 1} more problems)" if len(err.problems) > 1 else ""
        raise SaveError(f"{where}: its scenario '{ref.id}' cannot be loaded: {_excerpt(str(err.first))}{more}") \
            from None
    except ParleyError as err:
        raise SaveError(f"{where}: its scenario '{ref.id}' cannot be loaded: {_excerpt(str(err))}") from None
    if found is None:
        why = f" ({set_aside})" if set_aside else ""
        raise SaveError(f"{where}: its scenario '{ref.id}' cannot be found{why}")
    scenario, scenario_file = found
    if ref.hash != scenario.content_hash:
        seen = f" ({scenario_file} differs)" if scenario_file else ""
        raise SaveError(f"{where}: the scenario '{ref.id}' has changed since this game was saved{seen}, "
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
        raise SaveError(f"{where}: {_excerpt(str(err), 300)}") from None
    return session, scenario_file


def _excerpt(text: str, limit: int = 160) -> str:
    """A short, one-line excerpt: an error about a file that is not a scenario quotes little of it."""
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _seats(raw: Any, scenario: Scenario, where: str) -> dict[str, Seat]:
    from game.ai import KINDS, LEVELS

    if not isinstance(raw, dict):
        raise SaveError(f"{where}: 'seats' has the wrong type")
    seats = {}
    for actor, seat in raw.items():
        name = _excerpt(actor, 40)
        if actor not in scenario.actor_ids or not isinstance(seat, dict):
            raise SaveError(f"{where}: seat '{name}' is not an actor of the scenario")
        kind = seat.get("kind", "computer")
        level = seat.get("level", "normal")
        agent = seat.get("agent", "ours")
        if kind not in ("human", "computer"):
            raise SaveError(f"{where}: seat '{name}': unknown kind of seat (human or computer)")
        if level not in LEVELS:
            raise SaveError(f"{where}: seat '{name}': unknown computer level '{_excerpt(str(level), 20)}' "
                            f"(one of {', '.join(LEVELS)})")
        if agent not in KINDS:
            raise SaveError(f"{where}: seat '{name}': unknown computer actor '{_excerpt(str(agent), 20)}' "
                            f"(one of {', '.join(KINDS)})")
        if kind == "human" and not scenario.actor(actor).playable:
            raise SaveError(f"{where}: seat '{name}' is not a playable seat")
        seats[actor] = Seat(actor, kind, level, agent)
    return seats


