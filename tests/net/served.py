"""A hosted game served on 127.0.0.1 (a free port) from a thread, and a small synchronous client."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from pathlib import Path

from websockets.sync.client import connect

from game.net.room import Room
from game.net.server import Host, run
from game.scenario.loader import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
TUTORIAL = SCENARIOS / "tutorial_river.yaml"
WAIT = 10.0  # seconds any one expected message may take


class Served:
    """A game served until ``stop``: ``room``, ``host``, ``port``, and ``client()`` to talk to it."""

    def __init__(self, scenario: Path = TUTORIAL, seed: int = 5, students: list[str] | None = None) -> None:
        self.room = Room(load_scenario(scenario), str(scenario), seed, students)
        self.host = Host(self.room)
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self.port = 0
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        if not self._ready.wait(WAIT):
            raise RuntimeError("the host did not start")
        self.host.join_url = f"http://127.0.0.1:{self.port}/"

    def _run(self) -> None:
        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()

            def ready(port: int) -> None:
                self.port = port
                self._ready.set()

            await run(self.host, "127.0.0.1", 0, ready, self._stop)

        asyncio.run(main())

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    def client(self, **kwargs) -> Client:
        return Client(self.url, **kwargs)

    def teacher(self) -> Client:
        t = self.client()
        t.send(type="teacher", v=1, key=self.room.teacher_key)
        t.expect("projector")
        return t

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(WAIT)


class Client:
    """One connection: ``send`` a message, ``expect`` one of a type (skipping others), ``join``."""

    def __init__(self, url: str, **kwargs) -> None:
        self.ws = connect(url, open_timeout=WAIT, close_timeout=2, max_size=None, max_queue=None, ping_interval=None, legacy=True, **kwargs)
        self.n = 0
        self.frames: list[str] = []  # every text frame received, in order
        self.last_state: dict | None = None
        self.welcome: dict | None = None

    def send(self, **message) -> None:
        self.ws.send(json.dumps(message))

    def numbered(self, **message) -> int:
        self.n += 1
        self.send(n=self.n, **message)
        return self.n

    def recv(self, timeout: float = WAIT) -> dict:
        raw = self.ws.recv(timeout)
        self.frames.append(raw)
        data = json.loads(raw)
        if data["type"] == "state":
            self.last_state = data
        return data

    def expect(self, kind: str, timeout: float = WAIT, until=None) -> dict:
        """The next message of this type (and, given ``until``, for which it is true)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {kind!r} message within {timeout} s")
            data = self.recv(left)
            if data["type"] == kind and (until is None or until(data)):
                return data

    def join(self, code: str, name: str, seat: str | None = None) -> dict:
        self.send(type="hello", v=1, room=code, name=name, seat=seat)
        self.welcome = self.expect("welcome")
        self.n = self.welcome["last_n"]
        return self.welcome

    def act(self, action: dict, at: int | None = None) -> int:
        step = at if at is not None else self.last_state["step"]
        return self.numbered(type="act", at=step, action=action)

    def close(self) -> None:
        self.ws.close()


def play_ends(client: Client, timeout: float = 60.0) -> dict:
    """End every phase the client's seat is asked to play until the debrief; the last state."""
    deadline = time.monotonic() + timeout
    acted_at = -1
    while time.monotonic() < deadline:
        state = client.expect("state", deadline - time.monotonic())
        view = state.get("view")
        if view is None:
            continue
        if view["over"]:
            return state
        if view["my_turn"] and state["step"] != acted_at:
            acted_at = state["step"]
            client.act({"kind": "end"})
    raise TimeoutError("the game did not end")


def play_scripted(client: Client, timeout: float = 90.0) -> dict:
    """Play the client's seat to the debrief with a bit of everything: a private message and a proposal
    each round, answers to what comes in, a move in each actions phase; the last state."""
    deadline = time.monotonic() + timeout
    done: dict[tuple, int] = {}
    acted_at = -1
    while time.monotonic() < deadline:
        m = client.recv(deadline - time.monotonic())
        if m["type"] == "error":
            acted_at = -1  # the host refused: the script moves on to its next kind of action
            continue
        if m["type"] != "state" or "view" not in m:
            continue
        v = m["view"]
        if v["over"]:
            return m
        if not v["my_turn"] or m["step"] == acted_at or m["computer"]:
            continue
        acted_at = m["step"]
        key = (v["turn"], v["phase"])
        k = done.get(key, 0)
        done[key] = k + 1
        client.act(_scripted_action(v, k))
    raise TimeoutError("the game did not end")


def _scripted_action(v: dict, k: int) -> dict:
    if v["incoming"] and k < 6:
        return {"kind": "accept" if k % 2 else "reject", "proposal": v["incoming"][0]["id"]}
    if v["phase"] == "actions":
        open_moves = [c for c in v["actions"]["moves"] if not c["why_not"]]
        if k == 0 and open_moves:
            return {"kind": "move", "move": open_moves[0]["id"]}
        return {"kind": "end"}
    if k == 0 and v["can"]["message"]:
        j = v["joint_moves"][0]
        return {"kind": "message", "to": v["others"][0]["id"], "move": j["id"], "level": j["variants"][-1]["level"]}
    if k == 1 and v["can"]["deal"]:
        j = v["joint_moves"][-1]
        level = next(x["level"] for x in j["variants"] if x["level"] != j["in_force"])
        return {"kind": "propose", "to": j["consent"] or [v["others"][0]["id"]], "terms": {j["id"]: level}}
    return {"kind": "end"}
