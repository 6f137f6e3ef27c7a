"""What a seat can do: small frozen records, and their plain-JSON form for saves.

Every action names the actor who takes it. Answers and choices may carry a one-line
``reason`` (computer actors fill it in; the transcript and the log show it). Nothing here
knows whether the action is legal: ``game.core.rules.check`` decides that.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from game.core.errors import IllegalActionError
from game.core.frozen import frozen_own

Terms = tuple[tuple[str, int], ...]  # (joint move id, variant level), sorted by move id

MAX_REASON = 300


def make_terms(pairs: dict[str, int] | Terms) -> Terms:
    """Terms in their one canonical order (by joint move id)."""
    items = pairs.items() if isinstance(pairs, dict) else pairs
    return tuple(sorted((str(m), int(v)) for m, v in items))


@dataclass(frozen=True)
class Propose:
    """Offer a deal (one variant of each of one or more joint moves) to other actors."""

    actor: str
    to: tuple[str, ...]
    terms: Terms
    reason: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", make_terms(self.terms))
        object.__setattr__(self, "to", tuple(self.to))


@dataclass(frozen=True)
class Accept:
    """Accept an open proposal addressed to the actor."""

    actor: str
    proposal: int
    reason: str = ""


@dataclass(frozen=True)
class Reject:
    """Refuse an open proposal addressed to the actor."""

    actor: str
    proposal: int
    reason: str = ""


@dataclass(frozen=True)
class Counter:
    """Refuse an open proposal and offer other terms to its sender and the other parties."""

    actor: str
    proposal: int
    terms: Terms
    reason: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", make_terms(self.terms))


@dataclass(frozen=True)
class Statement:
    """State in public which variant of a joint move the actor supports."""

    actor: str
    move: str
    level: int
    reason: str = ""


@dataclass(frozen=True)
class Message:
    """A private back-channel message to one actor: a variant the sender could live with,
    and optionally a warning naming a unilateral move the sender is able to make."""

    actor: str
    to: str
    move: str
    level: int
    warn: str | None = None
    reason: str = ""
    via: str | None = None  # a mediator who carries it (format 1.1); it sees the message too


@dataclass(frozen=True)
class ChooseMove:
    """In the actions phase: the unilateral move to make this turn (None: none)."""

    actor: str
    move: str | None
    reason: str = ""


@dataclass(frozen=True)
class SetCompliance:
    """In the actions phase: keep (True) or break (False) one's duties in an agreement."""

    actor: str
    move: str  # the joint move of the agreement
    keep: bool
    reason: str = ""


@dataclass(frozen=True)
class EndPhase:
    """Done speaking for now (diplomacy), or done choosing (actions)."""

    actor: str
    reason: str = ""


# ------------------------------------------------------------------ the facilitator's actions
# The facilitator has no seat: its actions name FACILITATOR as their actor (no scenario id can be
# that: ids start with a letter). The rules for them are in game.core.facilitator.

FACILITATOR = "@facilitator"
MAX_HEADLINE = 200  # as a scenario event's headline
MAX_EFFECTS = 20
MAX_EFFECT_TEXT = 500
MAX_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Pause:
    """Stop the game: no seat may act until the facilitator resumes it."""

    actor: str = FACILITATOR
    reason: str = ""


@dataclass(frozen=True)
class Resume:
    """Let the seats act again after a pause."""

    actor: str = FACILITATOR
    reason: str = ""


@dataclass(frozen=True)
class SetDeadline:
    """How long each phase may take, in seconds (0: no deadline). The clock is the window's."""

    seconds: int
    actor: str = FACILITATOR
    reason: str = ""


@dataclass(frozen=True)
class Advance:
    """End the current phase now: the computer plays for every seat that has not finished it."""

    actor: str = FACILITATOR
    reason: str = ""


@dataclass(frozen=True)
class Inject:
    """Fire an event at the next news: a scenario event (``event``), or a headline of the
    facilitator's own with indicator effects written as in a scenario file."""

    event: str | None = None
    headline: str = ""
    effects: tuple[str, ...] = ()
    actor: str = FACILITATOR
    reason: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "effects", tuple(self.effects))


@dataclass(frozen=True)
class HandSeat:
    """Hand a seat to a person ("human") or to the computer ("computer", at ``skill``)."""

    seat: str
    player: str
    skill: str = "normal"
    actor: str = FACILITATOR
    reason: str = ""


@dataclass(frozen=True)
class Reveal:
    """Show one private part of a seat on the debrief: its stances, brief, messages or reasons."""

    seat: str
    part: str
    actor: str = FACILITATOR
    reason: str = ""


@dataclass(frozen=True)
class Rollback:
    """Go back to the start of an earlier turn (after its news) and play on from there as a branch."""

    turn: int
    actor: str = FACILITATOR
    reason: str = ""


FacilitatorAction = Pause | Resume | SetDeadline | Advance | Inject | HandSeat | Reveal | Rollback
FACILITATOR_ACTIONS = (Pause, Resume, SetDeadline, Advance, Inject, HandSeat, Reveal, Rollback)

Action = (Propose | Accept | Reject | Counter | Statement | Message | ChooseMove | SetCompliance | EndPhase
          | FacilitatorAction)

