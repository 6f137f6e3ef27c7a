"""The hosted game's protocol: JSON text messages over one WebSocket, version 2 (docs/protocol.md).

Every message is one JSON object with a ``type``. This module only reads and checks the shape
of what a client sends (``parse``) and builds what the host sends back; what a message may do
is the room's business (``game.net.room``). A problem is a ``ProtocolError`` with a short code
and a sentence for the person at the other end; it is answered to that client only.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

VERSION = 2
SUPPORTED = (1, 2)  # version 2 only adds messages (the facilitator's): a version 1 page still plays
MAX_MESSAGE = 8 * 1024  # bytes of one client message the host reads
MAX_NAME = 24
MAX_CHAT = 300

# client message type -> {field: (type, required)}
FIELDS: dict[str, dict[str, tuple[type | tuple[type, ...], bool]]] = {
    "hello": {"v": (int, True), "room": (str, True), "name": (str, True), "seat": (str, False)},
    "resume": {"v": (int, True), "token": (str, True)},
    "teacher": {"v": (int, True), "key": (str, True)},
    "seat": {"n": (int, True), "seat": (str, True)},
    "act": {"n": (int, True), "at": (int, True), "action": (dict, True)},
    # several proposals refused in one go (game.present.answers): one Reject each, as if sent one by one
    "refuse": {"n": (int, True), "at": (int, True), "group": (str, True), "proposals": (list, True)},
    "chat": {"n": (int, True), "text": (str, True)},
    # the teacher's intents (a teacher connection only)
    "start": {"n": (int, True)},
    "assign": {"n": (int, True), "member": (int, True), "seat": (str, True)},
    "computer": {"n": (int, True), "seat": (str, True)},
    "open": {"n": (int, True), "seat": (str, True)},
    "facilitate": {"n": (int, True), "action": (dict, True)},  # rules 10.x (game.net.console)
}


class ProtocolError(Exception):
    """A message the host will not act on: ``code`` for programs, ``message`` for people."""

    def __init__(self, code: str, message: str, ref: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.ref = ref


def parse(raw: str | bytes) -> dict[str, Any]:
    """The message a client sent, checked against its type's fields; ProtocolError otherwise."""
    if isinstance(raw, (bytes, bytearray, memoryview)):
        raise ProtocolError("binary", "Binary frames are not part of this protocol: send JSON text.")
    if len(raw.encode("utf-8", "surrogatepass")) > MAX_MESSAGE:
        raise ProtocolError("too_big", f"A message may be at most {MAX_MESSAGE} bytes.")
    try:
        data = json.loads(raw, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise ProtocolError("bad_json", "That message is not valid JSON.") from None
    if not isinstance(data, dict):
        raise ProtocolError("bad_message", "A message must be a JSON object.")
    kind = data.get("type")
    fields = FIELDS.get(kind) if isinstance(kind, str) else None
    ref = data.get("n") if isinstance(data.get("n"), int) and not isinstance(data.get("n"), bool) else None
    if fields is None:
        shown = kind if isinstance(kind, str) and len(kind) <= 20 else "?"
        raise ProtocolError("unknown_type", f"Unknown message type {shown!r}.", ref)
    extra = sorted(set(data) - set(fields) - {"type"})
    if extra:
        raise ProtocolError("bad_message", f"Unexpected field {extra[0][:20]!r} in {kind!r}.", ref)
    for name, (want, required) in fields.items():
        if name not in data or data[name] is None:
            if required:
                raise ProtocolError("bad_message", f"{kind!r} needs the field {name!r}.", ref)
            data[name] = None
            continue
        value = data[name]
        if isinstance(value, bool) or not isinstance(value, want):
            raise ProtocolError("bad_message", f"The field {name!r} of {kind!r} has the wrong type.", ref)
    if "v" in fields and data["v"] not in SUPPORTED:
        raise ProtocolError("version", f"This host speaks protocol version {VERSION}; reload the page.")
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(name)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def clean_text(text: str, limit: int) -> str:
    """Text from a person, fit to show: normalised, no control or direction characters, trimmed.
    It stays text: the page escapes it (it is never HTML)."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text)
    return " ".join(text.split())[:limit]


def message(kind: str, **fields: Any) -> str:
    """A host message as JSON text."""
    return json.dumps({"type": kind, **fields}, ensure_ascii=False, separators=(",", ":"))


def error(err: ProtocolError) -> str:
    out: dict[str, Any] = {"code": err.code, "message": err.message}
    if err.ref is not None:
        out["ref"] = err.ref
    return message("error", **out)
