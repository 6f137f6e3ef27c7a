"""What the title screen and the load list show of a save: its summary, every field checked.

The summary is read from a file nobody vouches for (the checksum guards against damage, not
forgery), so a field of the wrong type or size makes the whole summary None: the save is then
listed as damaged and skipped by Continue, never a crash.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SaveSummary:
    """What the title screen and the load list show of a save, every field checked."""

    title: str | None = None
    turn: int | None = None
    turns: int | None = None
    date: dt.date | None = None
    phase: str | None = None
    ending: str | None = None
    humans: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Any) -> SaveSummary | None:
        """The summary in decoded JSON, or None if any field is malformed."""
        if not isinstance(data, dict):
            return None
        try:
            date = data.get("date")
            humans = data.get("humans", [])
            if not isinstance(humans, list) or len(humans) > 50 or not all(_text(h, 60) for h in humans):
                return None
            return cls(
                title=_optional(data.get("title"), lambda v: _text(v, 200)),
                turn=_optional(data.get("turn"), lambda v: _count(v, 10_000)),
                turns=_optional(data.get("turns"), lambda v: _count(v, 10_000)),
                date=None if date is None else _date(date),
                phase=_optional(data.get("phase"), lambda v: _text(v, 40)),
                ending=_optional(data.get("ending"), lambda v: _text(v, 100)),
                humans=tuple(humans),
            )
        except ValueError:
            return None


def _optional(value: Any, check: Callable[[Any], bool]) -> Any:
    if value is not None and not check(value):
        raise ValueError
    return value


def _text(value: Any, limit: int) -> bool:
    return isinstance(value, str) and 0 < len(value) <= limit


def _count(value: Any, limit: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= limit


def _date(value: Any) -> dt.date:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError
    return dt.date.fromisoformat(value)
