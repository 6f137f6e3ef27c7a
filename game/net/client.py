"""The host window's side of a hosted game: it starts the host process and is a client of it.

``HostProcess`` runs ``python -m game.net SCENARIO --announce json`` (exactly ``parley serve``),
reads the join address, room code and teacher key from its first line, and connects to it as
the teacher over the same WebSocket the teacher's browser tab would use. A reader thread keeps
only the newest projector message (``latest``), so the window never falls behind; ``send``
posts the teacher's intents. The computers' thinking and the students' traffic all happen in
that other process: none of it can take a frame from the window. No pygame here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

START_TIMEOUT = 20.0


@dataclass(frozen=True)
class Announce:
    url: str
    port: int
    code: str
    teacher_key: str
    teacher_url: str
    seed: int


class HostError(Exception):
    """The host process could not be started or reached (the reason, for the teacher)."""


class HostProcess:
    def __init__(self, scenario: str | Path, port: int = 8765, bind: str = "0.0.0.0",
                 students: list[str] | None = None, seed: int | None = None, level: str = "normal",
                 env: dict[str, str] | None = None, on_change: Callable[[], None] | None = None) -> None:
        args = [sys.executable, "-m", "game.net", str(scenario), "--port", str(port), "--bind", bind,
                "--announce", "json", "--level", level]
        if students is not None:
            args += ["--students", ",".join(students)]
        if seed is not None:
            args += ["--seed", str(seed)]
        root = Path(__file__).resolve().parents[2]
        full_env = dict(os.environ if env is None else env)
        full_env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), full_env.get("PYTHONPATH", "")) if p)
        # the host watches its standard input: when this process ends, however it ends, so does the host
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=full_env)
        self.on_change = on_change
        self.latest: dict[str, Any] | None = None
        self.console: dict[str, Any] | None = None  # the facilitator's console (issue 12), once started
        self.errors: list[str] = []
        self.version = 0  # bumped by every message taken in (the window redraws when it changes)
        self._lock = threading.Lock()
        self._n = 0
        self.announce = self._read_announce()
        try:
            self.ws = connect(f"ws://127.0.0.1:{self.announce.port}/ws", open_timeout=START_TIMEOUT,
                              max_size=None, legacy=True)
        except OSError as err:
            self.stop()
            raise HostError(f"cannot reach the host: {err}") from None
        self.ws.send(json.dumps({"type": "teacher", "v": 1, "key": self.announce.teacher_key}))
        self._reader = threading.Thread(target=self._read, name="parley-host-client", daemon=True)
        self._reader.start()

    def _read_announce(self) -> Announce:
        out: list[str] = []
        reader = threading.Thread(target=lambda: out.append(self.proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(START_TIMEOUT)
        line = out[0] if out else ""
        try:
            data = json.loads(line)
            return Announce(data["url"], data["port"], data["code"], data["teacher_key"], data["teacher_url"],
                            data["seed"])
        except (ValueError, KeyError, TypeError):
            self.proc.kill()
            problem = (self.proc.stderr.read() or "").strip().splitlines() if self.proc.stderr else []
            raise HostError(problem[-1] if problem else "the host did not start") from None

    def _read(self) -> None:
        while True:
            try:
                raw = self.ws.recv()
            except (ConnectionClosed, OSError, EOFError):
                return
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            with self._lock:
                if data.get("type") == "projector":
                    self.latest = data
                elif data.get("type") == "console":
                    self.console = data.get("console")
                elif data.get("type") == "error":
                    self.errors.append(str(data.get("message", "")))
                self.version += 1
            if self.on_change is not None:
                self.on_change()

    def take_errors(self) -> list[str]:
        with self._lock:
            out, self.errors = self.errors, []
        return out

    def send(self, kind: str, **fields: Any) -> None:
        """One of the teacher's intents: start, assign (member, seat), computer (seat), open (seat),
        facilitate (action: a facilitator's action as the save format writes it)."""
        self._n += 1
        try:
            self.ws.send(json.dumps({"type": kind, "n": self._n, **fields}))
        except (ConnectionClosed, OSError):
            with self._lock:
                self.errors.append("The host has stopped.")

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, timeout: float = 5.0) -> None:
        """Close the connection and end the host process (it flushes its autosave on the way out)."""
        ws = getattr(self, "ws", None)
        if ws is not None:
            try:
                ws.close()
            except (ConnectionClosed, OSError):
                pass
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()  # the host's signal to stop
            except OSError:
                pass
            deadline = time.monotonic() + timeout / 2
            while self.proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
        if self.proc.poll() is None:
            self.proc.terminate()
            deadline = time.monotonic() + timeout
            while self.proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            if self.proc.poll() is None:
                self.proc.kill()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
