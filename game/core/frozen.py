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


_new = object.__new__
_set = object.__setattr__


def frozen_own(cls: type[_T], values: dict[str, Any]) -> _T:
    """``frozen(cls, values)`` that takes the dict itself as the object's attributes, without
    copying it: only for a dict just made for this object, which the caller then forgets."""
    obj = _new(cls)
    _set(obj, "__dict__", values)
    return obj
