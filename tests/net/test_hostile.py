"""The LAN is not trusted: every hostile input gets a clear error to its sender only, and the game
and the other clients go on (issue 11, "Bad input and security"). One served game for the module."""

from __future__ import annotations

import http.client
import json
import time

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from game.net.protocol import MAX_MESSAGE
from tests.net.served import Served


@pytest.fixture(scope="module")
def game(tmp_path_factory):
    import os

    old = os.environ.get("PARLEY_HOME")
    os.environ["PARLEY_HOME"] = str(tmp_path_factory.mktemp("home"))
    served = Served(students=["highford", "lowmere"])
    alice = served.client()
    alice.join(served.room.code, "Alice", "highford")
    bob = served.client()
    bob.join(served.room.code, "Bob", "lowmere")
    teacher = served.teacher()
    teacher.numbered(type="start")
    alice.expect("state", until=lambda m: "view" in m)
    bob.expect("state", until=lambda m: "view" in m)
    yield served, alice, bob
    for c in (alice, bob, teacher):
        c.close()
    served.stop()
    if old is None:
        os.environ.pop("PARLEY_HOME", None)
    else:
        os.environ["PARLEY_HOME"] = old


def _errors(client, quiet: float = 0.3) -> list[dict]:
    """The error messages the client gets in a short while."""
    out = []
    deadline = time.monotonic() + quiet
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return out
        try:
            m = client.recv(left)
        except TimeoutError:
            return out
        if m["type"] == "error":
            out.append(m)


def _alive(served, client) -> None:
    """The connection still answers: a chat message comes back to its team."""
    ref = client.numbered(type="chat", text="still here")
    client.expect("done", until=lambda m: m["ref"] == ref)


def _number(frame) -> int:
    try:
        n = json.loads(frame).get("n")
    except (ValueError, AttributeError, RecursionError):
        return 0
    return n if isinstance(n, int) and not isinstance(n, bool) else 0


FRAMES = [
    ("malformed JSON", "{not json", "bad_json"),
    ("a JSON constant", '{"type": "chat", "n": NEXT, "text": NaN}', "bad_json"),
    ("deep nesting", "[" * 3000 + "]" * 3000, "bad_json"),
    ("not an object", "[1, 2, 3]", "bad_message"),
    ("unknown type", '{"type": "launch_missiles"}', "unknown_type"),
    ("no type", '{"n": 5}', "unknown_type"),
    ("missing field", '{"type": "act", "n": NEXT}', "bad_message"),
    ("wrong field type", '{"type": "chat", "n": "one", "text": "hi"}', "bad_message"),
    ("a bool for a number", '{"type": "chat", "n": true, "text": "hi"}', "bad_message"),
    ("unexpected field", '{"type": "chat", "n": NEXT, "text": "hi", "admin": true}', "bad_message"),
    ("over the size cap", json.dumps({"type": "chat", "n": "NEXT", "text": "x" * (MAX_MESSAGE + 10)}), "too_big"),
    ("binary frame", b"\x00\x01\x02binary", "binary"),
    ("a second hello", '{"type": "hello", "v": 1, "room": "AAAAA", "name": "Eve"}', "already"),
    ("a teacher's intent", '{"type": "start", "n": NEXT}', "teacher_only"),
    ("a teacher's move", '{"type": "assign", "n": NEXT, "member": 1, "seat": "commission"}', "teacher_only"),
    ("an action for another seat", json.dumps({"type": "act", "n": "NEXT", "at": 0,
                                               "action": {"kind": "end", "actor": "lowmere"}}), "not_your_seat"),
    ("a malformed action", json.dumps({"type": "act", "n": "NEXT", "at": 0, "action": {"kind": "fly"}}), None),
    ("an old protocol version", '{"type": "resume", "v": 0, "token": "x"}', "version"),
]


@pytest.mark.parametrize("name,frame,code", FRAMES, ids=[f[0] for f in FRAMES])
def test_a_hostile_frame_gets_an_error_to_its_sender_only(game, name, frame, code):
    served, alice, bob = game
    steps = served.room.match.session.step
    if isinstance(frame, str):
        frame = frame.replace('"NEXT"', "NEXT").replace("NEXT", str(alice.n + 1))
    alice.ws.send(frame)
    alice.n = max(alice.n, _number(frame))  # the host counts a refused message's number as seen
    errors = _errors(alice)
    assert len(errors) == 1, errors
    if code is not None:
        assert errors[0]["code"] == code
    assert errors[0]["message"] and "Traceback" not in errors[0]["message"]
    assert not _errors(bob, 0.05)
    assert served.room.match.session.step >= steps
    _alive(served, alice)


def test_a_message_far_over_the_cap_closes_only_that_connection(game):
    served, alice, bob = game
    eve = served.client()
    eve.ws.send("x" * (MAX_MESSAGE * 8))
    with pytest.raises(ConnectionClosed) as err:
        eve.recv(5)
    assert err.value.rcvd.code == 1009
    _alive(served, alice)
    _alive(served, bob)


def test_a_wrong_room_code_and_another_games_code_are_refused(game):
    served, _alice, _bob = game
    other = Served()
    try:
        for code in ("ZZZZZ", other.room.code, "", served.room.code + "X"):
            eve = served.client()
            eve.send(type="hello", v=1, room=code, name="Eve")
            errors = _errors(eve)
            assert [e["code"] for e in errors] == ["bad_room"], code
            eve.close()
    finally:
        other.stop()
    assert all(m.name != "Eve" for m in served.room.members.values())