KINDS: dict[str, type] = {
    "propose": Propose,
    "accept": Accept,
    "reject": Reject,
    "counter": Counter,
    "statement": Statement,
    "message": Message,
    "move": ChooseMove,
    "comply": SetCompliance,
    "end": EndPhase,
    "pause": Pause,
    "resume": Resume,
    "deadline": SetDeadline,
    "advance": Advance,
    "inject": Inject,
    "seat": HandSeat,
    "reveal": Reveal,
    "rollback": Rollback,
}
_KIND_OF = {cls: kind for kind, cls in KINDS.items()}
_FIELD_NAMES = {cls: tuple(f.name for f in fields(cls)) for cls in KINDS.values()}  # in order, as fields() gives


def with_reason(action: Action, reason: str) -> Action:
    """``dataclasses.replace(action, reason=reason)`` without running the action's ``__init__`` and
    ``__post_init__`` again: its fields are already in their made form (random play gives a reason to
    every legal action it picks, at nearly every step of its games)."""
    values = action.__dict__.copy()
    values["reason"] = reason
    return frozen_own(type(action), values)


def action_to_json(action: Action) -> dict[str, Any]:
    """A plain JSON object for an action (for saves and transcripts)."""
    out: dict[str, Any] = {"kind": _KIND_OF[type(action)]}
    for name in _FIELD_NAMES[type(action)]:
        value = getattr(action, name)
        if name == "terms":
            value = {m: lvl for m, lvl in value}
        elif isinstance(value, tuple):
            value = list(value)
        if name in ("reason", "via") and not value:
            continue
        if name == "actor" and value == FACILITATOR and isinstance(action, FACILITATOR_ACTIONS):
            continue  # implied by the kind
        if isinstance(action, Inject) and ((name == "event" and value is None)
                                           or (name in ("headline", "effects") and not value)):
            continue
        out[name] = value
    return out


def _want(data: dict, key: str, kind: type | tuple, where: str, optional: bool = False) -> Any:
    if key not in data:
        if optional:
            return None
        raise IllegalActionError(f"{where}: missing '{key}'")
    value = data[key]
    if optional and value is None:
        return None
    if isinstance(value, bool) and kind is not bool:
        raise IllegalActionError(f"{where}: '{key}' has the wrong type")
    if not isinstance(value, kind):
        raise IllegalActionError(f"{where}: '{key}' has the wrong type")
    return value


def action_from_json(data: Any, where: str = "action") -> Action:
    """The action a JSON object describes; IllegalActionError if it is malformed.

    Only the shape is checked here; whether the action is legal is the rules' business.
    """
    if not isinstance(data, dict):
        raise IllegalActionError(f"{where}: not an object")
    kind = data.get("kind")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise IllegalActionError(f"{where}: unknown kind {kind!r}")
    allowed = {f.name for f in fields(cls)} | {"kind"}
    extra = sorted(set(data) - allowed)
    if extra:
        raise IllegalActionError(f"{where}: unexpected key '{extra[0]}'")
    args: dict[str, Any] = {}
    if cls in FACILITATOR_ACTIONS:
        return _facilitator_from_json(cls, data, where)
    for f in fields(cls):
        name = f.name
        if name == "reason":
            reason = _want(data, name, str, where, optional=True) or ""
            args[name] = reason[:MAX_REASON]
        elif name == "terms":
            raw = _want(data, name, dict, where)
            if len(raw) > 100 or not all(isinstance(k, str) for k in raw):
                raise IllegalActionError(f"{where}: bad terms")
            for level in raw.values():
                if isinstance(level, bool) or not isinstance(level, int):
                    raise IllegalActionError(f"{where}: a level in the terms is not a whole number")
            args[name] = make_terms(raw)
        elif name == "to" and cls is Propose:
            raw = _want(data, name, list, where)
            if len(raw) > 100 or not all(isinstance(a, str) for a in raw):
                raise IllegalActionError(f"{where}: bad recipients")
            args[name] = tuple(raw)
        elif name in ("proposal", "level"):
            args[name] = _want(data, name, int, where)
        elif name == "keep":
            args[name] = _want(data, name, bool, where)
        elif name in ("warn", "via") or (name == "move" and cls is ChooseMove):
            args[name] = _want(data, name, str, where, optional=True)
        else:
            args[name] = _want(data, name, str, where)
    return cls(**args)


def _facilitator_from_json(cls: type, data: dict, where: str) -> Action:
    args: dict[str, Any] = {}
    for f in fields(cls):
        name = f.name
        if name == "actor":
            actor = _want(data, name, str, where, optional=True)
            if actor not in (None, FACILITATOR):
                raise IllegalActionError(f"{where}: only the facilitator takes a '{data['kind']}' action")
        elif name == "reason":
            args[name] = (_want(data, name, str, where, optional=True) or "")[:MAX_REASON]
        elif name in ("seconds", "turn"):
            args[name] = _want(data, name, int, where)
        elif name == "event":
            args[name] = _want(data, name, str, where, optional=True)
        elif name == "headline":
            args[name] = _want(data, name, str, where, optional=True) or ""
        elif name == "effects":
            raw = _want(data, name, list, where, optional=True) or []
            if len(raw) > MAX_EFFECTS or not all(isinstance(e, str) for e in raw):
                raise IllegalActionError(f"{where}: 'effects' must be a list of at most {MAX_EFFECTS} texts")
            args[name] = tuple(raw)
        elif name == "skill":
            args[name] = _want(data, name, str, where, optional=True) or "normal"
        else:
            args[name] = _want(data, name, str, where)
    return cls(**args)
