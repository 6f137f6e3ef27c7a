"""Frozen dataclass values made fast, for the engine's hot paths."""

from __future__ import annotations

from typing import Any, TypeVar

_T = TypeVar("_T")


def frozen(cls: type[_T], values: dict[str, Any]) -> _T:
    """A frozen dataclass made from all its field values without its ``__init__`` (which sets each
    field through ``object.__setattr__``, the slowest part of making an observation). Only with a
    value for every field, already in the form ``__post_init__`` would give it."""
    obj = object.__new__(cls)
    obj.__dict__.update(values)
    return obj