def test_guessing_room_codes_closes_the_connection(game):
    served, _, _ = game
    eve = served.client()
    with pytest.raises(ConnectionClosed):
        for i in range(20):
            eve.send(type="hello", v=1, room=f"A{i:04d}", name="Eve")
            eve.recv(5)


def test_a_forged_token_is_refused(game):
    served, _, _ = game
    eve = served.client()
    eve.send(type="resume", v=1, token="forged-" + "a" * 30)
    assert [e["code"] for e in _errors(eve)] == ["bad_token"]


def test_a_stolen_token_cannot_take_over_a_connected_student(game):
    served, alice, _ = game
    eve = served.client()
    eve.send(type="resume", v=1, token=alice.welcome["token"])
    assert [e["code"] for e in _errors(eve)] == ["token_in_use"]
    _alive(served, alice)


def test_a_replayed_message_is_refused(game):
    served, alice, _ = game
    ref = alice.numbered(type="chat", text="once")
    alice.expect("done", until=lambda m: m["ref"] == ref)
    alice.send(type="chat", n=ref, text="once")
    errors = _errors(alice)
    assert [e["code"] for e in errors] == ["replayed"]
    assert sum(c["text"] == "once" for c in served.room.teams["highford"].chat) == 1


def test_a_replayed_action_is_refused_and_an_old_one_is_stale(game):
    served, alice, bob = game
    session = served.room.match.session
    mover = alice if session.to_move == "highford" else bob
    at = session.step
    mover.last_state = mover.expect("state", until=lambda m: m.get("step") == at) if mover.last_state["step"] != at \
        else mover.last_state
    frame = json.dumps({"type": "act", "n": mover.n + 1, "at": at, "action": {"kind": "end"}})
    mover.n += 1
    mover.ws.send(frame)
    mover.expect("done", until=lambda m: m["ref"] == mover.n)
    steps = session.step
    mover.ws.send(frame)  # the same frame again
    assert [e["code"] for e in _errors(mover)] == ["replayed"]
    mover.act({"kind": "end"}, at=at)  # a new number, but the step it was meant for is gone
    assert [e["code"] for e in _errors(mover)] == ["stale"]
    assert session.step >= steps


def test_a_flood_is_rate_limited_and_the_others_go_on(game):
    served, _alice, bob = game
    mallory = served.client()
    mallory.join(served.room.code, "Mallory", "lowmere")
    for _ in range(120):
        mallory.numbered(type="chat", text="spam")
    errors = _errors(mallory, 1.0)
    assert any(e["code"] == "rate_limited" for e in errors)
    assert sum(c["text"] == "spam" for c in served.room.teams["lowmere"].chat) < 60
    _alive(served, bob)
    time.sleep(1.0)
    _alive(served, mallory)
    mallory.close()


def _get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", path, headers=headers or {})
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, body


TRAVERSALS = ["/../pyproject.toml", "/%2e%2e/pyproject.toml", "/..%2fpyproject.toml", "/%2E%2E%2F%2E%2E%2Fmain.py",
              "/static/../../main.py", "//etc/passwd", "/app.js/../../game/cli.py", "/..\\..\\main.py",
              "/static/app.js", "/%00", "/index.html%00.js"]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_page_requests_reach_only_the_page_files(game, path):
    served, _, _ = game
    status, body = _get(served.port, path)
    assert status == 404
    assert b"import" not in body and b"root:" not in body


def test_the_page_is_served_with_a_strict_policy(game):
    served, _, _ = game
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=5)
    conn.request("GET", "/")
    resp = conn.getresponse()
    assert resp.status == 200 and b"app.js" in resp.read()
    policy = resp.getheader("Content-Security-Policy")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert resp.getheader("X-Content-Type-Options") == "nosniff"


def test_a_socket_from_another_site_is_refused(game):
    served, _, _ = game
    with pytest.raises(InvalidStatus) as err:
        served.client(origin="http://evil.example")
    assert err.value.response.status_code == 403


def test_markup_in_names_and_chat_stays_text(game):
    served, alice, _ = game
    ref = alice.numbered(type="chat", text="<script>alert(1)</script>\u202e")
    alice.expect("done", until=lambda m: m["ref"] == ref)
    line = served.room.teams["highford"].chat[-1]
    assert line["text"] == "<script>alert(1)</script>"  # kept as text; the page never parses it as HTML
    from importlib import resources

    page = resources.files("game.web").joinpath("static", "app.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in page


def test_the_game_went_on_and_nothing_was_lost(game):
    served, _alice, bob = game
    assert served.room.match is not None
    assert not any(json.loads(f)["type"] == "error" for f in bob.frames)
    assert {m.name for m in served.room.members.values()} >= {"Alice", "Bob"}


def test_two_hundred_connections_at_once_and_the_game_goes_on(game):
    served, alice, bob = game
    crowd = [served.client() for _ in range(200)]
    try:
        for i, c in enumerate(crowd):
            c.send(type="hello", v=1, room=served.room.code, name=f"Student {i}", seat="lowmere")
        welcomed = sum(c.expect("welcome")["seat"] == "lowmere" for c in crowd)
        assert welcomed == 200
        assert served.host.connections >= 200
        _alive(served, alice)
        _alive(served, bob)
    finally:
        for c in crowd:
            c.close()
